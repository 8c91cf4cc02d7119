"""A map as Kumu data: an xlsx with Elements and Connections sheets, or a JSON blueprint.

Actors and forums are elements, contacts and forum memberships connections. Kumu's own columns
(Label, Type, Description, Tags, Direction, Strength) are filled for people who work in Kumu;
every field of ours travels beside them as a samverkan: column, and persons, target groups,
sources, gaps, events and funding in extra sheets marked (ignore), which Kumu skips. Importing the file
again gives the same map.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg
from samverkan.model import Actor, Contact, Fact, Forum
from samverkan.safety import neutralise_cell
from samverkan_kumu.codec import PREFIX, Cell, custom_fields, encode
from samverkan_kumu.reader import ELEMENT_CLASSES, FACT_CLASSES, fact_fields
from samverkan_kumu.tables import FACT_COLUMN

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
    "person": Msg("Personer", "Persons"),
    "target_group": Msg("Målgrupper", "Target groups"),
    "source": Msg("Källor", "Sources"),
    "gap": Msg("Glapp och önskemål", "Gaps and wishes"),
    "event": Msg("Händelser", "Events"),
    "funding": Msg("Finansiering", "Funding"),
}
MEMBER = Msg("medlem", "member")

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


def elements(samverkan_map: SamverkanMap, lang: Lang) -> Iterator[Record]:
    for actor in samverkan_map.actors():
        yield _element(actor, actor.kind.label(lang), (), "actor")
    for forum in samverkan_map.forums():
        groups = tuple(samverkan_map.name(g) for g in forum.target_groups)
        yield _element(forum, "Forum", groups, "forum")


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
    }


def connections(samverkan_map: SamverkanMap, lang: Lang) -> Iterator[Record]:
    for contact in samverkan_map.contacts():
        yield {
            "ID": contact.id,
            "From": contact.actor_a,
            "To": contact.actor_b,
            "Type": contact.level.label(lang),
            "Direction": "undirected",  # a working relationship runs both ways
            "Strength": contact.quality,
            "Description": contact.description or None,
            "Tags": tuple(samverkan_map.name(g) for g in contact.target_groups),
            PREFIX + "relation": "contact",
            **_fields(contact, CONTACT_FIELDS),
            **_common(contact),
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
    _sheet(workbook, "Elements", ELEMENT_HEADERS, elements(samverkan_map, lang))
    _sheet(workbook, "Connections", CONNECTION_HEADERS, connections(samverkan_map, lang))
    by_kind: dict[str, list[Record]] = {}
    for kind, record in extra_facts(samverkan_map):
        by_kind.setdefault(kind, []).append(record)
    for kind, records in by_kind.items():
        title = f"{FACT_SHEETS[kind].text(lang)} (ignore)"
        _sheet(workbook, title, fact_headers(kind), iter(records))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(workbook: Any, title: str, headers: list[str], records: Iterator[Record]) -> None:
    worksheet = workbook.create_sheet(title)
    worksheet.append(headers)
    for record in records:
        worksheet.append([_cell(record.get(h)) for h in headers])
    worksheet.freeze_panes = "A2"


def _cell(value: Any) -> Cell:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell = encode(value)
    return neutralise_cell(ILLEGAL_CHARACTERS_RE.sub("", cell)) if isinstance(cell, str) else cell


# --- json ---------------------------------------------------------------------------------


def to_json(samverkan_map: SamverkanMap, lang: Lang) -> str:
    """Kumu's export shape: {"_id", "attributes"} per element; from, to, direction on top."""
    blueprint = {
        "elements": [
            {"_id": r.pop("ID"), "attributes": _attributes(r, "element type")}
            for r in elements(samverkan_map, lang)
        ],
        "connections": [
            {
                "_id": r.pop("ID"),
                "from": r.pop("From"),
                "to": r.pop("To"),
                "direction": r.pop("Direction"),
                "attributes": _attributes(r, "connection type"),
            }
            for r in connections(samverkan_map, lang)
        ],
        FACT_COLUMN: [
            {"_id": r.pop("ID"), "attributes": _attributes(r, "type")}
            for _, r in extra_facts(samverkan_map)
        ],
    }
    return json.dumps(blueprint, ensure_ascii=False, indent=2) + "\n"


def _attributes(record: Record, type_key: str) -> Record:
    attributes = {}
    for header, value in record.items():
        key = (
            type_key
            if header == "Type"
            else header
            if header.startswith(PREFIX)
            else header.lower()
        )
        encoded = list(value) if isinstance(value, tuple) else encode(value)
        if encoded not in (None, []):
            attributes[key] = encoded
    return attributes
