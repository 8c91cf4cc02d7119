"""'Simulera bortfall' in the map: choose an actor, forum or person, see at once what goes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import ACTORS_HEADER, CONTACTS_HEADER, REFERENCE_MAP, write_workbook
from helpers.maps import national_map
from helpers.page import assert_clean, build, open_map
from samverkanskartan.htmlmap.simulation import simulations

from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.model import Flag


def lost(page: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = page.evaluate(
        """() => { const l = window.samverkan.loss();
                   return {gone: Array.from(l.gone).sort(), cutOff: Array.from(l.cutOff).sort(),
                           unreached: l.unreached}; }"""
    )
    return found


def look(page: Any, node_id: str) -> list[Any]:
    result: list[Any] = page.evaluate(
        "id => { const o = window.samverkan.network.body.nodes[id].options;"
        " return [o.color.border, o.borderWidth, o.shapeProperties.borderDashes]; }",
        node_id,
    )
    return result


def simulate(page: Any, node_id: str) -> str:
    """Select the node, press its "Simulera bortfall"; the simulation panel's text."""
    page.evaluate("id => window.samverkan.select(id)", node_id)
    page.click("#details-body button.simulate")
    box: str = page.inner_text("#simulation")
    return box


@pytest.mark.skipif(not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="no reference map")
def test_simulating_the_loss_of_the_af_office_shows_what_goes_and_undo_restores(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"))
    page.evaluate("window.samverkan.setDay('2017-01-01')")
    page.evaluate("window.samverkan.select('af-kavlinge')")
    before = look(page, "af-kavlinge")
    page.click("#details-body button.simulate")
    box = page.inner_text("#simulation")
    assert box.startswith("Simulerat bortfall: AF:s kontor i Kävlinge")
    assert "Kontakter som försvinner (2)" in box
    assert "Kävlinge kommun – AF:s kontor i Kävlinge" in box
    assert "Strategisk beredningsgrupp Kävlinge · tappar AF:s kontor i Kävlinge" in box
    assert 'samverkan whatif PROJEKT --remove "AF:s kontor i Kävlinge" --at 2017-01-01' in box
    gone = lost(page)["gone"]
    assert {"af-kavlinge", "kavlinge-af-vuxna-fore", "kavlinge-afk-beredningsgrupp-fore"} <= set(
        gone
    )
    assert look(page, "af-kavlinge") != before  # drawn as lost, not hidden
    assert "af-kavlinge" in page.evaluate("window.samverkan.shown().nodes")
    assert "Simulerat bortfall: AF:s kontor i Kävlinge" in page.inner_text("#view-state")
    assert "Försvinner" in page.inner_text("#legend")

    page.click("#undo-simulation")
    assert page.is_hidden("#simulation")
    assert lost(page)["gone"] == []
    assert look(page, "af-kavlinge") == before
    assert "Simulerat" not in page.inner_text("#view-state")
    assert_clean(browser_page)


def test_losing_an_organisation_cuts_off_actors_and_leaves_target_groups_unreached(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    target = build(run_cli, small_workbook, tmp_path / "karta.html", "--at", "2017-01-15")
    page = open_map(browser_page, target)
    page.evaluate("window.samverkan.select('af')")
    page.click("#details-body button.simulate")
    found = lost(page)
    assert {"af", "af-kavlinge"} <= set(found["gone"])  # the office goes with its agency
    assert found["cutOff"] == ["kavlinge"]
    assert len(found["unreached"]) == 1  # "vuxna": both contacts reached it, both end
    box = page.inner_text("#simulation")
    assert "Aktörer som blir utan kontakter och forum (1)" in box and "Kävlinge kommun" in box
    assert "Målgrupper som ingen längre når (1)" in box and "vuxna" in box
    assert_clean(browser_page)


def test_a_person_can_be_simulated_away_from_the_contact_they_carry(
    run_cli: Any, small_workbook: Path, tmp_path: Path, browser_page: Any
) -> None:
    target = build(run_cli, small_workbook, tmp_path / "karta.html", "--at", "2017-01-15")
    page = open_map(browser_page, target)
    page.evaluate("window.samverkan.select('lomma')")
    contact = page.evaluate(
        "window.samverkan.shown().edges.find((id) => !id.includes('>') && !id.includes('<')"
        " && window.samverkan.network.body.edges[id].fromId === 'lomma')"
    )
    page.evaluate("id => window.samverkan.focusElements([id], true)", contact)
    page.click("#details-body button.simulate")  # beside "Jakob K" under "Bärs av"
    assert page.inner_text("#simulation").startswith("Simulerat bortfall: Jakob K")
    assert contact in lost(page)["gone"]
    assert "lomma" not in lost(page)["gone"]
    assert_clean(browser_page)


@pytest.mark.skipif(not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="no reference map")
def test_simulating_the_af_office_lists_the_findings_that_would_appear(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    target = build(run_cli, REFERENCE_MAP, tmp_path / "karta.html", "--at", "2017-01-01")
    page = open_map(browser_page, target)
    box = simulate(page, "af-kavlinge")
    # the report's own finding: the loss of local presence, as `samverkan whatif` finds it
    assert "Fynd som skulle tillkomma (1)\nhög · AF:s kontor i Kävlinge har stängt" in box
    assert "Samma beräkning i sin helhet visar kommandot:" in box
    page.click("#undo-simulation")
    assert page.is_hidden("#simulation")
    # another element: its own findings, not the office's
    box = simulate(page, "kavlinge")
    assert "Fynd som skulle tillkomma" in box and "AF:s kontor i Kävlinge har stängt" not in box
    assert_clean(browser_page)


@pytest.mark.skipif(not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="no reference map")
def test_on_another_day_than_the_analysis_day_the_panel_names_the_command(
    run_cli: Any, tmp_path: Path, browser_page: Any
) -> None:
    page = open_map(browser_page, build(run_cli, REFERENCE_MAP, tmp_path / "karta.html"))
    page.evaluate("window.samverkan.setDay('2017-01-01')")
    box = simulate(page, "af-kavlinge")
    assert "Fynd som skulle" not in box
    assert "beräknade i förväg för analysdatumet 2017-04-30" in box
    assert '--remove "AF:s kontor i Kävlinge" --at 2017-01-01' in box
    assert_clean(browser_page)


def test_beyond_the_budget_no_simulation_is_computed_ahead() -> None:
    calls: list[date] = []

    def rules_on(samverkan_map: SamverkanMap, day: date) -> list[Flag]:
        calls.append(day)
        return []

    big = national_map(200)
    day = date(2017, 4, 30)
    found = simulations(Analysis(big, [], "sv", day, rules_on=rules_on), day)
    assert found == {"day": "2017-04-30", "over": 1} and calls == []
    small = national_map(3)
    found = simulations(Analysis(small, [], "sv", day, rules_on=rules_on), day)
    assert found == {"day": "2017-04-30", "by": {}} and len(calls) > 1
    assert simulations(Analysis(small, [], "sv", day), day) == {}  # no rules ran


def test_an_id_that_is_another_actors_name_does_not_stop_the_map(run_cli, tmp_path: Path) -> None:
    """Försäkringskassan with the ID 'Arbetsförmedlingen': validate found nothing wrong, but
    map stopped with a message naming no cell, as the simulation looked the id up as a name."""
    path = write_workbook(
        tmp_path / "id.xlsx",
        {
            "Aktörer": [
                ACTORS_HEADER,
                ["lomma", "Lomma kommun", "kommun", None, None, None, None],
                ["af", "Arbetsförmedlingen", "myndighet", None, None, None, None],
                ["Arbetsförmedlingen", "Försäkringskassan", "myndighet", None, None, None, None],
            ],
            "Kontakter": [CONTACTS_HEADER, ["lomma", "af", "operativ"], ["lomma", "Arbetsförmedlingen", "operativ"]],
        },
    )  # fmt: skip
    assert run_cli("validate", path).exit_code == 0
    result = run_cli("map", path, "-o", tmp_path / "karta.html")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "karta.html").exists()


def test_the_map_is_drawn_when_an_id_is_also_another_actors_name_or_a_persons_id(
    run_cli: Any, tmp_path: Path
) -> None:
    """'AF Lund' gets the id af-lund, which is what 'AF-Lund' is called; the person Anna
    has the id 'lomma' too. Each loss is simulated by kind and id, never looked up by name."""
    workbook = write_workbook(
        tmp_path / "kontor.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["lomma", "Lomma kommun", "kommun"],
                [None, "AF Lund", "kontor"],
                [None, "AF-Lund", "kontor"],
            ],
            "Personer": [["ID", "Namn", "Aktör"], ["lomma", "Anna Svensson", "lomma"]],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå", "Bärare"],
                ["Lomma kommun", "AF Lund", "operativ", "lomma"],
                ["Lomma kommun", "AF-Lund", "operativ", None],
            ],
        },
    )
    target = tmp_path / "karta.html"
    result = run_cli("map", workbook, "-o", target, "--at", "2017-04-30")
    assert result.exit_code == 0, result.stderr
    assert target.is_file()
