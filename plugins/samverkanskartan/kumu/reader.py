"""Kumu tables to facts: elements become actors or forums, connections contacts or memberships.

Matching follows Kumu: an element is the same element when its ID is the same or, without an
ID column, its Label (with Type, when there is a Type column). A connection's From and To name
an element by ID, else by Label. A workbook or blueprint with connections only gets its
elements created from them, as Kumu does. Otherwise an end not found in the file is passed
on by name, so merge can find it in another file (Kumu's CSVs come as two files) or report
it at its cell (a mistyped name is not made an element of its own).

Nothing Kumu holds is dropped: a column we have no field for (a custom field), a Type that
is no actor kind or level, tags on actors, a connection's direction and an element's
position on the project's map are kept as the fact's attributes under Kumu's own names, and
written back under them (`samverkanskartan.kumu.writer`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import MISSING, dataclass, fields, replace
from datetime import date, datetime, time
from itertools import chain, count
from pathlib import Path
from typing import Any

from samverkan.contract import ImportResult
from samverkan.errors import Location, Problem, ProblemLevel
from samverkan.i18n import Message, _
from samverkan.limits import shortened
from samverkan.model import (
    AUTO_ID,
    Actor,
    ActorKind,
    Contact,
    Event,
    Fact,
    Forum,
    Funding,
    Gap,
    Level,
    Period,
    Person,
    Provenance,
    Source,
    TargetGroup,
    item_key,
    normalise,
    slugify,
)
from samverkan.safety import TEXT_CELL_FORMULA_STARTS, restore_cell
from samverkanskartan.kumu.codec import (
    PREFIX,
    SEPARATOR,
    CodecError,
    as_date,
    as_text,
    custom_fields,
    decode,
    is_blank,
    split,
)
from samverkanskartan.kumu.mapping import DEFAULT_MAPPING, KumuMapping
from samverkanskartan.kumu.tables import (
    CONNECTION_FIELDS,
    ELEMENT_FIELDS,
    FACT_COLUMN,
    Table,
    TableKind,
)

ELEMENT_CLASSES: dict[str, type[Actor] | type[Forum]] = {"actor": Actor, "forum": Forum}
FACT_CLASSES: dict[str, type[Fact]] = {
    "person": Person,
    "target_group": TargetGroup,
    "source": Source,
    "gap": Gap,
    "event": Event,
    "funding": Funding,
}
DIRECTIONS = ("directed", "undirected", "mutual")
# Kumu draws a connection without a direction as directed; ours run both ways unless told.
KUMU_DEFAULT_DIRECTION, OUR_DIRECTION = "directed", "undirected"
# Attribute names for Kumu's own columns when their value has no home in our fields.
TYPE, TAGS, STRENGTH, DIRECTION = "Type", "Tags", "Strength", "Direction"
RELATIONS = ("contact", "member")
CONTACT_FIELDS = tuple(n for n in custom_fields(Contact) if n not in ("actor_a", "actor_b"))
# Our fields that Kumu's own columns fill, for the provenance's column letters.
ELEMENT_AT = {"name": "label", "kind": "type", "target_groups": "tags"}
CONNECTION_AT = {
    "actor_a": "from",
    "actor_b": "to",
    "level": "type",
    "quality": "strength",
    "target_groups": "tags",
}
Ref = tuple[str, str | None]  # an element's id and kind (actor, forum; None: not in this file)
PERIOD_KEYS = (PREFIX + "valid_from", PREFIX + "valid_to", PREFIX + "source")
ELEMENT_KEYS = {*ELEMENT_FIELDS, PREFIX + "element", *PERIOD_KEYS}
CONNECTION_KEYS = set(CONNECTION_FIELDS)


def fact_fields(fact_class: type[Fact]) -> list[str]:
    """Every data field of an extra fact (person, source …): they have no Kumu column."""
    return [
        f.name
        for f in fields(fact_class)
        if f.name not in ("id", "provenance", "valid", "attributes")
    ]


def required_fields(fact_class: type[Fact]) -> list[str]:
    return [
        f.name
        for f in fields(fact_class)
        if f.default is MISSING and f.default_factory is MISSING and f.name != "id"
    ]


@dataclass
class Row:
    """One data row with the table it came from, for reading cells and locating problems."""

    path: Path
    table: Table
    number: int
    values: list[Any]
    custom: dict[int, str]  # column index -> attribute name, for columns we have no field for

    def get(self, key: str) -> Any:
        index = self.table.index(key)
        if index is None or index >= len(self.values) or is_blank(self.values[index]):
            return None
        return cell_value(self.values[index])

    def attributes(self) -> dict[str, str]:
        """The row's custom fields, under the names the sheet gave them."""
        return {
            name: attribute_text(cell_value(self.values[index]))
            for index, name in self.custom.items()
            if index < len(self.values) and not is_blank(self.values[index])
        }

    def text(self, key: str) -> str:
        value = self.get(key)
        return "" if value is None else as_text(value)

    def column(self, key: str) -> str | None:
        index = self.table.index(key)
        return self.table.column(index) if index is not None else None

    def location(self, key: str | None = None) -> Location:
        return Location(self.path.name, self.table.name, self.number, self.column(key or ""))

    def blank(self) -> bool:
        return all(is_blank(value) for value in self.values)


