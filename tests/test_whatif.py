"""`samverkan whatif`: "Vad händer om … försvinner?" asked of a map, answered with the rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ACTORS_HEADER, REFERENCE_MAP, write_workbook

reference = pytest.mark.skipif(
    not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="the reference map is not built"
)


def whatif_json(run_cli: Any, *args: str | Path) -> dict[str, Any]:
    result = run_cli("whatif", *args, "--json")
    assert result.exit_code == 0, result.output + result.stderr
    return dict(json.loads(result.stdout))


@reference
def test_losing_the_af_office_in_kavlinge_reproduces_the_reports_finding(run_cli: Any) -> None:
    """The report: when AF's office closed, Kävlinge lost its contacts with AF and its seat
    in the preparation group. Simulated as of New Year, before the real closure."""
    found = whatif_json(
        run_cli, REFERENCE_MAP, "--remove", "AF:s kontor i Kävlinge", "--at", "2017-01-01"
    )
    assert found["at"] == "2017-01-01"
    assert found["removed"] == [{"id": "af-kavlinge", "name": "AF:s kontor i Kävlinge"}]
    lost = {c["id"] for c in found["contacts"]["removed"]}
    assert {"kavlinge-af-vuxna-fore", "kavlinge-afk-beredningsgrupp-fore"} <= lost
    assert {
        "forum": {"id": "beredningsgrupp-kavlinge", "name": "Strategisk beredningsgrupp Kävlinge"},
        "actor": {"id": "af-kavlinge", "name": "AF:s kontor i Kävlinge"},
    } in found["forums"]["members_removed"]
    appeared = found["flags"]["appeared"]
    presence = [f for f in appeared if f["rule"] == "lost-local-presence"]
    assert len(presence) == 1 and presence[0]["severity"] == "high"
    assert {"af-kavlinge", "kavlinge", "af"} <= set(presence[0]["actors"])
    assert {"infrequent-or-dormant-forum", "operational-without-strategic"} <= {
        f["rule"] for f in appeared
    }

    table = run_cli(
        "whatif", REFERENCE_MAP, "--remove", "AF:s kontor i Kävlinge", "--at", "2017-01-01"
    )
    assert table.exit_code == 0, table.stderr
    assert table.stdout.startswith("Om AF:s kontor i Kävlinge försvinner per 2017-01-01\n")
    assert "- Kävlinge kommun – AF:s kontor i Kävlinge (strategisk)" in table.stdout
    assert "+ [hög] lost-local-presence: AF:s kontor i Kävlinge har stängt" in table.stdout
    assert "Förändringar" not in table.stdout  # one day compared with itself: no "a → a"


@reference
def test_the_real_closure_is_not_a_new_loss_after_it_happened(run_cli: Any) -> None:
    found = whatif_json(run_cli, REFERENCE_MAP, "--remove", "af-kavlinge", "--at", "2017-04-30")
    assert found["actors"]["removed"] == []  # already gone on the analysis day
    assert found["flags"]["appeared"] == []


def test_an_organisation_takes_its_offices_and_leaves_actors_cut_off(
    run_cli: Any, small_workbook: Path
) -> None:
    found = whatif_json(run_cli, small_workbook, "--remove", "AF", "--at", "2017-01-15")
    assert [r["id"] for r in found["removed"]] == ["af", "af-kavlinge"]
    assert {a["id"] for a in found["actors"]["removed"]} == {"af", "af-kavlinge"}
    # Kävlinge's only contact was the office; Lomma keeps KSAU Lomma, now with one member.
    assert [a["id"] for a in found["cut_off"]] == ["kavlinge"]
    assert [g["name"] for g in found["unreached_target_groups"]] == ["vuxna"]
    assert {
        "forum": {"id": "ksau-lomma", "name": "KSAU Lomma"},
        "actor": {"id": "af", "name": "Arbetsförmedlingen"},
    } in found["forums"]["members_removed"]


def test_a_name_typed_in_fullwidth_letters_finds_the_actor(
    run_cli: Any, small_workbook: Path
) -> None:
    """'ＡＦ' from an East Asian keyboard layout or a PDF is the alias AF, as in the workbook."""
    found = whatif_json(run_cli, small_workbook, "--remove", "ＡＦ", "--at", "2017-01-15")
    assert [r["id"] for r in found["removed"]] == ["af", "af-kavlinge"]


def test_a_person_takes_only_the_contacts_they_alone_carry(
    run_cli: Any, small_workbook: Path
) -> None:
    found = whatif_json(run_cli, small_workbook, "--remove", "Jakob K", "--at", "2017-01-15")
    assert found["actors"]["removed"] == []
    [lost] = found["contacts"]["removed"]
    assert (lost["actor_a"]["name"], lost["actor_b"]["name"]) == (
        "Lomma kommun",
        "Arbetsförmedlingen",
    )


def test_an_unknown_name_is_a_clear_error(run_cli: Any, small_workbook: Path) -> None:
    result = run_cli("whatif", small_workbook, "--remove", "Försäkringskassan")
    assert result.exit_code == 2
    assert "Hittar ingen aktör, inget forum och ingen person som heter ”Försäkringskassan”" in (
        result.stderr
    )
    assert "Traceback" not in result.output + result.stderr
    english = run_cli("whatif", small_workbook, "--remove", "nobody", "--lang", "en")
    assert english.exit_code == 2
    assert "No actor, forum or person is called “nobody”" in english.stderr


def test_html_writes_a_change_map_of_the_loss(
    run_cli: Any, small_workbook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "om-af.html"
    result = run_cli(
        "whatif",
        small_workbook,
        "--remove",
        "AF:s kontor i Kävlinge",
        "--at",
        "2017-01-15",
        "--html",
        target,
    )
    assert result.exit_code == 0, result.stderr
    assert f"Förändringskartan: {target.resolve()}" in result.stdout
    page = target.read_text(encoding="utf-8")
    assert "Om AF:s kontor i Kävlinge försvinner per 2017-01-15" in page
    assert '"change":"removed"' in page


def test_a_name_shared_by_an_actor_and_a_forum_asks_for_the_id(
    run_cli: Any, tmp_path: Path
) -> None:
    workbook = write_workbook(
        tmp_path / "dubbel.xlsx",
        {
            "Aktörer": [
                ACTORS_HEADER,
                ["sulk-projekt", "SULK", "projekt", None, None, None, None],
                ["lomma", "Lomma kommun", "kommun", None, "Lomma", None, None],
            ],
            "Forum": [
                ["ID", "Namn", "Nivå", "Medlemmar"],
                ["sulk-forum", "SULK", "operativ", "lomma; sulk-projekt"],
            ],
        },
    )
    result = run_cli("whatif", workbook, "--remove", "sulk ")
    assert result.exit_code == 2
    assert "”sulk ” kan vara flera: sulk-forum, sulk-projekt. Ange id i stället." in result.stderr
    result = run_cli("whatif", workbook, "--remove", "sulk-projekt")
    assert result.exit_code == 0, result.stderr
    assert "Aktörer som försvunnit (1):\n  - SULK (projekt)" in result.stdout


def test_an_id_that_is_also_a_forums_name_removes_its_actor(run_cli: Any, tmp_path: Path) -> None:
    """The actor 'sulk' beside the forum called SULK: 'sulk' is the actor's id, as in a
    workbook, so the id the error above asks for always finds its element."""
    workbook = write_workbook(
        tmp_path / "dubbel.xlsx",
        {
            "Aktörer": [
                ACTORS_HEADER,
                ["sulk", "SULK-projektet", "projekt", None, None, None, None],
                ["lomma", "Lomma kommun", "kommun", None, "Lomma", None, None],
            ],
            "Forum": [
                ["ID", "Namn", "Nivå", "Medlemmar"],
                ["sulk-forum", "SULK", "operativ", "lomma; sulk"],
            ],
        },
    )
    result = run_cli("whatif", workbook, "--remove", "sulk", "--json")
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["removed"]] == ["sulk"]
    found = whatif_json(run_cli, workbook, "--remove", "sulk-forum")
    assert [f["id"] for f in found["forums"]["removed"]] == ["sulk-forum"]
    assert found["actors"]["removed"] == []
