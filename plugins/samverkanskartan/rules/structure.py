"""Rules about the shape of the map: cut points, bridges and isolated actors.

They work on the organisation graph: a unit is tied to its parent, so a school reaches the
others through its own municipality, and what a cut separates is counted in organisations,
not units. Cut points and bridges come from one depth-first search (Hopcroft–Tarjan) that
also counts how many organisations each cut would separate, so a map of 10,000 actors takes
one linear pass instead of a connectivity check per candidate.

Funding and membership are not in that search: money is not a working contact, and a funder
tied only by money must not become a new cut point. They only speak against a cut: a part
that still funds, is funded by or is a member of something on the other side is not cut off.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field

from samverkan.contract import RuleContext, Setting
from samverkan.graph import EdgeKind, NodeKind, SamverkanMap
from samverkan.i18n import Lang, _, lazy, ngettext
from samverkan.model import (
    ActorKind,
    EventKind,
    Flag,
    Severity,
    pair_subject,
    subject,
)
from samverkanskartan.rules.base import (
    NAME_LIMIT,
    BaseRule,
    Settings,
    begins_after,
    evidence,
    listing,
)


@dataclass
class Search:
    """The result of the depth-first search over actors (and forums)."""

    order: list[str] = field(default_factory=list)  # nodes in discovery order
    index: dict[str, int] = field(default_factory=dict)  # node -> position in `order`
    size: dict[str, int] = field(default_factory=dict)  # node -> size of its DFS subtree
    parent: dict[str, str | None] = field(default_factory=dict)
    root: dict[str, str] = field(default_factory=dict)  # node -> root of its component
    cut_children: dict[str, list[str]] = field(default_factory=dict)
    bridges: list[tuple[str, str]] = field(default_factory=list)  # (parent, child)
    actors_before: list[int] = field(default_factory=lambda: [0])  # prefix sums over `order`

    def subtree(self, node: str) -> list[str]:
        start = self.index[node]
        return self.order[start : start + self.size[node]]

    def actors_in_subtree(self, node: str) -> int:
        start = self.index[node]
        return self.actors_before[start + self.size[node]] - self.actors_before[start]


def adjacency(samverkan_map: SamverkanMap, with_forums: bool) -> dict[str, list[str]]:
    """Contacts and forum memberships, plus each unit's tie to its parent."""
    graph = samverkan_map.graph
    kinds = {NodeKind.ACTOR, NodeKind.FORUM} if with_forums else {NodeKind.ACTOR}
    nodes = [n for n, d in graph.nodes(data=True) if d["kind"] in kinds]
    kept = set(nodes)
    adj = {n: [m for m in graph.adj[n] if m != n and m in kept] for n in nodes}
    for actor in samverkan_map.actors():
        parent = actor.parent
        if parent and parent in kept and parent not in adj[actor.id]:
            adj[actor.id].append(parent)
            adj[parent].append(actor.id)
    return adj


def search(adj: dict[str, list[str]], is_actor: dict[str, bool]) -> Search:
    """Articulation points and bridges with subtree sizes, iteratively (no recursion limit)."""
    found = Search()
    low: dict[str, int] = {}
    for root in adj:
        if root in found.index:
            continue
        _visit(found, low, adj, root)
    for node in found.order:
        found.actors_before.append(found.actors_before[-1] + (1 if is_actor[node] else 0))
    return found


def _visit(found: Search, low: dict[str, int], adj: dict[str, list[str]], root: str) -> None:
    def discover(node: str, parent: str | None) -> None:
        found.index[node] = low[node] = len(found.order)
        found.order.append(node)
        found.size[node] = 1
        found.parent[node] = parent
        found.root[node] = root
        found.cut_children[node] = []

    discover(root, None)
    stack = [(root, iter(adj[root]))]
    while stack:
        node, neighbours = stack[-1]
        for other in neighbours:
            if other not in found.index:
                discover(other, node)
                stack.append((other, iter(adj[other])))
                break
            if other != found.parent[node]:
                low[node] = min(low[node], found.index[other])
        else:
            stack.pop()
            parent = found.parent[node]
            if parent is None:
                continue
            low[parent] = min(low[parent], low[node])
            found.size[parent] += found.size[node]
            if low[node] >= found.index[parent]:
                found.cut_children[parent].append(node)
            if low[node] > found.index[parent]:
                found.bridges.append((parent, node))


