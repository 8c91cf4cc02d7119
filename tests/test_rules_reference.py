"""The findings of the Kävlinge–Lomma report, found by the rules in the reference map."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import REFERENCE_MAP

pytestmark = pytest.mark.skipif(
    not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="the reference map is not built"
)


@pytest.fixture(scope="module")
def flags() -> list[dict[str, Any]]:
    from click.testing import CliRunner

    from samverkan.cli import build_cli

    result = CliRunner().invoke(build_cli(), ["gaps", str(REFERENCE_MAP), "--json"])
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["flags"])


def found(flags: list[dict[str, Any]], rule: str, *actors: str) -> list[dict[str, Any]]:
    return [f for f in flags if f["rule"] == rule and set(actors) <= {a["id"] for a in f["actors"]}]


def test_the_closed_af_office_in_kavlinge_and_the_contacts_that_went_with_it(flags) -> None:
    [flag] = found(flags, "lost-local-presence", "af-kavlinge", "kavlinge", "af")
    assert flag["severity"] == "high"
    assert "kavlinge-af-vuxna-fore" in flag["contacts"]
    assert "AF:s kontor i Kävlinge (Arbetsförmedlingen) stängde 2017-02-01" in flag["explanation"]
    assert "Strategisk beredningsgrupp Kävlinge" in flag["explanation"]
    assert any(e["sheet"] == "Händelser" for e in flag["evidence"])


def test_kavlinge_and_af_work_operationally_without_a_strategic_platform(flags) -> None:
    [flag] = found(flags, "operational-without-strategic", "kavlinge", "af")
    assert "Kävlinge kommun samverkar operativt" in flag["explanation"]
    assert not found(flags, "operational-without-strategic", "lomma", "af")  # KSAU 2 ggr/år


def test_anders_tornquist_carries_business_links_for_both_municipalities(flags) -> None:
    [flag] = [
        f
        for f in found(flags, "single-carrier", "af", "kavlinge", "lomma")
        if "Anders Törnquist" in f["title"]
    ]
    assert flag["severity"] == "high"
    assert "flera kommuner: Kävlinge och Lomma" in flag["explanation"]
    assert {e["source"] for e in flag["evidence"]} == {"bilaga-kavlinge", "intervju-lomma"}


def test_young_adults_over_20_who_stay_at_home_are_reached_by_nobody(flags) -> None:
    [flag] = found(flags, "uncovered-target-group", "kavlinge", "lomma")
    assert "”unga vuxna över 20 som stannar hemma”" in flag["explanation"]


def test_kavlinges_wish_for_a_strategic_platform_with_af_twice_a_year_is_unmet(flags) -> None:
    wishes = found(flags, "unmet-wish", "kavlinge", "af")
    assert any(
        "strategisk samverkan med Arbetsförmedlingen, 2 ggr/år" in f["title"] for f in wishes
    )
    assert all("Ingen kontakt och inget aktivt forum" in f["explanation"] for f in wishes)


def test_the_preparation_group_lost_af_as_a_member(flags) -> None:
    [flag] = found(flags, "infrequent-or-dormant-forum", "af-kavlinge", "af")
    assert [f["id"] for f in flag["forums"]] == ["beredningsgrupp-kavlinge"]
    assert "Arbetsförmedlingen är inte längre med" in flag["explanation"]


def test_the_diff_over_the_closure_shows_what_it_removed(run_cli) -> None:
    result = run_cli("diff", REFERENCE_MAP, "--from", "2016-12-31", "--to", "2017-04-30", "--json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)
    assert "af-kavlinge" in [a["id"] for a in changes["actors"]["removed"]]
    removed = {c["id"] for c in changes["contacts"]["removed"]}
    assert {"kavlinge-af-vuxna-fore", "kavlinge-afk-beredningsgrupp-fore"} <= removed
    assert {
        "forum": {"id": "beredningsgrupp-kavlinge", "name": "Strategisk beredningsgrupp Kävlinge"},
        "actor": {"id": "af-kavlinge", "name": "AF:s kontor i Kävlinge"},
    } in changes["forums"]["members_removed"]
    appeared = {f["rule"] for f in changes["flags"]["appeared"]}
    assert {"lost-local-presence", "operational-without-strategic"} <= appeared
    table = run_cli("diff", REFERENCE_MAP, "--from", "2016-12-31", "--to", "2017-04-30").stdout
    assert "Aktörer som försvunnit (" in table and "- AF:s kontor i Kävlinge (kontor)" in table


# --- findings: the report's six findings, ranked, in at most 25 ------------------------------


@pytest.fixture(scope="module")
def findings() -> list[dict[str, Any]]:
    from click.testing import CliRunner

    from samverkan.cli import build_cli

    result = CliRunner().invoke(build_cli(), ["gaps", str(REFERENCE_MAP), "--json", "--all"])
    assert result.exit_code == 0, result.stderr
    return list(json.loads(result.stdout)["findings"])


def rank_of(findings: list[dict[str, Any]], rule: str, text: str) -> int:
    """The rank of the finding holding a flag of `rule` whose title or explanation has `text`."""
    for finding in findings:
        for flag in finding["flags"]:
            if flag["rule"] == rule and text in flag["title"] + flag["explanation"]:
                return int(finding["rank"])
    raise AssertionError(f"no {rule} flag with {text!r}")


REPORT_FINDINGS = [
    ("lost-local-presence", "AF:s kontor i Kävlinge har stängt"),
    ("single-carrier", "Anders Törnquist"),
    ("uncovered-target-group", "unga vuxna över 20 som stannar hemma"),
    ("unmet-wish", "En strategisk plattform tillsammans med AF"),
    ("weak-or-degraded-contact", "Försämrad kontakt: Kävlinge kommun – Arbetsförmedlingen"),
    ("organisational-change", "Ekonomiskt bistånd Kävlinge flyttas till Bildningsnämnden"),
]


@pytest.mark.parametrize(("rule", "text"), REPORT_FINDINGS)
def test_the_report_findings_are_in_the_top_ten(findings, rule: str, text: str) -> None:
    assert rank_of(findings, rule, text) <= 10


def test_at_most_25_findings_and_none_repeats(findings) -> None:
    assert len(findings) <= 25
    assert len({f["subject"] for f in findings}) == len(findings)
    titles = [f["title"] for f in findings]
    assert len(set(titles)) == len(titles)


def test_kavlinges_five_wishes_for_af_are_one_finding_with_the_missing_platform(findings) -> None:
    [finding] = [f for f in findings if f["subject"] == "pair:af|kavlinge"]
    wishes = [f for f in finding["flags"] if f["rule"] == "unmet-wish"]
    assert len(wishes) == 5
    assert "operational-without-strategic" in finding["rules"]


def test_units_reached_through_their_municipality_are_no_structure_findings(flags) -> None:
    assert not [f for f in flags if f["rule"] in ("cut-point", "bridge")]
    isolated = {a["id"] for f in flags if f["rule"] == "isolated-actor" for a in f["actors"]}
    # units of connected municipalities, and organisations a wish names, are not isolated
    assert not isolated & {"bildningsnamnden-kavlinge", "syv-lomma", "lund", "hassela-movement"}
