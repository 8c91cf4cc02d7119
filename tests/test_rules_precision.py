"""The false alarms each rule guards against (docs/rules.md names them), one test each."""

from __future__ import annotations

from datetime import date, timedelta

from helpers.rules import (
    DAY,
    actor,
    base_actors,
    build,
    contact,
    forum,
    run,
    strategic_elsewhere,
    wish,
)
from samverkanskartan.rules.levels import OperationalWithoutStrategic, StatedGap
from samverkanskartan.rules.presence import LostLocalPresence, OrganisationalChange
from samverkanskartan.rules.structure import Bridge, CutPoint, IsolatedActor

from samverkan.findings import consolidate
from samverkan.model import (
    ActorKind,
    ContactStatus,
    Event,
    EventKind,
    Funding,
    FundingKind,
    GapKind,
    Level,
    Period,
    Severity,
)

FORBUND = actor("forbund", "Finsam K–L", kind=ActorKind.FEDERATION)


# --- operational-without-strategic ----------------------------------------------------------


def test_a_strategic_contact_between_the_parents_is_a_strategic_channel() -> None:
    history = build(
        *base_actors(),
        contact("op", "kavlinge", "af-kavlinge"),
        contact("strat", "kavlinge", "af", level="strategisk"),
    )
    assert run(OperationalWithoutStrategic(), history) == []


def test_a_forbund_both_belong_to_is_a_strategic_channel() -> None:
    history = build(
        *base_actors(),
        FORBUND,
        contact("op", "kavlinge", "af-kavlinge"),
        forum("styrelse", ("forbund", "kavlinge"), name="Förbundsstyrelsen"),
        forum("beredning", ("forbund", "af"), name="Beredningsgruppen"),
    )
    assert run(OperationalWithoutStrategic(), history) == []
    # without the förbund's strategic forums, the same work is flagged
    alone = build(
        *base_actors(), *strategic_elsewhere(), FORBUND, contact("op", "kavlinge", "af-kavlinge")
    )
    assert len(run(OperationalWithoutStrategic(), alone)) == 1


def test_never_for_the_forbund_itself() -> None:
    history = build(*base_actors(), FORBUND, contact("op", "forbund", "kavlinge"))
    assert run(OperationalWithoutStrategic(), history) == []


def test_a_project_is_steered_through_its_owner() -> None:
    """Botkyrka's vägledningsteam 2007: the parties' handläggare send young people to the
    project, whose steering group seats its owner (a unit of the kommun) and AF. Neither the
    kommun's contact with its own project nor AF's is 'operational only'."""
    project = actor("team", "Vägledningsteamet", kind=ActorKind.PROJECT, owners=("kavlinge",))
    history = build(
        *base_actors(),
        project,
        contact("c1", "kavlinge", "team"),
        contact("c2", "af", "team"),
        forum("styrgrupp", ("kavlinge", "af"), name="Styrgrupp"),
    )
    assert run(OperationalWithoutStrategic(), history) == []
    # without the steering group, AF's work with the project has no strategic channel
    alone = build(
        *base_actors(),
        *strategic_elsewhere(),
        project,
        contact("c1", "kavlinge", "team"),
        contact("c2", "af", "team"),
    )
    assert {f.subject for f in run(OperationalWithoutStrategic(), alone)} == {"actor:team"}


def test_a_projects_partners_without_a_strategic_side_are_one_finding_about_the_project() -> None:
    """Burlöv's SAMBA-projektet: AF, FK and the region each work with it operationally. That
    the project has no strategic side is one fact about it, told with the project's own
    finding, not three findings about three partners."""
    project = actor("samba", "SAMBA", kind=ActorKind.PROJECT, owners=("kavlinge",))
    history = build(
        *base_actors(),
        *strategic_elsewhere(),
        actor("fk", "Försäkringskassan", kind=ActorKind.AGENCY),
        project,
        *(contact(f"c-{x}", "samba", x) for x in ("af", "fk", "region")),
    )
    flags = run(OperationalWithoutStrategic(), history)
    assert len(flags) == 3 and {f.subject for f in flags} == {"actor:samba"}
    [finding] = consolidate(flags, history)
    told = " ".join(finding.told("sv"))
    assert told.count("Utan en strategisk plattform") == 1


