"""The reference map (maps/kavlinge-lomma-2017) holds what the report 'Samverkanskartan steg 2' says.

Each test is a check a reader of the report would make against the map: the actors and forums
it names, AF as one actor under two names, the Kävlinge office closing, the Lomma KSAU
contact, the reorganisation in September, the target group nobody reaches, and a source on
every row.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import REFERENCE_MAP

from samverkan.graph import SamverkanMap
from samverkan.model import QUALITY, Level, normalise
from samverkan.pipeline import RunReport, find_project, read_map
from samverkan.plugins import get_plugins

REPORT_END = date(2017, 4, 30)
BEFORE_CLOSURE = date(2016, 12, 31)

NAMED_ACTORS = [
    "Kävlinge kommun",
    "Lomma kommun",
    "Socialnämnden Kävlinge",
    "Bildningsnämnden Kävlinge",
    "Ekonomiskt bistånd Kävlinge",
    "Ensamkommande Kävlinge",
    "Lärcentrum Kävlinge",
    "Lärcentrum Lomma",
    "KAA-samordnare Kävlinge",
    "KAA-samordnare Lomma",
    "SYV Kävlinge",
    "SYV Lomma",
    "Karstorpskolan Lomma",
    "Socialtjänsten Lomma",
    "Arbetsförmedlingen",
    "AF Skåne Lundaregionen",
    "AF:s kontor i Kävlinge",
    "AF ungdomssektionen",
    "AF sektioner för arbetslivsinriktad rehabilitering",
    "Försäkringskassan",
    "Finsam Kävlinge–Lomma",
    "Finsam Malmö",
    "PEAK Arlöv",
    "Burlövs kommun",
    "Staffanstorps kommun",
    "Lunds kommun",
    "Hassela Movement",
    "Projektet Utsikt",
    "SIKT",
    "Uppdragstjänst",
]
NAMED_FORUMS = [
    "SULK",
    "DUA styrgrupp Lomma",
    "DUA arbetsgrupp Lomma",
    "Strategisk beredningsgrupp Kävlinge",
    "Kommunstyrelsens arbetsutskott Lomma",
    "Näringslivets nätverksträffar Kävlinge",
    "Näringslivets nätverksträffar Lomma",
    "Prognosgenomgång AF för Kävlinge",
    "ACT utvärderingsträffar",
]
NAMED_PERSONS = [
    "Jakob Kristianson",
    "Anders Törnquist",
    "Carina Friis",
    "Marie-Louise Lindblad",
    "Birgitta Friberg",
    "Karin Rangin",
    "Aleksandra G",
    "Anna",
    "Sofie",
    "Markus",
    "Emma",
    "Harry Korman",
    "Karen Ask",
]
OVER_20 = "unga vuxna över 20 som stannar hemma"


@pytest.fixture(scope="module")
def reference() -> tuple[SamverkanMap, RunReport]:
    project = find_project([REFERENCE_MAP])
    return read_map(project.files, get_plugins(), project.config.title)


@pytest.fixture(scope="module")
def history(reference: tuple[SamverkanMap, RunReport]) -> SamverkanMap:
    return reference[0]


def actor_id(samverkan_map: SamverkanMap, name: str) -> str:
    """The one actor called `name` (by name or alias), as a reader would look it up."""
    hits = [
        actor.id
        for actor in samverkan_map.actors()
        if normalise(name) in {normalise(n) for n in (actor.name, *actor.aliases)}
    ]
    assert len(hits) == 1, f"{name!r} names {len(hits)} actors"
    return hits[0]


def forum_id(samverkan_map: SamverkanMap, name: str) -> str:
    hits = [f.id for f in samverkan_map.forums() if normalise(f.name) == normalise(name)]
    assert len(hits) == 1, f"{name!r} names {len(hits)} forums"
    return hits[0]


def person_named(samverkan_map: SamverkanMap, person_id: str) -> str:
    return samverkan_map.persons[person_id].name


def test_validate_is_clean_even_in_strict_mode(run_cli) -> None:
    result = run_cli("validate", "--strict", REFERENCE_MAP)
    assert result.exit_code == 0, result.stderr
    assert "Inga fel hittades." in result.stdout
    assert "0 avvisade" in result.stdout


def test_map_writes_the_html_with_the_report_actors(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "karta.html"
    result = run_cli("map", REFERENCE_MAP, "-o", target)
    assert result.exit_code == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    for name in ("Kävlinge kommun", "Lomma kommun", "Arbetsförmedlingen", "SULK"):
        assert name in html


def test_the_project_file_names_the_report_and_its_date() -> None:
    config = find_project([REFERENCE_MAP]).config
    assert config.title == "Samverkanskartan steg 2 – Finsam Kävlinge–Lomma 2017"
    assert config.day == REPORT_END
    assert config.lang == "sv"


def test_every_row_is_accounted_for(reference: tuple[SamverkanMap, RunReport]) -> None:
    samverkan_map, report = reference
    assert len(report.files) >= 5
    assert report.problems == []
    assert report.rejected == 0
    assert report.rows_read == report.imported + report.merged
    # The alias rows (AF, Af, FK, and each municipality restated) merge; nothing else does.
    assert report.merged == 5
    # Every imported row is one fact of the map: no typo created a stray person or group.
    assert sum(samverkan_map.summary().values()) == report.imported


def test_at_least_thirty_actors_and_forums(history: SamverkanMap) -> None:
    assert len(history.actors()) + len(history.forums()) >= 30


@pytest.mark.parametrize("name", NAMED_ACTORS)
def test_the_report_actors_are_in_the_map(history: SamverkanMap, name: str) -> None:
    actor_id(history, name)


@pytest.mark.parametrize("name", NAMED_FORUMS)
def test_the_report_forums_are_in_the_map(history: SamverkanMap, name: str) -> None:
    forum_id(history, name)


def test_the_report_persons_are_in_the_map(history: SamverkanMap) -> None:
    names = {person.name for person in history.persons.values()}
    assert set(NAMED_PERSONS) <= names


def test_af_is_one_actor_under_both_names(history: SamverkanMap) -> None:
    af = actor_id(history, "Arbetsförmedlingen")
    assert actor_id(history, "AF") == af
    assert actor_id(history, "Af") == af
    # Rows that wrote "AF" (Kävlinge) and "Af" (Lomma) point at the same actor.
    kavlinge, lomma = actor_id(history, "Kävlinge kommun"), actor_id(history, "Lomma kommun")
    assert history.contacts_between(kavlinge, af)
    assert history.contacts_between(lomma, af)
    office = actor_id(history, "AF:s kontor i Kävlinge")
    assert history.actor(office).kind.value == "kontor"
    assert history.organisation(office) == af


def test_the_kavlinge_office_closes_in_february_2017(history: SamverkanMap) -> None:
    office = actor_id(history, "AF:s kontor i Kävlinge")
    closures = [e for e in history.events.values() if e.actor == office]
    assert [(e.kind.value, e.date) for e in closures] == [("stängning", date(2017, 2, 1))]
    assert history.as_of(BEFORE_CLOSURE).has_actor(office)
    assert not history.as_of(REPORT_END).has_actor(office)


def test_the_closure_takes_af_out_of_the_beredningsgrupp(history: SamverkanMap) -> None:
    office = actor_id(history, "AF:s kontor i Kävlinge")
    group = forum_id(history, "Strategisk beredningsgrupp Kävlinge")
    assert history.forum(group).cadence_per_year == 2.5  # "2–3 ggr/år"
    assert office in history.as_of(BEFORE_CLOSURE).forum(group).members
    assert office not in history.as_of(REPORT_END).forum(group).members


def test_kavlinge_adults_contact_degrades_when_the_office_closes(history: SamverkanMap) -> None:
    kavlinge = actor_id(history, "Kävlinge kommun")
    vuxna = next(k for k, g in history.target_groups.items() if g.name == "vuxna")

    def adult_contacts(day: date) -> list[int | None]:
        view = history.as_of(day)
        return [
            c.quality
            for c in view.contacts_of(kavlinge)
            if vuxna in c.target_groups and c.level is Level.OPERATIONAL
        ]

    assert adult_contacts(BEFORE_CLOSURE) == [QUALITY.parse("god")]
    assert adult_contacts(REPORT_END) == [QUALITY.parse("svag")]


def test_kavlinge_has_no_strategic_link_to_af_after_the_closure(history: SamverkanMap) -> None:
    view = history.as_of(REPORT_END)
    af = actor_id(view, "Arbetsförmedlingen")

    def links(municipality: str, level: Level) -> int:
        own = actor_id(view, municipality)
        contacts = [
            c
            for c in view.contacts()
            if {view.organisation(c.actor_a), view.organisation(c.actor_b)} == {own, af}
            and c.level is level
        ]
        forums = [
            f
            for f in view.forums()
            if f.level is level and {own, af} <= {view.organisation(m) for m in f.members}
        ]
        return len(contacts) + len(forums)

    assert links("Kävlinge kommun", Level.OPERATIONAL) > 0
    assert links("Kävlinge kommun", Level.STRATEGIC) == 0
    assert links("Lomma kommun", Level.STRATEGIC) > 0


def test_lomma_ksau_contact_is_strategic_very_good_and_carried_by_jakob(
    history: SamverkanMap,
) -> None:
    ksau = forum_id(history, "Kommunstyrelsens arbetsutskott Lomma")
    assert history.forum(ksau).cadence_per_year == 2
    [contact] = [c for c in history.as_of(REPORT_END).contacts() if c.forum == ksau]
    assert contact.level is Level.STRATEGIC
    assert contact.quality == 5
    assert contact.frequency_per_year == 2
    assert [person_named(history, p) for p in contact.carriers] == ["Jakob Kristianson"]
    assert history.persons[contact.carriers[0]].role == "sektionschef"


def test_one_business_adviser_carries_business_contacts_in_both_municipalities(
    history: SamverkanMap,
) -> None:
    af = actor_id(history, "Arbetsförmedlingen")
    for municipality in ("Kävlinge kommun", "Lomma kommun"):
        own = actor_id(history, municipality)
        business = [
            c
            for c in history.contacts_between(own, af)
            if c.forum and "nätverksträffar" in history.forum(c.forum).name
        ]
        assert len(business) == 1, municipality
        assert [person_named(history, p) for p in business[0].carriers] == ["Anders Törnquist"]


def test_ekonomiskt_bistand_moves_to_bildningsnamnden_on_1_september(
    history: SamverkanMap,
) -> None:
    board = actor_id(history, "Bildningsnämnden Kävlinge")
    social = actor_id(history, "Socialnämnden Kävlinge")
    for unit_name in ("Ekonomiskt bistånd Kävlinge", "Ensamkommande Kävlinge"):
        unit = actor_id(history, unit_name)
        assert history.as_of(date(2017, 8, 31)).actor(unit).parent == social
        assert history.as_of(date(2017, 9, 1)).actor(unit).parent == board


def test_young_adults_over_20_who_stay_home_are_reached_by_no_one(history: SamverkanMap) -> None:
    [group] = [k for k, g in history.target_groups.items() if g.name == OVER_20]
    assert not [c.id for c in history.contacts() if group in c.target_groups]
    assert not [f.id for f in history.forums() if group in f.target_groups]
    # …while the report does state it as a gap in both municipalities.
    stated = {
        history.actor(g.actor).name for g in history.gaps.values() if group in g.target_groups
    }
    assert {"Kävlinge kommun", "Lomma kommun"} <= stated


def test_kavlinge_wishes_a_strategic_platform_with_af_twice_a_year(history: SamverkanMap) -> None:
    kavlinge, af = actor_id(history, "Kävlinge kommun"), actor_id(history, "Arbetsförmedlingen")
    wishes = [
        g
        for g in history.gaps.values()
        if g.kind.value == "önskemål"
        and g.actor == kavlinge
        and af in g.counterparts
        and g.level is Level.STRATEGIC
    ]
    assert len(wishes) >= 3  # platform, goals followed up, AF in the beredningsgrupp, …
    assert any(g.wished_per_year == 2 and "plattform" in g.description for g in wishes)
    assert any(g.wished_per_year == 2 and "mål" in g.description for g in wishes)


def test_every_contact_cites_a_declared_source(history: SamverkanMap) -> None:
    for contact in history.contacts():
        assert contact.source in history.sources, contact.id


def test_every_row_cites_a_declared_source(history: SamverkanMap) -> None:
    uncited = [
        f"{origin.file}:{origin.sheet}:{origin.row}"
        for fact in history.facts()
        if fact.id not in history.sources
        for origin in fact.provenance
        if origin.source not in history.sources
    ]
    assert uncited == []
