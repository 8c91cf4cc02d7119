"""The reference map's findings and counts follow the time slider, as a reader sees them."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import REFERENCE_MAP
from helpers.page import assert_clean, build, open_map

pytestmark = pytest.mark.skipif(
    not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="no reference map"
)

CLOSED = "AF:s kontor i Kävlinge har stängt"
ANNOUNCED = "AF:s kontor i Kävlinge: stängning 2017-02-01"


def slide_to(page: Any, day: str) -> None:
    """Move the time slider the way a reader does: to the position of that day."""
    days: list[str] = page.evaluate("window.samverkan.days")
    page.locator("#time").fill(str(days.index(day)))


def header_counts(page: Any) -> dict[str, int]:
    return {
        key: int(page.inner_text(f"#count-{key}"))
        for key in ("actors", "forums", "contacts", "findings")
    }


def report_counts(run_cli: Any, tmp_path: Path, day: str) -> dict[str, int]:
    """The key figures of the report `samverkan map --at DAY` writes beside the map."""
    build(run_cli, REFERENCE_MAP, tmp_path / day / "karta.html", "--at", day)
    report = (tmp_path / day / "karta-rapport.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", report))
    findings = sum(int(v) for k, v in figures.items() if k.startswith("Fynd med"))
    return {
        "actors": int(figures["Aktörer"]),
        "forums": int(figures["Forum"]),
        "contacts": int(figures["Strategiska kontakter"]) + int(figures["Operativa kontakter"]),
        "findings": findings,
    }


def gaps_total(run_cli: Any, day: str) -> int:
    result = run_cli("gaps", REFERENCE_MAP, "--at", day, "--json")
    total: int = json.loads(result.output)["findings_total"]
    return total


def test_findings_and_counts_follow_the_slider_and_match_report_and_gaps(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"))
    assert CLOSED in page.inner_text("#flags-body")  # the analysis day, 2017-04-30
    assert header_counts(page) == report_counts(run_cli, tmp_path, "2017-04-30")

    slide_to(page, "2016-12-14")
    findings = page.inner_text("#flags-body")
    assert CLOSED not in findings and ANNOUNCED in findings  # announced, not yet closed
    counts = header_counts(page)
    assert counts == report_counts(run_cli, tmp_path, "2016-12-14")
    assert counts["findings"] == gaps_total(run_cli, "2016-12-14")
    assert page.inner_text("#flags summary") == f"Fynd ({counts['findings']})"
    # the marks on the map follow too: the office carries its announced closure's mark
    page.evaluate("window.samverkan.select('af-kavlinge')")
    assert ANNOUNCED in page.inner_text("#details-body")
    assert CLOSED not in page.inner_text("#details-body")

    slide_to(page, "2017-02-01")
    assert CLOSED in page.inner_text("#flags-body")
    assert CLOSED in page.inner_text("#details-body")  # the details follow the date
    assert header_counts(page)["findings"] == gaps_total(run_cli, "2017-02-01")
    assert_clean(browser_page)


def test_the_list_view_shows_the_findings_of_the_chosen_day(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"))
    slide_to(page, "2016-12-14")
    page.click("#list-toggle")
    listed = page.inner_text("#list-body")
    assert ANNOUNCED in listed and CLOSED not in listed
    page.click("#list-toggle")
    slide_to(page, "2017-04-30")
    page.click("#list-toggle")
    assert CLOSED in page.inner_text("#list-body")
    assert_clean(browser_page)


def test_the_reorganisation_moves_ekonomiskt_bistand_to_the_bildningsnamnd(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"))
    old = "ekonomiskt-bistand-kavlinge<socialnamnden-kavlinge"
    new = "ekonomiskt-bistand-kavlinge<bildningsnamnden-kavlinge"

    def part_of() -> str:
        page.evaluate("window.samverkan.select('ekonomiskt-bistand-kavlinge')")
        text: str = page.inner_text("#details-body")
        return text.split("Tillhör", 1)[1].split("\n")[1]

    slide_to(page, "2017-08-31")
    shown = page.evaluate("window.samverkan.shown().edges")
    assert old in shown and new not in shown
    assert part_of() == "Socialnämnden Kävlinge"
    slide_to(page, "2017-09-01")
    shown = page.evaluate("window.samverkan.shown().edges")
    assert new in shown and old not in shown
    assert part_of() == "Bildningsnämnden Kävlinge"
    assert_clean(browser_page)


def test_a_map_without_findings_for_every_day_says_whose_findings_it_lists(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    """Above the timeline's limits (payload.py) the panel keeps the analysis day's findings;
    on any other day it says so and names the command, and the header does not count them."""
    project = tmp_path / "en-ingang"
    shutil.copytree(Path(__file__).parent / "fidelity" / "en-ingang-linkoping", project)
    data = json.loads((project / "karta.json").read_text(encoding="utf-8"))
    data["events"] += [
        {
            "id": f"mote-{week}",
            "date": (date(2017, 1, 2) + timedelta(weeks=week)).isoformat(),
            "kind": "annat",
            "actor": "en-ingang",
            "source": "lp-artikel",
        }
        for week in range(40)  # 80 slider days, above TIMELINE_DAYS
    ]
    (project / "karta.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    page = open_map(browser_page, build(run_cli, project, tmp_path / "karta.html"))
    assert len(page.evaluate("window.samverkan.days")) > 60
    assert not page.is_visible("#flags-day")
    findings = header_counts(page)["findings"]
    assert findings > 0 and page.inner_text("#flag-count") == str(findings)

    slide_to(page, "2017-03-13")
    note = page.inner_text("#flags-day")
    assert "Fynden i listan gäller analysdagen 2017-12-31" in note
    assert "samverkan gaps PROJEKT --at 2017-03-13" in note
    assert page.inner_text("#count-findings") == "–"
    slide_to(page, "2017-12-31")
    assert not page.is_visible("#flags-day")
    assert header_counts(page)["findings"] == findings
    assert_clean(browser_page)


def test_the_header_counts_one_as_one_on_every_day(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    """'1 kontakt', never '1 kontakter', also after the slider has moved."""
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    header = page.inner_text("#counts")  # the office has closed, and its contact with it
    assert "3 aktörer · 1 forum · 1 kontakt · " in header
    slide_to(page, "2017-01-31")
    assert "4 aktörer · 1 forum · 2 kontakter · " in page.inner_text("#counts")
    slide_to(page, "2017-02-01")
    assert "3 aktörer · 1 forum · 1 kontakt · " in page.inner_text("#counts")
    english = build(run_cli, small_workbook, tmp_path / "en" / "karta.html", "--lang", "en")
    page = open_map(browser_page, english)
    assert "3 actors · 1 forum · 1 contact · " in page.inner_text("#counts")
    assert_clean(browser_page)
