"""lost-local-presence and organisational-change on small maps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from helpers.rules import (
    DAY,
    actor,
    base_actors,
    build,
    closure,
    contact,
    ended,
    forum,
    run,
    wish,
)
from samverkanskartan.rules.forums import InfrequentOrDormantForum
from samverkanskartan.rules.presence import LostLocalPresence, OrganisationalChange

from samverkan.dates import parse_date
from samverkan.model import ActorKind, Event, EventKind, GapKind, Period, Severity

CLOSED = date(2017, 2, 1)


def closed_office_map(with_remaining: bool = True):
    actors = base_actors()
    actors[3] = ended(actors[3], date(2017, 1, 31))
    facts = [
        *actors,
        contact("c-office", "kavlinge", "af-kavlinge", target_groups=("vuxna",), quality=4),
        forum("beredning", ("kavlinge", "af-kavlinge"), name="Strategisk beredningsgrupp"),
        closure("e1", "af-kavlinge", CLOSED),
    ]
    if with_remaining:
        facts.append(contact("c-lund", "kavlinge", "af", quality=2))
    return build(*facts)


def test_a_closed_office_names_what_went_with_it_and_what_remains() -> None:
    [flag] = run(LostLocalPresence(), closed_office_map())
    assert flag.rule == "lost-local-presence" and flag.severity is Severity.HIGH
    assert {"af-kavlinge", "af", "kavlinge"} <= set(flag.actors)
    assert flag.contacts == ("c-office",) and flag.forums == ("beredning",)
    text = flag.explanation.sv
    assert "AF:s kontor i Kävlinge (Arbetsförmedlingen) stängde 2017-02-01" in text
    assert "Kävlinge kommun – AF:s kontor i Kävlinge (operativ, vuxna, god)" in text
    assert "Strategisk beredningsgrupp" in text
    assert (
        "Mellan Arbetsförmedlingen och Kävlinge kommun finns fortfarande 1 kontakt (operativ)."
        in text
    )
    assert "closed on 2017-02-01" in flag.explanation.en
    sheets = {p.sheet for p in flag.evidence}
    assert {"Händelser", "Aktörer", "Kontakter", "Forum"} <= sheets


def test_when_nothing_remains_the_flag_says_so() -> None:
    [flag] = run(LostLocalPresence(), closed_office_map(with_remaining=False))
    assert "finns ingen kontakt och inget gemensamt forum kvar" in flag.explanation.sv


def test_no_flag_before_the_closure_or_long_after_it() -> None:
    history = closed_office_map()
    assert run(LostLocalPresence(), history, date(2017, 1, 15)) == []
    assert run(LostLocalPresence(), history, date(2020, 1, 1)) == []
    assert run(LostLocalPresence(), history, date(2020, 1, 1), lookback_days=2000) != []


def test_an_old_closure_is_news_while_a_gap_with_its_organisation_is_still_stated() -> None:
    """SKL 2018: "En fjärdedel av kommunerna saknar idag ett lokalt arbetsförmedlingskontor",
    closed 2015–2018, with the kommuner stating today's gaps with AF. Beyond the look-back a
    closure is told again, a step less severe, while one it worked with states a gap with
    its organisation; another organisation's gap does not bring it back."""
    late = date(2020, 1, 1)
    felt = wish("g", "kavlinge", "af", kind=GapKind.GAP, description="otillräckligt stöd")
    history = build(*closed_office_map().facts(), felt)
    [flag] = run(LostLocalPresence(), history, late)
    assert flag.severity is Severity.MEDIUM and flag.title.sv == "AF:s kontor i Kävlinge har stängt"
    elsewhere = wish("g", "lomma", "kavlinge", kind=GapKind.GAP, description="annat")
    assert run(LostLocalPresence(), build(*closed_office_map().facts(), elsewhere), late) == []


