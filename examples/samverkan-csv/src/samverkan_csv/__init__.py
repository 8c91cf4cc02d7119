"""Samverkanskartan plugin: a simple contact list in CSV.

    Från;Till;Nivå;Målgrupp;Kvalitet
    Lomma kommun;Arbetsförmedlingen;strategisk;vuxna;mycket god

One contact per row. UTF-8 with or without BOM (Excel's "CSV UTF-8"), `;` or `,` as the
delimiter (sniffed from the header). Headers in any case and order; Från and Till are
required and claim the file (English From/To is Kumu's format, read by the Kumu plugin), the
others may also be written in English (Level, Target group, Quality, Description). Several target groups in one cell are separated by
`|`, `,` or `;`. Every row becomes a contact (and its two actors) or a problem that names the
file, row and column.

This package is the example third-party plugin: it uses only the public contract
(`samverkan.hookimpl`, `samverkan.contract`, `samverkan.model`, `samverkan.errors`,
`samverkan.i18n`), exactly as a plugin in another repository would.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverkan import hookimpl
from samverkan.contract import Importer, ImportResult
from samverkan.errors import Location, Problem, ProblemLevel, SamverkanError
from samverkan.model import AUTO_ID, QUALITY, Actor, Contact, Level, Provenance, normalise
from samverkan_csv.i18n import _

__version__ = "0.1.0"

# field -> the headers that name it (compared case- and space-insensitively)
HEADERS: dict[str, tuple[str, ...]] = {
    "actor_a": ("från",),
    "actor_b": ("till",),
    "level": ("nivå", "level"),
    "target_groups": ("målgrupp", "målgrupper", "target group", "target groups"),
    "quality": ("kvalitet", "quality"),
    "description": ("beskrivning", "description"),
}
REQUIRED = ("actor_a", "actor_b")
DELIMITERS = ";,"
SNIFF_BYTES = 4096
LIST_SEPARATORS = re.compile(r"[|;,]")


class CsvContactsImporter:
    name = "csv"
    description = _("Contact list in CSV with the columns Från;Till;Nivå;Målgrupp;Kvalitet")

    def claims(self, path: Path) -> bool:
        """A .csv whose first line names Från and Till (Kumu's From/To files are not ours)."""
        if path.suffix.casefold() != ".csv" or not path.is_file():
            return False
        try:
            with path.open("rb") as stream:
                start = stream.read(SNIFF_BYTES)
        except OSError:
            return False
        first = _first_line(start)
        cells = {normalise(c.strip(' "')) for c in re.split(f"[{DELIMITERS}]", first)}
        return {"från", "till"} <= cells

    def read(self, path: Path) -> ImportResult:
        text = _text(path)
        return _Reader(path.name, text).read()


def _first_line(start: bytes) -> str:
    """The header line; a file in Excel's old Windows encoding is still recognised as ours,
    so that reading it can explain how to save it as UTF-8."""
    line = next((raw for raw in start.splitlines() if raw.strip()), b"")
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise SamverkanError(
            _("The file cannot be read: {e}").format(e=error.strerror or error),
            Location(str(path)),
        ) from error
    except UnicodeDecodeError as error:
        raise SamverkanError(
            _("The file is not UTF-8. Save it from Excel as 'CSV UTF-8 (comma delimited)'."),
            Location(str(path)),
        ) from error


def sniff_delimiter(header: str) -> str:
    """`;` (Swedish Excel) or `,`: what csv.Sniffer finds in the header, else the commoner."""
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ";" if header.count(";") >= header.count(",") else ","


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: the column as Excel shows it when the user opens the CSV."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass
class _Reader:
    file: str
    text: str
    result: ImportResult = field(default_factory=ImportResult)
    columns: dict[int, str] = field(default_factory=dict)

    def read(self) -> ImportResult:
        lines = self.text.splitlines()
        header_line = next((line for line in lines if line.strip()), "")
        reader = csv.reader(io.StringIO(self.text), delimiter=sniff_delimiter(header_line))
        header_row = 0
        for row in reader:
            header_row = reader.line_num
            if any(cell.strip() for cell in row):
                self._header(row, header_row)
                break
        start = header_row + 1
        for row in reader:
            self._row(row, start)
            start = reader.line_num + 1  # a quoted cell may span lines: count from the next one
        return self.result

    def _header(self, row: list[str], number: int) -> None:
        known = {normalise(h): name for name, headers in HEADERS.items() for h in headers}
        for index, cell in enumerate(row):
            name = known.get(normalise(cell))
            location = Location(self.file, row=number, column=column_letter(index))
            if name is not None and name not in self.columns.values():
                self.columns[index] = name
            elif cell.strip():
                message = _("unknown or repeated column '{h}' is not read").format(h=cell)
                self.result.problems.append(Problem(location, message, ProblemLevel.WARNING))
        for name in REQUIRED:
            if name not in self.columns.values():
                raise SamverkanError(
                    _("the column '{h}' is missing from the header row").format(
                        h=HEADERS[name][0].capitalize()
                    ),
                    Location(self.file, row=number),
                )

    def _row(self, row: list[str], number: int) -> None:
        if not any(cell.strip() for cell in row):
            return
        self.result.rows_read += 1
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        letters = {name: column_letter(index) for index, name in self.columns.items()}
        for index, name in self.columns.items():
            cell = row[index].strip() if index < len(row) else ""
            location = Location(self.file, row=number, column=column_letter(index))
            try:
                value = _parse(name, cell)
            except ValueError as error:
                problems.append(Problem(location, error.args[0]))
                continue
            if value is None and name in REQUIRED:
                problems.append(
                    Problem(location, MUST_FILL.format(h=HEADERS[name][0].capitalize()))
                )
            elif value is not None:
                values[name] = value
        extra = [i for i, cell in enumerate(row) if i not in self.columns and cell.strip()]
        for index in extra:
            location = Location(self.file, row=number, column=column_letter(index))
            problems.append(Problem(location, EXTRA_CELL, ProblemLevel.WARNING))
        self.result.problems.extend(problems)
        if any(p.is_error for p in problems):
            self.result.rows_rejected += 1
            return
        self._facts(values, number, letters)

    def _facts(self, values: dict[str, Any], number: int, letters: dict[str, str]) -> None:
        origin = Provenance(self.file, None, number, None, letters)
        for side in ("actor_a", "actor_b"):
            name = values[side]
            actor_origin = Provenance(self.file, None, number, None, {"name": letters[side]})
            # No id: the core finds the actor this name means, or gives it a stable id.
            self.result.facts.append(Actor(id=AUTO_ID, name=name, provenance=(actor_origin,)))
        self.result.facts.append(Contact(id=AUTO_ID, provenance=(origin,), **values))


def _parse(name: str, cell: str) -> Any:
    """The cell's value for field `name`; None if blank; ValueError(Message) if not allowed."""
    if not cell:
        return None
    if name == "level":
        level = Level.parse(cell)
        if level is None:
            raise ValueError(NOT_ALLOWED.format(v=cell, allowed="strategisk, operativ"))
        return level
    if name == "quality":
        quality = QUALITY.parse(cell)
        if quality is None:
            allowed = ", ".join(step.sv for step in QUALITY.steps.values()) + " (1–5)"
            raise ValueError(NOT_ALLOWED.format(v=cell, allowed=allowed))
        return quality
    if name == "target_groups":
        return tuple(g.strip() for g in LIST_SEPARATORS.split(cell) if g.strip())
    return cell


MUST_FILL = _("'{h}' must be filled in")
NOT_ALLOWED = _("'{v}' is not allowed ({allowed})")
EXTRA_CELL = _("the cell has no header and is not read")


@hookimpl
def samverkan_importers() -> list[Importer]:
    return [CsvContactsImporter()]
