"""What changed between two maps: two dates of one map, or two mapping rounds.

Actors and forums are matched by id. Contacts are matched by id first and then, because two
mapping rounds may number their rows differently, by what they are: the same two actors, the
same level and the same target groups. Flags are matched by rule, actors, forums and title.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang
from samverkan.model import Actor, Contact, Fact, Flag, Forum, Period

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
CONTACT_FIELDS = ("level", "quality", "collaboration", "frequency_per_year")
FORUM_FIELDS = ("level", "cadence_per_year", "status")


@dataclass(frozen=True)
class Change:
    """One fact seen on both sides, with the fields whose value differs: name -> (old, new)."""

    old: Fact
    new: Fact
    fields: dict[str, tuple[Any, Any]]


@dataclass
class MapDiff:
    old: SamverkanMap
    new: SamverkanMap
    old_day: date | None = None
    new_day: date | None = None
    actors_added: list[Actor] = field(default_factory=list)
    actors_removed: list[Actor] = field(default_factory=list)
    actors_moved: list[Change] = field(default_factory=list)  # parent changed
    forums_added: list[Forum] = field(default_factory=list)
    forums_removed: list[Forum] = field(default_factory=list)
    forums_changed: list[Change] = field(default_factory=list)
    members_added: list[tuple[str, str]] = field(default_factory=list)  # (forum, actor)
    members_removed: list[tuple[str, str]] = field(default_factory=list)
    contacts_added: list[Contact] = field(default_factory=list)
    contacts_removed: list[Contact] = field(default_factory=list)
    contacts_changed: list[Change] = field(default_factory=list)
    flags_appeared: list[Flag] = field(default_factory=list)
    flags_disappeared: list[Flag] = field(default_factory=list)
    # every flag of the new side: the findings a change map lists (what holds after the change)
    new_flags: list[Flag] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(
            getattr(self, name)
            for name in (
                "actors_added",
                "actors_removed",
                "actors_moved",
                "forums_added",
                "forums_removed",
                "forums_changed",
                "members_added",
                "members_removed",
                "contacts_added",
                "contacts_removed",
                "contacts_changed",
                "flags_appeared",
                "flags_disappeared",
            )
        )

    def name(self, fact_id: str) -> str:
        """A name from the new map, or the old one for what is gone."""
        found = self.new.name(fact_id)
        return self.old.name(fact_id) if found == fact_id else found

    def group_name(self, group_id: str) -> str:
        """A target group's name, from the new map or the old one."""
        found = self.new.group_name(group_id)
        return self.old.group_name(group_id) if found == group_id else found

    # --- the change map -------------------------------------------------------------------

    def changes(self) -> dict[str, str]:
        """Element id -> added/removed/changed, with the ids used by `change_map`."""
        marks: dict[str, str] = {}
        marks.update(dict.fromkeys((a.id for a in self.actors_added), ADDED))
        marks.update(dict.fromkeys((a.id for a in self.actors_removed), REMOVED))
        marks.update(dict.fromkeys((c.new.id for c in self.actors_moved), CHANGED))
        marks.update(dict.fromkeys((f.id for f in self.forums_added), ADDED))
        marks.update(dict.fromkeys((f.id for f in self.forums_removed), REMOVED))
        marks.update(dict.fromkeys((c.new.id for c in self.forums_changed), CHANGED))
        marks.update(dict.fromkeys((f"{f}>{a}" for f, a in self.members_added), ADDED))
        marks.update(dict.fromkeys((f"{f}>{a}" for f, a in self.members_removed), REMOVED))
        marks.update(dict.fromkeys((c.id for c in self.contacts_added), ADDED))
        marks.update(dict.fromkeys((c.new.id for c in self.contacts_changed), CHANGED))
        for contact in self.contacts_removed:
            marks[self._removed_id(contact)] = REMOVED
        return marks

    def _removed_id(self, contact: Contact) -> str:
        """A lost contact keeps its id unless the new map uses that id for another contact."""
        taken = {c.id for c in self.new.contacts()}
        return contact.id if contact.id not in taken else f"{contact.id}~{self.old_day or 'old'}"

    def change_map(self, title: str) -> SamverkanMap:
        """Both maps in one, every element shown: what is gone beside what is new.

        Validity periods are cleared so that a viewer's date filter hides nothing; events
        between the two days are kept so the details panel can say what happened.
        """
        union = SamverkanMap(title)
        for actor in [*self.new.actors(), *self.actors_removed]:
            union.add(_timeless(actor))
        removed_forums = {f.id for f in self.forums_removed}
        lost_members: dict[str, list[str]] = defaultdict(list)
        for forum_id, actor_id in self.members_removed:
            lost_members[forum_id].append(actor_id)
        for forum in self.new.forums():
            members = (*forum.members, *lost_members.get(forum.id, []))
            union.add(_timeless(replace(forum, members=members)))
        for forum in self.old.forums():
            if forum.id in removed_forums:
                union.add(_timeless(forum))
        for contact in self.new.contacts():
            union.add(_timeless(contact))
        for contact in self.contacts_removed:
            union.add(_timeless(replace(contact, id=self._removed_id(contact))))
        for source in (self.old, self.new):
            union.persons.update(source.persons)
            union.sources.update(source.sources)
            union.target_groups.update(source.target_groups)
        union.events = {
            k: e
            for k, e in self.new.events.items()
            if (self.old_day is None or self.old_day < e.date)
            and (self.new_day is None or e.date <= self.new_day)
        }
        return union

    # --- output ---------------------------------------------------------------------------

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        def actor(a: Actor) -> dict[str, Any]:
            return {"id": a.id, "name": a.name, "kind": a.kind.value, "parent": a.parent}

        def forum(f: Forum) -> dict[str, Any]:
            return {"id": f.id, "name": f.name, "level": f.level.value}

        def contact(c: Contact) -> dict[str, Any]:
            return {
                "id": c.id,
                "actor_a": {"id": c.actor_a, "name": self.name(c.actor_a)},
                "actor_b": {"id": c.actor_b, "name": self.name(c.actor_b)},
                "level": c.level.value,
                "target_groups": [self.group_name(g) for g in c.target_groups],
                "quality": c.quality,
            }

        def change(c: Change) -> dict[str, Any]:
            return {
                "id": c.new.id,
                "name": self.name(c.new.id),
                **({"contact": contact(c.new)} if isinstance(c.new, Contact) else {}),
                "fields": {k: [_plain(v[0]), _plain(v[1])] for k, v in c.fields.items()},
            }

        def member(pair: tuple[str, str]) -> dict[str, Any]:
            return {
                "forum": {"id": pair[0], "name": self.name(pair[0])},
                "actor": {"id": pair[1], "name": self.name(pair[1])},
            }

        def flag(f: Flag) -> dict[str, Any]:
            return {
                "rule": f.rule,
                "severity": f.severity.name.lower(),
                "title": f.title.text(lang),
                "actors": list(f.actors),
            }

        return {
            "from": self.old_day.isoformat() if self.old_day else None,
            "to": self.new_day.isoformat() if self.new_day else None,
            "actors": {
                "added": [actor(a) for a in self.actors_added],
                "removed": [actor(a) for a in self.actors_removed],
                "moved": [change(c) for c in self.actors_moved],
            },
            "forums": {
                "added": [forum(f) for f in self.forums_added],
                "removed": [forum(f) for f in self.forums_removed],
                "changed": [change(c) for c in self.forums_changed],
                "members_added": [member(m) for m in self.members_added],
                "members_removed": [member(m) for m in self.members_removed],
            },
            "contacts": {
                "added": [contact(c) for c in self.contacts_added],
                "removed": [contact(c) for c in self.contacts_removed],
                "changed": [change(c) for c in self.contacts_changed],
            },
            "flags": {
                "appeared": [flag(f) for f in self.flags_appeared],
                "disappeared": [flag(f) for f in self.flags_disappeared],
            },
        }


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def _timeless(fact: Any) -> Any:
    return replace(fact, valid=Period())