def test_operational_work_rated_good_is_of_low_severity() -> None:
    good = build(*base_actors(), *strategic_elsewhere(), contact("op", "kavlinge", "af", quality=4))
    [flag] = run(OperationalWithoutStrategic(), good)
    assert flag.severity is Severity.LOW and "upplevs som god" in flag.explanation.sv
    weak = build(*base_actors(), *strategic_elsewhere(), contact("op", "kavlinge", "af", quality=2))
    assert run(OperationalWithoutStrategic(), weak)[0].severity is Severity.MEDIUM


# --- cut-point, bridge, isolated-actor: the organisation graph ------------------------------


def test_a_unit_tied_to_its_parent_is_not_cut_off_by_a_third_party() -> None:
    """FK 'holds the map together' only if the unit had no line to its own municipality."""
    history = build(
        actor("a", "A kommun"),
        actor("b", "B kommun"),
        actor("a-soc", "Socialförvaltningen A", parent="a"),
        actor("fk", "Försäkringskassan", kind=ActorKind.AGENCY),
        contact("c1", "a", "b"),
        contact("c2", "b", "fk"),
        contact("c3", "fk", "a-soc"),
    )
    assert run(CutPoint(), history) == []
    assert run(Bridge(), history) == []


def test_one_organisation_behind_a_cut_is_not_enough_by_default() -> None:
    """Burlöv and its units behind AF are one organisation, below min_cut_off = 2."""
    history = build(
        *base_actors(),
        actor("burlov", "Burlövs kommun"),
        actor("peak", "PEAK", parent="burlov"),
        contact("c1", "kavlinge", "af"),
        contact("c2", "lomma", "af"),
        contact("c4", "lomma", "kavlinge"),
        contact("c3", "af", "peak"),
    )
    assert not [f for f in run(CutPoint(), history) if "Burlöv" in f.explanation.sv]
    assert run(CutPoint(), history, min_cut_off=1)


def test_a_unit_of_a_connected_organisation_is_not_isolated() -> None:
    history = build(
        *base_actors(),
        actor("syv", "SYV Kävlinge", parent="kavlinge"),
        contact("c1", "kavlinge", "af"),
        contact("c2", "lomma", "af"),
    )
    assert run(IsolatedActor(), history) == []


def test_an_isolated_organisation_is_one_flag_not_one_per_unit() -> None:
    history = build(
        actor("malmo", "Malmö stad"),
        actor("soc", "Socialtjänsten Malmö", parent="malmo"),
        actor("x", "X"),
        actor("y", "Y"),
        contact("c1", "x", "y"),
    )
    [flag] = run(IsolatedActor(), history)
    assert flag.actors == ("malmo",)


def test_an_organisation_a_wish_names_is_part_of_the_wish_not_isolated() -> None:
    history = build(
        *base_actors(),
        actor("hassela", "Hassela Movement", kind=ActorKind.CIVIL_SOCIETY),
        contact("c1", "kavlinge", "af"),
        contact("c2", "lomma", "af"),
        wish("w", "kavlinge", "hassela"),
    )
    assert run(IsolatedActor(), history) == []


def test_the_owner_of_a_project_works_through_it_and_is_not_isolated() -> None:
    project = actor("samba", "SAMBA", kind=ActorKind.PROJECT, owners=("lomma",))
    history = build(
        *base_actors(), project, contact("c1", "kavlinge", "af"), contact("c2", "samba", "af")
    )
    assert run(IsolatedActor(), history) == []


def test_an_organisation_whose_ties_begin_later_is_not_isolated_now() -> None:
    """Folkhögskolan Hvilan works with PEAK from 2015; in a map of 2012 it joins later."""
    later = Period(date(2015, 1, 1), date(2018, 12, 31))
    history = build(
        *base_actors(),
        actor("hvilan", "Folkhögskolan Hvilan", kind=ActorKind.SCHOOL),
        actor("peak", "PEAK", kind=ActorKind.PROJECT, owners=("lomma",), valid=later),
        contact("c1", "kavlinge", "af"),
        contact("c2", "lomma", "af"),
        contact("c3", "peak", "hvilan"),
        contact("c4", "kavlinge", "lomma", status=ContactStatus.PLANNED),
    )
    assert run(IsolatedActor(), history, day=date(2012, 6, 1)) == []
    # once PEAK's period has ended, Hvilan is left alone: PEAK's end tells it, not a second
    # finding saying Hvilan is isolated
    after = date(2019, 6, 1)
    assert run(IsolatedActor(), history, day=after) == []
    [ended] = run(LostLocalPresence(), history, day=after)
    assert "har Folkhögskolan Hvilan ingen kontakt och inget forum kvar" in ended.explanation.sv


