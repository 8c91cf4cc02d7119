"""The interview workbook: the template, reading good workbooks, and locating bad cells."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from click.testing import Result
from helpers import ACTORS_HEADER, CONTACTS_HEADER, write_workbook
from openpyxl import Workbook, load_workbook
from samverkanskartan.workbook.reader import read_workbook
from samverkanskartan.workbook.schema import SHEETS, Kind

from samverkan.model import ActorKind, Level
from samverkan.pipeline import read_map
from samverkan.plugins import Plugins

ACTORS = [
    ACTORS_HEADER,
    ["kavlinge", "Kävlinge kommun", "kommun", None, "Kävlinge", None, None],
    ["af", "Arbetsförmedlingen", "myndighet", None, None, "AF", None],
]


def contacts_workbook(path: Path, *rows: list[object]) -> Path:
    return write_workbook(path, {"Aktörer": ACTORS, "Kontakter": [CONTACTS_HEADER, *rows]})


def test_init_writes_a_template_with_every_sheet_and_dropdowns(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "ny")
    assert result.exit_code == 0, result.output
    workbook = load_workbook(tmp_path / "ny" / "intervjuer.xlsx")
    assert workbook.sheetnames == ["Instruktioner", *(s.name for s in SHEETS)]
    contacts = workbook["Kontakter"]
    headers = [cell.value for cell in contacts[1]]
    assert headers[:4] == ["ID", "Aktör A *", "Aktör B *", "Nivå *"]
    dropdowns = {str(v.sqref): v.formula1 for v in contacts.data_validations.dataValidation}
    assert dropdowns["D2:D2000"] == '"strategisk,operativ"'
    enumerated = [c for s in SHEETS for c in s.columns if c.kind is Kind.CHOICE]
    total = sum(len(workbook[s.name].data_validations.dataValidation) for s in SHEETS)
    assert total == len(enumerated)
    guide = " ".join(
        str(c.value) for row in workbook["Instruktioner"].iter_rows() for c in row if c.value
    )
    assert "Kolumner märkta * måste fyllas i" in guide
    assert (
        (tmp_path / "ny" / "samverkan.toml")
        .read_text(encoding="utf-8")
        .startswith("# Samverkanskartan")
    )


def test_init_in_english_writes_english_sheets_that_read_back(run_cli, tmp_path: Path) -> None:
    assert run_cli("init", tmp_path / "en", "--lang", "en").exit_code == 0
    workbook = load_workbook(tmp_path / "en" / "interviews.xlsx")
    assert "Contacts" in workbook.sheetnames and "Actors" in workbook.sheetnames
    assert run_cli("validate", tmp_path / "en").exit_code == 0


def test_init_refuses_to_overwrite_a_project(run_cli, tmp_path: Path) -> None:
    run_cli("init", tmp_path)
    result = run_cli("init", tmp_path)
    assert result.exit_code == 2
    assert "finns redan ett projekt" in result.stderr


def test_a_good_workbook_becomes_a_map(small_workbook: Path, plugins: Plugins) -> None:
    samverkan_map, report = read_map([small_workbook], plugins)
    assert report.rows_read == 8 and report.imported == 8 and not report.problems
    office = samverkan_map.actor("af-kavlinge")
    assert office.kind is ActorKind.OFFICE and office.parent == "af"
    assert office.valid.end == date(2017, 1, 31)  # closed by the event row
    [strategic] = [c for c in samverkan_map.contacts() if c.level is Level.STRATEGIC]
    assert strategic.quality == 5 and strategic.pair == frozenset({"lomma", "af"})
    assert strategic.provenance[0].row == 2 and strategic.provenance[0].sheet == "Kontakter"
    assert samverkan_map.forum("ksau-lomma").cadence_per_year == 2


def test_read_only_mode_does_not_trust_a_lying_dimension_tag(tmp_path: Path) -> None:
    """openpyxl read-only mode returns 1 row of many when <dimension> says A1:A1."""
    import re
    import zipfile

    path = contacts_workbook(tmp_path / "k.xlsx", *[["Kävlinge kommun", "AF", "operativ"]] * 50)
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(lying, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data, count = re.subn(
                    rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:A1"/>', data
                )
                assert count == 1
            target.writestr(item, data)
    trusting = load_workbook(lying, read_only=True)["Kontakter"]
    assert len(list(trusting.iter_rows(values_only=True))) == 1  # the trap is real
    result = read_workbook(lying)
    assert result.rows_read == 52
    assert len(result.facts) == 52


def test_wrong_value_in_row_7_column_c_is_located(run_cli, tmp_path: Path) -> None:
    good = ["Kävlinge kommun", "AF", "operativ"]
    path = contacts_workbook(
        tmp_path / "fel.xlsx", *[good] * 5, ["Kävlinge kommun", "AF", "stratgisk"]
    )
    result: Result = run_cli("map", path, "-o", tmp_path / "karta.html")
    assert result.exit_code == 2
    assert "fel.xlsx, blad Kontakter, rad 7, kolumn C" in result.stderr
    assert "'stratgisk' är inte ett tillåtet värde för Nivå" in result.stderr
    assert "Menade du 'strategisk'?" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "karta.html").exists()
    english = run_cli("validate", path, "--lang", "en")
    assert "fel.xlsx, sheet Kontakter, row 7, column C" in english.stderr
    assert "is not an allowed value for Nivå" in english.stderr


def test_every_bad_cell_of_a_row_is_reported_and_the_row_counted(
    plugins: Plugins, tmp_path: Path
) -> None:
    path = contacts_workbook(
        tmp_path / "k.xlsx",
        ["Kävlinge kommun", "AF", "operativ", None, "utmärkt"],
        [None, "AF", "", None, None],
        ["Kävlinge kommun", "AF", "strategisk"],
    )
    _, report = read_map([path], plugins)
    where = sorted((p.location.row, p.location.column) for p in report.errors)
    assert where == [(2, "E"), (3, "A"), (3, "C")]
    assert (report.rows_read, report.imported, report.rejected) == (5, 3, 2)


def test_headers_can_be_english_and_unknown_ones_are_named(
    plugins: Plugins, tmp_path: Path
) -> None:
    path = write_workbook(
        tmp_path / "en.xlsx",
        {
            "Actors": [["Name", "Kind", "Municipalty"], ["Lomma kommun", "municipality", "Lomma"]],
        },
    )
    samverkan_map, report = read_map([path], plugins)
    assert samverkan_map.actor("lomma-kommun").kind is ActorKind.MUNICIPALITY
    [warning] = report.problems
    assert warning.location.column == "C" and not warning.is_error
    assert "Municipalty" in warning.message.sv


def test_a_missing_required_column_rejects_the_rows_it_would_have_held(
    plugins: Plugins, tmp_path: Path
) -> None:
    path = write_workbook(tmp_path / "k.xlsx", {"Aktörer": [["Namn"], ["A"], ["B"], ["C"]]})
    _, report = read_map([path], plugins)
    [problem] = report.errors
    assert "Typ" in problem.message.sv and "2-4" in problem.message.sv
    assert report.rejected == 3 and report.rows_read == 3


def test_headers_below_a_title_row_are_pointed_out(run_cli, tmp_path: Path) -> None:
    """A title above the header row said only 'obligatorisk kolumn saknas: Namn, Typ', while
    Namn and Typ stood right there, one row down."""
    path = write_workbook(tmp_path / "titel.xlsx", {"Aktörer": [["Aktörer i Lomma"], [], *ACTORS]})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert (
        "titel.xlsx, blad Aktörer, rad 1: obligatorisk kolumn saknas: Namn, Typ; 3 rader kunde"
        " inte läsas (3-5). Rad 3 har de rubrikerna: ta bort raderna ovanför" in result.stderr
    )
    plain = write_workbook(tmp_path / "k.xlsx", {"Aktörer": [["Namn"], ["A"]]})
    assert "rubrikerna" not in run_cli("validate", plain).stderr  # no header row below


def test_values_people_type_are_understood(plugins: Plugins, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "f.xlsx",
        {
            "Aktörer": [ACTORS_HEADER, *ACTORS[1:]],
            "Forum": [
                ["Namn", "Nivå", "Medlemmar", "Möten per år", "Gäller från"],
                ["Beredningsgrupp", "Strategisk", "Kävlinge kommun|AF", "2–3 ggr/år", "2016-09"],
            ],
        },
    )
    samverkan_map, report = read_map([path], plugins)
    assert not report.problems
    forum = samverkan_map.forum("beredningsgrupp")
    assert forum.cadence_per_year == 2.5 and forum.valid.start == date(2016, 9, 1)
    assert forum.members == ("kavlinge", "af")


def test_an_event_dated_the_swedish_way_happens_on_that_day(run_cli, tmp_path: Path) -> None:
    """'1/2 2017' is 1 February (day first), told back as 2017-02-01; '31/2 2017' is no day."""
    events = [["Datum", "Typ", "Aktör"], ["1/2 2017", "stängning", "AF"]]
    path = write_workbook(tmp_path / "h.xlsx", {"Aktörer": ACTORS, "Händelser": events})
    target = tmp_path / "ut" / "karta.json"
    result = run_cli("export", path, "--format", "json", "-o", target)
    assert result.exit_code == 0, result.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [(e["date"], e["actor"]) for e in document["events"]] == [("2017-02-01", "af")]
    events.append(["31/2 2017", "stängning", "AF"])
    path = write_workbook(tmp_path / "h.xlsx", {"Aktörer": ACTORS, "Händelser": events})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "h.xlsx, blad Händelser, rad 3, kolumn A: '31/2 2017' är inget datum" in result.stderr


def test_a_workbook_without_our_sheets_is_explained(run_cli, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "annat.xlsx", {"Blad1": [["x"]]})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "annat.xlsx" in result.stderr and "samverkan init" in result.stderr


def test_a_file_that_is_not_a_workbook_is_explained(run_cli, tmp_path: Path) -> None:
    fake = tmp_path / "intervju.xlsx"
    fake.write_text("Namn;Typ\n", encoding="utf-8")
    result = run_cli("validate", fake)
    assert result.exit_code == 2
    assert "ingen Excel-arbetsbok" in result.stderr and "Traceback" not in result.output


def rewrite_sheet(path: Path, target: Path, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the workbook at `path` with every sheet's XML passed through `change`."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            copy.writestr(
                item, change(data) if item.filename.startswith("xl/worksheets/") else data
            )
    return target


def run_in_own_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`samverkan ARGS` in a child process: a reader that asks for an impossible amount of
    memory would abort the whole test run, not fail one test."""
    code = "import sys; from samverkan.cli import main; sys.argv[0] = 'samverkan'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_a_table_placed_away_from_a1_keeps_its_row_numbers_and_column_letters(
    run_cli, tmp_path: Path
) -> None:
    """calamine starts a sheet at its first value; the reader counts from A1 as Excel does."""
    path = tmp_path / "indraget.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kontakter"
    for row, values in enumerate(
        [
            CONTACTS_HEADER[:3],
            ["Kävlinge kommun", "AF", "operativ"],
            ["Kävlinge kommun", "AF", "x"],
        ],
        start=3,
    ):
        for column, value in enumerate(values, start=3):
            sheet.cell(row=row, column=column, value=value)
    actors = workbook.create_sheet("Aktörer")
    for values in ACTORS:
        actors.append(values)
    workbook.save(path)
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "indraget.xlsx, blad Kontakter, rad 5, kolumn E: 'x' är inte" in result.stderr
    assert "Rader:    4 lästa (3 importerade, 0 sammanslagna, 1 avvisade)" in result.stderr


