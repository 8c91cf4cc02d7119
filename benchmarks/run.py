"""Benchmark: synthetic maps of 50 to 10,000 actors through our pipeline and the naive one.

    .venv/bin/python benchmarks/run.py --sizes 50,500,2000,10000

For each size and input kind (--inputs: our interview workbooks, and the same map as one
Kumu workbook) it generates (or reuses) the files, then measures on the same files:
our stages in-process (import, merge, rules, HTML export; median of --repeat runs), the
whole `samverkan map` process (wall time, peak memory of the child), a bare openpyxl
read-only pass and a python-calamine pass (the floors for import), the naive pipeline a
user would write (openpyxl normal mode → networkx → pyvis from_nx → write_html) and the
first draw of both pages in headless Chromium. The reference map (maps/kavlinge-lomma-2017)
gets its own row when it exists. Prints Markdown tables; --json writes every figure.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

try:
    import resource
except ImportError:  # Windows: no peak memory figures
    resource = None  # type: ignore[assignment]

REFERENCE = ROOT / "maps" / "kavlinge-lomma-2017"
CLI = "from samverkan.cli import main; main()"


@dataclass
class Result:
    """Every figure for one map; None where a step was skipped or gave up."""

    label: str
    actors: int = 0
    contacts: int = 0
    rows: int = 0
    files: int = 0
    problems: int = 0
    flags: int = 0
    rules: int = 0
    slowest_rule: str = ""
    slowest_rule_s: float | None = None
    import_s: float | None = None
    merge_s: float | None = None
    rules_s: float | None = None
    html_s: float | None = None
    process_s: float | None = None
    process_mb: float | None = None
    process_cpu_s: float | None = None
    report_process_s: float | None = None  # `samverkan map` with its report
    report_process_cpu_s: float | None = None
    report_mb: float | None = None  # the report file's size
    openpyxl_s: float | None = None
    calamine_s: float | None = None
    naive_s: float | None = None
    naive_mb: float | None = None
    naive_steps: dict[str, float] = field(default_factory=dict)
    naive_note: str = ""
    draw_s: float | None = None
    pyvis_draw_s: float | None = None
    pyvis_note: str = ""
    html_mb: float | None = None


# --- measuring ------------------------------------------------------------------------------


def median_time(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall time of `repeat` runs, and what the last run returned."""
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


@dataclass
class Child:
    seconds: float  # wall
    peak: float | None  # resident MB; None where the OS cannot say
    code: int
    out: str
    cpu: float | None = None  # user + system seconds of the child itself


def run_child(args: list[str], log: Path) -> Child:
    """Runs `args` with stdout captured and stderr in `log`."""
    with (log.with_suffix(".out")).open("w+", encoding="utf-8") as out, log.open("w") as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, cwd=ROOT)
        if hasattr(os, "wait4"):  # the child's own rusage, not the sum of all children
            _, status, usage = os.wait4(child.pid, 0)
            seconds = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            child.returncode = code
            divisor = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes vs KiB
            peak: float | None = usage.ru_maxrss / divisor
            cpu: float | None = usage.ru_utime + usage.ru_stime
        else:
            code = child.wait()
            seconds = time.perf_counter() - start
            peak = cpu = None
        out.seek(0)
        return Child(seconds, peak, code, out.read(), cpu)


def stages(directory: Path, html: Path, repeat: int, result: Result) -> None:
    """Our pipeline step by step, in this process, on the project in `directory`."""
    from datetime import date

    from samverkan.contract import Analysis
    from samverkan.merge import build_map
    from samverkan.pipeline import analyse, find_project
    from samverkan.plugins import get_plugins

    project = find_project([directory])
    plugins = get_plugins()
    importers = plugins.importers()
    day = project.config.day or date.today()

    def read() -> list[Any]:
        facts: list[Any] = []
        problems = 0
        for path in project.files:
            importer = next(i for i in importers if i.claims(path))
            imported = importer.read(path)
            facts.extend(imported.facts)
            problems += len(imported.problems)
        result.problems = problems
        return facts

    result.import_s, facts = median_time(read, repeat)

    def merge() -> Any:
        return build_map(facts, project.config.title)

    result.merge_s, outcome = median_time(merge, repeat)
    result.problems += len(outcome.problems)
    result.rules_s, flags = median_time(
        lambda: analyse(outcome.map, plugins, project.config, day), repeat
    )
    result.flags, result.rules = len(flags), len(plugins.rules())
    analysis = Analysis(outcome.map, flags, "sv", day)
    exporter = plugins.exporter("html")
    result.html_s, _ = median_time(lambda: exporter.export(analysis, html), repeat)
    result.html_mb = html.stat().st_size / 1e6
    summary = outcome.map.summary()
    result.actors, result.contacts = summary["actors"], summary["contacts"]
    result.files = len(project.files)
    _slowest_rule(outcome.map, plugins, project.config, day, result)


