"""Merge: facts from many files become one map.

The same actor written two ways (an alias, or the same id in two workbooks) becomes one
actor; references written as names or aliases become ids; a reference to nothing is an
error at the cell that holds it. Every fact handed in is counted as imported, merged into
another, or rejected with a problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from samverkan.errors import Location, Problem, ProblemLevel
from samverkan.graph import SamverkanMap
from samverkan.i18n import Msg
from samverkan.model import (
    Actor,
    Contact,
    Counterpart,
    Event,
    EventKind,
    Fact,
    Forum,
    Funding,
    Gap,
    Person,
    Source,
    TargetGroup,
    normalise,
    slugify,
)

F = TypeVar("F", bound=Fact)


@dataclass
class MergeOutcome:
    map: SamverkanMap
    problems: list[Problem] = field(default_factory=list)
    merged: int = 0
    rejected: int = 0


def location_of(fact: Fact, field_name: str | None = None) -> Location:
    """The cell a fact's field was read from, as precisely as the importer recorded it."""
    if not fact.provenance:
        return Location("?")
    origin = fact.provenance[0]
    column = origin.column_of(field_name) if field_name else None
    return Location(origin.file, origin.sheet, origin.row, column)


def _keys(fact: Fact) -> set[str]:
    names = [fact.id]
    for attribute in ("name", "title"):
        if isinstance(getattr(fact, attribute, None), str):
            names.append(getattr(fact, attribute))
    names.extend(getattr(fact, "aliases", ()))
    return {normalise(name) for name in names if name}


def _combine(old: F, new: F) -> tuple[F, list[str]]:
    """`old` completed with what `new` adds; the fields where they disagree."""
    if (
        isinstance(old, Actor)
        and isinstance(new, Actor)
        and normalise(old.name) != normalise(new.name)
    ):
        new = replace(new, name=old.name, aliases=(*new.aliases, new.name))
    changes: dict[str, Any] = {"provenance": old.provenance + new.provenance}
    conflicts: list[str] = []
    for spec in fields(old):
        if spec.name in ("id", "provenance"):
            continue
        mine, theirs = getattr(old, spec.name), getattr(new, spec.name)
        if isinstance(mine, tuple):
            changes[spec.name] = mine + tuple(item for item in theirs if item not in mine)
        elif isinstance(mine, dict):
            changes[spec.name] = {**theirs, **mine}
            conflicts.extend(
                f"{spec.name}.{key}"
                for key in sorted(mine.keys() & theirs.keys())
                if mine[key] != theirs[key]
            )
        elif theirs in (None, "", spec.default) or theirs == mine:
            continue
        elif mine in (None, "", spec.default):
            changes[spec.name] = theirs
        else:
            conflicts.append(spec.name)
    return replace(old, **changes), conflicts


class _Merger:
    def __init__(self, title: str) -> None:
        self.outcome = MergeOutcome(SamverkanMap(title))
        self.index: dict[type, dict[str, str]] = {}
        self.created: dict[type, list[Fact]] = {}

    # --- problems -------------------------------------------------------------------------

    def problem(self, fact: Fact, field_name: str | None, message: Msg, error: bool) -> None:
        level = ProblemLevel.ERROR if error else ProblemLevel.WARNING
        self.outcome.problems.append(Problem(location_of(fact, field_name), message, level))

    def reject(self, fact: Fact, field_name: str | None, message: Msg) -> None:
        self.problem(fact, field_name, message, error=True)
        self.outcome.rejected += 1

    # --- deduplication --------------------------------------------------------------------

    def dedupe(self, kind: type[F], facts: Iterable[Fact], by_name: bool = True) -> dict[str, F]:
        """One fact per identity: same id, or (for named facts) same name or alias."""
        kept: dict[str, F] = {}
        index = self.index.setdefault(kind, {})
        for fact in facts:
            if not isinstance(fact, kind):
                continue
            keys = _keys(fact) if by_name else {normalise(fact.id)}
            hits = [index[key] for key in keys if key in index]
            if not hits:
                kept[fact.id] = fact
                index.update(dict.fromkeys(keys, fact.id))
                continue
            target = hits[0]
            if not by_name and _differs(kept[target], fact):
                self.reject(fact, "id", DUPLICATE_ID.format(id=fact.id, other=_where(kept[target])))
                continue
            if by_name and _renamed(kept[target], fact):
                name, other = getattr(fact, "name", ""), kept[target]
                message = SAME_ID.format(id=fact.id, name=name, first=getattr(other, "name", ""))
                self.problem(
                    fact,
                    "id",
                    message + Msg(" ({w})", " ({w})").format(w=_where(other)),
                    error=False,
                )
            kept[target], conflicts = _combine(kept[target], fact)
            index.update(dict.fromkeys(keys, target))
            self.outcome.merged += 1
            for name in conflicts:
                message = CONFLICT.format(field=name, other=_where(kept[target]))
                self.problem(fact, name, message, error=False)
        return kept

    # --- references -----------------------------------------------------------------------

    def resolve(
        self, kind: type, fact: Fact, field_name: str, ref: str | None, required: bool = True
    ) -> str | None:
        """The id `ref` names; None (with an error, or a warning if optional) if none."""
        if not ref:
            return None
        index = self.index.get(kind, {})
        found = index.get(normalise(ref))
        if found is None:
            hint = difflib.get_close_matches(normalise(ref), list(index), n=1)
            message = UNKNOWN_REF.format(ref=ref)
            if hint:
                message = message + DID_YOU_MEAN.format(hint=hint[0])
            if not required:
                message = message + IGNORED
            self.problem(fact, field_name, message, error=required)
        return found

    def resolve_all(
        self, kind: type, fact: Fact, field_name: str, refs: Iterable[str]
    ) -> tuple[str, ...] | None:
        resolved = [self.resolve(kind, fact, field_name, ref) for ref in refs]
        return None if None in resolved else tuple(r for r in resolved if r is not None)

    def implicit(
        self, kind: type[F], refs: Iterable[str], fact: Fact, make: Callable[[str], F]
    ) -> tuple[str, ...]:
        """Ids for names that may be declared nowhere (target groups, carriers): create them."""
        index = self.index.setdefault(kind, {})
        ids = []
        for ref in refs:
            if normalise(ref) not in index:
                created = replace(make(ref), provenance=fact.provenance[:1])
                self.created.setdefault(kind, []).append(created)
                index.update(dict.fromkeys(_keys(created), created.id))
            ids.append(index[normalise(ref)])
        return tuple(ids)


