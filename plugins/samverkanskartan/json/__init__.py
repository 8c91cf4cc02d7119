"""Built-in plugin: the whole map as JSON, exported and imported without loss.

The format is versioned by the top-level marker ``"schema": "samverkanskartan/2"`` and
documented in docs/json-schema.md; version 1 files (no funding, every date a day) still read. Export → import → export gives the same bytes: keys are
sorted, facts keep the map's order, and every field is written, defaults included.
Flags are not part of the file: they are recomputed from the map by the rules.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from samverkan import hookimpl
from samverkan.contract import Analysis, Exporter, Importer, ImportResult
from samverkan.errors import Location, Problem, ProblemLevel, SamverkanError, os_reason
from samverkan.graph import SamverkanMap
from samverkan.i18n import _
from samverkan.io import atomic_write
from samverkan.limits import fact_problems, shortened
from samverkan.model import (
    Actor,
    Contact,
    Event,
    Fact,
    Forum,
    Funding,
    Gap,
    Person,
    Provenance,
    Source,
    TargetGroup,
)
from samverkanskartan.json.codec import (
    DecodeError,
    checked_text,
    decode_dataclass,
    encode,
    unknown_keys,
)

SCHEMA_NAME = "samverkanskartan"
SCHEMA_VERSION = 2
SCHEMA = f"{SCHEMA_NAME}/{SCHEMA_VERSION}"
MARKER = "schema"

# JSON key -> fact class, in the order facts are written and read.
TABLES: dict[str, type[Fact]] = {
    "actors": Actor,
    "forums": Forum,
    "contacts": Contact,
    "persons": Person,
    "target_groups": TargetGroup,
    "gaps": Gap,
    "events": Event,
    "sources": Source,
    "fundings": Funding,
}
TOP_LEVEL = {MARKER, "title", *TABLES}


def facts_of(samverkan_map: SamverkanMap, table: str) -> list[Fact]:
    getters: dict[str, Any] = {
        "actors": samverkan_map.actors,
        "forums": samverkan_map.forums,
        "contacts": samverkan_map.contacts,
        "persons": samverkan_map.persons.values,
        "target_groups": samverkan_map.target_groups.values,
        "gaps": samverkan_map.gaps.values,
        "events": samverkan_map.events.values,
        "sources": samverkan_map.sources.values,
        "fundings": samverkan_map.fundings.values,
    }
    return list(getters[table]())


def to_document(samverkan_map: SamverkanMap) -> dict[str, Any]:
    document: dict[str, Any] = {MARKER: SCHEMA, "title": samverkan_map.title}
    for table in TABLES:
        document[table] = [encode(_unplaced(fact)) for fact in facts_of(samverkan_map, table)]
    return document


@dataclass(frozen=True)
class JsonPlace(Provenance):
    """Where a fact of a hand-written JSON (one without provenance) stands in its file: for
    messages only, never written back, so export → import → export keeps its bytes."""


def _unplaced(fact: Fact) -> Fact:
    if not any(isinstance(origin, JsonPlace) for origin in fact.provenance):
        return fact
    kept = tuple(o for o in fact.provenance if not isinstance(o, JsonPlace))
    return replace(fact, provenance=kept)


def dumps(samverkan_map: SamverkanMap) -> str:
    """The map as JSON text: sorted keys, two-space indent, UTF-8 as is, one final newline."""
    text = json.dumps(
        to_document(samverkan_map), ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False
    )
    return text + "\n"


class JsonExporter:
    format = "json"
    suffix = ".json"
    description = _("The whole map as JSON (schema {schema}, reads back without loss)").format(
        schema=SCHEMA
    )

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, dumps(analysis.map))


class JsonImporter:
    name = "json"
    description = _(
        "Samverkanskartan's JSON export (schema samverkanskartan/…), see docs/json-schema.md"
    )

    def claims(self, path: Path) -> bool:
        """Ours if the top level carries our marker; broken JSON too, to say where it breaks."""
        if path.suffix.casefold() != ".json" or not path.is_file():
            return False
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return True
        except OSError:
            return False
        return isinstance(data, dict) and str(data.get(MARKER, "")).startswith(SCHEMA_NAME + "/")

    def read(self, path: Path) -> ImportResult:
        document = _load(path)
        _check_schema(path, document)
        result = ImportResult(title=_title(path, document))
        for key in unknown_keys_of(document):
            result.problems.append(Problem(Location(path.name, key), UNKNOWN_TABLE, WARNING))
        for table, cls in TABLES.items():
            _read_table(path, table, cls, document.get(table, []), result)
        return result


WARNING = ProblemLevel.WARNING
UNKNOWN_TABLE = _("unknown key, not read")
UNKNOWN_FIELD = _("unknown field '{key}' is not read")


def unknown_keys_of(document: dict[str, Any]) -> list[str]:
    return sorted(key for key in document if key not in TOP_LEVEL)


def _load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SamverkanError(
            _("The file cannot be read: {e}").format(e=os_reason(error)),
            Location(str(path)),
        ) from error
    except UnicodeDecodeError as error:
        raise SamverkanError(_("The file is not UTF-8 encoded"), Location(str(path))) from error
    duplicates = Duplicates()
    try:
        data = json.loads(
            text,
            parse_constant=_reject_constant,
            parse_int=_whole,
            parse_float=_finite,
            object_pairs_hook=duplicates,
        )
    except AbsurdNumber as error:
        line = _line_at(text, text.find(error.literal))
        message = ABSURD.format(n=shortened(error.literal), digits=MAX_DIGITS)
        raise SamverkanError(message, Location(str(path), row=line)) from error
    except RecursionError as error:
        raise SamverkanError(TOO_DEEP, Location(str(path))) from error
    except ValueError as error:
        line, column = _position(error)
        raise SamverkanError(
            _("The file is not valid JSON (character {column}): {e}").format(
                column=column, e=getattr(error, "msg", error)
            ),
            Location(str(path), row=line),
        ) from error
    if not isinstance(data, dict):
        raise SamverkanError(NOT_OURS, Location(str(path)))
    if duplicates.found is not None:
        owner, key = duplicates.found
        raise SamverkanError(DUPLICATE_KEY.format(key=key), _location_of(path, data, owner, key))
    return data


def _reject_constant(name: str) -> Any:
    """NaN, Infinity and -Infinity: Python reads them, JSON has no such numbers."""
    raise AbsurdNumber(name)


class AbsurdNumber(ValueError):
    """A number no field can hold: more digits than any count, or beyond a float."""

    def __init__(self, literal: str) -> None:
        super().__init__(literal)
        self.literal = literal


MAX_DIGITS = 20  # Python refuses to read integers of more than 4,300 digits at all


def _whole(literal: str) -> int:
    if len(literal.lstrip("-")) > MAX_DIGITS:
        raise AbsurdNumber(literal)
    return int(literal)


def _finite(literal: str) -> float:
    value = float(literal)  # '1e400' reads as infinity
    if not math.isfinite(value):
        raise AbsurdNumber(literal)
    return value


class Duplicates:
    """Builds each JSON object, remembering the first that names a key twice: json.loads
    would keep the last value in silence (a second "gaps" table would drop the first)."""

    def __init__(self) -> None:
        self.found: tuple[dict[str, Any], str] | None = None

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        built: dict[str, Any] = {}
        for key, value in pairs:
            if key in built and self.found is None:
                self.found = (built, key)
            built[key] = value
        return built


def _location_of(path: Path, document: dict[str, Any], owner: object, key: str) -> Location:
    """Where the object `owner` sits: a table's element is 'blad <table>, rad <n>'."""
    route = _route_to(document, owner) or []
    if len(route) >= 2 and isinstance(route[1], int):
        inner = ".".join(str(step) for step in [*route[2:], key])
        return Location(path.name, str(route[0]), route[1] + 1, inner)
    return Location(str(path), column=".".join(str(step) for step in [*route, key]))


