"""The precomputed layout: readable small maps, linear-time national maps."""

from __future__ import annotations

import math
import statistics
from typing import Any

import pytest
from helpers.maps import national_map, reference_like_map

from samverkan import layout
from samverkan.graph import SamverkanMap
from samverkan.layout import SPRING_LIMIT, compute_layout, label_box, organisations, separate
from samverkan.model import Actor, ActorKind


def test_small_map_labels_do_not_overlap_and_related_nodes_sit_together() -> None:
    samverkan_map = reference_like_map()
    positions = compute_layout(samverkan_map)
    assert set(positions) == set(samverkan_map.graph.nodes)
    boxes = {n: label_box(samverkan_map.name(n)) for n in positions}
    for a in positions:
        for b in positions:
            if a < b:
                (ax, ay), (bx, by) = positions[a], positions[b]
                ba, bb = boxes[a], boxes[b]
                assert not (
                    ax + ba[0] < bx + bb[2]
                    and bx + bb[0] < ax + ba[2]
                    and ay + ba[1] < by + bb[3]
                    and by + bb[1] < ay + ba[3]
                ), (a, b)
    typical = statistics.median(
        math.dist(p, q) for p in positions.values() for q in positions.values() if p != q
    )
    for forum in samverkan_map.forums():
        members = [positions[m] for m in forum.members]
        centre = (
            sum(p[0] for p in members) / len(members),
            sum(p[1] for p in members) / len(members),
        )
        assert math.dist(positions[forum.id], centre) < typical / 2, forum.name
    for actor in samverkan_map.actors():
        if actor.parent:
            assert math.dist(positions[actor.id], positions[actor.parent]) < typical, actor.name


def test_separate_pushes_overlapping_boxes_apart() -> None:
    positions = {"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (5.0, 3.0)}
    boxes = {n: (-50.0, -10.0, 50.0, 30.0) for n in positions}
    apart = separate(positions, boxes)
    for a in apart:
        for b in apart:
            if a < b:
                dx = abs(apart[a][0] - apart[b][0])
                dy = abs(apart[a][1] - apart[b][1])
                assert dx >= 100 + 2 * layout.MARGIN or dy >= 40 + 2 * layout.MARGIN


def test_long_names_wrap_into_taller_boxes() -> None:
    short, long = label_box("SULK"), label_box("AF sektioner för arbetslivsinriktad rehabilitering")
    assert long[3] > short[3]  # more lines
    assert (
        long[2] - long[0]
        <= max(layout.LABEL_WIDTH, len("arbetslivsinriktad") * layout.CHAR_WIDTH) + 1
    )


def test_large_map_is_laid_out_by_structure_without_spring_on_all_nodes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sizes: list[int] = []
    real = layout.nx.spring_layout

    def recording(graph: Any, *args: Any, **kwargs: Any) -> Any:
        sizes.append(graph.number_of_nodes())
        return real(graph, *args, **kwargs)

    monkeypatch.setattr(layout.nx, "spring_layout", recording)
    samverkan_map = national_map(3000)
    positions = compute_layout(samverkan_map)
    assert set(positions) == set(samverkan_map.graph.nodes)
    assert sizes and max(sizes) <= SPRING_LIMIT  # only the clusters, never the 3,000 actors
    # Forums at the centre of their members (a stable nudge of at most SPACING / 2).
    for forum in samverkan_map.forums():
        members = [positions[m] for m in forum.members]
        centre = (
            sum(p[0] for p in members) / len(members),
            sum(p[1] for p in members) / len(members),
        )
        assert math.dist(positions[forum.id], centre) <= layout.SPACING / 2 * math.sqrt(2) + 1e-6
    # A place's actors are together: a unit is nearer its own kommun than the average kommun.
    kommuner = [a.id for a in samverkan_map.actors() if a.kind is ActorKind.MUNICIPALITY]
    units = [a for a in samverkan_map.actors() if a.kind is ActorKind.UNIT][:200]
    for unit in units:
        own = math.dist(positions[unit.id], positions[unit.parent or ""])
        average = statistics.mean(math.dist(positions[unit.id], positions[k]) for k in kommuner)
        assert own < average


def test_organisations_follow_parent_chains_and_survive_cycles() -> None:
    samverkan_map = SamverkanMap()
    samverkan_map.add(Actor(id="af", name="AF"))
    samverkan_map.add(Actor(id="region", name="AF Skåne", parent="af"))
    samverkan_map.add(Actor(id="office", name="AF Kävlinge", parent="region"))
    samverkan_map.add(Actor(id="x", name="X", parent="y"))
    samverkan_map.add(Actor(id="y", name="Y", parent="x"))
    roots = organisations(samverkan_map)
    assert roots["office"] == roots["region"] == roots["af"] == "af"
    assert roots["x"] in ("x", "y") and roots["y"] == roots["x"]
