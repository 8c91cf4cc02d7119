"""The `samverkan` click group and what its commands share: errors, language, summaries."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from samverkan import __version__, faults
from samverkan.cli.speech import SPOKEN, Speaking, asked_lang, speak, spoken
from samverkan.config import ProjectConfig
from samverkan.contract import Analysis, Exporter
from samverkan.errors import Location, SamverkanError
from samverkan.graph import SamverkanMap
from samverkan.i18n import LANGS, Lang, Message, _, lang_from_env, ngettext
from samverkan.limits import date_problem
from samverkan.pipeline import Project, RunReport, find_project, read_map, run_analysis
from samverkan.plugins import Plugins, get_plugins, load_directory
from samverkan.pseudonymize import pseudonymize

FuncT = TypeVar("FuncT", bound=Callable[..., Any])


class SamverkanCommand(Speaking):
    """A command whose help and click messages speak the user's language."""


class SamverkanGroup(Speaking, click.Group):
    """Turns any error into a message and an exit code instead of a traceback.

    Plugins that failed to load, or whose contributions the core refused, are reported after
    the command ran with the others; the command then exits with code 2. Its commands, and
    those of its subgroups, speak the user's language (`samverkan.cli.speech`).
    """

    command_class = SamverkanCommand
    group_class = type

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """--version and --help write while the arguments are parsed, before `invoke`."""
        try:
            return super().make_context(*args, **kwargs)
        except OSError as error:
            if stdout_closed(error):
                exit_quietly()
            raise

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        asked = asked_lang(sys.argv[1:] if args is None else args)
        token = SPOKEN.set(asked or lang_from_env())
        try:
            return super().main(args, *rest, **extra)
        finally:
            SPOKEN.reset(token)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            report_plugins(ctx)
            raise
        except Exception as error:
            if stdout_closed(error):
                exit_quietly()
            if faults.debugging():
                raise
            lang = current_lang(ctx)
            message, code = _explain(error, lang)
            report_plugins(ctx)
            click.echo(f"{ERROR_WORD.text(lang)}: {message}", err=True)
            ctx.exit(code)
        if report_plugins(ctx):
            ctx.exit(faults.PLUGIN_FAULT_EXIT)
        return result


# What a shell reports for a Unix tool stopped by SIGPIPE (`samverkan plugins | head -1`).
BROKEN_PIPE_EXIT = 128 + 13


def stdout_closed(error: BaseException) -> bool:
    """True when the reader of our output went away: not a bug, nothing to say. Unix raises
    EPIPE; Windows raises EINVAL when a closed pipe is written to, so there we ask stdout."""
    if isinstance(error, BrokenPipeError):
        return True
    if not (isinstance(error, OSError) and error.errno == errno.EINVAL):
        return False
    try:
        sys.stdout.flush()
    except OSError:
        return True
    return False


def exit_quietly() -> None:
    """Exit without a word; stdout is pointed at the null device first, or Python's own
    flush at exit would fail again and print "Exception ignored … BrokenPipeError"."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor (stdout replaced, as in tests)
        pass
    raise SystemExit(BROKEN_PIPE_EXIT)


def current_lang(ctx: click.Context) -> Lang:
    return cast(Lang, ctx.meta.get("samverkan.lang") or spoken())


def report_plugins(ctx: click.Context) -> bool:
    """Print the filter's warnings and every plugin failure; true if a plugin failed."""
    plugins, lang = get_plugins(), current_lang(ctx)
    for warning in plugins.warnings:
        click.echo(f"{WARNING_WORD.text(lang)}: {warning.text(lang)}", err=True)
    for failure in plugins.failures:
        click.echo(f"{ERROR_WORD.text(lang)}: {failure.message().text(lang)}", err=True)
        if faults.debugging() and failure.traceback:
            click.echo(failure.traceback, err=True)
    return bool(plugins.failures)


