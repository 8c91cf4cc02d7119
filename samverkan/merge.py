"""Merge: facts from many files become one map.

Ids are identity, names are labels (docs/workbook.md, "ID och namn"):

- facts with the same id (compared normalised) are one fact; facts with different ids are
  never merged, whatever their names;
- a fact without an id (`AUTO_ID`) is the fact whose id, name or alias it names, if
  exactly one; otherwise a new fact with an automatic id (`samverkan.identity`);
- a reference (a contact's actors, a forum's members …) is looked up first as an id, then
  as a name or alias; a name that fits two facts is an error that names both.

Facts are handled in a canonical order (file, sheet, row), never in the order files were
listed, so the same inputs give the same map. Every input row is counted once: imported,
merged into another row's fact, or rejected with a located problem.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

from samverkan.errors import Location, Problem, ProblemLevel, did_you_mean, quoted
from samverkan.graph import SamverkanMap
from samverkan.i18n import Message, _, lazy, verbatim
from samverkan.identity import AUTO_ID, allocate, normalise, slugify
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
    Provenance,
    Source,
    TargetGroup,
    item_key,
)
from samverkan.places import one_spelling_per_place

F = TypeVar("F", bound=Fact)

# What an automatic id of an unnamed fact says: '<file>-contacts-<row>', as in JSON tables.
ROW_ID_WORDS: dict[type[Fact], str] = {
    Contact: "contacts",
    Gap: "gaps",
    Event: "events",
    Funding: "fundings",
}


@dataclass
class MergeOutcome:
    map: SamverkanMap
    problems: list[Problem] = field(default_factory=list)
    merged: int = 0  # input rows all of whose facts joined another row's fact
    rejected: int = 0  # input rows with a fact that could not become part of the map


def location_of(fact: Fact, field_name: str | None = None, item: str | None = None) -> Location:
    """The cell a fact's field (or one `item` of a list field) was read from, as precisely
    as the importer recorded it."""
    if not fact.provenance:
        return Location("?")
    key = item_key(field_name, item) if field_name and item else None
    told = [o for o in fact.provenance if key and key in o.columns]
    if told:
        return Location(told[0].file, told[0].sheet, told[0].row, told[0].columns[key or ""])
    origin = fact.provenance[0]
    column = origin.column_of(field_name) if field_name else None
    return Location(origin.file, origin.sheet, origin.row, column)


def _label(fact: Fact) -> str:
    value = getattr(fact, "name", None) or getattr(fact, "title", None)
    return value if isinstance(value, str) else ""


def _name_keys(fact: Fact) -> set[str]:
    names = [_label(fact), *getattr(fact, "aliases", ())]
    return {normalise(name) for name in names if name}


def _order(fact: Fact) -> tuple[str, str, int]:
    origin = fact.provenance[0] if fact.provenance else None
    if origin is None:
        return ("", "", 0)
    return (origin.file, origin.sheet or "", origin.row or 0)


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


@dataclass
class _Entry:
    """One fact as an importer handed it in, with the input row it came from."""

    fact: Fact
    row: Hashable | None  # None: made by the merge itself (an undeclared target group)
    ordinal: int = 0  # place in the canonical order of all entries


@dataclass
class _Identity:
    """One fact of the map and the entries it is made of, first entry first."""

    entries: list[_Entry]
    explicit: bool
    id: str = ""
    fact: Fact | None = None

    @property
    def first(self) -> Fact:
        return self.entries[0].fact

    def all_keys(self) -> set[str]:
        return _keys_of(self.entries) | ({normalise(self.id)} if self.id else set())


class _Index:
    """Who a written reference can mean, in three tiers: an id given in the input, then
    a name or alias, then an automatic id (so an automatic 'af-lund' never hides the
    actor that is called 'AF-Lund')."""

    def __init__(self) -> None:
        self.given_ids: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.auto_ids: dict[str, str] = {}
        self.names: dict[str, str] = {}  # id -> label, for messages

    def add(self, identity: _Identity) -> None:
        ids = self.given_ids if identity.explicit else self.auto_ids
        ids[normalise(identity.id)] = identity.id
        self.names[identity.id] = _label(identity.fact or identity.first)
        for key in _keys_of(identity.entries):
            self.by_name[key].add(identity.id)

    def tiers(self, ref: str) -> list[set[str]]:
        """The ids `ref` may mean, tier by tier; the first non-empty tier decides."""
        key = normalise(ref)
        given = {self.given_ids[key]} if key in self.given_ids else set()
        auto = {self.auto_ids[key]} if key in self.auto_ids else set()
        return [given, set(self.by_name.get(key, ())), auto]

    def known(self) -> list[str]:
        return sorted({*self.given_ids, *self.by_name, *self.auto_ids})


class _Merger:
    def __init__(self, title: str, entries: list[_Entry]) -> None:
        self.outcome = MergeOutcome(SamverkanMap(title))
        self.entries = entries
        self.index: dict[type, _Index] = defaultdict(_Index)
        self.row_state: dict[Hashable, str] = {}
        self.node_ids: set[str] = set()  # normalised: actors and forums share node ids
        # (kind, id) -> identity: ids are unique within a kind, an event may share an actor's
        self.resolved_ids: dict[tuple[type, str], _Identity] = {}
        self.declared_in: dict[str, set[str]] = {}  # id -> files whose rows declare it
        self.lookups: dict[tuple[tuple[type, ...], str], list[str]] = {}
        self.by_kind: dict[type, list[_Entry]] | None = None  # filled on first use
        self.person_actor: dict[str, str | None] = {}  # person id -> resolved organisation
        self.rows: list[Fact] = []  # the rows of the fact whose references are resolved
        self.told: set[tuple[Location, str]] = set()  # ambiguous sources already warned of

    # --- problems and accounting ----------------------------------------------------------

    def problem(
        self,
        fact: Fact,
        field_name: str | None,
        message: Message,
        error: bool,
        item: str | None = None,
    ) -> None:
        level = ProblemLevel.ERROR if error else ProblemLevel.WARNING
        where = location_of(fact, field_name, item)
        self.outcome.problems.append(Problem(where, message, level))

    def mark(self, entry: _Entry, state: str) -> None:
        """A row's state: 'rejected' beats 'imported' beats 'merged' for rows of many facts."""
        if entry.row is None:
            return
        old = self.row_state.get(entry.row)
        if old is None or RANK[state] > RANK[old]:
            self.row_state[entry.row] = state

    def reject(self, entry: _Entry, field_name: str | None, message: Message) -> None:
        self.problem(entry.fact, field_name, message, error=True)
        self.mark(entry, "rejected")

    def count_rows(self) -> None:
        states = list(self.row_state.values())
        self.outcome.merged = states.count("merged")
        self.outcome.rejected = states.count("rejected")

    # --- identities -----------------------------------------------------------------------

    def of_kind(self, kind: type[F]) -> list[_Entry]:
        if self.by_kind is None:
            self.by_kind = defaultdict(list)
            for entry in self.entries:
                self.by_kind[type(entry.fact)].append(entry)
        return self.by_kind.get(kind, [])

    def identities(self, kind: type[F], entries: list[_Entry]) -> list[_Identity]:
        """Group entries into identities: by id where given, else by name or alias."""
        explicit, automatic = _by_given_id(entries)
        return [*explicit, *self.join_automatic(kind, automatic, explicit)]

    def join_automatic(
        self, kind: type, entries: list[_Entry], explicit: list[_Identity]
    ) -> list[_Identity]:
        """Entries without an id join the one fact they name, or become new facts."""
        owners: dict[str, set[int]] = defaultdict(set)
        for number, identity in enumerate(explicit):
            for key in identity.all_keys():
                owners[key].add(number)
        groups = _connected_by_name(entries)
        if kind is Person:
            groups = self.apart_by_organisation(groups)
        new: list[_Identity] = []
        for group in groups:
            hits = {
                number
                for entry in group
                for number in owners.get(_name_key(entry), set())
                if kind is not Person or self.same_place(group, explicit[number].entries)
            }
            if len(hits) == 1:
                explicit[hits.pop()].entries.extend(group)
                continue
            for entry in group if hits else []:
                own = owners.get(_name_key(entry), set())
                if len(own) == 1:
                    explicit[next(iter(own))].entries.append(entry)
                else:
                    ids = sorted(explicit[n].id for n in own or hits)
                    self.reject(
                        entry,
                        "name",
                        AMBIGUOUS_NAME.format(name=_label(entry.fact), ids=", ".join(ids)),
                    )
            if not hits:
                new.append(_Identity(group, explicit=False))
        return new

    def apart_by_organisation(self, groups: list[list[_Entry]]) -> list[list[_Entry]]:
        """People with one name at two organisations are two people ('Anna Svensson' at
        Lomma and at AF); a row that names no organisation then stands on its own, since it
        could be either. One organisation or none: one person, as before."""
        parted = []
        for group in groups:
            parts: dict[str, list[_Entry]] = defaultdict(list)
            for entry in group:
                parts[self.organisation_key([entry])].append(entry)
            if len(parts.keys() - {""}) < 2:
                parted.append(group)
            else:
                parted.extend(parts.values())
        return sorted(parted, key=lambda part: part[0].ordinal)

    def same_place(self, some: list[_Entry], others: list[_Entry]) -> bool:
        """Whether two sets of person rows can be one person: the same organisation, or
        one of them names none."""
        place, other = self.organisation_key(some), self.organisation_key(others)
        return not place or not other or place == other

    def organisation_key(self, entries: list[_Entry]) -> str:
        """The organisation the entries' person rows name, as the actor it resolves to
        ('lomma' and 'Lomma kommun' alike); empty for other facts or where none is named."""
        for entry in entries:
            fact = entry.fact
            if isinstance(fact, Person) and fact.actor and fact.actor.strip():
                found = self.nearest(fact, self.lookup((Actor,), fact.actor))
                return found[0] if len(found) == 1 else normalise(fact.actor)
        return ""

    def assign_ids(self, kind: type, identities: list[_Identity], taken: set[str]) -> None:
        """Automatic ids for identities without one, unique within `taken`."""
        for identity in identities:
            if identity.explicit:
                taken.add(normalise(identity.id))
        automatic = [identity for identity in identities if not identity.explicit]
        keys = [self.identity_key(kind, identity) for identity in automatic]
        ids = allocate(
            (
                (_wanted_id(kind, identity.first), key)
                for identity, key in zip(automatic, keys, strict=True)
            ),
            taken,
        )
        for identity, key in zip(automatic, keys, strict=True):
            identity.id = ids[key]

    def identity_key(self, kind: type, identity: _Identity) -> str:
        """`_identity_key`, with a person's organisation when it names one: two people of
        one name get two ids, and every other id stays what it was."""
        place = self.organisation_key(identity.entries) if kind is Person else ""
        return _identity_key(kind, identity) + (f"\x00{place}" if place else "")

    def combine(self, identity: _Identity) -> None:
        """The identity's fact: its entries merged in order; conflicts and renames reported."""
        first = identity.entries[0]
        fact = first.fact if first.fact.id == identity.id else replace(first.fact, id=identity.id)
        self.mark(first, "imported")
        for entry in identity.entries[1:]:
            if identity.explicit and _renamed(fact, entry.fact):
                message = SAME_ID.format(
                    id=identity.id, name=_label(entry.fact), first=_label(fact)
                )
                self.problem(entry.fact, "id", message + WHERE.format(w=_where(fact)), error=False)
            fact, conflicts = _combine(fact, entry.fact)
            self.mark(entry, "merged")
            for name in conflicts:
                field_name = name.split(".")[0]
                message = _conflict(entry.fact, name, _where(identity.first))
                self.problem(entry.fact, field_name, message, error=False)
        identity.fact = fact

    def named(self, kind: type[F], extra: Sequence[_Entry] = ()) -> list[_Identity]:
        """Actors, persons, target groups, sources, forums: identities, ids, facts, index."""
        identities = self.identities(kind, [*self.of_kind(kind), *extra])
        node = kind in (Actor, Forum)
        if kind is Forum:
            identities = self.refuse_node_clashes(identities)
        self.assign_ids(kind, identities, self.node_ids if node else set())
        for identity in identities:
            self.combine(identity)
            self.index[kind].add(identity)
            files = {
                o.file for e in identity.entries if e.row is not None for o in e.fact.provenance[:1]
            }
            self.declared_in[identity.id] = files
        self.report_shared_names(kind, identities)
        return identities

    def resolved(
        self, identities: list[_Identity], resolve: Callable[[_Merger, Any], Fact | None]
    ) -> list[Any]:
        """Each identity's fact with its references resolved; a fact that cannot be is
        rejected, with every row it was made of."""
        facts = []
        for identity in identities:
            self.rows = [entry.fact for entry in identity.entries]
            fact = resolve(self, identity.fact)
            if fact is None:
                for entry in identity.entries:
                    self.mark(entry, "rejected")
            else:
                facts.append(fact)
                self.resolved_ids[type(fact), fact.id] = identity
        return facts

    def reject_fact(self, fact: Fact, field_name: str, message: Message) -> None:
        """A resolved fact that turns out impossible: its rows are rejected."""
        self.problem(fact, field_name, message, error=True)
        for entry in self.resolved_ids[type(fact), fact.id].entries:
            self.mark(entry, "rejected")

    def refuse_node_clashes(self, identities: list[_Identity]) -> list[_Identity]:
        """A forum given an actor's id: both cannot be nodes of one graph under one id."""
        kept = []
        for identity in identities:
            if identity.explicit and normalise(identity.id) in self.node_ids:
                actor = self.index[Actor].names.get(identity.id, identity.id)
                for entry in identity.entries:
                    self.reject(entry, "id", NODE_CLASH.format(id=identity.id, actor=actor))
            else:
                kept.append(identity)
        return kept

    def report_shared_names(self, kind: type, identities: list[_Identity]) -> None:
        """Same name, different ids: a warning that says how to point at each. An alias
        claimed by two facts: an error, since no reference by it can be trusted."""
        index = self.index[kind]
        by_id = {identity.id: identity for identity in identities}
        for key in sorted(index.by_name):
            ids = sorted(index.by_name[key])
            if len(ids) < 2:
                continue
            claimers = [by_id[i] for i in ids if key in _alias_keys(by_id[i])]
            listed = _listed(index.names, ids)
            if claimers:
                message = ALIAS_CLAIMED.format(alias=key, owners=listed)
                self.problem(claimers[-1].first, "aliases", message, error=True)
            else:
                message = SAME_NAME.format(name=index.names[ids[0]], owners=listed)
                self.problem(by_id[ids[-1]].first, "name", message, error=False)
        self.report_shadowed_names(index, by_id)

    def report_shadowed_names(self, index: _Index, by_id: dict[str, _Identity]) -> None:
        """A name or alias that is another fact's given id: a reference by it means that
        other fact (ids come first), so the one who bears the name is told how to be named."""
        for key in sorted(index.by_name.keys() & index.given_ids.keys()):
            owner = index.given_ids[key]
            for shadowed in sorted(index.by_name[key] - {owner}):
                fact = by_id[shadowed].fact or by_id[shadowed].first
                written = [n for n in (_label(fact), *getattr(fact, "aliases", ())) if n]
                name = next(n for n in written if normalise(n) == key)
                field_name = "name" if name == _label(fact) else "aliases"
                message = NAME_IS_ID.format(
                    name=name, other=index.names[owner], id=owner, own=shadowed
                )
                self.problem(fact, field_name, message, error=False)

    def unnamed(self, kind: type[F]) -> list[_Identity]:
        """Contacts, gaps, events: the same id twice is one fact only if the rows agree."""
        identities = self.identities_by_row(kind)
        self.assign_ids(kind, identities, set())
        kept = []
        for identity in identities:
            first = identity.entries[0]
            for entry in identity.entries[1:]:
                if _differs(first.fact, entry.fact):
                    message = DUPLICATE_ID.format(id=identity.id, other=_where(first.fact))
                    self.reject(entry, "id", message)
            identity.entries = [
                e for e in identity.entries if e is first or not _differs(first.fact, e.fact)
            ]
            self.combine(identity)
            kept.append(identity)
        return kept

    def identities_by_row(self, kind: type[F]) -> list[_Identity]:
        """Same id, one identity; each row without an id an identity of its own."""
        explicit, automatic = _by_given_id(self.of_kind(kind))
        return [*explicit, *(_Identity([entry], explicit=False) for entry in automatic)]

    # --- references -----------------------------------------------------------------------

    def resolve(
        self,
        kinds: type | tuple[type, ...],
        fact: Fact,
        field_name: str,
        ref: str | None,
        required: bool = True,
        prefer: Callable[[list[str]], list[str]] | None = None,
    ) -> str | None:
        """The id `ref` names; None (with an error, or a warning if optional) if none.
        Of several it may name, `prefer` picks those the referring fact points to."""
        if not ref:
            return None
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        found = self.lookup(kinds, ref)
        if len(found) > 1 and prefer is not None:
            found = prefer(found) or found
        found = self.nearest(fact, found)
        if len(found) == 1:
            return found[0]
        if found:
            names = {i: n for kind in kinds for i, n in self.index[kind].names.items()}
            message = AMBIGUOUS_REF.format(ref=quoted(ref), owners=_listed(names, found))
        else:
            message = self.unknown(kinds, ref)
        message += verbatim("") if required else IGNORED
        self.problem(fact, field_name, message, required, item=ref)
        return None

    def lookup(self, kinds: tuple[type, ...], ref: str) -> list[str]:
        """The ids `ref` may mean among `kinds`: the first tier (given id, name, automatic
        id) that has any. Memoised: every identity is indexed before references resolve."""
        memo_key = (kinds, normalise(ref))
        if memo_key not in self.lookups:
            found: list[str] = []
            for tier in zip(*(self.index[kind].tiers(ref) for kind in kinds), strict=True):
                found = sorted(set().union(*tier))
                if found:
                    break
            self.lookups[memo_key] = found
        return self.lookups[memo_key]

    def nearest(self, fact: Fact, ids: list[str]) -> list[str]:
        """Of several facts a name may mean, those declared in the referring fact's file,
        if any: 'Socialtjänsten' in Lomma's workbook is Lomma's socialtjänst."""
        if len(ids) < 2:
            return ids
        files = {origin.file for origin in fact.provenance[:1]}
        beside = [i for i in ids if i in self.declared_in and self.declared_in[i] & files]
        return beside or ids

    def source_id(self, ref: str | None, where: Location) -> str | None:
        """The id of the one source `ref` names (by id or title); `ref` itself if it names
        none, with a warning if it names several."""
        if not ref:
            return ref
        found = self.lookup((Source,), ref)
        if len(found) > 1 and (where, normalise(ref)) not in self.told:
            self.told.add((where, normalise(ref)))  # a row's Källa is its fact's source too
            listed = _listed(self.index[Source].names, found)
            message = AMBIGUOUS_REF.format(ref=ref, owners=listed)
            self.outcome.problems.append(Problem(where, message, ProblemLevel.WARNING))
        return found[0] if len(found) == 1 else ref

    def unknown(self, kinds: tuple[type, ...], ref: str) -> Message:
        """Why `ref` names nothing of `kinds`: it names something else ('Förbundsstyrelsen'
        is a forum, where an actor is needed), or nothing at all (with a likely name)."""
        other = next((k for k in KIND_NOUNS if k not in kinds and self.lookup((k,), ref)), None)
        if other is None:
            return UNKNOWN_REF.format(ref=quoted(ref)) + self.hint(kinds, ref)
        wanted = listing_or([KIND_NOUNS[k] for k in kinds if k in KIND_NOUNS])
        return WRONG_KIND.format(ref=quoted(ref), found=KIND_NOUNS[other], wanted=wanted)

    def hint(self, kinds: tuple[type, ...], ref: str) -> Message:
        known = sorted({key for kind in kinds for key in self.index[kind].known()})
        return did_you_mean(normalise(ref), known, clause=True)

    def resolve_all(
        self,
        kind: type,
        fact: Fact,
        field_name: str,
        refs: Iterable[str],
        prefer: Callable[[list[str]], list[str]] | None = None,
    ) -> tuple[str, ...] | None:
        refs = list(refs)
        resolved = [self.resolve(kind, fact, field_name, ref, prefer=prefer) for ref in refs]
        if None in resolved:
            return None
        self.report_repeats(field_name, dict(zip(map(normalise, refs), resolved, strict=True)))
        return tuple(dict.fromkeys(r for r in resolved if r is not None))

    def report_repeats(self, field_name: str, resolved: dict[str, str | None]) -> None:
        """A row that lists one entry twice ('a; b; a', or 'lomma; Lomma kommun') is told
        so; two rows that each list it once ('lomma' in one file, 'Lomma kommun' in
        another) are one fact that has it once."""
        for row in self.rows:
            listed = [resolved.get(normalise(ref)) for ref in getattr(row, field_name, ())]
            found = [target for target in listed if target is not None]
            if len(set(found)) < len(found):
                self.problem(row, field_name, REPEATED_REF, error=False)

    def undeclared(
        self, kind: type[F], make: Callable[[str], F], refs: Iterable[tuple[Fact, str]]
    ) -> list[_Entry]:
        """Entries for target groups or carriers that rows name but no sheet declares."""
        declared = {
            key
            for entry in self.of_kind(kind)
            for key in (*_name_keys(entry.fact), normalise(entry.fact.id))
            if key
        }
        made: dict[str, _Entry] = {}  # one per name: the first row that names it
        for fact, ref in refs:
            key = normalise(ref) if ref else ""
            if key and key not in declared and key not in made:
                made[key] = _Entry(replace(make(ref), provenance=fact.provenance[:1]), None)
        return list(made.values())