def _slowest_rule(history: Any, plugins: Any, config: Any, day: Any, result: Result) -> None:
    """Each registered rule timed alone, so a slow one can be named."""
    from samverkan.contract import RuleContext

    current = history.as_of(day)
    try:  # the measures all rules share, computed once: not the first rule's cost
        from samverkan.metrics import metrics_of

        metrics_of(current)
    except ImportError:
        pass
    for rule in plugins.rules():
        settings = {**rule.defaults, **config.rules.get(rule.id, {})}
        context = RuleContext(current, history, day, settings, rule.severity)
        start = time.perf_counter()
        list(rule.check(context))
        seconds = time.perf_counter() - start
        if result.slowest_rule_s is None or seconds > result.slowest_rule_s:
            result.slowest_rule, result.slowest_rule_s = str(rule.id), seconds


def whole_process(directory: Path, html: Path, repeat: int, work: Path, result: Result) -> None:
    """`samverkan map DIR -o HTML` as a user runs it: a fresh Python process each time,
    `--no-report` (issue 7's target: workbook -> HTML map) and with the report (issue 14's:
    at most 1.3 times as long, a report of at most 10 MB)."""
    runs = [_map_process(directory, html, work, "--no-report") for _ in range(repeat)]
    result.process_s = statistics.median(r.seconds for r in runs)
    result.process_cpu_s = _median_cpu(runs)
    result.process_mb = max((r.peak for r in runs if r.peak is not None), default=None)
    runs = [_map_process(directory, html, work, "--report") for _ in range(repeat)]
    result.report_process_s = statistics.median(r.seconds for r in runs)
    result.report_process_cpu_s = _median_cpu(runs)
    report_file = html.with_name(f"{html.stem}-rapport.html")
    result.report_mb = report_file.stat().st_size / 1_000_000


def _map_process(directory: Path, html: Path, work: Path, report: str) -> Child:
    args = [sys.executable, "-c", CLI, "map", str(directory), "-o", str(html), report]
    child = run_child(args, work / "samverkan-map.log")
    if child.code != 0:
        log = (work / "samverkan-map.log").read_text(encoding="utf-8")
        raise SystemExit(f"samverkan map failed on {directory} (exit {child.code}):\n{log}")
    return child


def _median_cpu(runs: list[Child]) -> float | None:
    cpu = [r.cpu for r in runs if r.cpu is not None]
    return statistics.median(cpu) if cpu else None


def openpyxl_pass(files: list[Path]) -> int:
    """The floor for import: every cell of every sheet, read-only, nothing else."""
    import openpyxl

    cells = 0
    for path in files:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()
            for row in worksheet.iter_rows(values_only=True):
                cells += len(row)
        workbook.close()
    return cells


def calamine_pass(files: list[Path]) -> int:
    from python_calamine import CalamineWorkbook

    cells = 0
    for path in files:
        workbook = CalamineWorkbook.from_path(str(path))
        for name in workbook.sheet_names:
            for row in workbook.get_sheet_by_name(name).to_python():
                cells += len(row)
    return cells


def naive(files: list[Path], work: Path, result: Result) -> Path | None:
    html = work / "pyvis.html"
    args = [sys.executable, str(HERE / "naive.py"), str(html), *map(str, files)]
    child = run_child(args, work / "naive.log")
    if child.code != 0:
        result.naive_note = f"failed (exit {child.code}), see {work / 'naive.log'}"
        return None
    result.naive_s, result.naive_mb = child.seconds, child.peak
    result.naive_steps = json.loads(child.out.strip().splitlines()[-1])
    return html


