"""What the exporter writes into the page: title, languages, lean data, safe JSON."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from helpers import REFERENCE_MAP
from helpers.maps import national_map, reference_like_map
from samverkanskartan.htmlmap import render, script_safe_json
from samverkanskartan.htmlmap.payload import (
    DRAW_FIELDS,
    ON_DEMAND,
    UI,
    build_payload,
    split_payload,
)

from samverkan.contract import Analysis
from samverkan.i18n import Lang
from samverkan.pipeline import find_project, run_analysis
from samverkan.plugins import get_plugins


@pytest.mark.parametrize(
    ("lang", "title"), [("sv", "Samverkanskarta"), ("en", "Collaboration map")]
)
def test_a_map_without_title_gets_a_default_one(lang: str, title: str) -> None:
    samverkan_map = reference_like_map()
    samverkan_map.title = ""
    payload = build_payload(Analysis(samverkan_map, [], lang, date(2017, 4, 30)))  # type: ignore[arg-type]
    assert payload["title"] == title
    assert f"<title>{title}</title>" in render(payload)


def test_every_interface_text_exists_in_both_languages() -> None:
    for key, msg in UI.items():
        assert msg.sv.strip() and msg.en.strip(), key
    differing = [k for k, m in UI.items() if m.sv != m.en]
    assert len(differing) > len(UI) * 0.9


def test_json_in_the_page_cannot_close_its_script_element() -> None:
    text = script_safe_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


def test_a_national_map_stays_lean(tmp_path: Path) -> None:
    samverkan_map = national_map(2000)
    payload = build_payload(Analysis(samverkan_map, [], "sv", date(2017, 4, 30)))
    size = len(script_safe_json(payload).encode("utf-8"))
    facts = len(payload["actors"]) + len(payload["forums"]) + len(payload["contacts"])
    assert len(payload["contacts"]) == 4000
    assert size / facts < 120  # bytes per fact: references are indexes, empty fields left out
    contact = payload["contacts"][0]
    assert isinstance(contact["a"], int) and isinstance(contact["b"], int)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_findings_are_lean_and_wait_for_the_first_draw(lang: Lang) -> None:
    analysis, _ = run_analysis(find_project([REFERENCE_MAP]), get_plugins(), lang, None)
    payload = build_payload(analysis)
    contact_ids = [c["id"] for c in payload["contacts"]]
    # the page lists findings, ranked, not the rule hits they gather
    assert [r["p"] for r in payload["flags"]] == [f.score for f in analysis.findings]
    assert len(payload["flags"]) < len(analysis.flags)
    for finding, record, (title, told, why) in zip(
        analysis.findings,
        payload["flags"],
        payload["flagTexts"][: len(payload["flags"])],
        strict=True,
    ):
        assert title == finding.title.text(lang) and why == finding.why(lang)
        assert payload["flagRules"][record["r"]] == ", ".join(finding.rules)
        assert [contact_ids[i] for i in record.get("c", [])] == list(finding.contacts)
        # what the flags tell, a paragraph each; the page names the sources from the evidence
        assert told == finding.told(lang)
        assert len(record["e"]) == len(finding.evidence)

    first, late = split_payload(payload)
    assert "flags" not in first and "flagTexts" not in first and "persons" not in first
    for key, fields in DRAW_FIELDS.items():
        assert all(set(record) <= fields for record in first[key])
        merged = [{**a, **b} for a, b in zip(first[key], late[key], strict=True)]
        assert merged == payload[key]  # nothing lost, nothing repeated
    # the simulations' findings go in a block of their own (render), parsed on demand
    assert set(first) | set(late) | ON_DEMAND == set(payload)
    assert not (set(first) | set(late)) & ON_DEMAND
    assert not set(first) & set(late) - set(DRAW_FIELDS)


@pytest.mark.skipif(
    not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="the reference map is not built yet"
)
def test_the_findings_and_counts_follow_the_time_slider() -> None:
    from samverkan.pseudonymize import pseudonymize

    analysis, _ = run_analysis(find_project([REFERENCE_MAP]), get_plugins(), "sv", None)
    payload = build_payload(analysis)
    timeline = payload["timeline"]

    def titles(day: str) -> list[str]:
        return [payload["flagTexts"][r["t"]][0] for r in timeline[day]["findings"]]

    # every day the slider offers: the analysis day and each event's day and the day before
    assert "2017-04-30" in timeline and "2017-01-31" in timeline and "2017-02-01" in timeline
    # the office closes on 2017-02-01: not a finding the day before, one from that day on
    assert "AF:s kontor i Kävlinge har stängt" not in titles("2017-01-31")
    assert "AF:s kontor i Kävlinge har stängt" in titles("2017-02-01")
    # on the analysis day, the same findings as the panel's, in the same order
    assert titles("2017-04-30") == [
        text[0] for text in payload["flagTexts"][: len(payload["flags"])]
    ]
    # the header's counts are the report's: the map as of that day
    current = analysis.map.as_of(date(2017, 4, 30)).summary()
    counts = timeline["2017-04-30"]["counts"]
    assert (counts["actors"], counts["forums"], counts["contacts"]) == (
        current["actors"],
        current["forums"],
        current["contacts"],
    )
    assert counts["findings"] == len(payload["flags"])
    # a finding that holds on many days has its texts once
    texts = [json.dumps(t, ensure_ascii=False) for t in payload["flagTexts"]]
    assert len(set(texts[len(payload["flags"]) :])) == len(texts) - len(payload["flags"])
    # pseudonymised, the other days are rewritten too
    hidden = json.dumps(build_payload(pseudonymize(analysis)), ensure_ascii=False)
    assert "Anders Törnquist" not in hidden and "Törnquist" in json.dumps(
        payload, ensure_ascii=False
    )


def test_no_timeline_without_rules_to_run_again() -> None:
    samverkan_map = national_map(20)
    assert build_payload(Analysis(samverkan_map, [], "sv", date(2017, 4, 30)))["timeline"] == {}


def test_the_panels_short_list_is_as_long_as_the_reports(tmp_path: Path) -> None:
    """[rapport] viktigast sets both: the map's 'Viktigast att ta upp' is the report's."""
    project = tmp_path / "karta"
    shutil.copytree(REFERENCE_MAP, project, ignore=shutil.ignore_patterns("utdata"))
    config = project / "samverkan.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n[rapport]\nviktigast = 3\n", encoding="utf-8"
    )
    analysis, _ = run_analysis(find_project([project]), get_plugins(), "sv", None)
    assert build_payload(analysis)["mostImportant"] == 3
