"""Kumu's own public sample files: Kumu -> Samverkanskartan -> Kumu loses nothing.

The samples (../shared/kumu-samples, copied from github.com/kumu/docs) were written by Kumu
itself: a spreadsheet with Type, Tags and eleven custom fields, and a whole project exported
as JSON with ids, directions and positions on a map.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers import KUMU_SAMPLES, write_workbook

from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.pipeline import read_map
from samverkan.plugins import Plugins

SAMPLES = KUMU_SAMPLES
PAYPAL = SAMPLES / "paypal-mafia.xlsx"
PROJECT = SAMPLES / "snap-to-tutorial-project.json"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="Kumu's samples are elsewhere")


def export(plugins: Plugins, samverkan_map: SamverkanMap, fmt: str, folder: Path) -> Path:
    exporter = plugins.exporter(fmt)
    target = folder / f"again{exporter.suffix}"
    exporter.export(Analysis(samverkan_map, [], "en"), target)
    return target


def sheet_records(path: Path, title: str) -> list[dict[str, str]]:
    """Every row of a sheet as {header: text}, blank cells left out (as Kumu reads them)."""
    from openpyxl import load_workbook

    rows = load_workbook(path, read_only=True)[title].iter_rows(values_only=True)
    headers = [str(h) for h in next(rows)]
    return [
        {h: str(v) for h, v in zip(headers, row, strict=False) if v not in (None, "")}
        for row in rows
    ]


def tag_set(record: dict[str, str]) -> dict[str, Any]:
    """Tags compared as a set: Kumu's 'a|b' is the same as 'b|a'."""
    return {k: set(v.split("|")) if k == "Tags" else v for k, v in record.items()}


KUMU_CONNECTION_COLUMNS = {"From", "To", "Type", "Tags", "Description"}


def connection_key(record: dict[str, str]) -> str:
    return json.dumps({h: record.get(h) for h in sorted(KUMU_CONNECTION_COLUMNS)})


@needs_samples
def test_paypal_workbook_goes_to_kumu_and_back_without_loss(
    plugins: Plugins, tmp_path: Path
) -> None:
    samverkan_map, report = read_map([PAYPAL], plugins)
    assert not report.errors
    assert report.rejected == 0
    again = export(plugins, samverkan_map, "kumu", tmp_path)

    original = sheet_records(PAYPAL, "Elements")
    written = {r["Label"]: r for r in sheet_records(again, "Elements")}
    assert len(written) == len(original) == 34
    for element in original:  # every cell Kumu had, under its own header, with its value
        ours = written[element["Label"]]
        assert tag_set({h: ours.get(h) for h in element}) == tag_set(element)
    assert written["Reid Hoffman"]["Board Affiliations"] == "LinkedIn|Kiva"
    assert written["Dave McClure"]["Net Worth (Billions)"] == "0.001"

    labels = {r["ID"]: r["Label"] for r in written.values()}
    connections = sheet_records(again, "Connections")
    for connection in connections:
        connection["From"], connection["To"] = labels[connection["From"]], labels[connection["To"]]
    # Kumu draws a connection without Direction as directed: the export says so
    assert {c["Direction"] for c in connections} == {"directed"}
    original_connections = sheet_records(PAYPAL, "Connections")
    assert {h for c in original_connections for h in c} <= KUMU_CONNECTION_COLUMNS
    found = Counter(connection_key(c) for c in connections)
    assert found == Counter(connection_key(c) for c in original_connections)
    assert sum(found.values()) == 49


@needs_samples
@pytest.mark.parametrize("fmt", ["kumu", "kumu-json"])
def test_paypal_export_reads_back_as_the_same_map(
    plugins: Plugins, tmp_path: Path, fmt: str
) -> None:
    first, _ = read_map([PAYPAL], plugins)
    second, report = read_map([export(plugins, first, fmt, tmp_path)], plugins)
    assert not report.errors
    assert sorted(a.attributes.items() for a in second.actors()) == sorted(
        a.attributes.items() for a in first.actors()
    )
    assert {c.id: c.attributes for c in second.contacts()} == {
        c.id: c.attributes for c in first.contacts()
    }


@needs_samples
def test_kumu_project_json_goes_to_kumu_and_back_without_loss(
    plugins: Plugins, tmp_path: Path
) -> None:
    project = json.loads(PROJECT.read_text(encoding="utf-8"))
    samverkan_map, report = read_map([PROJECT], plugins)
    assert not report.errors
    assert samverkan_map.title == project["name"]
    again = json.loads(export(plugins, samverkan_map, "kumu-json", tmp_path).read_text("utf-8"))

    written = {e["_id"]: e for e in again["elements"]}
    assert set(written) == {e["_id"] for e in project["elements"]}  # ids are identity
    for element in project["elements"]:
        ours = written[element["_id"]]["attributes"]
        assert {k: ours.get(k) for k in element["attributes"]} == element["attributes"]

    written_connections = {c["_id"]: c for c in again["connections"]}
    assert set(written_connections) == {c["_id"] for c in project["connections"]}
    for connection in project["connections"]:
        ours = written_connections[connection["_id"]]
        assert {k: ours.get(k) for k in connection if k != "attributes"} == {
            k: v for k, v in connection.items() if k != "attributes"
        }
        assert {k: ours["attributes"].get(k) for k in connection["attributes"]} == connection[
            "attributes"
        ]

    def positions(blueprint: dict[str, Any]) -> dict[str, dict[str, float]]:
        (default,) = [m for m in blueprint["maps"] if m["_id"] == blueprint["defaultMap"]]
        return {node["element"]: node["position"] for node in default["elements"]}

    assert positions(again) == positions(project)