RANK = {"merged": 0, "imported": 1, "rejected": 2}


def _by_given_id(entries: Iterable[_Entry]) -> tuple[list[_Identity], list[_Entry]]:
    """Entries with an id grouped by it (compared normalised), and those without one."""
    explicit: dict[str, _Identity] = {}
    automatic: list[_Entry] = []
    for entry in entries:
        if entry.fact.id.strip() == AUTO_ID:
            automatic.append(entry)
        else:
            key = normalise(entry.fact.id)
            explicit.setdefault(key, _Identity([], explicit=True)).entries.append(entry)
    for identity in explicit.values():
        identity.id = normalise_id(identity.first.id)
    return list(explicit.values()), automatic


def normalise_id(raw: str) -> str:
    """An id as written, in NFC and without surrounding space: the id the map keeps."""
    return unicodedata.normalize("NFC", raw.strip())


def _name_key(entry: _Entry) -> str:
    return normalise(_label(entry.fact))


def _keys_of(entries: list[_Entry]) -> set[str]:
    return set().union(*(_name_keys(entry.fact) for entry in entries))


def _alias_keys(identity: _Identity) -> set[str]:
    fact = identity.fact or identity.first
    return {normalise(a) for a in getattr(fact, "aliases", ())} - {normalise(_label(fact))}


