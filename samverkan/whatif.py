"""'Vad händer om … försvinner?': the map as it would be without some actors, forums or persons.

A loss is simulated the way the data records a real one: what is removed ends the day before
the day asked about. The rules then see it exactly as they see a closed office (a lost local
presence, a forum that lost members), and `samverkan.diff` tells what went and which flags
appear. An actor takes its own units with it; a person takes the contacts only they carry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from samverkan.errors import SamverkanError
from samverkan.graph import SamverkanMap
from samverkan.i18n import _
from samverkan.model import Contact, Fact, normalise

Kind = Literal["actor", "forum", "person"]


@dataclass(frozen=True)
class Removal:
    """What a simulated loss takes away, by id; `named` are the ones asked for (no units)."""

    named: tuple[str, ...]
    actors: frozenset[str]
    forums: frozenset[str]
    persons: frozenset[str]

    def ids(self) -> list[str]:
        return sorted(self.actors | self.forums | self.persons)


def find_elements(history: SamverkanMap, names: Iterable[str]) -> Removal:
    """Each name (an id, a name or an alias) as the one actor, forum or person it means.
    An id comes first, as in a workbook: the id that an error asks for always finds its
    element, even where it is also another element's name."""
    by_id: dict[str, set[tuple[Kind, str]]] = {}
    by_name: dict[str, set[tuple[Kind, str]]] = {}

    def know(kind: Kind, fact_id: str, *labels: str) -> None:
        by_id.setdefault(normalise(fact_id), set()).add((kind, fact_id))
        for label in labels:
            by_name.setdefault(normalise(label), set()).add((kind, fact_id))

    for actor in history.actors():
        know("actor", actor.id, actor.name, *actor.aliases)
    for forum in history.forums():
        know("forum", forum.id, forum.name)
    for person in history.persons.values():
        know("person", person.id, person.name)
    chosen: list[tuple[Kind, str]] = []
    for name in names:
        key = normalise(name)
        matches = by_id.get(key) or by_name.get(key, set())
        if not matches:
            raise SamverkanError(UNKNOWN.format(name=name))
        if len(matches) > 1:
            ids = ", ".join(sorted(fact_id for _, fact_id in matches))
            raise SamverkanError(AMBIGUOUS.format(name=name, ids=ids))
        chosen.extend(matches)
    return removal_of(history, chosen)


def removal_of(history: SamverkanMap, chosen: Iterable[tuple[Kind, str]]) -> Removal:
    """What removing the (kind, id) pairs takes away. By kind and id, never by name: an
    actor and a person may share an id, an id may be another actor's name."""
    found: dict[Kind, set[str]] = {"actor": set(), "forum": set(), "person": set()}
    named: list[str] = []
    for kind, fact_id in chosen:
        found[kind].add(fact_id)
        named.append(fact_id)
    return Removal(
        tuple(dict.fromkeys(named)),
        frozenset(_with_units(history, found["actor"])),
        frozenset(found["forum"]),
        frozenset(found["person"]),
    )


UNKNOWN = _("No actor, forum or person is called “{name}” (give a name, alias or id).")
AMBIGUOUS = _("“{name}” could be several: {ids}. Give the id instead.")


def _with_units(history: SamverkanMap, actors: set[str]) -> set[str]:
    """The actors and every unit under them: an organisation that pulls out takes its offices."""
    children: dict[str, list[str]] = {}
    for actor in history.actors():
        if actor.parent:
            children.setdefault(actor.parent, []).append(actor.id)
    gone, waiting = set(actors), list(actors)
    while waiting:
        for child in children.get(waiting.pop(), []):
            if child not in gone:
                gone.add(child)
                waiting.append(child)
    return gone


def without(history: SamverkanMap, removal: Removal, day: date) -> SamverkanMap:
    """The history with the removed elements ending the day before `day`."""
    simulated = SamverkanMap(history.title)

    def ended(fact: Fact) -> Fact:
        return replace(fact, valid=fact.valid.ended_before(day))

    for actor in history.actors():
        simulated.add(ended(actor) if actor.id in removal.actors else actor)
    for forum in history.forums():
        simulated.add(ended(forum) if forum.id in removal.forums else forum)
    for contact in history.contacts():
        simulated.add(_without_carriers(contact, removal.persons, day))
    simulated.persons = dict(history.persons)
    simulated.sources = dict(history.sources)
    simulated.target_groups = dict(history.target_groups)
    simulated.gaps = dict(history.gaps)
    simulated.events = dict(history.events)
    removed = removal.actors | removal.forums
    for funding in history.fundings.values():  # money to or from what is gone ends with it
        gone = funding.funder in removed or funding.recipient in removed
        simulated.add(ended(funding) if gone else funding)
    return simulated


def _without_carriers(contact: Contact, persons: frozenset[str], day: date) -> Contact:
    """A contact keeps its other carriers; one carried only by removed persons ends."""
    if not persons & set(contact.carriers):
        return contact
    kept = tuple(p for p in contact.carriers if p not in persons)
    if kept:
        return replace(contact, carriers=kept)
    return replace(contact, carriers=kept, valid=contact.valid.ended_before(day))


def cut_off(before: SamverkanMap, after: SamverkanMap) -> list[str]:
    """Actors still on the map that had a contact or a forum and now have neither."""
    return sorted(
        actor.id
        for actor in after.actors()
        if _linked(before, actor.id) and not _linked(after, actor.id)
    )


def _linked(samverkan_map: SamverkanMap, actor_id: str) -> bool:
    return bool(samverkan_map.contacts_of(actor_id) or samverkan_map.forums_of(actor_id))


def unreached(before: SamverkanMap, after: SamverkanMap) -> list[str]:
    """Target groups that a contact or a forum reached, and that none reaches now."""
    return sorted(_reached(before) - _reached(after))


def _reached(samverkan_map: SamverkanMap) -> set[str]:
    groups = {g for c in samverkan_map.contacts() for g in c.target_groups}
    groups.update(g for f in samverkan_map.forums() for g in f.target_groups)
    return groups
