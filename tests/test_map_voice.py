"""What `samverkan map` says: the analysis date, the top flags, absolute paths, an empty map."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
import pytest
from helpers import REFERENCE_MAP


@pytest.mark.skipif(not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="no reference map")
def test_map_says_its_date_and_top_three_findings(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("map", REFERENCE_MAP, "-o", tmp_path / "karta.html", "--no-report")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Datum:    2017-04-30 (analysdatum)" in lines
    at = next(i for i, line in enumerate(lines) if line.startswith("Fynd:     "))
    assert lines[at + 1 : at + 3] == [
        "  1. [hög] Ingen når ”unga vuxna över 20 som stannar hemma”",
        "  2. [hög] AF:s kontor i Kävlinge har stängt",
    ]
    assert lines[at + 3].startswith("  3. [")  # the findings ranked highest, one line each
    assert lines[at + 4].startswith("Kartan:")


def test_paths_are_absolute_and_open_launches_the_browser(
    run_cli: Any, small_workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[str] = []
    monkeypatch.setattr(click, "launch", lambda url, **_: launched.append(url) or 0)
    monkeypatch.chdir(tmp_path)
    result = run_cli("map", small_workbook, "-o", "ut/karta.html", "--open", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    target = (tmp_path / "ut" / "karta.html").resolve()
    assert f"Map:     {target}" in result.stdout
    assert f"Report:  {target.with_name('karta-rapport.html')}" in result.stdout
    assert "Date:    " in result.stdout
    assert launched == [str(target)] and os.path.isabs(launched[0])


def test_an_empty_map_is_written_with_a_warning(
    run_cli: Any, small_workbook: Path, tmp_path: Path
) -> None:
    project = tmp_path / "tom"
    assert run_cli("init", project).exit_code == 0  # the template workbook, not filled in
    result = run_cli("map", project)
    assert result.exit_code == 0
    assert "Varning: kartan är tom – inga aktörer eller forum lästes." in result.stderr
    assert (project / "utdata" / "karta.html").is_file()
    filled = run_cli("map", small_workbook, "-o", tmp_path / "karta.html")
    assert "Varning" not in filled.stderr