def _route_to(document: Any, owner: object) -> list[str | int] | None:
    """The keys and indexes that lead from `document` to `owner` (found without recursion:
    nesting may be deep)."""
    stack: list[tuple[Any, list[str | int]]] = [(document, [])]
    while stack:
        value, route = stack.pop()
        if value is owner:
            return route
        children: list[tuple[str | int, Any]] = (
            list(value.items())
            if isinstance(value, dict)
            else list(enumerate(value))
            if isinstance(value, list)
            else []
        )
        stack.extend((child, [*route, step]) for step, child in children)
    return None


def _line_at(text: str, offset: int) -> int | None:
    return text.count("\n", 0, offset) + 1 if offset >= 0 else None


def _position(error: ValueError) -> tuple[int | None, int | None]:
    return getattr(error, "lineno", None), getattr(error, "colno", None)


ABSURD = _(
    "The file holds the number {n}, which no field can hold (at most {digits} digits, finite)"
)
TOO_DEEP = _("The file is nested too deeply to be a Samverkanskartan export")
DUPLICATE_KEY = _(
    "the key '{key}' appears twice in the same object; only one may (else the first is lost in silence). Remove or rename one of them."
)


NOT_OURS = _(
    'The file lacks the marker "schema": "{schema}" and is no Samverkanskartan export'
).format(schema=SCHEMA)


