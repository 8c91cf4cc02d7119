"""Ids are identity, names are labels: what a process leader writes is never merged,
dropped or reordered behind their back (issue: identity and integrity)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import Result
from helpers import write_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan.identity import allocate, blank, normalise, slugify
from samverkan.merge import build_map
from samverkan.model import AUTO_ID, Actor, Contact, Forum, Period, Person, Provenance

RunCli = Callable[..., Result]


def exported(run_cli: RunCli, tmp_path: Path, *files: Path) -> dict[str, Any]:
    target = tmp_path / "ut" / "karta.json"
    result = run_cli("export", *files, "--format", "json", "-o", target)
    assert result.exit_code == 0, result.stderr
    return json.loads(target.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_an_actor_and_a_forum_with_one_name_both_survive_and_are_addressable(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workbook = write_workbook(
        tmp_path / "sulk.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["SULK", "övrigt"], ["Lomma kommun", "kommun"]],
            "Forum": [["Namn", "Nivå", "Medlemmar"], ["SULK", "operativ", "Lomma kommun"]],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["SULK", "Lomma kommun", "operativ"]],
        },
    )
    result = run_cli("validate", "--strict", workbook)
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer, 1 forum, 1 kontakt," in result.stdout
    document = exported(run_cli, tmp_path, workbook)
    actor_ids = {a["id"] for a in document["actors"]}
    forum_ids = {f["id"] for f in document["forums"]}
    assert "sulk" in actor_ids and len(forum_ids) == 1 and not forum_ids & actor_ids
    assert document["contacts"][0]["actor_a"] == "sulk"  # a contact is between actors


def test_two_actors_with_different_ids_and_one_name_stay_two(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """'Socialtjänsten' in Lomma's workbook is Lomma's, in Kävlinge's it is Kävlinge's."""
    files = [
        write_workbook(
            tmp_path / f"{town.lower()}.xlsx",
            {
                "Aktörer": [
                    ["ID", "Namn", "Typ", "Tillhör"],
                    [town.lower(), f"{town} kommun", "kommun", None],
                    [f"soc-{town.lower()}", "Socialtjänsten", "förvaltning", town.lower()],
                    ["af", "Arbetsförmedlingen", "myndighet", None],
                ],
                "Kontakter": [
                    ["Aktör A", "Aktör B", "Nivå"],
                    ["Socialtjänsten", "Arbetsförmedlingen", "operativ"],
                ],
            },
        )
        for town in ("Lomma", "Kävlinge")
    ]
    result = run_cli("validate", *files)
    assert result.exit_code == 0, result.stderr
    assert "samma namn 'Socialtjänsten' har olika ID" in result.stderr
    assert "id soc-lomma" in result.stderr and "id soc-kävlinge" in result.stderr
    document = exported(run_cli, tmp_path, *files)
    assert sorted(c["actor_a"] for c in document["contacts"]) == ["soc-kävlinge", "soc-lomma"]


def test_a_name_that_fits_two_actors_from_a_third_file_is_a_located_error(
    run_cli: RunCli, tmp_path: Path
) -> None:
    declared = write_workbook(
        tmp_path / "grund.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["soc-lomma", "Socialtjänsten", "förvaltning"],
                ["soc-kavlinge", "Socialtjänsten", "förvaltning"],
                ["af", "Arbetsförmedlingen", "myndighet"],
            ]
        },
    )
    contacts = write_workbook(
        tmp_path / "intervju.xlsx",
        {
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå"],
                ["Arbetsförmedlingen", "Socialtjänsten", "operativ"],
            ]
        },
    )
    result = run_cli("validate", declared, contacts)
    assert result.exit_code == 2
    assert "intervju.xlsx, blad Kontakter, rad 2, kolumn B: 'Socialtjänsten' kan betyda flera" in (
        result.stderr
    )
    assert "(id soc-kavlinge)" in result.stderr and "(id soc-lomma)" in result.stderr
    assert "1 avvisade" in result.output


def test_names_in_any_script_get_distinct_readable_ids(run_cli: RunCli, tmp_path: Path) -> None:
    names = ["Москва", "Киев", "القاهرة", "東京", "🙂", "🙃", "Øresund", "Ærø", "Łódź"]
    workbook = write_workbook(
        tmp_path / "namn.xlsx", {"Aktörer": [["Namn", "Typ"], *[[n, "övrigt"] for n in names]]}
    )
    document = exported(run_cli, tmp_path, workbook)
    ids = {a["name"]: a["id"] for a in document["actors"]}
    assert len(set(ids.values())) == len(names)
    assert ids["Москва"] == "москва" and ids["東京"] == "東京"
    assert ids["Øresund"] == "oresund" and ids["Ærø"] == "aero" and ids["Łódź"] == "lodz"
    assert ids["🙂"].startswith("x") and ids["🙃"].startswith("x")


def test_composed_and_decomposed_spellings_are_one_actor(run_cli: RunCli, tmp_path: Path) -> None:
    composed = "Kävlinge kommun"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    workbook = write_workbook(
        tmp_path / "nfd.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], [composed, "kommun"], ["AF", "myndighet"]],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], [decomposed, "AF", "operativ"]],
        },
    )
    result = run_cli("validate", "--strict", workbook)
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer" in result.stdout


def test_a_fullwidth_name_and_its_plain_spelling_are_one_actor_shown_as_first_written(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """'ＡＦ' typed with an East Asian keyboard layout (or pasted from a PDF) is AF: one
    actor with the plain id, its label kept as the first row wrote it."""
    workbook = write_workbook(
        tmp_path / "bred.xlsx",
        {
            "Aktörer": [
                ["Namn", "Typ"],
                ["ＡＦ", "myndighet"],
                ["AF", "myndighet"],
                ["Lomma kommun", "kommun"],
            ],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["Lomma kommun", "AF", "operativ"]],
        },
    )
    result = run_cli("validate", workbook)
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer" in result.stdout and "1 sammanslagna" in result.output
    document = exported(run_cli, tmp_path, workbook)
    assert [(a["id"], a["name"]) for a in document["actors"]] == [
        ("af", "ＡＦ"),
        ("lomma-kommun", "Lomma kommun"),
    ]
    assert document["contacts"][0]["actor_b"] == "af"


def test_fullwidth_and_plain_ids_in_a_json_map_are_one_actor(
    run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "karta.json"
    document = {
        "schema": "samverkanskartan/2",
        "actors": [
            {"id": "ＡＦ", "name": "ＡＦ", "kind": "myndighet"},
            {"id": "AF", "name": "AF", "kind": "myndighet"},
            {"id": "lomma", "name": "Lomma kommun", "kind": "kommun"},
        ],
        "contacts": [{"id": "c", "actor_a": "lomma", "actor_b": "af", "level": "operativ"}],
    }
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer" in result.stdout and "1 sammanslagna" in result.output
    actors = exported(run_cli, tmp_path, path)["actors"]
    assert [a["name"] for a in actors] == ["ＡＦ", "Lomma kommun"]


SPELLINGS_OF_KAVLINGE = {
    "fullwidth capital": "Ｋävlinge kommun",
    "no-break space": "Kävlinge\u00a0kommun",
    "ideographic space": "Kävlinge\u3000kommun",
    "decomposed ä": unicodedata.normalize("NFD", "Kävlinge kommun"),
    "capitals": "KÄVLINGE KOMMUN",
}


def test_a_contact_finds_an_actor_whatever_compatibility_form_it_is_written_in(
    run_cli: RunCli, tmp_path: Path
) -> None:
    contacts = [["Aktör A", "Aktör B", "Nivå"]]
    contacts += [[spelling, "AF", "operativ"] for spelling in SPELLINGS_OF_KAVLINGE.values()]
    workbook = write_workbook(
        tmp_path / "former.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["Kävlinge kommun", "kommun"], ["AF", "myndighet"]],
            "Kontakter": contacts,
        },
    )
    result = run_cli("validate", "--strict", workbook)
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer" in result.stdout
    document = exported(run_cli, tmp_path, workbook)
    assert {c["actor_a"] for c in document["contacts"]} == {"kavlinge-kommun"}
    assert sorted(a["name"] for a in document["actors"]) == ["AF", "Kävlinge kommun"]


def test_a_ligature_in_a_name_is_the_two_letters_it_joins() -> None:
    assert normalise("Samordningsförbundet Finsam") == normalise("Samordningsförbundet ﬁnsam")
    assert normalise("Ｋävlinge\u3000kommun ") == "kävlinge kommun"


def test_contacts_without_ids_in_two_sheets_and_two_alike_files_all_survive(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """'Kontakter' and 'Contacts' in one workbook, 'intervju 1' and 'intervju-1' as files:
    their automatic ids would collide; no valid row may be rejected as a duplicate."""
    sheets = {
        "Aktörer": [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["AF", "myndighet"]],
        "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["Lomma kommun", "AF", "operativ"]],
        "Contacts": [["Actor A", "Actor B", "Level"], ["Lomma kommun", "AF", "strategic"]],
    }
    files = [
        write_workbook(tmp_path / name, sheets) for name in ("intervju 1.xlsx", "intervju-1.xlsx")
    ]
    result = run_cli("validate", *files)
    assert result.exit_code == 0, result.stderr
    assert "4 kontakter" in result.stdout and "0 avvisade" in result.stdout
    assert len({c["id"] for c in exported(run_cli, tmp_path, *files)["contacts"]}) == 4


def test_an_alias_claimed_by_two_actors_is_an_error_naming_both(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workbook = write_workbook(
        tmp_path / "alias.xlsx",
        {
            "Aktörer": [
                ["Namn", "Typ", "Alias"],
                ["Arbetsförmedlingen", "myndighet", "AF"],
                ["Arbetsförmedlingen Lund", "kontor", "AF"],
            ]
        },
    )
    result = run_cli("validate", workbook)
    assert result.exit_code == 2
    assert "aliaset 'af' hör till flera" in result.stderr
    assert "'Arbetsförmedlingen' (id arbetsformedlingen)" in result.stderr
    assert "'Arbetsförmedlingen Lund' (id arbetsformedlingen-lund)" in result.stderr


def test_impossible_facts_are_reported_where_they_were_written(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workbook = write_workbook(
        tmp_path / "omojligt.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ", "Tillhör", "Gäller från"],
                ["a", "Enhet A", "enhet", "b", None],
                ["b", "Enhet B", "enhet", "a", None],
                ["kontor", "AF Kävlinge", "kontor", None, "2017-03-01"],
            ],
            "Forum": [["Namn", "Nivå", "Medlemmar"], ["Gruppen", "strategisk", "a; b; a"]],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["a", "a", "operativ"]],
            "Händelser": [["Datum", "Typ", "Aktör"], ["2017-02-01", "stängning", "kontor"]],
        },
    )
    result = run_cli("validate", "--lang", "en", workbook)
    assert result.exit_code == 2  # the closure before the start is an error
    err = result.stderr
    assert "sheet Aktörer, row 3, column D: the parents form a circle" in err
    assert "sheet Forum, row 2, column C: the same entry is listed more than once" in err
    assert "sheet Kontakter, row 2, column B: the contact goes from 'Enhet A' to 'Enhet A'" in err
    assert "sheet Händelser, row 2, column A: 'AF Kävlinge' closes on 2017-02-01, before" in err
    assert "1 rejected" in result.output


def test_rows_not_facts_are_counted_when_an_importer_makes_several_facts_per_row(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """The example CSV plugin makes two actors and a contact of every row."""
    survey = tmp_path / "enkat.csv"
    survey.write_text(
        "Från;Till;Nivå\nLomma kommun;AF;operativ\nLomma kommun;AF;strategisk\n"
        "Lomma kommun;;operativ\n",
        encoding="utf-8",
    )
    result = run_cli("validate", survey)
    assert "3 lästa (2 importerade, 0 sammanslagna, 1 avvisade)" in result.output, result.output


def test_a_backwards_period_is_rejected_from_any_importer() -> None:
    backwards = Actor(
        id="a",
        name="A",
        valid=Period(date(2018, 1, 1), date(2017, 1, 1)),
        provenance=(Provenance("karta.json", "actors", 1, None, {"valid_to": "valid"}),),
    )
    outcome = build_map([backwards])
    assert outcome.rejected == 1 and not outcome.map.actors()
    assert outcome.problems[0].location.column == "valid"


def _people_at_two_organisations(*people: Person) -> Any:
    def row(sheet: str, number: int) -> tuple[Provenance, ...]:
        return (Provenance("k.xlsx", sheet, number),)

    actors = [
        Actor(id=actor_id, name=name, provenance=row("Aktörer", number))
        for number, (actor_id, name) in enumerate(
            [("lomma", "Lomma kommun"), ("af", "Arbetsförmedlingen"), ("fk", "Försäkringskassan")],
            start=2,
        )
    ]
    contacts = [
        Contact(
            id=AUTO_ID,
            actor_a=side,
            actor_b="fk",
            carriers=("Anna Svensson",),
            provenance=row("Kontakter", number),
        )
        for number, side in enumerate(["lomma", "af"], start=2)
    ]
    return build_map([*actors, *people, *contacts])


def _person(row: int, actor: str | None) -> Person:
    origin = (Provenance("k.xlsx", "Personer", row),)
    return Person(id=AUTO_ID, name="Anna Svensson", actor=actor, provenance=origin)


def test_one_name_at_two_organisations_is_two_people_each_carrying_their_own_contacts() -> None:
    outcome = _people_at_two_organisations(
        _person(2, "Lomma kommun"), _person(3, "Arbetsförmedlingen")
    )
    people = {p.actor: p.id for p in outcome.map.facts() if isinstance(p, Person)}
    assert sorted(people) == ["af", "lomma"] and len(set(people.values())) == 2
    carriers = {c.actor_a: c.carriers for c in outcome.map.contacts()}
    assert carriers == {"lomma": (people["lomma"],), "af": (people["af"],)}
    assert outcome.rejected == 0 and outcome.merged == 0
    warnings = [p for p in outcome.problems if not p.is_error]
    assert any("Anna Svensson" in p.message.sv for p in warnings)


def test_one_name_at_one_organisation_written_twice_is_still_one_person() -> None:
    outcome = _people_at_two_organisations(_person(2, "Lomma kommun"), _person(3, None))
    people = [p for p in outcome.map.facts() if isinstance(p, Person)]
    assert [(p.name, p.actor) for p in people] == [("Anna Svensson", "lomma")]
    assert outcome.merged == 1


# --- properties -----------------------------------------------------------------------------

NAMES = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda name: name.strip() != "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NAMES, min_size=1, max_size=12), st.randoms(use_true_random=False))
def test_any_names_get_one_actor_per_distinct_name_in_any_order(
    names: list[str], random: Any
) -> None:
    actors = [
        Actor(id=AUTO_ID, name=name, provenance=(Provenance("f.xlsx", "Aktörer", row, None),))
        for row, name in enumerate(names, start=2)
    ]
    shuffled = list(actors)
    random.shuffle(shuffled)
    first, second = build_map(actors), build_map(shuffled)
    ids = {a.id for a in first.map.actors()}
    assert len(ids) == len({normalise(n) for n in names})
    assert all(i for i in ids)  # never an empty id
    assert [(a.id, a.name) for a in first.map.actors()] == [
        (a.id, a.name) for a in second.map.actors()
    ]


@given(st.text())
def test_the_comparison_form_is_its_own_comparison_form(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(st.text(), st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_no_unicode_normal_form_makes_a_second_name(text: str, form: str) -> None:
    assert normalise(unicodedata.normalize(form, text)) == normalise(text)


IDS = st.sampled_from(["af", "AF", "ＡＦ", "Af", "af-1", "ａｆ－１", "fk", "ｆｋ", "FK ", "x"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(IDS, NAMES), min_size=1, max_size=10))
def test_given_ids_merge_exactly_when_their_comparison_forms_are_equal(ids: list[str]) -> None:
    """Names equal to the ids, so rows that merge do not also disagree about the name."""
    actors = [
        Actor(id=i, name=f"Namn {i}", provenance=(Provenance("f.xlsx", "Aktörer", row, None),))
        for row, i in enumerate(ids, start=2)
    ]
    kept = [a.id for a in build_map(actors).map.actors()]
    assert len(kept) == len({normalise(i) for i in ids})
    assert len({normalise(i) for i in kept}) == len(kept)


@given(st.dictionaries(NAMES, st.sampled_from(["a", "b", "a-1", "x"]), max_size=20))
def test_allocated_ids_are_unique_and_independent_of_request_order(
    wanted_by_key: dict[str, str],
) -> None:
    requests = [(wanted, key) for key, wanted in wanted_by_key.items()]
    forward = allocate(requests, set())
    backward = allocate(list(reversed(requests)), set())
    assert forward == backward
    assert len(set(forward.values())) == len(forward)


INVISIBLE = {
    "zero-width space": "\u200b",
    "soft hyphen": "\u00ad",
    "byte order mark": "\ufeff",
    "right-to-left mark": "\u200f",
    "right-to-left override": "\u202e",
    "word joiner": "\u2060",
}


def test_invisible_format_characters_do_not_make_a_second_name() -> None:
    """A name copied from a web page or a PDF often carries characters nobody can see."""
    for where, char in INVISIBLE.items():
        typed = f"Arbets{char}förmedlingen{char}"
        assert normalise(typed) == normalise("Arbetsförmedlingen"), where
        assert slugify(typed) == slugify("Arbetsförmedlingen"), where
    # Joiners are spelling in Persian and in emoji: they stay.
    assert normalise("می\u200cخواهم") != normalise("میخواهم")
    # A cell of invisible characters only is blank, like a cell of spaces.
    assert blank("\u200b \u00ad") and blank(" \u00a0") and not blank("\u200bA")


def test_an_actor_written_with_and_without_a_zero_width_space_is_one_actor(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workbook = write_workbook(
        tmp_path / "zwsp.xlsx",
        {
            "Aktörer": [["Namn", "Typ"], ["Lomma kommun\u200b", "kommun"], ["AF", "myndighet"]],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["Lomma kommun", "AF", "operativ"]],
        },
    )
    result = run_cli("validate", "--strict", workbook)
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer" in result.stdout


def test_slugify_keeps_letters_of_every_script_and_strips_latin_accents() -> None:
    assert slugify("AF:s kontor i Kävlinge") == "af-s-kontor-i-kavlinge"
    assert slugify("Øresund") == "oresund"
    assert slugify("Киев") == "киев"
    assert slugify("Йошкар-Ола") == "йошкар-ола"  # a Cyrillic letter keeps its breve
    assert slugify("!!!") == "x"


def test_a_forum_given_an_actors_id_is_a_located_error() -> None:
    origin = (Provenance("k.xlsx", "Forum", 4, None, {"id": "A"}),)
    actor = Actor(id="sulk", name="SULK", provenance=(Provenance("k.xlsx", "Aktörer", 2),))
    forum = Forum(id="sulk", name="SULK-gruppen", provenance=origin)
    contact = Contact(id=AUTO_ID, actor_a="sulk", actor_b="sulk", provenance=origin)
    outcome = build_map([actor, forum, contact])
    assert [a.id for a in outcome.map.actors()] == ["sulk"] and not outcome.map.forums()
    errors = [p for p in outcome.problems if p.is_error]
    assert errors[0].location.column == "A" and "aktörer och forum" in errors[0].message.sv


def test_files_with_one_name_in_two_folders_are_told_apart(run_cli: RunCli, tmp_path: Path) -> None:
    """a/intervju.xlsx and b/intervju.xlsx: a message says which one, and both rows count."""
    project = tmp_path / "projekt"
    for folder in ("a", "b"):
        (project / folder).mkdir(parents=True)
    actors = [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["AF", "myndighet"]]
    contact = ["Aktör A", "Aktör B", "Nivå"]
    write_workbook(
        project / "a" / "intervju.xlsx",
        {"Aktörer": actors, "Kontakter": [contact, ["Lomma kommun", "AF", "operativ"]]},
    )
    write_workbook(
        project / "b" / "intervju.xlsx", {"Kontakter": [contact, ["Lomma komun", "AF", "operativ"]]}
    )
    (project / "samverkan.toml").write_text('[projekt]\nindata = ["**/*.xlsx"]\n', "utf-8")
    result = run_cli("validate", project)
    assert result.exit_code == 2
    assert "Fel: b/intervju.xlsx, blad Kontakter, rad 2, kolumn A: 'Lomma komun'" in result.stderr
    assert "4 lästa (3 importerade, 0 sammanslagna, 1 avvisade)" in result.stderr


def test_an_automatic_id_never_equals_a_given_id_written_in_other_capitals(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """'AF Lund' without an id would get 'af-lund', which is the given 'AF-LUND' to every
    reader of the map: read back, the two offices would be one."""
    workbook = write_workbook(
        tmp_path / "kontor.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["AF-LUND", "Arbetsförmedlingen Lund", "kontor"],
                [None, "AF Lund", "kontor"],
            ]
        },
    )
    actors = exported(run_cli, tmp_path, workbook)["actors"]
    assert len({normalise(a["id"]) for a in actors}) == 2
    result = run_cli("validate", "--strict", tmp_path / "ut" / "karta.json")
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer" in result.stdout and "0 sammanslagna" in result.stdout


def test_a_forum_given_an_actors_id_in_other_capitals_is_a_located_error(
    run_cli: RunCli, tmp_path: Path
) -> None:
    workbook = write_workbook(
        tmp_path / "sulk.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["sulk", "SULK", "övrigt"],
                ["l", "Lomma", "kommun"],
            ],
            "Forum": [
                ["ID", "Namn", "Nivå", "Medlemmar"],
                ["SULK", "SULK-gruppen", "strategisk", "l"],
            ],
        },
    )
    result = run_cli("validate", workbook)
    assert result.exit_code == 2
    assert "blad Forum, rad 2, kolumn A: ID 'SULK' används redan av aktören 'SULK'" in (
        result.stderr
    )


def test_a_member_listed_once_in_each_of_two_workbooks_is_no_repetition(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """SULK's members by id in one workbook, by name in another: one forum with each
    member once, and no warning; a row that names one member twice is told so."""
    forums = [["ID", "Namn", "Nivå", "Medlemmar"]]
    actors = [["ID", "Namn", "Typ"], ["l", "Lomma kommun", "kommun"], ["af", "AF", "myndighet"]]
    first = write_workbook(
        tmp_path / "a.xlsx",
        {"Aktörer": actors, "Forum": [*forums, ["sulk", "SULK", "strategisk", "l; af"]]},
    )
    second = write_workbook(
        tmp_path / "b.xlsx",
        {"Forum": [*forums, ["sulk", "SULK", "strategisk", "Lomma kommun; AF"]]},
    )
    result = run_cli("validate", "--strict", first, second)
    assert result.exit_code == 0, result.stderr
    assert exported(run_cli, tmp_path, first, second)["forums"][0]["members"] == ["l", "af"]
    twice = write_workbook(
        tmp_path / "b.xlsx", {"Forum": [*forums, ["sulk", "SULK", "strategisk", "Lomma kommun; l"]]}
    )
    result = run_cli("validate", first, twice)
    assert "Varning: b.xlsx, blad Forum, rad 2, kolumn D: samma post står flera gånger" in (
        result.stderr
    )
    assert "a.xlsx, blad Forum" not in result.stderr


def test_a_source_named_by_its_id_and_by_its_title_is_one_interview(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Källa takes an id or a title (docs/workbook.md). One interview cited both ways is
    one source: its two ratings of Kävlinge–AF are no 'perception mismatch' between two
    sources. A title that two sources share is warned of where it is written."""
    workbook = write_workbook(
        tmp_path / "kallor.xlsx",
        {
            "Källor": [
                ["ID", "Titel", "Typ"],
                ["i1", "Intervju socialchef Kävlinge", "intervju"],
                ["i2", "Intervju AF", "intervju"],
                ["i3", "Intervju AF", "intervju"],
            ],
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["k", "Kävlinge kommun", "kommun"],
                ["af", "AF", "myndighet"],
            ],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå", "Kvalitet", "Källa"],
                ["k", "af", "operativ", "mycket god", "I1"],
                ["k", "af", "operativ", "mycket svag", "Intervju socialchef Kävlinge"],
                ["k", "af", "strategisk", "god", "Intervju AF"],
            ],
        },
    )
    result = run_cli("gaps", workbook, "--json", "--all", "--at", "2017-04-30")
    rules = {rule for finding in json.loads(result.stdout)["findings"] for rule in finding["rules"]}
    assert "perception-mismatch" not in rules
    assert (
        "kallor.xlsx, blad Kontakter, rad 4, kolumn E: 'Intervju AF' kan betyda flera: "
        "'Intervju AF' (id i2), 'Intervju AF' (id i3)"
    ) in result.stderr
    contacts = exported(run_cli, tmp_path, workbook)["contacts"]
    assert [c["provenance"][0]["source"] for c in contacts] == ["i1", "i1", "Intervju AF"]


