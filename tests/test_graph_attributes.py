"""GEXF and GraphML carry the free attributes a fact holds (Kumu's custom fields, tags,
direction, positions): declared once with a type and a stable id, sorted by name, one value
per element, valid files that networkx and igraph read with every field under its own name."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from helpers import GEXF_NS, GRAPHML_NS, KUMU_SAMPLES, gexf_errors, graphml_errors
from samverkanskartan.graphformats import attribute_graph, gexf_bytes, graphml_bytes

from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.pipeline import read_map
from samverkan.plugins import Plugins
from samverkan.testing import actor, contact, map_of

PAYPAL = KUMU_SAMPLES / "paypal-mafia.xlsx"
PROJECT = KUMU_SAMPLES / "snap-to-tutorial-project.json"
needs_samples = pytest.mark.skipif(not KUMU_SAMPLES.is_dir(), reason="Kumu's samples are elsewhere")
DAY = date(2017, 4, 30)


def write_both(samverkan_map: SamverkanMap, folder: Path) -> tuple[Path, Path]:
    graph = attribute_graph(Analysis(samverkan_map, [], "en", DAY))
    gexf, graphml = folder / "karta.gexf", folder / "karta.graphml"
    gexf.write_bytes(gexf_bytes(graph, samverkan_map.title, DAY))
    graphml.write_bytes(graphml_bytes(graph))
    return gexf, graphml


def graphml_names(path: Path) -> dict[str, str]:
    """attr.name -> the name it stands for (the key's <desc> where it had to be escaped)."""
    from lxml import etree

    keys = etree.parse(str(path)).getroot().findall("g:key", GRAPHML_NS)
    return {k.get("attr.name"): k.findtext("g:desc", k.get("attr.name"), GRAPHML_NS) for k in keys}


def declarations(path: Path, scope: str) -> list[tuple[str, str, str]]:
    """(id, name, type) of the attributes declared for nodes or edges, in file order."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    if path.suffix == ".gexf":
        found = root.find(f".//g:attributes[@class='{scope}']", GEXF_NS)
        return [(a.get("id"), a.get("title"), a.get("type")) for a in found]
    keys = root.findall(f"g:key[@for='{scope}']", GRAPHML_NS)
    return [(k.get("id"), k.get("attr.name"), k.get("attr.type")) for k in keys]


@needs_samples
def test_paypal_custom_fields_arrive_in_gexf_and_graphml_under_their_own_names(
    plugins: Plugins, tmp_path: Path
) -> None:
    samverkan_map, report = read_map([PAYPAL], plugins)
    assert not report.errors
    fields = {name for a in samverkan_map.actors() for name in a.attributes}
    assert {"Net Worth (Billions)", "Board Affiliations", "Image", "Tags", "Type"} <= fields
    gexf, graphml = write_both(samverkan_map, tmp_path)
    assert gexf_errors(gexf) == [] and graphml_errors(graphml) == []
    names = graphml_names(graphml)
    for read, spelled in (
        (nx.read_gexf(gexf, version="1.3"), None),
        (nx.read_graphml(graphml), names),
    ):
        for fact in samverkan_map.actors():
            node = read.nodes[fact.id]
            own = {spelled.get(k, k) if spelled else k: v for k, v in node.items()}
            for name, value in fact.attributes.items():
                assert str(own[name]) == value or float(own[name]) == float(value), name


@needs_samples
def test_kumu_directions_and_positions_arrive_as_edge_and_node_attributes(
    plugins: Plugins, tmp_path: Path
) -> None:
    paypal, _ = read_map([PAYPAL], plugins)  # Kumu's default direction: directed
    read = nx.read_gexf(write_both(paypal, tmp_path)[0], version="1.3")
    edges = {k: d for _, _, k, d in read.edges(keys=True, data=True)}
    assert {edges[c.id]["Direction"] for c in paypal.contacts()} == {"directed"}
    samverkan_map, _ = read_map([PROJECT], plugins)
    gexf, graphml = write_both(samverkan_map, tmp_path)
    assert gexf_errors(gexf) == [] and graphml_errors(graphml) == []
    read = nx.read_gexf(gexf, version="1.3")
    edges = {k: d for _, _, k, d in read.edges(keys=True, data=True)}
    assert {edges[c.id]["reversed"] for c in samverkan_map.contacts()} == {False}  # boolean
    placed = next(a for a in samverkan_map.actors() if "x" in a.attributes)
    # Kumu's position never hides the layout's x: it is "attribute:x", a number
    assert read.nodes[placed.id]["attribute:x"] == pytest.approx(float(placed.attributes["x"]))
    assert isinstance(read.nodes[placed.id]["x"], float)


def small_map(**more: str) -> SamverkanMap:
    """Three actors whose attributes are whole numbers, decimals, booleans and text."""
    return map_of(
        actor("Lomma kommun", attributes={"score": "3", "share": "0.5", "ok": "true", "zeta": "a"}),
        actor(
            "Arbetsförmedlingen", attributes={"score": "12", "share": "2", "ok": "false", **more}
        ),
        actor("Kävlinge kommun", attributes={"Net Worth (Billions)": "1.5", "x": "9"}),
        contact("Lomma kommun", "Arbetsförmedlingen"),
    )


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_free_attributes_are_typed_sorted_after_ours_with_stable_ids(
    tmp_path: Path, suffix: str
) -> None:
    declared = declarations(write(small_map(), tmp_path, suffix), "node")
    names = [name for _, name, _ in declared]
    free = names[names.index("flags") + 1 :]
    assert free == sorted(free) and len(free) == 6
    types = {name: kind for _, name, kind in declared}
    integer = "integer" if suffix == ".gexf" else "int"
    assert types["score"] == integer and types["share"] == "double" and types["ok"] == "boolean"
    assert types["zeta"] == "string" and types["attribute:x"] == integer
    assert len(names) == len(set(names))  # one declaration, so one value, per element
    # a further attribute on another actor changes no id already given
    ids = {name: key for key, name, _ in declared}
    later = declarations(write(small_map(aaa="1"), tmp_path / "again", suffix), "node")
    assert {name: key for key, name, _ in later if name in ids} == ids


def write(samverkan_map: SamverkanMap, folder: Path, suffix: str) -> Path:
    folder.mkdir(exist_ok=True)
    return dict(zip((".gexf", ".graphml"), write_both(samverkan_map, folder), strict=True))[suffix]


def test_graphml_escapes_names_that_are_no_nmtoken_and_igraph_reads_them(tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph")
    _, graphml = write_both(small_map(), tmp_path)
    assert graphml_errors(graphml) == []
    names = graphml_names(graphml)
    assert names["Net_x0020_Worth_x0020__x0028_Billions_x0029_"] == "Net Worth (Billions)"
    graph = igraph.Graph.Read_GraphML(str(graphml))
    vertex = graph.vs.find(id="kavlinge-kommun")
    assert vertex["Net_x0020_Worth_x0020__x0028_Billions_x0029_"] == 1.5
    assert graph.vs.find(id="lomma-kommun")["score"] == 3


def values_of(read: Any, node: str) -> dict[str, Any]:
    return dict(read.nodes[node])


def test_networkx_reads_typed_values(tmp_path: Path) -> None:
    gexf, graphml = write_both(small_map(), tmp_path)
    for read in (nx.read_gexf(gexf, version="1.3"), nx.read_graphml(graphml)):
        lomma = values_of(read, "lomma-kommun")
        assert (lomma["score"], lomma["share"], lomma["ok"], lomma["zeta"]) == (3, 0.5, True, "a")
        assert "zeta" not in values_of(read, "arbetsformedlingen")  # no value, none written