def compare(
    old: SamverkanMap,
    new: SamverkanMap,
    old_flags: Iterable[Flag] = (),
    new_flags: Iterable[Flag] = (),
    old_day: date | None = None,
    new_day: date | None = None,
) -> MapDiff:
    """Everything gained, lost and changed from `old` to `new`."""
    diff = MapDiff(old, new, old_day, new_day)
    _compare_actors(diff)
    _compare_forums(diff)
    _compare_contacts(diff)
    diff.new_flags = list(new_flags)
    diff.flags_appeared, diff.flags_disappeared = _compare_flags(list(old_flags), diff.new_flags)
    return diff


def _compare_actors(diff: MapDiff) -> None:
    before = {a.id: a for a in diff.old.actors()}
    after = {a.id: a for a in diff.new.actors()}
    diff.actors_added = [a for i, a in after.items() if i not in before]
    diff.actors_removed = [a for i, a in before.items() if i not in after]
    for actor_id in before.keys() & after.keys():
        was, now = before[actor_id], after[actor_id]
        if was.parent != now.parent:
            diff.actors_moved.append(Change(was, now, {"parent": (was.parent, now.parent)}))
    diff.actors_moved.sort(key=lambda c: c.new.id)


def _compare_forums(diff: MapDiff) -> None:
    before = {f.id: f for f in diff.old.forums()}
    after = {f.id: f for f in diff.new.forums()}
    diff.forums_added = [f for i, f in after.items() if i not in before]
    diff.forums_removed = [f for i, f in before.items() if i not in after]
    for forum_id in sorted(before.keys() & after.keys()):
        was, now = before[forum_id], after[forum_id]
        changed = _changed_fields(was, now, FORUM_FIELDS)
        if changed:
            diff.forums_changed.append(Change(was, now, changed))
        diff.members_added += [(forum_id, m) for m in now.members if m not in was.members]
        diff.members_removed += [(forum_id, m) for m in was.members if m not in now.members]


