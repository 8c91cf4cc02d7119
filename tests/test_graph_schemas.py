"""The GEXF and GraphML exports are valid files that Gephi, networkx and igraph take as is.

GEXF is validated against the GEXF 1.3 RelaxNG grammar (tests/data/schemas/README.md says
why not the XSD); GraphML against what the GraphML schema requires of ids and keys.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from helpers import (
    GEXF_NS,
    REFERENCE_MAP,
    gexf_errors,
    graphml_errors,
    write_workbook,
)

needs_reference = pytest.mark.skipif(
    not REFERENCE_MAP.is_dir(), reason="the reference map is built elsewhere"
)


def export(run_cli, source: Path, fmt: str, folder: Path, name: str = "karta") -> Path:
    target = folder / f"{name}.{fmt}"
    result = run_cli("export", source, "--format", fmt, "--at", "2017-04-30", "-o", target)
    assert result.exit_code == 0, result.stderr
    return target


def test_gexf_is_valid_against_the_gexf_13_grammar(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    assert gexf_errors(export(run_cli, small_workbook, "gexf", tmp_path)) == []


def test_the_validity_checks_catch_what_they_check(tmp_path: Path) -> None:
    """networkx's own GEXF (graph@name, an xsi attribute) and GraphML ('a>b') fail them."""
    graph = nx.MultiGraph(name="karta")
    graph.add_edge("a b", "c>d", key="a>b", level="x")
    nx.write_gexf(graph, tmp_path / "nx.gexf", version="1.3")
    nx.write_graphml(graph, tmp_path / "nx.graphml")
    assert gexf_errors(tmp_path / "nx.gexf")
    assert {"id 'a b' is no NMTOKEN", "id 'a>b' is no NMTOKEN"} <= set(
        graphml_errors(tmp_path / "nx.graphml")
    )


@needs_reference
def test_reference_map_gexf_keeps_every_contact_apart(run_cli, plugins, tmp_path: Path) -> None:
    from lxml import etree

    from samverkan.pipeline import find_project, read_map

    path = export(run_cli, REFERENCE_MAP, "gexf", tmp_path)
    assert gexf_errors(path) == []
    samverkan_map, _ = read_map(find_project([REFERENCE_MAP]).files, plugins)
    edges = etree.parse(str(path)).getroot().findall(".//g:edge", GEXF_NS)
    ids = {edge.get("id") for edge in edges}
    assert {c.id for c in samverkan_map.contacts()} <= ids
    assert len(ids) == len(edges)
    # Gephi merges edges of one pair and one kind: here no two share both
    pairs = Counter((frozenset((e.get("source"), e.get("target"))), e.get("kind")) for e in edges)
    assert max(pairs.values()) == 1
    parallel = Counter(frozenset((c.actor_a, c.actor_b)) for c in samverkan_map.contacts())
    assert max(parallel.values()) > 1  # the reference map does have parallel contacts
    read = nx.read_gexf(path, version="1.3")
    memberships = sum(len(f.members) for f in samverkan_map.forums())
    assert read.number_of_edges() == len(samverkan_map.contacts()) + memberships


def test_validity_periods_are_spells_on_gephis_timeline(run_cli, tmp_path: Path) -> None:
    from lxml import etree

    source = write_workbook(
        tmp_path / "tid.xlsx",
        {
            "Aktörer": [
                ["Namn", "Typ", "Gäller från", "Gäller till och med"],
                ["Lomma kommun", "kommun", None, None],
                ["AF Kävlinge", "kontor", "2015-01-01", "2016-12-31"],
            ],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå", "Gäller från"],
                ["Lomma kommun", "AF Kävlinge", "operativ", "2015-03-01"],
            ],
        },
    )
    path = export(run_cli, source, "gexf", tmp_path)
    assert gexf_errors(path) == []
    root = etree.parse(str(path)).getroot()
    graph = root.find("g:graph", GEXF_NS)
    assert graph is not None and (graph.get("mode"), graph.get("timeformat")) == (
        "dynamic",
        "date",
    )

    def spells(element: Any) -> list[dict[str, str]]:
        return [dict(s.attrib) for s in element.findall("g:spells/g:spell", GEXF_NS)]

    nodes = {n.get("label"): n for n in root.findall(".//g:node", GEXF_NS)}
    assert spells(nodes["AF Kävlinge"]) == [{"start": "2015-01-01", "end": "2016-12-31"}]
    assert spells(nodes["Lomma kommun"]) == []  # always held: no spell, always shown
    (edge,) = root.findall(".//g:edge", GEXF_NS)
    assert spells(edge) == [{"start": "2015-03-01"}]


def test_gexf_is_the_same_bytes_every_time(run_cli, small_workbook: Path, tmp_path: Path) -> None:
    first = export(run_cli, small_workbook, "gexf", tmp_path, "first").read_bytes()
    second = export(run_cli, small_workbook, "gexf", tmp_path, "second").read_bytes()
    assert first == second


def test_graphml_ids_are_nmtokens_and_igraph_reads_every_edge(
    run_cli, plugins, tmp_path: Path
) -> None:
    import igraph

    source = tmp_path / "ids.json"
    source.write_text(
        '{"schema": "samverkanskartan/1", "actors": ['
        '{"id": "Lomma kommun", "name": "Lomma kommun"}, {"id": "af>lund", "name": "AF"}],'
        ' "contacts": ['
        '{"id": "k 1", "actor_a": "Lomma kommun", "actor_b": "af>lund"},'
        '{"id": "k 2", "actor_a": "Lomma kommun", "actor_b": "af>lund", "level": "strategisk"}'
        "]}",
        encoding="utf-8",
    )
    path = export(run_cli, source, "graphml", tmp_path)
    assert graphml_errors(path) == []
    read = nx.read_graphml(path)
    assert set(read.nodes) == {"Lomma_x0020_kommun", "af_x003E_lund"}
    assert read.nodes["af_x003E_lund"]["label"] == "AF"
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.ecount() == 2 and graph.vcount() == 2
    assert sorted(graph.vs["x"]) == sorted(read.nodes[n]["x"] for n in read.nodes)


@needs_reference
def test_reference_map_graphml_is_valid_and_complete(run_cli, plugins, tmp_path: Path) -> None:
    import igraph

    from samverkan.pipeline import find_project, read_map

    path = export(run_cli, REFERENCE_MAP, "graphml", tmp_path)
    assert graphml_errors(path) == []
    samverkan_map, _ = read_map(find_project([REFERENCE_MAP]).files, plugins)
    memberships = sum(len(f.members) for f in samverkan_map.forums())
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.ecount() == len(samverkan_map.contacts()) + memberships
    assert graph.vcount() == len(samverkan_map.actors()) + len(samverkan_map.forums())