def _explain(error: Exception, lang: Lang) -> tuple[str, int]:
    """Our own errors as they are (exit 2); a plugin's fault named (exit 2); else a bug (3)."""
    if isinstance(error, SamverkanError):
        return error.describe(lang), 2
    plugin = faults.plugin_behind(error, get_plugins())
    if plugin is None:
        message = faults.INTERNAL_ERROR.format(error=faults.describe_exception(error))
        return message.text(lang), faults.INTERNAL_ERROR_EXIT
    fault = faults.PluginFault(plugin, faults.WHILE_RUNNING, error, None)
    return fault.describe(lang), faults.PLUGIN_FAULT_EXIT


ERROR_WORD = _("Error")
WARNING_WORD = _("Warning")


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        lang = spoken()
        try:
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            self.fail(NOT_A_DAY.format(value=value).text(lang), param, ctx)
        problem = date_problem(day)
        if problem is not None:
            self.fail(problem.text(lang), param, ctx)
        return day


NOT_A_DAY = _("'{value}' is not a date of the form YYYY-MM-DD (e.g. 2017-02-01)")


def lang_option(command: FuncT) -> FuncT:
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=None,
        callback=_remember_lang,
        help="Output language: sv (default) or en.",
    )(command)


# Options that several commands take, spelt once.
targets_argument = click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
at_option = click.option(
    "--at", "day", type=DateType(), metavar="YYYY-MM-DD", help="Analyse the map as of this date."
)
strict_option = click.option(
    "--strict", is_flag=True, help="Warnings count as errors (exit with code 2)."
)


