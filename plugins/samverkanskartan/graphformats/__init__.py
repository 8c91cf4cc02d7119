"""Built-in plugin: GEXF (Gephi) and GraphML (Cytoscape, yEd, Gephi) exports.

Our MultiGraph holds fact objects, which no graph format can store; we build a clean
attribute graph of strings and numbers (`attribute_graph`) and let networkx write it, so
`networkx.read_gexf`/`read_graphml` give back the same nodes, edges and attributes.
Positions are the HTML map's layout and colours its legend, so the picture in Gephi is the
picture the steering group saw.

The free attributes a fact holds (a Kumu custom field, tags, direction, a position) travel
too, under their own names (`free_attributes`): typed by their values over all elements of a
class (integer, double, boolean or string), declared after ours and sorted by name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx

from samverkan import hookimpl
from samverkan.contract import Analysis, Exporter
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _
from samverkan.io import atomic_write
from samverkan.layout import compute_layout
from samverkan.model import Actor, Contact, Fact, Flag, Forum, Period
from samverkan.reproducible import output_time
from samverkan.safety import writable
from samverkan.style import (
    ACTOR_SIZE,
    ENDED_COLOR,
    FORUM_SIZE,
    FORUM_STYLE,
    KIND_STYLE,
    LEVEL_STYLE,
    MEMBER_STYLE,
)


def attribute_graph(analysis: Analysis) -> nx.MultiGraph:
    """The map as a MultiGraph whose attributes are only strings, numbers and booleans."""
    samverkan_map, lang = analysis.map, analysis.lang
    day = analysis.day or date.today()
    positions = compute_layout(samverkan_map)
    flags = _flags_by_element(analysis.flags)
    graph = nx.MultiGraph(name=writable(samverkan_map.title))
    for actor in samverkan_map.actors():
        graph.add_node(actor.id, **_actor(actor, samverkan_map, lang, day))
    for forum in samverkan_map.forums():
        graph.add_node(forum.id, **_forum(forum, lang, day))
    for node, data in graph.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        data.update(x=round(x, 2), y=round(y, 2), **_flag_attributes(flags.get(node, [])))
    for contact in samverkan_map.contacts():
        data = _contact(contact, samverkan_map, lang, day)
        data.update(_flag_attributes(flags.get(contact.id, [])))
        graph.add_edge(contact.actor_a, contact.actor_b, key=contact.id, **data)
    for forum in samverkan_map.forums():
        for member in forum.members:
            key = f"{forum.id}--{member}"  # as the Kumu export names the connection
            graph.add_edge(forum.id, member, key=key, **_member(forum, lang, day))
    nodes = [*samverkan_map.actors(), *samverkan_map.forums()]
    _add_free((graph.nodes[f.id], f.attributes) for f in nodes)
    contacts = samverkan_map.contacts()
    _add_free((graph.edges[c.actor_a, c.actor_b, c.id], c.attributes) for c in contacts)
    return graph


# Our own attribute names. A free attribute of the same name is written as "attribute:<name>",
# so that it never hides one of ours (a Kumu position "x" beside the layout's x).
OURS = frozenset(
    [
        "label",
        "element",
        "type",
        "level",
        "municipality",
        "parent",
        "organisation",
        "color",
        "size",
        "valid_from",
        "valid_to",
        "ended",
        "description",
        "x",
        "y",
        "flag_count",
        "flags",
        "target_groups",
        "carriers",
        "forum",
        "quality",
        "collaboration",
        "frequency_per_year",
    ]
)
FREE_PREFIX = "attribute:"
INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,8})")  # fits GraphML's and Gephi's 32-bit int
DOUBLE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
BOOLEAN = ("true", "false")


def free_name(name: str) -> str:
    """The name a free attribute is written under."""
    return FREE_PREFIX + name if name in OURS or name.startswith(FREE_PREFIX) else name


def _add_free(elements: Iterable[tuple[dict[str, Any], dict[str, str]]]) -> None:
    """Each element's free attributes, typed alike over all elements of its class."""
    pairs = list(elements)
    values: dict[str, list[str]] = defaultdict(list)
    for __, attributes in pairs:
        for name, value in attributes.items():
            values[name].append(value)
    typed = {name: _type_of(found) for name, found in values.items()}
    for data, attributes in pairs:
        for name in sorted(attributes):
            data[free_name(name)] = typed[name](attributes[name])