def ended_project_map(*extra: object):
    """A project at Kävlinge kommun that worked with AF's office in 2012 and ended."""
    project = actor(
        "projekt",
        "Projekt Steg",
        kind=ActorKind.PROJECT,
        parent="kavlinge",
        valid=Period(date(2011, 1, 1), date(2012, 12, 31)),
    )
    facts = [*base_actors(), project, contact("c-steg", "projekt", "af-kavlinge")]
    return build(*facts, *extra)  # type: ignore[arg-type]


def test_a_project_whose_work_nothing_took_over_is_a_finding_however_long_ago() -> None:
    [flag] = run(LostLocalPresence(), ended_project_map())
    assert flag.severity is Severity.MEDIUM  # older than the lookback: a step less severe
    assert "Inget i ordinarie verksamhet har tagit över" in flag.explanation.sv
    # what remains rests on another project only: still not taken over
    follower = actor("projekt-2", "Projekt Steg 2", kind=ActorKind.PROJECT, parent="kavlinge")
    [flag] = run(LostLocalPresence(), ended_project_map(follower, contact("c2", "projekt-2", "af")))
    assert "Inget i ordinarie verksamhet har tagit över" in flag.explanation.sv


def test_an_old_project_is_no_finding_when_ordinary_work_or_implementation_carries_on() -> None:
    """False alarms guarded against: the project's work taken over by an ordinary contact, or
    an open-ended shared forum, between the two organisations; a recorded implementation; an
    old closure of an office (not time-limited by nature), which the lookback leaves out."""
    ordinary = contact("c-ordinary", "kavlinge", "af")
    assert run(LostLocalPresence(), ended_project_map(ordinary)) == []
    shared = forum("beredning", ("kavlinge", "af"), name="Strategisk beredningsgrupp")
    assert run(LostLocalPresence(), ended_project_map(shared)) == []
    done = Event(id="e", date=date(2013, 1, 1), kind=EventKind.IMPLEMENTATION, actor="projekt")
    assert run(LostLocalPresence(), ended_project_map(done)) == []
    assert run(LostLocalPresence(), closed_office_map(with_remaining=False), date(2020, 1, 1)) == []


def test_an_implementation_into_another_project_has_not_taken_over() -> None:
    """A recorded implementation that hands the work only to another project (still Finsam
    money) is not ordinary work: the old project's end stays a finding."""
    follower = actor("projekt-2", "Projekt Steg 2", kind=ActorKind.PROJECT, parent="kavlinge")
    history = ended_project_map(follower)
    steg = history.actor("projekt")
    history.graph.nodes["projekt"]["fact"] = replace(steg, receivers=("projekt-2",))
    done = Event(id="e", date=date(2013, 1, 1), kind=EventKind.IMPLEMENTATION, actor="projekt")
    history.add(done)
    [flag] = run(LostLocalPresence(), history)
    assert "Inget i ordinarie verksamhet har tagit över" in flag.explanation.sv


def test_a_project_of_its_own_names_who_it_left_without_any_tie() -> None:
    """Matchning Södertörn 2012: the project was its own organisation; the closure says it
    is gone once, by name, and which of those it worked with have nothing left."""
    project = actor(
        "matchning",
        "Matchning Södertörn",
        kind=ActorKind.PROJECT,
        valid=Period(date(2009, 1, 1), date(2012, 4, 30)),
    )
    history = build(
        *base_actors(),
        project,
        contact("c1", "matchning", "kavlinge"),
        contact("c2", "matchning", "lomma"),
        contact("c3", "kavlinge", "af"),
    )
    [flag] = run(LostLocalPresence(), history, date(2012, 6, 1))
    text = flag.explanation.sv
    assert text.count("Matchning Södertörn finns inte längre i kartan.") == 1
    assert (
        "Av dem Matchning Södertörn samverkade med har Lomma kommun ingen kontakt och inget forum kvar"
        in text
    )
    assert "matchning finns" not in text


def test_a_closed_unit_without_contacts_is_not_a_lost_presence() -> None:
    actors = base_actors()
    actors[3] = ended(actors[3], date(2017, 1, 31))
    assert run(LostLocalPresence(), build(*actors)) == []


