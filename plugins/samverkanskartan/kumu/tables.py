"""Kumu's inputs as plain tables: xlsx sheets, one UTF-8 CSV, or a JSON blueprint's arrays.

Kumu recognises a sheet by its first header cells, never by its name: elements start with
``Label`` (or ``ID``, ``Label``), connections with ``From``, ``To`` (or ``ID``, ``From``,
``To``). A sheet whose name contains ``(ignore)`` is skipped — except the sheets our own
export adds for facts Kumu has no place for, which start with ``samverkan:fact``.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from samverkan.errors import Location, SamverkanError
from samverkan.i18n import Message, _
from samverkan.safety import open_checked_zip
from samverkan.xlsx_scan import (
    DUPLICATE_PART,
    FORBIDDEN_XML,
    REPEATED_ROW,
    ZIP_ERRORS,
    DuplicatePart,
    ForbiddenXml,
    SheetScan,
    first_line,
    hidden_notes,
    scan_sheet,
    sheet_parts,
    too_large,
)

FACT_COLUMN = "samverkan:fact"
IGNORE_MARK = "(ignore)"
MAX_JSON_BYTES = 200_000_000  # a blueprint larger than this is not a map anyone drew


class TableKind(StrEnum):
    ELEMENTS = "elements"
    CONNECTIONS = "connections"
    FACTS = "facts"  # our own extra sheets: persons, target groups, sources, gaps, events
    IGNORED = "ignored"
    UNKNOWN = "unknown"


@dataclass
class Table:
    """One sheet: its name, header texts and data rows with their 1-based row numbers."""

    name: str
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    by_letter: bool = True  # spreadsheets name columns by letter; JSON by key
    # Cells with a formula but no saved result (read as blank): row number -> letters.
    # Cells read as blank that are not (see `SheetScan.unread`): row -> column -> why.
    unread: dict[int, dict[str, Message]] = field(default_factory=dict)
    header_row: int = 1  # where the header stands (a second table in a sheet starts lower)
    # Warnings about the sheet (row, column, message): rows or columns hidden in Excel.
    notes: list[tuple[int | None, str | None, Message]] = field(default_factory=list)
    keys: list[str] = field(init=False)
    positions: dict[str, int] = field(init=False)
    _present: dict[tuple[tuple[str, ...], str], tuple[str, ...]] = field(
        init=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self.keys = [KEY_ALIASES.get(key, key) for key in map(header_key, self.headers)]
        self.positions = {}  # key -> its first column, asked once per cell
        for index, key in enumerate(self.keys):
            self.positions.setdefault(key, index)

    @property
    def kind(self) -> TableKind:
        return classify(self.name, self.keys)

    def column(self, index: int) -> str:
        return letter(index) if self.by_letter else self.headers[index]

    def index(self, key: str) -> int | None:
        return self.positions.get(key)

    def present(self, names: Iterable[str], prefix: str) -> tuple[str, ...]:
        """Those of `names` the table has a column for (as prefix + name), asked per row."""
        key = (tuple(names), prefix)
        if key not in self._present:
            self._present[key] = tuple(n for n in key[0] if prefix + n in self.positions)
        return self._present[key]


def header_key(header: Any) -> str:
    return " ".join(str(header).split()).casefold() if header is not None else ""


# Kumu's own names for the Type field ("element type", "connection type": its selectors and
# JSON export use them); a sheet may head the column with them too.
KEY_ALIASES = {"element type": "type", "connection type": "type"}


def classify(name: str, keys: list[str]) -> TableKind:
    first = keys[:3] + [""] * (3 - len(keys[:3]))
    if first[0] == FACT_COLUMN:
        return TableKind.FACTS
    if IGNORE_MARK in name.casefold():
        return TableKind.IGNORED
    if first[0] == "label" or first[:2] == ["id", "label"]:
        return TableKind.ELEMENTS
    if first[:2] == ["from", "to"] or first == ["id", "from", "to"]:
        return TableKind.CONNECTIONS
    return TableKind.UNKNOWN


def is_kumu_headers(name: str, keys: list[str]) -> bool:
    return classify(name, keys) in (TableKind.ELEMENTS, TableKind.CONNECTIONS)


def letter(index: int) -> str:
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


# --- xlsx ---------------------------------------------------------------------------------


# The header words as cell text in the workbook's XML (shared or inline strings).
HEADER_TEXT = re.compile(rb">\s*(?:label|from)\s*</", re.IGNORECASE)
SNIFF_BYTES = 1 << 16


def _may_be_kumu(path: Path) -> bool:
    """A fast no: without the text Label or From in any cell it cannot be a Kumu workbook.

    Parsing a workbook costs as much as reading it; this looks at the raw strings only, so
    interview workbooks pass by cheaply.
    """
    archive = open_checked_zip(path)  # a zip bomb is refused here, before any parsing
    if archive is None:
        return False
    try:
        with archive:
            parts = [n for n in archive.namelist() if n.startswith("xl/") and n.endswith(".xml")]
            strings = [n for n in parts if n.endswith("sharedStrings.xml")]
            sheets = [n for n in parts if n.startswith("xl/worksheets/")]
            for name in strings + sheets:
                with archive.open(name) as stream:
                    if HEADER_TEXT.search(stream.read(SNIFF_BYTES if name in sheets else -1)):
                        return True
    except ZIP_ERRORS:
        return False
    return False


def sniff_xlsx(path: Path) -> list[Table] | None:
    """The workbook's tables if a sheet is shaped like a Kumu sheet, else None."""
    try:
        if not _may_be_kumu(path):
            return None
        tables = read_xlsx(path)
    except SamverkanError:  # not ours to judge: the workbook importer explains a bad file
        return None
    return tables if any(is_kumu_headers(t.name, t.keys) for t in tables) else None


