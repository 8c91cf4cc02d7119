"""The pipeline: find inputs, import them, merge into one map, analyse, export."""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from samverkan.config import CONFIG_NAME, ProjectConfig, load_config
from samverkan.contract import Analysis, ImportResult, RuleContext
from samverkan.errors import Location, Problem, SamverkanError
from samverkan.faults import ABORTED, WHILE_READING, guarded, while_checking
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, lang_from_env
from samverkan.merge import build_map
from samverkan.model import Fact, Flag, Provenance
from samverkan.plugins import Plugins, ambiguity_warning
from samverkan.progress import progress
from samverkan.settings import RuleSetup, configure_importers, import_settings, rule_setups


@dataclass
class RunReport:
    """Accounts for every row read: imported, merged into another, or rejected."""

    files: list[Path] = field(default_factory=list)
    rows_read: int = 0
    merged: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.rows_read - self.merged - self.rejected

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


@dataclass
class Project:
    config: ProjectConfig
    files: list[Path]


def find_project(targets: list[Path]) -> Project:
    """A project folder (with or without samverkan.toml), or a list of files."""
    if not targets:
        targets = [Path()]
    if len(targets) == 1 and targets[0].is_dir():
        config = load_config(targets[0])
        files = _once(sorted({p for pattern in config.inputs for p in _matches(config, pattern)}))
        if not files:
            message = NO_INPUTS.format(patterns=", ".join(config.inputs))
            others = sorted(
                p.name for p in targets[0].iterdir() if _is_input(p) and p.name != CONFIG_NAME
            )
            if others:
                shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
                example = targets[0] / others[0]
                pattern = f"*{example.suffix}" if example.suffix else others[0]
                message += OTHER_FILES.format(files=shown, pattern=pattern, example=example)
            raise SamverkanError(message, Location(str(targets[0])))
        return Project(config, files)
    for target in targets:
        if target.is_dir():
            raise SamverkanError(FOLDER_AMONG_OTHERS, Location(str(target)))
        if not target.is_file():
            raise SamverkanError(NOT_A_FILE, Location(str(target)))
    root = targets[0].parent
    config = load_config(root) if (root / CONFIG_NAME).is_file() else ProjectConfig(root=root)
    return Project(config, _once(targets))


def _once(files: list[Path]) -> list[Path]:
    """Each file once, in the order given: the same workbook named twice (by another path,
    or through a link) would count each of its contacts twice."""
    by_file: dict[Path, Path] = {}
    for path in files:
        by_file.setdefault(path.resolve(), path)
    return list(by_file.values())


def _matches(config: ProjectConfig, pattern: str) -> list[Path]:
    """The input files one pattern of `indata` finds; a pattern glob cannot use is an error."""
    try:
        return [path for path in config.root.glob(_case_blind(pattern)) if _is_input(path)]
    except (ValueError, NotImplementedError, IndexError) as error:  # e.g. '***' or '.'
        raise SamverkanError(
            BAD_PATTERN.format(pattern=pattern, e=error), Location(str(config.root / CONFIG_NAME))
        ) from error


def _case_blind(pattern: str) -> str:
    """`pattern` matching letters in either case, as Windows matches them: a project whose
    'INTERVJU.XLSX' is read on Windows must not leave it out in silence on Linux or a Mac.
    (Path.glob learns case_sensitive=False only in Python 3.12.)"""
    out: list[str] = []
    in_class = False  # inside [...], letters are left as the user wrote them
    for char in pattern:
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif not in_class and char.isascii() and char.isalpha():
            char = f"[{char.lower()}{char.upper()}]"
        out.append(char)
    return "".join(out)


BAD_PATTERN = _(
    '[projekt] indata: the pattern \'{pattern}\' cannot be used ({e}); write e.g. "*.xlsx" or "interviews/*.xlsx"'
)


