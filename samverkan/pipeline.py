"""The pipeline: find inputs, import them, merge into one map, analyse, export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from samverkan.config import CONFIG_NAME, ProjectConfig, load_config
from samverkan.contract import Analysis, Importer, RuleContext
from samverkan.errors import Location, Problem, SamverkanError
from samverkan.faults import WHILE_LOADING, WHILE_READING, guarded, while_checking
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg, lang_from_env
from samverkan.merge import build_map
from samverkan.model import Fact, Flag, Severity
from samverkan.plugins import Plugins
from samverkan.progress import progress


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
        files = sorted(
            {p for pattern in config.inputs for p in config.root.glob(pattern) if _is_input(p)}
        )
        if not files:
            raise SamverkanError(
                NO_INPUTS.format(patterns=", ".join(config.inputs)), Location(str(targets[0]))
            )
        return Project(config, files)
    for target in targets:
        if not target.is_file():
            raise SamverkanError(NOT_A_FILE, Location(str(target)))
    root = targets[0].parent
    config = load_config(root) if (root / CONFIG_NAME).is_file() else ProjectConfig(root=root)
    return Project(config, list(targets))


def _is_input(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(("~$", "."))  # Excel's lock files


NO_INPUTS = Msg(
    "Hittade inga indatafiler ({patterns}). Skapa ett projekt med 'samverkan init'.",
    "No input files found ({patterns}). Create a project with 'samverkan init'.",
)
NOT_A_FILE = Msg("Filen eller mappen finns inte", "No such file or folder")


def read_map(
    files: list[Path], plugins: Plugins, title: str = "", lang: Lang | None = None
) -> tuple[SamverkanMap, RunReport]:
    """Import every file with the importer that claims it, then merge into one map.

    `lang` is only for the progress bar shown on a terminal (default: SAMVERKAN_LANG).
    """
    report = RunReport(files=list(files))
    with guarded(plugins, WHILE_LOADING):
        importers = plugins.importers()
    facts: list[Fact] = []
    with progress(files, READING.text(lang or lang_from_env()), _file_name) as paths:
        for path in paths:
            with guarded(plugins, WHILE_READING, Location(str(path))):
                result = _importer_for(path, importers).read(path)
            facts.extend(result.facts)
            report.rows_read += result.rows_read
            report.rejected += result.rows_rejected
            report.problems.extend(result.problems)
            title = title or result.title
    outcome = build_map(facts, title)
    report.merged += outcome.merged
    report.rejected += outcome.rejected
    report.problems.extend(outcome.problems)
    return outcome.map, report


READING = Msg("Läser", "Reading")


def _file_name(path: Path | None) -> str | None:
    return path.name if path is not None else None


def _importer_for(path: Path, importers: list[Importer]) -> Importer:
    for importer in importers:
        if importer.claims(path):
            return importer
    names = ", ".join(i.name for i in importers) or "-"
    raise SamverkanError(
        Msg(
            "Ingen installerad importör kan läsa filen (installerade: {names})",
            "No installed importer can read this file (installed: {names})",
        ).format(names=names),
        Location(str(path)),
    )


def analyse(
    history: SamverkanMap, plugins: Plugins, config: ProjectConfig, day: date
) -> list[Flag]:
    """Run every enabled rule on the map as of `day`; flags sorted most severe first."""
    current = history.as_of(day)
    flags: list[Flag] = []
    with guarded(plugins, WHILE_LOADING):
        rules = plugins.rules()
    for rule in rules:
        overrides = dict(config.rules.get(rule.id, {}))
        if overrides.pop("aktiv", True) is False:
            continue
        severity = Severity.parse(str(overrides.pop("allvarlighet", ""))) or rule.severity
        settings = {**rule.defaults, **overrides}
        context = RuleContext(current, history, day, settings, severity)
        with guarded(plugins, while_checking(str(rule.id))):
            flags.extend(rule.check(context))
    return sorted(flags, key=lambda f: (-f.severity, f.rule, f.actors))


def run_analysis(
    project: Project, plugins: Plugins, lang: Lang, day: date | None
) -> tuple[Analysis, RunReport]:
    """Import, merge and analyse a project: what `map`, `gaps` and `export` share."""
    history, report = read_map(project.files, plugins, project.config.title, lang)
    when = day or project.config.day or date.today()
    flags = analyse(history, plugins, project.config, when)
    config = project.config

    def flags_on(day: date) -> list[Flag]:
        return analyse(history, plugins, config, day)

    analysis = Analysis(
        history, flags, lang, when, most_important=config.most_important, flags_on=flags_on
    )
    return analysis, report
