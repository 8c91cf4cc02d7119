"""A map as Kumu data: an xlsx with Elements and Connections sheets, or a JSON blueprint.

Actors and forums are elements, contacts and forum memberships connections. Kumu's own columns
(Label, Type, Description, Tags, Direction, Strength) are filled for people who work in Kumu —
from the attributes a Kumu import kept where our fields had no home; every field of ours
travels beside them as a samverkan: column, every other attribute (a Kumu custom field) as a
column of its own name, and persons, target groups, sources, gaps, events and funding in extra sheets
marked (ignore), which Kumu skips. Positions a Kumu project carried (attributes x and y) go
back onto a map of the JSON blueprint. Importing the file again gives the same map.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _
from samverkan.model import Actor, Contact, Fact, Forum
from samverkan.safety import TEXT_CELL_FORMULA_STARTS, fit_cell, neutralise_cell
from samverkanskartan.kumu.codec import PREFIX, SEPARATOR, Cell, custom_fields, encode
from samverkanskartan.kumu.reader import (
    DIRECTION,
    DIRECTIONS,
    ELEMENT_CLASSES,
    FACT_CLASSES,
    OUR_DIRECTION,
    STRENGTH,
    TAGS,
    TYPE,
    fact_fields,
)
from samverkanskartan.kumu.tables import FACT_COLUMN, POSITION_KEYS

PERIOD = [PREFIX + "valid_from", PREFIX + "valid_to"]
ELEMENT_FIELDS = list(dict.fromkeys(f for c in ELEMENT_CLASSES.values() for f in custom_fields(c)))
CONTACT_FIELDS = [f for f in custom_fields(Contact) if f not in ("actor_a", "actor_b")]
ELEMENT_HEADERS = [
    "ID",
    "Label",
    "Type",
    "Description",
    "Tags",
    PREFIX + "element",
    *(PREFIX + f for f in ELEMENT_FIELDS),
    *PERIOD,
    PREFIX + "source",
]
CONNECTION_HEADERS = [
    "ID",
    "From",
    "To",
    "Type",
    "Direction",
    "Strength",
    "Description",
    "Tags",
    PREFIX + "relation",
    *(PREFIX + f for f in CONTACT_FIELDS),
    *PERIOD,
]
FACT_SHEETS = {
    "person": _("Persons"),
    "target_group": _("Target groups"),
    "source": _("Sources"),
    "gap": _("Gaps and wishes"),
    "event": _("Events"),
    "funding": _("Funding"),
}
MEMBER = _("member")
# Attributes that fill Kumu's own columns rather than a column of their own.
ELEMENT_COLUMNS = (TYPE, TAGS)
CONNECTION_COLUMNS = (TYPE, STRENGTH, DIRECTION)
# Kumu's JSON export keeps these beside from and to, not among a connection's attributes.
CONNECTION_TOP = ("delayed", "reversed")
# Attribute text that the writer gives back as a JSON number or boolean: only the canonical
# spelling, so that a text such as "007" or "1e5" stays text.
LITERAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|true|false")

Record = dict[str, Any]  # header -> value, for one row or one JSON object


def _common(fact: Fact) -> Record:
    source = getattr(fact, "source", None)
    if source is None and fact.provenance:
        source = fact.provenance[0].source
    return {
        PERIOD[0]: encode(fact.valid.start),
        PERIOD[1]: encode(fact.valid.end),
        PREFIX + "source": encode(source),
    }


def _fields(fact: Fact, names: list[str]) -> Record:
    return {PREFIX + name: getattr(fact, name) for name in names if hasattr(fact, name)}


def _custom(fact: Fact, kumu_columns: tuple[str, ...]) -> Record:
    return {k: v for k, v in fact.attributes.items() if k not in kumu_columns}


def custom_headers(records: Iterable[Record], fixed: list[str]) -> list[str]:
    """The custom-field columns, in the order the records first name them."""
    known = set(fixed)
    return [h for h in dict.fromkeys(h for r in records for h in r) if h not in known]


def elements(samverkan_map: SamverkanMap, lang: Lang) -> Iterator[Record]:
    for actor in samverkan_map.actors():
        tags = tuple(actor.attributes[TAGS].split(SEPARATOR)) if TAGS in actor.attributes else ()
        yield _element(actor, actor.attributes.get(TYPE) or actor.kind.label(lang), tags, "actor")
    for forum in samverkan_map.forums():
        groups = tuple(samverkan_map.group_name(g) for g in forum.target_groups)
        yield _element(forum, forum.attributes.get(TYPE) or "Forum", groups, "forum")


def _element(fact: Actor | Forum, kind: str, tags: tuple[str, ...], element: str) -> Record:
    return {
        "ID": fact.id,
        "Label": fact.name,
        "Type": kind,
        "Description": fact.description or None,
        "Tags": tags,
        PREFIX + "element": element,
        **_fields(fact, ELEMENT_FIELDS),
        **_common(fact),
        **_custom(fact, ELEMENT_COLUMNS),
    }


def connections(samverkan_map: SamverkanMap, lang: Lang) -> Iterator[Record]:
    for contact in samverkan_map.contacts():
        attributes = contact.attributes
        yield {
            "ID": contact.id,
            "From": contact.actor_a,
            "To": contact.actor_b,
            "Type": attributes.get(TYPE) or contact.level.label(lang),
            # a working relationship runs both ways, unless Kumu said otherwise
            "Direction": kumu_direction(attributes.get(DIRECTION, OUR_DIRECTION)),
            "Strength": attributes.get(STRENGTH, contact.quality),  # Kumu's word, if it had one
            "Description": contact.description or None,
            "Tags": tuple(samverkan_map.group_name(g) for g in contact.target_groups),
            PREFIX + "relation": "contact",
            **_fields(contact, CONTACT_FIELDS),
            **_common(contact),
            **_custom(contact, CONNECTION_COLUMNS),
        }
    for forum in samverkan_map.forums():
        for member in forum.members:
            yield {
                "ID": f"{forum.id}--{member}",
                "From": member,
                "To": forum.id,
                "Type": MEMBER.text(lang),
                "Direction": "directed",
                PREFIX + "relation": "member",
            }


def kumu_direction(text: str) -> str:
    """Kumu's word for a direction, in the lowercase its import understands ("Mutual" ->
    "mutual"); a text that is none of its three words is passed on as it was."""
    word = text.strip().casefold()
    return word if word in DIRECTIONS else text


def extra_facts(samverkan_map: SamverkanMap) -> Iterator[tuple[str, Record]]:
    tables: dict[str, dict[str, Any]] = {
        "person": samverkan_map.persons,
        "target_group": samverkan_map.target_groups,
        "source": samverkan_map.sources,
        "gap": samverkan_map.gaps,
        "event": samverkan_map.events,
        "funding": samverkan_map.fundings,
    }
    for kind, table in tables.items():
        names = fact_fields(FACT_CLASSES[kind])
        for fact in table.values():
            yield kind, {FACT_COLUMN: kind, "ID": fact.id, **_fields(fact, names), **_common(fact)}


def fact_headers(kind: str) -> list[str]:
    names = fact_fields(FACT_CLASSES[kind])
    extra = [] if "source" in names else [PREFIX + "source"]
    return [FACT_COLUMN, "ID", *(PREFIX + n for n in names), *PERIOD, *extra]


# --- xlsx ---------------------------------------------------------------------------------


def to_xlsx(samverkan_map: SamverkanMap, lang: Lang) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, fixed, records in (
        ("Elements", ELEMENT_HEADERS, list(elements(samverkan_map, lang))),
        ("Connections", CONNECTION_HEADERS, list(connections(samverkan_map, lang))),
    ):
        _sheet(workbook, title, fixed + custom_headers(records, fixed), iter(records), lang)
    by_kind: dict[str, list[Record]] = {}
    for kind, record in extra_facts(samverkan_map):
        by_kind.setdefault(kind, []).append(record)
    for kind, records in by_kind.items():
        title = f"{FACT_SHEETS[kind].text(lang)} (ignore)"
        _sheet(workbook, title, fact_headers(kind), iter(records), lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(
    workbook: Any, title: str, headers: list[str], records: Iterator[Record], lang: Lang
) -> None:
    from openpyxl.cell.cell import ERROR_CODES

    worksheet = workbook.create_sheet(title)
    worksheet.append(headers)
    for record in records:
        row = [_cell(record.get(h), lang) for h in headers]
        worksheet.append(row)
        if any(isinstance(value, str) and value in ERROR_CODES for value in row):
            _as_text(worksheet[worksheet.max_row])
    worksheet.freeze_panes = "A2"


def _as_text(cells: Any) -> None:
    """A text such as "#DIV/0!" stays a text: openpyxl would type it as Excel's error value,
    which Kumu (and our reader) would see as a failed formula, not as the name it is."""
    for cell in cells:
        if cell.data_type == "e":
            cell.data_type = "s"


def _cell(value: Any, lang: Lang) -> Cell:
    """A typed cell: only a text that would become a formula gets its `'` (see reader);
    a text longer than a cell holds ends with a note saying how much is missing."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = encode(value)
    if not isinstance(cell, str):
        return cell
    text = fit_cell(ILLEGAL_CHARACTERS_RE.sub("", cell), lang)
    return neutralise_cell(text, TEXT_CELL_FORMULA_STARTS)


