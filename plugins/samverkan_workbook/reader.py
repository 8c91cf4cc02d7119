"""Reading interview workbooks with openpyxl in read-only mode.

Read-only mode trusts the sheet's <dimension> tag: a file that claims A1:A1 silently yields
one row of millions. `reset_dimensions()` before iterating makes openpyxl read every row.
"""

from __future__ import annotations

import difflib
import zipfile
from dataclasses import fields
from pathlib import Path
from typing import Any

from samverkan.contract import ImportResult
from samverkan.errors import Location, Problem, ProblemLevel, SamverkanError
from samverkan.i18n import Msg
from samverkan.model import Fact, Period, Provenance, normalise, slugify
from samverkan_workbook.cells import CellError, is_blank, parse
from samverkan_workbook.schema import INSTRUCTIONS, Column, Sheet, sheet_named

HEADER_SEARCH_ROWS = 10
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"


def read_workbook(path: Path) -> ImportResult:
    workbook = open_workbook(path)
    result = ImportResult()
    try:
        sheets = [(ws, sheet_named(ws.title)) for ws in workbook.worksheets]
        if not any(sheet for _, sheet in sheets):
            raise SamverkanError(NO_KNOWN_SHEETS, Location(str(path)))
        for worksheet, sheet in sheets:
            if sheet is not None:
                _read_sheet(path, worksheet, sheet, result)
            elif worksheet.title not in INSTRUCTIONS:
                location = Location(path.name, worksheet.title)
                result.problems.append(Problem(location, UNKNOWN_SHEET, ProblemLevel.WARNING))
    finally:
        workbook.close()
    return result


NO_KNOWN_SHEETS = Msg(
    "Arbetsboken har inget av bladen Aktörer, Personer, Forum, Kontakter, Målgrupper, "
    "Glapp och önskemål, Händelser, Källor. Skapa en mall med 'samverkan init'.",
    "The workbook has none of the sheets Actors, Persons, Forums, Contacts, Target groups, "
    "Gaps and wishes, Events, Sources. Create a template with 'samverkan init'.",
)
UNKNOWN_SHEET = Msg("okänt blad, läses inte", "unknown sheet, not read")


def open_workbook(path: Path) -> Any:
    import openpyxl  # imported here: start-up of commands that read no workbook stays light

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as error:
        raise SamverkanError(
            Msg("Filen finns inte", "No such file"), Location(str(path))
        ) from error
    except PermissionError as error:
        raise SamverkanError(
            Msg("Filen går inte att öppna (är den låst?)", "The file cannot be opened (locked?)"),
            Location(str(path)),
        ) from error
    except zipfile.BadZipFile as error:
        raise SamverkanError(_not_a_workbook(path), Location(str(path))) from error
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise SamverkanError(
            Msg(
                "Arbetsboken är skadad och kan inte läsas ({e})",
                "The workbook is damaged and cannot be read ({e})",
            ).format(e=f"{type(error).__name__}: {error}"),
            Location(str(path)),
        ) from error


def _not_a_workbook(path: Path) -> Msg:
    with path.open("rb") as stream:
        start = stream.read(4)
    if start == OLE2_MAGIC:
        return Msg(
            "Filen är lösenordsskyddad eller i det gamla .xls-formatet. Ta bort lösenordet "
            "eller spara som .xlsx i Excel.",
            "The file is password-protected or in the old .xls format. Remove the password "
            "or save it as .xlsx in Excel.",
        )
    if not start:
        return Msg("Filen är tom", "The file is empty")
    return Msg(
        "Filen är ingen Excel-arbetsbok (.xlsx), eller så är den trasig",
        "The file is not an Excel workbook (.xlsx), or it is damaged",
    )


def _read_sheet(path: Path, worksheet: Any, sheet: Sheet, result: ImportResult) -> None:
    worksheet.reset_dimensions()
    rows = worksheet.iter_rows(values_only=True)
    header_row, columns = _find_header(path, worksheet.title, rows, sheet, result)
    missing = [c for c in sheet.columns if c.required and c not in columns.values()]
    row_number = header_row
    rejected_rows: list[int] = []
    for row_number, row in enumerate(rows, start=header_row + 1):
        if all(is_blank(value) for value in row):
            continue
        result.rows_read += 1
        if missing:
            rejected_rows.append(row_number)
            continue
        fact = _read_row(path, worksheet.title, sheet, columns, row, row_number, result)
        if fact is None:
            result.rows_rejected += 1
        else:
            result.facts.append(fact)
    if missing:
        _reject_sheet(path, worksheet.title, sheet, missing, header_row, rejected_rows, result)