def _renamed(old: Fact, new: Fact) -> bool:
    """Merged by id alone although the names differ: perhaps two actors given one id."""
    name = getattr(new, "name", None)
    return old.id == new.id and isinstance(name, str) and normalise(name) not in _keys(old)


def _differs(a: Fact, b: Fact) -> bool:
    return replace(a, provenance=()) != replace(b, provenance=())


def _where(fact: Fact) -> str:
    return location_of(fact).describe("sv")


DUPLICATE_ID = Msg(
    "id '{id}' finns redan med annat innehåll ({other}); raden avvisas",
    "id '{id}' already exists with other content ({other}); the row is rejected",
)
CONFLICT = Msg(
    "'{field}' skiljer sig från samma post i {other}; det första värdet behålls",
    "'{field}' differs from the same entry in {other}; the first value is kept",
)
SAME_ID = Msg(
    "samma ID '{id}' används för '{name}' och '{first}'; de slås ihop till en och '{name}' "
    "blir ett alias. Ge dem olika ID om de är olika",
    "the same ID '{id}' is used for '{name}' and '{first}'; they are merged into one and "
    "'{name}' becomes an alias. Give them different IDs if they are different",
)
UNKNOWN_REF = Msg("'{ref}' finns inte i kartan", "'{ref}' is not in the map")
DID_YOU_MEAN = Msg(" — menade du '{hint}'?", " — did you mean '{hint}'?")
IGNORED = Msg(" (fältet lämnas tomt)", " (the field is left empty)")


def build_map(facts: list[Fact], title: str = "") -> MergeOutcome:
    """Merge `facts` from all files into one map, resolving names to ids."""
    merger = _Merger(title)
    actors = merger.dedupe(Actor, facts)
    persons = merger.dedupe(Person, facts)
    groups = merger.dedupe(TargetGroup, facts)
    sources = merger.dedupe(Source, facts)
    forums = merger.dedupe(Forum, facts)
    contacts = merger.dedupe(Contact, facts, by_name=False)
    gaps = merger.dedupe(Gap, facts, by_name=False)
    events = merger.dedupe(Event, facts, by_name=False)
    fundings = merger.dedupe(Funding, facts, by_name=False)

    events_ok = [e for e in (_resolve_event(merger, e) for e in events.values()) if e]
    for actor in _apply_events([_resolve_actor(merger, a) for a in actors.values()], events_ok):
        merger.outcome.map.add(actor)
    for forum in _apply_events(list(forums.values()), events_ok):
        _add_if_resolved(merger, _resolve_forum(merger, forum))
    for person in persons.values():
        actor_ref = merger.resolve(Actor, person, "actor", person.actor, required=False)
        merger.outcome.map.add(replace(person, actor=actor_ref))
    for contact in contacts.values():
        _add_if_resolved(merger, _resolve_contact(merger, contact))
    for gap in gaps.values():
        _add_if_resolved(merger, _resolve_gap(merger, gap))
    for event in events_ok:
        merger.outcome.map.add(event)
    for funding in fundings.values():
        _add_if_resolved(merger, _resolve_funding(merger, funding))
    implicit = [fact for created in merger.created.values() for fact in created]
    for fact in [*groups.values(), *sources.values(), *implicit]:
        merger.outcome.map.add(fact)
    return merger.outcome


def _add_if_resolved(merger: _Merger, resolved: Fact | None) -> None:
    if resolved is None:
        merger.outcome.rejected += 1
    else:
        merger.outcome.map.add(resolved)


