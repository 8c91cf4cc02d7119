"""JSON export and import: export → import → export gives the same bytes, and bad files say where."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from datetime import date
from pathlib import Path

from helpers import REFERENCE_MAP, ROOT, write_workbook
from samverkanskartan.json import SCHEMA, TABLES, JsonImporter, dumps
from samverkanskartan.json.codec import encode

from samverkan.dates import ApproxDate, Precision
from samverkan.graph import SamverkanMap
from samverkan.merge import build_map
from samverkan.model import (
    Actor,
    ActorKind,
    Contact,
    ContactStatus,
    Counterpart,
    Event,
    EventKind,
    Forum,
    ForumStatus,
    Funding,
    FundingKind,
    FundingStatus,
    Gap,
    GapKind,
    Level,
    Period,
    Person,
    Provenance,
    Source,
    SourceKind,
    TargetGroup,
)

DAY = "2017-04-30"


def roundtrip(run_cli, source: Path, tmp_path: Path) -> tuple[bytes, bytes]:
    first, second = tmp_path / "first" / "karta.json", tmp_path / "second" / "karta.json"
    result = run_cli("export", source, "--format", "json", "--at", DAY, "-o", first)
    assert result.exit_code == 0, result.stderr
    result = run_cli("export", first, "--format", "json", "--at", DAY, "-o", second)
    assert result.exit_code == 0, result.stderr
    return first.read_bytes(), second.read_bytes()


def test_small_map_roundtrip_is_byte_identical(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    first, second = roundtrip(run_cli, small_workbook, tmp_path)
    assert first == second
    document = json.loads(first)
    assert document["schema"] == SCHEMA == "samverkanskartan/2"
    office = next(a for a in document["actors"] if a["id"] == "af-kavlinge")
    # the closure event cut the office's validity; provenance keeps the cell columns
    assert office["valid"] == {"start": None, "end": "2017-01-31"}
    assert office["provenance"][0]["columns"]["name"] == "B"
    assert [a["aliases"] for a in document["actors"] if a["id"] == "af"] == [["AF", "Af"]]
    assert [p["name"] for p in document["persons"]] == ["Jakob K"]
    assert [e["kind"] for e in document["events"]] == ["stängning"]


def test_reference_map_roundtrip_is_byte_identical(run_cli, tmp_path: Path) -> None:
    first, second = roundtrip(run_cli, REFERENCE_MAP, tmp_path)
    assert first == second
    document = json.loads(first)
    assert document["title"] and len(document["actors"]) > 10 and document["gaps"]


def test_the_file_is_sorted_indented_utf8_with_a_final_newline(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    text, _ = roundtrip(run_cli, small_workbook, tmp_path)
    decoded = text.decode("utf-8")
    assert "Kävlinge kommun" in decoded  # not \u00e4-escaped
    assert decoded.endswith("}\n")
    keys = re.findall(r'^  "(\w+)":', decoded, flags=re.MULTILINE)
    assert keys == sorted(keys) == sorted([*TABLES, "schema", "title"])


def full_map() -> SamverkanMap:
    """Every field of every fact class set to something other than its default."""
    origin = Provenance("intervjuer.xlsx", "Kontakter", 7, "int-1", {"actor_a": "B", "level": "D"})
    common = {"valid": Period(date(2016, 1, 1), date(2018, 12, 31)), "provenance": (origin,)}
    facts = [
        Actor(id="k", name="Kävlinge kommun", kind=ActorKind.MUNICIPALITY, municipality="Kävlinge", aliases=("KK",), description="Kommunen", **common),
        Actor(id="af", name="AF", kind=ActorKind.AGENCY, parent="k", **common),
        Actor(id="esf", name="ESF-rådet", kind=ActorKind.AGENCY, **common),
        Actor(id="iris", name="IRIS", kind=ActorKind.PROJECT, other_parents=("k",), owners=("k", "af"), receivers=("af",), **{**common, "valid": Period(ApproxDate(2016, 7, 1, Precision.TERM), ApproxDate(2018, 12, 31, Precision.YEAR))}),
        Forum(id="sulk", name="SULK", level=Level.OPERATIONAL, cadence_per_year=2.5, members=("k", "af"), target_groups=("unga",), convener="k", status=ForumStatus.DORMANT, municipality="Kävlinge", last_meeting=date(2017, 3, 1), description="Samverkan unga", **common),
        Contact(id="c1", actor_a="k", actor_b="af", level=Level.STRATEGIC, target_groups=("unga",), frequency_per_year=4, quality=2, collaboration=3, carriers=("p1",), forum="sulk", source="int-1", status=ContactStatus.PLANNED, hours_per_month=20.0, description="Svårt att nå", **common),
        Person(id="p1", name="Anna Berg", role="sektionschef", actor="af", aliases=("Ana Berg",), head_count=4, description="—", **common),
        TargetGroup(id="unga", name="unga vuxna", description="20–29 år", **common),
        Gap(id="g1", kind=GapKind.GAP, actor="k", counterparts=("af",), level=Level.STRATEGIC, target_groups=("unga",), wished_per_year=2.0, source="int-1", description="Vill ses", **common),
        Gap(id="g2", kind=GapKind.RISK, actor="k", other_actors=("af",), counterpart_kind=Counterpart.UNKNOWN, **common),
        Funding(id="f1", kind=FundingKind.MEMBERSHIP, funder="esf", recipient="iris", amount=650000.0, currency="SEK", share=50.0, status=FundingStatus.APPLIED, hours_per_month=8.5, source="int-1", description="ESF", **common),
        Event(id="e1", date=date(2017, 2, 1), kind=EventKind.REORGANISATION, actor="af", new_parent="k", source="int-1", description="Flytt", **common),
        Source(id="int-1", kind=SourceKind.DOCUMENT, title="Rapport", date=date(2017, 4, 1), actor="k", role="processledare", reference="s. 4", description="Bilaga 1", **common),
    ]  # fmt: skip
    outcome = build_map(facts, "Testkarta")
    assert not outcome.problems
    return outcome.map


def test_every_field_of_every_fact_survives_the_roundtrip(tmp_path: Path) -> None:
    original = full_map()
    path = tmp_path / "karta.json"
    path.write_text(dumps(original), encoding="utf-8")
    result = JsonImporter().read(path)
    assert not result.problems and result.title == "Testkarta"
    again = build_map(result.facts, result.title).map
    # encode() writes every field, Provenance.columns too (which == does not compare)
    assert [encode(f) for f in again.facts()] == [encode(f) for f in original.facts()]
    assert dumps(again) == dumps(original)
    written = {
        name
        for table in json.loads(dumps(original)).values()
        if isinstance(table, list)
        for fact in table
        for name in fact
    }
    assert written == {f.name for cls in TABLES.values() for f in fields(cls)}  # fmt: skip


def test_every_field_is_documented_in_the_schema_document() -> None:
    text = (ROOT / "docs" / "json-schema.md").read_text(encoding="utf-8")
    assert SCHEMA in text
    for table, cls in TABLES.items():
        section = text.split(f"### `{table}`", 1)
        assert len(section) == 2, f"no section for {table}"
        body = section[1].split("\n### ", 1)[0]
        for spec in fields(cls):
            assert f"`{spec.name}`" in body, f"{table}.{spec.name} undocumented"


def write_json(path: Path, document: dict[str, object]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


ACTOR = {"id": "k", "name": "Kävlinge kommun", "kind": "kommun"}


def test_a_hand_written_file_with_only_required_fields_and_english_words_reads(
    run_cli, tmp_path: Path
) -> None:
    path = write_json(
        tmp_path / "hand.json",
        {
            "schema": SCHEMA,
            "actors": [ACTOR, {"id": "af", "name": "AF", "kind": "agency"}],
            "contacts": [{"id": "c", "actor_a": "k", "actor_b": "AF", "level": "strategic"}],
        },
    )
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.stderr
    assert "2 aktörer, 0 forum, 1 kontakt," in result.stdout


def test_wrong_values_are_problems_at_table_element_and_field(run_cli, tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "fel.json",
        {
            "schema": SCHEMA,
            "actors": [ACTOR, {"id": "x", "kind": "kommun"}, {**ACTOR, "id": "y", "name": "Y", "färg": "röd"}],
            "contacts": [{"id": "c", "actor_a": "k", "actor_b": "k", "quality": "bra"}],
            "events": [{"id": "e", "date": "1 februari", "kind": "stängning"}],
        },
    )  # fmt: skip
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "fel.json, blad actors, rad 2, kolumn name: fältet saknas" in result.stderr
    assert "fel.json, blad contacts, rad 1, kolumn quality: här ska stå ett heltal" in result.stderr
    assert "fel.json, blad events, rad 1, kolumn date: här ska stå ett datum" in result.stderr
    assert "Varning: fel.json, blad actors, rad 3, kolumn färg: okänt fält 'färg'" in result.stderr
    assert "Traceback" not in result.stderr


def test_money_and_time_out_of_range_are_problems_at_their_field(run_cli, tmp_path: Path) -> None:
    """A JSON file has no dropdowns: a share of 150 %, a negative amount, more hours than a
    month has are refused where the workbook's cells would refuse them; self-funding warns."""
    project = {**ACTOR, "id": "p", "name": "P", "kind": "projekt"}
    path = write_json(
        tmp_path / "pengar.json",
        {
            "schema": SCHEMA,
            "actors": [ACTOR, project],
            "fundings": [
                {"id": "f1", "funder": "k", "recipient": "p", "share": 150},
                {"id": "f2", "funder": "k", "recipient": "p", "amount": -5},
                {"id": "f3", "funder": "k", "recipient": "p", "hours_per_month": 9999},
                {"id": "f4", "funder": "k", "recipient": "k"},
            ],
        },
    )
    result = run_cli("validate", path)
    assert result.exit_code == 2
    err = result.stderr
    assert "pengar.json, blad fundings, rad 1, kolumn share: '150' ligger utanför 0 – 100" in err
    assert "blad fundings, rad 2, kolumn amount: '-5' kan inte vara negativt" in err
    assert "blad fundings, rad 3, kolumn hours_per_month: '9999' ligger utanför 0 – 744" in err
    assert "Varning: pengar.json, blad fundings, rad 4, kolumn recipient:" in err
    assert "finansierar sig själv" in err
    assert "3 avvisade" in result.stdout + err