def _type_of(values: list[str]) -> Callable[[str], Any]:
    """One type for an attribute: the narrowest every value of it fits."""
    if all(v in BOOLEAN for v in values):
        return lambda v: v == "true"
    if all(INTEGER.fullmatch(v) for v in values):
        return int
    if all(DOUBLE.fullmatch(v) for v in values):
        return float
    return writable


def declared(
    records: Iterable[dict[str, Any]], skip: tuple[str, ...] = ()
) -> list[tuple[str, type]]:
    """(name, type) of every attribute: ours in the order the records give them, then the
    free ones sorted by name, so that the same map declares the same attributes."""
    found: dict[str, type] = {}
    for record in records:
        for name, value in record.items():
            if name not in skip:
                found.setdefault(name, type(value))
    ours = [(n, t) for n, t in found.items() if n in OURS]
    return ours + sorted((n, t) for n, t in found.items() if n not in OURS)


def _common(fact: Fact, day: date) -> dict[str, Any]:
    """Validity as ISO dates ('' when open: the formats have no null) and whether it ended."""
    return {
        "valid_from": _iso(fact.valid.start),
        "valid_to": _iso(fact.valid.end),
        "ended": _ended(fact.valid, day),
        "description": writable(fact.description),
    }


def _actor(actor: Actor, samverkan_map: SamverkanMap, lang: Lang, day: date) -> dict[str, Any]:
    return {
        "label": writable(actor.name),
        "element": "actor",
        "type": actor.kind.label(lang),
        "level": "",
        "municipality": writable(actor.municipality),
        "parent": writable(actor.parent or ""),
        "organisation": writable(samverkan_map.organisation(actor.id)),
        "color": ENDED_COLOR if _ended(actor.valid, day) else KIND_STYLE[actor.kind][0],
        "size": ACTOR_SIZE,
        **_common(actor, day),
    }


def _forum(forum: Forum, lang: Lang, day: date) -> dict[str, Any]:
    return {
        "label": writable(forum.name),
        "element": "forum",
        "type": _("forum").text(lang),
        "level": forum.level.label(lang),
        "municipality": writable(forum.municipality),
        "parent": "",
        "organisation": "",
        "color": ENDED_COLOR if _ended(forum.valid, day) else FORUM_STYLE[0],
        "size": FORUM_SIZE,
        **_common(forum, day),
    }


def _contact(
    contact: Contact, samverkan_map: SamverkanMap, lang: Lang, day: date
) -> dict[str, Any]:
    ended = _ended(contact.valid, day)
    data: dict[str, Any] = {
        "label": writable(
            f"{samverkan_map.name(contact.actor_a)} – {samverkan_map.name(contact.actor_b)}"
        ),
        "element": "contact",
        "level": contact.level.label(lang),
        "target_groups": writable(
            "|".join(samverkan_map.group_name(g) for g in contact.target_groups)
        ),
        "carriers": writable("|".join(samverkan_map.person_name(p) for p in contact.carriers)),
        "forum": writable(contact.forum or ""),
        "color": ENDED_COLOR if ended else LEVEL_STYLE[contact.level]["color"],
        **_common(contact, day),
    }
    # Unknown numbers are left out rather than written as 0, which would be a (bad) rating.
    if contact.quality is not None:
        data["quality"] = contact.quality
    if contact.collaboration is not None:
        data["collaboration"] = contact.collaboration
    if contact.frequency_per_year is not None:
        data["frequency_per_year"] = float(contact.frequency_per_year)
    return data


def _member(forum: Forum, lang: Lang, day: date) -> dict[str, Any]:
    ended = _ended(forum.valid, day)
    return {
        "label": "",
        "element": "member",
        "level": forum.level.label(lang),
        "color": ENDED_COLOR if ended else MEMBER_STYLE["color"],
        "valid_from": _iso(forum.valid.start),  # a membership holds while its forum does
        "valid_to": _iso(forum.valid.end),
        "ended": ended,
        "flag_count": 0,
        "flags": "",
    }


def _flags_by_element(flags: list[Flag]) -> dict[str, list[Flag]]:
    found: dict[str, list[Flag]] = defaultdict(list)
    for flag in flags:
        for element in dict.fromkeys((*flag.actors, *flag.contacts, *flag.forums)):
            found[element].append(flag)
    return found


def _flag_attributes(flags: list[Flag]) -> dict[str, Any]:
    """How many flags touch the element, and their rule ids ('single-carrier|bridge')."""
    return {"flag_count": len(flags), "flags": "|".join(dict.fromkeys(f.rule for f in flags))}


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _ended(period: Period, day: date) -> bool:
    return period.end is not None and period.end < day


