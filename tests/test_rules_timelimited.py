"""time-limited-presence, implementation-gap and single-funder on small maps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from helpers.rules import actor, build, contact, forum, group, origin, run
from samverkanskartan.rules.timelimited import ImplementationGap, SingleFunder, TimeLimitedPresence

from samverkan.dates import parse_date
from samverkan.model import (
    ActorKind,
    Event,
    EventKind,
    Funding,
    FundingStatus,
    Period,
    Severity,
)


def funding(fid: str, funder: str, recipient: str, end: date | None, **values: object) -> Funding:
    return Funding(
        id=fid,
        funder=funder,
        recipient=recipient,
        valid=Period(date(2016, 1, 1), end),
        provenance=origin("Finansiering"),
        **values,  # type: ignore[arg-type]
    )


def project_map(end: date | None = None, *extra: object) -> object:
    """A youth project funded by ESF and the förbund, meant to be taken over by AF."""
    end = end or parse_date("ht 2017", end=True)
    project = actor(
        "peak",
        "PEAK",
        kind=ActorKind.PROJECT,
        owners=("burlov",),
        receivers=("af",),
        valid=Period(date(2015, 9, 1), end),
    )
    return build(
        actor("burlov", "Burlövs kommun"),
        actor("af", "Arbetsförmedlingen", kind=ActorKind.AGENCY),
        actor("esf", "ESF-rådet", kind=ActorKind.AGENCY),
        actor("finsam", "Finsam Burlöv", kind=ActorKind.FEDERATION),
        project,
        group("unga"),
        group("vuxna"),
        contact("c1", "peak", "burlov", target_groups=("unga",)),
        contact("c2", "burlov", "af", target_groups=("vuxna",)),
        forum("ref", ("peak", "burlov"), convener="peak", name="Referensgrupp"),
        funding("f-esf", "esf", "peak", end),
        funding("f-finsam", "finsam", "peak", end),
        *extra,  # type: ignore[arg-type]
    )


def test_a_project_that_ends_names_what_goes_with_it_funders_and_receivers() -> None:
    [flag] = run(TimeLimitedPresence(), project_map())
    assert flag.rule == "time-limited-presence"
    assert flag.severity is Severity.HIGH  # the only reach of "unga"
    assert flag.title.sv == "PEAK slutar under ht 2017"
    assert flag.title.en == "PEAK ends during autumn 2017"
    assert {"peak", "esf", "finsam", "burlov", "af"} <= set(flag.actors)
    assert flag.contacts == ("c1",) and flag.forums == ("ref",)
    text = flag.explanation.sv
    assert "PEAK slutar under ht 2017 (finansieras av ESF-rådet och Finsam Burlöv)" in text
    assert "Det är det enda som når unga" in text
    assert "Arbetssättet ska tas över av Arbetsförmedlingen" in text
    assert {p.sheet for p in flag.evidence} == {"Aktörer", "Finansiering", "Kontakter", "Forum"}


def test_an_exact_end_is_said_as_a_day_and_money_that_ended_in_the_past_tense() -> None:
    [flag] = run(TimeLimitedPresence(), project_map(date(2017, 12, 31)))
    assert flag.title.sv == "PEAK slutar 2017-12-31"
    history = project_map(date(2017, 3, 31))  # the money ended; the project is still there
    project = replace(history.actor("peak"), valid=Period(date(2015, 9, 1), None))
    history.graph.nodes["peak"]["fact"] = project
    [flag] = run(TimeLimitedPresence(), history)
    assert flag.title.sv == "PEAK slutade 2017-03-31"
    assert "ended on 2017-03-31" in flag.explanation.en


def test_medium_when_something_else_still_reaches_the_target_group() -> None:
    other = contact("c3", "burlov", "af", target_groups=("unga",))
    [flag] = run(TimeLimitedPresence(), project_map(None, other))
    assert flag.severity is Severity.MEDIUM


def test_no_flag_when_implemented_or_ended() -> None:
    implemented = Event(id="e1", date=date(2017, 6, 1), kind=EventKind.IMPLEMENTATION, actor="peak")
    assert run(TimeLimitedPresence(), project_map(None, implemented)) == []
    # a project that has itself ended is history (lost-local-presence tells of its loss)
    assert run(TimeLimitedPresence(), project_map(), date(2018, 2, 1)) == []


def test_an_end_beyond_the_horizon_is_a_step_less_severe_and_needs_something_carried() -> None:
    """Collaboration resting on money that ends with no plan for after is a finding however far
    off the recorded end: a plan takes longer to make than the horizon is long."""
    far = parse_date("2019", end=True)
    [flag] = run(TimeLimitedPresence(), project_map(far))
    assert flag.severity is Severity.MEDIUM  # high (the only reach of "unga"), a step lower
    [near] = run(TimeLimitedPresence(), project_map(far), horizon_months=36)
    assert near.severity is Severity.HIGH
    # False alarm guarded against: a far-off project that carries nothing (only a receiver
    # named) is not news yet.
    project = actor(
        "peak", "PEAK", kind=ActorKind.PROJECT, receivers=("af",), valid=Period(end=far)
    )
    bare = build(actor("af", "Arbetsförmedlingen"), project, funding("f", "af", "peak", far))
    assert run(TimeLimitedPresence(), bare) == []
    assert run(TimeLimitedPresence(), bare, horizon_months=36) != []  # near: the receiver counts


def test_the_end_of_the_money_is_the_end_when_the_project_has_no_end() -> None:
    history = project_map(None)
    project = replace(history.actor("peak"), valid=Period(date(2015, 9, 1), None))
    history.graph.nodes["peak"]["fact"] = project
    [flag] = run(TimeLimitedPresence(), history)
    assert flag.title.sv == "PEAK slutar under ht 2017"
    # a later grant that is only applied for does not carry it on, and the flag says so
    applied = funding("f-new", "esf", "peak", None, status=FundingStatus.APPLIED)
    history.add(applied)
    [flag] = run(TimeLimitedPresence(), history)
    assert "Fortsatt finansiering är inte beviljad (ESF-rådet: ansökt)" in flag.explanation.sv
    # a granted one does
    history.add(funding("f-granted", "esf", "peak", None))
    assert run(TimeLimitedPresence(), history) == []


def test_receivers_without_contact_with_the_project_are_an_implementation_gap() -> None:
    [flag] = run(ImplementationGap(), project_map())
    assert flag.rule == "implementation-gap" and flag.actors == ("peak", "af")
    assert (
        "Arbetsförmedlingen ska ta över arbetssättet men har ingen kontakt" in flag.explanation.sv
    )
    in_touch = contact("c9", "peak", "af")
    assert run(ImplementationGap(), project_map(None, in_touch)) == []


def test_a_single_funder_is_flagged_and_two_are_not() -> None:
    history = project_map()
    assert run(SingleFunder(), history) == []
    del history.fundings["f-finsam"]
    [flag] = run(SingleFunder(), history)
    assert flag.title.sv == "PEAK: en enda finansiär" and flag.actors == ("peak", "esf")
    history.fundings["f-esf"] = replace(history.fundings["f-esf"], share=50.0)
    assert run(SingleFunder(), history) == []  # half from ESF: someone else pays the rest


def test_a_funder_without_contacts_is_not_an_isolated_actor() -> None:
    from samverkanskartan.rules.structure import IsolatedActor

    isolated = {f.actors[0] for f in run(IsolatedActor(), project_map())}
    assert "esf" not in isolated and "finsam" not in isolated


def test_planned_and_ended_contacts_are_not_there_on_the_day() -> None:
    from samverkan.model import ContactStatus

    planned = contact("c-planned", "burlov", "af", status=ContactStatus.PLANNED)
    ended = contact("c-ended", "burlov", "esf", status=ContactStatus.ENDED)
    history = project_map(None, planned, ended)
    ids = {c.id for c in history.as_of(date(2017, 4, 30)).contacts()}
    assert "c1" in ids and not {"c-planned", "c-ended"} & ids
    assert {"c-planned", "c-ended"} <= {c.id for c in history.contacts()}


def _handed_to(receiver_facts: tuple[object, ...], receiver: str) -> object:
    """PEAK ended at ht 2016 with no contact or forum of its own and an implementation
    recorded, handing its work to `receiver`."""
    end = parse_date("ht 2016", end=True)
    project = actor(
        "peak",
        "PEAK",
        kind=ActorKind.PROJECT,
        owners=("finsam",),
        receivers=(receiver,),
        valid=Period(date(2015, 9, 1), end),
    )
    done = Event(id="e1", date=date(2017, 1, 1), kind=EventKind.IMPLEMENTATION, actor="peak")
    return build(
        actor("finsam", "Finsam Burlöv", kind=ActorKind.FEDERATION),
        actor("af", "Arbetsförmedlingen", kind=ActorKind.AGENCY),
        project,
        funding("f-peak", "finsam", "peak", end, status=FundingStatus.ENDED),
        done,
        *receiver_facts,  # type: ignore[arg-type]
    )


def test_a_handover_to_more_forbund_money_is_not_an_implementation() -> None:
    """Höglandet 2019: the project ended and the förbund goes on part-financing the
    coordinators in its own long-term unit. The recorded implementation keeps the work on
    Finsam money, so the project's end is still a finding, saying so."""
    unit = actor("liv", "LIV", kind=ActorKind.FUNCTION, parent="finsam")
    money = funding("f-liv", "finsam", "liv", None)
    [flag] = run(TimeLimitedPresence(), _handed_to((unit, money), "liv"))
    assert flag.title.sv == "PEAK slutade under ht 2016"
    assert (
        "Implementeringen 2017-01-01 lämnar arbetet till LIV, som vilar på förbundets pengar: "
        "fortfarande en insats, inte ordinarie verksamhet." in flag.explanation.sv
    )
    assert {p.sheet for p in flag.evidence} >= {"Aktörer", "Finansiering"}
    # the förbund hands the work over inside itself: no 'receivers without contact'
    assert run(ImplementationGap(), _handed_to((unit, money), "liv")) == []
    # handed to a party's ordinary work, the implementation carries it on
    assert run(TimeLimitedPresence(), _handed_to((), "af")) == []


