"""The command line: `samverkan init | map | validate | plugins`, plus commands from plugins.

Exit codes: 0 ok, 1 findings where asked (--fail-on), 2 bad input or usage.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from samverkan import __version__
from samverkan.config import CONFIG_NAME, ProjectConfig, config_template
from samverkan.errors import Location, SamverkanError
from samverkan.i18n import LANGS, Lang, Msg, lang_from_env
from samverkan.io import atomic_write
from samverkan.pipeline import RunReport, find_project, read_map, run_analysis
from samverkan.plugins import Plugins, get_plugins

DEBUG_ENV = "SAMVERKAN_DEBUG"
FuncT = TypeVar("FuncT", bound=Callable[..., Any])


class SamverkanGroup(click.Group):
    """Turns our errors into a message and exit code 2 instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SamverkanError as error:
            if os.environ.get(DEBUG_ENV):
                raise
            lang = cast(Lang, ctx.meta.get("samverkan.lang", lang_from_env()))
            click.echo(f"{ERROR_WORD.text(lang)}: {error.describe(lang)}", err=True)
            ctx.exit(2)


ERROR_WORD = Msg("Fel", "Error")


class DateType(click.ParamType):  # type: ignore[type-arg]
    name = "ÅÅÅÅ-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                f"'{value}' är inget datum i formen ÅÅÅÅ-MM-DD (t.ex. 2017-02-01)", param, ctx
            )


def lang_option(command: FuncT) -> FuncT:
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=None,
        help="Språk för utdata: sv (standard) eller en.",
    )(command)


def choose_lang(ctx: click.Context, asked: str | None, config: ProjectConfig | None = None) -> Lang:
    """--lang wins, then the project's language, then SAMVERKAN_LANG, then Swedish."""
    lang = cast(Lang, asked) if asked else (config and config.lang) or lang_from_env()
    ctx.meta["samverkan.lang"] = lang
    return lang


@click.group(cls=SamverkanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="samverkan")
def cli() -> None:
    """Samverkanskartan: kartlägg samverkan, hitta svaga länkar, visa kartan.

    Börja med 'samverkan init MAPP', fyll i arbetsboken och kör 'samverkan map MAPP'.
    """


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="Kartans namn (standard: mappens namn).")
@lang_option
@click.pass_context
def init(ctx: click.Context, directory: Path, title: str | None, lang: str | None) -> None:
    """Skapa ett nytt kartprojekt med projektfil och arbetsbok att fylla i."""
    language = choose_lang(ctx, lang)
    config_path = directory / CONFIG_NAME
    if config_path.exists():
        raise SamverkanError(
            Msg("Här finns redan ett projekt", "A project already exists here"),
            Location(str(config_path)),
        )
    atomic_write(config_path, config_template(title or directory.resolve().name, language))
    written = [config_path]
    for paths in get_plugins().manager.hook.samverkan_init_project(
        project_dir=directory, lang=language
    ):
        written.extend(paths)
    click.echo(Msg("Skapade:", "Created:").text(language))
    for path in written:
        click.echo(f"  {path}")
    click.echo(
        Msg(
            "Fyll i arbetsboken och kör: samverkan map {dir}",
            "Fill in the workbook and run: samverkan map {dir}",
        )
        .format(dir=directory)
        .text(language)
    )


@cli.command("map")
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="HTML-filen att skriva.")
@click.option("--at", "day", type=DateType(), help="Analysera kartan per detta datum.")
@click.option("--strict", is_flag=True, help="Varningar räknas som fel (avslutar med kod 2).")
@lang_option
@click.pass_context
def map_command(
    ctx: click.Context,
    targets: tuple[Path, ...],
    output: Path | None,
    day: date | None,
    strict: bool,
    lang: str | None,
) -> None:
    """Läs arbetsböckerna, hitta svaga länkar och skriv den interaktiva kartan (HTML).

    TARGETS är en projektmapp (standard: den aktuella mappen) eller en eller flera filer.
    """
    project = find_project(list(targets))
    language = choose_lang(ctx, lang, project.config)
    plugins = get_plugins()
    warn_failed_plugins(plugins, language)
    analysis, report = run_analysis(project, plugins, language, day)
    stop_on_problems(ctx, report, strict, language)
    exporter = plugins.exporter("html")
    target = output or project.config.output_dir / f"karta{exporter.suffix}"
    exporter.export(analysis, target)
    print_summary(report, analysis.map.summary(), language)
    click.echo(Msg("Flaggor:  {n}", "Flags:   {n}").format(n=len(analysis.flags)).text(language))
    click.echo(Msg("Kartan:   {path}", "Map:     {path}").format(path=target).text(language))


