"""Browser tests skip with a reason where Chromium is missing — and fail the run in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, chromium_path


def browser_tests(**env: str) -> subprocess.CompletedProcess[str]:
    """The browser tests of one file, in a fresh pytest with `env`."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-m", "browser", "tests/test_report.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        check=False,
    )


def test_chromium_is_found_on_path_or_through_the_environment(monkeypatch, tmp_path: Path) -> None:
    fake = tmp_path / "my-chromium"
    fake.write_text("", encoding="utf-8")
    monkeypatch.setenv("SAMVERKAN_CHROMIUM", str(fake))
    assert chromium_path() == str(fake)
    monkeypatch.setenv("SAMVERKAN_CHROMIUM", str(tmp_path / "missing"))
    assert chromium_path() is None
    monkeypatch.delenv("SAMVERKAN_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert chromium_path() is None
    (tmp_path / "chromium").write_text("", encoding="utf-8")
    (tmp_path / "chromium").chmod(0o755)
    assert chromium_path() == str(tmp_path / "chromium")


def test_without_chromium_browser_tests_skip_and_say_why(tmp_path: Path) -> None:
    result = browser_tests(SAMVERKAN_CHROMIUM=str(tmp_path / "none"), CI="")
    assert result.returncode == 0, result.stdout
    assert (
        "skipped" in result.stdout and "no Chromium found: set SAMVERKAN_CHROMIUM" in result.stdout
    )


def test_in_ci_a_skipped_browser_test_fails_the_run(tmp_path: Path) -> None:
    result = browser_tests(SAMVERKAN_CHROMIUM=str(tmp_path / "none"), CI="true")
    assert result.returncode == 1, result.stdout
    assert "CI=true:" in result.stdout and "browser test(s) were skipped" in result.stdout
