"""Kumu files as people write them, beyond Kumu's own samples: the variants its guides allow.

Each test is a shape met in the wild (Kumu's import guide, its JSON export, hand-made
sheets) that was once read wrongly.
"""

from __future__ import annotations

from pathlib import Path

from helpers import write_workbook

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
