"""A national map's report summarises what no steering group reads in full.

At 10,000 actors the picture was 10 MB of dots and the overview per municipality 6 MB of
contact lines. Above PICTURE_MAX_NODES the HTML report says why the picture is left out and
points to the interactive map; a cell of more than CELL_LINES lines is cut there, saying how
many more and where all of them are (the xlsx report keeps every line). The limits are
lowered here so the reference map crosses them.
"""

from __future__ import annotations

import pytest
import samverkanskartan.report.content as content
from helpers import REFERENCE_MAP
from samverkanskartan.report import render_html
from samverkanskartan.report.content import build_report, current_map

from samverkan.contract import Analysis
from samverkan.pipeline import find_project, run_analysis
from samverkan.plugins import get_plugins

pytestmark = pytest.mark.skipif(
    not (REFERENCE_MAP / "samverkan.toml").is_file(), reason="the reference map is not built"
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    found, _ = run_analysis(find_project([REFERENCE_MAP]), get_plugins(), "sv", None)
    return found


def test_a_small_map_keeps_its_picture_and_every_line(analysis: Analysis) -> None:
    page = render_html(analysis)
    assert "<svg" in page
    assert "samverkan export --format report-xlsx" not in page


def test_above_the_limit_the_picture_is_left_out_with_a_pointer(
    analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content, "PICTURE_MAX_NODES", 10)
    page = render_html(analysis)
    assert "<svg" not in page
    actors = len(current_map(analysis).actors())
    assert f"Kartan har {actors} aktörer" in page
    assert "Den interaktiva kartan visar dem alla." in page


def test_long_cells_are_cut_and_say_how_many_more(
    analysis: Analysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = build_report(analysis, current_map(analysis)).overview
    longest = max(len(c) for row in full.rows for c in row if not isinstance(c, str))
    assert longest > 2
    monkeypatch.setattr(content, "CELL_LINES", 2)
    page = render_html(analysis)
    more = longest - 2
    assert f"… och {more} till (alla: samverkan export --format report-xlsx)" in page
    cut = content.summarised(full, "sv")
    assert all(len(c) <= 3 for row in cut.rows for c in row if not isinstance(c, str))
    assert [row[0] for row in cut.rows] == [row[0] for row in full.rows]