def _connected_by_name(entries: list[_Entry]) -> list[list[_Entry]]:
    """Entries without an id grouped, in input order: an entry joins those whose name or
    alias is its name. Two names that only share an alias stay apart (the alias is then
    claimed twice, which is reported)."""
    parent = list(range(len(entries)))

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    having: dict[str, list[int]] = defaultdict(list)
    for number, entry in enumerate(entries):
        for key in _name_keys(entry.fact):
            having[key].append(number)
    # Everyone holding a key that is someone's name is one group: linear, not pairwise.
    for key in {normalise(_label(entry.fact)) for entry in entries}:
        holders = having.get(key, [])
        for other in holders[1:]:
            parent[root(other)] = root(holders[0])
    groups: dict[int, list[_Entry]] = defaultdict(list)
    for number, entry in enumerate(entries):
        groups[root(number)].append(entry)
    return sorted(groups.values(), key=lambda group: group[0].ordinal)


def _wanted_id(kind: type, fact: Fact) -> str:
    if kind in ROW_ID_WORDS:
        origin = fact.provenance[0] if fact.provenance else None
        stem = origin.file.rsplit(".", 1)[0] if origin else ""
        return f"{slugify(stem)}-{ROW_ID_WORDS[kind]}-{origin.row if origin else 'x'}"
    return slugify(_label(fact))