# --- json ---------------------------------------------------------------------------------


def to_json(samverkan_map: SamverkanMap, lang: Lang) -> str:
    """Kumu's export shape: {"_id", "attributes"} per element; from, to, direction on top;
    the positions a Kumu project carried on a map of their own, as Kumu exports them."""
    element_records = list(elements(samverkan_map, lang))
    positions = [_position(r) for r in element_records]
    blueprint: Record = {"name": samverkan_map.title} if samverkan_map.title else {}
    blueprint["elements"] = [
        {"_id": r.pop("ID"), "attributes": _attributes(r, "element type", ELEMENT_KEYS)}
        for r in element_records
    ]
    blueprint["connections"] = [_connection(r) for r in connections(samverkan_map, lang)]
    facts = [
        {"_id": r.pop("ID"), "attributes": _attributes(r, "type", ELEMENT_KEYS)}
        for _, r in extra_facts(samverkan_map)
    ]
    if facts:
        blueprint[FACT_COLUMN] = facts
    placed = {e["_id"]: p for e, p in zip(blueprint["elements"], positions, strict=True) if p}
    if placed:
        blueprint["defaultMap"] = MAP_ID
        blueprint["maps"] = [_map(samverkan_map.title, placed, blueprint["connections"])]
    return json.dumps(blueprint, ensure_ascii=False, indent=2) + "\n"


