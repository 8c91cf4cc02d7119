"""Kumu files as people write them, beyond Kumu's own samples: the variants its guides allow.

Each test is a shape met in the wild (Kumu's import guide, its JSON export, hand-made
sheets) that was once read wrongly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, write_workbook

from samverkan.contract import Analysis
from samverkan.errors import Location
from samverkan.model import ActorKind, Level
from samverkan.pipeline import read_map
from samverkan.plugins import Plugins
from samverkan.testing import CliResult


def test_kumus_own_names_for_type_head_a_sheets_type_column(
    plugins: Plugins, tmp_path: Path
) -> None:
    """Kumu names the field "element type" and "connection type" (its selectors and JSON
    export); a sheet headed with those names is the Type column, as in JSON."""
    path = write_workbook(
        tmp_path / "typed.xlsx",
        {
            "Elements": [["Label", "Element Type"], ["Lomma kommun", "kommun"], ["AF", "agency"]],
            "Connections": [["From", "To", "Connection Type"], ["Lomma kommun", "AF", "Strategic"]],
        },
    )
    samverkan_map, report = read_map([path], plugins)
    assert not report.problems
    kinds = {a.name: a.kind for a in samverkan_map.actors()}
    assert kinds == {"Lomma kommun": ActorKind.MUNICIPALITY, "AF": ActorKind.AGENCY}
    (contact,) = samverkan_map.contacts()
    assert contact.level is Level.STRATEGIC
    assert "Element Type" not in samverkan_map.actors()[0].attributes


def test_loops_in_a_kumu_project_are_said_not_to_be_read(plugins: Plugins, tmp_path: Path) -> None:
    """Kumu's JSON export holds the project's loops; we have no place for them, and a file's
    content is never left out in silence."""
    path = tmp_path / "project.json"
    blueprint = {
        "elements": [
            {"_id": "e1", "attributes": {"label": "Lomma kommun"}},
            {"_id": "e2", "attributes": {"label": "AF"}},
        ],
        "connections": [
            {"_id": "c1", "from": "e1", "to": "e2", "direction": "directed"},
            {"_id": "c2", "from": "e2", "to": "e1", "direction": "directed"},
        ],
        "loops": [
            {"_id": "loop-1", "attributes": {"label": "R1"}, "connections": ["c1", "c2"]},
            {"_id": "loop-2", "attributes": {"label": "R2"}, "connections": ["c2", "c1"]},
        ],
    }
    path.write_text(json.dumps(blueprint), encoding="utf-8")
    samverkan_map, report = read_map([path], plugins)
    assert not report.errors
    assert len(samverkan_map.contacts()) == 2
    (warning,) = report.problems
    assert warning.location == Location("project.json", "loops")
    assert "2 slingor" in warning.describe("sv") and "läser dem inte" in warning.describe("sv")
    assert "2 loops" in warning.describe("en")


def test_csv_files_excel_saved_with_semicolons_are_read(plugins: Plugins, tmp_path: Path) -> None:
    """Excel in Swedish separates a CSV's fields with ';' (the comma is the decimal sign)."""
    elements = tmp_path / "elements.csv"
    elements.write_text(
        'Label;Type;Description\nLomma kommun;kommun;"Vuxna, unga"\nAF;agency;\n',
        encoding="utf-8-sig",
    )
    connections = tmp_path / "connections.csv"
    connections.write_text("From;To;Type\nLomma kommun;AF;Strategic\n", encoding="utf-8")
    samverkan_map, report = read_map([elements, connections], plugins)
    assert not report.problems
    assert samverkan_map.actor("lomma-kommun").description == "Vuxna, unga"
    (contact,) = samverkan_map.contacts()
    assert contact.level is Level.STRATEGIC