def _check_schema(path: Path, document: dict[str, Any]) -> None:
    marker = str(document.get(MARKER, ""))
    match = re.fullmatch(re.escape(SCHEMA_NAME) + r"/(\d+)", marker)
    if match is None:
        raise SamverkanError(NOT_OURS, Location(str(path)))
    version = match.group(1).lstrip("0") or "0"  # int() refuses 4,300 digits or more
    if len(version) > len(str(SCHEMA_VERSION)) or int(version) > SCHEMA_VERSION:
        raise SamverkanError(
            _(
                "The file has schema version {v}, but this version of Samverkanskartan reads only up to {mine}. Update Samverkanskartan."
            ).format(v=shortened(version), mine=SCHEMA_VERSION),
            Location(str(path), column=MARKER),
        )


def _title(path: Path, document: dict[str, Any]) -> str:
    try:
        return checked_text(document.get("title", ""))
    except DecodeError as error:
        raise SamverkanError(error.message, Location(str(path), column="title")) from None


def _read_table(
    path: Path, table: str, cls: type[Fact], elements: Any, result: ImportResult
) -> None:
    """Every element becomes a fact or a problem at `file, blad <table>, rad <n>, kolumn <field>`."""
    if not isinstance(elements, list):
        result.problems.append(Problem(Location(path.name, table), _("expected a list here")))
        return
    for number, element in enumerate(elements, start=1):
        result.rows_read += 1
        try:
            fact = decode_dataclass(cls, element)
        except DecodeError as error:
            location = Location(path.name, table, number, error.path or None)
            result.problems.append(Problem(location, error.message))
            result.rows_rejected += 1
            continue
        out_of_range = [
            Problem(Location(path.name, table, number, name), message)
            for name, message in fact_problems(fact)
        ]
        result.problems.extend(out_of_range)  # checked here, before any rule sees the value
        for key in unknown_keys(cls, element):
            location = Location(path.name, table, number, key)
            result.problems.append(Problem(location, UNKNOWN_FIELD.format(key=key), WARNING))
        if out_of_range:
            result.rows_rejected += 1
        else:
            result.facts.append(_located(fact, path, table, number))


def _located(fact: Fact, path: Path, table: str, number: int) -> Fact:
    """A fact written by hand (no provenance) is placed where it stands in this file, so that
    what merge and the rules say about it names 'file, blad <table>, rad <n>, kolumn <field>'
    rather than '?' (see `JsonPlace`). An export's provenance (the workbook rows behind it)
    is kept as it is."""
    if fact.provenance:
        return fact
    origin = JsonPlace(path.name, table, number, None, COLUMNS[table])
    return replace(fact, provenance=(origin,))


# A JSON field's column is its own name (Provenance maps field -> column).
COLUMNS = {table: {spec.name: spec.name for spec in fields(cls)} for table, cls in TABLES.items()}


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [JsonExporter()]


@hookimpl
def samverkan_importers() -> list[Importer]:
    return [JsonImporter()]