def test_one_name_at_two_socialtjanster_of_one_name_is_two_people(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Anna Svensson at 'Socialtjänsten' in Lomma's workbook and in Kävlinge's: each
    workbook's Socialtjänsten is its own (as for a contact), so they are two people, not
    one who alone carries both municipalities' contacts with AF."""
    files = [
        write_workbook(
            tmp_path / f"{town}.xlsx",
            {
                "Aktörer": [
                    ["ID", "Namn", "Typ"],
                    [f"soc-{town}", "Socialtjänsten", "förvaltning"],
                    ["af", "AF", "myndighet"],
                ],
                "Personer": [["Namn", "Aktör"], ["Anna Svensson", "Socialtjänsten"]],
                "Kontakter": [
                    ["Aktör A", "Aktör B", "Nivå", "Bärare"],
                    ["Socialtjänsten", "af", "operativ", "Anna Svensson"],
                ],
            },
        )
        for town in ("lomma", "kavlinge")
    ]
    document = exported(run_cli, tmp_path, *files)
    people = {p["actor"]: p["id"] for p in document["persons"]}
    assert sorted(people) == ["soc-kavlinge", "soc-lomma"] and len(set(people.values())) == 2
    assert {c["actor_a"]: c["carriers"] for c in document["contacts"]} == {
        side: [person] for side, person in people.items()
    }


def test_a_name_that_is_another_actors_id_is_told_where_it_is_written(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """The actor named 'AF' cannot be reached by that name while 'af' is the id of
    Arbetsförmedlingen: the contact's 'AF' means Arbetsförmedlingen, and the user is told."""
    workbook = write_workbook(
        tmp_path / "af.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["af", "Arbetsförmedlingen", "myndighet"],
                ["afk", "AF", "kontor"],
                ["l", "Lomma kommun", "kommun"],
            ],
            "Kontakter": [["Aktör A", "Aktör B", "Nivå"], ["AF", "l", "operativ"]],
        },
    )
    result = run_cli("validate", workbook)
    assert result.exit_code == 0, result.stderr
    assert (
        "Varning: af.xlsx, blad Aktörer, rad 3, kolumn B: namnet 'AF' är också ID för "
        "'Arbetsförmedlingen' (id af), så en hänvisning till 'AF' betyder 'Arbetsförmedlingen'. "
        "Hänvisa till den här posten med dess ID afk"
    ) in result.stderr
    assert exported(run_cli, tmp_path, workbook)["contacts"][0]["actor_a"] == "af"