def test_an_organisation_left_alone_by_a_recorded_closure_is_not_also_isolated() -> None:
    """FK's only tie was its local office; the office closed. That is the closure's finding
    (lost-local-presence), not a second one saying FK is isolated."""
    closed = date(2017, 2, 1)
    history = build(
        *base_actors(),
        actor("fk", "Försäkringskassan", kind=ActorKind.AGENCY),
        actor(
            "fk-lomma",
            "FK:s kontor i Lomma",
            parent="fk",
            kind=ActorKind.OFFICE,
            valid=Period(None, closed - timedelta(days=1)),
        ),
        contact("c1", "fk-lomma", "lomma", valid=Period(None, closed - timedelta(days=1))),
        contact("c2", "kavlinge", "af"),
        contact("c3", "lomma", "af"),
        Event(id="e", date=closed, kind=EventKind.CLOSURE, actor="fk-lomma"),
    )
    assert run(IsolatedActor(), history, day=date(2017, 4, 30)) == []
    # Without the recorded closure, an organisation whose ties merely ended stays a finding.
    quiet = build(*[f for f in history.facts() if not isinstance(f, Event)])
    [flag] = run(IsolatedActor(), quiet, day=date(2017, 4, 30))
    assert flag.actors == ("fk",)


def test_the_partners_and_funder_of_a_project_whose_period_ended_are_not_also_isolated() -> None:
    """A project written with its period ("Projektperiod 2009-11-02 till 2011-10-31"), no
    closure event: its end is lost-local-presence's finding, with the kommun it leaves alone.
    Neither that kommun nor ESF-rådet, whose grant ended with it, is a second finding."""
    period = Period(date(2009, 11, 2), date(2011, 10, 31))
    history = build(
        *base_actors(),
        actor("esf", "Svenska ESF-rådet", kind=ActorKind.AGENCY),
        actor("vaxjo", "Växjö kommun", kind=ActorKind.MUNICIPALITY),
        actor("projekt", "Projektet", kind=ActorKind.PROJECT, owners=("kavlinge",), valid=period),
        contact("c1", "projekt", "vaxjo", valid=period),
        contact("c2", "kavlinge", "af"),
        contact("c3", "lomma", "af"),
        Funding(id="f1", funder="esf", recipient="projekt", valid=period),
    )
    assert run(IsolatedActor(), history, day=date(2011, 11, 4)) == []
    # An office whose period ended without a recorded closure is not a project's end: the
    # kommun it leaves alone is still a finding (see the test above).
    office = build(
        *[f for f in history.facts() if f.id not in ("projekt", "f1", "esf")],
        actor("projekt", "AF:s kontor", parent="af", kind=ActorKind.OFFICE, valid=period),
    )
    [flag] = run(IsolatedActor(), office, day=date(2011, 11, 4))
    assert flag.actors == ("vaxjo",)


def _board_map(*money: Funding) -> object:
    """A project board is the only forum of the region and the förbund; the others also
    work together in the project (En ingång, Linköping 2017)."""
    return build(
        *base_actors(),
        actor("region", "Region Skåne", kind=ActorKind.REGION),
        FORBUND,
        actor("projekt", "Projektet", kind=ActorKind.PROJECT),
        forum("styrelse", ("kavlinge", "af", "region", "forbund"), name="Projektstyrelsen"),
        contact("c1", "kavlinge", "af"),
        contact("c2", "lomma", "af"),
        *money,
    )


def test_parties_that_fund_the_rest_are_not_cut_off_by_losing_a_forum() -> None:
    """False alarm guarded against: the board 'holds the map together' for the region and the
    förbund, though both fund the project that the others work in."""
    assert run(CutPoint(), _board_map())  # without the money, the board is a cut point
    funds = (
        Funding(id="f1", funder="forbund", recipient="projekt"),
        Funding(id="f2", funder="region", recipient="projekt"),
        Funding(id="f3", funder="kavlinge", recipient="projekt"),
    )
    assert run(CutPoint(), _board_map(*funds)) == []
    # funding each other's project ties the two funders together, not to the rest
    [flag] = run(CutPoint(), _board_map(*funds[:2]))
    assert "skiljs 2 organisationer från resten av kartan: [Region Skåne] respektive " in (
        flag.explanation.sv
    )


