"""The bad-input corpus: every file gives a located message in Swedish and English, never a
traceback, and every row read is accounted for. The files and cases.json come from
tests/data/make_corpus.py."""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import ACTORS_HEADER, CONTACTS_HEADER, write_workbook

from samverkan import safety

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "bad"
CASES: list[dict[str, Any]] = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))

WORDS = {
    "sv": {"sheet": "blad", "row": "rad", "column": "kolumn", "error": "Fel", "warning": "Varning"},
    "en": {
        "sheet": "sheet",
        "row": "row",
        "column": "column",
        "error": "Error",
        "warning": "Warning",
    },
}
ROWS = {
    "sv": re.compile(
        r"Rader:\s+(\d+) lästa \((-?\d+) importerade, (\d+) sammanslagna, (\d+) avvisade\)"
    ),
    "en": re.compile(r"Rows:\s+(\d+) read \((-?\d+) imported, (\d+) merged, (\d+) rejected\)"),
}


def where(case: dict[str, Any], lang: str) -> str:
    """'file.xlsx, blad Kontakter, rad 3, kolumn B:' — how a location reads."""
    words = WORDS[lang]
    parts = [case["file"]]
    parts += [f"{words[k]} {case[k]}" for k in ("sheet", "row", "column") if case[k] is not None]
    return ", ".join(parts) + ":"


def expected_lines(case: dict[str, Any], lang: str, output: str) -> list[str]:
    """Lines that name the case's level, its location and all its words."""
    level = WORDS[lang]["error" if case["level"] == "error" else "warning"]
    return [
        line
        for line in output.splitlines()
        if line.startswith(level + ":")
        and where(case, lang) in line
        and all(word in line for word in case[lang])
    ]


def check_rows(case: dict[str, Any], lang: str, output: str) -> None:
    """The summary accounts for every data row: imported + merged + rejected = read."""
    if case["rows"] is None:
        return
    found = ROWS[lang].search(output)
    assert found, output
    read, imported, merged, rejected = (int(n) for n in found.groups())
    assert read == case["rows"], output
    assert imported >= 0 and imported + merged + rejected == read
    if case["rejected"] is not None:
        assert rejected == case["rejected"], output


def test_the_corpus_has_at_least_40_cases_and_covers_every_level() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "cases.json"}
    assert len(CASES) >= 40
    assert files == {c["file"] for c in CASES}  # every file is a case, every case a file
    assert {c["level"] for c in CASES} == {"error", "warning", "ok"}


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_each_corpus_file_is_explained_never_a_traceback(
    case: dict[str, Any], run_cli, tmp_path: Path
) -> None:
    path = CORPUS / case["file"]
    for lang in ("sv", "en"):
        for command in ("validate", "map"):
            target = tmp_path / f"{command}-{lang}.html"
            args = [command, path, "--lang", lang] + (["-o", target] if command == "map" else [])
            result = run_cli(*args)
            output = result.stdout + result.stderr
            assert "Traceback" not in output
            assert result.exit_code == case["exit"], output
            if case["level"] == "ok":
                assert case["file"] not in result.stderr, result.stderr
            else:
                assert expected_lines(case, lang, result.stderr), result.stderr
            check_rows(case, lang, output)
            if command == "map":
                assert target.exists() == (case["exit"] == 0)


WARNED = [c for c in CASES if c["level"] == "warning"]


@pytest.mark.parametrize("case", WARNED, ids=[c["file"] for c in WARNED])
def test_strict_turns_each_warning_into_a_failure(case: dict[str, Any], run_cli) -> None:
    result = run_cli("validate", CORPUS / case["file"], "--strict")
    assert result.exit_code == 2
    assert expected_lines(case, "sv", result.stderr)
    assert "ingen fil skrevs" in result.stderr
    check_rows(case, "sv", result.stderr)


def test_the_committed_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", DATA / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    module.build(tmp_path)
    for made in tmp_path.iterdir():
        assert made.read_bytes() == (CORPUS / made.name).read_bytes(), made.name


def test_a_missing_file_is_named(run_cli, tmp_path: Path) -> None:
    for lang, words in (("sv", "finns inte"), ("en", "No such file")):
        result = run_cli("validate", tmp_path / "borta.xlsx", "--lang", lang)
        assert result.exit_code == 2
        assert "borta.xlsx" in result.stderr and words in result.stderr


def test_a_locked_file_is_named(run_cli, small_workbook: Path, monkeypatch) -> None:
    """Excel on Windows locks an open workbook: opening it raises PermissionError."""
    real = zipfile.ZipFile

    def locked(file: Any, *args: Any, **kwargs: Any) -> zipfile.ZipFile:
        if Path(str(file)) == small_workbook:
            raise PermissionError(13, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(safety.zipfile, "ZipFile", locked)
    result = run_cli("validate", small_workbook)
    assert result.exit_code == 2
    assert "karta.xlsx" in result.stderr and "låst" in result.stderr
    english = run_cli("validate", small_workbook, "--lang", "en")
    assert "locked" in english.stderr and "Traceback" not in english.output


def test_the_unpacked_size_limit_is_checked_before_parsing(
    run_cli, small_workbook: Path, monkeypatch
) -> None:
    monkeypatch.setattr(safety, "MAX_UNPACKED_BYTES", 10_000)
    result = run_cli("validate", small_workbook)
    assert result.exit_code == 2
    assert "karta.xlsx" in result.stderr and "packas upp till" in result.stderr


def test_the_row_limit_names_the_sheet(run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("samverkan.xlsx_scan.MAX_ROWS_PER_SHEET", 3)
    path = write_workbook(tmp_path / "lang.xlsx", {"Målgrupper": [["Namn"], ["a"], ["b"], ["c"]]})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "lang.xlsx, blad Målgrupper: bladet har 4 rader, fler än gränsen 3" in result.stderr


def test_openpyxl_parses_through_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_the_summary_accounts_for_imported_merged_and_rejected_rows(
    run_cli, tmp_path: Path
) -> None:
    path = write_workbook(
        tmp_path / "blandat.xlsx",
        {
            "Aktörer": [
                ACTORS_HEADER,
                ["lomma", "Lomma kommun", "kommun", None, None, None, None],
                ["af", "Arbetsförmedlingen", "myndighet", None, None, "AF", None],
                [None, "AF", "myndighet", None, None, None, None],  # merged into af
            ],
            "Kontakter": [
                CONTACTS_HEADER,
                ["Lomma kommun", "AF", "strategisk"],
                ["Lomma kommun", "Försäkringskassan", "operativ"],  # rejected: unknown actor
                ["Lomma kommun", "AF", "snabb"],  # rejected: not a level
            ],
        },
    )
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "Rader:    6 lästa (3 importerade, 1 sammanslagna, 2 avvisade)" in result.stderr
    assert "blad Kontakter, rad 3, kolumn B" in result.stderr
    assert "blad Kontakter, rad 4, kolumn C" in result.stderr