def read_xlsx(path: Path) -> list[Table]:
    """One table per worksheet, read by python-calamine once the XML is known to be safe:
    sizes, DTDs and the grid calamine would build are checked first (samverkan.xlsx_scan)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    archive = open_checked_zip(path)
    if archive is None:
        raise SamverkanError(NOT_XLSX, Location(str(path)))
    with archive:
        try:
            parts = sheet_parts(archive)
            workbook = CalamineWorkbook.from_path(path)
        except ForbiddenXml as error:
            raise SamverkanError(FORBIDDEN_XML, Location(str(path))) from error
        except DuplicatePart as error:  # two parts one name apart in case: calamine's pick
            message = DUPLICATE_PART.format(part=error.part)
            raise SamverkanError(message, Location(str(path))) from error
        except (CalamineError, ParseError, *ZIP_ERRORS) as error:
            raise SamverkanError(
                DAMAGED.format(e=first_line(error)), Location(str(path))
            ) from error
        try:
            return [
                table
                for meta in workbook.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet
                for table in _sheet_tables(
                    path, archive, workbook, parts.get(meta.name, ""), meta.name
                )
            ]
        finally:
            workbook.close()


def _sheet_tables(
    path: Path, archive: zipfile.ZipFile, workbook: Any, member: str, title: str
) -> list[Table]:
    from python_calamine import CalamineError

    location = Location(path.name, title)
    scan: SheetScan | None = None
    try:
        scan = scan_sheet(archive, member)
        refusal = too_large(scan)
        if refusal is not None:
            raise SamverkanError(refusal, location)
        rows = workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)
    except ForbiddenXml as error:
        raise SamverkanError(FORBIDDEN_XML, Location(str(path))) from error
    except (CalamineError, OverflowError, ParseError, *ZIP_ERRORS) as error:
        if scan is None or scan.refused is None:
            raise SamverkanError(DAMAGED.format(e=first_line(error)), location) from error
        row, column = scan.refused  # an error value calamine cannot read stops the sheet
        message = scan.unread[row][column]
        raise SamverkanError(message, Location(path.name, title, row, column)) from error
    # calamine stops at the last value; a row of formulas without a result still counts
    padding: list[list[Any]] = [[] for _ in range(max(0, max(scan.unread, default=0) - len(rows)))]
    unread = scan.unread
    for row in scan.repeated_rows:  # calamine kept the last of two: the row is refused
        unread = {**unread, row: {**unread.get(row, {}), "A": REPEATED_ROW}}
    tables = sections(title, [*rows, *padding], unread)
    tables[0].notes[:0] = hidden_notes(scan)  # said once per sheet
    return tables


def sections(
    title: str, rows: list[list[Any]], unread: dict[int, dict[str, Message]]
) -> list[Table]:
    """A sheet's tables. Kumu also reads one sheet holding both: the elements, a blank row,
    then a header row From, To … and the connections below it."""
    found: list[Table] = []
    first = _first_header(title, rows)
    start, previous_blank = first, False
    for index, row in enumerate(rows[first:], start=first):
        keys = [header_key(value) for value in row[:3]]
        if index > first and previous_blank and is_kumu_headers(title, keys):
            found.append(_table(title, rows[start:index], start, unread))
            start = index
        previous_blank = _blank(row)
    found.append(_table(title, rows[start:], start, unread))
    if not all(_blank(row) for row in rows[:first]):  # a title above the headers
        found[0].notes.append((1, None, HEADERS_BELOW.format(row=first + 1)))
    return found


TITLE_ROWS = 10  # rows a title above a sheet's headers may take


def _first_header(title: str, rows: list[list[Any]]) -> int:
    """The index of the sheet's first header row: row 1 as Kumu wants it, else a Kumu header
    row below a title, among the first rows."""
    for index, row in enumerate(rows[: TITLE_ROWS + 1]):
        if is_kumu_headers(title, [header_key(value) for value in row[:3]]):
            return index
    return 0


def _blank(row: list[Any]) -> bool:
    return all(value is None or str(value).strip() == "" for value in row)


HEADERS_BELOW = _(
    "the headers stand in row {row}, not in row 1 where Kumu wants them; the rows above them are not read (Kumu would not import this sheet: delete those rows)"
)


def _table(
    title: str, rows: list[list[Any]], start: int, unread: dict[int, dict[str, Message]]
) -> Table:
    """Rows from sheet row `start + 1` on, the first of them the header."""
    headers = [str(h) if h is not None else "" for h in _trim(list(rows[0]))] if rows else []
    numbered = ((number, row) for number, row in enumerate(rows[1:], start=start + 2))
    return Table(title, headers, numbered, unread=unread, header_row=start + 1)


def _trim(values: list[Any]) -> list[Any]:
    while values and (values[-1] is None or str(values[-1]).strip() == ""):
        values.pop()
    return values


NOT_XLSX = _("The file is not an Excel workbook (.xlsx), or it is damaged")
DAMAGED = _("The workbook is damaged and cannot be read ({e})")

# --- csv ----------------------------------------------------------------------------------


# Kumu's comma, and the semicolon Excel writes where the comma is the decimal sign (Swedish).
CSV_DELIMITERS = (",", ";")


def csv_delimiter(path: Path) -> str | None:
    """The separator that makes the file's first row a Kumu header; None if none does.

    The row is decoded leniently: a file Excel saved in its own code page is still
    recognised, and reading it then says to save it as UTF-8.
    """
    try:
        with path.open("rb") as stream:
            head = stream.readline(SNIFF_BYTES)
    except OSError:
        return None
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    for delimiter in CSV_DELIMITERS:
        first = next(csv.reader([text], delimiter=delimiter), [])
        if is_kumu_headers(path.stem, [header_key(v) for v in first]):
            return delimiter
    return None


def sniff_csv(path: Path) -> bool:
    return csv_delimiter(path) is not None


def read_csv(path: Path) -> list[Table]:
    """A Kumu CSV is one sheet; Kumu asks for UTF-8 (Excel's BOM is accepted)."""
    delimiter = csv_delimiter(path) or CSV_DELIMITERS[0]
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream, delimiter=delimiter))
    except UnicodeDecodeError as error:
        raise SamverkanError(
            _("The file is not UTF-8. Save it as 'CSV UTF-8' in Excel."),
            Location(str(path)),
        ) from error
    except csv.Error as error:
        raise SamverkanError(
            _("The CSV file cannot be read: {e}").format(e=error),
            Location(str(path)),
        ) from error
    return sections(path.stem, [list(row) for row in rows], {})