def _resolve_actor(merger: _Merger, actor: Actor) -> Actor:
    """A parent that cannot be found is dropped with a warning; the actor itself stays."""
    parent = merger.resolve(Actor, actor, "parent", actor.parent, False)
    return _resolve_actor_links(merger, replace(actor, parent=parent))


def _resolve_actor_links(merger: _Merger, actor: Actor) -> Actor:
    """Further parents, a project's owners and receivers: like a parent, optional each."""
    return replace(
        actor,
        other_parents=_resolve_some(merger, actor, "other_parents", actor.other_parents),
        owners=_resolve_some(merger, actor, "owners", actor.owners),
        receivers=_resolve_some(merger, actor, "receivers", actor.receivers),
    )


def _resolve_some(
    merger: _Merger, fact: Fact, field_name: str, refs: Iterable[str]
) -> tuple[str, ...]:
    """The actors among `refs` that exist; each one that does not gets a warning."""
    found = (merger.resolve(Actor, fact, field_name, ref, required=False) for ref in refs)
    return tuple(dict.fromkeys(ref for ref in found if ref is not None))


def _resolve_forum(merger: _Merger, forum: Forum) -> Forum | None:
    members = merger.resolve_all(Actor, forum, "members", forum.members)
    convener = merger.resolve(Actor, forum, "convener", forum.convener, required=False)
    if members is None:
        return None
    groups = merger.implicit(TargetGroup, forum.target_groups, forum, _new_group)
    return replace(forum, members=members, convener=convener, target_groups=groups)


def _resolve_contact(merger: _Merger, contact: Contact) -> Contact | None:
    actor_a = merger.resolve(Actor, contact, "actor_a", contact.actor_a)
    actor_b = merger.resolve(Actor, contact, "actor_b", contact.actor_b)
    if actor_a is None or actor_b is None:
        return None
    return replace(
        contact,
        actor_a=actor_a,
        actor_b=actor_b,
        forum=merger.resolve(Forum, contact, "forum", contact.forum, required=False),
        carriers=merger.implicit(Person, contact.carriers, contact, _new_person),
        target_groups=merger.implicit(TargetGroup, contact.target_groups, contact, _new_group),
    )


def _resolve_gap(merger: _Merger, gap: Gap) -> Gap | None:
    gap = _stated_counterpart(gap)
    actor = merger.resolve(Actor, gap, "actor", gap.actor)
    others = merger.resolve_all(Actor, gap, "other_actors", gap.other_actors)
    counterparts = merger.resolve_all(Actor, gap, "counterparts", gap.counterparts)
    if actor is None or counterparts is None or others is None:
        return None
    groups = merger.implicit(TargetGroup, gap.target_groups, gap, _new_group)
    return replace(
        gap, actor=actor, other_actors=others, counterparts=counterparts, target_groups=groups
    )


def _stated_counterpart(gap: Gap) -> Gap:
    """'ingen' or 'okänd' written as the counterpart says so; it names no actor."""
    if len(gap.counterparts) != 1:
        return gap
    stated = Counterpart.parse(gap.counterparts[0])
    if stated is None or stated is Counterpart.NAMED:
        return gap
    return replace(gap, counterparts=(), counterpart_kind=stated)


def _resolve_funding(merger: _Merger, funding: Funding) -> Funding | None:
    """The funder is an actor; the recipient an actor, a project or a forum."""
    funder = merger.resolve(Actor, funding, "funder", funding.funder)
    is_forum = normalise(funding.recipient) in merger.index.get(Forum, {})
    recipient = merger.resolve(
        Forum if is_forum else Actor, funding, "recipient", funding.recipient
    )
    if funder is None or recipient is None:
        return None
    return replace(funding, funder=funder, recipient=recipient)


def _resolve_event(merger: _Merger, event: Event) -> Event | None:
    is_forum = normalise(event.actor or "") in merger.index.get(Forum, {})
    actor = merger.resolve(Forum if is_forum else Actor, event, "actor", event.actor)
    new_parent = merger.resolve(Actor, event, "new_parent", event.new_parent)
    if bool(event.actor) != bool(actor) or bool(event.new_parent) != bool(new_parent):
        merger.outcome.rejected += 1
        return None
    return replace(event, actor=actor, new_parent=new_parent)


def _apply_events(facts: list[F], events: list[Event]) -> list[F]:
    """What an event closes ends the day before it; what it starts begins on its day."""
    by_id = {fact.id: fact for fact in facts}
    for event in sorted(events, key=lambda e: e.date):
        fact = by_id.get(event.actor or "")
        if fact is None:
            continue
        if event.kind is EventKind.CLOSURE:
            by_id[fact.id] = replace(fact, valid=fact.valid.ended_before(event.date))
        elif event.kind is EventKind.START:
            by_id[fact.id] = replace(fact, valid=fact.valid.starting(event.date))
    return list(by_id.values())


def _new_group(name: str) -> TargetGroup:
    return TargetGroup(id=slugify(name), name=name)


def _new_person(name: str) -> Person:
    return Person(id=slugify(name), name=name)