@cli.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Varningar räknas som fel (avslutar med kod 2).")
@lang_option
@click.pass_context
def validate(ctx: click.Context, targets: tuple[Path, ...], strict: bool, lang: str | None) -> None:
    """Kontrollera arbetsböckerna: varje problem med fil, blad, rad och kolumn."""
    project = find_project(list(targets))
    language = choose_lang(ctx, lang, project.config)
    plugins = get_plugins()
    warn_failed_plugins(plugins, language)
    samverkan_map, report = read_map(project.files, plugins, project.config.title)
    stop_on_problems(ctx, report, strict, language)
    print_summary(report, samverkan_map.summary(), language)
    click.echo(Msg("Inga fel hittades.", "No errors found.").text(language))


@cli.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@lang_option
@click.pass_context
def plugins_command(ctx: click.Context, as_json: bool, lang: str | None) -> None:
    """Visa installerade tillägg och vilka krokar (hooks) vart och ett implementerar."""
    language = choose_lang(ctx, lang)
    plugins = get_plugins()
    infos = plugins.describe()
    if as_json:
        rows = [
            {
                "name": i.name,
                "distribution": i.distribution,
                "version": i.version,
                "hooks": list(i.hooks),
            }
            for i in infos
        ]
        failed = [{"name": f.name, "error": f.error} for f in plugins.failures]
        click.echo(json.dumps({"plugins": rows, "failed": failed}, ensure_ascii=False, indent=2))
        return
    for info in infos:
        origin = f" ({info.distribution} {info.version})" if info.distribution else ""
        click.echo(f"{info.name}{origin}")
        for hook in info.hooks:
            click.echo(f"    {hook}")
    warn_failed_plugins(plugins, language)


def warn_failed_plugins(plugins: Plugins, lang: Lang) -> None:
    for failure in plugins.failures:
        click.echo(f"{ERROR_WORD.text(lang)}: {failure.message().text(lang)}", err=True)


def stop_on_problems(ctx: click.Context, report: RunReport, strict: bool, lang: Lang) -> None:
    """Print every problem with its location; exit 2 on errors (or on warnings with --strict)."""
    for problem in report.problems:
        click.echo(problem.describe(lang), err=True)
    if report.errors or (strict and report.problems):
        count = len(report.errors) if report.errors else len(report.problems)
        click.echo(
            Msg(
                "{n} problem i indata; ingen fil skrevs. Rätta och kör igen.",
                "{n} problem(s) in the input; nothing was written. Fix them and run again.",
            )
            .format(n=count)
            .text(lang),
            err=True,
        )
        ctx.exit(2)


def print_summary(report: RunReport, counts: dict[str, int], lang: Lang) -> None:
    lines = [
        Msg("Filer:    {files}", "Files:   {files}"),
        Msg(
            "Rader:    {read} lästa ({imported} importerade, {merged} sammanslagna, "
            "{rejected} avvisade)",
            "Rows:    {read} read ({imported} imported, {merged} merged, {rejected} rejected)",
        ),
        Msg(
            "Innehåll: {actors} aktörer, {forums} forum, {contacts} kontakter, {gaps} glapp/önskemål, "
            "{events} händelser, {sources} källor",
            "Content: {actors} actors, {forums} forums, {contacts} contacts, {gaps} gaps/wishes, "
            "{events} events, {sources} sources",
        ),
    ]
    values = {
        "files": len(report.files),
        "read": report.rows_read,
        "imported": report.imported,
        "merged": report.merged,
        "rejected": report.rejected,
        **counts,
    }
    for line in lines:
        click.echo(line.format(**values).text(lang))


def build_cli() -> click.Group:
    get_plugins().manager.hook.samverkan_register_commands(cli=cli)
    return cli


def main() -> None:
    # Windows consoles default to a legacy code page; our output is Swedish.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    build_cli()(prog_name="samverkan")
