"""Progress shows on a terminal and stays quiet in pipes, logs and CI."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import write_workbook

from samverkan.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_quiet_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr("sys.stderr", stderr)
    with progress(["a.xlsx", "b.xlsx", "c.xlsx"], "Läser") as items:
        assert list(items) == ["a.xlsx", "b.xlsx", "c.xlsx"]
    assert stderr.getvalue() == ""


def test_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = Terminal()
    monkeypatch.setattr("sys.stderr", stderr)
    with progress(["a.xlsx", "b.xlsx", "c.xlsx"], "Läser", lambda item: item) as items:
        assert list(items) == ["a.xlsx", "b.xlsx", "c.xlsx"]
    output = stderr.getvalue()
    assert "Läser" in output and "100%" in output and "c.xlsx" in output


def test_one_file_needs_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = Terminal()
    monkeypatch.setattr("sys.stderr", stderr)
    with progress(["a.xlsx"], "Läser") as items:
        assert list(items) == ["a.xlsx"]
    assert stderr.getvalue() == ""


def test_reading_many_workbooks_is_quiet_in_a_pipe(
    run_cli: Callable[..., Result], small_workbook: Path, tmp_path: Path
) -> None:
    other = write_workbook(
        tmp_path / "lomma.xlsx",
        {"Aktörer": [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["SULK", "projekt"]]},
    )
    result = run_cli("validate", small_workbook, other)
    assert result.exit_code == 0, result.stderr
    assert "Läser" not in result.stderr and "%" not in result.stderr
