"""The map model: facts, validity, the graph API and the map as of a date."""

from __future__ import annotations

from datetime import date

import pytest

from samverkan.graph import SamverkanMap
from samverkan.model import (
    QUALITY,
    Actor,
    ActorKind,
    Contact,
    Event,
    EventKind,
    Forum,
    Level,
    Period,
    Severity,
    slugify,
)


def actor(actor_id: str, **fields: object) -> Actor:
    return Actor(id=actor_id, name=fields.pop("name", actor_id.title()), **fields)  # type: ignore[arg-type]


@pytest.fixture
def office_map() -> SamverkanMap:
    samverkan_map = SamverkanMap("test")
    samverkan_map.add(actor("af", kind=ActorKind.AGENCY))
    samverkan_map.add(
        actor("af-kontor", kind=ActorKind.OFFICE, parent="af", valid=Period(end=date(2017, 1, 31)))
    )
    samverkan_map.add(actor("kavlinge", kind=ActorKind.MUNICIPALITY))
    samverkan_map.add(actor("ekbist", kind=ActorKind.UNIT, parent="socnamnd"))
    samverkan_map.add(actor("socnamnd", kind=ActorKind.ADMINISTRATION, parent="kavlinge"))
    samverkan_map.add(actor("bildning", kind=ActorKind.ADMINISTRATION, parent="kavlinge"))
    samverkan_map.add(Contact(id="c1", actor_a="kavlinge", actor_b="af-kontor"))
    samverkan_map.add(Contact(id="c2", actor_a="kavlinge", actor_b="af", level=Level.STRATEGIC))
    samverkan_map.add(Forum(id="berg", name="Beredningsgrupp", members=("kavlinge", "af-kontor")))
    samverkan_map.add(
        Event(
            id="flytt",
            date=date(2017, 9, 1),
            kind=EventKind.REORGANISATION,
            actor="ekbist",
            new_parent="bildning",
        )
    )
    return samverkan_map


def test_graph_api_answers_who_meets_whom(office_map: SamverkanMap) -> None:
    assert {c.id for c in office_map.contacts_of("kavlinge")} == {"c1", "c2"}
    assert [c.id for c in office_map.contacts_between("af", "kavlinge")] == ["c2"]
    assert [f.id for f in office_map.forums_of("af-kontor")] == ["berg"]
    assert office_map.organisation("af-kontor") == "af"
    assert office_map.organisation("ekbist") == "kavlinge"
    assert office_map.name("berg") == "Beredningsgrupp"
    assert office_map.summary()["contacts"] == 2


def test_as_of_drops_what_had_closed_and_everything_that_went_with_it(
    office_map: SamverkanMap,
) -> None:
    before = office_map.as_of(date(2016, 12, 31))
    after = office_map.as_of(date(2017, 4, 30))
    assert before.has_actor("af-kontor") and not after.has_actor("af-kontor")
    assert {c.id for c in before.contacts()} == {"c1", "c2"}
    assert {c.id for c in after.contacts()} == {"c2"}
    assert after.forum("berg").members == ("kavlinge",)


def test_reorganisation_moves_a_unit_from_its_date(office_map: SamverkanMap) -> None:
    assert office_map.as_of(date(2017, 8, 31)).actor("ekbist").parent == "socnamnd"
    assert office_map.as_of(date(2017, 9, 1)).actor("ekbist").parent == "bildning"


def test_a_contact_to_an_unknown_actor_is_refused() -> None:
    samverkan_map = SamverkanMap()
    samverkan_map.add(actor("a"))
    with pytest.raises(KeyError, match="unknown actor 'b'"):
        samverkan_map.add(Contact(id="x", actor_a="a", actor_b="b"))


def test_organisation_survives_a_parent_cycle() -> None:
    samverkan_map = SamverkanMap()
    samverkan_map.add(actor("a", parent="b"))
    samverkan_map.add(actor("b", parent="a"))
    assert samverkan_map.organisation("a") in {"a", "b"}


def test_choices_accept_swedish_and_english() -> None:
    assert Level.parse("Strategisk") is Level.STRATEGIC
    assert Level.parse("operational") is Level.OPERATIONAL
    assert ActorKind.parse("idéburen  organisation") is ActorKind.CIVIL_SOCIETY
    assert Level.parse("stratgisk") is None
    assert ActorKind.OFFICE.label("en") == "office"


def test_scales_and_severities_read_words_and_numbers() -> None:
    assert QUALITY.parse("mycket god") == 5
    assert QUALITY.parse("poor") == 2
    assert QUALITY.parse("3") == 3
    assert QUALITY.parse("7") is None
    assert QUALITY.label(5, "sv") == "5 mycket god"
    assert Severity.parse("hög") is Severity.HIGH
    assert Severity.parse("medium") is Severity.MEDIUM
    assert Severity.HIGH > Severity.LOW


def test_periods_are_inclusive_and_closing_ends_the_day_before() -> None:
    period = Period(date(2017, 1, 1), date(2017, 1, 31))
    assert period.contains(date(2017, 1, 31)) and not period.contains(date(2017, 2, 1))
    assert Period().ended_before(date(2017, 2, 1)).end == date(2017, 1, 31)
    assert Period(end=date(2016, 6, 30)).ended_before(date(2017, 2, 1)).end == date(2016, 6, 30)


def test_slugs_are_ascii_and_stable() -> None:
    assert slugify("AF:s kontor i Kävlinge") == "af-s-kontor-i-kavlinge"
    assert slugify("Lärcentrum Lomma") == "larcentrum-lomma"
    assert slugify("!!!") == "x"
