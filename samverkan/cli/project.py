"""Commands on a map project: init, map, validate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from samverkan.cli.base import (
    DateType,
    choose_lang,
    cli,
    lang_option,
    print_summary,
    stop_on_problems,
    warn_failed_plugins,
)
from samverkan.config import CONFIG_NAME, config_template
from samverkan.errors import Location, SamverkanError
from samverkan.faults import WHILE_EXPORTING, guarded
from samverkan.i18n import Msg
from samverkan.io import atomic_write
from samverkan.pipeline import find_project, read_map, run_analysis
from samverkan.plugins import get_plugins
from samverkan.pseudonymize import pseudonymize


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
@click.option(
    "--pseudonymize",
    "--pseudonymisera",
    "pseudonymized",
    is_flag=True,
    help="Ersätt personnamn med roll och pseudonym, t.ex. 'sektionschef (Person 3)'.",
)
@lang_option
@click.pass_context
def map_command(
    ctx: click.Context,
    targets: tuple[Path, ...],
    output: Path | None,
    day: date | None,
    strict: bool,
    pseudonymized: bool,
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
    if pseudonymized:
        analysis = pseudonymize(analysis)
    exporter = plugins.exporter("html")
    target = output or project.config.output_dir / f"karta{exporter.suffix}"
    with guarded(plugins, WHILE_EXPORTING, Location(str(target))):
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