def first_draws(ours: Path, pyvis: Path | None, repeat: int, cap: float, result: Result) -> None:
    import firstdraw

    with firstdraw.chromium() as browser:
        draws = [firstdraw.ours(browser, ours, cap) for _ in range(repeat)]
        if None not in draws:
            result.draw_s = statistics.median(d for d in draws if d is not None)
        if pyvis is not None:
            result.pyvis_draw_s = firstdraw.pyvis(browser, pyvis, cap)
            if result.pyvis_draw_s is None:
                result.pyvis_note = f"> {cap:g} s"


# --- one map --------------------------------------------------------------------------------


@dataclass
class Options:
    repeat: int
    naive_max: int
    browser: bool
    cap: float
    work: Path


def measure(label: str, directory: Path, options: Options, reference: bool = False) -> Result:
    result = Result(label)
    work = options.work / label
    work.mkdir(parents=True, exist_ok=True)
    ours = work / "samverkan.html"
    files = sorted(p for p in directory.glob("*.xlsx") if not p.name.startswith(("~$", ".")))
    result.rows = _rows(directory)
    # Big maps are slow: fewer repeats where one run already takes seconds.
    repeat = options.repeat if len(files) < 40 else max(1, min(options.repeat, 3))
    _say(f"{label}: our stages, openpyxl read-only and calamine passes")
    in_child(directory, ours, repeat, work, result)
    _say(f"{label}: whole `samverkan map` process")
    whole_process(directory, ours, repeat, work, result)
    pyvis_html = None
    if reference:
        result.naive_note = "—"
    elif result.actors <= options.naive_max:
        _say(f"{label}: naive pipeline (openpyxl → networkx → pyvis)")
        pyvis_html = naive(files, work, result)
    else:
        result.naive_note = f"skipped above {options.naive_max}"
    if options.browser:
        _say(f"{label}: first draw in Chromium (pyvis capped at {options.cap:g} s)")
        first_draws(ours, pyvis_html, min(repeat, 3), options.cap, result)
    return result


def in_child(directory: Path, html: Path, repeat: int, work: Path, result: Result) -> None:
    """The in-process steps in a fresh process of their own: nothing left over from the
    previous map (the garbage collector's cost grows with every live object), and this
    process stays small (Linux gives a child at least its parent's peak memory)."""
    args = [sys.executable, str(HERE / "run.py"), "--in-process", str(directory), str(html)]
    child = run_child([*args, str(repeat)], work / "in-process.log")
    if child.code != 0:
        log = (work / "in-process.log").read_text(encoding="utf-8")
        raise SystemExit(f"in-process measurements failed on {directory}:\n{log}")
    for key, value in json.loads(child.out.strip().splitlines()[-1]).items():
        setattr(result, key, value)


def in_process(directory: Path, html: Path, repeat: int) -> dict[str, Any]:
    # As `samverkan.cli.main` does: collect young objects every 100,000 allocations.
    gc.set_threshold(100_000, *gc.get_threshold()[1:])
    result = Result("")
    stages(directory, html, repeat, result)
    files = sorted(p for p in directory.glob("*.xlsx") if not p.name.startswith(("~$", ".")))
    result.openpyxl_s, _ = median_time(lambda: openpyxl_pass(files), repeat)
    result.calamine_s, _ = median_time(lambda: calamine_pass(files), repeat)
    keep = (
        *("actors", "contacts", "files", "problems", "flags", "rules", "slowest_rule"),
        *("slowest_rule_s", "import_s", "merge_s", "rules_s", "html_s", "html_mb"),
        *("openpyxl_s", "calamine_s"),
    )
    return {key: getattr(result, key) for key in keep}


def generate_in_child(size: int, directory: Path, seed: int, kumu: bool = False) -> None:
    args = [sys.executable, str(HERE / "generate.py"), str(size), "--out", str(directory)]
    args += ["--seed", str(seed), *(["--kumu"] if kumu else [])]
    completed = subprocess.run(args, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"generating {size} actors failed:\n{completed.stderr}")


def _rows(directory: Path) -> int:
    manifest = directory / "manifest.json"
    if manifest.is_file():
        return int(json.loads(manifest.read_text(encoding="utf-8"))["rows"])
    return 0


