"""Large maps in Chromium: every actor present, lines drawn in bulk, labels apart at 200."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

from helpers import ACTORS_HEADER, CONTACTS_HEADER, bilingual, write_workbook
from helpers.maps import national_map
from helpers.page import (
    LABEL_OVERLAPS,
    LABEL_SIZES,
    assert_clean,
    build,
    click_node,
    labels_overlap_zoomed_in,
    open_map,
)
from samverkanskartan.htmlmap import HtmlMapExporter

from samverkan.contract import Analysis
from samverkan.model import Flag, Severity

WORDS = [
    *("Kommun", "Socialtjänsten", "Lärcentrum", "Arbetsförmedlingen", "Försäkringskassan"),
    *("Vuxenpsykiatri", "Vårdcentral", "Gymnasieskola", "Ungdomsgrupp", "Näringslivsenhet"),
    *("Ekonomiskt bistånd", "KAA", "PEAK", "Samordnare", "Familjecentral", "Kontor"),
    *("Integrationsenhet", "Daglig verksamhet", "Region Skåne"),
]


def two_hundred_actors(path: Path) -> Path:
    """200 actors with names from 4 to 50 characters, 300 contacts, 12 forums."""
    rng = random.Random(11)
    names = []
    for index in range(200):
        words = rng.sample(WORDS, rng.randint(1, 4))
        names.append(f"{' '.join(words)} {index}")
    municipalities = ["Kävlinge", "Lomma", "Burlöv", "Lund"]
    actors = [
        [f"a{i}", n, "enhet", None, rng.choice(municipalities), None, None]
        for i, n in enumerate(names)
    ]
    for index in range(20, 200, 3):
        actors[index][3] = f"a{index % 20}"  # every third actor is a unit of one of the first 20
    contacts = [
        [f"a{a}", f"a{b}", rng.choice(["strategisk", "operativ"]), None, None, None, None]
        for a, b in (rng.sample(range(200), 2) for _ in range(300))
    ]
    forums = [
        [f"Forum {i}", "strategisk", "; ".join(f"a{m}" for m in rng.sample(range(200), 4))]
        for i in range(12)
    ]
    return write_workbook(
        path,
        {
            "Aktörer": [ACTORS_HEADER, *actors],
            "Kontakter": [CONTACTS_HEADER, *contacts],
            "Forum": [["Namn", "Nivå", "Medlemmar"], *forums],
        },
    )


def test_no_two_labels_overlap_on_a_map_of_200_actors(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    workbook = two_hundred_actors(tmp_path / "stor.xlsx")
    page = open_map(browser_page, build(run_cli, workbook, tmp_path / "karta.html"))
    result = page.evaluate(LABEL_OVERLAPS)
    assert 10 <= result["labels"] <= 12  # the important ones; the rest show when zoomed in
    assert result["hits"] == []
    around = [node_id for node_id, _ in page.evaluate(LABEL_SIZES)]  # where labels change
    assert labels_overlap_zoomed_in(page, [*around, "a100", "a150", "a199"]) == []
    assert_clean(browser_page)


def test_a_national_map_draws_every_actor_and_its_lines_in_bulk(
    tmp_path: Path, browser_page: Any
) -> None:
    samverkan_map = national_map(2000)
    target = tmp_path / "nationell.html"
    HtmlMapExporter().export(Analysis(samverkan_map, [], "sv", date(2017, 4, 30)), target)
    browser_page.page.set_viewport_size({"width": 1600, "height": 1000})
    page = open_map(browser_page, target)
    expected = {a.id for a in samverkan_map.actors()} | {f.id for f in samverkan_map.forums()}
    assert set(page.evaluate("window.samverkan.nodes.getIds()")) == expected
    # the most important nodes are readable as the map opens, the rest wait for a zoom
    sizes = page.evaluate(LABEL_SIZES)
    assert len(sizes) >= 10 and min(size for _, size in sizes) >= 12
    # no timeline on a map this size: the header counts the analysis day's map all the same
    counts = samverkan_map.counts_on(date(2017, 4, 30))
    for key in ("actors", "forums", "contacts"):
        assert page.inner_text(f"#count-{key}") == str(counts[key])
    assert page.evaluate("window.samverkanFirstDraw") > 0
    # Lines are drawn by the page itself; vis-network gets only those around a selection.
    assert page.evaluate("window.samverkan.edges.length") == 0
    assert len(page.evaluate("window.samverkan.shown().edges")) == 4000 + sum(
        len(f.members) for f in samverkan_map.forums()
    )
    office = next(a.id for a in samverkan_map.actors() if a.id.startswith("af-"))
    page.evaluate("id => window.samverkan.select(id)", office)
    around = page.evaluate("window.samverkan.edges.get().map((e) => [e.from, e.to])")
    contacts = samverkan_map.contacts_of(office)
    assert len(around) == len(contacts) + len(samverkan_map.forums_of(office))
    assert all(office in ends for ends in around)
    click_node(page, office)
    assert page.evaluate("window.samverkan.network.getSelectedNodes()") == [office]
    assert page.inner_text("#details-body h3") == samverkan_map.actor(office).name
    page.select_option("#filter-level", "strategisk")
    shown = set(page.evaluate("window.samverkan.shown().edges"))
    strategic = {c.id for c in samverkan_map.contacts() if c.level.value == "strategisk"}
    assert {e for e in shown if ">" not in e} == strategic
    assert_clean(browser_page)


def test_a_national_map_with_thousands_of_flags_marks_lists_and_filters_them(
    tmp_path: Path, browser_page: Any
) -> None:
    samverkan_map = national_map(2000)
    contacts = samverkan_map.contacts()
    flags = [
        Flag(
            rule="test",
            severity=Severity.HIGH if number % 10 == 0 else Severity.LOW,
            title=bilingual(f"Flagga {number}", f"Flag {number}"),
            explanation=bilingual("Svag kontakt.", "Weak contact."),
            contacts=(contacts[number].id,),
        )
        for number in range(3000)
    ]
    target = tmp_path / "nationell.html"
    analysis = Analysis(samverkan_map, flags, "sv", date(2017, 4, 30))
    HtmlMapExporter().export(analysis, target)
    page = open_map(browser_page, target)
    headings = page.locator("#flags-body h3.severity").all_inner_texts()
    assert headings == ["hög (300)", "låg (2700)"]
    assert page.locator("#flags-body li.flag").count() == 200  # a hundred per severity
    page.locator("#flags-body li.flag button").first.click()
    assert page.evaluate("window.samverkan.network.getSelectedEdges()") == [contacts[0].id]
    assert page.inner_text("#details-body h3") == "Flagga 0"
    page.check("#filter-flagged")
    shown = {e for e in page.evaluate("window.samverkan.shown().edges") if ">" not in e}
    assert shown == {c.id for c in contacts[:3000]}
    assert_clean(browser_page)
