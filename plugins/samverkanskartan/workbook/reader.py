"""Reading interview workbooks with python-calamine (writing stays with openpyxl).

calamine parses the XML in Rust, ten to twenty times faster than openpyxl's read-only mode,
and ignores the sheet's <dimension> tag (openpyxl's read-only mode trusts it). What it does not tell (merged cells,
formulas without a saved result, how far a sheet's cells reach) comes from
`samverkan.xlsx_scan`, which looks at the XML before calamine is given it.
"""

from __future__ import annotations

import itertools
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.etree.ElementTree import ParseError

from samverkan.contract import ImportResult
from samverkan.dates import DateError, Length
from samverkan.errors import Location, Problem, ProblemLevel, SamverkanError, did_you_mean
from samverkan.i18n import Message, _, ngettext
from samverkan.limits import shortened
from samverkan.model import AUTO_ID, Fact, Period, Provenance, normalise
from samverkan.safety import open_checked_zip
from samverkan.xlsx_scan import (
    DUPLICATE_PART,
    FORBIDDEN_XML,
    REPEATED_ROW,
    ZIP_ERRORS,
    DuplicatePart,
    ForbiddenXml,
    SheetScan,
    column_number,
    first_cell,
    first_line,
    hidden_notes,
    percent_styles,
    row_ranges,
    scan_sheet,
    sheet_parts,
    too_large,
)
from samverkanskartan.workbook.cells import CellError, is_blank, parse
from samverkanskartan.workbook.schema import INSTRUCTIONS, SHEETS, Column, Sheet, sheet_named

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook, SheetMetadata

HEADER_SEARCH_ROWS = 10
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
# What a damaged zip or part raises while we read it ourselves.
DAMAGE = (ParseError, *ZIP_ERRORS)


def read_workbook(path: Path) -> ImportResult:
    archive = open_checked_zip(path)  # sizes checked before anything parses the XML
    if archive is None:
        raise SamverkanError(_not_a_workbook(path), Location(str(path)))
    with archive:
        _check_other_zip(path, archive)
        parts, percent = _package(path, archive)  # and no part declares a DTD
        workbook = open_workbook(path)
        result = ImportResult()
        try:
            from python_calamine import SheetTypeEnum

            sheets = [
                (meta, sheet_named(meta.name))
                for meta in workbook.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet  # not chart or macro sheets
            ]
            if not any(sheet for _, sheet in sheets):
                raise SamverkanError(NO_KNOWN_SHEETS, Location(str(path)))
            for meta, sheet in sheets:
                if sheet is not None:
                    part = Part(archive, parts.get(meta.name), percent)
                    _read_checked_sheet(path, part, workbook, meta, sheet, result)
                elif meta.name not in (INSTRUCTIONS.sv, INSTRUCTIONS.en):
                    location = Location(path.name, meta.name)
                    names = [s.name for s in SHEETS]
                    message = UNKNOWN_SHEET + did_you_mean(meta.name, names)
                    result.problems.append(Problem(location, message, ProblemLevel.WARNING))
        finally:
            workbook.close()
    return result


def _check_other_zip(path: Path, archive: zipfile.ZipFile) -> None:
    """A zip that is no workbook but something a user easily mistakes for one: say which,
    rather than 'damaged (File not found _rels/.rels)'."""
    names = {name.casefold(): name for name in archive.namelist()}
    try:
        kind = next((k for part, k in OTHER_FILES if part in names), None)
        if "mimetype" in names and archive.read(names["mimetype"]).startswith(OPENDOCUMENT):
            kind = _("an OpenDocument file (LibreOffice)")
    except DAMAGE:  # an unreadable member: the checks below name the damage
        kind = None
    if kind is not None:
        raise SamverkanError(_("The file is ") + kind + OTHER_FILE, Location(str(path)))
    inner = sorted(n for n in names.values() if n.casefold().endswith(".xlsx"))
    if inner and "[content_types].xml" not in names:
        raise SamverkanError(ZIPPED_WORKBOOKS.format(name=inner[0]), Location(str(path)))