def cell_value(value: Any) -> Any:
    """A cell as written before the writer neutralised it (see writer._cell)."""
    return restore_cell(value, TEXT_CELL_FORMULA_STARTS) if isinstance(value, str) else value


def attribute_text(value: Any) -> str:
    """A cell or JSON value as attribute text: lists joined as Kumu joins them, JSON's true
    and false as JSON writes them (the writer gives numbers and booleans back their type),
    a date with the time of day it has (a custom field is not a period of ours)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(attribute_text(item) for item in value)
    if isinstance(value, datetime) and value.time() != time():
        precise = value.second or value.microsecond
        return value.isoformat(sep=" ", timespec="seconds" if precise else "minutes")
    return as_text(value)


class KumuReader:
    def __init__(
        self, path: Path, creates_missing: bool = False, mapping: KumuMapping = DEFAULT_MAPPING
    ) -> None:
        self.path = path
        self.mapping = mapping  # Type, Strength and Tags to our words ([import.kumu])
        # A workbook or blueprint is a whole project: without elements, connections make them.
        self.may_create = creates_missing
        self.creates_missing = False
        self.created: list[str] = []  # labels of elements only connections named
        self.result = ImportResult()
        self.ids: dict[str, Ref] = {}  # Kumu's ID column -> (our id, element kind)
        self.generated: dict[str, Ref] = {}  # ids we made from labels, asked for last
        self.labels: dict[str, list[Ref]] = {}
        self.element_keys: dict[str, object] = {}  # our id -> Kumu's identity of the element
        self.given_ids: set[str] = set()  # the file's own element IDs, never made for a label
        self.forums: dict[str, dict[str, Any]] = {}  # forum id -> its fields, members grow
        self.warned: set[tuple[str, str]] = set()
        # Per table: field -> column letter (shared by its rows' provenance), the id prefix
        self.letters: dict[int, dict[str, str]] = {}
        self.row_ids: dict[int, str] = {}

    # --- problems -------------------------------------------------------------------------

    def problem(self, location: Location, message: Message, error: bool = True) -> None:
        level = ProblemLevel.ERROR if error else ProblemLevel.WARNING
        self.result.problems.append(Problem(location, message, level))

    def warn_once(self, row: Row, key: str, what: str, message: Message) -> None:
        if (row.table.name, what) not in self.warned:
            self.warned.add((row.table.name, what))
            self.problem(row.location(key), message, error=False)

    # --- tables ---------------------------------------------------------------------------

    def read(self, tables: list[Table]) -> ImportResult:
        order = (TableKind.ELEMENTS, TableKind.CONNECTIONS, TableKind.FACTS)
        kinds = {table.kind for table in tables}
        self.creates_missing = self.may_create and TableKind.ELEMENTS not in kinds
        for table in (t for t in tables if t.kind is TableKind.ELEMENTS):
            self.given_ids |= given_ids(table)
        for kind in order:
            for table in (t for t in tables if t.kind is kind):
                self.read_table(table)
        for table in tables:
            if table.kind is TableKind.UNKNOWN and table.headers:
                self.unknown_table(table)
        self.finish_forums()
        if self.created:
            location = Location(self.path.name)
            names = ", ".join(self.created[:10]) + (" …" if len(self.created) > 10 else "")
            self.problem(location, CREATED.format(n=len(self.created), names=names), error=False)
        return self.result

    def unknown_table(self, table: Table) -> None:
        """A sheet Kumu would not read. With Kumu's own headers in other columns it was
        meant to be read, and reading nothing of it is an error; else a warning."""
        misplaced = next((k for k in ("label", "from") if k in table.positions), None)
        if misplaced is None or (misplaced == "from" and "to" not in table.positions):
            self.problem(Location(self.path.name, table.name), UNKNOWN_SHEET, error=False)
            return
        column = table.column(table.positions[misplaced])
        where = Location(self.path.name, table.name, table.header_row, column)
        header = table.headers[table.positions[misplaced]]
        self.problem(where, MISPLACED_HEADER.format(h=header))

    def read_table(self, table: Table) -> None:
        known = {
            TableKind.ELEMENTS: ELEMENT_KEYS
            | {PREFIX + f for c in ELEMENT_CLASSES.values() for f in custom_fields(c)},
            TableKind.CONNECTIONS: CONNECTION_KEYS
            | {PREFIX + f for f in (*custom_fields(Contact), "relation")}
            | set(PERIOD_KEYS),
            TableKind.FACTS: {FACT_COLUMN, "id", *PERIOD_KEYS}
            | {PREFIX + f for c in FACT_CLASSES.values() for f in fact_fields(c)},
        }[table.kind]
        for at_row, at_column, note in table.notes:
            self.problem(Location(self.path.name, table.name, at_row, at_column), note, error=False)
        custom: dict[int, str] = {}
        headless = {index for index, key in enumerate(table.keys) if not key}
        named: set[int] = set()  # headerless columns already warned about
        for index, key in enumerate(table.keys):
            if key in known and table.positions[key] != index:  # read from its first column
                where = Location(self.path.name, table.name, table.header_row, table.column(index))
                self.problem(where, REPEATED.format(h=table.headers[index]), error=False)
            if not key or key in known:
                continue
            if table.kind is TableKind.FACTS:  # our own sheets: a stray column is a mistake
                location = Location(
                    self.path.name,
                    table.name,
                    table.header_row if table.by_letter else None,
                    table.column(index),
                )
                self.problem(location, UNKNOWN_COLUMN.format(h=table.headers[index]), error=False)
            else:
                custom[index] = " ".join(str(table.headers[index]).split())
        read_row = {
            TableKind.ELEMENTS: self.read_element,
            TableKind.CONNECTIONS: self.read_connection,
            TableKind.FACTS: self.read_fact,
        }[table.kind]
        for number, values in table.rows:
            row = Row(self.path, table, number, values, custom)
            unread = table.unread.get(number, {})
            if row.blank() and not unread and table.by_letter:  # a JSON entry is never blank
                continue
            self.result.rows_read += 1
            if table.by_letter:
                self.warn_headless(row, headless, named)
            for letter, why in sorted(unread.items()):  # a value we cannot see is not guessed
                self.problem(Location(self.path.name, table.name, number, letter), why)
            if unread or not read_row(row):
                self.result.rows_rejected += 1

    def warn_headless(self, row: Row, blank: set[int], named: set[int]) -> None:
        """A value under no header (a blank one, or right of the last) is not read: said
        once per column, at its first value (it was lost in silence)."""
        beyond = range(len(row.table.keys), len(row.values))
        for index in [*blank, *beyond]:
            if index in named or is_blank(row.values[index]):
                continue
            named.add(index)
            value = shortened(attribute_text(cell_value(row.values[index])))
            where = Location(self.path.name, row.table.name, row.number, row.table.column(index))
            self.problem(where, HEADLESS.format(v=value), error=False)

    # --- shared cells ---------------------------------------------------------------------

    def typed(
        self, row: Row, fact_class: type[Fact], names: Iterable[str]
    ) -> dict[str, Any] | None:
        """The samverkan:<field> cells of `row` decoded; None (with problems) if any is wrong."""
        values: dict[str, Any] = {}
        ok = True
        for name in row.table.present(names, PREFIX):
            raw = row.get(PREFIX + name)
            if raw is None:
                continue
            try:
                values[name] = decode(fact_class, name, raw)
            except CodecError as error:
                self.problem(row.location(PREFIX + name), error.message)
                ok = False
        return values if ok else None

    def period(self, row: Row) -> Period | None:
        ends: list[date | None] = []
        for key in PERIOD_KEYS[:2]:
            raw = row.get(key)
            try:
                ends.append(as_date(raw) if raw is not None else None)
            except CodecError as error:
                self.problem(row.location(key), error.message)
                return None
        start, end = ends
        if start and end and start > end:
            self.problem(row.location(PERIOD_KEYS[1]), BACKWARDS)
            return None
        return Period(start, end)

    def provenance(self, row: Row, fields_at: dict[str, str]) -> Provenance:
        source = row.text(PREFIX + "source") or None
        columns = self.letters.get(id(row.table))
        if columns is None:  # one map per table, shared by its rows (nobody changes it)
            columns = self.letters[id(row.table)] = self.columns_of(row, fields_at)
        return Provenance(self.path.name, row.table.name, row.number, source, columns)

    def columns_of(self, row: Row, fields_at: dict[str, str]) -> dict[str, str]:
        columns = {}
        for key in row.table.keys:
            if key.startswith(PREFIX) and (letter := row.column(key)):
                columns[key[len(PREFIX) :]] = letter
        for name, key in fields_at.items():
            if (letter := row.column(key)) and name not in columns:
                columns[name] = letter
        return columns

    def row_id(self, row: Row) -> str:
        """A fact's id where the row gives none: file, sheet and row number."""
        prefix = self.row_ids.get(id(row.table))
        if prefix is None:
            prefix = self.row_ids[id(row.table)] = slugify(f"{self.path.stem}-{row.table.name}")
        return f"{prefix}-{row.number}"

    def required(self, row: Row, values: dict[str, Any], fact_class: type[Fact]) -> bool:
        missing = [n for n in required_fields(fact_class) if values.get(n) in (None, "", ())]
        for name in missing:
            self.problem(row.location(PREFIX + name), REQUIRED.format(h=PREFIX + name))
        return not missing

    # --- elements -------------------------------------------------------------------------

    def read_element(self, row: Row) -> bool:
        label = row.text("label")
        if not label:
            self.problem(row.location("label"), REQUIRED.format(h="Label"))
            return False
        kumu_type = row.text("type")
        element = normalise(row.text(PREFIX + "element")) or (
            "forum" if self.mapping.is_forum(kumu_type) else "actor"
        )
        fact_class = ELEMENT_CLASSES.get(element)
        if fact_class is None:
            self.problem(row.location(PREFIX + "element"), BAD_ELEMENT.format(v=element))
            return False
        values = self.typed(row, fact_class, custom_fields(fact_class))
        period = self.period(row)
        if values is None or period is None:
            return False
        values["attributes"] = row.attributes()
        self.kumu_columns(row, fact_class, values, kumu_type)
        fact_id = self.element_id(row, label, kumu_type)
        values.update(
            id=fact_id,
            name=label,
            description=as_text(row.get("description") or ""),
            valid=period,
            provenance=(self.provenance(row, ELEMENT_AT),),
        )
        self.remember(row, fact_id, label, element)
        if fact_class is Forum:
            self.forums.setdefault(fact_id, values)
            if self.forums[fact_id] is not values:  # the same forum twice: merge combines them
                self.result.facts.append(Forum(**values))
        else:
            self.result.facts.append(Actor(**values))
        return True

    def kumu_columns(
        self, row: Row, fact_class: type[Fact], values: dict[str, Any], kumu_type: str
    ) -> None:
        """Kumu's own Type and Tags stand in where no samverkan: column says more."""
        tags = split(row.get("tags")) if row.get("tags") is not None else ()
        attributes = values["attributes"]
        if fact_class is Actor:
            kind = self.mapping.kind(kumu_type) if kumu_type else None
            if kumu_type and kind is None:
                message = UNKNOWN_TYPE.format(v=kumu_type, other=ActorKind.OTHER.value)
                self.warn_once(row, "type", "type:" + normalise(kumu_type), message)
            if "kind" not in values and kumu_type:
                values["kind"] = kind or ActorKind.OTHER
            if tags:
                attributes[TAGS] = SEPARATOR.join(tags)
        elif "target_groups" not in values and tags:
            values["target_groups"] = self.target_groups(tags)
        if kumu_type and not own_word(kumu_type, values.get("kind"), "Forum"):
            attributes[TYPE] = kumu_type  # written back as Kumu had it

    def target_groups(self, tags: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.mapping.target_group(tag) for tag in tags))

    def element_id(self, row: Row, label: str, kumu_type: str) -> str:
        """ID if given; else the label's slug, made distinct from the IDs the file gives other
        elements and from a same label of another Type."""
        given = row.text("id") if row.table.kind is TableKind.ELEMENTS else ""
        if given:
            return given
        identity: object = (normalise(label), normalise(kumu_type))
        if row.table.index("type") is None:
            identity = normalise(label)
        base = slugify(label)
        numbered = (f"{base}-{n}" for n in count(2))
        candidates = chain((base, slugify(f"{label} {kumu_type}")), numbered)
        return next(fact_id for fact_id in candidates if self.claim(fact_id, identity))

    def claim(self, fact_id: str, identity: object) -> bool:
        """Whether a made id is free for the element of `identity` (or already its own)."""
        if normalise(fact_id) in self.given_ids:  # another element's own ID
            return False
        return self.element_keys.setdefault(fact_id, identity) == identity

    def remember(self, row: Row, fact_id: str, label: str, element: str) -> None:
        target: Ref = (fact_id, element)
        if row.table.kind is TableKind.ELEMENTS and row.text("id"):
            self.ids[normalise(row.text("id"))] = target
        self.generated.setdefault(normalise(fact_id), target)
        known = self.labels.setdefault(normalise(label), [])
        if target not in known:
            known.append(target)

    def finish_forums(self) -> None:
        for values in self.forums.values():
            self.result.facts.append(Forum(**values))

    # --- connections ----------------------------------------------------------------------

    def resolve(self, row: Row, key: str, ref: str) -> Ref | None:
        """(id, element kind) of the element `ref` names; the name itself if not in this file."""
        wanted = normalise(ref)
        found = self.labels.get(wanted, [])
        if wanted in self.ids:
            if any(target != self.ids[wanted] for target in found):
                self.problem(row.location(key), ID_OR_LABEL.format(v=ref))
                return None
            return self.ids[wanted]
        if len(found) > 1:
            self.problem(row.location(key), AMBIGUOUS.format(v=ref))
            return None
        if found:
            return found[0]
        if wanted in self.generated:
            return self.generated[wanted]
        return self.create(row, ref) if self.creates_missing else (ref, None)

    def create(self, row: Row, label: str) -> Ref:
        """An element only a connection names: Kumu creates it, so do we (with a warning)."""
        fact_id = self.element_id(row, label, "")
        origin = Provenance(self.path.name, row.table.name, row.number, None, {})
        self.result.facts.append(Actor(id=fact_id, name=label, provenance=(origin,)))
        self.remember(row, fact_id, label, "actor")
        self.created.append(label)
        return fact_id, "actor"

    def source(self, row: Row) -> str | None:
        """The one element From names; None (with a problem) for a JSON list of several."""
        raw = row.get("from")
        if not isinstance(raw, list):
            return row.text("from")
        items = split(raw)
        if len(items) > 1:
            self.problem(row.location("from"), ONE_FROM.format(v=attribute_text(raw)))
            return None
        return items[0] if items else ""

    def read_connection(self, row: Row) -> bool:
        source, targets = self.source(row), split(row.get("to")) if row.get("to") else ()
        if source is None:
            return False
        for key, present in (("from", bool(source)), ("to", bool(targets))):
            if not present:
                self.problem(row.location(key), REQUIRED.format(h=key.capitalize()))
        direction = row.text("direction") or KUMU_DEFAULT_DIRECTION
        if direction not in DIRECTIONS:
            self.problem(row.location("direction"), BAD_DIRECTION.format(v=direction), False)
        relation = normalise(row.text(PREFIX + "relation"))
        if relation and relation not in RELATIONS:
            self.problem(row.location(PREFIX + "relation"), BAD_RELATION.format(v=relation))
            return False
        if not source or not targets:
            return False
        start = self.resolve(row, "from", source)
        ends = [self.resolve(row, "to", target) for target in targets]
        if start is None or None in ends:
            return False
        pairs = [(start, end) for end in ends if end is not None]
        kinds = ["forum" in (a[1], b[1]) or relation == "member" for a, b in pairs]
        if any(kinds):
            return all(self.membership(row, a, b) for a, b in pairs)
        return self.contacts(row, pairs, direction)

    def membership(self, row: Row, a: Ref, b: Ref) -> bool:
        forum, actor = (a, b) if a[1] == "forum" else (b, a)
        if forum[1] != "forum" or actor[1] == "forum" or forum[0] not in self.forums:
            self.problem(row.location("to"), BAD_MEMBERSHIP)
            return False
        values = self.forums[forum[0]]
        members = values.setdefault("members", ())
        if normalise(actor[0]) not in {normalise(m) for m in members}:
            values["members"] = (*members, actor[0])
            column = row.column("to" if forum is a else "from") or ""
            told = self.provenance(row, CONNECTION_AT)
            told = replace(told, columns={item_key("members", actor[0]): column})
            values["provenance"] += (told,)
        return True

    def contacts(self, row: Row, pairs: list[tuple[Ref, Ref]], direction: str) -> bool:
        values = self.typed(row, Contact, CONTACT_FIELDS)
        period = self.period(row)
        if values is None or period is None:
            return False
        values["attributes"] = row.attributes()
        if direction != OUR_DIRECTION:
            values["attributes"][DIRECTION] = direction
        self.connection_columns(row, values)
        origin = self.provenance(row, CONNECTION_AT)
        given = row.text("id") or self.row_id(row)
        for index, (a, b) in enumerate(pairs):
            self.result.facts.append(
                Contact(
                    # A row to several ends: the others get ids from the core, which cannot
                    # clash with an id written in another row ('c1-2' was taken by 'c1').
                    id=given if index == 0 else AUTO_ID,
                    actor_a=a[0],
                    actor_b=b[0],
                    description=as_text(row.get("description") or ""),
                    valid=period,
                    provenance=(origin,),
                    **values,
                )
            )
        return True

    def connection_columns(self, row: Row, values: dict[str, Any]) -> None:
        kumu_type, strength = row.text("type"), row.text("strength")
        attributes = values["attributes"]
        level = self.mapping.level(kumu_type) if kumu_type else None
        if kumu_type and level is None:
            message = UNKNOWN_LEVEL.format(v=kumu_type, other=Level.OPERATIONAL.value)
            self.warn_once(row, "type", "level:" + normalise(kumu_type), message)
        if "level" not in values and kumu_type:
            values["level"] = level or Level.OPERATIONAL
        if kumu_type and not own_word(kumu_type, values.get("level")):
            attributes[TYPE] = kumu_type  # written back as Kumu had it
        quality = self.mapping.quality(strength) if strength else None
        if strength and quality is None:
            self.warn_once(row, "strength", "strength", UNKNOWN_STRENGTH.format(v=strength))
        if strength and (quality is None or not strength.isdigit()):  # "Strong", "7", "0.5"
            attributes[STRENGTH] = strength
        if "quality" not in values and quality is not None:
            values["quality"] = quality
        tags = row.get("tags")
        if "target_groups" not in values and tags is not None:
            values["target_groups"] = self.target_groups(split(tags))

    # --- extra facts ----------------------------------------------------------------------

    def read_fact(self, row: Row) -> bool:
        kind = normalise(row.text(FACT_COLUMN))
        fact_class = FACT_CLASSES.get(kind)
        if fact_class is None:
            allowed = ", ".join(FACT_CLASSES)
            self.problem(row.location(FACT_COLUMN), BAD_FACT.format(v=kind, allowed=allowed))
            return False
        values = self.typed(row, fact_class, fact_fields(fact_class))
        period = self.period(row)
        if values is None or period is None or not self.required(row, values, fact_class):
            return False
        name = values.get("name") or values.get("title") or ""
        fallback = f"{self.path.stem}-{row.table.name}-{row.number}"
        fact_id = row.text("id") or slugify(name or fallback)
        self.result.facts.append(
            fact_class(id=fact_id, valid=period, provenance=(self.provenance(row, {}),), **values)
        )
        return True