def test_whole_numbers_read_as_typed(plugins: Plugins, tmp_path: Path) -> None:
    """calamine reads every number as a float: an ID typed 2017 is still '2017'."""
    path = write_workbook(
        tmp_path / "tal.xlsx",
        {
            "Aktörer": [ACTORS_HEADER, [2017, "Kävlinge kommun", "kommun", None, None, 42, None]],
            "Forum": [["Namn", "Nivå", "Medlemmar", "Möten per år"], [1, "operativ", "2017", 4]],
        },
    )
    samverkan_map, report = read_map([path], plugins)
    assert not report.problems
    actor = samverkan_map.actor("2017")
    assert actor.name == "Kävlinge kommun" and actor.aliases == ("42",)
    forum = samverkan_map.forum("1")
    assert forum.members == ("2017",) and forum.cadence_per_year == 4


def test_a_truth_value_is_refused_in_every_column_in_the_users_language(
    run_cli, tmp_path: Path
) -> None:
    """Excel turns a typed TRUE (SANT in Swedish Excel) into a truth value: it was read as
    an actor named 'True' without a word, and refused elsewhere as 'True' är inget antal."""
    path = write_workbook(
        tmp_path / "sant.xlsx",
        {
            "Aktörer": [ACTORS_HEADER, ["x", True, "kommun", None, False, None, None]],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå", "Kontakter per år"], ["x", "x", "operativ", True]],
        },
    )  # fmt: skip
    result = run_cli("validate", path)
    assert result.exit_code == 2
    for where in ("blad Aktörer, rad 2, kolumn B", "blad Aktörer, rad 2, kolumn E", "blad Kontakter, rad 2, kolumn D"):  # fmt: skip
        assert (
            f"sant.xlsx, {where}: cellen innehåller ett sanningsvärde (SANT eller FALSKT)"
            in result.stderr
        )
    assert "True" not in result.stderr and "False" not in result.stderr
    english = run_cli("validate", path, "--lang", "en")
    assert "row 2, column B: the cell holds a truth value (TRUE or FALSE)" in english.stderr