def rgb(color: str) -> dict[str, int]:
    """'#1f5fa8' -> {'r': 31, 'g': 95, 'b': 168}."""
    value = color.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16)}


# --- GEXF 1.3 -----------------------------------------------------------------------------
#
# Written by hand rather than by networkx: networkx writes graph@name (not in the schema),
# today's date (not the same bytes twice), no edge kind and no spells.

GEXF = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
# Data GEXF holds in its own markup, not repeated as an attribute value.
GEXF_MARKUP = ("label",)


def gexf_bytes(graph: nx.MultiGraph, title: str, day: date | None = None) -> bytes:
    """GEXF 1.3 in dynamic mode: every contact its own edge (an id and a kind of its own
    among the edges of its pair, so Gephi's import merges none), validity as spells so that
    Gephi's timeline works, and Gephi's viz position, colour and size."""
    ET.register_namespace("", GEXF)
    ET.register_namespace("viz", VIZ)
    root = ET.Element(f"{{{GEXF}}}gexf", version="1.3")
    # The date a reader sees as "last modified": SOURCE_DATE_EPOCH or the analysis day,
    # never the clock, so the same map gives the same bytes.
    stamp = output_time(day).strftime("%Y-%m-%d")
    meta = ET.SubElement(root, f"{{{GEXF}}}meta", lastmodifieddate=stamp)
    ET.SubElement(meta, f"{{{GEXF}}}creator").text = "Samverkanskartan"
    if title:
        ET.SubElement(meta, f"{{{GEXF}}}description").text = writable(title)
    graph_element = ET.SubElement(
        root, f"{{{GEXF}}}graph", defaultedgetype="undirected", mode="dynamic", timeformat="date"
    )
    nodes = [(n, d) for n, d in graph.nodes(data=True)]
    edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)]
    _gexf_attributes(graph_element, "node", [d for _, d in nodes])
    _gexf_attributes(graph_element, "edge", [d for *_, d in edges])
    node_list = ET.SubElement(graph_element, f"{{{GEXF}}}nodes", count=str(len(nodes)))
    for node, data in nodes:
        element = ET.SubElement(node_list, f"{{{GEXF}}}node", id=node, label=data["label"])
        _gexf_content(element, data)
        ET.SubElement(element, f"{{{VIZ}}}color", _rgba(data["color"]))
        position = {"x": str(data["x"]), "y": str(-data["y"]), "z": "0.0"}
        ET.SubElement(element, f"{{{VIZ}}}position", position)
        ET.SubElement(element, f"{{{VIZ}}}size", value=str(data["size"]))
    edge_list = ET.SubElement(graph_element, f"{{{GEXF}}}edges", count=str(len(edges)))
    for (source, target, key, data), kind in zip(edges, edge_kinds(edges), strict=True):
        attributes = {"id": key, "source": source, "target": target, "kind": kind}
        attributes["label"] = data["label"]
        element = ET.SubElement(edge_list, f"{{{GEXF}}}edge", attributes)
        _gexf_content(element, data)
        ET.SubElement(element, f"{{{VIZ}}}color", _rgba(data["color"]))
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def edge_kinds(edges: list[tuple[str, str, str, dict[str, Any]]]) -> list[str]:
    """Each edge's kind: its level (or 'member'), numbered where one pair has several of a
    kind ('operativ', 'operativ 2'), in id order, so that the same map gives the same kinds."""
    seen: dict[tuple[frozenset[str], str], list[str]] = defaultdict(list)
    for source, target, key, data in sorted(edges, key=lambda e: e[2]):
        seen[(frozenset((source, target)), _kind(data))].append(key)
    number = {key: index for keys in seen.values() for index, key in enumerate(keys, start=1)}
    return [
        _kind(data) + (f" {number[key]}" if number[key] > 1 else "") for _, _, key, data in edges
    ]


def _kind(data: dict[str, Any]) -> str:
    return str(data["level"] if data["element"] == "contact" else data["element"])


def _gexf_attributes(graph_element: Any, for_class: str, records: list[dict[str, Any]]) -> None:
    element = ET.SubElement(graph_element, f"{{{GEXF}}}attributes", {"class": for_class})
    for name, kind in declared(records, GEXF_MARKUP):
        attributes = {"id": name, "title": name, "type": GEXF_TYPES[kind]}
        ET.SubElement(element, f"{{{GEXF}}}attribute", attributes)


