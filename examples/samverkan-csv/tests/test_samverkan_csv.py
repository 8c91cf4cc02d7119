"""The plugin used the way a process leader uses it: through the pipeline and the CLI.

The tests run with the plugin installed (`pip install -e .`) or not: `samverkan.testing`
registers it in-process when no installed copy was loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import samverkan_csv
from samverkan_csv import CsvContactsImporter

from samverkan.graph import SamverkanMap
from samverkan.model import Level
from samverkan.pipeline import read_map
from samverkan.plugins import get_plugins
from samverkan.testing import CliResult, registered, run_cli

LIST = (
    "Från;Till;Nivå;Målgrupp;Kvalitet\n"
    "Lomma kommun;Arbetsförmedlingen;strategisk;vuxna;mycket god\n"
    "Kävlinge kommun;Arbetsförmedlingen;operativ;unga vuxna|nyanlända;2\n"
    "\n"
    "Lomma kommun;Försäkringskassan;;;\n"
)


@pytest.fixture(autouse=True)
def plugin() -> Iterator[None]:
    """The plugin for every test: the installed copy, else this source registered in-process."""
    if get_plugins().manager.has_plugin("csv"):
        yield
        return
    with registered(samverkan_csv, "csv"):
        yield


def cli(*args: str | Path) -> CliResult:
    return run_cli(*args)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path) -> SamverkanMap:
    samverkan_map, report = read_map([path], get_plugins())
    assert not report.problems, [p.describe("sv") for p in report.problems]
    return samverkan_map


def test_the_plugin_is_listed_with_its_importer() -> None:
    result = cli("plugins")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split(" ")[0] == "csv")
    assert lines[header + 1] == "    importörer: csv"


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-8", ";"), ("utf-8-sig", ","), ("utf-8", ",")],
)
def test_contacts_are_read_with_or_without_bom_and_either_delimiter(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write(tmp_path / "kontakter.csv", LIST.replace(";", delimiter), encoding)
    samverkan_map = read(path)
    assert sorted(a.name for a in samverkan_map.actors()) == [
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Kävlinge kommun",
        "Lomma kommun",
    ]
    contacts = {
        (samverkan_map.name(c.actor_a), samverkan_map.name(c.actor_b)): c
        for c in samverkan_map.contacts()
    }
    strategic = contacts[("Lomma kommun", "Arbetsförmedlingen")]
    assert (strategic.level, strategic.quality) == (Level.STRATEGIC, 5)
    assert [samverkan_map.name(g) for g in strategic.target_groups] == ["vuxna"]
    operational = contacts[("Kävlinge kommun", "Arbetsförmedlingen")]
    assert (operational.level, operational.quality) == (Level.OPERATIONAL, 2)
    groups = [samverkan_map.name(g) for g in operational.target_groups]
    assert groups == ["unga vuxna", "nyanlända"]
    bare = contacts[("Lomma kommun", "Försäkringskassan")]
    assert (bare.level, bare.quality, bare.target_groups) == (Level.OPERATIONAL, None, ())
    # provenance points at the line in the file, blank line included in the count
    assert bare.provenance[0].row == 5 and bare.provenance[0].file == "kontakter.csv"


def test_the_cli_summarises_every_row(tmp_path: Path) -> None:
    path = write(tmp_path / "kontakter.csv", LIST)
    result = cli("validate", path)
    assert result.exit_code == 0, result.stderr
    assert "4 aktörer, 0 forum, 3 kontakter" in result.stdout


def test_bad_rows_are_problems_with_file_row_and_column(tmp_path: Path) -> None:
    path = write(
        tmp_path / "fel.csv",
        "Från;Till;Nivå;Målgrupp;Kvalitet\n"
        "Lomma kommun;AF;strategisk;vuxna;god\n"
        "Lomma kommun;AF;ibland;;\n"
        "Lomma kommun;;operativ;;\n"
        "Lomma kommun;AF;operativ;;hyfsad\n",
    )
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "fel.csv, rad 3, kolumn C: 'ibland' är inte tillåtet" in result.stderr
    assert "fel.csv, rad 4, kolumn B: 'Till' måste fyllas i" in result.stderr
    assert "fel.csv, rad 5, kolumn E: 'hyfsad' är inte tillåtet" in result.stderr
    assert "Traceback" not in result.stderr
    _, report = read_map([path], get_plugins())
    assert (report.rows_read, report.rejected) == (4, 3)  # nothing dropped silently


def test_english_messages_and_headers(tmp_path: Path) -> None:
    path = write(
        tmp_path / "k.csv", "Från,Till,Level,Quality\nLomma kommun,AF,strategic,very good\nA,B,x,\n"
    )
    result = cli("validate", path, "--lang", "en")
    assert result.exit_code == 2
    assert "k.csv, row 3, column C: 'x' is not allowed (strategisk, operativ)" in result.stderr


def test_a_file_saved_in_the_old_excel_encoding_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path / "gammal.csv", LIST, encoding="cp1252")
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "Filen är inte UTF-8" in result.stderr and "CSV UTF-8" in result.stderr


def test_other_csv_files_are_not_claimed(tmp_path: Path) -> None:
    importer = CsvContactsImporter()
    assert not importer.claims(write(tmp_path / "kumu.csv", "From,To,Type\nA,B,x\n"))
    assert not importer.claims(write(tmp_path / "lista.txt", LIST))
    assert importer.claims(write(tmp_path / "ok.csv", "\ufeffFRÅN ; Till\nA;B\n"))
