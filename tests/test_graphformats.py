"""GEXF and GraphML: networkx reads back the same nodes, edges and attributes we wrote."""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

import networkx as nx
import pytest
from helpers import REFERENCE_MAP, bilingual
from samverkanskartan.graphformats import attribute_graph

from samverkan.layout import compute_layout
from samverkan.model import ActorKind, Flag, Level, Severity
from samverkan.pipeline import find_project, run_analysis
from samverkan.style import ENDED_COLOR, FORUM_STYLE, KIND_STYLE, LEVEL_STYLE

DAY = date(2017, 4, 30)
READERS = {"gexf": partial(nx.read_gexf, version="1.3"), "graphml": nx.read_graphml}
# What GEXF says in its own markup (Gephi's viz, the timeline's spells), not as attributes.
MARKUP = ("viz", "spells")


class FlagLomma:
    """A test rule: flags Lomma kommun and its contact with AF."""

    id = "test-lomma"
    title = bilingual("Test", "Test")
    severity = Severity.HIGH
    defaults: ClassVar[dict[str, Any]] = {}

    def check(self, context: Any) -> list[Flag]:
        contact = next(c for c in context.map.contacts() if "lomma" in c.pair)
        return [
            Flag(
                rule=self.id,
                severity=self.severity,
                title=self.title,
                explanation=bilingual("Lomma", "Lomma"),
                actors=("lomma",),
                contacts=(contact.id,),
            )
        ]


class FlagPlugin:
    from samverkan import hookimpl

    @hookimpl
    def samverkan_rules(self) -> list[Any]:
        return [FlagLomma()]


def export(run_cli, source: Path, fmt: str, tmp_path: Path, *extra: str) -> nx.MultiGraph:
    target = tmp_path / f"karta.{fmt}"
    result = run_cli(
        "export", source, "--format", fmt, "--at", DAY.isoformat(), "-o", target, *extra
    )
    assert result.exit_code == 0, result.stderr
    return READERS[fmt](target)


def expected(source: Path, plugins: Any, lang: str = "sv") -> nx.MultiGraph:
    analysis, _ = run_analysis(find_project([source]), plugins, lang, DAY)  # type: ignore[arg-type]
    return attribute_graph(analysis)


def node_data(graph: nx.MultiGraph) -> dict[str, dict[str, Any]]:
    return {n: {k: v for k, v in d.items() if k not in MARKUP} for n, d in graph.nodes(data=True)}