# --- json ---------------------------------------------------------------------------------

# Kumu's own export nests fields in "attributes" and names the type per collection.
JSON_KEYS = {"_id": "id", **KEY_ALIASES}
POSITION_KEYS = ("x", "y")  # where a project's map placed an element, kept as attributes
# The keys of Kumu's own fields we read, per collection, in any case ("Label", "label"); any
# other key is a custom field and keeps its spelling (a connection's "Label" is one).
ELEMENT_FIELDS = frozenset({"id", "label", "type", "description", "tags"})
CONNECTION_FIELDS = frozenset(
    {"id", "from", "to", "type", "description", "tags", "direction", "strength"}
)
KUMU_KEYS = {"elements": ELEMENT_FIELDS, "connections": CONNECTION_FIELDS, FACT_COLUMN: {"id"}}


@dataclass
class Blueprint:
    """A Kumu JSON file as tables, with the project's name (a map title)."""

    tables: list[Table]
    title: str = ""
    loops: int = 0  # Kumu's named loops of connections: not read, but counted to say so


def load_json(path: Path) -> Any:
    """The parsed file; ValueError (with SamverkanError for size) if it is not JSON."""
    if path.stat().st_size > MAX_JSON_BYTES:
        raise SamverkanError(
            _("The file is too large ({n} bytes)").format(n=path.stat().st_size),
            Location(str(path)),
        )
    found: list[str] = []
    with path.open(encoding="utf-8-sig") as stream:
        data = json.load(stream, object_pairs_hook=lambda pairs: _once(pairs, found))
    if found:
        raise DuplicateKey(found[0], data)
    return data