def _remember_importer(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta["samverkan.importer"] = value


importer_option = click.option(
    "--importer",
    metavar="NAME",
    expose_value=False,
    callback=_remember_importer,
    help="Read the files it can read with this importer (when several can; see 'samverkan plugins').",
)
pseudonymize_option = click.option(
    "--pseudonymize",
    "--pseudonymisera",
    "pseudonymized",
    is_flag=True,
    help="Replace names of people with role and pseudonym, e.g. 'head of section (Person 3)'.",
)


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """An error raised before the command calls choose_lang still speaks the asked language."""
    if value:
        ctx.meta["samverkan.lang"] = ctx.meta["samverkan.lang.asked"] = value
        speak(cast(Lang, value))
    return value


def choose_lang(ctx: click.Context, asked: str | None, config: ProjectConfig | None = None) -> Lang:
    """--lang wins (the command's or `samverkan --lang`), then the project's language, then
    SAMVERKAN_LANG, then Swedish."""
    asked = asked or ctx.meta.get("samverkan.lang.asked")
    lang = cast(Lang, asked) if asked else (config and config.lang) or lang_from_env()
    ctx.meta["samverkan.lang"] = lang
    speak(lang)
    return lang


def _load_plugins_dir(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    """Load one-file plugins before the command is looked up, so their commands exist."""
    if value is None or ctx.resilient_parsing:
        return
    plugins = get_plugins()
    load_directory(plugins, value)
    group = ctx.command
    if isinstance(group, click.Group):
        plugins.register_commands(group)


@click.group(cls=SamverkanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="samverkan")
@click.option(
    "--plugins-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="FOLDER",
    envvar="SAMVERKAN_PLUGINS_DIR",
    is_eager=True,
    expose_value=False,
    callback=_load_plugins_dir,
    help="Load every .py file in the folder as a plugin (for small plugins of your own).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    is_eager=True,
    expose_value=False,
    callback=_remember_lang,
    help="Output language of every command: sv (default) or en.",
)
def cli() -> None:
    """Samverkanskartan: map collaboration, find weak links, show the map.

    Start with 'samverkan init FOLDER', fill in the workbook and run 'samverkan map FOLDER'.
    """


def stop_on_problems(ctx: click.Context, report: RunReport, strict: bool, lang: Lang) -> None:
    """Print every problem with its location; exit 2 on errors (or on warnings with --strict)."""
    for problem in report.problems:
        click.echo(problem.describe(lang), err=True)
    if report.errors or (strict and report.problems):
        count = len(report.errors) if report.errors else len(report.problems)
        click.echo(rows_line(report).text(lang), err=True)
        click.echo(
            ngettext(
                "{n} problem in the input; nothing was written. Fix it and run again.",
                "{n} problems in the input; nothing was written. Fix them and run again.",
                count,
            ).text(lang),
            err=True,
        )
        ctx.exit(2)


# Every row read is imported, merged into another, or rejected (with its problem printed).
ROWS = _("Rows:    {read} read ({imported} imported, {merged} merged, {rejected} rejected)")


def rows_line(report: RunReport) -> Message:
    return ROWS.format(
        read=report.rows_read,
        imported=report.imported,
        merged=report.merged,
        rejected=report.rejected,
    )


def print_summary(report: RunReport, counts: dict[str, int], lang: Lang) -> None:
    click.echo(_("Files:   {files}").format(files=len(report.files)).text(lang))
    click.echo(rows_line(report).text(lang))
    click.echo(
        _("Content: {actors}, {forums}, {contacts}, {gaps}, {events}, {sources}, {fundings}")
        .format(
            actors=ngettext("{n} actor", "{n} actors", counts["actors"]),
            forums=ngettext("{n} forum", "{n} forums", counts["forums"]),
            contacts=ngettext("{n} contact", "{n} contacts", counts["contacts"]),
            gaps=ngettext("{n} gap/wish", "{n} gaps/wishes", counts["gaps"]),
            events=ngettext("{n} event", "{n} events", counts["events"]),
            sources=ngettext("{n} source", "{n} sources", counts["sources"]),
            fundings=ngettext(
                "{n} funding or membership", "{n} fundings and memberships", counts["fundings"]
            ),
        )
        .text(lang)
    )


@dataclass(frozen=True)
class Session:
    """What a command on a map settles once: its project, language and plugins."""

    ctx: click.Context
    project: Project
    lang: Lang
    plugins: Plugins

    @property
    def importer(self) -> str | None:
        """The importer asked for with --importer, if any."""
        return cast(str | None, self.ctx.meta.get("samverkan.importer"))

    def read(self, strict: bool) -> tuple[SamverkanMap, RunReport]:
        """The merged map; exits 2 after listing the problems if the input has errors."""
        config = self.project.config
        history, report = read_map(
            self.project.files, self.plugins, config.title, self.lang, self.importer, config
        )
        stop_on_problems(self.ctx, report, strict, self.lang)
        return history, report

    def analyse(self, day: date | None, strict: bool) -> tuple[Analysis, RunReport]:
        analysis, report = run_analysis(self.project, self.plugins, self.lang, day, self.importer)
        stop_on_problems(self.ctx, report, strict, self.lang)
        return analysis, report

    def export(
        self, exporter: Exporter, analysis: Analysis, target: Path, pseudonymized: bool = False
    ) -> None:
        """Write with a plugin's exporter; pseudonymised before any exporter sees the names.
        Never over a file the map was read from: `-o intervju.xlsx` would replace the
        interview with the map."""
        if target.resolve() in {path.resolve() for path in self.project.files}:
            raise SamverkanError(OVERWRITES_INPUT, Location(str(target)))
        if pseudonymized:
            analysis = pseudonymize(analysis)
        with faults.guarded(self.plugins, faults.WHILE_EXPORTING, Location(str(target))):
            exporter.export(analysis, target)


OVERWRITES_INPUT = _(
    "This is one of the files the map is read from; it is not overwritten. Give another file name for the output."
)


def open_session(ctx: click.Context, targets: tuple[Path, ...], lang: str | None) -> Session:
    """Find the project, settle the language and load the plugins."""
    project = find_project(list(targets))
    language = choose_lang(ctx, lang, project.config)
    return Session(ctx, project, language, get_plugins())