def test_a_required_list_of_separators_only_is_refused_at_its_cell(run_cli, tmp_path: Path) -> None:
    """Members '; ;' made a forum with no members, although Medlemmar must be filled in."""
    path = write_workbook(
        tmp_path / "forum.xlsx",
        {
            "Aktörer": ACTORS,
            "Forum": [["Namn", "Nivå", "Medlemmar"], ["SULK", "strategisk", " ; ;"], ["DUA", "strategisk", "AF;"]],
        },
    )  # fmt: skip
    result = run_cli("validate", path)
    assert result.exit_code == 2
    message = "forum.xlsx, blad Forum, rad 2, kolumn C: 'Medlemmar' innehåller bara avgränsare (;)"
    assert message in result.stderr and "rad 3" not in result.stderr
    assert "(3 importerade, 0 sammanslagna, 1 avvisade)" in result.stderr


def test_a_value_far_outside_the_table_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """One value in XFD1048576 would make calamine build a grid of 17 billion cells."""
    path = contacts_workbook(tmp_path / "k.xlsx", ["Kävlinge kommun", "AF", "operativ"])
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    lonely = rewrite_sheet(
        path,
        tmp_path / "långt.xlsx",
        lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"),
    )
    result = run_in_own_process("validate", lonely)
    assert result.returncode == 2, result.stderr
    assert "långt.xlsx, blad Aktörer: bladets celler når ända till XFD1048576" in result.stderr
    assert "fler än gränsen 5000000" in result.stderr and "Traceback" not in result.stderr


