"""infrequent-or-dormant-forum and uncovered-target-group on small maps."""

from __future__ import annotations

from datetime import date

from helpers.rules import actor, base_actors, build, closure, contact, ended, forum, group, run
from samverkanskartan.rules.forums import InfrequentOrDormantForum, UncoveredTargetGroup

from samverkan.dates import parse_date
from samverkan.model import ActorKind, ForumStatus, Gap, GapKind, Period, Severity


def test_a_healthy_forum_is_not_flagged() -> None:
    history = build(
        *base_actors(),
        forum("f", ("kavlinge", "af"), cadence_per_year=4, last_meeting=date(2017, 3, 1)),
    )
    assert run(InfrequentOrDormantForum(), history) == []


def test_seldom_dormant_and_stale_forums_are_flagged_with_their_reasons() -> None:
    history = build(
        *base_actors(),
        forum("seldom", ("kavlinge", "af"), name="Sällan", cadence_per_year=1),
        forum("dormant", ("lomma", "af"), name="Vilande", status=ForumStatus.DORMANT),
        forum("stale", ("lomma", "kavlinge"), name="Gammalt", last_meeting=date(2015, 5, 1)),
    )
    flags = {f.forums[0]: f.explanation.sv for f in run(InfrequentOrDormantForum(), history)}
    assert "Sällan möts 1 ggr/år, färre än 2 ggr/år" in flags["seldom"]
    assert "Vilande har status vilande" in flags["dormant"]
    assert "Senaste mötet i Gammalt var 2015-05-01 (730 dagar sedan)" in flags["stale"]
    assert (
        run(InfrequentOrDormantForum(), history, min_per_year=1.0, max_days_since_meeting=1000)
        != []
    )
    assert (
        len(run(InfrequentOrDormantForum(), history, min_per_year=1, max_days_since_meeting=1000))
        == 1
    )


def test_the_title_says_whether_the_forum_ended_sleeps_or_meets_rarely() -> None:
    """Not 'sällan, vilande eller upphört' above a text that says which of them it is."""
    history = build(
        *base_actors(),
        forum("seldom", ("kavlinge", "af"), name="Sällan", cadence_per_year=1),
        forum("dormant", ("lomma", "af"), name="Vilande", status=ForumStatus.DORMANT),
        forum("stale", ("lomma", "kavlinge"), name="Gammalt", last_meeting=date(2015, 5, 1)),
        forum("closed", ("lomma", "af"), name="Nedlagt", status=ForumStatus.ENDED),
        forum("over", ("kavlinge", "af"), name="Avslutat", valid=Period(end=date(2017, 1, 1))),
    )
    titles = {f.forums[0]: f.title for f in run(InfrequentOrDormantForum(), history)}
    assert {k: t.sv for k, t in titles.items()} == {
        "seldom": "Sällan möts sällan",
        "dormant": "Vilande är vilande",
        "stale": "Gammalt möts sällan",
        "closed": "Nedlagt har upphört",
        "over": "Avslutat har upphört",
    }
    assert titles["over"].en == "Avslutat has ended"
    assert titles["dormant"].en == "Vilande is dormant"


def test_a_forum_that_lost_a_member_names_it_and_its_organisation() -> None:
    actors = base_actors()
    actors[3] = ended(actors[3], date(2017, 1, 31))
    history = build(
        *actors,
        forum(
            "beredning", ("kavlinge", "af-kavlinge"), name="Beredningsgrupp", cadence_per_year=2.5
        ),
        closure("e", "af-kavlinge", date(2017, 2, 1)),
    )
    [flag] = run(InfrequentOrDormantForum(), history)
    assert flag.forums == ("beredning",) and set(flag.actors) == {"af-kavlinge", "af"}
    assert (
        "Beredningsgrupp har tappat 1 medlem: AF:s kontor i Kävlinge (upphörde 2017-02-01); "
        "Arbetsförmedlingen är inte längre med" in flag.explanation.sv
    )
    assert any(p.sheet == "Händelser" for p in flag.evidence)
    assert run(InfrequentOrDormantForum(), history, date(2017, 1, 15)) == []


def test_a_target_group_nobody_reaches_is_flagged_with_who_named_it() -> None:
    history = build(
        *base_actors(),
        group("unga-20", "unga vuxna över 20 som stannar hemma"),
        group("vuxna"),
        contact("c", "kavlinge", "af", target_groups=("vuxna",)),
        Gap(id="g", kind=GapKind.GAP, actor="kavlinge", target_groups=("unga-20",)),
    )
    [flag] = run(UncoveredTargetGroup(), history)
    assert flag.actors == ("kavlinge",)
    assert "når målgruppen ”unga vuxna över 20 som stannar hemma”" in flag.explanation.sv
    assert "Den nämns av Kävlinge kommun" in flag.explanation.sv


def test_a_target_group_reached_only_later_says_when_and_is_less_urgent() -> None:
    """Burlöv 2012: PEAK reaches 'unga' from 2015. Nobody reaches them now, but the map
    must not say they were reached earlier."""
    history = build(
        *base_actors(),
        group("unga"),
        actor("peak", "PEAK", kind=ActorKind.PROJECT, valid=Period(parse_date("2015"), None)),
        contact("c", "peak", "af", target_groups=("unga",)),
    )
    [flag] = run(UncoveredTargetGroup(), history, day=date(2012, 6, 1))
    assert (
        "Senare nås den av PEAK – Arbetsförmedlingen (operativ, unga) från 2015."
        in flag.explanation.sv
    )
    assert "Tidigare" not in flag.explanation.sv
    assert flag.severity is Severity.MEDIUM  # a step below the rule's high


def test_a_target_group_reached_by_an_active_forum_is_covered() -> None:
    history = build(
        *base_actors(), group("unga"), forum("sulk", ("kavlinge", "af"), target_groups=("unga",))
    )
    assert run(UncoveredTargetGroup(), history) == []
    history = build(
        *base_actors(),
        group("unga"),
        forum("sulk", ("kavlinge", "af"), target_groups=("unga",), status=ForumStatus.DORMANT),
    )
    assert run(UncoveredTargetGroup(), history) != []


def test_a_project_that_works_for_the_group_itself_reaches_it_while_it_runs() -> None:
    """False alarm guarded against: Uppsala län's förbund reaches 'sjuka' through its
    projects' 402 participants, with no contact that names the group (UNT 2010)."""
    project = actor(
        "insats",
        "Projektet Vägen vidare",
        kind=ActorKind.PROJECT,
        target_groups=("sjuka",),
        valid=Period(date(2010, 1, 1), date(2011, 6, 30)),
    )
    history = build(*base_actors(), group("sjuka"), project)
    assert run(UncoveredTargetGroup(), history, day=date(2010, 12, 31)) == []
    [after] = run(UncoveredTargetGroup(), history, day=date(2011, 9, 1))
    assert "Tidigare nåddes den av Projektet Vägen vidare." in after.explanation.sv
    assert "insats" in after.actors
    [before] = run(UncoveredTargetGroup(), history, day=date(2009, 6, 1))
    assert "Senare nås den av Projektet Vägen vidare från 2010-01-01." in before.explanation.sv
    assert before.severity is Severity.MEDIUM