def _find_header(
    path: Path, title: str, rows: Any, sheet: Sheet, result: ImportResult
) -> tuple[int, dict[int, Column]]:
    """The first row (of the first ten) that names one of the sheet's columns."""
    for number, row in enumerate(rows, start=1):
        columns = {i: c for i, value in enumerate(row) if (c := _column_for(sheet, value))}
        if columns:
            _check_headers(path, title, sheet, row, columns, number, result)
            return number, columns
        if number >= HEADER_SEARCH_ROWS or not all(is_blank(v) for v in row):
            break
    return 0, {}


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
    row: tuple[Any, ...],
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
            message = UNKNOWN_COLUMN.format(h=value)
            hint = difflib.get_close_matches(str(value), known, n=1, cutoff=0.5)
            if hint:
                message = message + Msg(" Menade du '{h}'?", " Did you mean '{h}'?").format(
                    h=hint[0]
                )
            result.problems.append(Problem(location, message, ProblemLevel.WARNING))


UNKNOWN_COLUMN = Msg("okänd kolumn '{h}' läses inte.", "unknown column '{h}' is not read.")
REPEATED = Msg(
    "kolumnen '{h}' finns två gånger; den andra läses inte",
    "column '{h}' appears twice; the second is not read",
)


def _reject_sheet(
    path: Path,
    title: str,
    sheet: Sheet,
    missing: list[Column],
    header_row: int,
    rows: list[int],
    result: ImportResult,
) -> None:
    result.rows_rejected += len(rows)
    names = ", ".join(c.header for c in missing)
    message = Msg(
        "obligatorisk kolumn saknas: {names}; {n} rader kunde inte läsas{rows}",
        "required column missing: {names}; {n} rows could not be read{rows}",
    ).format(names=names, n=len(rows), rows=f" ({_ranges(rows)})" if rows else "")
    result.problems.append(Problem(Location(path.name, title, header_row or 1), message))


def _ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] -> '2-4, 7': the rejected rows, short enough to read."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in spans)


def _read_row(
    path: Path,
    title: str,
    sheet: Sheet,
    columns: dict[int, Column],
    row: tuple[Any, ...],
    number: int,
    result: ImportResult,
) -> Fact | None:
    values: dict[str, Any] = {}
    letters: dict[str, str] = {}
    problems: list[Problem] = []
    for index, column in columns.items():
        raw = row[index] if index < len(row) else None
        letters[column.field] = _letter(index)
        location = Location(path.name, title, number, _letter(index))
        if is_blank(raw):
            if column.required:
                problems.append(Problem(location, REQUIRED.format(h=column.header)))
            continue
        try:
            values[column.field] = parse(column, raw)
        except CellError as error:
            problems.append(Problem(location, error.message))
    period = Period(values.pop("valid_from", None), values.pop("valid_to", None))
    if period.start and period.end and period.start > period.end:
        location = Location(path.name, title, number, letters.get("valid_to"))
        problems.append(Problem(location, BACKWARDS))
    if problems:
        result.problems.extend(problems)
        return None
    origin = Provenance(path.name, title, number, values.get("source"), letters)
    return _build(sheet, values, period, origin, f"{path.stem}-{sheet.key}-{number}")


REQUIRED = Msg("'{h}' måste fyllas i", "'{h}' must be filled in")
BACKWARDS = Msg("slutdatum före startdatum", "end date before start date")


def _build(
    sheet: Sheet, values: dict[str, Any], period: Period, origin: Provenance, row_id: str
) -> Fact:
    """A fact from the row's values; ids default to the name (named sheets) or the row."""
    name = values.get("name") or values.get("title")
    fact_id = values.pop("id", None) or (slugify(name) if sheet.named and name else slugify(row_id))
    accepted = {f.name for f in fields(sheet.fact)}  # type: ignore[arg-type]
    kwargs = {key: value for key, value in values.items() if key in accepted}
    return sheet.fact(id=fact_id, valid=period, provenance=(origin,), **kwargs)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))