def _identity_key(kind: type, identity: _Identity) -> str:
    """What tells two automatic identities apart, independent of input order."""
    if kind in ROW_ID_WORDS:
        file, sheet, row = _order(identity.first)
        return f"{file}\x00{sheet}\x00{row}\x00{identity.entries[0].ordinal}"
    return normalise(_label(identity.first))


def _renamed(old: Fact, new: Fact) -> bool:
    """Merged by id although the names differ: perhaps two facts were given one id."""
    name = _label(new)
    return bool(name) and normalise(name) not in _name_keys(old)


def _differs(a: Fact, b: Fact) -> bool:
    return replace(a, provenance=(), id="") != replace(b, provenance=(), id="")


def _listed(names: dict[str, str], ids: Iterable[str]) -> str:
    """ "'Socialtjänsten' (id sf-lomma), 'Socialtjänsten' (id sf-kavlinge)": the facts a name
    may mean, each by its name and id."""
    return ", ".join(f"'{names.get(i, i)}' (id {i})" for i in ids)


def _conflict(fact: Fact, name: str, where: Message) -> Message:
    """What differs, named as the user knows it: an attribute by its own key, the period as
    the period, any other field by the cell the location names (not 'name' or 'kind')."""
    field_name, __, key = name.partition(".")
    if key:
        return CONFLICT.format(field=key, other=where)
    if field_name == "valid":
        return PERIOD_CONFLICT.format(other=where)
    if location_of(fact, field_name).column is not None:
        return VALUE_CONFLICT.format(other=where)
    return CONFLICT.format(field=field_name, other=where)


