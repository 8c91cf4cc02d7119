"""Text that a format cannot hold is handled the same way by every exporter: control
characters pasted into a name never stop an export, XML-based formats (xlsx, GEXF,
GraphML) drop exactly the characters XML 1.0 cannot hold, and a spreadsheet cell never
loses text beyond Excel's 32,767 characters without a note saying so."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from samverkan.plugins import get_plugins
from samverkan.safety import XLSX_CELL_LIMIT, fit_cell, writable

FORMATS = sorted(e.format for e in get_plugins().exporters())
CONTROL = "Kävlinge\x07 kommun\x0b"  # a bell and a vertical tab, as pasted from a terminal


def json_project(folder: Path, name: str, description: str = "") -> Path:
    """A JSON map whose actor Kävlinge has the given name, and a contact to Lomma."""
    folder.mkdir()
    document = {
        "schema": "samverkanskartan/1",
        "title": "Kontrolltecken",
        "actors": [
            {"id": "kavlinge", "name": name, "kind": "kommun", "description": description},
            {"id": "lomma", "name": "Lomma kommun", "kind": "kommun"},
        ],
        "contacts": [{"id": "k1", "actor_a": "kavlinge", "actor_b": "lomma", "quality": 1}],
    }
    path = folder / "karta.json"
    path.write_text(json.dumps(document, ensure_ascii=True), encoding="utf-8")
    return path


def written_text(path: Path) -> str:
    """All the text of an output file: the XML inside an xlsx, or the file itself."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_characters_never_stop_an_export(fmt: str, run_cli, tmp_path: Path) -> None:
    source = json_project(tmp_path / "in", CONTROL)
    target = tmp_path / f"ut.{fmt}"
    result = run_cli("export", source, "--format", fmt, "-o", target, "--at", "2017-06-01")
    assert result.exit_code == 0, result.output
    text = written_text(target)
    if zipfile.is_zipfile(target) or fmt in ("gexf", "graphml"):  # XML inside
        assert "\x07" not in text and "\x0b" not in text
        assert "Kävlinge kommun" in text
    elif fmt == "json":  # lossless: kept, escaped
        assert json.loads(text)["actors"][0]["name"] == CONTROL


def test_the_report_workbook_shows_the_name_without_the_control_characters(
    run_cli, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    source = json_project(tmp_path / "in", CONTROL)
    target = tmp_path / "rapport.xlsx"
    result = run_cli("export", source, "-f", "report-xlsx", "-o", target, "--at", "2017-06-01")
    assert result.exit_code == 0, result.output
    values = [
        str(cell.value)
        for sheet in load_workbook(target).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert any("Kävlinge kommun" in value for value in values)
    assert not any("\x07" in value for value in values)


def test_writable_drops_exactly_what_xml_cannot_hold() -> None:
    assert writable("a\x00b\x08c\td\ne\rf\x0bg\x1fh\ufffei\ud800j") == "abc\td\ne\rfghij"
    assert writable("Øresund – 東京 🙂") == "Øresund – 東京 🙂"


def test_a_cell_too_long_for_excel_says_how_much_is_missing() -> None:
    text = "lång anteckning " * 3000  # 48,000 characters
    for lang, word in (("sv", "förkortad"), ("en", "shortened")):
        cell = fit_cell(text, lang)
        assert len(cell) <= XLSX_CELL_LIMIT
        kept = cell.split(" … [")[0]
        assert text.startswith(kept)
        assert word in cell and str(len(text) - len(kept)) in cell
    assert fit_cell("kort", "sv") == "kort"
    exact = "x" * XLSX_CELL_LIMIT
    assert fit_cell(exact, "sv") == exact


def test_a_kumu_export_of_a_long_description_says_what_did_not_fit(run_cli, tmp_path: Path) -> None:
    """Kumu's workbook is xlsx: a text past Excel's cell limit ends with a note, never cut
    without a word, and the round trip shows the note where the text ends."""
    long = "minnesanteckning " * 2500  # 42,500 characters
    source = json_project(tmp_path / "in", "Kävlinge kommun", long)
    exported = tmp_path / "kumu.xlsx"
    assert run_cli("export", source, "--format", "kumu", "-o", exported).exit_code == 0
    back = tmp_path / "tillbaka.json"
    assert run_cli("export", exported, "--format", "json", "-o", back).exit_code == 0
    [actor] = [a for a in json.loads(back.read_text("utf-8"))["actors"] if a["id"] == "kavlinge"]
    assert len(actor["description"]) <= XLSX_CELL_LIMIT
    assert actor["description"].endswith("tecken ryms inte i en Excel-cell]")
    assert long.startswith(actor["description"].split(" … [")[0])
