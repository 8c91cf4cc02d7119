"""operational-without-strategic, unmet-wish and stated-gap on small maps."""

from __future__ import annotations

from helpers.rules import actor, base_actors, build, contact, forum, run, wish
from samverkanskartan.rules.levels import OperationalWithoutStrategic, StatedGap, UnmetWish

from samverkan.model import ActorKind, ForumStatus, Funding, FundingKind, GapKind, Level


def test_operational_work_without_a_strategic_platform_is_flagged_per_organisation() -> None:
    history = build(
        *base_actors(),
        actor("larcentrum", "Lärcentrum Kävlinge", parent="kavlinge"),
        contact("c1", "kavlinge", "af", target_groups=("vuxna",)),
        contact("c2", "larcentrum", "af"),
        contact("c3", "lomma", "af"),
        forum("ksau", ("lomma", "af"), name="KSAU Lomma", cadence_per_year=2),
    )
    [flag] = run(OperationalWithoutStrategic(), history)
    assert flag.actors[:2] == ("af", "kavlinge") and "larcentrum" in flag.actors
    assert set(flag.contacts) == {"c1", "c2"}
    assert (
        "men kartan visar ingen strategisk kontakt och inget gemensamt strategiskt forum mellan dem"
        in flag.explanation.sv
    )


def test_a_strategic_contact_or_an_active_strategic_forum_is_enough() -> None:
    with_contact = build(
        *base_actors(),
        contact("c1", "kavlinge", "af"),
        contact("s", "kavlinge", "af", "strategisk"),
    )
    assert run(OperationalWithoutStrategic(), with_contact) == []
    with_forum = build(
        *base_actors(), contact("c1", "kavlinge", "af"), forum("f", ("kavlinge", "af-kavlinge"))
    )
    assert run(OperationalWithoutStrategic(), with_forum) == []
    dormant = build(
        *base_actors(),
        contact("c1", "kavlinge", "af"),
        forum("f", ("kavlinge", "af"), status=ForumStatus.DORMANT),
    )
    assert run(OperationalWithoutStrategic(), dormant) != []
    assert run(OperationalWithoutStrategic(), dormant, count_dormant_forums=True) == []


def wish_map(*extra):
    return build(
        *base_actors(),
        contact("c1", "kavlinge", "af"),
        wish(
            "w",
            "kavlinge",
            "af",
            level=Level.STRATEGIC,
            wished_per_year=2.0,
            description="En strategisk plattform",
        ),
        *extra,
    )


def test_a_wish_nothing_meets_is_flagged_with_what_exists() -> None:
    [flag] = run(UnmetWish(), wish_map())
    assert set(flag.actors) >= {"kavlinge", "af"}
    text = flag.explanation.sv
    assert "Kävlinge kommun önskar strategisk samverkan med Arbetsförmedlingen, 2 ggr/år" in text
    assert "”En strategisk plattform”" in text
    assert "Med Arbetsförmedlingen finns: Kävlinge kommun – Arbetsförmedlingen (operativ)" in text


def test_a_forum_too_seldom_does_not_meet_the_wish_but_one_often_enough_does() -> None:
    seldom = forum("f", ("kavlinge", "af"), cadence_per_year=1)
    assert run(UnmetWish(), wish_map(seldom)) != []
    enough = forum("f", ("kavlinge", "af-kavlinge"), cadence_per_year=2)
    assert run(UnmetWish(), wish_map(enough)) == []
    unknown = contact("s", "kavlinge", "af", "strategisk")
    assert run(UnmetWish(), wish_map(unknown)) != []
    assert run(UnmetWish(), wish_map(unknown), unknown_cadence_meets=True) == []


def test_stated_gaps_are_reported_as_told() -> None:
    history = build(
        *base_actors(),
        wish("g", "kavlinge", "af", kind=GapKind.GAP, description="Svårt att nå handläggare"),
        wish("w", "kavlinge", "af"),
    )
    [flag] = run(StatedGap(), history)
    assert flag.actors == ("kavlinge", "af")
    assert "”Svårt att nå handläggare”" in flag.explanation.sv
    assert run(StatedGap(), build(*base_actors())) == []


def test_a_quote_that_ends_its_sentence_gets_no_second_full_stop() -> None:
    told = "Vi når inte handläggarna. Det tar veckor!"
    history = build(*base_actors(), wish("g", "kavlinge", "af", kind=GapKind.GAP, description=told))
    [flag] = run(StatedGap(), history)
    assert flag.explanation.sv.endswith("”Vi når inte handläggarna. Det tar veckor!”")
    wished = build(*base_actors(), wish("w", "kavlinge", "af", description="Ett forum behövs."))
    [wish_flag] = run(UnmetWish(), wished)
    assert "”Ett forum behövs.” Ingen kontakt" in wish_flag.explanation.sv


def _forbund_map(*extra: object) -> object:
    """AF sits on the förbund's board; Kävlinge kommun is a member by funding only."""
    return build(
        *base_actors(),
        actor("finsam", "Finsam", kind=ActorKind.FEDERATION),
        actor("insats", "Insatsen", kind=ActorKind.PROJECT),
        forum("styrelse", ("finsam", "af"), name="Förbundsstyrelsen"),
        contact("c1", "insats", "af"),
        contact("c2", "kavlinge", "af"),
        Funding(id="m1", kind=FundingKind.MEMBERSHIP, funder="kavlinge", recipient="finsam"),
        Funding(id="m2", kind=FundingKind.MEMBERSHIP, funder="af", recipient="finsam"),
        *extra,  # type: ignore[arg-type]
    )


def test_an_insats_the_forbund_funds_is_steered_by_its_board() -> None:
    """False alarm guarded against: a party's operational contact with an insats the förbund
    funds, when the party sits on the förbund's board (ISF 2019). Membership alone is no
    platform between two members (Kävlinge and AF in the reference map)."""
    before = {f.subject for f in run(OperationalWithoutStrategic(), _forbund_map())}
    assert before == {"actor:insats", "pair:af|kavlinge"}
    funded = Funding(id="f1", funder="finsam", recipient="insats")
    after = {f.subject for f in run(OperationalWithoutStrategic(), _forbund_map(funded))}
    assert after == {"pair:af|kavlinge"}


def test_a_stated_risk_or_need_is_reported_like_a_gap() -> None:
    history = build(
        *base_actors(),
        wish("r", "kavlinge", "af", kind=GapKind.RISK, description="samverkan kan vara skör"),
        wish("n", "lomma", "af", kind=GapKind.NEED, description="behöver en kontaktperson"),
        wish("w", "lomma", "af", description="en plattform"),  # a wish is unmet-wish's
    )
    titles = sorted(f.title.sv for f in run(StatedGap(), history))
    assert [t.split(":")[0] for t in titles] == ["Behov", "Risk"]
    risk = next(f for f in run(StatedGap(), history) if f.title.sv.startswith("Risk"))
    assert risk.explanation.sv.startswith("Kävlinge kommun beskriver en risk mot")
    assert risk.explanation.en.startswith("Kävlinge kommun describes a risk with")
