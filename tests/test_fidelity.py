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
    import json

    data = json.loads((Path(__file__).parent / "fidelity" / name / "karta.json").read_text("utf-8"))
    sources = {s["id"] for s in data["sources"]}
    for kind in ("contacts", "gaps", "events"):
        for row in data.get(kind, []):
            assert row.get("source") in sources, (kind, row["id"])
