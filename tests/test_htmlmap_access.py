"""Accessibility (WCAG 2.1 AA, as Swedish public bodies must meet): axe-core finds nothing on
the map, the report and the change map; the keyboard reaches every node and line; "Lista"
gives the picture's content as tables a screen reader can read."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from helpers import REFERENCE_MAP
from helpers.page import assert_clean, build, open_map

reference = pytest.mark.skipif(
    not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="the reference map is not built"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@cache
def axe_script() -> str:
    """axe-core as shipped in the axe-playwright-python wheel (the `test` extra)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def violations(page: Any) -> list[str]:
    # Evaluated, not added as a <script>: the pages' Content-Security-Policy would block it.
    page.evaluate(axe_script())
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@reference
def test_axe_finds_nothing_on_the_map_the_report_and_the_change_map(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    target = build(run_cli, REFERENCE_MAP, tmp_path / "karta.html")
    page = open_map(browser_page, target)
    assert violations(page) == []
    page.click("#list-toggle")  # the text alternative too
    assert violations(page) == []
    page.click("#list-toggle")
    page.click("button.link.flag-title >> nth=0")  # a panel with details and sources
    assert violations(page) == []

    page.goto((tmp_path / "karta-rapport.html").as_uri())
    assert violations(page) == []

    change_map = tmp_path / "diff.html"
    result = run_cli(
        "diff", REFERENCE_MAP, "--from", "2016-12-31", "--to", "2017-04-30", "--html", change_map
    )
    assert result.exit_code == 0, result.stderr
    page = open_map(browser_page, change_map)
    assert violations(page) == []
    assert_clean(browser_page)


def test_the_keyboard_reaches_every_node_and_line_with_a_visible_focus(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    page.focus("#search")
    for _ in range(30):  # Tab from the search box until the map has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "map":
            break
    assert page.evaluate("document.activeElement.id") == "map"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    nodes = set(page.evaluate("window.samverkan.nodes.getIds()"))
    lines = set(page.evaluate("window.samverkan.shown().edges"))
    heard_nodes: list[str] = []
    heard_lines: set[str] = set()
    for _ in nodes:
        page.keyboard.press("ArrowRight")
        heard_nodes.append(page.inner_text("#map-focus"))
        for _ in range(6):
            page.keyboard.press("ArrowDown")
            heard_lines.add(page.inner_text("#map-focus"))
    names = {"Kävlinge kommun", "Lomma kommun", "Arbetsförmedlingen", "AF:s kontor i Kävlinge"}
    assert {heard.split(",")[0] for heard in heard_nodes} == names | {"KSAU Lomma"}
    assert len([h for h in heard_lines if " – " in h]) == len(lines)  # every line heard once
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    assert page.inner_text("#details-body h3") == heard_nodes[0].split(",")[0]
    # The ring is drawn on the canvas: a picture with the focus differs from one without.
    with_ring = page.evaluate("document.querySelector('#map canvas').toDataURL()")
    page.focus("#search")
    without = page.evaluate("document.querySelector('#map canvas').toDataURL()")
    assert with_ring != without
    assert_clean(browser_page)


def test_lista_shows_actors_forums_contacts_and_flags_with_the_same_filters(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    page.click("#list-toggle")
    assert page.is_visible("#list-view")
    captions = page.locator("#list-view caption").all_inner_texts()
    assert captions[:3] == ["Aktörer (4)", "Forum (1)", "Kontakter (2)"]
    assert captions[3].startswith("Fynd (")  # findings, one per subject
    first_column = page.locator("#list-view table >> nth=0").locator("tbody td:first-child")
    assert first_column.all_inner_texts() == [
        "AF:s kontor i Kävlinge",
        "Arbetsförmedlingen",
        "Kävlinge kommun",
        "Lomma kommun",
    ]
    page.select_option("#filter-municipality", "Lomma")
    assert page.locator("#list-view caption").all_inner_texts()[0] == "Aktörer (1)"
    assert "Kommun: Lomma" in page.inner_text("#list-view")
    page.click("#reset-filters")
    page.click("#list-view button.link:has-text('Lomma kommun') >> nth=0")
    assert not page.is_visible("#list-view")  # back on the map, with the actor chosen
    assert page.inner_text("#details-body h3") == "Lomma kommun"
    assert_clean(browser_page)


def test_a_screen_reader_hears_one_finding_as_one_in_english(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    """'Arbetsförmedlingen, agency, 1 finding', never '1 findings'."""
    target = build(run_cli, small_workbook, tmp_path / "karta.html", "--lang", "en")
    page = open_map(browser_page, target)
    page.focus("#map")
    heard = []
    for _ in page.evaluate("window.samverkan.nodes.getIds()"):
        page.keyboard.press("ArrowRight")
        heard.append(page.inner_text("#map-focus"))
    assert any(h.endswith(", 1 finding") for h in heard), heard
    assert not any(h.endswith(", 1 findings") for h in heard)
    assert_clean(browser_page)