def edge_data(graph: nx.Graph) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Edges by (ends, id); networkx reads a file without parallel edges as a simple Graph."""
    if graph.is_multigraph():
        edges = [(u, v, key, d) for u, v, key, d in graph.edges(keys=True, data=True)]
    else:
        edges = [(u, v, d["id"], d) for u, v, d in graph.edges(data=True)]
    return {
        (*sorted((u, v)), key): {k: val for k, val in d.items() if k not in (*MARKUP, "id")}  # type: ignore[misc]
        for u, v, key, d in edges
    }


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_networkx_reads_back_the_same_graph(
    fmt: str, run_cli, plugins, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(FlagPlugin(), "test-flag")
    read = export(run_cli, small_workbook, fmt, tmp_path)
    wanted = expected(small_workbook, plugins)
    assert not read.is_directed()
    assert node_data(read) == node_data(wanted)
    assert edge_data(read) == edge_data(wanted)
    assert set(read.nodes) == {"kavlinge", "lomma", "af", "af-kavlinge", "ksau-lomma"}
    assert len(edge_data(read)) == 4  # two contacts, two forum memberships


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_attributes_a_gephi_user_filters_on(
    fmt: str, run_cli, plugins, register_plugin, small_workbook: Path, tmp_path: Path
) -> None:
    register_plugin(FlagPlugin(), "test-flag")
    graph = export(run_cli, small_workbook, fmt, tmp_path)
    lomma, office, forum = (
        graph.nodes["lomma"],
        graph.nodes["af-kavlinge"],
        graph.nodes["ksau-lomma"],
    )
    assert (lomma["label"], lomma["element"], lomma["type"]) == ("Lomma kommun", "actor", "kommun")
    assert lomma["color"] == KIND_STYLE[ActorKind.MUNICIPALITY][0]
    analysis, _ = run_analysis(find_project([small_workbook]), plugins, "sv", DAY)
    on_lomma = [f for f in analysis.flags if "lomma" in f.actors]
    assert lomma["flag_count"] == len(on_lomma) >= 1
    assert lomma["flags"].split("|") == list(dict.fromkeys(f.rule for f in on_lomma))
    assert "test-lomma" in lomma["flags"].split("|")
    # the office closed on 2017-02-01: ended as of 2017-04-30, and grey like in the HTML map
    assert (office["ended"], office["valid_to"], office["color"]) == (
        True,
        "2017-01-31",
        ENDED_COLOR,
    )
    assert office["organisation"] == "af"
    assert (forum["element"], forum["level"], forum["color"]) == (
        "forum",
        "strategisk",
        FORUM_STYLE[0],
    )
    contacts = [d for _, _, d in graph.edges(data=True) if d["element"] == "contact"]
    strategic = next(d for d in contacts if d["level"] == "strategisk")
    assert strategic["quality"] == 5 and strategic["carriers"] == "Jakob K"
    assert strategic["target_groups"] == "vuxna" and "test-lomma" in strategic["flags"]
    assert strategic["color"] == LEVEL_STYLE[Level.STRATEGIC]["color"]
    operational = next(d for d in contacts if d["level"] == "operativ")
    assert operational["quality"] == 2 and "collaboration" not in operational


def test_positions_are_the_html_maps_layout(
    run_cli, plugins, small_workbook: Path, tmp_path: Path
) -> None:
    analysis, _ = run_analysis(find_project([small_workbook]), plugins, "sv", DAY)
    layout = compute_layout(analysis.map)
    for fmt in ("gexf", "graphml"):
        graph = export(run_cli, small_workbook, fmt, tmp_path)
        for node, (x, y) in layout.items():
            assert graph.nodes[node]["x"] == pytest.approx(x, abs=0.01)
            assert graph.nodes[node]["y"] == pytest.approx(y, abs=0.01)


def test_gexf_carries_gephis_viz_position_and_colour(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    graph = export(run_cli, small_workbook, "gexf", tmp_path)
    lomma = graph.nodes["lomma"]
    assert lomma["viz"]["position"]["x"] == lomma["x"]
    assert lomma["viz"]["position"]["y"] == -lomma["y"]  # GEXF's y axis points up
    assert lomma["viz"]["color"] == {"r": 0x1F, "g": 0x5F, "b": 0xA8, "a": 1.0}
    text = (tmp_path / "karta.gexf").read_text(encoding="utf-8")
    assert 'xmlns:viz="http://gexf.net/1.3/viz"' in text and 'version="1.3"' in text


def test_labels_follow_the_language(run_cli, small_workbook: Path, tmp_path: Path) -> None:
    graph = export(run_cli, small_workbook, "graphml", tmp_path, "--lang", "en")
    assert graph.nodes["lomma"]["type"] == "municipality"
    assert graph.nodes["ksau-lomma"]["level"] == "strategic"


def test_control_characters_do_not_break_the_xml(run_cli, tmp_path: Path) -> None:
    """A workbook cannot hold them, but a JSON file (or another importer's format) can."""
    path = tmp_path / "k.json"
    actor = {"id": "lomma", "name": "Lomma kommun", "description": 'rad\u000bett <&> "två"'}
    path.write_text(
        json.dumps({"schema": "samverkanskartan/1", "actors": [actor]}), encoding="utf-8"
    )
    for fmt in ("gexf", "graphml"):
        graph = export(run_cli, path, fmt, tmp_path)
        assert graph.nodes["lomma"]["description"] == 'radett <&> "två"'


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_the_reference_map_reads_back(fmt: str, run_cli, plugins, tmp_path: Path) -> None:
    read = export(run_cli, REFERENCE_MAP, fmt, tmp_path)
    wanted = expected(REFERENCE_MAP, plugins)
    analysis, _ = run_analysis(find_project([REFERENCE_MAP]), plugins, "sv", DAY)
    summary = analysis.map.summary()
    assert read.number_of_nodes() == summary["actors"] + summary["forums"]
    memberships = sum(len(f.members) for f in analysis.map.forums())
    assert read.number_of_edges() == summary["contacts"] + memberships
    assert node_data(read) == node_data(wanted)
    assert edge_data(read) == edge_data(wanted)
