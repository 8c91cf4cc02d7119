"""cut-point, bridge and isolated-actor on small maps; the search against networkx."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from helpers.rules import actor, build, contact, forum, run
from samverkanskartan.rules.structure import Bridge, CutPoint, IsolatedActor, search

from samverkan.model import ActorKind


def chain_map():
    """A – B – C – D – E: B, C and D are cut points; B–C and C–D are bridges."""
    names = "ABCDE"
    actors = [actor(n.lower(), f"Aktör {n}") for n in names]
    contacts = [contact(f"c{i}", names[i].lower(), names[i + 1].lower()) for i in range(4)]
    return build(*actors, *contacts)


def test_cut_points_name_the_parts_they_would_separate() -> None:
    flags = run(CutPoint(), chain_map())
    assert [f.actors[0] for f in flags] == ["c"]  # B and D cut off one actor only
    [flag] = flags
    assert "Om aktören Aktör C försvinner skiljs 2 organisationer" in flag.explanation.sv
    assert (
        "[Aktör A och Aktör B]" in flag.explanation.sv
        or "[Aktör D och Aktör E]" in flag.explanation.sv
    )
    assert len(flag.contacts) == 1 and set(flag.contacts) <= {"c1", "c2"}
    loose = run(CutPoint(), chain_map(), min_cut_off=1)
    assert sorted(f.actors[0] for f in loose) == ["b", "c", "d"]


def test_a_hub_with_many_partners_names_a_few_of_the_parts_and_counts_the_rest() -> None:
    """40 partners with one hub: seven parts named and 'och 32 till', not 39 in one sentence."""
    partners = [actor(f"p{i}", f"Partner {i}") for i in range(40)]
    contacts = [contact(f"c{i}", "hub", f"p{i}") for i in range(40)]
    [flag] = run(CutPoint(), build(actor("hub", "Navet"), *partners, *contacts))
    text = flag.explanation.sv
    assert "skiljs 39 organisationer från resten av kartan: [Partner 1], [Partner 2]," in text
    assert "[Partner 7] och 32 till. De når övriga aktörer bara genom Navet." in text
    assert "respektive" not in text and "[Partner 8]" not in text
    assert (
        "[Partner 7] and 32 more. They reach the others only through Navet." in flag.explanation.en
    )


def test_two_parts_are_named_each_on_its_own() -> None:
    """'[Aktör C] respektive [Aktör D]' in Swedish, 'and' in English: B holds three together."""
    leaves = [actor(n, f"Aktör {n.upper()}") for n in "acd"]
    history = build(actor("b", "Aktör B"), *leaves, *(contact(f"c{n}", "b", n) for n in "acd"))
    [flag] = run(CutPoint(), history)
    assert "skiljs 2 organisationer från resten av kartan: [Aktör C] respektive [Aktör D]." in (
        flag.explanation.sv
    )
    assert "from the rest of the map: [Aktör C] and [Aktör D]." in flag.explanation.en


def test_a_ring_has_no_cut_point_and_no_bridge() -> None:
    history = build(*chain_map().actors(), *chain_map().contacts(), contact("c9", "e", "a"))
    assert run(CutPoint(), history) == []
    assert run(Bridge(), history) == []


def test_bridges_name_the_smaller_side() -> None:
    flags = run(Bridge(), chain_map())
    assert len(flags) == 2
    texts = " ".join(f.explanation.sv for f in flags)
    assert (
        "Kontakten mellan Aktör C och Aktör B är den enda förbindelsen mellan 2 organisationer (Aktör A och Aktör B)"
        in texts
    )
    assert (
        "Kontakten mellan Aktör C och Aktör D är den enda förbindelsen mellan 2 organisationer (Aktör D och Aktör E)"
        in texts
    )
    assert all(len(f.contacts) == 1 for f in flags)


def test_a_shared_forum_closes_the_gap_unless_forums_are_left_out() -> None:
    history = build(
        *chain_map().actors(), *chain_map().contacts(), forum("f", ("a", "e"), name="Forum")
    )
    assert run(Bridge(), history) == []
    assert run(Bridge(), history, include_forums=False) != []


def test_a_forum_can_be_the_cut_point() -> None:
    history = build(
        actor("a"),
        actor("b"),
        actor("c"),
        actor("d"),
        contact("ab", "a", "b"),
        contact("cd", "c", "d"),
        forum("f", ("a", "c"), name="Styrgrupp"),
    )
    [flag] = run(CutPoint(), history, min_cut_off=2)
    assert flag.forums == ("f",) and "Om forumet Styrgrupp försvinner" in flag.explanation.sv


def test_isolated_actors_are_flagged_but_not_parents_or_connected_ones() -> None:
    history = build(
        actor("org", "Organisationen", kind=ActorKind.AGENCY),
        actor("unit", "Enheten", parent="org"),
        actor("alone", "Ensam"),
        actor("x", "X"),
        contact("c", "unit", "x"),
    )
    [flag] = run(IsolatedActor(), history)
    assert flag.actors == ("alone",) and "Ensam har inga kontakter" in flag.explanation.sv
    assert len(run(IsolatedActor(), history, ignore_parents=False)) == 2


@pytest.mark.parametrize("seed", range(12))
def test_the_search_agrees_with_networkx(seed: int) -> None:
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(rng.randint(5, 60), rng.randint(4, 80), seed=seed)
    adj = {str(n): [str(m) for m in graph.adj[n]] for n in graph}
    found = search(adj, dict.fromkeys(adj, True))
    cut = {
        n
        for n in adj
        if found.cut_children[n] and (found.parent[n] or len(found.cut_children[n]) > 1)
    }
    assert cut == {str(n) for n in nx.articulation_points(graph)}
    assert {frozenset(b) for b in found.bridges} == {
        frozenset(map(str, b)) for b in nx.bridges(graph)
    }