@dataclass(frozen=True)
class Part:
    """A piece of the map that a cut would separate."""

    actors: int
    head: str  # DFS subtree root, or "" for the part on the parent's side

    def members(self, found: Search, component: list[str], cut: str) -> list[str]:
        if self.head:
            return found.subtree(self.head)
        inside = {n for child in found.cut_children[cut] for n in found.subtree(child)}
        return [n for n in component if n != cut and n not in inside]


def money_links(samverkan_map: SamverkanMap) -> list[tuple[str, str]]:
    """Funder and recipient of every funding and membership."""
    return [
        (funding.funder, funding.recipient)
        for funding in samverkan_map.fundings.values()
        if funding.funder != funding.recipient
    ]


Side = Callable[[str], Hashable | None]


def sides(found: Search, component_root: str, gone: str | None = None) -> Side:
    """Where a node stands once `gone` is removed from its component: 0 for the rest of
    that component, the root of any other component, None for the removed node itself."""

    def side(node: str) -> Hashable | None:
        if node == gone:
            return None
        other_root = found.root.get(node, node)
        return 0 if other_root == component_root else other_root

    return side


def untied(pieces: list[list[str]], side: Side, money: list[tuple[str, str]]) -> list[list[str]]:
    """The pieces that funding or membership does not tie to the rest (side 0), directly,
    through another piece or through another component."""
    piece_of: dict[str, Hashable] = {n: i for i, piece in enumerate(pieces, 1) for n in piece}
    joined: dict[Hashable, Hashable] = {}  # union-find over sides

    def root(x: Hashable) -> Hashable:
        while joined.get(x, x) != x:
            x = joined[x]
        return x

    for a, b in money:
        side_a = piece_of[a] if a in piece_of else side(a)
        side_b = piece_of[b] if b in piece_of else side(b)
        if side_a is not None and side_b is not None and root(side_a) != root(side_b):
            joined[root(side_a)] = root(side_b)
    return [piece for i, piece in enumerate(pieces, 1) if root(i) != root(0)]


def _parts(found: Search, node: str, is_actor: dict[str, bool]) -> list[Part]:
    """The parts that removing `node` leaves, largest first (the first is 'the rest')."""
    children = found.cut_children[node]
    root = found.root[node]
    if found.parent[node] is None and len(children) < 2:
        return []
    parts = [Part(found.actors_in_subtree(c), c) for c in children]
    if found.parent[node] is not None:
        component_actors = found.actors_in_subtree(root)
        rest = component_actors - sum(p.actors for p in parts) - (1 if is_actor[node] else 0)
        parts.append(Part(rest, ""))
    return sorted(parts, key=lambda p: -p.actors)


def _search_map(context: RuleContext, settings: Settings) -> tuple[Search, dict[str, bool]]:
    """One depth-first search that both cut points and bridges read; it counts organisations
    (actors at the top of their parent chain), so a unit cut off with its parent is not
    counted twice and a unit alone is not counted at all."""
    adj = adjacency(context.map, settings.truth("include_forums"))
    is_organisation = {n: _is_organisation(context, n) for n in adj}
    return search(adj, is_organisation), is_organisation


def _is_organisation(context: RuleContext, node: str) -> bool:
    """An actor at the top of its parent chain (a forum is none)."""
    return context.metrics.organisation_of.get(node) == node


def _actor_names(m: SamverkanMap, nodes: list[str], lang: Lang) -> str:
    return listing([m.name(n) for n in nodes if m.has_actor(n)], lang)


