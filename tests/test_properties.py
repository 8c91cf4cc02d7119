"""Property tests: the workbook importer raises nothing but our own error on any workbook or
any damage to one, and random maps survive the JSON and Kumu round trips unchanged."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from helpers import ACTORS_HEADER, CONTACTS_HEADER, write_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samverkanskartan.workbook.reader import read_workbook
from samverkanskartan.workbook.schema import SHEETS

from samverkan.contract import Analysis
from samverkan.errors import SamverkanError
from samverkan.identity import blank
from samverkan.merge import build_map
from samverkan.model import Actor, ActorKind, Contact, Level, normalise
from samverkan.pipeline import read_map
from samverkan.plugins import get_plugins

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HEADERS = [c.header for s in SHEETS for c in s.columns] + ["Okänd", "", "Namn *", "Nivå (välj)"]
SHEET_NAMES = [s.name for s in SHEETS] + ["Blad1", "Instruktioner", "Actors", "kontakter"]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=12)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)),
    st.sampled_from(["strategisk", "operativ", "kommun", "2017-02-30", "2-3 ggr/år", "=1+1"]),
)
ROW = st.lists(CELL, max_size=8)
SHEET = st.tuples(st.lists(st.sampled_from(HEADERS), max_size=8), st.lists(ROW, max_size=6))
WORKBOOK = st.dictionaries(st.sampled_from(SHEET_NAMES), SHEET, min_size=1, max_size=4)


def read_or_refuse(path: Path) -> None:
    """Reading may give a result or our error; anything else escapes and fails the test."""
    try:
        result = read_workbook(path)
    except SamverkanError as error:
        assert error.describe("sv") and error.describe("en")
        return
    assert len(result.facts) + result.rows_rejected == result.rows_read


@SLOW
@given(WORKBOOK)
def test_any_workbook_reads_or_is_refused_with_our_error(sheets: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "slump.xlsx"
        write_workbook(path, {name: [header, *rows] for name, (header, rows) in sheets.items()})
        read_or_refuse(path)


def _good_workbook() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = write_workbook(
            Path(folder) / "k.xlsx",
            {
                "Aktörer": [ACTORS_HEADER, ["a", "A", "kommun", None, None, None, None]],
                "Kontakter": [CONTACTS_HEADER, ["A", "A", "operativ"]],
            },
        )
        return path.read_bytes()


GOOD = _good_workbook()


@SLOW
@given(st.data())
def test_any_damage_to_a_workbook_reads_or_is_refused(data: st.DataObject) -> None:
    raw = bytearray(GOOD)
    cut = data.draw(st.integers(0, len(raw)), label="cut")
    flips = data.draw(st.lists(st.integers(0, len(raw) - 1), max_size=20), label="flips")
    for index in flips:
        raw[index] ^= 0xFF
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "skadad.xlsx"
        path.write_bytes(
            bytes(raw[: max(cut, len(raw) // 2)]) if data.draw(st.booleans()) else bytes(raw)
        )
        read_or_refuse(path)


# A name someone can see: not only white space (no Z) nor only invisible format characters,
# which every reader refuses as blank (identity.blank); names holding some still come.
NAME = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Z"), blacklist_characters=";|"),
    min_size=1,
    max_size=15,
).filter(lambda name: not blank(name))


@st.composite
def maps(draw: st.DrawFn) -> Any:
    names = draw(st.lists(NAME, min_size=1, max_size=6, unique_by=normalise))
    actors = [
        Actor(
            id=f"a{i}",
            name=name,
            kind=draw(st.sampled_from(list(ActorKind))),
            municipality=draw(st.sampled_from(["", "Kävlinge", "Lomma"])),
        )
        for i, name in enumerate(names)
    ]
    pairs = st.tuples(st.integers(0, len(actors) - 1), st.integers(0, len(actors) - 1))
    contacts = [
        Contact(
            id=f"k{i}",
            actor_a=f"a{a}",
            actor_b=f"a{b}",
            level=draw(st.sampled_from(list(Level))),
            quality=draw(st.none() | st.integers(1, 5)),
            description=draw(NAME),
        )
        for i, (a, b) in enumerate(draw(st.lists(pairs, max_size=6)))
    ]
    outcome = build_map([*actors, *contacts], "Slumpkarta")
    # A self-contact (a == b) is kept with a warning; nothing here may be an error.
    assert not [p for p in outcome.problems if p.is_error]
    return outcome.map


def _contents(path: Path) -> Any:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(path.read_bytes()))
        return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook}
    return json.loads(path.read_text(encoding="utf-8"))


def _roundtrip(fmt: str, samverkan_map: Any) -> None:
    plugins = get_plugins()
    exporter = plugins.exporter(fmt)
    day = date(2017, 6, 1)
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / f"first{exporter.suffix}"
        second = Path(folder) / f"second{exporter.suffix}"
        exporter.export(Analysis(samverkan_map, [], "sv", day), first)
        again, report = read_map([first], plugins, samverkan_map.title)
        assert not report.errors, [p.describe("en") for p in report.errors]
        assert again.summary() == samverkan_map.summary()
        assert sorted(a.name for a in again.actors()) == sorted(
            a.name for a in samverkan_map.actors()
        )
        exporter.export(Analysis(again, [], "sv", day), second)
        assert _contents(second) == _contents(first)


@SLOW
@given(maps())
def test_random_maps_survive_the_json_round_trip(samverkan_map: Any) -> None:
    _roundtrip("json", samverkan_map)


@SLOW
@given(maps())
def test_random_maps_survive_the_kumu_round_trip(samverkan_map: Any) -> None:
    _roundtrip("kumu", samverkan_map)