def test_csv_excel_saved_in_its_own_code_page_says_to_save_as_utf8(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    """Excel's plain "CSV" is Windows-1252: recognised as Kumu, and told how to save it."""
    path = tmp_path / "elements.csv"
    path.write_bytes("Label;Type\nÅre kommun;kommun\n".encode("cp1252"))
    result = run_cli("validate", str(path))
    assert result.exit_code == 2
    assert "elements.csv: Filen är inte UTF-8. Spara den som 'CSV UTF-8' i Excel." in result.stderr


@pytest.mark.parametrize("order", ["ID first", "ID last"])
def test_an_element_without_id_is_not_merged_into_one_whose_id_is_its_label(
    plugins: Plugins, tmp_path: Path, order: str
) -> None:
    """An ID column with a blank cell: the element's id is made from its label ('a'), which
    another element already has as its own ID. They are two elements, not one."""
    rows = [["a", "Xberga kommun"], [None, "A"]]
    path = write_workbook(
        tmp_path / "ids.xlsx",
        {
            "Elements": [["ID", "Label"], *(rows if order == "ID first" else rows[::-1])],
            "Connections": [["From", "To"], ["Xberga kommun", "Xberga kommun"]],
        },
    )
    samverkan_map, report = read_map([path], plugins)
    assert sorted(a.name for a in samverkan_map.actors()) == ["A", "Xberga kommun"]
    assert not any("alias" in p.describe("en") for p in report.problems)
    (contact,) = samverkan_map.contacts()
    assert contact.actor_a == contact.actor_b == "a"  # its own ID, not taken by A


def test_an_end_that_is_one_elements_id_and_anothers_label_is_an_error_at_its_cell(
    plugins: Plugins, tmp_path: Path
) -> None:
    """'AF' is the ID of the office and the label of the agency: which one the connection
    means cannot be known, so it is not guessed."""
    path = write_workbook(
        tmp_path / "ids.xlsx",
        {
            "Elements": [
                ["ID", "Label"],
                ["AF", "AF:s kontor i Kävlinge"],
                ["af-myndighet", "AF"],
                ["kavlinge", "Kävlinge kommun"],
            ],
            "Connections": [["From", "To"], ["kavlinge", "AF"]],
        },
    )
    samverkan_map, report = read_map([path], plugins)
    (error,) = report.errors
    assert error.location == Location("ids.xlsx", "Connections", 2, "B")
    assert "'AF' är ID för ett element och namnet på ett annat" in error.describe("sv")
    assert samverkan_map.contacts() == []


def test_a_connections_label_goes_through_kumu_json_under_its_own_name(
    plugins: Plugins, tmp_path: Path
) -> None:
    """Kumu's guide lists Label among a connection's columns. We have no label for a contact,
    so it is a custom field, and a custom field keeps its name: 'Label', not 'label'."""
    path = write_workbook(
        tmp_path / "labelled.xlsx",
        {
            "Elements": [["Label"], ["Lomma kommun"], ["AF"]],
            "Connections": [["From", "To", "Label"], ["Lomma kommun", "AF", "samråd"]],
        },
    )
    samverkan_map, _ = read_map([path], plugins)
    target = tmp_path / "again.json"
    plugins.exporter("kumu-json").export(Analysis(samverkan_map, [], "sv"), target)
    (connection,) = json.loads(target.read_text(encoding="utf-8"))["connections"]
    assert connection["attributes"]["Label"] == "samråd"
    again, _ = read_map([target], plugins)
    (contact,) = again.contacts()
    assert contact.attributes["Label"] == "samråd"


def test_a_title_above_the_headers_is_said_and_the_sheet_read(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    """Kumu wants the headers on row 1; a title above them made the file no Kumu file at all,
    and the user was told it lacks the sheets of an interview workbook."""
    path = write_workbook(
        tmp_path / "karta.xlsx",
        {
            "Elements": [
                ["Kartläggning Lomma 2023"],
                ["Label", "Type"],
                ["Lomma kommun", "kommun"],
            ],
            "Connections": [["From", "To"], ["Lomma kommun", "Lomma kommun"]],
        },
    )
    result = run_cli("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert (
        "karta.xlsx, blad Elements, rad 1: rubrikerna står på rad 2, inte på rad 1 där Kumu vill"
        in result.stderr
    )
    assert "1 aktör" in result.stdout


WILD = sorted((ROOT / "tests" / "data" / "kumu").glob("*.json"))


def strip(facts: Any) -> list[Any]:
    return sorted((replace(f, provenance=()) for f in facts), key=lambda f: f.id)


@pytest.mark.parametrize("path", WILD, ids=[p.name for p in WILD])
@pytest.mark.parametrize("fmt", ["kumu", "kumu-json"])
def test_kumu_json_in_the_wild_is_read_whole_and_goes_back_unchanged(
    plugins: Plugins, tmp_path: Path, path: Path, fmt: str
) -> None:
    """Shapes of public Kumu files (tests/data/kumu/README.md): every element, connection
    and custom field is read, and Kumu's format round-trips them without a change."""
    blueprint = json.loads(path.read_text(encoding="utf-8"))
    samverkan_map, report = read_map([path], plugins)
    assert not report.errors
    assert sorted(a.id for a in samverkan_map.actors()) == sorted(
        e["_id"] for e in blueprint["elements"]
    )
    assert sorted(c.id for c in samverkan_map.contacts()) == sorted(
        c["_id"] for c in blueprint["connections"]
    )
    for element in blueprint["elements"]:
        fields = {k for k, v in element.get("attributes", {}).items() if v != ""}
        kept = samverkan_map.actor(element["_id"]).attributes
        ours = {"label", "description", "element type", "type", "tags"}
        assert fields - ours <= set(kept)
    target = tmp_path / f"again.{'json' if fmt == 'kumu-json' else 'xlsx'}"
    plugins.exporter(fmt).export(Analysis(samverkan_map, [], "sv"), target)
    again, again_report = read_map([target], plugins)
    assert not again_report.errors
    for facts in ("actors", "forums", "contacts"):
        assert strip(getattr(again, facts)()) == strip(getattr(samverkan_map, facts)())


def test_a_sheet_with_from_and_to_out_of_place_is_an_error_not_a_map_without_contacts(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    """Kumu reads connections only with From in A1 and To in B1. A sheet with both further
    right was skipped with a warning, and the map was drawn without a single contact."""
    path = write_workbook(
        tmp_path / "karta.xlsx",
        {
            "Elements": [["Label", "Type"], ["Lomma kommun", "kommun"], ["AF", "agency"]],
            "Connections": [["Type", "From", "To"], ["Strategic", "Lomma kommun", "AF"]],
        },
    )
    result = run_cli("map", str(path), "-o", str(tmp_path / "karta.html"))
    assert result.exit_code == 2
    assert "karta.xlsx, blad Connections, rad 1, kolumn B: bladet har rubriken 'From' här" in (
        result.stderr
    )
    assert not (tmp_path / "karta.html").exists()


def test_a_json_from_of_several_elements_is_an_error_saying_so(
    plugins: Plugins, tmp_path: Path
) -> None:
    """Kumu draws one connection From one element To each of several; a list in "from" was
    read as its Python text ("['A', 'B']") and reported as an unknown element of that name."""
    path = tmp_path / "blueprint.json"
    blueprint = {
        "elements": [{"label": "Lomma kommun"}, {"label": "AF"}, {"label": "FK"}],
        "connections": [
            {"from": ["Lomma kommun"], "to": "AF"},
            {"from": ["Lomma kommun", "AF"], "to": "FK"},
        ],
    }
    path.write_text(json.dumps(blueprint), encoding="utf-8")
    samverkan_map, report = read_map([path], plugins)
    (error,) = report.errors
    assert error.location == Location("blueprint.json", "connections", 2, "from")
    assert "From pekar ut ett element, inte flera ('Lomma kommun|AF')" in error.describe("sv")
    (contact,) = samverkan_map.contacts()
    assert {samverkan_map.name(a) for a in contact.pair} == {"Lomma kommun", "AF"}


def test_a_custom_field_keeps_the_time_of_day_excel_gave_it(
    plugins: Plugins, tmp_path: Path
) -> None:
    """A date-and-time cell in a custom field lost its time: 13:30 on 2 January became
    '2020-01-02'. A date alone stays a date."""
    path = write_workbook(
        tmp_path / "times.xlsx",
        {
            "Elements": [
                ["Label", "Möte", "Bildad"],
                ["Lomma kommun", datetime(2020, 1, 2, 13, 30), date(1970, 5, 6)],
                ["AF", datetime(2020, 1, 2, 13, 30, 15), datetime(2020, 1, 2)],
            ]
        },
    )
    samverkan_map, _ = read_map([path], plugins)
    found = {a.name: a.attributes for a in samverkan_map.actors()}
    assert found["Lomma kommun"] == {"Möte": "2020-01-02 13:30", "Bildad": "1970-05-06"}
    assert found["AF"] == {"Möte": "2020-01-02 13:30:15", "Bildad": "2020-01-02"}