def _where(fact: Fact) -> Message:
    """Where `fact` was read, in the language the message is read in."""
    return lazy(location_of(fact).describe)


DUPLICATE_ID = _("id '{id}' already exists with other content ({other}); the row is rejected")
CONFLICT = _("'{field}' differs from the same entry in {other}; the first value is kept")
VALUE_CONFLICT = _("the value differs from the same entry in {other}; the first value is kept")
PERIOD_CONFLICT = _(
    "the period (valid from, valid to) differs from the same entry in {other}; the first is kept"
)
SAME_ID = _(
    "the same ID '{id}' is used for '{name}' and '{first}'; they are merged into one and '{name}' becomes an alias. Give them different IDs if they are different"
)
WHERE = verbatim(" ({w})")
SAME_NAME = _(
    "the same name '{name}' has different IDs: {owners}. They are different entries; refer to each by its ID"
)
NAME_IS_ID = _(
    "the name '{name}' is also the ID of '{other}' (id {id}), so a reference '{name}' means '{other}'. Refer to this entry by its ID {own}"
)
ALIAS_CLAIMED = _(
    "the alias '{alias}' belongs to several: {owners}. An alias may point at one entry only"
)
AMBIGUOUS_NAME = _("'{name}' may be several entries (IDs {ids}); write the ID in the ID column")
AMBIGUOUS_REF = _("'{ref}' may mean several: {owners}. Write the ID instead of the name")
NODE_CLASH = _(
    "ID '{id}' is already used by the actor '{actor}'; actors and forums need different IDs"
)
UNKNOWN_REF = _("'{ref}' is not in the map")
WRONG_KIND = _("'{ref}' is {found} in the map, not {wanted}")
KIND_NOUNS: dict[type, Message] = {
    Actor: _("an actor"),
    Forum: _("a forum"),
    Person: _("a person"),
    TargetGroup: _("a target group"),
    Source: _("a source"),
}
OR = _(" or ")


