"""Safe spreadsheets: no cell of an exported .xlsx or .csv starts a formula (OWASP).

Every registered exporter whose files are spreadsheets is run on a map whose every text field
starts with a formula payload; a cell may begin with = + - @ tab or carriage return only when
neutralised with a leading apostrophe (or when it is a plain number). The Kumu workbook is
read by Kumu, where "- first point" is Markdown: its typed text cells guard only '=', the one
start a text cell is ever taken for a formula on.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from payloads import FORMULA_PAYLOADS, write_payload_project

from samverkan.plugins import get_plugins
from samverkan.safety import (
    FORMULA_STARTS,
    TEXT_CELL_FORMULA_STARTS,
    neutralise_cell,
    restore_cell,
)

SPREADSHEETS = [
    e.format
    for e in sorted(get_plugins().exporters(), key=lambda e: e.format)
    if e.suffix in (".xlsx", ".csv")
]


# Exporters whose text cells are typed .xlsx strings that only '=' can turn into a formula.
TEXT_CELL_FORMATS = {"kumu"}


def injectable(value: object, starts: tuple[str, ...] = FORMULA_STARTS) -> bool:
    """True for a text cell a spreadsheet program would run as a formula."""
    if not isinstance(value, str) or not value.startswith(starts):
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False  # "-2.5" is a number, not a formula


def cells(path: Path) -> list[tuple[str, object]]:
    """(where, value) for every cell of an .xlsx (formulas as their text) or .csv file."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return [
                (f"{path.name}:{n}", v) for n, row in enumerate(csv.reader(stream)) for v in row
            ]
    workbook = load_workbook(path)  # not data_only: a formula reads as its text, '=…'
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    found.append((f"{sheet.title}!{cell.coordinate}", "=" + str(cell.value)))
                else:
                    found.append((f"{sheet.title}!{cell.coordinate}", cell.value))
    return found


def test_the_helper_neutralises_every_dangerous_start() -> None:
    for payload in FORMULA_PAYLOADS:
        assert neutralise_cell(payload) == "'" + payload
        assert not injectable(neutralise_cell(payload))
    assert neutralise_cell("Kävlinge kommun") == "Kävlinge kommun"
    assert neutralise_cell("") == ""


def test_the_check_itself_catches_a_formula(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "=1+1"
    workbook.active["A2"] = "@SUM(1)"
    workbook.active["A3"] = -2.5
    workbook.save(tmp_path / "farlig.xlsx")
    bad = [where for where, value in cells(tmp_path / "farlig.xlsx") if injectable(value)]
    assert bad == ["Sheet!A1", "Sheet!A2"]


@pytest.fixture(scope="module")
def formula_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formler") / "projekt"
    write_payload_project(folder, FORMULA_PAYLOADS, title='=HYPERLINK("http://evil")')
    return folder


@pytest.mark.parametrize("fmt", SPREADSHEETS)
def test_no_exported_cell_starts_a_formula(
    fmt: str, run_cli, formula_project: Path, tmp_path: Path
) -> None:
    exporter = get_plugins().exporter(fmt)
    target = tmp_path / f"ut{exporter.suffix}"
    result = run_cli("export", formula_project, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    written = [target, *sorted(p for p in tmp_path.iterdir() if p.suffix in (".csv", ".xlsx"))]
    values = [cell for path in dict.fromkeys(written) for cell in cells(path)]
    texts = [str(v) for _, v in values]
    assert any(FORMULA_PAYLOADS[0] in t for t in texts)  # the payloads did reach the file
    starts = TEXT_CELL_FORMULA_STARTS if fmt in TEXT_CELL_FORMATS else FORMULA_STARTS
    assert [(where, v) for where, v in values if injectable(v, starts)] == []


def test_a_text_that_begins_with_an_apostrophe_reads_back_as_written() -> None:
    """ "'-" and "'=1" are texts of their own, not guarded "-" and "=1": an export read back
    gives each text as it was, with either set of formula characters (xlsx text cells
    guard only '=')."""
    for starts in (FORMULA_STARTS, TEXT_CELL_FORMULA_STARTS):
        for text in ("-", "=1", "'-", "'=1", "''=1", "'", "'a", "a'=", ""):
            assert restore_cell(neutralise_cell(text, starts), starts) == text, (starts, text)
    assert neutralise_cell("=1") == "'=1" and neutralise_cell("'=1") == "''=1"
