"""A national map's report: the most severe flags in full, the rest counted by rule.

At 10,000 actors the rules raise about 40,000 flags; listing all of them made a 44 MB page
no steering group reads. The report lists FULL_FLAGS of them and points to
`samverkan gaps --json` for every one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import Result
from helpers import bilingual
from samverkanskartan.report.content import FULL_FLAGS

from samverkan import hookimpl
from samverkan.contract import Rule, RuleContext
from samverkan.model import Flag, Severity

HIGH, LOW = 30, FULL_FLAGS + 45  # more than fit, so that 75 low flags are only counted


class ManyFlags:
    id = "test-many"
    title = bilingual("Många", "Many")
    severity = Severity.LOW
    defaults: ClassVar[dict[str, Any]] = {}

    def check(self, context: RuleContext) -> Iterator[Flag]:
        for number in range(HIGH + LOW):
            severity = Severity.HIGH if number < HIGH else Severity.LOW
            rule = "test-many" if number % 3 else "test-many-third"
            yield Flag(
                rule=rule,
                severity=severity,
                title=bilingual(f"Flagga {number:03d}", f"Flag {number:03d}"),
                explanation=bilingual("Förklaring", "Explanation"),
                actors=("lomma",),
            )


class ManyFlagsPlugin:
    @hookimpl
    def samverkan_rules(self) -> list[Rule]:
        return [ManyFlags()]


@pytest.fixture
def many_flags(register_plugin: Callable[[object, str], None]) -> None:
    register_plugin(ManyFlagsPlugin(), "test-many")


def export(run_cli: Callable[..., Result], source: Path, fmt: str, target: Path) -> str:
    result = run_cli("export", source, "--format", fmt, "-o", target, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


def listed(text: str, start: str, end: str) -> list[int]:
    """The flags listed in full in the flags section (other sections name a few, too)."""
    section = text[text.index(start) : text.index(end)]
    return [int(n) for n in re.findall(r"Flag (\d{3})", section)]


@pytest.mark.usefixtures("many_flags")
def test_the_most_severe_flags_are_listed_and_the_rest_counted(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    page = export(run_cli, small_workbook, "report-html", tmp_path / "rapport.html")
    flags = page[page.index('<section id="flags">') : page.index('<section id="overview">')]
    assert flags.count('<article class="flag') == FULL_FLAGS
    shown = listed(page, '<section id="flags">', '<section id="overview">')
    assert set(range(HIGH)) <= set(shown)  # every high flag, then low ones as room allows
    total = sum(int(n) for n in re.findall(r"severity \((\d+)\)</h3>", flags))
    assert total >= HIGH + LOW  # the headings count every flag, the built-in rules' too
    (more,) = re.findall(r'<p class="more-flags">(.*?)</p>', flags)
    # Each test flag is a finding of its own (no subject): the report counts findings.
    assert more.startswith(f"{total - FULL_FLAGS} more findings are not listed here (by rule: ")
    unlisted = [n for n in range(HIGH + LOW) if n not in shown]
    by_rule = {
        "test-many-third": sum(1 for n in unlisted if n % 3 == 0),
        "test-many": sum(1 for n in unlisted if n % 3),
    }
    assert sum(by_rule.values()) == len(unlisted) > 0
    for rule, count in by_rule.items():  # counted by rule, every unlisted one
        assert count == 0 or f"{rule} {count}" in more
    assert more.endswith("Every finding: samverkan gaps --all --json")


@pytest.mark.usefixtures("many_flags")
def test_the_markdown_report_says_the_same(run_cli, small_workbook: Path, tmp_path: Path) -> None:
    text = export(run_cli, small_workbook, "report-md", tmp_path / "rapport.md")
    section = text[text.index("## All findings by severity") : text.index("## Overview")]
    assert section.count("#### ") == FULL_FLAGS
    assert "more findings are not listed here" in section
    assert "samverkan gaps --all --json" in section