def given_ids(table: Table) -> set[str]:
    """The IDs an element table writes, read ahead (its rows are kept for reading): an id we
    make from a label must not be one of them, or two elements would become one."""
    index = table.index("id")
    rows = list(table.rows)
    table.rows = iter(rows)
    if index is None:
        return set()
    cells = (values[index] for _, values in rows if index < len(values))
    return {normalise(as_text(cell_value(cell))) for cell in cells if not is_blank(cell)}


def own_word(text: str, choice: Any, *others: str) -> bool:
    """Whether `text` is how our export writes `choice` (or one of `others`): only then does
    reading it back need no attribute to give Kumu the text it had."""
    words = (choice.value, choice.english) if choice is not None else ()
    return text in (*words, *others)


UNKNOWN_SHEET = _(
    "the sheet is not shaped like a Kumu sheet (Label in A1, or From and To in A1 and B1) and is not read; add (ignore) to its name if it should not be read"
)
MISPLACED_HEADER = _(
    "the sheet has the header '{h}' here, but Kumu reads a sheet only with Label in A1 (elements) or From and To in A1 and B1 (connections), after an ID column if there is one; the sheet is not read. Move the columns, or add (ignore) to the sheet's name"
)
UNKNOWN_COLUMN = _("column '{h}' has no counterpart in Samverkanskartan and is not read")
REQUIRED = _("'{h}' must be filled in")
REPEATED = _("column '{h}' appears twice; the second is not read")
HEADLESS = _(
    "the value '{v}' stands in a column without a header and is not read (nor are the column's other values); give the column a header or move the value"
)
BACKWARDS = _("end date before start date")
BAD_ELEMENT = _("'{v}' is not an element kind; write actor or forum")
UNKNOWN_TYPE = _(
    "type '{v}' is not an actor kind in Samverkanskartan; the actors become '{other}' and Kumu's type is kept as the attribute Type. Map it in samverkan.toml: [import.kumu.typer] \"{v}\" = \"myndighet\" (or another actor kind, or forum)"
)
CREATED = _(
    "the file has no elements; {n} elements were created from the connections, as Kumu does: {names}"
)
AMBIGUOUS = _("'{v}' is the label of several elements; use their ID")
ONE_FROM = _(
    "From names one element, not several ('{v}'); a connection to several elements lists them in To"
)
ID_OR_LABEL = _(
    "'{v}' is the ID of one element and the label of another; change that ID or that label so that the connection names one element"
)
BAD_DIRECTION = _(
    "'{v}' is not a direction; Kumu understands directed, undirected or mutual (lowercase)"
)
BAD_RELATION = _("'{v}' is not a relation; write contact or member")
BAD_MEMBERSHIP = _("a membership joins a forum in this file and an actor")
UNKNOWN_LEVEL = _(
    'type \'{v}\' is not a level (strategic or operational); the contacts become \'{other}\' and Kumu\'s type is kept as the attribute Type. Map it in samverkan.toml: [import.kumu.kopplingstyper] "{v}" = "strategisk" (or "operativ")'
)
UNKNOWN_STRENGTH = _(
    "strength '{v}' is not on the quality scale (1–5); it is kept as the attribute Strength. Map it in samverkan.toml: [import.kumu.styrka] \"{v}\" = 3 (a step 1–5)"
)
BAD_FACT = _("'{v}' is not a known kind of fact (allowed: {allowed})")
