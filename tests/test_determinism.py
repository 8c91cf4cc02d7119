"""Same input, same bytes: every exporter, whatever the hash seed and the order of files.

Each run is a fresh Python process, because the string hash seed is fixed at start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import REFERENCE_MAP, write_workbook

EXPORT_ALL = """
import sys
from datetime import date
from pathlib import Path
from samverkan.config import load_config
from samverkan.contract import Analysis
from samverkan.pipeline import analyse, read_map
from samverkan.plugins import get_plugins

out, files = Path(sys.argv[1]), [Path(f) for f in sys.argv[2:]]
plugins = get_plugins()
config = load_config(files[0].parent)
history, report = read_map(files, plugins, config.title)
day = date(2017, 4, 30)
analysis = Analysis(history, analyse(history, plugins, config, day), "sv", day)
for exporter in plugins.exporters():
    exporter.export(analysis, out / f"karta-{exporter.format}{exporter.suffix}")
print("\\n".join(p.describe("sv") for p in report.problems))
"""


def export_all(out: Path, files: list[Path], seed: str, **env: str) -> str:
    out.mkdir(parents=True)
    inherited = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environment = {**inherited, "PYTHONHASHSEED": seed, **env}
    done = subprocess.run(
        [sys.executable, "-c", EXPORT_ALL, str(out), *map(str, files)],
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return done.stdout


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def assert_same_outputs(first: Path, second: Path) -> None:
    a, b = outputs(first), outputs(second)
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert not differing, f"differ between runs: {differing}"


def test_the_reference_map_gives_the_same_bytes_under_two_hash_seeds_and_file_orders(
    tmp_path: Path,
) -> None:
    files = sorted(REFERENCE_MAP.glob("*.xlsx"))
    export_all(tmp_path / "seed1", files, "1")
    export_all(tmp_path / "seed2", list(reversed(files)), "2")
    assert len(outputs(tmp_path / "seed1")) >= 8  # every built-in exporter wrote a file
    assert_same_outputs(tmp_path / "seed1", tmp_path / "seed2")


def colliding_map(folder: Path) -> list[Path]:
    """Two files that name actors alike: an alias claimed twice, same names with other ids,
    names whose automatic ids collide, and names in scripts without Latin letters."""
    folder.mkdir()
    first = write_workbook(
        folder / "intervju 1.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ", "Alias"],
                ["", "AF Lund", "kontor", "AF"],
                ["", "AF-Lund", "kontor", ""],
                ["", "Москва", "kommun", ""],
                ["", "東京", "kommun", ""],
                ["", "🙂", "övrigt", ""],
                ["", "🙃", "övrigt", ""],
            ],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå"],
                ["Москва", "東京", "operativ"],
                ["🙂", "🙃", "operativ"],
            ],
        },
    )
    second = write_workbook(
        folder / "intervju-1.xlsx",
        {
            "Aktörer": [
                ["ID", "Namn", "Typ", "Alias"],
                ["", "Arbetsförmedlingen", "myndighet", "AF"],
            ],
            "Contacts": [["Actor A", "Actor B", "Level"], ["Москва", "AF-Lund", "operativ"]],
            "Kontakter": [
                ["Aktör A", "Aktör B", "Nivå"],
                ["東京", "Arbetsförmedlingen", "operativ"],
            ],
        },
    )
    return [first, second]


def test_colliding_names_resolve_the_same_way_under_every_hash_seed(tmp_path: Path) -> None:
    files = colliding_map(tmp_path / "in")
    problems = {
        seed: export_all(tmp_path / f"seed{seed}", files if seed == "1" else files[::-1], seed)
        for seed in ("1", "2", "3")
    }
    assert problems["1"] == problems["2"] == problems["3"]
    assert "aliaset 'af' hör till flera" in problems["1"]
    for seed in ("2", "3"):
        assert_same_outputs(tmp_path / "seed1", tmp_path / f"seed{seed}")


def test_source_date_epoch_sets_the_time_inside_xlsx_and_gexf(tmp_path: Path) -> None:
    files = sorted(REFERENCE_MAP.glob("*.xlsx"))
    export_all(tmp_path / "out", files, "0", SOURCE_DATE_EPOCH="1500000000")  # 2017-07-14
    gexf = (tmp_path / "out" / "karta-gexf.gexf").read_text(encoding="utf-8")
    assert 'lastmodifieddate="2017-07-14"' in gexf
    with zipfile.ZipFile(tmp_path / "out" / "karta-kumu.xlsx") as package:
        assert {info.date_time[:3] for info in package.infolist()} == {(2017, 7, 14)}
        assert b"2017-07-14T02:40:00Z" in package.read("docProps/core.xml")
