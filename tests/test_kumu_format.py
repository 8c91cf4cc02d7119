"""The Kumu exports against Kumu's documented import, one test per rule (github.com/kumu/docs):

- guides/import.md: Label in A1 of an element sheet, From and To in A1 and B1 of a
  connection sheet, headers in row 1; several values in one cell joined with ``|``; any
  other column is a custom field; a sheet with ``(ignore)`` in its name is skipped.
- faq/how-do-I-avoid-duplicating-data.md: ID may come first; with IDs on the elements, From
  and To must name IDs, not labels.
- guides/import/blueprints.md: "elements" and "connections" arrays; "tags" a list;
  "direction" one of undirected, directed, mutual; ids for elements that share a label.
- The project export Kumu itself writes (content/snap-to-tutorial-project.json, the sample
  the docs hand out for import): "_id" and "attributes", positions on a map whose nodes are
  pinned, the map listing its connections.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import KUMU_SAMPLES, REFERENCE_MAP

from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.pipeline import find_project, read_map
from samverkan.plugins import Plugins
from samverkan.testing import actor, contact, forum, map_of

DIRECTIONS = {"undirected", "directed", "mutual"}
PROJECT = KUMU_SAMPLES / "snap-to-tutorial-project.json"


def small_map() -> SamverkanMap:
    """Tags, a custom field, Kumu's direction in another case, positions on every element."""
    at = {"x": "10", "y": "20"}
    return map_of(
        actor("Lomma kommun", attributes={"Tags": "Lomma|öresund", "Image": "l.png", **at}),
        actor("Arbetsförmedlingen", attributes=at),
        actor("Arbetsförmedlingen", id="af-2", attributes=at),  # one label, two elements
        forum(
            "DUA Lomma", ["Lomma kommun"], target_groups=("unga vuxna", "nyanlända"), attributes=at
        ),
        contact("lomma-kommun", "arbetsformedlingen", attributes={"Direction": "Mutual"}),
        contact("lomma-kommun", "af-2", target_groups=("unga vuxna", "nyanlända")),
    )


def export(plugins: Plugins, samverkan_map: SamverkanMap, fmt: str, folder: Path) -> Path:
    exporter = plugins.exporter(fmt)
    target = folder / f"kumu{exporter.suffix}"
    exporter.export(Analysis(samverkan_map, [], "sv"), target)
    return target


def sheets(path: Path) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}