OPENDOCUMENT = b"application/vnd.oasis.opendocument"
OTHER_FILES = (
    ("word/document.xml", _("a Word document")),
    ("ppt/presentation.xml", _("a PowerPoint presentation")),
)
OTHER_FILE = _(
    " named .xlsx, not a workbook. Open it in its own program and save the tables as an Excel workbook (.xlsx)."
)
ZIPPED_WORKBOOKS = _(
    "The file is a zip archive holding workbooks (e.g. {name}), not a workbook. Unpack it and read the workbooks."
)


def _package(path: Path, archive: zipfile.ZipFile) -> tuple[dict[str, str], frozenset[int]]:
    """The sheets' parts and the per cent styles (see `percent_styles`)."""
    try:
        return sheet_parts(archive), percent_styles(archive)
    except ForbiddenXml as error:
        raise SamverkanError(FORBIDDEN_XML, Location(str(path))) from error
    except DuplicatePart as error:
        raise SamverkanError(DUPLICATE_PART.format(part=error.part), Location(str(path))) from error
    except DAMAGE as error:
        raise SamverkanError(DAMAGED.format(e=first_line(error)), Location(str(path))) from error


class Part(NamedTuple):
    """Where a sheet's XML is: its zip, its part in it, and the workbook's per cent styles."""

    archive: zipfile.ZipFile
    member: str | None
    percent: frozenset[int]


def _read_checked_sheet(
    path: Path,
    part: Part,
    workbook: CalamineWorkbook,
    meta: SheetMetadata,
    sheet: Sheet,
    result: ImportResult,
) -> None:
    """Scan the sheet's XML, then read it; XML that cannot be parsed names its sheet."""
    from python_calamine import CalamineError

    location = Location(path.name, meta.name)
    if part.member is None:  # calamine found a sheet the relationships do not lead to
        raise SamverkanError(DAMAGED_SHEET.format(e="no sheet part"), location)
    try:
        scan = scan_sheet(part.archive, part.member, part.percent)
    except ForbiddenXml as error:
        raise SamverkanError(FORBIDDEN_XML, Location(str(path))) from error
    except DAMAGE as error:
        raise SamverkanError(DAMAGED_SHEET.format(e=first_line(error)), location) from error
    _check_sheet(path, meta, scan, result)
    try:
        rows = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
    except (CalamineError, OverflowError, *DAMAGE) as error:
        if scan.refused is None:
            raise SamverkanError(DAMAGED_SHEET.format(e=first_line(error)), location) from error
        row, column = scan.refused  # an error value calamine cannot read stops the sheet
        cell = Location(path.name, meta.name, row, column)
        raise SamverkanError(scan.unread[row][column], cell) from error
    _read_sheet(path, meta.name, _walked(rows, scan), sheet, result, scan.unread)


def _walked(rows: list[list[Any]], scan: SheetScan) -> Iterator[list[Any]]:
    """The sheet's rows up to its last row tag: calamine stops at the last value, but a row
    of cells it reads as blank (see `SheetScan.unread`), or blank rows before a missing
    header, still count. A number in a per cent cell reads as Excel shows it."""
    for row, letters in scan.percent:
        cells = rows[row - 1] if row <= len(rows) else []
        index = column_number(letters) - 1
        if index < len(cells) and type(cells[index]) in (int, float):
            cells[index] = as_percent(cells[index])
    last = max(scan.last_row, max(scan.unread, default=0))
    return itertools.chain(rows, itertools.repeat([], max(0, last - len(rows))))


def as_percent(number: float) -> str:
    """0.5 in a cell formatted as per cent is '50 %', as (Swedish) Excel shows it: typed
    '50 %' is kept as 0.5, which as a share would be half a per cent."""
    shown = round(number * 100, 10)
    text = str(int(shown)) if shown.is_integer() else str(shown).replace(".", ",")
    return f"{text} %"


DAMAGED_SHEET = _(
    "the sheet is damaged or holds forbidden XML and cannot be read ({e}). Open the file in Excel and save it again."
)
DAMAGED = _("The workbook is damaged and cannot be read ({e})")