def listing_or(nouns: list[Message]) -> Message:
    """'an actor or a forum'."""
    joined = nouns[0]
    for noun in nouns[1:]:
        joined = joined + OR + noun
    return joined


IGNORED = _(" (the field is left empty)")
REPEATED_REF = _("the same entry is listed more than once; it counts once")


def build_map(
    facts: list[Fact], title: str = "", rows: Sequence[Hashable] | None = None
) -> MergeOutcome:
    """Merge `facts` from all files into one map, resolving names to ids.

    `rows[i]` names the input row `facts[i]` came from (one row may give several facts);
    without it every fact counts as a row of its own.
    """
    keys: Sequence[Hashable] = rows if rows is not None else range(len(facts))
    entries = sorted(
        (_Entry(fact, row) for fact, row in zip(facts, keys, strict=True)),
        key=lambda entry: _order(entry.fact),
    )
    for ordinal, entry in enumerate(entries):
        entry.ordinal = ordinal
    merger = _Merger(title, entries)
    merger.entries = [entry for entry in entries if _period_ok(merger, entry)]
    for fact in one_spelling_per_place(_merged_facts(merger)):
        merger.outcome.map.add(fact)
    merger.count_rows()
    return merger.outcome


def _period_ok(merger: _Merger, entry: _Entry) -> bool:
    valid = entry.fact.valid
    if valid.start and valid.end and valid.start > valid.end:
        merger.reject(entry, "valid_to", BACKWARDS)
        return False
    return True


def _merged_facts(merger: _Merger) -> list[Fact]:
    """Every fact of the map, in the order the map needs them (actors before contacts)."""
    actors = merger.named(Actor)
    forums = merger.named(Forum)
    carriers = _refs(merger, "carriers", Contact)
    persons = merger.named(Person, merger.undeclared(Person, _new_person, carriers))
    groups = _refs(merger, "target_groups", Actor, Forum, Contact, Gap)
    target_groups = merger.named(TargetGroup, merger.undeclared(TargetGroup, _new_group, groups))
    sources = merger.named(Source)
    contacts, gaps, events, fundings = (
        merger.unnamed(kind) for kind in (Contact, Gap, Event, Funding)
    )

    actor_facts = _without_parent_cycles(merger, merger.resolved(actors, _resolve_actor))
    forum_facts = merger.resolved(forums, _resolve_forum)
    event_facts = _possible_events(
        merger, merger.resolved(events, _resolve_event), [*actor_facts, *forum_facts]
    )
    facts = [
        *_apply_events(actor_facts, event_facts),
        *_apply_events(forum_facts, event_facts),
        *merger.resolved(persons, _resolve_person),
        *merger.resolved(contacts, _resolve_contact),
        *merger.resolved(gaps, _resolve_gap),
        *event_facts,
        *merger.resolved(fundings, _resolve_funding),
        *(identity.fact for identity in (*target_groups, *sources) if identity.fact),
    ]
    return [_cited(merger, fact) for fact in facts]


