"""SamverkanMap: the facts of one map held on a networkx graph, with a small typed API.

Actors and forums are nodes; contacts and forum memberships are edges of a MultiGraph (two
actors can have several contacts: strategic and operational, or as told by two sources).
Facts that are not nodes or edges (persons, target groups, gaps, events, sources, funding
and memberships) live in dictionaries beside the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import Any

import networkx as nx

from samverkan.i18n import Lang
from samverkan.model import (
    Actor,
    Contact,
    ContactStatus,
    Event,
    EventKind,
    Fact,
    Forum,
    Funding,
    FundingKind,
    Gap,
    Person,
    Provenance,
    Source,
    TargetGroup,
)


class NodeKind(StrEnum):
    ACTOR = "actor"
    FORUM = "forum"


class EdgeKind(StrEnum):
    CONTACT = "contact"
    MEMBER = "member"


class SamverkanMap:
    def __init__(self, title: str = "") -> None:
        self.title = title
        self.graph: Any = nx.MultiGraph()
        self.persons: dict[str, Person] = {}
        self.target_groups: dict[str, TargetGroup] = {}
        self.gaps: dict[str, Gap] = {}
        self.events: dict[str, Event] = {}
        self.sources: dict[str, Source] = {}
        self.fundings: dict[str, Funding] = {}
        # Contacts are graph edges; this index makes lookup by id O(1).
        self._contacts: dict[str, Contact] = {}

    # --- building -------------------------------------------------------------------------

    def add(self, fact: Fact) -> None:
        """Add any fact; actors must be added before the forums and contacts that name them."""
        match fact:
            case Actor():
                self.graph.add_node(fact.id, kind=NodeKind.ACTOR, fact=fact)
            case Forum():
                self._add_forum(fact)
            case Contact():
                self._add_contact(fact)
            case Person():
                self.persons[fact.id] = fact
            case TargetGroup():
                self.target_groups[fact.id] = fact
            case Gap():
                self.gaps[fact.id] = fact
            case Event():
                self.events[fact.id] = fact
            case Source():
                self.sources[fact.id] = fact
            case Funding():
                self.fundings[fact.id] = fact
            case _:
                raise TypeError(f"not a map fact: {fact!r}")

    def _add_forum(self, forum: Forum) -> None:
        self.graph.add_node(forum.id, kind=NodeKind.FORUM, fact=forum)
        for member in forum.members:
            self._require_actor(member)
            self.graph.add_edge(forum.id, member, key=f"{forum.id}>{member}", kind=EdgeKind.MEMBER)

    def _add_contact(self, contact: Contact) -> None:
        self._require_actor(contact.actor_a)
        self._require_actor(contact.actor_b)
        self.graph.add_edge(
            contact.actor_a, contact.actor_b, key=contact.id, kind=EdgeKind.CONTACT, fact=contact
        )
        self._contacts[contact.id] = contact

    def _require_actor(self, actor_id: str) -> None:
        if not self.has_actor(actor_id):
            raise KeyError(f"unknown actor {actor_id!r}")

    # --- reading --------------------------------------------------------------------------

    def actors(self) -> list[Actor]:
        return [d["fact"] for _, d in self.graph.nodes(data=True) if d["kind"] is NodeKind.ACTOR]

    def forums(self) -> list[Forum]:
        return [d["fact"] for _, d in self.graph.nodes(data=True) if d["kind"] is NodeKind.FORUM]

    def contacts(self) -> list[Contact]:
        return list(self._contacts.values())

    def actor(self, actor_id: str) -> Actor:
        return self._node(actor_id, NodeKind.ACTOR)  # type: ignore[no-any-return]

    def forum(self, forum_id: str) -> Forum:
        return self._node(forum_id, NodeKind.FORUM)  # type: ignore[no-any-return]

    def contact(self, contact_id: str) -> Contact:
        return self._contacts[contact_id]

    def has_actor(self, actor_id: str) -> bool:
        # networkx's own node dict: `graph.nodes.get` goes through Mapping.get, twice as slow,
        # and this runs for both ends of every contact when a map is built or viewed as of a day.
        data = self.graph._node.get(actor_id)
        return data is not None and data.get("kind") is NodeKind.ACTOR

    def _node(self, node_id: str, kind: NodeKind) -> Any:
        data = self.graph._node.get(node_id)  # networkx's node dict, as in `has_actor`
        if data is None or data["kind"] is not kind:
            raise KeyError(f"no {kind} {node_id!r}")
        return data["fact"]

    def contacts_of(self, actor_id: str) -> list[Contact]:
        return [
            d["fact"]
            for _, _, d in self.graph.edges(actor_id, data=True)
            if d["kind"] is EdgeKind.CONTACT
        ]

    def contacts_between(self, actor_a: str, actor_b: str) -> list[Contact]:
        edges = self.graph.get_edge_data(actor_a, actor_b) or {}
        return [d["fact"] for d in edges.values() if d["kind"] is EdgeKind.CONTACT]

    def forums_of(self, actor_id: str) -> list[Forum]:
        return [
            self.forum(other)
            for _, other, d in self.graph.edges(actor_id, data=True)
            if d["kind"] is EdgeKind.MEMBER
        ]

    def organisation(self, actor_id: str) -> str:
        """The top of an actor's parent chain: 'AF:s kontor i Kävlinge' -> 'Arbetsförmedlingen'."""
        seen = {actor_id}
        current = self.actor(actor_id)
        while current.parent and current.parent not in seen and self.has_actor(current.parent):
            seen.add(current.parent)
            current = self.actor(current.parent)
        return current.id

    def person_name(self, person_id: str) -> str:
        """A person's name; the id if unknown. Not `name`: ids are unique within a kind, so
        a person's id may be an actor's too."""
        person = self.persons.get(person_id)
        return person.name if person else person_id

    def group_name(self, group_id: str) -> str:
        """A target group's name; the id if unknown (its id may be an actor's too)."""
        group = self.target_groups.get(group_id)
        return group.name if group else group_id

    def name(self, fact_id: str) -> str:
        """The display name of an actor, forum, person or target group; the id if unknown.
        An actor or forum comes first: name a person or a target group by `person_name`
        or `group_name`."""
        data = self.graph._node.get(fact_id)  # as in `has_actor`: rules name every element
        if data is not None:
            return str(data["fact"].name)
        for table in (self.persons, self.target_groups):
            if fact_id in table:
                return table[fact_id].name
        return fact_id

    def cite(self, origin: Provenance, lang: Lang) -> str:
        """'kavlinge.xlsx, blad Kontakter, rad 7, källa Intervju kommundirektör' for a reader."""
        source = self.sources.get(origin.source or "")
        return replace(origin, source=source.title if source else origin.source).describe(lang)

    def facts(self) -> Iterator[Fact]:
        """Every fact, nodes before the edges and tables that refer to them."""
        yield from self.actors()
        yield from self.forums()
        yield from self.contacts()
        tables = (self.persons, self.target_groups, self.gaps, self.events, self.sources)
        for table in (*tables, self.fundings):
            yield from table.values()

    def summary(self) -> dict[str, int]:
        return {
            "actors": len(self.actors()),
            "forums": len(self.forums()),
            "contacts": len(self._contacts),
            "persons": len(self.persons),
            "target_groups": len(self.target_groups),
            "gaps": len(self.gaps),
            "events": len(self.events),
            "sources": len(self.sources),
            "fundings": len(self.fundings),
        }

    def fundings_of(self, recipient: str) -> list[Funding]:
        """What funds an actor, project or forum (memberships excluded)."""
        return [
            f
            for f in self.fundings.values()
            if f.recipient == recipient and f.kind is FundingKind.FUNDING
        ]

    def funding_parties(self) -> set[str]:
        """Who funds, is funded or is a member: a funder is not an isolated actor."""
        return {party for f in self.fundings.values() for party in (f.funder, f.recipient)}

    def members_of(self, federation: str) -> list[Funding]:
        """The memberships of a samordningsförbund, with each member's share."""
        return [
            f
            for f in self.fundings.values()
            if f.recipient == federation and f.kind is FundingKind.MEMBERSHIP
        ]

    # --- time -----------------------------------------------------------------------------

    def as_of(self, day: date) -> SamverkanMap:
        """The map as it stood on `day`: what had ended is gone, reorganisations applied."""
        view = SamverkanMap(self.title)
        parents = self._parents_on(day)
        # Facts are frozen: an unchanged one is shared with the view rather than copied.
        for actor in self.actors():
            if actor.valid.contains(day):
                parent = parents.get(actor.id, actor.parent)
                view.add(actor if parent == actor.parent else replace(actor, parent=parent))
        for forum in self.forums():
            if forum.valid.contains(day):
                members = tuple(m for m in forum.members if view.has_actor(m))
                view.add(forum if members == forum.members else replace(forum, members=members))
        for contact in self.contacts():
            if _contact_on(contact, day, view.has_actor):
                view.add(contact)
        view.persons = dict(self.persons)
        view.sources = dict(self.sources)
        view.target_groups = {k: t for k, t in self.target_groups.items() if t.valid.contains(day)}
        view.gaps = {k: g for k, g in self.gaps.items() if g.valid.contains(day)}
        view.events = {k: e for k, e in self.events.items() if e.date <= day}
        view.fundings = {k: f for k, f in self.fundings.items() if f.valid.contains(day)}
        return view

    def counts_on(self, day: date) -> dict[str, int]:
        """The actors, forums and contacts `as_of(day)` would hold, counted without building
        that view (a national map's view takes seconds; an export that only counts needs not)."""
        alive = {actor.id for actor in self.actors() if actor.valid.contains(day)}
        return {
            "actors": len(alive),
            "forums": sum(forum.valid.contains(day) for forum in self.forums()),
            "contacts": sum(_contact_on(c, day, alive.__contains__) for c in self.contacts()),
        }

    def _parents_on(self, day: date) -> dict[str, str]:
        moves = sorted(
            (e for e in self.events.values() if e.kind is EventKind.REORGANISATION),
            key=lambda e: e.date,
        )
        return {e.actor: e.new_parent for e in moves if e.date <= day and e.actor and e.new_parent}


def _contact_on(contact: Contact, day: date, has_actor: Callable[[str], bool]) -> bool:
    """Whether the contact is on the map that day: both ends there, begun and not over (a
    planned contact has not begun, an ended one is over)."""
    ends_alive = has_actor(contact.actor_a) and has_actor(contact.actor_b)
    ongoing = contact.status is ContactStatus.ONGOING
    return contact.valid.contains(day) and ends_alive and ongoing