def _check_sheet(path: Path, meta: SheetMetadata, scan: SheetScan, result: ImportResult) -> None:
    """Refuse a sheet too big to read; warn about what Excel hides from the eye."""
    from python_calamine import SheetVisibleEnum

    location = Location(path.name, meta.name)
    refusal = too_large(scan)
    if refusal is not None:
        raise SamverkanError(refusal, location)
    if meta.visible != SheetVisibleEnum.Visible:
        result.problems.append(Problem(location, HIDDEN_SHEET, ProblemLevel.WARNING))
    for ref in scan.merged:
        row, column = first_cell(ref) or (None, None)
        location = Location(path.name, meta.name, row, column)
        result.problems.append(
            Problem(location, MERGED_CELLS.format(ref=ref), ProblemLevel.WARNING)
        )
    _check_hidden(path, meta.name, scan, result)


def _check_hidden(path: Path, title: str, scan: SheetScan, result: ImportResult) -> None:
    """Hidden rows and columns are read like the others: say so, as for a hidden sheet. A row
    number written twice in the XML loses the first row: an error at that row."""
    for row, column, message in hidden_notes(scan):
        location = Location(path.name, title, row, column)
        result.problems.append(Problem(location, message, ProblemLevel.WARNING))
    for row in scan.repeated_rows:
        result.problems.append(Problem(Location(path.name, title, row), REPEATED_ROW))


HIDDEN_SHEET = _(
    "the sheet is hidden in Excel but is read anyway; unhide it and check its contents"
)
MERGED_CELLS = _(
    "merged cells {ref}: only the first cell holds a value, the others read as blank. Unmerge them in Excel."
)


NO_KNOWN_SHEETS = _(
    "The workbook has none of the sheets Actors, Persons, Forums, Contacts, Target groups, Gaps and wishes, Events, Sources, Funding. Create a template with 'samverkan init'."
)
UNKNOWN_SHEET = _("unknown sheet, not read.")


def open_workbook(path: Path) -> CalamineWorkbook:
    # imported here: start-up of commands that read no workbook stays light
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    try:
        return CalamineWorkbook.from_path(path)
    except PasswordError as error:
        raise SamverkanError(PASSWORD_OR_XLS, Location(str(path))) from error
    except FileNotFoundError as error:
        raise SamverkanError(_("No such file"), Location(str(path))) from error
    except PermissionError as error:
        raise SamverkanError(
            _("The file cannot be opened (locked?)"),
            Location(str(path)),
        ) from error
    except (CalamineError, OSError, ValueError) as error:  # calamine's word for a damaged file
        raise SamverkanError(DAMAGED.format(e=first_line(error)), Location(str(path))) from error


PASSWORD_OR_XLS = _(
    "The file is password-protected or in the old .xls format. Remove the password or save it as .xlsx in Excel."
)


def _not_a_workbook(path: Path) -> Message:
    with path.open("rb") as stream:
        start = stream.read(4)
    if start == OLE2_MAGIC:
        return PASSWORD_OR_XLS
    if not start:
        return _("The file is empty")
    return _("The file is not an Excel workbook (.xlsx), or it is damaged")


def _read_sheet(
    path: Path,
    title: str,
    rows: Iterable[list[Any]],
    sheet: Sheet,
    result: ImportResult,
    unread: dict[int, dict[str, Message]] | None = None,
) -> None:
    unread = unread or {}
    rows = iter(rows)
    header_row, columns, headless = _find_header(path, title, rows, sheet, result)
    missing = [c for c in sheet.columns if c.required and c not in columns.values()]
    row_number = header_row
    rejected_rows: list[int] = []
    headers_at: int | None = None  # a rejected row that names the missing columns
    # Shared by every row of the sheet: the same column letters, and each distinct cell
    # value parsed once (names, levels and dates repeat thousands of times in a big map).
    letters = {column.field: _letter(index) for index, column in columns.items()}
    memo: dict[tuple[int, type, Any], Any] = {}
    for row_number, row in enumerate(rows, start=header_row + 1):
        if all(is_blank(value) for value in row) and row_number not in unread:
            continue
        result.rows_read += 1
        if headless:
            _warn_headless(path, title, row, row_number, headless, result)
        if missing:
            rejected_rows.append(row_number)
            if headers_at is None and _names_all(sheet, row, missing):
                headers_at = row_number
            continue
        fact = _read_row(
            path,
            title,
            sheet,
            columns,
            row,
            row_number,
            result,
            unread.get(row_number),
            letters,
            memo,
        )
        if fact is None:
            result.rows_rejected += 1
        else:
            result.facts.append(fact)
    if missing:
        rejected = Rejected(missing, header_row, rejected_rows, headers_at)
        _reject_sheet(path, title, rejected, result)


