"""Reliability figures (issues 6 and 10): run the bad-input corpus, the bad project files
and command-line dates, the XSS and formula payloads.

    .venv/bin/python scripts/reliability_report.py

Prints: cases tried, tracebacks, exit 3s, silent losses (rows not accounted for, or a bad
input accepted with exit 0), messages missing (a corpus case without its located warning or
error, or an 'ok' case that printed one: how a silent merge or split of actors shows),
payloads executed, injectable cells. All but the first must be 0. Exit code 1 if any is not. The XSS part needs Playwright and Chromium
(/usr/bin/chromium); without them it says so and counts nothing.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
sys.path.insert(0, str(TESTS))

from click.testing import CliRunner  # noqa: E402
from payloads import FORMULA_PAYLOADS, XSS_PAYLOADS, write_payload_project  # noqa: E402
from test_bad_config import CONFIG_CASES, OPTION_CASES, project_with  # noqa: E402
from test_bad_input import expected_lines  # noqa: E402
from test_formula_injection import cells, injectable  # noqa: E402
from test_xss import INJECTED  # noqa: E402

from samverkan.cli import build_cli  # noqa: E402
from samverkan.plugins import get_plugins  # noqa: E402

ROWS = re.compile(r"(?:Rader|Rows):\s+(\d+) \w+ \((-?\d+) \w+, (\d+) \w+, (\d+) \w+\)")
CHROMIUM = "/usr/bin/chromium"


def run(*args: str | Path) -> tuple[int, str, bool]:
    """Exit code, all output, and whether a traceback or an exception escaped."""
    code, output, _, crashed = run_split(*args)
    return code, output, crashed


def run_split(*args: str | Path) -> tuple[int, str, str, bool]:
    """Exit code, all output, stderr alone, and whether a traceback or an exception escaped."""
    result = CliRunner().invoke(build_cli(), [str(a) for a in args], catch_exceptions=True)
    escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
    output = result.stdout + result.stderr
    return result.exit_code, output, result.stderr, escaped or "Traceback" in output


@dataclass
class Tally:
    tried: int = 0
    tracebacks: int = 0
    exit_3s: int = 0
    silent_losses: int = 0
    messages_missing: int = 0

    def add(self, code: int, crashed: bool, expected: int, lost: int = 0) -> None:
        self.tried += 1
        self.tracebacks += crashed
        self.exit_3s += code == 3
        self.silent_losses += lost + (expected != 0 and code == 0)


def corpus(work: Path, tally: Tally) -> None:
    cases = json.loads((TESTS / "data" / "bad" / "cases.json").read_text(encoding="utf-8"))
    for case in cases:
        path = TESTS / "data" / "bad" / case["file"]
        for lang in ("sv", "en"):
            for command in ("validate", "map"):
                extra = ["-o", str(work / "karta.html")] if command == "map" else []
                code, output, stderr, crashed = run_split(command, path, "--lang", lang, *extra)
                tally.add(code, crashed, case["exit"], _rows_lost(case["rows"], output))
                tally.messages_missing += not _explained(case, lang, stderr)


def _explained(case: dict[str, Any], lang: str, stderr: str) -> bool:
    """The case's located message is there; an 'ok' case names no problem in its file."""
    if case["level"] == "ok":
        return case["file"] not in stderr
    return bool(expected_lines(case, lang, stderr))


def _rows_lost(expected: int | None, output: str) -> int:
    if expected is None:
        return 0
    found = ROWS.search(output)
    read, imported, merged, rejected = (int(n) for n in found.groups()) if found else (0,) * 4
    return abs(expected - read) + abs(read - imported - merged - rejected)


def project_files(work: Path, tally: Tally) -> None:
    for number, case in enumerate(CONFIG_CASES):
        project = project_with(work / f"projekt-{number}", case)
        for lang in ("sv", "en"):
            for command in ("validate", "map"):
                code, _, crashed = run(command, project, "--lang", lang)
                tally.add(code, crashed, case.exit)


def command_lines(work: Path, tally: Tally) -> None:
    valid = next(case for case in CONFIG_CASES if case.exit == 0)
    project = project_with(work / "datum", valid)
    for case in OPTION_CASES:
        for command in ("map", "gaps"):
            code, _, crashed = run(command, project, *case.args)
            tally.add(code, crashed, 2)


def payloads_executed(work: Path) -> int | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    project = work / "xss"
    write_payload_project(project, XSS_PAYLOADS)
    pages = []
    for exporter in get_plugins().exporters():
        if exporter.suffix != ".html":
            continue
        target = work / f"{exporter.format}.html"
        command = (
            ["map", project, "-o", target]
            if exporter.format == "html"
            else ["export", project, "--format", exporter.format, "-o", target]
        )
        run(*command)
        pages.append(target)
    executed = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for target in pages:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
            page.goto(target.resolve().as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)
            executed += len(dialogs) + bool(page.evaluate("window.__xss")) + page.evaluate(INJECTED)
            page.close()
        browser.close()
    return executed


def injectable_cells(work: Path) -> int:
    project = work / "formler"
    write_payload_project(project, FORMULA_PAYLOADS, title='=HYPERLINK("http://evil")')
    count = 0
    for exporter in get_plugins().exporters():
        if exporter.suffix not in (".xlsx", ".csv"):
            continue
        target = work / f"{exporter.format}{exporter.suffix}"
        run("export", project, "--format", exporter.format, "-o", target)
        count += sum(injectable(value) for _, value in cells(target)) if target.exists() else 0
    return count


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        tally = Tally()
        corpus(work, tally)
        project_files(work, tally)
        command_lines(work, tally)
        executed = payloads_executed(work)
        cells_found = injectable_cells(work)
    figures: list[tuple[str, Any]] = [
        ("cases tried", tally.tried),
        ("tracebacks", tally.tracebacks),
        ("exit 3s", tally.exit_3s),
        ("silent losses", tally.silent_losses),
        ("messages missing", tally.messages_missing),
        ("payloads executed", "not measured (no Playwright)" if executed is None else executed),
        ("injectable cells", cells_found),
    ]
    for label, value in figures:
        print(f"{label + ':':20} {value}")
    bad = tally.tracebacks or tally.exit_3s or tally.silent_losses or tally.messages_missing
    bad = bad or cells_found or (executed or 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