class DuplicateKey(ValueError):
    """A key twice in one JSON object: json.load keeps the last value and drops the first in
    silence (a second "elements" array would lose every element of the first)."""

    def __init__(self, key: str, data: Any) -> None:
        super().__init__(key)
        self.key, self.data = key, data


def _once(pairs: list[tuple[str, Any]], found: list[str]) -> dict[str, Any]:
    built: dict[str, Any] = {}
    for key, value in pairs:
        if key in built and not found:
            found.append(key)
        built[key] = value
    return built


DUPLICATE_KEY = _(
    "the key '{key}' appears twice in the same object; only one may (else the first is lost in silence). Remove or rename one of them."
)


def is_blueprint(data: Any) -> bool:
    """An object with an "elements" or "connections" list, wherever in the file they are."""
    return isinstance(data, dict) and any(
        isinstance(data.get(key), list) for key in ("elements", "connections")
    )


def read_json(path: Path, data: Any = None) -> Blueprint:
    """The blueprint's tables; `data` is the file already parsed (by the sniffer)."""
    if data is None:
        try:
            data = load_json(path)
        except DuplicateKey as error:
            location = Location(str(path), column=error.key)
            raise SamverkanError(DUPLICATE_KEY.format(key=error.key), location) from error
        except (UnicodeDecodeError, ValueError) as error:
            raise SamverkanError(
                _("The file is not valid JSON: {e}").format(e=error),
                Location(str(path)),
            ) from error
    if not isinstance(data, dict):
        raise SamverkanError(NOT_BLUEPRINT, Location(str(path)))
    positions = _positions(data)
    tables = []
    for key, first in (("elements", "label"), ("connections", "from")):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise SamverkanError(NOT_BLUEPRINT, Location(str(path), key))
        flat = [_flatten(item, KUMU_KEYS[key]) for item in items]
        for element in flat if key == "elements" else []:
            element.update(positions.get(str(element.get("id")), {}))
        tables.append(_json_table(key, flat, first))
    facts = data.get(FACT_COLUMN, [])
    if isinstance(facts, list) and facts:
        tables.append(
            _json_table(
                FACT_COLUMN, [_flatten(item, KUMU_KEYS[FACT_COLUMN]) for item in facts], FACT_COLUMN
            )
        )
    title = data.get("name")
    loops = data.get("loops")
    return Blueprint(
        tables,
        title if isinstance(title, str) else "",
        len(loops) if isinstance(loops, list) else 0,
    )


def _positions(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Element id -> {x, y} on the project's default map (else its first map)."""
    maps = [m for m in data.get("maps") or [] if isinstance(m, dict)]
    chosen = next((m for m in maps if m.get("_id") == data.get("defaultMap")), None)
    chosen = chosen or (maps[0] if maps else {})
    found: dict[str, dict[str, float]] = {}
    for node in chosen.get("elements") or []:
        position = node.get("position") if isinstance(node, dict) else None
        if isinstance(position, dict) and all(
            isinstance(position.get(k), int | float) for k in POSITION_KEYS
        ):
            found[str(node.get("element"))] = {k: position[k] for k in POSITION_KEYS}
    return found


NOT_BLUEPRINT = _('The file is not Kumu JSON: expected {"elements": [...], "connections": [...]}')


def _flatten(item: Any, fields: Iterable[str]) -> dict[str, Any]:
    """One element or connection as {key: value}; "attributes" merged into the top level, and
    the keys of Kumu's `fields` in the case we read them."""
    if not isinstance(item, dict):
        return {}
    flat: dict[str, Any] = {}
    attributes = item.get("attributes")
    for key, value in [
        *item.items(),
        *(attributes.items() if isinstance(attributes, dict) else []),
    ]:
        if key == "attributes":
            continue
        known = JSON_KEYS.get(header_key(key), header_key(key))
        name = known if known in fields else key  # a custom field keeps its own spelling
        flat[name] = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
    return flat


def _json_table(name: str, items: list[dict[str, Any]], first: str) -> Table:
    """A table whose header is every key seen, the identifying keys first (as Kumu's sheets)."""
    order = ["id", first, "to"] if first == "from" else [first, "id"]
    required = {first, "to"} if first == "from" else {first}
    keys = [k for k in order if k in required or any(k in item for item in items)]
    if first == "label" and "id" in keys:
        keys = ["id", "label"]
    for item in items:
        keys.extend(k for k in item if k not in keys)
    rows = ((n, [item.get(k) for k in keys]) for n, item in enumerate(items, start=1))
    return Table(name, keys, rows, by_letter=False)
