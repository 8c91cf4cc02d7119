"""weak-or-degraded-contact, perception-mismatch and one-sided-contact on small maps."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from helpers import write_workbook
from helpers.rules import actor, base_actors, build, contact, ended, run, source
from samverkanskartan.rules.quality import (
    OneSidedContact,
    PerceptionMismatch,
    WeakOrDegradedContact,
)


def test_a_weak_contact_is_flagged_and_a_good_one_is_not() -> None:
    history = build(
        *base_actors(),
        contact("weak", "kavlinge", "af", quality=2),
        contact("ok", "lomma", "af", quality=4),
    )
    [flag] = run(WeakOrDegradedContact(), history)
    assert flag.contacts == ("weak",) and "upplevs som svag (2 av 5)" in flag.explanation.sv
    assert run(WeakOrDegradedContact(), history, max_quality=1) == []


def test_a_contact_worse_than_an_earlier_one_of_the_same_organisations_is_degraded() -> None:
    before = ended(
        contact("before", "kavlinge", "af-kavlinge", target_groups=("vuxna",), quality=5),
        date(2017, 1, 31),
    )
    history = build(
        *base_actors(),
        before,
        contact("now", "kavlinge", "af", target_groups=("vuxna",), quality=3),
    )
    [flag] = run(WeakOrDegradedContact(), history)
    assert flag.contacts == ("now", "before")
    assert flag.title.sv.startswith("Försämrad kontakt")
    assert (
        "Tidigare var den mycket god (5 av 5): Kävlinge kommun – AF:s kontor i Kävlinge"
        in flag.explanation.sv
    )
    other_group = build(
        *base_actors(), before, contact("now", "kavlinge", "af", target_groups=("unga",), quality=3)
    )
    assert run(WeakOrDegradedContact(), other_group) == []


def test_two_sources_far_apart_on_one_relationship_is_a_mismatch() -> None:
    history = build(
        *base_actors(),
        contact("a", "kavlinge", "af", quality=4, source="ledning"),
        contact("b", "kavlinge", "af", quality=2, source="medarbetare"),
    )
    history.sources = {
        "ledning": source("ledning", "Intervju kommunledning", "kavlinge"),
        "medarbetare": source("medarbetare", "Intervju medarbetare", "kavlinge"),
    }
    [flag] = run(PerceptionMismatch(), history)
    assert set(flag.contacts) == {"a", "b"}
    text = flag.explanation.sv
    assert "Intervju kommunledning anger 4 god, men Intervju medarbetare anger 2 svag" in text
    assert run(PerceptionMismatch(), history, min_difference=3) == []


def test_one_source_rating_twice_is_not_a_mismatch() -> None:
    history = build(
        *base_actors(),
        contact("a", "kavlinge", "af", quality=4, source="s"),
        contact("b", "kavlinge", "af", quality=1, source="s"),
    )
    assert run(PerceptionMismatch(), history) == []


def sided_map(af_names_it: bool):
    history = build(
        *base_actors(),
        contact("c", "kavlinge", "af", source="kommunen"),
        *([contact("d", "af", "kavlinge", source="af-intervju")] if af_names_it else []),
    )
    history.sources = {
        "kommunen": source("kommunen", "Intervju kommunledning Kävlinge", "Kävlinge kommun"),
        "af-intervju": source("af-intervju", "Intervju AF sektionschef", "AF:s kontor i Kävlinge"),
    }
    return history


def test_a_contact_only_one_interviewed_side_names_is_flagged() -> None:
    [flag] = run(OneSidedContact(), sided_map(af_names_it=False))
    assert flag.actors == ("kavlinge", "af")
    assert "nämns bara av källor från Kävlinge kommun" in flag.explanation.sv
    assert "Intervju AF sektionschef" in flag.explanation.sv
    assert run(OneSidedContact(), sided_map(af_names_it=True)) == []


def test_no_one_sided_flag_when_the_other_side_was_not_interviewed() -> None:
    history = sided_map(af_names_it=False)
    del history.sources["af-intervju"]
    assert run(OneSidedContact(), history) == []


def test_a_degraded_contact_names_the_earlier_actors_in_their_own_order() -> None:
    """Not a set's order: the same bytes whatever the hash seed."""
    unit = actor("soc", "Socialförvaltningen Kävlinge", parent="kavlinge")
    before = ended(contact("before", "soc", "af-kavlinge", quality=5), date(2017, 1, 31))
    history = build(*base_actors(), unit, before, contact("now", "kavlinge", "af", quality=2))
    [flag] = run(WeakOrDegradedContact(), history)
    assert flag.actors == ("kavlinge", "af", "soc", "af-kavlinge")


