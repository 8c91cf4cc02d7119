"""Consolidation and ranking in the core: one finding per subject, a documented score."""

from __future__ import annotations

from helpers import bilingual
from helpers.rules import actor, base_actors, build, contact

from samverkan.findings import consolidate
from samverkan.model import Flag, Provenance, Severity, pair_subject, subject_ids

HISTORY = build(*base_actors(), contact("c", "kavlinge", "af", target_groups=("vuxna",)))


def flag(rule: str, severity: Severity = Severity.MEDIUM, **values: object) -> Flag:
    told = {
        "title": bilingual(f"{rule} titel", f"{rule} title"),
        "explanation": bilingual(f"{rule} förklaring", f"{rule} explanation"),
        **values,
    }
    return Flag(rule=rule, severity=severity, **told)  # type: ignore[arg-type]


def test_flags_on_one_subject_become_one_finding_with_all_their_evidence() -> None:
    pair = pair_subject("pair", "kavlinge", "af")
    a = flag("weak", subject=pair, evidence=(Provenance("k.xlsx", "Kontakter", 2),))
    b = flag("wish", Severity.HIGH, subject=pair, evidence=(Provenance("k.xlsx", "Glapp", 3),))
    [finding] = consolidate([a, b], HISTORY)
    assert finding.subject == "pair:af|kavlinge" and finding.severity is Severity.HIGH
    assert finding.flags == (b, a) and finding.rules == ("wish", "weak")
    assert [p.sheet for p in finding.evidence] == ["Glapp", "Kontakter"]


def test_ids_holding_the_separator_never_share_a_subject() -> None:
    """Ids are written by users: 'a|b' with 'c' is another pair than 'a' with 'b|c'."""
    history = build(*(actor(i, f"Aktör {i}") for i in ("a", "a|b", "b|c", "c", "%7C")))
    left, right = pair_subject("pair", "a|b", "c"), pair_subject("pair", "a", "b|c")
    assert left != right
    assert subject_ids(pair_subject("pair", "%7C", "b|c")) == ("pair", ["%7C", "b|c"])
    findings = consolidate([flag("x", subject=left), flag("y", subject=right)], history)
    assert [f.tally.organisations for f in findings] == [2, 2]


def test_an_identical_flag_is_shown_once_and_a_rule_without_subject_stands_alone() -> None:
    third_party = flag("third-party-rule", actors=("kavlinge",))
    findings = consolidate([third_party, third_party, flag("other")], HISTORY)
    assert [len(f.flags) for f in findings] == [1, 1]


def test_a_title_says_how_many_more_the_same_rule_found_on_the_subject() -> None:
    """Two gaps Lomma states are one finding; its title must not hide the second."""

    def gap(quote: str) -> Flag:
        title = bilingual(f"Glapp: Lomma kommun (”{quote}”)", f"Gap: Lomma kommun (”{quote}”)")
        return flag("stated-gap", subject="actor:lomma", title=title)

    [one] = consolidate([gap("Chefsrekrytering"), gap("Chefsrekrytering")], HISTORY)
    assert one.title.sv == "Glapp: Lomma kommun (”Chefsrekrytering”)"
    [two] = consolidate([gap("Chefsrekrytering"), gap("Ingen arbetsmarknadsenhet")], HISTORY)
    assert two.title.sv == "Glapp: Lomma kommun (”Chefsrekrytering”) och 1 till"
    assert two.title.en == "Gap: Lomma kommun (”Chefsrekrytering”) and 1 more"
    other_rule = flag("isolated-actor", Severity.LOW, subject="actor:lomma")
    [three] = consolidate([gap("Chefsrekrytering"), other_rule], HISTORY)
    assert three.title.sv == "Glapp: Lomma kommun (”Chefsrekrytering”)"


def test_a_sentence_two_flags_both_say_is_read_once_and_quotes_stay_whole() -> None:
    pair = pair_subject("pair", "kavlinge", "af")
    exists = "Med Arbetsförmedlingen finns: Kävlinge kommun – Arbetsförmedlingen (operativ. svag)."
    first = "Kävlinge kommun önskar ett forum: ”Ett forum. Två gånger om året.” " + exists
    second = "Kävlinge kommun önskar mål: ”Mål följs upp. Inte i dag!” " + exists
    wishes = [
        flag("wish", subject=pair, explanation=bilingual(text, text), evidence=(row,))
        for text, row in (
            (first, Provenance("k.xlsx", "Glapp", 2)),
            (second, Provenance("k.xlsx", "Glapp", 3)),
        )
    ]
    [finding] = consolidate(wishes, HISTORY)
    told = " ".join(finding.told("sv"))
    assert told.count("Med Arbetsförmedlingen finns") == 1
    assert "”Ett forum. Två gånger om året.”" in told and "”Mål följs upp. Inte i dag!”" in told
    assert told.endswith("”Mål följs upp. Inte i dag!”")


def test_the_score_adds_severity_reach_groups_statement_sources_and_rules() -> None:
    pair = pair_subject("pair", "kavlinge", "af")
    rows = (Provenance("k.xlsx", "Kontakter", 2, "intervju-1"),)
    told = (Provenance("k.xlsx", "Glapp", 3, "intervju-2"),)
    a = flag("weak", subject=pair, contacts=("c",), evidence=rows)
    b = flag("wish", subject=pair, stated=True, evidence=told)
    [finding] = consolidate([a, b], HISTORY)
    # medium 20 + 2 organisations 2 + 1 target group 3 + stated 5 + 2 sources 1 + 2 rules 2
    assert finding.score == 33
    assert finding.why("sv") == (
        "medel allvarlighet, 2 organisationer, 1 målgrupp, sagt i källorna, 2 källor och 2 regler"
    )
    assert finding.why("en").startswith("medium severity, 2 organisations, 1 target group")


def test_findings_are_ranked_by_score_then_severity_then_subject() -> None:
    low = flag("a", Severity.LOW, subject="actor:lomma")
    high = flag("b", Severity.HIGH, subject="actor:kavlinge")
    also_low = flag("c", Severity.LOW, subject="actor:af")
    assert [f.subject for f in consolidate([low, high, also_low], HISTORY)] == [
        "actor:kavlinge",
        "actor:af",
        "actor:lomma",
    ]