class CutPoint(BaseRule):
    id = "cut-point"
    title = _("Cut point")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {"min_cut_off": 2, "include_forums": True}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        found, is_organisation = _search_map(context, settings)
        minimum = settings.whole("min_cut_off")
        money = money_links(context.map)
        for node in found.order:
            # a part without an organisation of its own is a unit of the node itself
            parts = [p for p in _parts(found, node, is_organisation)[1:] if p.actors]
            if sum(p.actors for p in parts) < minimum:
                continue
            component = found.subtree(found.root[node])
            members = [p.members(found, component, node) for p in parts]
            pieces = untied(members, sides(found, found.root[node], node), money)
            cut_off = sum(is_organisation[n] for piece in pieces for n in piece)
            if cut_off >= minimum:
                yield self._flag(context, node, pieces, cut_off)

    def _flag(self, context: RuleContext, node: str, pieces: list[list[str]], cut_off: int) -> Flag:
        m = context.map
        separated = [n for piece in pieces for n in piece]
        is_forum = not m.has_actor(node)
        ties = _ties(m, node, set(separated))

        def explain(lang: Lang) -> str:
            groups = _groups([f"[{_actor_names(m, piece, lang)}]" for piece in pieces], lang)
            return (
                _(
                    "If {what} {name} disappears, {n} are cut off from the rest of the map: {groups}. They reach the others only through {name}."
                )
                .text(lang)
                .format(
                    what=_("the forum").text(lang) if is_forum else _("the actor").text(lang),
                    name=m.name(node),
                    n=ngettext("{n} organisation", "{n} organisations", cut_off).text(lang),
                    groups=groups,
                )
            )

        return self.flag(
            context,
            lazy(lambda lang: _("{n} holds the map together").text(lang).format(n=m.name(node))),
            lazy(explain),
            actors=[] if is_forum else [node],
            forums=[node] if is_forum else [],
            contacts=ties,
            proof=evidence([m.forum(node) if is_forum else m.actor(node)], map(m.contact, ties)),
            subject=subject("forum" if is_forum else "actor", node),
        )


RESPECTIVELY = _("{first} respectively {last}")


def _groups(groups: list[str], lang: Lang) -> str:
    """'[A], [B] respektive [C]'; beyond NAME_LIMIT groups, '[A], [B], … och 33 till'."""
    if len(groups) > NAME_LIMIT:
        return listing(groups, lang)
    if len(groups) == 1:
        return groups[0]
    return RESPECTIVELY.format(first=", ".join(groups[:-1]), last=groups[-1]).text(lang)


def _smaller_side(found: Search, child: str, below: bool) -> list[str]:
    """The nodes a bridge to `child` separates: its subtree, or all the rest of the component."""
    if below:
        return found.subtree(child)
    inside = set(found.subtree(child))
    return [n for n in found.subtree(found.root[child]) if n not in inside]


def _ties(m: SamverkanMap, node: str, others: set[str]) -> list[str]:
    """The contact ids between `node` and the separated actors."""
    ties = []
    for __, other, key, data in m.graph.edges(node, keys=True, data=True):
        if other in others and data["kind"] is EdgeKind.CONTACT:
            ties.append(key)
    return ties


class Bridge(BaseRule):
    id = "bridge"
    title = _("Bridge")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {"min_cut_off": 2, "include_forums": True}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        found, _ = _search_map(context, settings)
        minimum = settings.whole("min_cut_off")
        m = context.map
        money = money_links(m)
        for parent, child in found.bridges:
            if not m.contacts_between(parent, child):
                continue  # a forum membership or a unit's tie to its parent, not a contact
            inside = found.actors_in_subtree(child)
            outside = found.actors_in_subtree(found.root[child]) - inside
            if min(inside, outside) < minimum:
                continue
            below = inside <= outside
            smaller = _smaller_side(found, child, below)
            if untied([smaller], sides(found, found.root[child]), money):
                yield self._flag(context, parent, child, below, smaller)

    def _flag(
        self, context: RuleContext, parent: str, child: str, below: bool, smaller: list[str]
    ) -> Flag:
        m = context.map
        contacts = m.contacts_between(parent, child)
        near, far = (parent, child) if below else (child, parent)
        separated = sum(1 for n in smaller if _is_organisation(context, n))

        def explain(lang: Lang) -> str:
            return (
                _(
                    "The contact between {a} and {b} is the only tie between {n} ({part}) and the rest of the map. If it breaks, they cannot reach the others."
                )
                .text(lang)
                .format(
                    a=m.name(near),
                    b=m.name(far),
                    n=ngettext("{n} organisation", "{n} organisations", separated).text(lang),
                    part=_actor_names(m, smaller, lang),
                )
            )

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("Only link {a} – {b}").text(lang).format(a=m.name(near), b=m.name(far))
                )
            ),
            lazy(explain),
            actors=[near, far, *(n for n in smaller if m.has_actor(n))],
            contacts=[c.id for c in contacts],
            proof=evidence(contacts),
            subject=pair_subject(
                "pair", context.metrics.organisation_of[near], context.metrics.organisation_of[far]
            ),
        )


