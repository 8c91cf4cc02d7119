"""A tiny run of the benchmark: the generator writes valid workbooks, the script prints its tables.

No timing is asserted; a timing depends on the machine. What is checked is what a reader of
docs/performance.md relies on: every table and row is there, and the outputs are real maps.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from samverkan.model import Level

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict[str, Any]], Path]:
    base = tmp_path_factory.mktemp("bench")
    out = base / "results.json"
    completed = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--sizes",
            "30",
            "--repeat",
            "1",
            "--cap",
            "30",
            "--no-reference",
            "--data-dir",
            str(base / "data"),
            "--work-dir",
            str(base / "work"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout, json.loads(out.read_text(encoding="utf-8")), base


def test_generator_is_deterministic_and_sized(tmp_path: Path) -> None:
    first = generate(40, tmp_path / "a", seed=3)
    second = generate(40, tmp_path / "b", seed=3)
    other = generate(40, tmp_path / "c", seed=4)
    assert first.actors == 40
    assert first.contacts == 5 * 40
    assert (first.rows, first.files) == (second.rows, second.files)
    a_rows = _sheet_rows(tmp_path / "a" / first.files[0], "Kontakter")
    assert a_rows == _sheet_rows(tmp_path / "b" / second.files[0], "Kontakter")
    assert a_rows != _sheet_rows(tmp_path / "c" / other.files[0], "Kontakter")


def test_generated_map_validates_without_problems(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    manifest = generate(120, tmp_path, seed=1)
    result = run_cli("validate", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Varning" not in result.stderr and "Warning" not in result.stderr
    assert f"{manifest.actors} aktörer" in result.stdout
    assert f"{manifest.contacts} kontakter" in result.stdout


def test_generated_map_has_every_kind_of_fact(tmp_path: Path) -> None:
    from samverkan.pipeline import read_map
    from samverkan.plugins import get_plugins

    manifest = generate(200, tmp_path, seed=2)
    files = [tmp_path / name for name in manifest.files]
    samverkan_map, report = read_map(files, get_plugins())
    assert report.errors == []
    kinds = {actor.kind.value for actor in samverkan_map.actors()}
    assert {"kommun", "myndighet", "kontor", "region", "vårdenhet", "skola", "projekt"} <= kinds
    assert {c.level for c in samverkan_map.contacts()} == set(Level)
    assert any(c.carriers for c in samverkan_map.contacts())
    assert any(c.quality for c in samverkan_map.contacts())
    assert samverkan_map.forums() and samverkan_map.events and samverkan_map.gaps
    assert all(f.members and f.cadence_per_year for f in samverkan_map.forums())
    assert len(manifest.files) > 1  # several förbund: the merge joins shared agencies


def test_benchmark_prints_every_table_and_row(
    bench_run: tuple[str, list[dict[str, Any]], Path],
) -> None:
    stdout, _, _ = bench_run
    for heading in (
        "Our pipeline",
        "Import against the floors",
        "Against the naive pipeline",
        "With the steering-group report",
        "First interactive draw",
    ):
        assert heading in stdout
    for label in ("30", "30 Kumu"):  # both input kinds: interview workbooks, a Kumu workbook
        rows = [line for line in stdout.splitlines() if line.startswith(f"| {label} |")]
        assert len(rows) == 5  # one row per table
        assert all("×" in row for row in rows[1:])  # every comparison has its ratio


def test_benchmark_measures_every_step(bench_run: tuple[str, list[dict[str, Any]], Path]) -> None:
    _, results, _ = bench_run
    assert [r["label"] for r in results] == ["30", "30 Kumu"]
    for result in results:  # the same map, read from either input kind
        assert (result["actors"], result["contacts"]) == (30, 150)
        assert result["problems"] == 0
        for key in (
            "import_s",
            "merge_s",
            "rules_s",
            "html_s",
            "process_s",
            "report_process_s",
            "report_process_cpu_s",
            "report_mb",
            "openpyxl_s",
            "calamine_s",
            "naive_s",
            "draw_s",
            "pyvis_draw_s",
        ):
            assert isinstance(result[key], float), key
        assert result["naive_steps"]["nodes"] >= 30


@pytest.mark.parametrize("label", ["30", "30 Kumu"])
def test_benchmark_writes_both_maps(
    bench_run: tuple[str, list[dict[str, Any]], Path], label: str
) -> None:
    _, _, base = bench_run
    ours = (base / "work" / label / "samverkan.html").read_text(encoding="utf-8")
    pyvis = (base / "work" / label / "pyvis.html").read_text(encoding="utf-8")
    assert 'id="map-data"' in ours and "Arbetsförmedlingen" in ours
    assert "new vis.Network" in pyvis and "Arbetsf" in pyvis  # pyvis writes ö as a JSON escape


def test_kumu_input_is_the_same_map(tmp_path: Path) -> None:
    from samverkan.pipeline import read_map
    from samverkan.plugins import get_plugins

    interviews = generate(120, tmp_path / "interviews", seed=1)
    kumu = generate(120, tmp_path / "kumu", seed=1, kumu=True)
    plugins = get_plugins()
    first, _ = read_map([tmp_path / "interviews" / n for n in interviews.files], plugins)
    second, report = read_map([tmp_path / "kumu" / n for n in kumu.files], plugins)
    assert report.errors == []
    assert {a.name for a in second.actors()} == {a.name for a in first.actors()}
    assert len(second.contacts()) == len(first.contacts())
    assert {f.name for f in second.forums()} == {f.name for f in first.forums()}


def _sheet_rows(path: Path, title: str) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    rows = list(workbook[title].iter_rows(values_only=True))
    workbook.close()
    return rows