def _find_header(
    path: Path, title: str, rows: Any, sheet: Sheet, result: ImportResult
) -> tuple[int, dict[int, Column], list[int]]:
    """The first row (of the first ten) that names one of the sheet's columns, its columns
    and the indexes of the columns with no header (whose values nobody reads).

    Without one, the number of rows looked at: the rows after it keep their true numbers.
    """
    number = 0
    for number, row in enumerate(rows, start=1):
        columns = {i: c for i, value in enumerate(row) if (c := _column_for(sheet, value))}
        if columns:
            _check_headers(path, title, sheet, row, columns, number, result)
            return number, columns, [i for i, value in enumerate(row) if is_blank(value)]
        if number >= HEADER_SEARCH_ROWS or not all(is_blank(v) for v in row):
            break
    return number, {}, []


def _warn_headless(
    path: Path,
    title: str,
    row: Sequence[Any],
    number: int,
    headless: list[int],
    result: ImportResult,
) -> None:
    """A value in a column without a header is not read: say so, once per column, at the
    first such value (it was dropped in silence). `headless` shrinks as columns are named."""
    for index in [i for i in headless if i < len(row) and not is_blank(row[i])]:
        headless.remove(index)
        location = Location(path.name, title, number, _letter(index))
        message = HEADLESS.format(v=shortened(str(_as_typed(row[index]))))
        result.problems.append(Problem(location, message, ProblemLevel.WARNING))


HEADLESS = _(
    "the value '{v}' stands in a column without a header and is not read (nor are the column's other values); give the column a header or move the value"
)


def _column_for(sheet: Sheet, header: Any) -> Column | None:
    if not isinstance(header, str):
        return None
    wanted = _header_key(header)
    for column in sheet.columns:
        if wanted in (_header_key(column.header), _header_key(column.english), column.field):
            return column
    return None


def _header_key(header: str) -> str:
    return normalise(header.split("(")[0].replace("*", ""))


def _check_headers(
    path: Path,
    title: str,
    sheet: Sheet,
    row: Sequence[Any],
    columns: dict[int, Column],
    number: int,
    result: ImportResult,
) -> None:
    """Unknown and repeated headers are worth a warning, with the nearest known name."""
    known = [c.header for c in sheet.columns]
    seen: set[str] = set()
    for index, value in enumerate(row):
        location = Location(path.name, title, number, _letter(index))
        column = columns.get(index)
        if column is not None and column.field in seen:
            result.problems.append(Problem(location, REPEATED.format(h=value), ProblemLevel.ERROR))
            del columns[index]
        elif column is not None:
            seen.add(column.field)
        elif not is_blank(value):
            value = _as_typed(value)
            message = UNKNOWN_COLUMN.format(h=value)
            message += did_you_mean(str(value), known)
            result.problems.append(Problem(location, message, ProblemLevel.WARNING))


UNKNOWN_COLUMN = _("unknown column '{h}' is not read.")
REPEATED = _("column '{h}' appears twice; the second is not read")


def _names_all(sheet: Sheet, row: Sequence[Any], columns: list[Column]) -> bool:
    """Whether the row names every one of `columns`: it is a header row, below the first."""
    named = {_column_for(sheet, value) for value in row}
    return all(column in named for column in columns)


class Rejected(NamedTuple):
    """A sheet whose rows cannot be read: the required columns it lacks, the row where its
    header was looked for, the rows lost, and a later row holding the headers, if any."""

    missing: list[Column]
    header_row: int
    rows: list[int]
    headers_at: int | None