class IsolatedActor(BaseRule):
    """An organisation with no tie to anyone in the map.

    False alarms it guards against: a unit whose own organisation has ties (it is reached
    through its parent); a parent whose units have ties (`ignore_parents`); an organisation a
    wish or gap names, which is part of that wish rather than a finding of its own; and a
    förbund member or funder, linked through the förbund it belongs to; and an organisation
    whose ties ended with a recorded closure (its office, or the forum it met in) or with the
    end of a project's period, the project's funders included: that is the closure's finding,
    told by lost-local-presence, not a second one; the owner of a
    project, which works through it; and an organisation whose ties begin later (a partner
    of a project that has not started), which joins rather than stands outside.
    """

    id = "isolated-actor"
    title = _("Isolated actor")
    severity = Severity.LOW
    defaults: Mapping[str, Setting] = {"ignore_parents": True}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        m = context.map
        connected = _connected_organisations(context, settings.truth("ignore_parents"))
        named = _named_in_gaps(context)
        funding_parties = m.funding_parties()
        closed_away = _tied_to_closures(context)
        through_projects = _project_owners(context) | _tied_later(context)
        for actor in m.actors():
            organisation = context.metrics.organisation_of.get(actor.id, actor.id)
            if organisation != actor.id:
                continue  # a unit: connected through its parent, or part of its parent's flag
            if organisation in connected or organisation in named:
                continue
            if actor.id in funding_parties or organisation in closed_away:
                continue
            if organisation in through_projects:
                continue
            name = actor.name
            yield self.flag(
                context,
                _("{name} is isolated").format(name=name),
                _(
                    "{name} has no contacts and takes part in no forum in the map. Are contacts missing, or does the actor stand outside the collaboration?"
                ).format(name=name),
                actors=[actor.id],
                proof=evidence([actor]),
                subject=subject("actor", actor.id),
            )


def _project_owners(context: RuleContext) -> set[str]:
    """The organisations that own a project on the analysis day."""
    m = context.map
    return {
        m.organisation(owner)
        for project in m.actors()
        if project.kind is ActorKind.PROJECT
        for owner in project.owners
        if m.has_actor(owner)
    }


def _tied_later(context: RuleContext) -> set[str]:
    """Organisations with a contact or a forum seat that begins after the analysis day."""
    history, day = context.history, context.day
    tied: set[str] = set()
    for contact in history.contacts():
        if begins_after(history, contact, day):
            tied.update(history.organisation(x) for x in (contact.actor_a, contact.actor_b))
    for forum in history.forums():
        for member in forum.members:
            starts = (forum.valid.start, history.actor(member).valid.start)
            if any(start is not None and start > day for start in starts):
                tied.add(history.organisation(member))
    return tied


def _tied_to_closures(context: RuleContext) -> set[str]:
    """Organisations that had a tie (a contact, a forum seat, or money) to something that
    closed on or before the analysis day, or whose own unit closed. A closure is a recorded
    one, or the end of a project's period: a project closes when its time is up, and
    lost-local-presence tells that end with what went with it."""
    history, day = context.history, context.day
    closed = {
        e.actor
        for e in history.events.values()
        if e.kind is EventKind.CLOSURE and e.actor and e.date <= day
    } | {
        a.id
        for a in history.actors()
        if a.kind is ActorKind.PROJECT and a.valid.end is not None and a.valid.end < day
    }
    tied = {
        history.organisation(f.funder) for f in history.fundings.values() if f.recipient in closed
    }
    for node in closed:
        if node not in history.graph:
            continue
        for neighbour in (node, *history.graph.neighbors(node)):
            if history.has_actor(neighbour):
                tied.add(history.organisation(neighbour))
    return tied


def _connected_organisations(context: RuleContext, through_units: bool) -> set[str]:
    """Organisations with a contact or forum anywhere in them (or, without `through_units`,
    in the organisation's own top actor only)."""
    m, organisation_of = context.map, context.metrics.organisation_of
    found: set[str] = set()
    for actor in m.actors():
        if m.graph.degree(actor.id) > 0 and (
            through_units or organisation_of[actor.id] == actor.id
        ):
            found.add(organisation_of[actor.id])
    return found


def _named_in_gaps(context: RuleContext) -> set[str]:
    """Every actor a gap or wish names, as teller or counterpart, and their organisations."""
    organisation_of = context.metrics.organisation_of
    named = {
        x for g in context.map.gaps.values() for x in (g.actor, *g.other_actors, *g.counterparts)
    }
    return named | {organisation_of.get(x, x) for x in named}
