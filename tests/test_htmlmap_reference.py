"""The reference map (maps/kavlinge-lomma-2017) in headless Chromium: what the issue promises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import REFERENCE_MAP
from helpers.page import (
    LABEL_OVERLAPS,
    LABEL_SIZES,
    assert_clean,
    build,
    click_node,
    drawn_nodes,
    labels_overlap_zoomed_in,
    node_ids,
    open_map,
    panel,
)

from samverkan.findings import source_titles
from samverkan.i18n import Lang
from samverkan.pipeline import find_project, read_map, run_analysis
from samverkan.plugins import get_plugins


@pytest.fixture
def reference_page(run_cli: Any, tmp_path: Path, browser_page: Any) -> Any:
    return open_map(browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"))


def test_every_actor_of_the_report_is_on_the_page(reference_page: Any, browser_page: Any) -> None:
    project = find_project([REFERENCE_MAP])
    samverkan_map, _ = read_map(project.files, get_plugins(), project.config.title)
    expected = {a.id for a in samverkan_map.actors()} | {f.id for f in samverkan_map.forums()}
    assert node_ids(reference_page) == expected
    assert len(expected) >= 30
    assert reference_page.inner_text("h1") == project.config.title
    assert_clean(browser_page)


def test_search_finds_larcentrum_and_focuses_it(reference_page: Any, browser_page: Any) -> None:
    reference_page.click("#search")
    reference_page.keyboard.type("Lärcentrum")
    suggestions = reference_page.locator("#search-suggestions li").all_inner_texts()
    assert suggestions and all("Lärcentrum" in s for s in suggestions)
    reference_page.keyboard.press("Enter")
    selected = reference_page.evaluate("window.samverkan.network.getSelectedNodes()")
    assert len(selected) == 1
    assert "Lärcentrum" in reference_page.inner_text("#details-body h3")
    centre = reference_page.evaluate("window.samverkan.network.getViewPosition()")
    where = reference_page.evaluate("id => window.samverkan.network.getPosition(id)", selected[0])
    assert abs(centre["x"] - where["x"]) < 1 and abs(centre["y"] - where["y"]) < 1
    assert_clean(browser_page)


def test_clicking_afs_kavlinge_office_shows_its_closure_and_sources(
    reference_page: Any, browser_page: Any
) -> None:
    office = reference_page.evaluate(
        "window.samverkan.nodes.get().find((n) => n.title.startsWith('AF:s kontor i Kävlinge')).id"
    )
    click_node(reference_page, office)
    assert reference_page.evaluate("window.samverkan.network.getSelectedNodes()") == [office]
    shown = panel(reference_page)
    assert shown.startswith("AF:s kontor i Kävlinge")
    assert "2017-02-01 · stängning" in shown
    events = reference_page.locator("#details-body h4:has-text('Händelser') + ul").inner_text()
    assert ".xlsx, blad Händelser, rad " in events and "källa " in events
    sources = reference_page.locator("#details-body h4:has-text('Källor') + ul").inner_text()
    assert ".xlsx, blad Aktörer, rad " in sources
    assert_clean(browser_page)


def test_the_beredningsgrupp_meets_2_5_times_a_year_written_the_swedish_way(
    reference_page: Any, browser_page: Any
) -> None:
    """'2–3 ggr/år' is recorded as 2.5: the panel and the list say 2,5, never 2.5."""
    click_node(reference_page, "beredningsgrupp-kavlinge")
    cadence = reference_page.locator("#details-body h4:has-text('Möten per år') + *").inner_text()
    assert cadence == "2,5"
    reference_page.click("#list-toggle")
    forums = reference_page.locator("#list-body table").nth(1)
    row = forums.locator("tr:has-text('Strategisk beredningsgrupp Kävlinge')")
    assert "2,5" in row.inner_text() and "2.5" not in row.inner_text()
    assert_clean(browser_page)


def test_the_flags_panel_focuses_the_flagged_elements(
    reference_page: Any, browser_page: Any
) -> None:
    first = reference_page.locator("#flags-body li.flag").first
    index = int(first.get_attribute("data-flag") or "-1")
    concerned = reference_page.evaluate(
        "i => { const f = window.samverkan.flags[i]; return [f.nodes, f.edges]; }", index
    )
    first.locator("button").click()
    selected_nodes = set(reference_page.evaluate("window.samverkan.network.getSelectedNodes()"))
    selected_edges = set(reference_page.evaluate("window.samverkan.network.getSelectedEdges()"))
    assert selected_nodes | selected_edges
    assert selected_nodes <= set(concerned[0]) and selected_edges <= set(concerned[1])
    assert selected_nodes == set(concerned[0]) & drawn_nodes(reference_page)
    assert reference_page.inner_text("#details-body h3") == first.locator("button").inner_text()
    assert_clean(browser_page)


def test_the_panel_numbers_each_finding_with_the_rank_gaps_gives_it(
    run_cli: Any, reference_page: Any, browser_page: Any
) -> None:
    """Grouped by severity, but numbered by rank: Anders Törnquist (high) is 6th, after
    two medium findings that score more, in the CLI, the report and the map alike."""
    ranked = json.loads(run_cli("gaps", REFERENCE_MAP, "--json", "--all").stdout)["findings"]
    entries = reference_page.locator("#flags-body li.flag").all()
    shown = [
        (int(e.locator(".rank").inner_text().rstrip(".")), e.locator("button").inner_text())
        for e in entries
    ]
    assert sorted(shown) == [(f["rank"], f["title"]) for f in ranked]
    assert [rank for rank, _title in shown][:4] == [1, 2, 6, 3]  # hög: 1, 2, 6; then medel
    concerns = [e.locator("div.muted").inner_text() for e in entries]
    assert any(c.endswith(" till") for c in concerns)  # a long list is cut: "… och 8 till"
    # Lomma's gap about AF concerns two contacts Lomma kommun – Arbetsförmedlingen: named once
    [lomma] = [
        c
        for (_r, t), c in zip(shown, concerns, strict=True)
        if t.startswith("Glapp: Lomma kommun –")
    ]
    assert lomma.count("Lomma kommun – Arbetsförmedlingen") == 1
    assert_clean(browser_page)


def test_the_panel_opens_with_the_seven_to_take_up_as_the_report_lists_them(
    run_cli: Any, reference_page: Any, browser_page: Any
) -> None:
    ranked = json.loads(run_cli("gaps", REFERENCE_MAP, "--json").stdout)["findings"][:7]
    assert reference_page.inner_text("#flags-body h3.most-important") == "Viktigast att ta upp (7)"
    top = reference_page.locator("#flags-body ul.most-important li").all()
    assert [e.locator("button").inner_text() for e in top] == [f["title"] for f in ranked]
    assert [e.locator("div.muted").inner_text() for e in top] == [f["why"] for f in ranked]
    top[5].locator("button").click()  # Anders Törnquist
    assert reference_page.inner_text("#details-body h3") == ranked[5]["title"]
    assert_clean(browser_page)


def test_a_finding_of_several_rules_explains_itself_a_paragraph_per_flag(
    reference_page: Any, browser_page: Any
) -> None:
    reference_page.click(
        "#flags-body button:text-is('Försämrad kontakt: Kävlinge kommun – Arbetsförmedlingen (operativ)')"
    )
    told = reference_page.locator("#details-body h4 + ul").first.locator("li").all_inner_texts()
    assert len(told) >= 5
    assert told[0].startswith(
        "Kontakten Kävlinge kommun – Arbetsförmedlingen (operativ, vuxna, svag)"
    )
    assert "Källor: " in told[-1] and not any("Källor: " in t for t in told[:-1])
    assert_clean(browser_page)


def test_no_two_labels_overlap_at_the_opening_zoom_nor_zoomed_in(reference_page: Any) -> None:
    result = reference_page.evaluate(LABEL_OVERLAPS)
    assert result["labels"] >= 10  # the important ones; the rest show when zoomed in
    assert result["hits"] == []
    around = sorted(reference_page.evaluate("window.samverkan.shown().nodes"))
    assert labels_overlap_zoomed_in(reference_page, around) == []


def test_the_important_labels_are_readable_at_the_opening_zoom(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    browser_page.page.set_viewport_size({"width": 1600, "height": 1000})
    page = open_map(browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"))
    # the map as it opens: font size x view scale, on the screen
    sizes = page.evaluate(LABEL_SIZES)
    top = dict(sizes[:10])
    assert len(top) == 10 and min(top.values()) >= 12
    # the organisations with the most contacts and forums are among them
    assert {"kavlinge", "lomma", "af", "fk"} <= set(top)
    # the others are not drawn as unreadable specks: every drawn label is readable
    assert min(size for _, size in sizes) >= 12
    assert_clean(browser_page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_flag_shows_the_rules_whole_explanation_with_its_sources(
    lang: Lang, run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    analysis, _ = run_analysis(find_project([REFERENCE_MAP]), get_plugins(), lang, None)
    page = open_map(
        browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "k.html", "--lang", lang)
    )
    lead = "Källor" if lang == "sv" else "Sources"
    # the panel lists findings; one of a single flag shows that flag's whole explanation,
    # and the page writes the sentence naming its sources from the evidence
    index, finding, titles = next(
        (i, f, source_titles(analysis.map, f.evidence))
        for i, f in enumerate(analysis.findings)
        if len(f.flags) == 1 and source_titles(analysis.map, f.evidence)
    )
    page.click(f"#flags-body li[data-flag='{index}'] button")
    assert page.inner_text("#details-body h3") == finding.title.text(lang)
    explanation = page.locator("#details-body h4 + ul").first.inner_text()
    sentence = f" {lead}: " + "; ".join(titles) + "."
    assert explanation == finding.flags[0].explanation.text(lang) + sentence
    assert_clean(browser_page)
