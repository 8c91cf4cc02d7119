"""The HTML map as a steering group uses it, in a real headless Chromium.

Each test builds a map with `samverkan map`, opens the file offline and does what a reader
does: looks at the legend, searches, filters, clicks, follows flags, moves in time, saves a
picture, prints. The page's `window.samverkan` API is used only to read what is drawn.
"""

from __future__ import annotations

import html as html_text
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from helpers import ACTORS_HEADER, CONTACTS_HEADER, bilingual, write_workbook
from helpers.page import (
    PNG_SIGNATURE,
    assert_clean,
    build,
    click_node,
    drawn_edges,
    drawn_nodes,
    node_ids,
    open_map,
    panel,
)

from samverkan import hookimpl
from samverkan.contract import RuleContext
from samverkan.model import Flag, Provenance, Severity

# --- every actor, the legend, offline ---------------------------------------------------------


def test_map_opens_offline_with_every_actor_and_the_legend(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    target = build(run_cli, small_workbook, tmp_path / "karta.html")
    html = target.read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = html_text.unescape(csp.group(1))
    assert "default-src 'none'" in policy
    assert "unsafe" not in policy.split("script-src")[1].split(";")[0]

    page = open_map(browser_page, target)
    assert node_ids(page) == {"kavlinge", "lomma", "af", "af-kavlinge", "ksau-lomma"}
    assert drawn_nodes(page) == node_ids(page)  # nothing hidden on the analysis day
    legend = page.inner_text("#legend")
    for word in ("Teckenförklaring", "kommun", "myndighet", "kontor", "Forum (mötesarena)"):
        assert word in legend
    for word in ("strategisk", "operativ", "Deltar i forum", "hög", "medel", "låg"):
        assert word in legend
    assert page.is_visible("#legend-body")
    assert page.inner_text("h1") == "Samverkanskarta"  # files, not a project: no title given
    assert page.title() == "Samverkanskarta"
    assert_clean(browser_page)


def test_kinds_forums_and_levels_are_drawn_differently(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    look = page.evaluate(
        """() => {
          const body = window.samverkan.network.body;
          const node = (id) => [body.nodes[id].options.shape, body.nodes[id].options.color.background];
          const edge = (id) => [body.edges[id].options.dashes, body.edges[id].options.width, body.edges[id].options.color.color];
          const contacts = Object.keys(body.edges).filter((id) => !id.includes('>') && !id.includes('<'));
          return {kommun: node('lomma'), agency: node('af'), forum: node('ksau-lomma'),
                  edges: Object.fromEntries(contacts.map((id) => [id, edge(id)]))};
        }"""
    )
    assert look["kommun"] != look["agency"]
    assert look["forum"][0] == "diamond"
    assert look["forum"][0] not in (look["kommun"][0], look["agency"][0])
    strategic, operational = sorted(look["edges"].values(), key=lambda e: -e[1])
    assert strategic[0] is False and operational[0]  # operational contacts are dashed
    assert strategic[2] != operational[2]


# --- user text is text ------------------------------------------------------------------------

XSS_IMG = "<img src=x onerror=window.__xss=1>"
XSS_SCRIPT = "<script>window.__xss=2</script>"


@pytest.fixture
def hostile_workbook(tmp_path: Path) -> Path:
    """Markup in every kind of text a process leader types."""
    return write_workbook(
        tmp_path / "elak.xlsx",
        {
            "Aktörer": [
                [*ACTORS_HEADER, "Beskrivning"],
                [
                    "x1",
                    f"Kommun {XSS_IMG}",
                    "kommun",
                    None,
                    f"Ort {XSS_SCRIPT}",
                    f"Alias {XSS_SCRIPT}",
                    "src1",
                    f"Om {XSS_IMG}",
                ],
                ["x2", f"Myndighet {XSS_SCRIPT}", "myndighet", None, None, None, None, None],
            ],
            "Källor": [["ID", "Titel", "Typ"], ["src1", f"Intervju {XSS_IMG}", "intervju"]],
            "Personer": [
                ["Namn", "Roll", "Aktör"],
                [f"Person {XSS_IMG}", f"Roll {XSS_SCRIPT}", "x1"],
            ],
            "Forum": [
                ["Namn", "Nivå", "Medlemmar", "Målgrupper", "Beskrivning"],
                [
                    f"Forum {XSS_SCRIPT}",
                    "strategisk",
                    "x1; x2",
                    f"Grupp {XSS_IMG}",
                    f"Forumtext {XSS_SCRIPT}",
                ],
            ],
            "Kontakter": [
                [*CONTACTS_HEADER, "Beskrivning"],
                [
                    "x1",
                    "x2",
                    "operativ",
                    f"Grupp {XSS_IMG}",
                    "god",
                    f"Person {XSS_IMG}",
                    "src1",
                    f"Kontakttext {XSS_IMG}",
                ],
            ],
            "Händelser": [
                ["Datum", "Typ", "Aktör", "Beskrivning"],
                ["2017-02-01", "annat", "x1", f"Händelse {XSS_SCRIPT}"],
            ],
        },
    )


def assert_never_ran(browser_page: Any) -> None:
    page = browser_page.page
    assert browser_page.dialogs == []
    assert page.evaluate("window.__xss") is None
    scripts = "Array.from(document.querySelectorAll('script'), (s) => s.id || s.type || 'code')"
    assert page.evaluate(scripts) == [
        "map-data",
        "code",
        "code",
        "map-late",
        "map-whatif",
    ]  # data, vis, map, the rest of the data, the simulations' findings
    assert page.evaluate("document.querySelectorAll('img, iframe, svg').length") == 0
    assert_clean(browser_page)


def test_markup_in_the_sheets_is_shown_as_text_and_never_runs(
    run_cli: Any, hostile_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    target = build(run_cli, hostile_workbook, tmp_path / "karta.html")
    assert XSS_IMG not in target.read_text(encoding="utf-8")
    page = open_map(browser_page, target)

    page.evaluate("window.samverkan.select('x1')")
    shown = panel(page)
    for text in (
        f"Kommun {XSS_IMG}",
        f"Ort {XSS_SCRIPT}",
        f"Alias {XSS_SCRIPT}",
        f"Om {XSS_IMG}",
        f"Intervju {XSS_IMG}",
        f"Person {XSS_IMG}, Roll {XSS_SCRIPT}",
        f"Händelse {XSS_SCRIPT}",
        f"Grupp {XSS_IMG}",
        f"Forum {XSS_SCRIPT}",
    ):
        assert text in shown, text

    contact_id = page.evaluate(
        "Object.keys(window.samverkan.network.body.edges).find((id) => !id.includes('>'))"
    )
    page.evaluate("id => window.samverkan.select(id)", contact_id)
    assert f"Kontakttext {XSS_IMG}" in panel(page)
    assert f"Person {XSS_IMG}, Roll {XSS_SCRIPT}" in panel(page)
    forum_id = page.evaluate("window.samverkan.nodes.getIds().find((id) => !id.startsWith('x'))")
    page.evaluate("id => window.samverkan.select(id)", forum_id)
    assert f"Forumtext {XSS_SCRIPT}" in panel(page)
    assert page.evaluate("document.querySelectorAll('#details-body *').length") > 0
    assert (
        page.evaluate("document.querySelectorAll('#details-body img, #details-body script').length")
        == 0
    )
    assert_never_ran(browser_page)


def test_tooltip_and_search_suggestions_show_markup_as_text(
    run_cli: Any, hostile_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, hostile_workbook, tmp_path / "karta.html"))
    page.fill("#search", "alias <scr")
    suggestions = page.locator("#search-suggestions li")
    assert suggestions.count() == 1
    assert f"Alias {XSS_SCRIPT}" in suggestions.first.inner_text()
    assert f"Kommun {XSS_IMG}" in suggestions.first.inner_text()
    page.fill("#search", "")

    x, y = page.evaluate(
        """() => {
          const net = window.samverkan.network;
          const at = net.canvasToDOM(net.getPosition('x2'));
          const box = document.getElementById('map').getBoundingClientRect();
          return [box.left + at.x, box.top + at.y];
        }"""
    )
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=4)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert f"Myndighet {XSS_SCRIPT}" in tooltip.inner_text()
    # innerText turns the line break into <br>; nothing else may be an element.
    tags = page.evaluate(
        "[...document.querySelector('div.vis-tooltip').children].map((c) => c.tagName)"
    )
    assert set(tags) <= {"BR"}
    assert (
        page.evaluate(
            "document.querySelectorAll('div.vis-tooltip script, div.vis-tooltip img').length"
        )
        == 0
    )
    assert_never_ran(browser_page)


# --- search, filters, click ---------------------------------------------------------------------


def test_search_by_alias_suggests_and_focuses_the_actor(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    page.click("#search")
    page.keyboard.type("af")
    first = page.locator("#search-suggestions li").first.inner_text()
    assert first.casefold().startswith("af") and "alias för Arbetsförmedlingen" in first
    page.keyboard.press("Enter")
    assert page.evaluate("window.samverkan.network.getSelectedNodes()") == ["af"]
    assert page.inner_text("#details-body h3") == "Arbetsförmedlingen"
    centre = page.evaluate("window.samverkan.network.getViewPosition()")
    where = page.evaluate("window.samverkan.network.getPosition('af')")
    assert abs(centre["x"] - where["x"]) < 1 and abs(centre["y"] - where["y"]) < 1
    # The neighbourhood stays, the rest is greyed out.
    faded = page.evaluate(
        "window.samverkan.network.body.nodes['kavlinge'].options.color.background"
    )
    kept = page.evaluate("window.samverkan.network.body.nodes['lomma'].options.color.background")
    assert faded != kept
    page.fill("#search", "finns inte alls")
    assert page.inner_text("#search-status") == "Hittades inte"
    assert_clean(browser_page)


def test_level_filter_hides_operational_contacts(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    levels = page.evaluate(
        "Object.fromEntries(Object.entries(window.samverkan.network.body.edges).map(([id, e]) => [id, e.fromId + '|' + e.toId]))"
    )
    operational = [i for i, ends in levels.items() if "kavlinge|af-kavlinge" in ends]
    strategic = [i for i, ends in levels.items() if set(ends.split("|")) == {"lomma", "af"}]
    assert operational and strategic
    assert set(operational) <= drawn_edges(page)
    page.select_option("#filter-level", "strategisk")
    assert not set(operational) & drawn_edges(page)
    assert set(strategic) <= drawn_edges(page)
    assert "ksau-lomma" in drawn_nodes(page)  # a strategic forum stays
    page.select_option("#filter-level", "operativ")
    assert set(operational) <= drawn_edges(page)
    assert "ksau-lomma" not in drawn_nodes(page)
    page.click("#reset-filters")
    assert set(operational) | set(strategic) <= drawn_edges(page)
    assert_clean(browser_page)


def test_other_filters_narrow_the_map(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    page.select_option("#filter-kind", "kommun")
    assert drawn_nodes(page) == {"kavlinge", "lomma", "ksau-lomma"}  # and the forum Lomma sits in
    page.click("#reset-filters")
    page.select_option("#filter-municipality", "Kävlinge")
    assert drawn_nodes(page) == {"kavlinge", "af-kavlinge"}
    page.click("#reset-filters")
    page.select_option("#filter-organisation", "af")
    assert drawn_nodes(page) == {"af", "af-kavlinge", "ksau-lomma"}
    page.click("#reset-filters")
    page.select_option("#filter-group", label="vuxna")
    assert {"kavlinge", "lomma", "af", "af-kavlinge"} <= drawn_nodes(page)
    assert_clean(browser_page)


def test_clicking_the_closed_office_shows_its_closure_and_sources(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    click_node(page, "af-kavlinge")
    assert page.evaluate("window.samverkan.network.getSelectedNodes()") == ["af-kavlinge"]
    shown = panel(page)
    assert "AF:s kontor i Kävlinge" in shown and "(upphört)" in shown
    assert "2017-02-01 · stängning" in shown and "Kontoret stängs" in shown
    assert "karta.xlsx, blad Aktörer, rad 5" in shown  # the actor's row
    assert "karta.xlsx, blad Händelser, rad 2" in shown  # the event's row
    assert "Arbetsförmedlingen" in shown  # its organisation, as a link

    # Before and after the closure, from the event in the panel.
    page.click("#details-body button:has-text('Före')")
    assert page.inner_text("#time-label").startswith("Per 2017-01-31")
    assert "(upphört)" not in page.evaluate(
        "window.samverkan.network.body.nodes['af-kavlinge'].options.label"
    )
    page.click("#details-body button:has-text('Efter')")
    assert "stängning" in page.inner_text("#time-event")
    assert "(upphört)" in page.evaluate(
        "window.samverkan.network.body.nodes['af-kavlinge'].options.label"
    )
    assert_clean(browser_page)


def test_time_slider_shows_the_map_as_of_each_event(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    days = page.evaluate("window.samverkan.days")
    assert "2017-01-31" in days and "2017-02-01" in days
    assert page.locator("#time-ticks option").count() == len(days)
    grey = page.evaluate(
        "window.samverkan.network.body.nodes['af-kavlinge'].options.color.background"
    )
    page.locator("#time").fill(str(days.index("2017-01-31")))
    live = page.evaluate(
        "window.samverkan.network.body.nodes['af-kavlinge'].options.color.background"
    )
    assert grey != live
    assert "2017-02-01" in page.inner_text("#events")
    assert_clean(browser_page)


# --- flags ------------------------------------------------------------------------------------


class FlagLomma:
    """A tiny rule plugin: flags Lomma (high) and the operational contact (low)."""

    id = "test-flag"
    title = bilingual("Testflagga", "Test flag")
    severity = Severity.HIGH
    defaults: ClassVar[dict[str, object]] = {}

    def check(self, context: RuleContext) -> Iterable[Flag]:
        operational = [c.id for c in context.history.contacts() if c.level.value == "operativ"]
        yield Flag(
            rule=self.id,
            severity=Severity.HIGH,
            title=bilingual("Lomma testflaggas", "Lomma is test-flagged"),
            explanation=bilingual(
                "Förklaring: Lomma <b>saknar</b> något.", "Explanation: Lomma lacks."
            ),
            actors=("lomma",),
            evidence=(Provenance("karta.xlsx", "Aktörer", 3),),
        )
        yield Flag(
            rule=self.id,
            severity=Severity.LOW,
            title=bilingual("Kontakten testflaggas", "The contact is test-flagged"),
            explanation=bilingual("Svag kontakt.", "Weak contact."),
            contacts=tuple(operational),
        )


class FlagPlugin:
    @hookimpl
    def samverkan_rules(self) -> list[object]:
        return [FlagLomma()]


def test_flags_panel_groups_by_severity_and_focuses_the_flagged_elements(
    run_cli: Any, register_plugin: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    register_plugin(FlagPlugin(), "test-flag-plugin")
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    headings = page.locator("#flags-body h3.severity").all_inner_texts()
    order = [h.split(" (")[0] for h in headings]
    assert order == sorted(order, key=["hög", "medel", "låg"].index)
    high = page.locator("#flags-body ul").nth(0).inner_text()
    assert "Lomma testflaggas" in high

    page.click("#flags-body button:has-text('Lomma testflaggas')")
    assert page.evaluate("window.samverkan.network.getSelectedNodes()") == ["lomma"]
    shown = panel(page)
    assert "Förklaring: Lomma <b>saknar</b> något." in shown  # markup in a rule's text is text
    assert "karta.xlsx, blad Aktörer, rad 3" in shown
    border = page.evaluate("window.samverkan.network.body.nodes['lomma'].options.color.border")
    assert border == "#c62828"  # the high severity colour of the legend

    page.click("#flags-body button:has-text('Kontakten testflaggas')")
    selected = page.evaluate("window.samverkan.network.getSelectedEdges()")
    ends = page.evaluate(
        "ids => ids.map((id) => { const e = window.samverkan.network.body.edges[id]; return [e.fromId, e.toId]; })",
        selected,
    )
    assert [sorted(e) for e in ends] == [["af-kavlinge", "kavlinge"]]

    page.check("#filter-flagged")
    assert "lomma" in drawn_nodes(page)
    assert_clean(browser_page)


class ManyFlags:
    """130 low flags on Lomma, more than a severity group lists at once."""

    id = "many-flags"
    title = bilingual("Många flaggor", "Many flags")
    severity = Severity.LOW
    defaults: ClassVar[dict[str, object]] = {}

    def check(self, context: RuleContext) -> Iterable[Flag]:
        for number in range(130):
            text = bilingual(f"Flagga {number:03}", f"Flag {number:03}")
            yield Flag(
                rule=self.id, severity=Severity.LOW, title=text, explanation=text, actors=("lomma",)
            )


class ManyFlagsPlugin:
    @hookimpl
    def samverkan_rules(self) -> list[object]:
        return [ManyFlags()]


def test_a_long_flag_list_shows_a_hundred_at_a_time(
    run_cli: Any, register_plugin: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    register_plugin(ManyFlagsPlugin(), "many-flags-plugin")
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    heading = page.inner_text("#flags-body h3.severity:has-text('låg')")
    total = int(heading.removeprefix("låg (").removesuffix(")"))  # ours and the built-in rules'
    assert total >= 130
    low = page.locator("#flags-body ul.flag-list").last
    assert low.locator("li.flag").count() == 100
    low.locator(f"button:has-text('Visa fler ({total - 100} kvar)')").click()
    titles = low.locator("li.flag button").all_inner_texts()
    assert len(titles) == total
    assert [t for t in titles if t.startswith("Flagga ")] == [f"Flagga {n:03}" for n in range(130)]
    assert low.locator("li.more").count() == 0
    page.click("#flags-body button:has-text('Flagga 129')")
    assert page.evaluate("window.samverkan.network.getSelectedNodes()") == ["lomma"]
    assert page.inner_text("#details-body h3") == "Flagga 129"
    assert_clean(browser_page)


# --- picture, print, language ----------------------------------------------------------------


def test_png_export_downloads_a_picture(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    with page.expect_download() as download:
        page.click("#export-png")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".png"
    data = saved.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 300 and height > 300
    assert_clean(browser_page)


def test_print_layout_is_one_a4_landscape_page(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    page.emulate_media(media="print")
    assert not page.is_visible(".tools")
    assert page.is_visible("#map canvas") and page.is_visible("#legend")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box is not None
    width, height = float(box.group(1)), float(box.group(2))
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4 landscape, in points
    page.emulate_media(media="screen")
    assert page.is_visible(".tools")
    assert_clean(browser_page)


def test_english_map_has_english_labels_everywhere(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(
        browser_page, build(run_cli, small_workbook, tmp_path / "map.html", "--lang", "en")
    )
    assert page.inner_text("h1") == "Collaboration map"
    summaries = page.locator("aside summary").all_inner_texts()
    assert [s.split(" (")[0] for s in summaries] == ["Details", "Findings", "Events"]
    assert page.inner_text("#legend summary") == "Legend"  # beside the map, not in the panel
    legend = page.inner_text("#legend")
    for word in (
        "municipality",
        "agency",
        "office",
        "Forum (meeting arena)",
        "strategic",
        "operational",
        "high",
    ):
        assert word in legend
    assert page.inner_text("#filter-level option:first-child") == "All levels"
    page.evaluate("window.samverkan.select('af-kavlinge')")
    shown = panel(page)
    assert "closure" in shown and "(ended)" in shown and "sheet Aktörer, row 5" in shown
    body = page.inner_text("body")
    ui_words = (
        "Teckenförklaring",
        "Detaljer",
        "Alla nivåer",
        "upphört",
        "stängning",
        " blad ",
        "Visa allt",
        "Bara flaggade",
        "Spara som bild",
        "Före",
    )
    for swedish in ui_words:
        assert swedish not in body
    assert page.get_attribute("html", "lang") == "en"
    assert_clean(browser_page)


def test_a_project_shows_the_groups_it_works_for_and_the_group_filter_keeps_it(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    workbook = write_workbook(
        tmp_path / "insatser.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ", "Målgrupper"],
                ["vagen", "Vägen vidare", "projekt", "sjuka; utförsäkrade"],
                ["lomma", "Lomma kommun", "kommun", None],
            ],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["vagen", "lomma", "strategisk"]],
        },
    )
    page = open_map(browser_page, build(run_cli, workbook, tmp_path / "karta.html"))
    click_node(page, "vagen")
    assert "Målgrupper\nsjuka, utförsäkrade" in panel(page)
    page.select_option("#filter-group", label="sjuka")
    assert "vagen" in drawn_nodes(page) and "lomma" not in drawn_nodes(page)
    assert_clean(browser_page)


# --- an empty canvas says why ---------------------------------------------------------------------


def test_a_map_whose_facts_all_begin_later_says_so_instead_of_an_empty_canvas(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    later = {"start": "2030-01-01", "end": None}
    source = tmp_path / "karta.json"
    source.write_text(
        json.dumps(
            {
                "schema": "samverkanskartan/2",
                "actors": [
                    {"id": "a", "name": "Kommunen", "kind": "kommun", "valid": later},
                    {"id": "b", "name": "AF", "kind": "myndighet", "valid": later},
                ],
                "contacts": [{"id": "c", "actor_a": "a", "actor_b": "b", "level": "operativ"}],
            }
        ),
        encoding="utf-8",
    )
    page = open_map(
        browser_page, build(run_cli, source, tmp_path / "karta.html", "--at", "2020-06-01")
    )
    assert drawn_nodes(page) == set()
    assert page.inner_text("#map-empty") == (
        "Kartan är tom per 2020-06-01: allt i den börjar senare, det första den 2030-01-01. "
        "Välj ett senare datum (samverkan map --at 2030-01-01)."
    )
    later_map = build(run_cli, source, tmp_path / "sen" / "karta.html", "--at", "2030-06-01")
    page = open_map(browser_page, later_map)
    assert drawn_nodes(page) == {"a", "b"} and page.is_hidden("#map-empty")
    assert_clean(browser_page)


def test_filters_that_leave_nothing_say_how_to_get_it_back(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, small_workbook, tmp_path / "karta.html"))
    assert page.is_hidden("#map-empty")
    page.select_option("#filter-kind", "kontor")  # the office has closed: shown grey
    page.select_option("#filter-level", "strategisk")
    page.check("#filter-flagged")
    assert drawn_nodes(page) == set()  # the office is not flagged
    assert page.inner_text("#map-empty") == (
        "Inget i kartan passar filtren. Knappen Visa allt visar allt igen."
    )
    page.click("#reset-filters")
    assert page.is_hidden("#map-empty") and drawn_nodes(page)
    assert_clean(browser_page)