def test_a_source_at_socialtjansten_is_at_the_one_of_its_own_workbook(
    run_cli: Any, tmp_path: Path
) -> None:
    """Lomma's and Kävlinge's workbooks each have a 'Socialtjänsten' and an interview
    there. Lomma's interview tells of a contact with AF that AF's interview does not: a
    one-sided contact of Lomma, whichever workbook's name sorts first."""
    header, sources = ["ID", "Namn", "Typ", "Tillhör"], ["ID", "Titel", "Typ", "Aktör"]
    contacts = ["Aktör A", "Aktör B", "Nivå", "Källa"]

    def town(key: str, name: str, level: str) -> dict[str, list[list[Any]]]:
        return {
            "Aktörer": [
                header,
                [key, f"{name} kommun", "kommun", None],
                [f"soc-{key}", "Socialtjänsten", "förvaltning", key],
            ],
            "Källor": [
                sources,
                [f"s-{key}", f"Intervju socialtjänsten {name}", "intervju", "Socialtjänsten"],
            ],
            "Kontakter": [contacts, ["Socialtjänsten", "af", level, f"s-{key}"]],
        }

    af = {
        "Aktörer": [header, ["af", "AF", "myndighet", None]],
        "Källor": [sources, ["s-af", "Intervju AF", "intervju", "af"]],
        "Kontakter": [contacts, ["af", "kavlinge", "strategisk", "s-af"]],
    }
    files = [
        write_workbook(tmp_path / "af.xlsx", af),
        write_workbook(tmp_path / "kavlinge.xlsx", town("kavlinge", "Kävlinge", "strategisk")),
        write_workbook(tmp_path / "lomma.xlsx", town("lomma", "Lomma", "operativ")),
    ]
    result = run_cli("gaps", *files, "--json", "--all", "--at", "2017-04-30")
    one_sided = [
        f["title"]
        for f in json.loads(result.stdout)["findings"]
        if "one-sided-contact" in f["rules"]
    ]
    assert one_sided == ["AF – Lomma kommun: bara operativ samverkan"]


def test_a_title_two_sources_share_tells_no_side(run_cli: Any, tmp_path: Path) -> None:
    """'Källa: Intervju' where Lomma's and AF's interviews are both called so: the merge
    warns, and no rule takes it for the first of them (Lomma's) to call the contact
    one-sided."""
    workbook = write_workbook(
        tmp_path / "intervjuer.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["lomma", "Lomma kommun", "kommun"],
                ["af", "AF", "myndighet"],
            ],
            "Källor": [
                ["ID", "Titel", "Typ", "Aktör"],
                ["s1", "Intervju", "intervju", "lomma"],
                ["s2", "Intervju", "intervju", "af"],
            ],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå", "Källa"],
                ["lomma", "af", "strategisk", "Intervju"],
            ],
        },
    )
    result = run_cli("gaps", workbook, "--json", "--all", "--at", "2017-04-30")
    assert "'Intervju' kan betyda flera" in result.stderr
    rules = {rule for finding in json.loads(result.stdout)["findings"] for rule in finding["rules"]}
    assert "one-sided-contact" not in rules
