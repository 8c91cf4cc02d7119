"""The map on a phone, a tablet and a desktop, and on paper, in a real headless Chromium.

A steering-group member opens the map on whatever they have: at 390×844 the map is the
whole width and a tap on a node shows its details in a drawer; the legend is on the first
screen of a desktop; what is printed or saved says which date, filters and search it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ACTORS_HEADER, CONTACTS_HEADER, REFERENCE_MAP, write_workbook
from helpers.page import PNG_SIGNATURE, build, node_on_screen

PHONE, TABLET, DESKTOP = (390, 844), (800, 600), (1600, 1000)


@pytest.fixture
def screen(browser: Any) -> Iterator[Any]:
    """open(path, size, touch=False) -> a page with the map built in full; no errors allowed."""
    contexts: list[Any] = []
    errors: list[str] = []

    def open_at(path: Path, size: tuple[int, int], touch: bool = False) -> Any:
        width, height = size
        context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=touch, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        return page

    yield open_at
    for context in contexts:
        context.close()
    assert errors == []


def box(page: Any, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.locator(selector).bounding_box()
    return found


@pytest.mark.parametrize("size", [PHONE, TABLET])
def test_on_a_phone_or_tablet_the_map_is_full_width_and_a_tap_shows_details(
    run_cli: Any, small_workbook: Path, tmp_path: Path, screen: Any, size: tuple[int, int]
) -> None:
    page = screen(build(run_cli, small_workbook, tmp_path / "karta.html"), size, touch=True)
    width, height = size
    assert box(page, "#map")["width"] == width
    assert box(page, "#map")["height"] > height * 0.4
    assert page.is_visible("#drawer-toggle")  # the panel waits in a drawer
    assert box(page, "#details-body")["y"] >= height - 1  # …below the screen until asked for
    assert page.is_visible("#legend summary")
    page.evaluate("window.samverkan.network.focus('lomma', {scale: 1.2, animation: false})")
    page.touchscreen.tap(*node_on_screen(page, "lomma"))
    page.wait_for_function(
        "document.querySelector('#details-body h3')?.textContent === 'Lomma kommun'"
    )
    details = box(page, "#details-body h3")
    assert 0 <= details["y"] < height and details["x"] + details["width"] <= width
    assert page.get_attribute("#drawer-toggle", "aria-expanded") == "true"
    page.tap("#drawer-toggle")  # closes again: the whole map is back
    assert page.get_attribute("#drawer-toggle", "aria-expanded") == "false"


def test_filters_are_reached_by_touch_on_a_phone(
    run_cli: Any, small_workbook: Path, tmp_path: Path, screen: Any
) -> None:
    page = screen(build(run_cli, small_workbook, tmp_path / "karta.html"), PHONE, touch=True)
    assert not page.is_visible("#filter-level")
    page.tap("#toggle-tools")
    assert page.is_visible("#filter-level") and page.is_visible("#print")
    page.select_option("#filter-level", "strategisk")
    assert "Nivå: strategisk" in page.inner_text("#view-state")
    assert box(page, "#filter-level")["x"] + box(page, "#filter-level")["width"] <= PHONE[0]


@pytest.mark.skipif(not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="no reference map")
def test_on_a_desktop_the_legend_is_beside_the_map_on_the_first_screen(
    run_cli: Any, tmp_path: Path, screen: Any
) -> None:
    page = screen(build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"), DESKTOP)
    legend, map_box, side = box(page, "#legend"), box(page, "#map"), box(page, "#side")
    assert legend["y"] + legend["height"] <= DESKTOP[1]  # all of it, without scrolling
    assert map_box["x"] + map_box["width"] <= legend["x"] <= side["x"]  # covers no node
    assert not page.is_visible("#drawer-toggle")
    assert map_box["width"] > 900
    text = page.inner_text("#legend")
    assert "Teckenförklaring" in text and "kommun" in text and "hög" in text


@pytest.mark.skipif(not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="no reference map")
def test_paper_states_the_date_filters_and_search_shown(
    run_cli: Any, tmp_path: Path, screen: Any
) -> None:
    page = screen(build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"), DESKTOP)
    page.evaluate("document.getElementById('events').open = true")
    page.locator("#events-body button:has-text('Före (2017-01-31)')").first.click()
    page.select_option("#filter-municipality", "Kävlinge")
    page.fill("#search", "Lärcentrum")
    page.emulate_media(media="print")
    assert page.is_visible("#legend") and page.is_visible("#legend-body")
    heading = page.inner_text("header")
    assert "Per 2017-01-31" in heading and "Per 2017-04-30" not in heading
    state = page.inner_text("#view-state")
    assert "Kommun: Kävlinge" in state and "Sök: ”Lärcentrum”" in state
    # The printed map shows the office still open on that day, as the screen does.
    assert "af-kavlinge" in page.evaluate("window.samverkan.shown().nodes")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_the_saved_picture_carries_the_legend_and_what_is_shown(
    run_cli: Any, small_workbook: Path, tmp_path: Path, screen: Any
) -> None:
    target = build(run_cli, small_workbook, tmp_path / "karta.html", "--at", "2017-04-30")
    page = screen(target, DESKTOP)
    page.select_option("#filter-level", "strategisk")
    assert page.evaluate("window.samverkan.describeView()") == (
        "Per 2017-04-30 · Filter: Nivå: strategisk"
    )
    legend_ink = page.evaluate(
        """() => {
          const source = document.querySelector('#map canvas');
          const picture = window.samverkan.picture();
          const ratio = source.width / source.clientWidth;
          // The legend column right of the map: count pixels that are not white.
          const context = picture.getContext('2d');
          const pixels = context.getImageData(source.width, 0, picture.width - source.width, picture.height).data;
          let ink = 0;
          for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 200) ink++;
          return {extra: (picture.width - source.width) / ratio, ink};
        }"""
    )
    assert legend_ink["extra"] == 300 and legend_ink["ink"] > 500
    with page.expect_download() as download:
        page.click("#export-png")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(PNG_SIGNATURE)


def test_a_filter_refits_the_view_and_a_shared_actor_is_in_each_municipality(
    run_cli: Any, tmp_path: Path, screen: Any
) -> None:
    actors = [ACTORS_HEADER]
    for i in range(12):  # two far-apart groups of municipalities' units
        place = "Kävlinge" if i < 6 else "Lomma"
        actors.append([f"e{i}", f"Enhet {i}", "enhet", None, place, None, None])
    actors.append(["finsam", "Finsam", "samordningsförbund", None, "Kävlinge; Lomma", None, None])
    contacts = [CONTACTS_HEADER]
    contacts += [
        [f"e{i}", f"e{i + 1}", "operativ", None, None, None, None] for i in range(11) if i != 5
    ]
    contacts += [["finsam", "e0", "strategisk", None, None, None, None]]
    workbook = write_workbook(tmp_path / "k.xlsx", {"Aktörer": actors, "Kontakter": contacts})
    page = screen(build(run_cli, workbook, tmp_path / "karta.html"), DESKTOP)
    options = page.locator("#filter-municipality option").all_inner_texts()
    assert options == ["Alla kommuner", "Kävlinge", "Lomma"]  # no "Kävlinge; Lomma"
    page.select_option("#filter-municipality", "Lomma")
    shown = set(page.evaluate("window.samverkan.shown().nodes"))
    assert shown == {f"e{i}" for i in range(6, 12)} | {"finsam"}  # Finsam works in Lomma too
    page.click("#reset-filters")
    scale = page.evaluate("window.samverkan.network.getScale()")
    page.select_option("#filter-municipality", "Kävlinge")  # one of the two groups
    assert page.evaluate("window.samverkan.network.getScale()") > scale  # zoomed to what is left
