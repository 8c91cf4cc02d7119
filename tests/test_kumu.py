"""Kumu import and export: Kumu-shaped workbooks, CSV and JSON read; export reads back the same."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import REFERENCE_MAP, write_workbook
from samverkanskartan.kumu import KumuSheetImporter

from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.model import Actor, ActorKind, Contact, Level
from samverkan.pipeline import RunReport, find_project, read_map
from samverkan.plugins import Plugins

MARKDOWN = (
    "**Kommunens** arbetsmarknadsenhet.\n\n- möten 2 ggr/år\n- se "
    "[rapporten](https://example.org/rapport?a=1&b=2)"
)


def kumu_sample(path: Path) -> Path:
    """Shaped like Kumu's public samples: header-recognised sheets, an (ignore) sheet."""
    return write_workbook(
        path,
        {
            "Notes (ignore)": [["Anteckningar"], ["=SUM(A1:A3)"], ["fri text, inget Label"]],
            "People and orgs": [
                ["Label", "Type", "Description", "Tags", "Image"],
                ["Lomma kommun", "kommun", MARKDOWN, "Lomma|öresund", "https://example.org/l.png"],
                ["Arbetsförmedlingen", "agency", "Statlig myndighet", None, None],
                ["DUA Lomma", "Forum", "Delegationen för unga", "unga vuxna|nyanlända", None],
                ["Jeff Mohr", "Person", "Co-founder", None, None],
            ],
            "Links": [
                ["From", "To", "Type", "Direction", "Strength"],
                ["Lomma kommun", "Arbetsförmedlingen", "Strategic", "mutual", 5],
                ["Lomma kommun", "DUA Lomma", None, "directed", None],
                ["Arbetsförmedlingen", "DUA Lomma", None, "directed", None],
                ["Jeff Mohr", "Lomma kommun|Arbetsförmedlingen", "Personal", None, "Strong"],
            ],
        },
    )


def strip(facts: Any) -> list[Any]:
    return sorted((replace(f, provenance=()) for f in facts), key=lambda f: f.id)


def same_map(first: SamverkanMap, second: SamverkanMap) -> None:
    assert strip(second.actors()) == strip(first.actors())
    assert strip(second.forums()) == strip(first.forums())
    assert strip(second.contacts()) == strip(first.contacts())
    for table in ("persons", "target_groups", "sources", "gaps", "events"):
        assert strip(getattr(second, table).values()) == strip(getattr(first, table).values())


def read(plugins: Plugins, *paths: Path) -> tuple[SamverkanMap, RunReport]:
    return read_map(list(paths), plugins)


def messages(report: RunReport) -> list[str]:
    return [p.describe("en") for p in report.problems]


@pytest.mark.parametrize("fmt", ["kumu", "kumu-json"])
def test_export_then_import_gives_the_same_map(
    plugins: Plugins, small_workbook: Path, tmp_path: Path, fmt: str
) -> None:
    original, report = read(plugins, small_workbook)
    assert not report.problems
    exporter = plugins.exporter(fmt)
    target = tmp_path / f"kumu{exporter.suffix}"
    exporter.export(Analysis(original, [], "sv"), target)
    again, report_again = read(plugins, target)
    assert not report_again.errors, messages(report_again)
    same_map(original, again)
    assert again.summary() == original.summary()
    assert report_again.rejected == 0


@pytest.mark.skipif(not REFERENCE_MAP.is_dir(), reason="the reference map is built elsewhere")
@pytest.mark.parametrize("fmt", ["kumu", "kumu-json"])
def test_reference_map_round_trips(plugins: Plugins, tmp_path: Path, fmt: str) -> None:
    project = find_project([REFERENCE_MAP])
    original, _ = read(plugins, *project.files)
    exporter = plugins.exporter(fmt)
    target = tmp_path / f"kumu{exporter.suffix}"
    exporter.export(Analysis(original, [], "sv"), target)
    again, report = read(plugins, target)
    assert not report.errors, messages(report)
    same_map(original, again)