def _changed_fields(was: Fact, now: Fact, names: tuple[str, ...]) -> dict[str, tuple[Any, Any]]:
    return {
        name: (getattr(was, name), getattr(now, name))
        for name in names
        if getattr(was, name) != getattr(now, name)
    }


def _signature(contact: Contact) -> tuple[Any, ...]:
    return (contact.pair, contact.level, frozenset(contact.target_groups))


def _compare_contacts(diff: MapDiff) -> None:
    before = {c.id: c for c in diff.old.contacts()}
    after = {c.id: c for c in diff.new.contacts()}
    kept = {i for i in before.keys() & after.keys() if before[i].pair == after[i].pair}
    pairs = [(before[i], after[i]) for i in before if i in kept]
    old_rest = [c for i, c in before.items() if i not in kept]
    waiting: dict[tuple[Any, ...], list[Contact]] = defaultdict(list)
    for contact in old_rest:
        waiting[_signature(contact)].append(contact)
    for contact in after.values():
        if contact.id in kept:
            continue
        alike = waiting.get(_signature(contact))
        if alike:
            pairs.append((alike.pop(0), contact))
        else:
            diff.contacts_added.append(contact)
    diff.contacts_removed = [c for group in waiting.values() for c in group]
    diff.contacts_removed.sort(key=lambda c: c.id)
    for was, now in pairs:
        changed = _changed_fields(was, now, CONTACT_FIELDS)
        if changed:
            diff.contacts_changed.append(Change(was, now, changed))


def _flag_key(flag: Flag) -> tuple[Any, ...]:
    return (flag.rule, flag.actors, flag.forums, flag.title.en)


def _compare_flags(old: list[Flag], new: list[Flag]) -> tuple[list[Flag], list[Flag]]:
    """Flags only on one side; equal keys are counted, so two like flags match two."""
    return _unmatched(new, old), _unmatched(old, new)


def _unmatched(flags: list[Flag], others: list[Flag]) -> list[Flag]:
    available = Counter(_flag_key(f) for f in others)
    found = []
    for flag in flags:
        key = _flag_key(flag)
        if available[key]:
            available[key] -= 1
        else:
            found.append(flag)
    return found
