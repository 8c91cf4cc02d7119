"""Looking inside the .xlsx zip before python-calamine parses it, for what calamine does not
tell and for what it must not be given. Shared by every plugin that reads .xlsx with
calamine (interview workbooks, Kumu workbooks), so that all of them refuse the same files.

Size limits for the zip as a whole are checked first by `samverkan.safety.open_checked_zip`;
the limits are documented in docs/reliability.md.
"""

from __future__ import annotations

import posixpath
import re
import string
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from samverkan.i18n import Message, _

MAX_ROWS_PER_SHEET = 100_000  # a national map has about 50,000 contacts
# calamine builds a sheet as one full grid from A1 to its farthest cell, 24 bytes a cell in
# Rust and as many again in Python: one value typed in XFD1048576 would ask for 400 GB, and
# a failed allocation aborts the process. 5 million cells are 100,000 rows of 50 columns.
MAX_CELLS_PER_SHEET = 5_000_000
# Without a cell beyond column Z or row 99,999 the grid is at most 2.6 million cells.
FAST_COLUMNS, FAST_ROWS = 26, 99_999

# Row tags (group 1 or 2), and cells that do not start `<c r="` (prefixed, other attribute
# order, or no reference at all): one pass, about as fast as counting the rows alone.
TAGS = re.compile(rb'<(?:(row)[\s>]|c(?=[\s/>])(?! r=")|\w+:(?:(row)[\s>]|c[\s/>]))')
FAR_CELL = re.compile(rb'<c r="(?:[A-Za-z]{2}|[A-Za-z]\d{6})')
ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])([^>]*)>")
REFERENCE = re.compile(rb"""(?:^|\s)r\s*=\s*["']\s*([A-Za-z]*)(\d+)""")
LAST_ROW = re.compile(rb"""row(?=[\s/>])[^>]*?\sr\s*=\s*["'](\d+)""")
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>]")
# The error values python-calamine 0.9 reads (as blank); any other one fails the whole sheet.
CALAMINE_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!")
ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Za-z0-9:$]+)\"")
CELL_REF = re.compile(r"^\$?([A-Za-z]+)\$?(\d+)$")
DTD = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# What a damaged zip raises on reading a part (a bad offset is an OSError, an unknown
# compression method NotImplementedError, an encrypted member RuntimeError).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    KeyError,
)


class DuplicatePart(Exception):
    """Two parts of the zip share a name, perhaps differing in case only: Excel never writes
    that, and the part we check might not be the part calamine reads."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class ForbiddenXml(Exception):
    """A part of the workbook declares a DTD: the way in for entity bombs."""


@dataclass
class SheetScan:
    """What the XML of one sheet holds that calamine does not tell."""

    rows: int = 0
    last_row: int = 0  # the number of the last row tag: rows up to it are read
    # The grid calamine would build (rows, columns from A1), when it may be large.
    grid: tuple[int, int] | None = None
    merged: list[str] = field(default_factory=list)
    # Cells calamine reads as blank although they are not: a formula with no saved result,
    # or an Excel error value (#N/A, #REF! …). Row number -> column letters -> what is there.
    unread: dict[int, dict[str, Message]] = field(default_factory=dict)
    # The first cell (row, column) with an error value calamine refuses to read at all.
    refused: tuple[int, str] | None = None
    # What Excel hides from the eye but is read: rows holding a value, columns (as 'E' or
    # 'E:G'); and row numbers that stand twice (calamine keeps the last row in silence).
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)
    repeated_rows: list[int] = field(default_factory=list)
    # Cells (row, column letters) in a per cent style (see `percent_styles`).
    percent: list[tuple[int, str]] = field(default_factory=list)


def scan_sheet(
    archive: zipfile.ZipFile, member: str, percent: frozenset[int] = frozenset()
) -> SheetScan:
    """Rows, grid size, merged cells, formulas without a saved value, error values and
    cells in the `percent` styles in one sheet's XML. `member` is the part's name as the
    zip stores it (see `PartNames`)."""
    data = archive.read(member)
    if DTD.search(data):
        raise ForbiddenXml(member)
    tags = TAGS.findall(data)
    rows = sum(1 for unprefixed, prefixed in tags if unprefixed or prefixed)
    scan = SheetScan(rows=rows, last_row=_last_row(data))
    if rows < len(tags) or FAR_CELL.search(data):
        scan.grid = _grid(data)
    scan.merged = [ref.decode("ascii") for ref in MERGED.findall(data)]
    if FORMULA_TAG.search(data) or ERROR_TYPE.search(data):
        _scan_cells(data, scan)
    if HIDDEN.search(data):
        scan.hidden_rows, scan.hidden_columns = _hidden_rows(data), _hidden_columns(data)
    scan.repeated_rows = _repeated_rows(data)
    if percent and STYLE.search(data):
        scan.percent = _styled_cells(data, percent)
    return scan


STYLE = re.compile(rb"""\ss\s*=\s*["'](\d+)""")