def test_a_person_and_a_target_group_with_an_actors_id_are_named_as_themselves(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Ids are unique within a kind: the person 'lomma' (Anna) and the target group 'lomma'
    (Unga i Lomma) are not Lomma kommun in a finding, the report or a graph file."""
    workbook = write_workbook(
        tmp_path / "lomma.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ"],
                ["lomma", "Lomma kommun", "kommun"],
                ["af", "AF", "myndighet"],
            ],
            "Personer": [["ID", "Namn", "Aktör"], ["lomma", "Anna Svensson", "lomma"]],
            "Målgrupper": [["ID", "Namn"], ["lomma", "Unga i Lomma"]],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå", "Bärare", "Målgrupper"],
                ["lomma", "af", "operativ", "lomma", "lomma"],
                ["lomma", "af", "strategisk", "lomma", None],
            ],
        },
    )
    result = run_cli("gaps", workbook, "--json", "--all", "--at", "2017-04-30")
    titles = [finding["title"] for finding in json.loads(result.stdout)["findings"]]
    assert "Anna Svensson ensam bärare" in titles
    for fmt, suffix in (("report-md", "md"), ("graphml", "graphml")):
        target = tmp_path / f"karta.{suffix}"
        assert run_cli("export", workbook, "-f", fmt, "-o", target).exit_code == 0
        text = target.read_text(encoding="utf-8")
        assert "Unga i Lomma" in text, fmt
    assert "Anna Svensson" in (tmp_path / "karta.graphml").read_text(encoding="utf-8")