def test_cells_without_references_count_towards_the_grid(tmp_path: Path) -> None:
    """Cells may leave out their reference (r="B2"): calamine then counts on from the row."""
    path = contacts_workbook(tmp_path / "k.xlsx", ["Kävlinge kommun", "AF", "operativ"])
    cells = b"".join(b"<c><v>%d</v></c>" for n in range(6))
    unnamed = rewrite_sheet(
        path,
        tmp_path / "utan.xlsx",
        lambda xml: xml.replace(b"</sheetData>", b"<row>" + cells + b"</row></sheetData>").replace(
            b"<row>", b'<row r="1000000">'
        ),
    )
    result = run_in_own_process("validate", unnamed, "--lang", "en")
    assert result.returncode == 2, result.stderr
    assert "utan.xlsx, sheet Aktörer: the sheet's cells reach as far as " in result.stderr
    assert "1000000, a grid of" in result.stderr


def test_a_note_some_columns_to_the_right_is_read_like_any_unknown_column(
    plugins: Plugins, tmp_path: Path
) -> None:
    path = contacts_workbook(tmp_path / "k.xlsx", ["Kävlinge kommun", "AF", "operativ"])
    note = b'<c r="AZ2" t="inlineStr"><is><t>ring Eva</t></is></c></row>'
    noted = rewrite_sheet(
        path,
        tmp_path / "not.xlsx",
        lambda xml: xml.replace(b"</row>", note, 2).replace(note, b"</row>", 1),
    )
    samverkan_map, report = read_map([noted], plugins)
    assert len(samverkan_map.contacts()) == 1 and report.rows_read == 3
    assert not report.errors


def test_a_dtd_in_any_part_is_refused(run_cli, tmp_path: Path) -> None:
    """calamine expands no entities; a DTD in any part (here the styles, which calamine
    reads on opening) is still refused, with the same words as openpyxl's refusal."""
    path = contacts_workbook(tmp_path / "k.xlsx", ["Kävlinge kommun", "AF", "operativ"])
    bomb = tmp_path / "bomb.xlsx"
    dtd = b'<!DOCTYPE s [<!ENTITY a "aaaaaaaa">]>'
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/styles.xml":
                head, _, body = data.rpartition(b"?>")
                data = head + b"?>" + dtd + body if head else dtd + body
            copy.writestr(item, data)
    result = run_cli("validate", bomb, "--lang", "en")
    assert result.exit_code == 2
    assert "bomb.xlsx: The workbook holds forbidden XML" in result.stderr