def test_an_ended_handover_is_news_only_within_the_horizon() -> None:
    unit = actor("liv", "LIV", kind=ActorKind.FUNCTION, parent="finsam")
    assert run(TimeLimitedPresence(), _handed_to((unit,), "liv"), date(2017, 12, 1))
    assert run(TimeLimitedPresence(), _handed_to((unit,), "liv"), date(2018, 2, 1)) == []


def test_a_kommun_the_forbund_funds_for_an_insats_still_does_ordinary_work() -> None:
    kommun = actor("burlov", "Burlövs kommun")
    grant = funding("f-burlov", "finsam", "burlov", None)
    assert run(TimeLimitedPresence(), _handed_to((kommun, grant), "burlov")) == []


def test_forbund_money_is_never_a_single_funder() -> None:
    """A förbund is funded by its members (by law at least a kommun, the region, AF and FK),
    recorded or not: its insatser are not 'funded by one alone'."""
    history = project_map()
    del history.fundings["f-esf"]
    assert run(SingleFunder(), history) == []


def test_a_project_that_is_the_only_one_working_for_a_group_is_its_only_reach() -> None:
    """When the project's own participants are the group ('Målgrupper' on the project's
    row), its end leaves the group with nobody, though no contact names the group."""
    history = project_map()
    project = replace(history.actor("peak"), target_groups=("vuxna-20",))
    history = build(*(project if f.id == "peak" else f for f in history.facts()), group("vuxna-20"))
    [flag] = run(TimeLimitedPresence(), history)
    assert "Det är det enda som når unga och vuxna-20" in flag.explanation.sv
