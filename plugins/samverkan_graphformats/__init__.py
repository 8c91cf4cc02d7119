"""Built-in plugin: GEXF (Gephi) and GraphML (Cytoscape, yEd, Gephi) exports.

Our MultiGraph holds fact objects, which no graph format can store; we build a clean
attribute graph of strings and numbers (`attribute_graph`) and let networkx write it, so
`networkx.read_gexf`/`read_graphml` give back the same nodes, edges and attributes.
Positions are the HTML map's layout and colours its legend, so the picture in Gephi is the
picture the steering group saw.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from samverkan import hookimpl
from samverkan.contract import Analysis, Exporter
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg
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
            key = f"{forum.id}>{member}"
            graph.add_edge(forum.id, member, key=key, **_member(forum, lang, day))
    return graph


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
        "type": Msg("forum", "forum").text(lang),
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
        "target_groups": writable("|".join(samverkan_map.name(g) for g in contact.target_groups)),
        "carriers": writable("|".join(samverkan_map.name(p) for p in contact.carriers)),
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


def with_viz(graph: nx.MultiGraph) -> nx.MultiGraph:
    """A copy with GEXF's viz position, colour and size, which Gephi draws at once.

    GEXF's y axis points up, the HTML map's down: y is mirrored so the picture is the same.
    """
    copy = graph.copy()
    for _, data in copy.nodes(data=True):
        data["viz"] = {
            "position": {"x": data["x"], "y": -data["y"], "z": 0.0},
            "color": {**rgb(data["color"]), "a": 1.0},
            "size": data["size"],
        }
    for _, _, key, data in copy.edges(keys=True, data=True):
        data["id"] = key  # GEXF edge ids: the contact ids, not 0, 1, 2 …
        data["viz"] = {"color": {**rgb(data["color"]), "a": 1.0}}
    return copy


def gexf_bytes(graph: nx.MultiGraph, day: date | None = None) -> bytes:
    """GEXF with `output_time(day)` as its last-modified date (networkx writes today's)."""
    stream = io.BytesIO()
    nx.write_gexf(with_viz(graph), stream)
    stamp = output_time(day).strftime("%Y-%m-%d").encode()
    return re.sub(
        rb'lastmodifieddate="[^"]*"',
        b'lastmodifieddate="' + stamp + b'"',
        stream.getvalue(),
        count=1,
    )


def graphml_bytes(graph: nx.MultiGraph) -> bytes:
    stream = io.BytesIO()
    nx.write_graphml(graph, stream)
    return stream.getvalue()


class GexfExporter:
    format = "gexf"
    suffix = ".gexf"
    description = Msg(
        "Graf för Gephi (GEXF) med typer, nivåer, flaggor, positioner och färger",
        "Graph for Gephi (GEXF) with kinds, levels, flags, positions and colours",
    )

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, gexf_bytes(attribute_graph(analysis), analysis.day))


class GraphmlExporter:
    format = "graphml"
    suffix = ".graphml"
    description = Msg(
        "Graf för Cytoscape, yEd och Gephi (GraphML) med samma attribut",
        "Graph for Cytoscape, yEd and Gephi (GraphML) with the same attributes",
    )

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, graphml_bytes(attribute_graph(analysis)))


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [GexfExporter(), GraphmlExporter()]
