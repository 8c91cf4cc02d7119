"""Kumu files as people write them, beyond Kumu's own samples: the variants its guides allow.

Each test is a shape met in the wild (Kumu's import guide, its JSON export, hand-made
sheets) that was once read wrongly.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import write_workbook

from samverkan.errors import Location
from samverkan.model import ActorKind, Level
from samverkan.pipeline import read_map
from samverkan.plugins import Plugins


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