def _styled_cells(data: bytes, styles: frozenset[int]) -> list[tuple[int, str]]:
    """The cells (row, column letters) in one of `styles`."""
    found = []
    for tag, attributes in ROW_OR_CELL.findall(data):
        style = STYLE.search(attributes) if tag == b"c" else None
        reference = REFERENCE.search(attributes) if style else None
        if style and reference and reference[1] and int(style[1]) in styles:
            found.append((int(reference[2]), reference[1].decode("ascii").upper()))
    return found


HIDDEN = re.compile(rb"""\shidden\s*=\s*["'](?:1|true)["']""")
ROW_TAG = re.compile(rb"<(?:\w+:)?row(?=[\s/>])([^>]*)>")
COL_TAG = re.compile(rb"<(?:\w+:)?col(?=[\s/>])([^>]*)>")
SPAN = re.compile(rb"""\s(min|max)\s*=\s*["'](\d+)["']""")
VALUE_TAG = re.compile(rb"<(?:\w+:)?(?:v|is)[\s>]")
ROW_END = re.compile(rb"</(?:\w+:)?row>")


def _hidden_rows(data: bytes) -> list[int]:
    """Rows hidden in Excel (by hand or by a filter) that hold a value."""
    found = []
    for tag in ROW_TAG.finditer(data):
        attributes = tag[1]
        if not HIDDEN.search(attributes) or attributes.endswith(b"/"):
            continue
        end = ROW_END.search(data, tag.end())
        content = data[tag.end() : end.start() if end else len(data)]
        reference = REFERENCE.search(attributes)
        if reference and VALUE_TAG.search(content):
            found.append(int(reference[2]))
    return found


def _hidden_columns(data: bytes) -> list[str]:
    """Hidden column ranges, as Excel names them: 'E' or 'E:G'."""
    found = []
    for tag in COL_TAG.finditer(data):
        span = {name: int(number) for name, number in SPAN.findall(tag[1])}
        if HIDDEN.search(tag[1]) and b"min" in span and b"max" in span:
            first, last = column_letters(span[b"min"]), column_letters(span[b"max"])
            found.append(first if first == last else f"{first}:{last}")
    return found


def _repeated_rows(data: bytes) -> list[int]:
    """Row numbers that stand on two row tags (Excel never writes that; a script may)."""
    numbers = ROW_NUMBER.findall(data)
    if len(set(numbers)) == len(numbers):
        return []
    return sorted(int(n) for n, count in Counter(numbers).items() if count > 1)


HIDDEN_ROWS = _(
    "rows hidden in Excel (by hand or by a filter): {rows}; they are read anyway. Unhide them and check their contents"
)
HIDDEN_COLUMNS = _(
    "columns hidden in Excel: {columns}; they are read anyway. Unhide them and check their contents"
)


def hidden_notes(scan: SheetScan) -> list[tuple[int | None, str | None, Message]]:
    """Warnings (row, column, message) for rows and columns Excel hides but that are read."""
    notes: list[tuple[int | None, str | None, Message]] = []
    if scan.hidden_rows:
        rows = row_ranges(scan.hidden_rows)
        notes.append((scan.hidden_rows[0], None, HIDDEN_ROWS.format(rows=rows)))
    if scan.hidden_columns:
        columns = ", ".join(scan.hidden_columns)
        first = scan.hidden_columns[0].split(":")[0]
        notes.append((None, first, HIDDEN_COLUMNS.format(columns=columns)))
    return notes


def row_ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] -> '2-4, 7': rows, short enough to read."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in spans)


REPEATED_ROW = _(
    "the row stands twice in the sheet's XML and only the last can be read (Excel never writes that; the file comes from another program). Open and save the file in Excel."
)
ROW_NUMBER = re.compile(rb"""<(?:\w+:)?row\s[^>]*?\br\s*=\s*["'](\d+)""")


def _last_row(data: bytes) -> int:
    """The number of the last row tag (rows come in order): the rows a reader walks."""
    end = data.rfind(b"sheetData>")
    end = end if end >= 0 else len(data)
    start = max(data.rfind(b"<row", 0, end), data.rfind(b":row ", 0, end))
    match = LAST_ROW.match(data, start + 1) if start >= 0 else None
    return int(match[1]) if match else 0