def _reject_sheet(path: Path, title: str, rejected: Rejected, result: ImportResult) -> None:
    rows = rejected.rows
    result.rows_rejected += len(rows)
    names = ", ".join(c.header for c in rejected.missing)
    message = ngettext(
        "required column missing: {names}; {n} row could not be read{rows}",
        "required column missing: {names}; {n} rows could not be read{rows}",
        len(rows),
    ).format(names=names, rows=f" ({row_ranges(rows)})" if rows else "")
    if rejected.headers_at is not None:
        message += HEADERS_BELOW.format(row=rejected.headers_at)
    location = Location(path.name, title, rejected.header_row or 1)
    result.problems.append(Problem(location, message))


HEADERS_BELOW = _(
    ". Row {row} holds these headers: delete the rows above it (a title, notes), so that the header row comes first"
)


def _read_row(
    path: Path,
    title: str,
    sheet: Sheet,
    columns: dict[int, Column],
    row: Sequence[Any],
    number: int,
    result: ImportResult,
    unread: dict[str, Message] | None = None,
    letters: dict[str, str] | None = None,
    memo: dict[tuple[int, type, Any], Any] | None = None,
) -> Fact | None:
    values: dict[str, Any] = {}
    letters = letters if letters is not None else {c.field: _letter(i) for i, c in columns.items()}
    memo = memo if memo is not None else {}
    problems: list[Problem] = []
    for index, column in columns.items():
        raw = row[index] if index < len(row) else None
        letter = letters[column.field]
        if is_blank(raw):
            if unread and letter in unread:  # not blank: calamine could not read it
                problems.append(Problem(Location(path.name, title, number, letter), unread[letter]))
            elif column.required:
                message = REQUIRED.format(h=column.header)
                problems.append(Problem(Location(path.name, title, number, letter), message))
            continue
        try:
            values[column.field] = _parse_once(memo, index, column, raw)
        except CellError as error:
            problems.append(Problem(Location(path.name, title, number, letter), error.message))
    period = _period(values, Location(path.name, title, number, letters.get("valid_to")), problems)
    if period.start and period.end and period.start > period.end:
        location = Location(path.name, title, number, letters.get("valid_to"))
        problems.append(Problem(location, BACKWARDS))
    if problems:
        result.problems.extend(problems)
        return None
    origin = Provenance(path.name, title, number, values.get("source"), letters)
    return _build(sheet, values, period, origin)


def _period(values: dict[str, Any], end_cell: Location, problems: list[Problem]) -> Period:
    """The row's period; an end written as a length ("2 år") counts from its start."""
    start, end = values.pop("valid_from", None), values.pop("valid_to", None)
    if isinstance(end, Length):
        try:
            end = end.after(start)
        except DateError as error:
            problems.append(Problem(end_cell, error.message))
            end = None
    return Period(start, end)


def _parse_once(
    memo: dict[tuple[int, type, Any], Any], index: int, column: Column, raw: Any
) -> Any:
    """`parse`, once per distinct value of a column (parsed values are immutable)."""
    key = (index, type(raw), raw)  # with the type: True == 1 == 1.0 as dict keys
    try:
        return memo[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable value: nothing to share
        return parse(column, _as_typed(raw))
    value = memo[key] = parse(column, _as_typed(raw))
    return value


def _as_typed(value: Any) -> Any:
    """calamine reads every number as a float; a whole number is an int, as it was typed
    (messages quote it: '42767' är inget datum, not '42767.0'). From 1e16 on, Python and
    Excel write numbers with an exponent: those stay floats."""
    if type(value) is float and value.is_integer() and abs(value) < 1e16:
        return int(value)
    return value


REQUIRED = _("'{h}' must be filled in")
BACKWARDS = _("end date before start date")


def _build(sheet: Sheet, values: dict[str, Any], period: Period, origin: Provenance) -> Fact:
    """A fact from the row's values; without an ID the core gives it one (from the name on
    named sheets, from file and row on the others)."""
    fact_id = values.pop("id", None) or AUTO_ID
    accepted = _field_names(sheet.fact)
    kwargs = {key: value for key, value in values.items() if key in accepted}
    return sheet.fact(id=fact_id, valid=period, provenance=(origin,), **kwargs)


@cache
def _field_names(fact_class: Any) -> frozenset[str]:
    return frozenset(f.name for f in fields(fact_class))


@cache
def _letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA': the column letters Excel shows."""
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