def test_exported_workbook_is_shaped_for_kumu(
    plugins: Plugins, small_workbook: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    original, _ = read(plugins, small_workbook)
    target = tmp_path / "kumu.xlsx"
    plugins.exporter("kumu").export(Analysis(original, [], "en"), target)
    workbook = load_workbook(target)
    elements, connections = workbook["Elements"], workbook["Connections"]
    assert [c.value for c in elements[1][:5]] == ["ID", "Label", "Type", "Description", "Tags"]
    assert [c.value for c in connections[1][:5]] == ["ID", "From", "To", "Type", "Direction"]
    labels = {row[1] for row in elements.iter_rows(min_row=2, values_only=True)}
    assert {"Lomma kommun", "Arbetsförmedlingen", "KSAU Lomma"} <= labels
    directions = {row[4] for row in connections.iter_rows(min_row=2, values_only=True)}
    assert directions <= {"directed", "undirected", "mutual"}
    # everything else Kumu must skip
    others = [ws.title for ws in workbook.worksheets if ws.title not in ("Elements", "Connections")]
    assert others and all("(ignore)" in title for title in others)


def test_text_that_looks_like_a_formula_stays_text(
    plugins: Plugins, small_workbook: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    original, _ = read(plugins, small_workbook)
    lomma = original.actor("lomma")
    original.add(replace(lomma, description='=HYPERLINK("http://evil.example","x")'))
    target = tmp_path / "kumu.xlsx"
    plugins.exporter("kumu").export(Analysis(original, [], "sv"), target)
    cell = next(
        row[3] for row in load_workbook(target)["Elements"].iter_rows() if row[0].value == "lomma"
    )
    assert cell.data_type == "s"
    again, _ = read(plugins, target)
    assert again.actor("lomma").description == '=HYPERLINK("http://evil.example","x")'


def test_kumu_sample_workbook_is_read_by_headers(plugins: Plugins, tmp_path: Path) -> None:
    path = kumu_sample(tmp_path / "sample.xlsx")
    samverkan_map, report = read(plugins, path)
    assert not report.errors, messages(report)
    names = {a.name: a for a in samverkan_map.actors()}
    assert set(names) == {"Lomma kommun", "Arbetsförmedlingen", "Jeff Mohr"}
    assert names["Lomma kommun"].description == MARKDOWN  # Markdown and links kept as written
    assert names["Arbetsförmedlingen"].kind is ActorKind.AGENCY
    assert names["Jeff Mohr"].kind is ActorKind.OTHER
    (forum,) = samverkan_map.forums()
    assert forum.name == "DUA Lomma"
    assert {samverkan_map.name(m) for m in forum.members} == {"Lomma kommun", "Arbetsförmedlingen"}
    assert {samverkan_map.name(g) for g in forum.target_groups} == {"unga vuxna", "nyanlända"}
    contacts = samverkan_map.contacts()
    assert len(contacts) == 3  # one row, and one row with two ends in To
    strategic = [c for c in contacts if c.level is Level.STRATEGIC]
    assert len(strategic) == 1 and strategic[0].quality == 5
    # every row accounted for; the notes sheet is not read at all
    assert report.rows_read == 4 + 4
    assert report.imported == 8
    text = "\n".join(messages(report))
    assert "Notes" not in text
    # Kumu's own columns without a field of ours are kept, under their own names
    assert "Image" not in text
    assert names["Lomma kommun"].attributes["Image"] == "https://example.org/l.png"
    assert names["Lomma kommun"].attributes["Tags"] == "Lomma|öresund"
    assert names["Jeff Mohr"].attributes["Type"] == "Person"
    assert "type 'Person' is not an actor kind" in text
    # Kumu's documented strength "Strong" is a step of the default translation; the word stays
    strong = [c for c in contacts if c.attributes.get("Strength") == "Strong"]
    assert strong and all(c.quality == 4 for c in strong)
    assert "strength 'Strong'" not in text


def test_interview_workbook_still_goes_to_the_workbook_importer(small_workbook: Path) -> None:
    assert not KumuSheetImporter().claims(small_workbook)


def test_kumu_workbook_is_claimed_before_the_workbook_importer(
    plugins: Plugins, tmp_path: Path
) -> None:
    path = kumu_sample(tmp_path / "sample.xlsx")
    first = next(i for i in plugins.importers() if i.claims(path))
    assert first.name == "kumu"


def test_ids_match_connections_and_keep_same_labels_apart(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "ids.xlsx",
        {
            "Elements": [
                ["ID", "Label", "Type"],
                ["af-lund", "AF", "myndighet"],
                ["af-kav", "AF", "kontor"],
                ["kav", "Kävlinge kommun", "kommun"],
            ],
            "Connections": [
                ["ID", "From", "To", "Type"],
                ["c1", "kav", "af-kav", "operativ"],
                ["c2", "kav", "af-lund", "strategisk"],
            ],
        },
    )
    # The importer keeps Kumu's two elements apart (merge later joins actors of one name).
    result = KumuSheetImporter().read(path)
    assert not result.problems
    contacts = {f.id: f for f in result.facts if isinstance(f, Contact)}
    actors = {f.id: f for f in result.facts if isinstance(f, Actor)}
    assert actors["af-kav"].kind is ActorKind.OFFICE
    assert actors["af-lund"].kind is ActorKind.AGENCY
    assert (contacts["c1"].actor_a, contacts["c1"].actor_b) == ("kav", "af-kav")
    assert contacts["c1"].level is Level.OPERATIONAL
    assert contacts["c2"].actor_b == "af-lund" and contacts["c2"].level is Level.STRATEGIC
    assert result.rows_read == 5 and result.rows_rejected == 0


def test_ambiguous_label_asks_for_ids(plugins: Plugins, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "same.xlsx",
        {
            "Elements": [["Label", "Type"], ["Pipeline", "kommun"], ["Pipeline", "kontor"]],
            "Connections": [["From", "To"], ["Pipeline", "Pipeline"]],
        },
    )
    _, report = read(plugins, path)
    assert any(
        "row 2, column A" in m and "label of several elements" in m for m in messages(report)
    )


def test_bad_rows_are_problems_at_their_cells(plugins: Plugins, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bad.xlsx",
        {
            "Elements": [
                ["Label", "Type", "samverkan:valid_from"],
                ["Lomma kommun", "kommun", None],
                [None, "kommun", "2017-01-01"],
                ["AF", "myndighet", "inte ett datum"],
            ],
            "Connections": [
                ["From", "To", "Direction"],
                ["Lomma kommun", "Okänd aktör", "undirected"],
                ["Lomma kommun", None, None],
                ["Lomma kommun", "Lomma kommun", "Directed"],
            ],
        },
    )
    _, report = read(plugins, path)
    text = messages(report)
    assert any("bad.xlsx, sheet Elements, row 3, column A" in m for m in text)
    assert any("sheet Elements, row 4, column C" in m and "not a date" in m for m in text)
    assert any(
        "sheet Connections, row 2, column B" in m and "'Okänd aktör' is not in the map" in m
        for m in text
    )
    assert any("sheet Connections, row 3, column B" in m for m in text)
    assert any("row 4, column C" in m and "lowercase" in m and "Warning" in m for m in text)
    assert report.rows_read == 6
    # empty Label, bad date, missing To in the importer; the unknown end in merge
    assert report.rejected == 4
    assert report.imported == 2


def test_an_unknown_member_is_a_problem_at_its_connection(plugins: Plugins, tmp_path: Path) -> None:
    """A membership is told by a connection row: an unknown member points there, not at the
    forum's element row, even in a project where another file may define the member."""
    path = write_workbook(
        tmp_path / "forum.xlsx",
        {
            "Elements": [
                ["Label", "Type"],
                ["Lomma kommun", "kommun"],
                ["Beredningsgrupp", "forum"],
            ],
            "Connections": [
                ["From", "To", "Type"],
                ["Beredningsgrupp", "Lomma kommun", "member"],
                ["Burlövs kommun", "Beredningsgrupp", "member"],
            ],
        },
    )
    _, report = read(plugins, path)
    [problem] = messages(report)
    assert "forum.xlsx, sheet Connections, row 3, column A" in problem
    assert "'Burlövs kommun' is not in the map" in problem


def test_csv_files_with_pipes_and_bom(plugins: Plugins, tmp_path: Path) -> None:
    elements = tmp_path / "elements.csv"
    elements.write_text(
        'Label,Type,Description\nLomma kommun,kommun,"Rad ett\nrad två"\nAF,myndighet,\n'
        "Lärcentrum,enhet,\n",
        encoding="utf-8-sig",
    )
    connections = tmp_path / "connections.csv"
    connections.write_text(
        "From,To,Type,Tags\nLomma kommun,AF|Lärcentrum,operativ,vuxna|unga vuxna\n",
        encoding="utf-8",
    )
    samverkan_map, report = read(plugins, connections, elements)  # order does not matter
    assert not report.errors, messages(report)
    assert samverkan_map.actor("lomma-kommun").description == "Rad ett\nrad två"
    pairs = {frozenset(samverkan_map.name(a) for a in c.pair) for c in samverkan_map.contacts()}
    assert pairs == {frozenset({"Lomma kommun", "AF"}), frozenset({"Lomma kommun", "Lärcentrum"})}
    assert report.rows_read == 4


def test_csv_that_is_not_kumu_is_not_claimed(tmp_path: Path) -> None:
    other = tmp_path / "kontakter.csv"
    other.write_text("Namn;Telefon\nAnna;123\n", encoding="utf-8")
    assert not KumuSheetImporter().claims(other)


def test_kumu_blueprint_json(plugins: Plugins, tmp_path: Path) -> None:
    path = tmp_path / "blueprint.json"
    blueprint = {
        "elements": [
            {"label": "Lomma kommun", "type": "kommun", "tags": ["Lomma"]},
            {
                "id": "af",
                "label": "AF",
                "type": "myndighet",
                "description": "Se [AF](https://af.se)",
            },
            {"_id": "x1", "attributes": {"label": "DUA", "element type": "forum"}},
            {"type": "kommun"},
        ],
        "connections": [
            {"from": "Lomma kommun", "to": "af", "direction": "mutual", "type": "strategisk"},
            {"from": "af", "to": "x1"},
            {"from": "af", "to": "Nowhere"},
        ],
    }
    path.write_text(json.dumps(blueprint), encoding="utf-8")
    samverkan_map, report = read(plugins, path)
    text = messages(report)
    assert any("blueprint.json, sheet elements, row 4, column label" in m for m in text)
    assert any("sheet connections, row 3, column to" in m for m in text)
    assert samverkan_map.actor("af").description == "Se [AF](https://af.se)"
    assert samverkan_map.forum("x1").members == ("af",)
    (contact,) = samverkan_map.contacts()
    assert contact.level is Level.STRATEGIC
    assert report.rows_read == 7 and report.rejected == 2


def test_formula_without_a_saved_result_is_reported(plugins: Plugins, tmp_path: Path) -> None:
    """openpyxl saves no results: Kumu would see a blank where the author sees a value."""
    path = write_workbook(
        tmp_path / "formulas.xlsx",
        {
            "Elements": [
                ["Label", "Budget"],
                ["Lomma kommun", "=1+1"],
                ["AF", 3],
            ]
        },
    )
    samverkan_map, report = read(plugins, path)
    assert any(
        "sheet Elements, row 2, column B" in m and "no saved result" in m for m in messages(report)
    )
    assert [a.name for a in samverkan_map.actors()] == ["AF"]
    assert samverkan_map.actors()[0].attributes == {"Budget": "3"}
    assert report.rejected == 1


def test_zip_bomb_is_not_read_as_kumu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samverkan import safety

    path = kumu_sample(tmp_path / "sample.xlsx")
    monkeypatch.setattr(safety, "MAX_UNPACKED_BYTES", 1_000)
    assert not KumuSheetImporter().claims(path)  # the workbook importer explains the refusal


def test_one_sheet_with_elements_then_connections(plugins: Plugins, tmp_path: Path) -> None:
    """Kumu's single-sheet layout: elements, a blank row, then From/To and the connections."""
    path = write_workbook(
        tmp_path / "one-sheet.xlsx",
        {
            "Sheet1": [
                ["Label", "Type", "Region"],
                ["Lomma kommun", "kommun", "Skåne"],
                ["AF", "myndighet", None],
                [None, None, None],
                ["From", "To", "Type"],
                ["Lomma kommun", "AF", "strategisk"],
                ["AF", "Lomma kommun", "operativ"],
            ]
        },
    )
    samverkan_map, report = read(plugins, path)
    assert not report.problems, messages(report)
    assert sorted(a.name for a in samverkan_map.actors()) == ["AF", "Lomma kommun"]
    assert samverkan_map.actor("lomma-kommun").attributes == {"Region": "Skåne"}
    contacts = sorted(samverkan_map.contacts(), key=lambda c: c.level.value)
    assert [c.level for c in contacts] == [Level.OPERATIONAL, Level.STRATEGIC]
    assert {c.provenance[0].row for c in contacts} == {6, 7}  # the sheet's own row numbers
    assert report.rows_read == 4