def test_bad_enum_values_name_the_allowed_ones(run_cli, tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "t.json", {"schema": SCHEMA, "actors": [{**ACTOR, "kind": "kommunen"}]}
    )
    result = run_cli("validate", path, "--lang", "en")
    assert result.exit_code == 2
    assert "t.json, sheet actors, row 1, column kind: 'kommunen' is not allowed" in result.stderr
    assert "kommun, förvaltning" in result.stderr


def test_broken_json_says_line_and_character(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "trasig.json"
    path.write_text('{"schema": "samverkanskartan/1",\n "actors": [,]}', encoding="utf-8")
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "trasig.json, rad 2: Filen är ingen giltig JSON (tecken 13)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_newer_schema_version_asks_for_an_update(run_cli, tmp_path: Path) -> None:
    path = write_json(tmp_path / "ny.json", {"schema": "samverkanskartan/3", "actors": []})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "schemaversion 3" in result.stderr and "Uppdatera Samverkanskartan" in result.stderr


def test_json_without_our_marker_is_not_claimed(tmp_path: Path) -> None:
    importer = JsonImporter()
    kumu = write_json(tmp_path / "kumu.json", {"elements": [], "connections": []})
    ours = write_json(tmp_path / "ours.json", {"schema": SCHEMA})
    assert not importer.claims(kumu)
    assert importer.claims(ours)
    assert not importer.claims(tmp_path / "karta.xlsx")


def test_the_file_title_is_used_when_the_project_names_none(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "x" / "karta.json"
    run_cli("export", small_workbook, "--format", "json", "-o", exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["title"] = "Finsam Kävlinge–Lomma"
    write_json(exported, document)
    html = tmp_path / "karta.html"
    assert run_cli("map", exported, "-o", html).exit_code == 0
    assert "<title>Finsam Kävlinge–Lomma</title>" in html.read_text(encoding="utf-8")


def test_a_workbook_and_a_json_export_of_another_map_merge(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "andra" / "andra.json"
    other = write_workbook(
        tmp_path / "andra.xlsx",
        {
            "Aktörer": [
                ["Namn", "Typ"],
                ["Försäkringskassan", "myndighet"],
                ["Lomma kommun", "kommun"],
            ]
        },
    )
    assert run_cli("export", other, "--format", "json", "-o", exported).exit_code == 0
    result = run_cli("validate", small_workbook, exported)
    assert result.exit_code == 0, result.stderr
    # Ids are identity: the export's 'lomma-kommun' is not the workbook's 'lomma', however
    # alike the names; both stay, the user is told, and each file's names mean its own.
    assert "6 aktörer" in result.stdout
    assert "samma namn 'Lomma kommun' har olika ID" in result.stderr


V1_FILE = ROOT / "tests" / "data" / "json" / "kavlinge-lomma-v1.json"


def test_a_version_1_file_written_by_the_previous_exporter_still_reads(tmp_path: Path) -> None:
    """kavlinge-lomma-v1.json was written by `samverkan export -f json` before version 2."""
    old = json.loads(V1_FILE.read_text(encoding="utf-8"))
    assert old["schema"] == "samverkanskartan/1"
    result = JsonImporter().read(V1_FILE)
    assert not result.problems
    outcome = build_map(result.facts, result.title)
    assert not outcome.problems
    assert outcome.map.summary() == {
        "actors": 39,
        "forums": 11,
        "contacts": 23,
        "persons": len(old["persons"]),
        "target_groups": len(old["target_groups"]),
        "gaps": 20,
        "events": 11,
        "sources": 20,
        "fundings": 0,
    }
    new = json.loads(dumps(outcome.map))
    assert new["schema"] == "samverkanskartan/2"
    for table, elements in old.items():
        if not isinstance(elements, list):
            continue
        # every field the old file has comes back with the same value; new fields are added
        for before, after in zip(elements, new[table], strict=True):
            assert {key: after[key] for key in before} == before, (table, before["id"])