def _say(text: str) -> None:
    print(f"… {text}", file=sys.stderr, flush=True)


# --- the tables -----------------------------------------------------------------------------


def seconds(value: float | None, note: str = "–") -> str:
    if value is None:
        return note or "–"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def ratio(slow: float | None, fast: float | None, note: str = "–", digits: int = 1) -> str:
    if slow is None or fast is None or fast <= 0:
        return note
    return f"{slow / fast:.{digits}f}×"


def megabytes(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def report(results: list[Result]) -> str:
    pipeline = table(
        [
            "map",
            "actors",
            "contacts",
            "rows",
            "files",
            "import s",
            "merge s",
            "rules s (n)",
            "HTML s",
            "`samverkan map` s",
            "peak MB",
            "HTML MB",
        ],
        [
            [
                r.label,
                str(r.actors),
                str(r.contacts),
                str(r.rows or "–"),
                str(r.files),
                seconds(r.import_s),
                seconds(r.merge_s),
                f"{seconds(r.rules_s)} ({r.rules})",
                seconds(r.html_s),
                seconds(r.process_s),
                megabytes(r.process_mb),
                f"{r.html_mb:.1f}" if r.html_mb is not None else "–",
            ]
            for r in results
        ],
    )
    floors = table(
        [
            "map",
            "import s",
            "openpyxl read-only s",
            "import ÷ openpyxl",
            "calamine s",
            "import ÷ calamine",
            "openpyxl ÷ calamine",
        ],
        [
            [
                r.label,
                seconds(r.import_s),
                seconds(r.openpyxl_s),
                ratio(r.import_s, r.openpyxl_s),
                seconds(r.calamine_s),
                ratio(r.import_s, r.calamine_s),
                ratio(r.openpyxl_s, r.calamine_s),
            ]
            for r in results
        ],
    )
    naive_rows = [r for r in results if r.naive_note != "—"]
    against = table(
        [
            "map",
            "ours s",
            "naive s",
            "naive ÷ ours",
            "naive read s",
            "from_nx s",
            "write_html s",
            "ours peak MB",
            "naive peak MB",
        ],
        [
            [
                r.label,
                seconds(r.process_s),
                seconds(r.naive_s, r.naive_note),
                ratio(r.naive_s, r.process_s, r.naive_note or "–"),
                seconds(r.naive_steps.get("read"), r.naive_note),
                seconds(r.naive_steps.get("from_nx"), r.naive_note),
                seconds(r.naive_steps.get("write_html"), r.naive_note),
                megabytes(r.process_mb),
                megabytes(r.naive_mb),
            ]
            for r in naive_rows
        ],
    )
    with_report = table(
        [
            "map",
            "`map --no-report` s",
            "`map` s",
            "with ÷ without",
            "CPU s without",
            "CPU s with",
            "CPU with ÷ without",
            "report MB",
        ],
        [
            [
                r.label,
                seconds(r.process_s),
                seconds(r.report_process_s),
                ratio(r.report_process_s, r.process_s, digits=2),
                seconds(r.process_cpu_s),
                seconds(r.report_process_cpu_s),
                ratio(r.report_process_cpu_s, r.process_cpu_s, digits=2),
                "–" if r.report_mb is None else f"{r.report_mb:.1f}",
            ]
            for r in results
        ],
    )
    draws = table(
        ["map", "ours: first draw s", "pyvis default: first draw s", "pyvis ÷ ours"],
        [
            [
                r.label,
                seconds(r.draw_s),
                seconds(r.pyvis_draw_s, r.pyvis_note or r.naive_note),
                _draw_ratio(r),
            ]
            for r in results
        ],
    )
    rules = "\n".join(
        f"- {r.label}: {r.rules} rules, {r.flags} flags; slowest `{r.slowest_rule}` "
        f"{seconds(r.slowest_rule_s)} s"
        for r in results
        if r.slowest_rule
    )
    parts = [
        "Our pipeline (seconds; median of repeated runs)\n\n" + pipeline,
        "Import against the floors (same files)\n\n" + floors,
        "Against the naive pipeline (whole process, wall time, same files)\n\n" + against,
        "With the steering-group report (whole process; CPU is the child's user + system time,"
        " steadier than wall time on a shared machine)\n\n" + with_report,
        "First interactive draw in headless Chromium (from navigation start)\n\n" + draws,
    ]
    if rules:
        parts.append("Rules\n\n" + rules)
    targets = _targets(results)
    if targets:
        parts.append("Against the targets of issue 14 (10,000 actors)\n\n" + targets)
    return "\n\n".join(parts)


def _targets(results: list[Result]) -> str:
    """Issue 14's speed and size targets, for each 10,000-actor map measured."""
    rows = []
    for r in (r for r in results if r.actors == 10_000):
        checks = [
            ("`map --no-report` ≤ 15 s", r.process_s, 15.0, seconds(r.process_s) + " s"),
            (
                "report ≤ 10 MB",
                r.report_mb,
                10.0,
                "–" if r.report_mb is None else f"{r.report_mb:.1f} MB",
            ),
            (
                "`map` ≤ 1.3 × `map --no-report`",
                None
                if r.report_process_s is None or not r.process_s
                else r.report_process_s / r.process_s,
                1.3,
                f"{ratio(r.report_process_s, r.process_s, digits=2)} (CPU {ratio(r.report_process_cpu_s, r.process_cpu_s, digits=2)})",
            ),
        ]
        if r.naive_s is not None and r.process_s:
            speedup = r.naive_s / r.process_s
            rows.append(
                [r.label, "naive ÷ ours ≥ 5×", ratio(r.naive_s, r.process_s), _met(speedup >= 5)]
            )
        for name, value, limit, shown in checks:
            rows.append([r.label, name, shown, "–" if value is None else _met(value <= limit)])
    return table(["map", "target", "measured", ""], rows) if rows else ""


def _met(ok: bool) -> str:
    return "met" if ok else "not met"


def _draw_ratio(result: Result) -> str:
    if result.pyvis_draw_s is None and result.pyvis_note and result.draw_s:
        cap = float(result.pyvis_note.strip("> s"))
        return f"> {cap / result.draw_s:.0f}×"
    return ratio(result.pyvis_draw_s, result.draw_s)


# --- command line ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="50,500,2000,10000", help="actor counts, comma-separated"
    )
    parser.add_argument(
        "--inputs",
        type=lambda text: [k for k in text.split(",") if k],
        default=["workbook", "kumu"],
        help="input kinds, comma-separated: workbook (interview workbooks), kumu (one Kumu "
        "workbook of the same map)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--naive-max", type=int, default=10_000, help="largest map for the naive pipeline"
    )
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip Chromium")
    parser.add_argument(
        "--cap", type=float, default=60.0, help="give up pyvis's first draw after this many seconds"
    )
    parser.add_argument(
        "--no-reference",
        dest="reference",
        action="store_false",
        help="skip maps/kavlinge-lomma-2017",
    )
    parser.add_argument(
        "--data-dir", type=Path, default=HERE / "data", help="where generated workbooks are kept"
    )
    parser.add_argument(
        "--work-dir", type=Path, default=None, help="where outputs go (default: a temporary folder)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write every figure as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--in-process"]:  # the child of `in_child`
        directory, html, repeat = Path(argv[1]), Path(argv[2]), int(argv[3])
        print(json.dumps(in_process(directory, html, repeat)))
        return 0
    args = parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as temporary:
        options = Options(
            args.repeat, args.naive_max, args.browser, args.cap, args.work_dir or Path(temporary)
        )
        results = []
        if args.reference and (REFERENCE / "samverkan.toml").is_file():
            results.append(measure("reference", REFERENCE, options, reference=True))
        for size in sizes:
            for kind in args.inputs:
                kumu = kind == "kumu"
                directory = args.data_dir / (f"n{size}-kumu" if kumu else f"n{size}")
                _say(f"n{size}: generating {kind} input in {directory}")
                generate_in_child(size, directory, args.seed, kumu)
                label = f"{size} Kumu" if kumu else str(size)
                results.append(measure(label, directory, options))
    print(report(results))
    if resource is not None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"\n(Peak memory is each child process's own; this script itself peaked at {own:.0f} MB.)"
        )
    if args.json:
        args.json.write_text(
            json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