def test_a_coming_reorganisation_names_the_contacts_it_touches() -> None:
    history = build(
        *base_actors(),
        contact("c1", "kavlinge", "af"),
        Event(
            id="e",
            date=date(2017, 9, 1),
            kind=EventKind.REORGANISATION,
            actor="kavlinge",
            new_parent="lomma",
            description="flyttas",
        ),
    )
    [flag] = run(OrganisationalChange(), history)
    assert flag.actors == ("kavlinge", "lomma") and flag.contacts == ("c1",)
    assert "Kävlinge kommun flyttas till Lomma kommun från 2017-09-01" in flag.explanation.sv
    assert run(OrganisationalChange(), history, lookahead_days=30) == []


def test_a_past_closure_is_not_an_organisational_change() -> None:
    assert run(OrganisationalChange(), closed_office_map()) == []


def test_no_change_outside_the_windows_without_an_actor_or_in_ended_contacts() -> None:
    def change(day: date, actor: str | None = "kavlinge") -> Event:
        return Event(id=f"e{day}", date=day, kind=EventKind.STAFF_TURNOVER, actor=actor)

    old = ended(contact("c-old", "kavlinge", "af"), date(2016, 12, 31))
    history = build(*base_actors(), old, contact("c-now", "kavlinge", "af"), change(DAY))
    [flag] = run(OrganisationalChange(), history)
    assert flag.contacts == ("c-now",)  # the contact that ended before it is not touched
    assert run(OrganisationalChange(), build(*base_actors(), change(date(2015, 1, 1)))) == []
    assert run(OrganisationalChange(), build(*base_actors(), change(date(2019, 1, 1)))) == []
    assert run(OrganisationalChange(), build(*base_actors(), change(DAY, None))) == []


def test_a_closure_known_to_the_month_is_told_to_the_month_never_a_made_up_day() -> None:
    """A process leader writes 'årsskiftet 2017/2018': the closure is in January 2018, and no
    rule may say 2018-01-01 (docs/workbook.md: "aldrig en påhittad dag")."""
    january = parse_date("årsskiftet 2017/2018")
    actors = base_actors()
    actors[3] = ended(actors[3], date(2017, 12, 31))  # as the closure ends it, the day before
    history = build(*actors, contact("c1", "kavlinge", "af-kavlinge"))
    history.add(closure("e", "af-kavlinge", january))
    [coming] = run(OrganisationalChange(), history, lookahead_days=400)
    assert coming.title.sv == "AF:s kontor i Kävlinge: stängning januari 2018"
    assert "stänger från januari 2018" in coming.explanation.sv
    [lost] = run(LostLocalPresence(), history, day=date(2018, 3, 1))
    assert "stängde januari 2018" in lost.explanation.sv
    for flag in (coming, lost):
        assert "2018-01-01" not in flag.title.sv + flag.explanation.sv


def test_a_project_that_ended_during_a_year_is_not_given_a_made_up_closing_day() -> None:
    """Malmökraften runs "efter 2019" no longer: written '2019', its end is the year. The
    rules said "stängde 2020-01-01" and "upphörde 2020-01-01", a day no source gave."""
    project = actor("p", "Malmökraften", kind=ActorKind.PROJECT)
    project = ended(project, parse_date("2019", end=True))
    history = build(
        actor("f", "FINSAM i Malmö", kind=ActorKind.FEDERATION),
        project,
        contact("c", "f", "p", level="strategisk"),
        forum("styr", ("f", "p"), name="Styrgruppen"),
    )
    day = date(2020, 3, 1)
    [lost] = run(LostLocalPresence(), history, day)
    assert "Malmökraften stängde under 2019." in lost.explanation.sv
    assert "Malmökraften closed during 2019." in lost.explanation.en
    [forum_flag] = run(InfrequentOrDormantForum(), history, day)
    assert "Malmökraften (upphörde under 2019)" in forum_flag.explanation.sv
    for flag in (lost, forum_flag):
        assert "2020-01-01" not in flag.explanation.sv + flag.explanation.en
