"""Comparing two maps: what was gained, lost and changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from helpers import bilingual
from helpers.rules import base_actors, build, contact, ended, forum

from samverkan.diff import compare
from samverkan.model import Flag, Severity


def two_rounds():
    old = build(
        *base_actors(),
        contact("row-2", "kavlinge", "af-kavlinge", target_groups=("vuxna",), quality=4),
        contact("row-3", "lomma", "af", quality=3),
        forum("f", ("kavlinge", "af-kavlinge"), cadence_per_year=3),
    )
    actors = base_actors()[:3]
    new = build(
        *actors,
        contact("x-9", "lomma", "af", quality=5),  # same relationship, new row number
        contact("x-10", "kavlinge", "af", "strategisk"),
        forum("f", ("kavlinge",), cadence_per_year=1),
    )
    return old, new


def flag(rule: str, title: str) -> Flag:
    return Flag(
        rule=rule,
        severity=Severity.LOW,
        title=bilingual(title, title),
        explanation=bilingual("", ""),
    )


def test_two_rounds_are_matched_by_what_the_contacts_are() -> None:
    old, new = two_rounds()
    changes = compare(
        old, new, [flag("a", "gone"), flag("b", "kept")], [flag("b", "kept"), flag("c", "new")]
    )
    assert [a.id for a in changes.actors_removed] == ["af-kavlinge"]
    assert [c.id for c in changes.contacts_removed] == ["row-2"]
    assert [c.id for c in changes.contacts_added] == ["x-10"]
    [quality] = changes.contacts_changed
    assert quality.fields == {"quality": (3, 5)}
    [cadence] = changes.forums_changed
    assert cadence.fields == {"cadence_per_year": (3, 1)}
    assert changes.members_removed == [("f", "af-kavlinge")]
    assert [f.rule for f in changes.flags_appeared] == ["c"]
    assert [f.rule for f in changes.flags_disappeared] == ["a"]


def test_the_change_map_shows_both_sides_marked() -> None:
    old, new = two_rounds()
    changes = compare(old, new)
    marks = changes.changes()
    assert marks["af-kavlinge"] == "removed" and marks["row-2"] == "removed"
    assert marks["x-10"] == "added" and marks["x-9"] == "changed" and marks["f"] == "changed"
    assert marks["f>af-kavlinge"] == "removed"
    union = changes.change_map("Före och efter")
    assert {c.id for c in union.contacts()} == {"row-2", "x-9", "x-10"}
    assert union.forum("f").members == ("kavlinge", "af-kavlinge")
    data = changes.as_dict("sv")
    assert data["contacts"]["changed"][0]["fields"] == {"quality": [3, 5]}


def test_a_lost_contact_whose_id_is_reused_keeps_a_separate_id_in_the_change_map() -> None:
    old = build(*base_actors(), contact("c", "kavlinge", "af"), contact("d", "lomma", "af"))
    new = build(*base_actors(), contact("d", "kavlinge", "af", "strategisk"))
    changes = compare(old, new, old_day=date(2016, 12, 31))
    assert sorted(c.id for c in changes.contacts_removed) == ["c", "d"]
    assert [c.id for c in changes.contacts_added] == ["d"]
    marks = changes.changes()
    assert marks["d"] == "added" and marks["d~2016-12-31"] == "removed" and marks["c"] == "removed"
    union = changes.change_map("t")
    assert {c.id for c in union.contacts()} == {"c", "d", "d~2016-12-31"}


def test_two_dates_of_one_map() -> None:
    actors = base_actors()
    actors[3] = ended(actors[3], date(2017, 1, 31))
    history = build(
        *actors, contact("c", "kavlinge", "af-kavlinge"), contact("d", "kavlinge", "af")
    )
    changes = compare(history.as_of(date(2016, 12, 31)), history.as_of(date(2017, 4, 30)))
    assert [a.id for a in changes.actors_removed] == ["af-kavlinge"]
    assert [c.id for c in changes.contacts_removed] == ["c"]
    assert not changes.contacts_added
    same = compare(history.as_of(date(2017, 3, 1)), history.as_of(date(2017, 4, 30)))
    assert same.is_empty()


def test_moved_actors_are_reported() -> None:
    old = build(*base_actors())
    actors = base_actors()
    actors[3] = replace(actors[3], parent="lomma")
    changes = compare(old, build(*actors))
    [moved] = changes.actors_moved
    assert moved.fields == {"parent": ("af", "lomma")}
