"""Merging facts from several workbooks into one map."""

from __future__ import annotations

from datetime import date

from samverkan.errors import ProblemLevel
from samverkan.merge import build_map
from samverkan.model import (
    AUTO_ID,
    Actor,
    ActorKind,
    Contact,
    Event,
    EventKind,
    Forum,
    Gap,
    Provenance,
)


def origin(file: str, row: int, **columns: str) -> tuple[Provenance, ...]:
    return (Provenance(file, "Kontakter", row, None, dict(columns)),)


AF = Actor(
    id="af",
    name="Arbetsförmedlingen",
    kind=ActorKind.AGENCY,
    aliases=("AF",),
    provenance=origin("grund.xlsx", 2),
)
LOMMA = Actor(
    id="lomma", name="Lomma kommun", kind=ActorKind.MUNICIPALITY, provenance=origin("grund.xlsx", 3)
)


def test_the_same_actor_named_two_ways_is_one_actor() -> None:
    # No id given: the row is the actor it names (by alias here).
    second = Actor(id=AUTO_ID, name="AF", municipality="Lund", provenance=origin("lomma.xlsx", 2))
    outcome = build_map([AF, LOMMA, second])
    assert [a.id for a in outcome.map.actors()] == ["af", "lomma"]
    merged = outcome.map.actor("af")
    assert merged.municipality == "Lund"  # the second workbook filled in what the first lacked
    assert [p.file for p in merged.provenance] == ["grund.xlsx", "lomma.xlsx"]
    assert outcome.merged == 1 and outcome.rejected == 0


def test_references_by_alias_resolve_across_files() -> None:
    contact = Contact(id="k1", actor_a="lomma kommun", actor_b="AF", provenance=origin("l.xlsx", 5))
    outcome = build_map([AF, LOMMA, contact])
    assert outcome.map.contact("k1").pair == frozenset({"af", "lomma"})
    assert not outcome.problems


def test_an_unknown_actor_is_an_error_at_its_cell_with_a_suggestion() -> None:
    contact = Contact(
        id="k1", actor_a="Lomma komun", actor_b="AF", provenance=origin("l.xlsx", 7, actor_a="B")
    )
    outcome = build_map([AF, LOMMA, contact])
    assert outcome.rejected == 1 and not outcome.map.contacts()
    [problem] = outcome.problems
    assert problem.level is ProblemLevel.ERROR
    assert (problem.location.file, problem.location.row, problem.location.column) == (
        "l.xlsx",
        7,
        "B",
    )
    assert "Lomma komun" in problem.message.sv and "lomma kommun" in problem.message.sv


def test_conflicting_duplicates_keep_the_first_value_and_warn() -> None:
    other = Actor(
        id="af",
        name="Arbetsförmedlingen",
        kind=ActorKind.OFFICE,
        provenance=origin("x.xlsx", 9, kind="C"),
    )
    outcome = build_map([AF, other])
    assert outcome.map.actor("af").kind is ActorKind.AGENCY
    # "First" is the file that sorts first (grund.xlsx), never the order files were given.
    assert build_map([other, AF]).map.actor("af").kind is ActorKind.AGENCY
    [problem] = outcome.problems
    assert problem.level is ProblemLevel.WARNING and problem.location.column == "C"


def test_duplicate_contact_ids_with_different_content_are_rejected() -> None:
    first = Contact(id="k1", actor_a="af", actor_b="lomma", provenance=origin("a.xlsx", 2))
    same = Contact(id="k1", actor_a="af", actor_b="lomma", provenance=origin("b.xlsx", 2))
    other = Contact(
        id="k1", actor_a="lomma", actor_b="af", quality=2, provenance=origin("c.xlsx", 4)
    )
    outcome = build_map([AF, LOMMA, first, same, other])
    assert outcome.merged == 1 and outcome.rejected == 1
    assert outcome.problems[0].location.file == "c.xlsx"


def test_a_closure_event_ends_the_office_and_its_forum_membership() -> None:
    office = Actor(id="kontor", name="AF Kävlinge", kind=ActorKind.OFFICE, parent="AF")
    forum = Forum(id="f", name="Beredningsgrupp", members=("AF Kävlinge", "Lomma kommun"))
    closure = Event(id="e", date=date(2017, 2, 1), kind=EventKind.CLOSURE, actor="af kävlinge")
    outcome = build_map([AF, LOMMA, office, forum, closure])
    assert outcome.map.actor("kontor").valid.end == date(2017, 1, 31)
    assert outcome.map.actor("kontor").parent == "af"
    assert outcome.map.as_of(date(2017, 3, 1)).forum("f").members == ("lomma",)


def test_target_groups_and_carriers_named_in_passing_become_facts() -> None:
    contact = Contact(
        id="k",
        actor_a="AF",
        actor_b="Lomma kommun",
        target_groups=("unga vuxna",),
        carriers=("Jakob Kristianson",),
        provenance=origin("l.xlsx", 3),
    )
    outcome = build_map([AF, LOMMA, contact])
    assert outcome.map.contact("k").carriers == ("jakob-kristianson",)
    assert outcome.map.persons["jakob-kristianson"].name == "Jakob Kristianson"
    assert outcome.map.target_groups["unga-vuxna"].name == "unga vuxna"


def test_a_wish_must_name_known_actors() -> None:
    wish = Gap(
        id="g", actor="Kävlinge kommun", counterparts=("AF",), provenance=origin("k.xlsx", 4)
    )
    outcome = build_map([AF, wish])
    assert outcome.rejected == 1 and not outcome.map.gaps


def test_where_the_first_value_stands_is_said_in_the_readers_language() -> None:
    """A conflict names the row the kept value came from; an English reader reads 'sheet'
    and 'row', not the Swedish 'blad' and 'rad'."""
    second = Actor(
        id="af", name="Arbetsförmedlingen", kind=ActorKind.OFFICE, provenance=origin("b.xlsx", 7)
    )
    outcome = build_map([AF, second])
    (conflict,) = [p for p in outcome.problems if "kind" in p.describe("en")]
    english, swedish = conflict.describe("en"), conflict.describe("sv")
    assert "same entry in b.xlsx, sheet Kontakter, row 7;" in english and "blad" not in english
    assert "samma post i b.xlsx, blad Kontakter, rad 7;" in swedish