def _cited(merger: _Merger, fact: F) -> F:
    """The fact with each source it cites (a row's Källa, a contact's source) as the id of
    the source it names: 'i1' and the title of i1 are one interview, not two that disagree.
    A text that names no declared source stays as written. Only what changes is rebuilt:
    most rows cite their source by id already (70,000 rows on a national map)."""
    changes: dict[str, Any] = {}
    origins = tuple(_cited_origin(merger, origin) for origin in fact.provenance)
    if any(new is not old for new, old in zip(origins, fact.provenance, strict=True)):
        changes["provenance"] = origins
    cited = getattr(fact, "source", None)
    if isinstance(cited, str) and cited:
        where = _source_cell(fact.provenance[0]) if fact.provenance else Location("?")
        found = merger.source_id(cited, where)
        if found != cited:
            changes["source"] = found
    return replace(fact, **changes) if changes else fact


def _cited_origin(merger: _Merger, origin: Provenance) -> Provenance:
    if not origin.source:
        return origin
    found = merger.source_id(origin.source, _source_cell(origin))
    return origin if found == origin.source else replace(origin, source=found)


def _source_cell(origin: Provenance) -> Location:
    return Location(origin.file, origin.sheet, origin.row, origin.column_of("source"))


def _refs(merger: _Merger, field_name: str, *kinds: type[Fact]) -> list[tuple[Fact, str]]:
    return [
        (entry.fact, name)
        for kind in kinds
        for entry in merger.of_kind(kind)
        for name in getattr(entry.fact, field_name, ())
    ]


def _resolve_actor(merger: _Merger, actor: Actor) -> Actor:
    """A parent that cannot be found is dropped with a warning; the actor itself stays."""
    parent = merger.resolve(Actor, actor, "parent", actor.parent, False)
    return _resolve_actor_links(merger, replace(actor, parent=parent))


def _resolve_actor_links(merger: _Merger, actor: Actor) -> Actor:
    """Further parents, a project's owners and receivers: like a parent, optional each;
    the target groups it works for, as a contact's."""
    return replace(
        actor,
        other_parents=_resolve_some(merger, actor, "other_parents", actor.other_parents),
        owners=_resolve_some(merger, actor, "owners", actor.owners),
        receivers=_resolve_some(merger, actor, "receivers", actor.receivers),
        # a group that cannot be resolved has been reported; the actor stays
        target_groups=merger.resolve_all(TargetGroup, actor, "target_groups", actor.target_groups)
        or (),
    )


def _resolve_some(
    merger: _Merger, fact: Fact, field_name: str, refs: Iterable[str]
) -> tuple[str, ...]:
    """The actors among `refs` that exist; each one that does not gets a warning, as does
    the fact itself (a project that owns itself)."""
    found = (merger.resolve(Actor, fact, field_name, ref, required=False) for ref in refs)
    kept = tuple(dict.fromkeys(ref for ref in found if ref is not None))
    if fact.id in kept:
        message = ITSELF.format(name=merger.index[Actor].names.get(fact.id, fact.id))
        merger.problem(fact, field_name, message, error=False)
    return tuple(ref for ref in kept if ref != fact.id)


def _without_parent_cycles(merger: _Merger, actors: list[Actor]) -> list[Actor]:
    """An actor that is its own ancestor: the circle is cut at the id that sorts last."""
    parents = {actor.id: actor.parent for actor in actors}
    cut: set[str] = set()
    for start in sorted(parents):
        chain, current = [start], parents[start]
        while current and current in parents and current not in chain:
            chain.append(current)
            current = parents[current]
        if current == start and not cut & set(chain):
            last = max(chain)
            cut.add(last)
            names = " → ".join(merger.index[Actor].names[i] for i in [*chain, start])
            actor = next(a for a in actors if a.id == last)
            message = PARENT_CYCLE.format(chain=names, name=actor.name)
            merger.problem(actor, "parent", message, error=False)
    return [replace(a, parent=None) if a.id in cut else a for a in actors]


def _resolve_forum(merger: _Merger, forum: Forum) -> Forum | None:
    members = merger.resolve_all(Actor, forum, "members", forum.members)
    convener = merger.resolve(Actor, forum, "convener", forum.convener, required=False)
    groups = merger.resolve_all(TargetGroup, forum, "target_groups", forum.target_groups)
    if members is None or groups is None:
        return None
    return replace(forum, members=members, convener=convener, target_groups=groups)


def _resolve_person(merger: _Merger, person: Person) -> Person:
    actor = merger.resolve(Actor, person, "actor", person.actor, False)
    merger.person_actor[person.id] = actor
    return replace(person, actor=actor)


