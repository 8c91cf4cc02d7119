"""The fidelity harness: maps from public documents, scored against the findings the
documents state (tests/fidelity/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fidelity"))
from score import EXPECTED, MAX_FALSE_SHARE, score


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_stated_finding_is_in_the_top_ten(name: str) -> None:
    result = score(name)
    assert result.recall == 1.0, result.line()


@pytest.mark.parametrize("name", list(EXPECTED))
def test_at_most_one_finding_in_five_is_a_false_alarm(name: str) -> None:
    result = score(name)
    assert result.false_share <= MAX_FALSE_SHARE, result.line()


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_row_of_a_fidelity_map_cites_its_source(name: str) -> None:
    """Whatever the map is written in (karta.json or workbooks), as the tool reads it."""
    from samverkan.cli.base import get_plugins
    from samverkan.pipeline import find_project, read_map

    project = find_project([Path(__file__).parent / "fidelity" / name])
    history, report = read_map(project.files, get_plugins(), config=project.config)
    assert not report.errors, name
    facts = [*history.contacts(), *history.gaps.values(), *history.events.values()]
    for fact in [*facts, *history.fundings.values()]:
        assert fact.source in history.sources, (type(fact).__name__, fact.id)
