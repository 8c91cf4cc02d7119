"""A precomputed layout, so that a map opens drawn instead of settling for minutes.

Small maps get a force-directed layout (networkx spring_layout, dense numpy: fine below
~500 nodes). Large maps are laid out by structure in linear time: each organisation is a
cluster, clusters are placed by their mutual contacts, units sit on a sunflower spiral
around their cluster's centre and forums at the centre of their members.
"""

from __future__ import annotations

import math
import zlib
from collections import defaultdict

import networkx as nx

from samverkan.graph import SamverkanMap

Position = tuple[float, float]
SPRING_LIMIT = 400  # above this spring_layout gets slow (quadratic per iteration)
SPACING = 170.0  # pixels between neighbouring nodes: room for a label
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def compute_layout(samverkan_map: SamverkanMap, seed: int = 7) -> dict[str, Position]:
    graph = _layout_graph(samverkan_map)
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() <= SPRING_LIMIT:
        return _spring(graph, seed)
    return _clustered(samverkan_map, graph, seed)


def _layout_graph(samverkan_map: SamverkanMap) -> nx.Graph:
    """Contacts and memberships pull; a unit is pulled hard towards its parent organisation."""
    graph = nx.Graph()
    graph.add_nodes_from(samverkan_map.graph.nodes)
    for a, b in samverkan_map.graph.edges():
        if a != b:
            graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    for actor in samverkan_map.actors():
        if actor.parent and actor.parent != actor.id:
            graph.add_edge(actor.id, actor.parent, weight=3)
    return graph


def _spring(graph: nx.Graph, seed: int) -> dict[str, Position]:
    count = graph.number_of_nodes()
    positions = nx.spring_layout(
        graph, seed=seed, k=2.2 / math.sqrt(count), iterations=120, weight="weight"
    )
    scale = SPACING * math.sqrt(count) / 2
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in positions.items()}


def _clustered(samverkan_map: SamverkanMap, graph: nx.Graph, seed: int) -> dict[str, Position]:
    clusters: dict[str, list[str]] = defaultdict(list)
    actor_ids = [a.id for a in samverkan_map.actors()]
    for actor_id in actor_ids:
        clusters[samverkan_map.organisation(actor_id)].append(actor_id)
    centres = _cluster_centres(samverkan_map, clusters, seed)
    positions: dict[str, Position] = {}
    for root, members in clusters.items():
        cx, cy = centres[root]
        for index, actor_id in enumerate(sorted(members)):
            radius = SPACING * 0.6 * math.sqrt(index)
            angle = index * GOLDEN_ANGLE
            positions[actor_id] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    for forum in samverkan_map.forums():
        points = [positions[m] for m in forum.members if m in positions] or [(0.0, 0.0)]
        x = sum(p[0] for p in points) / len(points)
        y = sum(p[1] for p in points) / len(points)
        jitter = (zlib.crc32(forum.id.encode()) % 1000) / 1000 * SPACING / 2  # stable per run
        positions[forum.id] = (x + jitter, y - jitter)
    for node in graph.nodes:
        positions.setdefault(node, (0.0, 0.0))
    return positions


def _cluster_centres(
    samverkan_map: SamverkanMap, clusters: dict[str, list[str]], seed: int
) -> dict[str, Position]:
    """Clusters placed by their contacts when few enough, else on a spiral by size."""
    radii = {root: SPACING * 0.6 * math.sqrt(len(m)) + SPACING for root, m in clusters.items()}
    ordered = sorted(clusters, key=lambda root: -len(clusters[root]))
    if len(ordered) <= SPRING_LIMIT:
        between = nx.Graph()
        between.add_nodes_from(ordered)
        for contact in samverkan_map.contacts():
            a = samverkan_map.organisation(contact.actor_a)
            b = samverkan_map.organisation(contact.actor_b)
            if a != b:
                weight = between.get_edge_data(a, b, {"weight": 0})["weight"] + 1
                between.add_edge(a, b, weight=weight)
        unit = nx.spring_layout(between, seed=seed, weight="weight")
        spread = 2 * math.sqrt(sum(r * r for r in radii.values()))
        return {root: (float(x) * spread, float(y) * spread) for root, (x, y) in unit.items()}
    centres = {}
    for index, root in enumerate(ordered):
        radius = 2.5 * max(radii.values()) * math.sqrt(index)
        centres[root] = (
            radius * math.cos(index * GOLDEN_ANGLE),
            radius * math.sin(index * GOLDEN_ANGLE),
        )
    return centres