def test_money_never_makes_a_cut_point_of_its_own() -> None:
    """A funder tied to the map by money alone does not turn the party it funds into a cut
    point: money is not a working contact."""
    history = build(
        *base_actors(),
        actor("stiftelse", "Stiftelsen", kind=ActorKind.OTHER),
        contact("c1", "kavlinge", "af"),
        contact("c2", "lomma", "af"),
        contact("c3", "lomma", "kavlinge"),
        Funding(id="f1", funder="stiftelse", recipient="lomma"),
        Funding(id="f2", funder="stiftelse", recipient="kavlinge"),
    )
    assert run(CutPoint(), history, min_cut_off=1) == []
    assert run(Bridge(), history, min_cut_off=1) == []


def test_a_bridge_beside_a_funding_is_not_the_only_tie() -> None:
    history = build(
        *base_actors(),
        actor("burlov", "Burlövs kommun"),
        actor("staffanstorp", "Staffanstorps kommun"),
        contact("c1", "kavlinge", "lomma"),
        contact("c2", "lomma", "af"),
        contact("c3", "af", "kavlinge"),
        contact("bridge", "af", "burlov"),
        contact("c4", "burlov", "staffanstorp"),
    )
    assert run(Bridge(), history, min_cut_off=2)
    membership = Funding(
        id="m", kind=FundingKind.MEMBERSHIP, funder="staffanstorp", recipient="kavlinge"
    )
    assert run(Bridge(), build(*history.facts(), membership), min_cut_off=2) == []


# --- stated gaps and changes ----------------------------------------------------------------


def test_a_gap_naming_no_link_is_context_of_low_severity() -> None:
    history = build(
        *base_actors(),
        wish("own", "kavlinge", kind=GapKind.GAP, description="svårt att rekrytera"),
        wish("link", "kavlinge", "af", kind=GapKind.GAP, description="svårt att nå AF"),
    )
    severities = {f.subject: f.severity for f in run(StatedGap(), history)}
    assert severities == {"actor:kavlinge": Severity.LOW, "pair:af|kavlinge": Severity.MEDIUM}


def test_a_change_still_to_come_is_a_step_more_severe_than_one_past() -> None:
    def change(day: date) -> Event:
        return Event(
            id=f"e{day}",
            date=day,
            kind=EventKind.REORGANISATION,
            actor="af-kavlinge",
            new_parent="af",
        )

    coming = run(OrganisationalChange(), build(*base_actors(), change(date(2017, 9, 1))))
    past = run(OrganisationalChange(), build(*base_actors(), change(date(2017, 1, 1))))
    assert date(2017, 9, 1) > DAY
    assert [f.severity for f in coming] == [Severity.MEDIUM]
    assert [f.severity for f in past] == [Severity.LOW]


def test_a_forum_member_that_has_yet_to_start_is_not_lost() -> None:
    from dataclasses import replace

    from samverkanskartan.rules.forums import InfrequentOrDormantForum

    from samverkan.model import Period

    actors = base_actors()
    actors[3] = replace(actors[3], valid=Period(date(2017, 6, 1), None))  # opens in June
    history = build(*actors, forum("beredning", ("kavlinge", "af-kavlinge"), cadence_per_year=4))
    assert run(InfrequentOrDormantForum(), history) == []


def test_a_map_that_records_no_strategic_level_gets_one_finding_not_one_per_pair() -> None:
    """False alarm guarded against: Kumu's PayPal sample has no connection types, so every
    connection reads as operativ and each of its 47 pairs was 'operational only'."""
    history = build(
        *base_actors(),
        actor("fk", "Försäkringskassan", kind=ActorKind.AGENCY),
        contact("c1", "kavlinge", "af"),
        contact("c2", "lomma", "af"),
        contact("c3", "lomma", "fk"),
    )
    [flag] = run(OperationalWithoutStrategic(), history)
    assert flag.title.sv == "Ingen strategisk samverkan i kartan"
    assert flag.severity is Severity.LOW and flag.subject == "map:strategic-level"
    assert "3 par organisationer samverkar bara operativt" in flag.explanation.sv
    assert set(flag.contacts) == {"c1", "c2", "c3"}
    # one strategic wish anywhere and the map speaks of levels: each pair is told
    wishing = build(*history.facts(), wish("w", "lomma", "fk", level=Level.STRATEGIC))
    assert len(run(OperationalWithoutStrategic(), wishing)) == 3