def _is_input(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(("~$", "."))  # Excel's lock files


NO_INPUTS = _("No input files found ({patterns}). Create a project with 'samverkan init'.")
OTHER_FILES = _(
    ' The folder holds {files}: name them in samverkan.toml ([projekt] indata = ["{pattern}"]) or give the files themselves (samverkan map {example}).'
)
NOT_A_FILE = _("No such file or folder")
FOLDER_AMONG_OTHERS = _(
    "A folder can only be given alone: give one project folder, or the files to read (e.g. folder/*.xlsx)"
)


def read_map(
    files: list[Path],
    plugins: Plugins,
    title: str = "",
    lang: Lang | None = None,
    importer: str | None = None,
    config: ProjectConfig | None = None,
) -> tuple[SamverkanMap, RunReport]:
    """Import every file with the importer that claims it, then merge into one map.

    `importer` (``--importer``) reads every file it claims. `lang` is only for the progress
    bar shown on a terminal (default: SAMVERKAN_LANG). `config` gives the importers their
    ``[import.<name>]`` settings (none: every importer reads with its defaults).
    """
    configure(plugins, config)
    report = RunReport(files=list(files))
    facts: list[Fact] = []
    rows: list[Hashable] = []
    labels = _twin_labels(files)
    with progress(files, READING.text(lang or lang_from_env()), _file_name) as paths:
        for number, path in enumerate(paths):
            with guarded(plugins, WHILE_READING, Location(str(path))):
                chosen, ambiguity = plugins.importer_for(path, importer)
                result = chosen.read(path)
            if ambiguity is not None:
                report.problems.append(ambiguity_warning(path, ambiguity))
            if path in labels:
                _relabel(result, path.name, labels[path])
            facts.extend(result.facts)
            rows.extend(_rows_of(number, labels.get(path, path.name), result.facts))
            report.rows_read += result.rows_read
            report.rejected += result.rows_rejected
            report.problems.extend(result.problems)
            title = title or result.title
    outcome = build_map(facts, title, rows)
    report.merged += outcome.merged
    report.rejected += outcome.rejected
    report.problems.extend(outcome.problems)
    report.problems.sort(key=_reading_order)  # stable: by place, never by file order
    return outcome.map, report


def configure(plugins: Plugins, config: ProjectConfig | None) -> None:
    """Check every importer's settings and hand them over, before any file is read."""
    tables = config.imports if config is not None else {}
    config_file = (config.root if config is not None else Path()) / CONFIG_NAME
    with guarded(plugins, WHILE_CONFIGURING, Location(str(config_file))):
        setups = import_settings(plugins.importers(), tables, config_file, _all_loaded(plugins))
        configure_importers(setups, config_file)


def _all_loaded(plugins: Plugins) -> bool:
    """Every plugin loaded: only then is a table for a plugin nobody has a mistake."""
    return not plugins.filter.active and not plugins.failures


WHILE_CONFIGURING = _(" while reading its settings") + ABORTED


def _reading_order(problem: Problem) -> tuple[str, str, int, int, str]:
    place = problem.location
    column = place.column or ""
    return (place.file, place.sheet or "", place.row or 0, len(column), column)


READING = _("Reading")


def _twin_labels(files: list[Path]) -> dict[Path, str]:
    """Files that share a name (a/intervju.xlsx, b/intervju.xlsx) are named by their path
    from the folder they share: importers name a file by its name alone, and a message about
    'intervju.xlsx, rad 2' must say which one (and row ids must not depend on file order)."""
    by_name: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_name[path.name].append(path)
    twins = [path for same in by_name.values() if len(same) > 1 for path in same]
    if not twins:
        return {}
    base = os.path.commonpath([path.resolve().parent for path in twins])
    return {path: path.resolve().relative_to(base).as_posix() for path in twins}


def _relabel(result: ImportResult, name: str, label: str) -> None:
    """The file `name` called `label` in the facts' provenance and in the problems."""
    result.facts[:] = [
        replace(fact, provenance=tuple(_moved(o, name, label) for o in fact.provenance))
        for fact in result.facts
    ]
    result.problems[:] = [
        replace(p, location=replace(p.location, file=label)) if p.location.file == name else p
        for p in result.problems
    ]


def _moved(origin: Provenance, name: str, label: str) -> Provenance:
    return replace(origin, file=label) if origin.file == name else origin


def _rows_of(number: int, file: str, facts: list[Fact]) -> Iterator[Hashable]:
    """The input row of each fact, so that rows (not facts) are counted: an importer may
    make several facts of one row. A fact that names no row of this file is a row itself."""
    for position, fact in enumerate(facts):
        origin = fact.provenance[0] if fact.provenance else None
        if origin is not None and origin.file == file and origin.row is not None:
            yield (number, origin.sheet, origin.row)
        else:  # two items, never equal to a (file, sheet, row) key of three
            yield (number, position)


def _file_name(path: Path | None) -> str | None:
    return path.name if path is not None else None


def rule_settings(plugins: Plugins, config: ProjectConfig) -> list[RuleSetup]:
    """Every rule with its settings from samverkan.toml; an error for any that is wrong."""
    return rule_setups(
        plugins.rules(), config.rules, config.root / CONFIG_NAME, _all_loaded(plugins)
    )


def analyse(
    history: SamverkanMap,
    plugins: Plugins,
    config: ProjectConfig,
    day: date,
    current: SamverkanMap | None = None,
) -> list[Flag]:
    """Run every enabled rule on the map as of `day` (`current`, when the caller has built
    it already); flags sorted most severe first."""
    setups = rule_settings(plugins, config)
    flags: list[Flag] = []
    with collector_paused():
        current = history.as_of(day) if current is None else current
        for setup in setups:
            if not setup.active:
                continue
            context = RuleContext(current, history, day, setup.settings, setup.severity)
            with guarded(plugins, while_checking(str(setup.rule.id))):
                flags.extend(setup.rule.check(context))
    return sorted(flags, key=lambda f: (-f.severity, f.rule, f.actors))


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the rules run over the maps.

    The rules allocate a flag's texts by the thousand, and each full collection walks every
    object alive, the map's facts too: at 10,000 actors that was a third of the analysis.
    What the rules drop is freed at once by reference counting (texts, lists, flags hold no
    cycles); anything cyclic waits for the next collection after the analysis. A caller
    that turned the collector off itself keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def run_analysis(
    project: Project,
    plugins: Plugins,
    lang: Lang,
    day: date | None,
    importer: str | None = None,
) -> tuple[Analysis, RunReport]:
    """Import, merge and analyse a project: what `map`, `gaps` and `export` share."""
    config = project.config
    history, report = read_map(project.files, plugins, config.title, lang, importer, config)
    when = day or project.config.day or date.today()
    current = history.as_of(when)  # one map for the rules and every exporter
    flags = analyse(history, plugins, config, when, current)

    def flags_on(day: date) -> list[Flag]:
        return analyse(history, plugins, config, day)

    def rules_on(other: SamverkanMap, day: date) -> list[Flag]:
        return analyse(other, plugins, config, day)

    analysis = Analysis(
        history,
        flags,
        lang,
        when,
        most_important=config.most_important,
        flags_on=flags_on,
        rules_on=rules_on,
        current_map=current,
    )
    return analysis, report