def _resolve_contact(merger: _Merger, contact: Contact) -> Contact | None:
    actor_a = merger.resolve(Actor, contact, "actor_a", contact.actor_a)
    actor_b = merger.resolve(Actor, contact, "actor_b", contact.actor_b)
    # 'Anna Svensson' on a contact of Lomma is the Anna Svensson who works at Lomma.
    sides = {actor_a, actor_b}
    carriers = merger.resolve_all(
        Person,
        contact,
        "carriers",
        contact.carriers,
        prefer=lambda ids: [i for i in ids if merger.person_actor.get(i) in sides],
    )
    groups = merger.resolve_all(TargetGroup, contact, "target_groups", contact.target_groups)
    if actor_a is None or actor_b is None or carriers is None or groups is None:
        return None
    if actor_a == actor_b:
        name = merger.index[Actor].names[actor_a]
        merger.problem(contact, "actor_b", SELF_CONTACT.format(name=name), error=False)
    return replace(
        contact,
        actor_a=actor_a,
        actor_b=actor_b,
        forum=merger.resolve(Forum, contact, "forum", contact.forum, required=False),
        carriers=carriers,
        target_groups=groups,
    )


def _resolve_gap(merger: _Merger, gap: Gap) -> Gap | None:
    gap = _stated_counterpart(gap)
    if _stated_beside_names(merger, gap):
        return None
    actor = merger.resolve(Actor, gap, "actor", gap.actor)
    others = merger.resolve_all(Actor, gap, "other_actors", gap.other_actors)
    counterparts = merger.resolve_all(Actor, gap, "counterparts", gap.counterparts)
    groups = merger.resolve_all(TargetGroup, gap, "target_groups", gap.target_groups)
    if actor is None or counterparts is None or others is None or groups is None:
        return None
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


def _stated_beside_names(merger: _Merger, gap: Gap) -> bool:
    """'ingen' or 'okänd' among named counterparts: an error at the word, which was called
    an actor not in the map."""
    if len(gap.counterparts) < 2:
        return False
    words = [c for c in gap.counterparts if Counterpart.parse(c) in STATED]
    for word in words:
        message = STATED_BESIDE_NAMES.format(word=word)
        merger.problem(gap, "counterparts", message, error=True, item=word)
    return bool(words)


STATED = (Counterpart.NONE, Counterpart.UNKNOWN)
STATED_BESIDE_NAMES = _(
    "'{word}' says the gap concerns no actor (or one not known) and cannot stand beside actors; write either '{word}' alone or the actors"
)


def _resolve_funding(merger: _Merger, funding: Funding) -> Funding | None:
    """The funder is an actor; the recipient an actor, a project or a forum."""
    funder = merger.resolve(Actor, funding, "funder", funding.funder)
    recipient = merger.resolve((Actor, Forum), funding, "recipient", funding.recipient)
    if funder is None or recipient is None:
        return None
    if funder == recipient:
        name = merger.index[Actor].names.get(funder, funder)
        merger.problem(funding, "recipient", SELF_FUNDING.format(name=name), error=False)
    return replace(funding, funder=funder, recipient=recipient)


def _resolve_event(merger: _Merger, event: Event) -> Event | None:
    actor = merger.resolve((Actor, Forum), event, "actor", event.actor)
    new_parent = merger.resolve(Actor, event, "new_parent", event.new_parent)
    if bool(event.actor) != bool(actor) or bool(event.new_parent) != bool(new_parent):
        return None
    return replace(event, actor=actor, new_parent=new_parent)


def _possible_events(merger: _Merger, events: list[Event], facts: list[Fact]) -> list[Event]:
    """A closure dated before its actor or forum starts cannot have happened."""
    starts = {fact.id: (fact.valid.start, _label(fact)) for fact in facts}
    kept = []
    for event in events:
        start, name = starts.get(event.actor or "", (None, ""))
        if event.kind is EventKind.CLOSURE and start is not None and event.date <= start:
            message = CLOSED_BEFORE_START.format(name=name, day=event.date, start=start)
            merger.reject_fact(event, "date", message)
        else:
            kept.append(event)
    return kept


def _apply_events(facts: list[F], events: list[Event]) -> list[F]:
    """What an event closes ends the day before it; what it starts begins on its day."""
    by_id = {fact.id: fact for fact in facts}
    for event in sorted(events, key=lambda e: (e.date, e.id)):
        fact = by_id.get(event.actor or "")
        if fact is None:
            continue
        if event.kind is EventKind.CLOSURE:
            by_id[fact.id] = replace(fact, valid=fact.valid.ended_before(event.date))
        elif event.kind is EventKind.START:
            by_id[fact.id] = replace(fact, valid=fact.valid.starting(event.date))
    return list(by_id.values())


def _new_group(name: str) -> TargetGroup:
    return TargetGroup(id=AUTO_ID, name=name)


def _new_person(name: str) -> Person:
    return Person(id=AUTO_ID, name=name)


BACKWARDS = _("end date before start date")
SELF_FUNDING = _("'{name}' funds itself; check the funder and the recipient")
SELF_CONTACT = _("the contact goes from '{name}' to '{name}' itself; check the actors")
ITSELF = _("'{name}' points at itself here; it is left out of the field")
PARENT_CYCLE = _("the parents form a circle ({chain}); '{name}' gets no parent")
CLOSED_BEFORE_START = _(
    "'{name}' closes on {day}, before it starts on {start}; the event is rejected"
)