def _grid(data: bytes) -> tuple[int, int]:
    """An upper bound of the grid calamine builds: the farthest row and column any cell
    with content names, plus one for each row or cell that names none (calamine counts
    those on). An empty cell (`<c r="A1048576" s="3"/>`, formatting only, as Excel keeps
    after a whole range was formatted) builds no grid: it must not refuse the sheet."""
    far_row = far_column = unnamed_rows = unnamed_cells = row_number = 0
    for tag, attributes in ROW_OR_CELL.findall(data):
        match = REFERENCE.search(attributes)
        if tag == b"row":
            if match:
                row_number = int(match[2])
            else:
                unnamed_rows += 1
        elif match and match[1]:
            if not attributes.rstrip().endswith(b"/"):
                far_row = max(far_row, int(match[2]))
                far_column = max(far_column, column_number(match[1].decode("ascii")))
        else:
            unnamed_cells += 1
            far_row = max(far_row, row_number)
    return far_row + unnamed_rows, far_column + unnamed_cells


def column_number(letters: str) -> int:
    """'A' -> 1, 'AA' -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _scan_cells(data: bytes, scan: SheetScan) -> None:
    """Cells with a formula but no saved result, and cells holding an Excel error value:
    calamine reads both as blank (and refuses a sheet with an error value it does not know,
    such as #SPILL!).

    Excel and LibreOffice save each formula's result; files written by scripts often do not.
    A cached empty text (t="str" with an empty <v>) is a real, blank result.
    """
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

    found: dict[int, dict[str, Message]] = defaultdict(dict)
    for __, element in iterparse(BytesIO(data)):
        if _local(element.tag) != "c":
            continue
        match = CELL_REF.match(element.get("r") or "")
        message = _unread_value(element)
        if message is not None and match:
            row, column = int(match[2]), match[1].upper()
            found[row][column] = message
            if scan.refused is None and _error_code(element) not in (None, *CALAMINE_ERRORS):
                scan.refused = (row, column)
        element.clear()
    scan.unread = dict(found)


def _unread_value(cell: Any) -> Message | None:
    """Why calamine will read this cell as blank, or None if it reads what is there."""
    code = _error_code(cell)
    if code is not None:
        return ERROR_VALUE.format(code=code or "#?")
    children = {_local(child.tag): child for child in cell}
    formula, value = children.get("f"), children.get("v")
    has_formula = formula is not None and (formula.text or formula.get("t") == "shared")
    cached = value is not None and (value.text or cell.get("t") in ("str", "inlineStr"))
    return UNCACHED if has_formula and not cached else None


def _error_code(cell: Any) -> str | None:
    """The error value ('#N/A') of a cell of type "e", None for any other cell."""
    if cell.get("t") != "e":
        return None
    value = next((child for child in cell if _local(child.tag) == "v"), None)
    return (value.text or "").strip() if value is not None else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def first_cell(ref: str) -> tuple[int, str] | None:
    """'B3:B4' -> (3, 'B')."""
    match = CELL_REF.match(ref.split(":")[0])
    return (int(match[2]), match[1].upper()) if match else None


class PartNames:
    """The zip's part names looked up as python-calamine looks them up: ignoring the case of
    ASCII letters. The Open Packaging Conventions call part names case-insensitive; a lookup
    that minded the case would let a part escape the checks below while calamine still
    reads it. Two parts whose names differ in case only make the workbook damaged."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names: dict[str, str] = {}
        for name in archive.namelist():
            folded = _ascii_fold(name)
            if folded in self.names:  # which one a reader takes is up to the reader
                raise DuplicatePart(name)
            self.names[folded] = name

    def find(self, name: str) -> str | None:
        """The stored name of the part `name`, or None if the zip has no such part."""
        return self.names.get(_ascii_fold(name))


ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _ascii_fold(name: str) -> str:
    return name.translate(ASCII_LOWER)


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name -> its part in the zip (as stored), found as Excel finds it (the
    package's relationships, then the workbook's). Every other XML part is checked for a
    DTD here; the worksheets are checked by `scan_sheet`."""
    names = PartNames(archive)
    book = _book(names)
    parts: dict[str, str] = {}
    if book is not None:
        folder, relations = _book_relations(names, book)
        for sheet in _xml(archive, book).iter():
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
            kind, target = relations.get(rid, ("", ""))
            member = names.find(_resolve(folder, target))
            if _local(sheet.tag) == "sheet" and kind.endswith("/worksheet") and member:
                parts[sheet.get("name", "")] = member
    for member in set(archive.namelist()) - set(parts.values()):
        if _is_xml(member) and DTD.search(_read_or_empty(archive, member)):
            raise ForbiddenXml(member)
    return parts


def _book(names: PartNames) -> str | None:
    """The workbook part, as the package's relationships name it."""
    return next(
        (
            names.find(_resolve("", target))
            for kind, target in _relations(names, "_rels/.rels").values()
            if kind.endswith("/officeDocument")
        ),
        None,
    )


def _book_relations(names: PartNames, book: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """The workbook's folder and its relationships (to sheets, styles …)."""
    folder, name = posixpath.split(book)
    return folder, _relations(names, posixpath.join(folder, "_rels", name + ".rels"))


def percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles (a cell's s="…") whose number format shows a value times 100 with a
    per cent sign. Excel keeps a typed '50 %' as 0.5 in such a cell; calamine gives 0.5."""
    names = PartNames(archive)
    book = _book(names)
    if book is None:
        return frozenset()
    folder, relations = _book_relations(names, book)
    styles = next(
        (
            names.find(_resolve(folder, t))
            for kind, t in relations.values()
            if kind.endswith("/styles")
        ),
        None,
    )
    if styles is None:
        return frozenset()
    root = _xml(archive, styles)
    codes = {
        e.get("numFmtId"): e.get("formatCode", "") for e in root.iter() if _local(e.tag) == "numFmt"
    }
    cell_styles = next((e for e in root.iter() if _local(e.tag) == "cellXfs"), ())
    formats = [xf.get("numFmtId", "0") for xf in cell_styles if _local(xf.tag) == "xf"]
    return frozenset(
        i for i, f in enumerate(formats) if f in PERCENT_FORMATS or _shows_percent(codes.get(f))
    )


PERCENT_FORMATS = ("9", "10")  # Excel's built-in 0% and 0.00%
# What in a format code is not a placeholder: "quoted text", \x escapes, [colours] and _x.
FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.')


def _shows_percent(code: str | None) -> bool:
    """A custom format code with a % that is not literal text ('0.0%', not '0" %"')."""
    return code is not None and "%" in FORMAT_LITERALS.sub("", code)


def _is_xml(member: str) -> bool:
    return _ascii_fold(member).endswith((".xml", ".rels"))


def _read_or_empty(archive: zipfile.ZipFile, member: str) -> bytes:
    """A part as stored; nothing if it is damaged (calamine cannot read it either, and a
    damaged part it never needs, such as a theme, should not stop the workbook)."""
    try:
        return archive.read(member)
    except ZIP_ERRORS:
        return b""


def _relations(names: PartNames, member: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target) of one .rels part; empty if there is none."""
    stored = names.find(member)
    if stored is None:
        return {}
    return {
        element.get("Id", ""): (element.get("Type", ""), element.get("Target", ""))
        for element in _xml(names.archive, stored).iter()
        if _local(element.tag) == "Relationship"
    }


def _resolve(folder: str, target: str) -> str:
    path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path)


def _xml(archive: zipfile.ZipFile, member: str) -> Any:
    """One small part, parsed through defusedxml: a DTD is refused, never expanded."""
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(archive.read(member))
    except DefusedXmlException as error:
        raise ForbiddenXml(member) from error


DUPLICATE_PART = _(
    "The workbook is damaged: it has two parts named '{part}' (part names ignore case). Open it in Excel and save it again."
)


def first_line(error: BaseException) -> str:
    """An exception as a short message: its kind and the first line of what it says."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def too_large(scan: SheetScan) -> Message | None:
    """Why the sheet is too large to be given to calamine, or None if it is not."""
    if scan.rows > MAX_ROWS_PER_SHEET:
        return TOO_MANY_ROWS.format(n=scan.rows, limit=MAX_ROWS_PER_SHEET)
    if scan.grid and scan.grid[0] * scan.grid[1] > MAX_CELLS_PER_SHEET:
        far_row, far_column = scan.grid
        return TOO_MANY_CELLS.format(
            ref=f"{column_letters(far_column)}{far_row}",
            n=far_row * far_column,
            limit=MAX_CELLS_PER_SHEET,
        )
    return None


def column_letters(number: int) -> str:
    """1 -> 'A', 27 -> 'AA' (the inverse of `column_number`)."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


UNCACHED = _(
    "the cell has a formula with no saved result (the file was made by a program that does not calculate formulas). Open and save the file in Excel, or type the value."
)
ERROR_VALUE = _(
    "the cell holds Excel's error value {code} (usually a formula that could not be calculated). Fix the formula or type the value."
)
FORBIDDEN_XML = _(
    "The workbook holds forbidden XML (a DTD or entities, as in an XML bomb) and is not read. Open it in Excel and save it again."
)
TOO_MANY_ROWS = _(
    "the sheet has {n} rows, more than the limit of {limit}. Split the data into several workbooks."
)
TOO_MANY_CELLS = _(
    "the sheet's cells reach as far as {ref}, a grid of {n} cells, more than the limit of {limit}. Delete the cells far outside the table (Ctrl+End in Excel shows the last one)."
)