def _gexf_content(element: Any, data: dict[str, Any]) -> None:
    """Attribute values, then the validity as a spell (none for what always held)."""
    values = ET.SubElement(element, f"{{{GEXF}}}attvalues")
    for name, value in data.items():
        if name not in GEXF_MARKUP:
            text = str(value).lower() if isinstance(value, bool) else str(value)
            ET.SubElement(values, f"{{{GEXF}}}attvalue", {"for": name, "value": text})
    start, end = data.get("valid_from", ""), data.get("valid_to", "")
    if start or end:
        spells = ET.SubElement(element, f"{{{GEXF}}}spells")
        bounds = {k: v for k, v in (("start", start), ("end", end)) if v}
        ET.SubElement(spells, f"{{{GEXF}}}spell", bounds)


def _rgba(color: str) -> dict[str, str]:
    return {**{k: str(v) for k, v in rgb(color).items()}, "a": "1.0"}


# --- GraphML ------------------------------------------------------------------------------

# What an XML NMTOKEN (GraphML's type for ids) may hold: name characters, no spaces or '>'.
NOT_IN_NMTOKEN = re.compile(r"[^\w.\-:\u00b7]")


def nmtoken(text: str) -> str:
    """`text` as a GraphML id: other characters written as _xHHHH_, as XML names escape them."""
    return NOT_IN_NMTOKEN.sub(lambda m: f"_x{ord(m[0]):04X}_", text) or "_"


GRAPHML = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_TYPES = {bool: "boolean", int: "int", float: "double", str: "string"}


def graphml_bytes(graph: nx.MultiGraph) -> bytes:
    """GraphML whose ids and attribute names are NMTOKENs, as the GraphML schema asks: a name
    that is none is written _xHHHH_-escaped, with the name itself as the key's <desc>. Keys
    have stable ids ("n.label", "e.level"), ours first, then the free attributes sorted by name."""
    ET.register_namespace("", GRAPHML)
    root = ET.Element(f"{{{GRAPHML}}}graphml")
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    scopes = {"graph": [graph.graph], "node": [d for _, d in nodes], "edge": [d for *_, d in edges]}
    ids: dict[str, dict[str, str]] = {}  # scope -> name -> key id, worked out once
    for scope, records in scopes.items():
        ids[scope] = {}
        for name, kind in declared(records):
            ids[scope][name] = f"{scope[0]}.{nmtoken(name)}"
            key = ET.SubElement(
                root,
                f"{{{GRAPHML}}}key",
                {
                    "id": ids[scope][name],
                    "for": scope,
                    "attr.name": nmtoken(name),
                    "attr.type": GRAPHML_TYPES[kind],
                },
            )
            if nmtoken(name) != name:
                ET.SubElement(key, f"{{{GRAPHML}}}desc").text = writable(name)
    body = ET.SubElement(root, f"{{{GRAPHML}}}graph", edgedefault="undirected")
    _graphml_data(body, ids["graph"], graph.graph)
    node_ids = {node: nmtoken(node) for node, _ in nodes}
    for node, data in nodes:
        element = ET.SubElement(body, f"{{{GRAPHML}}}node", id=node_ids[node])
        _graphml_data(element, ids["node"], data)
    for source, target, key, data in edges:
        ends = {"id": nmtoken(key), "source": node_ids[source], "target": node_ids[target]}
        _graphml_data(ET.SubElement(body, f"{{{GRAPHML}}}edge", ends), ids["edge"], data)
    ET.indent(root, space=" ")  # a million data lines: one space each is enough
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _graphml_data(element: Any, ids: dict[str, str], data: dict[str, Any]) -> None:
    for name, value in data.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        ET.SubElement(element, f"{{{GRAPHML}}}data", key=ids[name]).text = text


class GexfExporter:
    format = "gexf"
    suffix = ".gexf"
    description = _("Graph for Gephi (GEXF) with kinds, levels, flags, positions and colours")

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(
            target, gexf_bytes(attribute_graph(analysis), analysis.map.title, analysis.day)
        )


class GraphmlExporter:
    format = "graphml"
    suffix = ".graphml"
    description = _("Graph for Cytoscape, yEd and Gephi (GraphML) with the same attributes")

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, graphml_bytes(attribute_graph(analysis)))


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [GexfExporter(), GraphmlExporter()]