@needs_samples
def test_kumu_positions_are_the_maps_layout(plugins: Plugins) -> None:
    from samverkan.layout import compute_layout

    samverkan_map, _ = read_map([PROJECT], plugins)
    layout = compute_layout(samverkan_map)
    new_york = samverkan_map.actor("elem-0UuWEP00")
    assert layout[new_york.id] == (float(new_york.attributes["x"]), float(new_york.attributes["y"]))


def test_two_elements_with_one_label_stay_two_actors(plugins: Plugins, tmp_path: Path) -> None:
    """Kumu's docs: IDs keep apart elements that share a label; ids are identity, not names."""
    path = write_workbook(
        tmp_path / "same-label.xlsx",
        {
            "Elements": [["ID", "Label", "Type"], ["e1", "A", "kommun"], ["e2", "A", "kommun"]],
            "Connections": [["From", "To"], ["e1", "e2"]],
        },
    )
    samverkan_map, report = read_map([path], plugins)
    assert not report.errors
    assert sorted(a.id for a in samverkan_map.actors()) == ["e1", "e2"]
    (contact,) = samverkan_map.contacts()
    assert (contact.actor_a, contact.actor_b) == ("e1", "e2")


def test_connections_only_sheet_creates_its_elements(plugins: Plugins, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "links.xlsx",
        {"Links": [["From", "To", "Direction"], ["Lomma kommun", "AF", "mutual"]]},
    )
    samverkan_map, report = read_map([path], plugins)
    assert not report.errors
    assert sorted(a.name for a in samverkan_map.actors()) == ["AF", "Lomma kommun"]
    (contact,) = samverkan_map.contacts()
    assert contact.attributes == {"Direction": "mutual"}
    assert any("created from the connections" in p.describe("en") for p in report.problems)


def test_blueprint_far_from_the_top_is_claimed(plugins: Plugins, tmp_path: Path) -> None:
    """Kumu's export puts settings first: "elements" may come long after 4,096 bytes."""
    path = tmp_path / "export.json"
    blueprint = {
        "name": "Export",
        "perspectives": [{"style": "x" * 10_000}],
        "elements": [{"_id": "elem-1", "attributes": {"label": "Lomma kommun"}}],
        "connections": [],
    }
    path.write_text(json.dumps(blueprint), encoding="utf-8")
    (first,) = [i for i in plugins.importers() if i.claims(path)][:1]
    assert first.name == "kumu-json"
    samverkan_map, _ = read_map([path], plugins)
    assert samverkan_map.actor("elem-1").name == "Lomma kommun"


def test_text_starting_with_a_dash_is_written_as_typed(plugins: Plugins, tmp_path: Path) -> None:
    from dataclasses import replace

    from openpyxl import load_workbook

    path = write_workbook(
        tmp_path / "e.xlsx", {"Elements": [["Label", "Description"], ["Lomma kommun", "x"]]}
    )
    samverkan_map, _ = read_map([path], plugins)
    lomma = samverkan_map.actors()[0]
    samverkan_map.add(replace(lomma, description="- first point\n+ second @ home"))
    target = export(plugins, samverkan_map, "kumu", tmp_path)
    cell = next(r[3] for r in load_workbook(target)["Elements"].iter_rows(min_row=2))
    assert cell.value == "- first point\n+ second @ home" and cell.data_type == "s"


@pytest.mark.parametrize("fmt", ["kumu", "kumu-json"])
def test_directions_and_loops_go_out_as_they_came_in(
    plugins: Plugins, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "project.json"
    blueprint = {
        "elements": [
            {"_id": "e1", "attributes": {"label": "Lomma kommun"}},
            {"_id": "e2", "attributes": {"label": "AF"}},
        ],
        "connections": [
            {"_id": "c1", "from": "e1", "to": "e1", "direction": "directed"},
            {"_id": "c2", "from": "e1", "to": "e2", "direction": "mutual"},
            {"_id": "c3", "from": "e2", "to": "e1", "direction": "undirected"},
            {"_id": "c4", "from": "e2", "to": "e1"},
        ],
    }
    path.write_text(json.dumps(blueprint), encoding="utf-8")
    samverkan_map, report = read_map([path], plugins)
    assert not report.errors
    again, _ = read_map([export(plugins, samverkan_map, fmt, tmp_path)], plugins)
    found = {c.id: (c.actor_a, c.actor_b, c.attributes.get("Direction")) for c in again.contacts()}
    assert found == {
        "c1": ("e1", "e1", "directed"),  # a loop stays a loop
        "c2": ("e1", "e2", "mutual"),
        "c3": ("e2", "e1", None),  # undirected: as our contacts are
        "c4": ("e2", "e1", "directed"),  # Kumu's default, said out loud
    }


@needs_samples
def test_kumus_own_sample_reads_as_a_few_findings_not_one_per_connection(
    run_cli: Any, tmp_path: Path
) -> None:
    """PayPal's connections have no level (Investor, Employee/Founder): once 47 of its 49
    findings said 'bara operativ samverkan'. What the network's shape says remains."""
    result = run_cli("gaps", PAYPAL, "--all", "--json")
    assert result.exit_code == 0, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) <= 10
    by_rule = Counter(rule for f in findings for rule in f["rules"])
    assert by_rule["operational-without-strategic"] == 1
    assert any(f["title"] == "PayPal håller ihop kartan" for f in findings)
