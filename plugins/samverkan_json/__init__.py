"""Built-in plugin: the whole map as JSON, exported and imported without loss.

The format is versioned by the top-level marker ``"schema": "samverkanskartan/2"`` and
documented in docs/json-schema.md; version 1 files (no funding, every date a day) still read. Export → import → export gives the same bytes: keys are
sorted, facts keep the map's order, and every field is written, defaults included.
Flags are not part of the file: they are recomputed from the map by the rules.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from samverkan import hookimpl
from samverkan.contract import Analysis, Exporter, Importer, ImportResult
from samverkan.errors import Location, Problem, ProblemLevel, SamverkanError
from samverkan.graph import SamverkanMap
from samverkan.i18n import Msg
from samverkan.io import atomic_write
from samverkan.model import (
    Actor,
    Contact,
    Event,
    Fact,
    Forum,
    Funding,
    Gap,
    Person,
    Source,
    TargetGroup,
)
from samverkan_json.codec import DecodeError, decode_dataclass, encode, unknown_keys

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
        document[table] = [encode(fact) for fact in facts_of(samverkan_map, table)]
    return document


def dumps(samverkan_map: SamverkanMap) -> str:
    """The map as JSON text: sorted keys, two-space indent, UTF-8 as is, one final newline."""
    text = json.dumps(
        to_document(samverkan_map), ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False
    )
    return text + "\n"


class JsonExporter:
    format = "json"
    suffix = ".json"
    description = Msg(
        "Hela kartan som JSON (schema " + SCHEMA + ", kan läsas in igen utan förlust)",
        "The whole map as JSON (schema " + SCHEMA + ", reads back without loss)",
    )

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, dumps(analysis.map))


class JsonImporter:
    name = "json"
    description = Msg(
        "Samverkanskartans JSON-export (schema samverkanskartan/…), se docs/json-schema.md",
        "Samverkanskartan's JSON export (schema samverkanskartan/…), see docs/json-schema.md",
    )

    def claims(self, path: Path) -> bool:
        """Ours if the top level carries our marker; broken JSON too, to say where it breaks."""
        if path.suffix.casefold() != ".json" or not path.is_file():
            return False
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
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
UNKNOWN_TABLE = Msg("okänd nyckel, läses inte", "unknown key, not read")
UNKNOWN_FIELD = Msg("okänt fält '{key}' läses inte", "unknown field '{key}' is not read")


def unknown_keys_of(document: dict[str, Any]) -> list[str]:
    return sorted(key for key in document if key not in TOP_LEVEL)


def _load(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SamverkanError(
            Msg("Filen kan inte läsas: {e}", "The file cannot be read: {e}").format(
                e=error.strerror or error
            ),
            Location(str(path)),
        ) from error
    except UnicodeDecodeError as error:
        raise SamverkanError(
            Msg("Filen är inte UTF-8-kodad", "The file is not UTF-8 encoded"), Location(str(path))
        ) from error
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as error:
        line, column = _position(error)
        raise SamverkanError(
            Msg(
                "Filen är ingen giltig JSON (tecken {column}): {e}",
                "The file is not valid JSON (character {column}): {e}",
            ).format(column=column, e=getattr(error, "msg", error)),
            Location(str(path), row=line),
        ) from error
    if not isinstance(data, dict):
        raise SamverkanError(NOT_OURS, Location(str(path)))
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _position(error: ValueError) -> tuple[int | None, int | None]:
    return getattr(error, "lineno", None), getattr(error, "colno", None)


NOT_OURS = Msg(
    'Filen saknar märkningen "schema": "' + SCHEMA + '" och är ingen export från Samverkanskartan',
    'The file lacks the marker "schema": "' + SCHEMA + '" and is no Samverkanskartan export',
)


def _check_schema(path: Path, document: dict[str, Any]) -> None:
    marker = str(document.get(MARKER, ""))
    match = re.fullmatch(re.escape(SCHEMA_NAME) + r"/(\d+)", marker)
    if match is None:
        raise SamverkanError(NOT_OURS, Location(str(path)))
    if int(match.group(1)) > SCHEMA_VERSION:
        raise SamverkanError(
            Msg(
                "Filen har schemaversion {v}, men den här versionen av Samverkanskartan läser "
                "bara upp till {mine}. Uppdatera Samverkanskartan.",
                "The file has schema version {v}, but this version of Samverkanskartan reads "
                "only up to {mine}. Update Samverkanskartan.",
            ).format(v=match.group(1), mine=SCHEMA_VERSION),
            Location(str(path), column=MARKER),
        )


def _title(path: Path, document: dict[str, Any]) -> str:
    title = document.get("title", "")
    if not isinstance(title, str):
        raise SamverkanError(
            Msg("'title' ska vara en text", "'title' must be a string"), Location(str(path))
        )
    return title


def _read_table(
    path: Path, table: str, cls: type[Fact], elements: Any, result: ImportResult
) -> None:
    """Every element becomes a fact or a problem at `file, blad <table>, rad <n>, kolumn <field>`."""
    if not isinstance(elements, list):
        result.problems.append(
            Problem(Location(path.name, table), Msg("här ska stå en lista", "expected a list here"))
        )
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
        for key in unknown_keys(cls, element):
            location = Location(path.name, table, number, key)
            result.problems.append(Problem(location, UNKNOWN_FIELD.format(key=key), WARNING))
        result.facts.append(fact)


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [JsonExporter()]


@hookimpl
def samverkan_importers() -> list[Importer]:
    return [JsonImporter()]
