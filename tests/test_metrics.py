"""Degree, betweenness, brokerage, density and summaries of a map."""

from __future__ import annotations

import networkx as nx
import pytest
from helpers.rules import DAY, actor, base_actors, build, contact, forum

from samverkan import metrics as metrics_module
from samverkan.contract import RuleContext
from samverkan.metrics import metrics_of
from samverkan.model import Severity


def star_map():
    """AF in the middle of two municipalities that do not meet; Lomma's unit meets Lomma."""
    return build(
        *base_actors(),
        actor("lomma-unit", "Socialtjänsten Lomma", parent="lomma", municipality="Lomma"),
        contact("k", "kavlinge", "af-kavlinge", "strategisk"),
        contact("l", "lomma", "af"),
        contact("l2", "lomma", "af"),
        contact("u", "lomma-unit", "lomma"),
        forum("f", ("kavlinge", "lomma"), municipality="Kävlinge"),
    )


def test_degree_counts_partners_not_contacts_and_forums_separately() -> None:
    metrics = metrics_of(star_map())
    assert metrics.degree["lomma"] == 2  # AF (two contacts) and its own unit
    assert metrics.forum_count["kavlinge"] == 1 and metrics.forum_count["af"] == 0


def test_betweenness_matches_networkx_exactly_on_small_maps() -> None:
    metrics = metrics_of(star_map())
    expected = nx.betweenness_centrality(metrics.contact_graph)
    assert metrics.betweenness == pytest.approx(expected)
    assert not metrics.betweenness_is_sampled
    assert max(metrics.betweenness, key=metrics.betweenness.get) in {"af", "lomma"}


def test_betweenness_is_sampled_with_a_fixed_seed_above_the_limit(monkeypatch) -> None:
    monkeypatch.setattr(metrics_module, "EXACT_BETWEENNESS_LIMIT", 3)
    monkeypatch.setattr(metrics_module, "BETWEENNESS_SAMPLES", 3)
    first = metrics_module.Metrics(star_map())
    second = metrics_module.Metrics(star_map())
    assert first.betweenness_is_sampled
    assert first.betweenness == second.betweenness


def test_brokerage_counts_pairs_of_other_organisations_that_do_not_meet() -> None:
    metrics = metrics_of(star_map())
    # Lomma kommun stands between AF and … its own unit (same organisation as Lomma): 1 pair.
    assert metrics.brokerage["lomma"] == 1
    # af-kavlinge counts for AF: Kävlinge kommun's only partner, so no pair to broker.
    assert metrics.brokerage["kavlinge"] == 0
    triangle = build(
        actor("a"),
        actor("b"),
        actor("c"),
        contact("ab", "a", "b"),
        contact("bc", "b", "c"),
        contact("ac", "a", "c"),
    )
    assert metrics_of(triangle).brokerage == {"a": 0, "b": 0, "c": 0}


def test_density_and_summaries() -> None:
    metrics = metrics_of(star_map())
    assert metrics.density == pytest.approx(3 / 10)  # 3 of 10 possible actor pairs
    by_org = {s.id: s for s in metrics.organisations}
    assert by_org["lomma"].actors == 2 and by_org["lomma"].contacts_inside == 1
    assert by_org["af"].contacts_outside == 3 and by_org["af"].strategic == 1
    assert by_org["af"].partners == ("kavlinge", "lomma")
    by_place = {s.id: s for s in metrics.municipalities}
    assert by_place["Kävlinge"].forums == 1 and by_place["Lomma"].contacts_inside == 1
    data = metrics.as_dict()
    assert data["actors"] == 5 and data["top_actors"][0]["betweenness"] > 0


def test_rules_share_one_metrics_object_per_map() -> None:
    history = star_map()
    current = history.as_of(DAY)
    one = RuleContext(current, history, DAY, {}, Severity.LOW)
    two = RuleContext(current, history, DAY, {"x": 1}, Severity.HIGH)
    assert one.metrics is two.metrics
    assert one.metrics.organisation_of["af-kavlinge"] == "af"


def test_sampling_stays_within_the_work_budget_but_keeps_a_minimum(monkeypatch) -> None:
    """Each sample searches every contact: a national map gets fewer samples, not minutes."""
    graph = nx.path_graph(400)  # 399 pairs in contact
    monkeypatch.setattr(metrics_module, "BETWEENNESS_BUDGET", 399 * 80)
    assert metrics_module._samples(graph) == 80
    monkeypatch.setattr(metrics_module, "BETWEENNESS_BUDGET", 399 * 10)
    assert metrics_module._samples(graph) == metrics_module.BETWEENNESS_MIN_SAMPLES
    monkeypatch.setattr(metrics_module, "BETWEENNESS_BUDGET", 10**9)
    assert metrics_module._samples(graph) == metrics_module.BETWEENNESS_SAMPLES