def records(rows: list[list[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


@pytest.fixture
def workbook(plugins: Plugins, tmp_path: Path) -> dict[str, list[list[Any]]]:
    return sheets(export(plugins, small_map(), "kumu", tmp_path))


@pytest.fixture
def blueprint(plugins: Plugins, tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        export(plugins, small_map(), "kumu-json", tmp_path).read_text("utf-8")
    )
    return data


def test_element_sheet_has_id_then_label_in_the_first_row(workbook: dict[str, Any]) -> None:
    assert workbook["Elements"][0][:2] == ["ID", "Label"]


def test_connection_sheet_has_id_from_to_in_the_first_row(workbook: dict[str, Any]) -> None:
    assert workbook["Connections"][0][:3] == ["ID", "From", "To"]


def test_from_and_to_name_element_ids(workbook: dict[str, Any], blueprint: dict[str, Any]) -> None:
    ids = {row["ID"] for row in records(workbook["Elements"])}
    assert {"arbetsformedlingen", "af-2"} <= ids  # two elements with one label stay two
    for row in records(workbook["Connections"]):
        assert row["From"] in ids and row["To"] in ids
    json_ids = {e["_id"] for e in blueprint["elements"]}
    assert all({c["from"], c["to"]} <= json_ids for c in blueprint["connections"])


def test_several_values_are_joined_with_a_pipe(workbook: dict[str, Any]) -> None:
    elements = {row["Label"]: row for row in records(workbook["Elements"])}
    assert elements["Lomma kommun"]["Tags"] == "Lomma|öresund"
    assert elements["DUA Lomma"]["Tags"] == "unga vuxna|nyanlända"
    tagged = [row for row in records(workbook["Connections"]) if row["Tags"]]
    assert [row["Tags"] for row in tagged] == ["unga vuxna|nyanlända"]


def test_json_tags_are_a_list(blueprint: dict[str, Any]) -> None:
    by_label = {e["attributes"]["label"]: e["attributes"] for e in blueprint["elements"]}
    assert by_label["Lomma kommun"]["tags"] == ["Lomma", "öresund"]
    assert by_label["DUA Lomma"]["tags"] == ["unga vuxna", "nyanlända"]


def test_direction_is_one_of_kumus_three_words(
    workbook: dict[str, Any], blueprint: dict[str, Any]
) -> None:
    written = [row["Direction"] for row in records(workbook["Connections"])]
    assert set(written) <= DIRECTIONS and "mutual" in written  # "Mutual" in Kumu's spelling
    assert {c["direction"] for c in blueprint["connections"]} <= DIRECTIONS


def test_custom_fields_are_columns_and_keys_of_their_own_name(
    workbook: dict[str, Any], blueprint: dict[str, Any]
) -> None:
    elements = {row["Label"]: row for row in records(workbook["Elements"])}
    assert elements["Lomma kommun"]["Image"] == "l.png"
    by_label = {e["attributes"]["label"]: e["attributes"] for e in blueprint["elements"]}
    assert by_label["Lomma kommun"]["Image"] == "l.png"


def test_sheets_kumu_must_skip_are_marked_ignore(plugins: Plugins, tmp_path: Path) -> None:
    samverkan_map, _ = read_map(find_project([REFERENCE_MAP]).files, plugins)
    titles = list(sheets(export(plugins, samverkan_map, "kumu", tmp_path)))
    assert titles[:2] == ["Elements", "Connections"] and len(titles) > 2
    assert all("(ignore)" in title for title in titles[2:])


def test_positions_are_pinned_on_a_map_that_lists_its_connections(
    blueprint: dict[str, Any],
) -> None:
    (default,) = [m for m in blueprint["maps"] if m["_id"] == blueprint["defaultMap"]]
    assert {n["element"] for n in default["elements"]} == {e["_id"] for e in blueprint["elements"]}
    assert all(n["pinned"] is True for n in default["elements"])
    assert all(n["position"] == {"x": 10.0, "y": 20.0} for n in default["elements"])
    assert sorted(e["connection"] for e in default["connections"]) == sorted(
        c["_id"] for c in blueprint["connections"]
    )


@pytest.mark.skipif(not PROJECT.is_file(), reason="Kumu's samples are elsewhere")
def test_json_uses_only_the_keys_kumus_own_export_uses(plugins: Plugins, tmp_path: Path) -> None:
    """Where the blueprint holds what Kumu's own export holds, it holds it under Kumu's keys."""
    kumu = json.loads(PROJECT.read_text(encoding="utf-8"))
    samverkan_map, _ = read_map([PROJECT], plugins)
    ours = json.loads(export(plugins, samverkan_map, "kumu-json", tmp_path).read_text("utf-8"))
    for key in ("elements", "connections"):
        assert {k for item in ours[key] for k in item} <= {k for item in kumu[key] for k in item}
    for key in ("elements", "connections"):
        kumu_keys = {k for m in kumu["maps"] for item in m[key] for k in item}
        assert {k for m in ours["maps"] for item in m[key] for k in item} == kumu_keys
    assert set(ours) <= set(kumu)  # nothing but Kumu's top-level keys: no empty extras


def test_a_text_spelt_like_an_excel_error_stays_text(plugins: Plugins, tmp_path: Path) -> None:
    """openpyxl types "#DIV/0!" as an error cell; Kumu must get the name, a text cell."""
    from openpyxl import load_workbook

    target = export(plugins, map_of(actor("#DIV/0!"), actor("#N/A")), "kumu", tmp_path)
    cells = [row[1] for row in load_workbook(target)["Elements"].iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [("#DIV/0!", "s"), ("#N/A", "s")]
    again, report = read_map([target], plugins)
    assert not report.errors
    assert sorted(a.name for a in again.actors()) == ["#DIV/0!", "#N/A"]