def _map(title: str, placed: dict[str, dict[str, float]], links: list[Record]) -> Record:
    """A map as Kumu's export writes one: each placed element pinned at its position (so
    Kumu's layout leaves it there), and the connections between placed elements on it."""
    nodes = [
        {"_id": f"node-{element}", "element": element, "position": position, "pinned": True}
        for element, position in placed.items()
    ]
    edges = [
        {"_id": f"edge-{link['_id']}", "connection": link["_id"]}
        for link in links
        if link["from"] in placed and link["to"] in placed
    ]
    return {"_id": MAP_ID, "name": title, "elements": nodes, "connections": edges}


MAP_ID = "map-samverkan"
# Kumu's own columns per sheet, written under Kumu's lowercase keys. Any other header is a
# custom field under its own name: a contact's "Label" is one, an element's "Label" is not.
ELEMENT_KEYS = frozenset(h for h in ELEMENT_HEADERS if not h.startswith(PREFIX))
CONNECTION_KEYS = frozenset(h for h in CONNECTION_HEADERS if not h.startswith(PREFIX))


def _position(record: Record) -> dict[str, float] | None:
    """{x, y} taken out of an element's attributes, if it carries both as numbers."""
    try:
        position = {k: float(record[k]) for k in POSITION_KEYS}
    except (KeyError, ValueError):
        return None
    for key in POSITION_KEYS:
        del record[key]
    return position


def _connection(record: Record) -> Record:
    top = {
        "_id": record.pop("ID"),
        "from": record.pop("From"),
        "to": record.pop("To"),
        "direction": record.pop("Direction"),
    }
    for key in CONNECTION_TOP:
        if key in record:
            top[key] = _literal(record.pop(key))
    return {**top, "attributes": _attributes(record, "connection type", CONNECTION_KEYS)}


def _attributes(record: Record, type_key: str, kumu_keys: frozenset[str]) -> Record:
    """Our columns and Kumu's (`kumu_keys`) under Kumu's lowercase keys; a custom field
    under its own name."""
    attributes = {}
    for header, value in record.items():
        if header == "Type":
            key = type_key
        elif header.startswith(PREFIX) or header in kumu_keys:
            key = header if header.startswith(PREFIX) else header.lower()
        else:  # a custom field: its own name, its own type
            attributes[header] = _literal(value)
            continue
        encoded = list(value) if isinstance(value, tuple) else encode(value)
        if encoded not in (None, []):
            attributes[key] = encoded
    return attributes


def _literal(text: str) -> Any:
    """A number or boolean as JSON holds it, when the text is one spelt canonically."""
    return json.loads(text) if LITERAL.fullmatch(text) else text
