"""Commands on a map project: init, map, validate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from samverkan.cli.base import (
    at_option,
    choose_lang,
    cli,
    lang_option,
    open_session,
    print_summary,
    pseudonymize_option,
    strict_option,
    targets_argument,
)
from samverkan.config import CONFIG_NAME, config_template
from samverkan.errors import Location, SamverkanError
from samverkan.i18n import Lang, Msg
from samverkan.io import atomic_write
from samverkan.model import Flag
from samverkan.plugins import get_plugins


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


MAP_FORMAT = "html"
REPORT_FORMAT = "report-html"  # written beside the map when an installed plugin provides it


@cli.command("map")
@targets_argument
@click.option("-o", "--output", type=click.Path(path_type=Path), help="HTML-filen att skriva.")
@at_option
@click.option(
    "--report/--no-report",
    "with_report",
    default=True,
    help="Skriv även styrgruppsrapporten (KARTA-rapport.html) bredvid kartan (standard: ja).",
)
@click.option(
    "--open",
    "open_after",
    is_flag=True,
    help="Öppna kartan i standardwebbläsaren när den är skriven.",
)
@strict_option
@pseudonymize_option
@lang_option
@click.pass_context
def map_command(
    ctx: click.Context,
    targets: tuple[Path, ...],
    output: Path | None,
    day: date | None,
    with_report: bool,
    open_after: bool,
    strict: bool,
    pseudonymized: bool,
    lang: str | None,
) -> None:
    """Läs arbetsböckerna, hitta svaga länkar och skriv den interaktiva kartan (HTML)
    och styrgruppsrapporten.

    TARGETS är en projektmapp (standard: den aktuella mappen) eller en eller flera filer.
    """
    session = open_session(ctx, targets, lang)
    analysis, report = session.analyse(day, strict)
    exporter = session.plugins.exporter(MAP_FORMAT)
    # Absolute paths: the reader copies them into a browser or a mail.
    target = (output or session.project.config.output_dir / f"karta{exporter.suffix}").resolve()
    session.export(exporter, analysis, target, pseudonymized)
    language = session.lang
    print_summary(report, analysis.map.summary(), language)
    if analysis.day is not None:
        click.echo(
            Msg("Datum:    {day} (analysdatum)", "Date:    {day} (analysis date)")
            .format(day=analysis.day)
            .text(language)
        )
    click.echo(Msg("Flaggor:  {n}", "Flags:   {n}").format(n=len(analysis.flags)).text(language))
    for line in top_flags(analysis.flags, language):
        click.echo(f"  {line}")
    if not analysis.map.actors() and not analysis.map.forums():
        click.echo(EMPTY_MAP.text(language), err=True)
    click.echo(Msg("Kartan:   {path}", "Map:     {path}").format(path=target).text(language))
    report_exporter = {e.format: e for e in session.plugins.exporters()}.get(REPORT_FORMAT)
    if with_report and report_exporter is not None:
        written = target.with_name(f"{target.stem}-rapport{report_exporter.suffix}")
        session.export(report_exporter, analysis, written, pseudonymized)
        click.echo(Msg("Rapport:  {path}", "Report:  {path}").format(path=written).text(language))
    if open_after:
        # click.launch opens a file the way the system does (start, open, xdg-open).
        click.launch(str(target))


EMPTY_MAP = Msg(
    "Varning: kartan är tom – inga aktörer eller forum lästes. Fyll i arbetsboken "
    "(bladen Aktörer, Forum och Kontakter) och kör igen.",
    "Warning: the map is empty – no actors or forums were read. Fill in the workbook "
    "(sheets Aktörer, Forum and Kontakter) and run again.",
)
TOP = 3  # what a steering group reads first


def top_flags(flags: list[Flag], lang: Lang) -> list[str]:
    """The most severe flags (already ranked by the analysis), as one line each."""
    return [f"[{f.severity.label(lang)}] {f.title.text(lang)}" for f in flags[:TOP]]


@cli.command()
@targets_argument
@strict_option
@lang_option
@click.pass_context
def validate(ctx: click.Context, targets: tuple[Path, ...], strict: bool, lang: str | None) -> None:
    """Kontrollera arbetsböckerna: varje problem med fil, blad, rad och kolumn."""
    session = open_session(ctx, targets, lang)
    samverkan_map, report = session.read(strict)
    print_summary(report, samverkan_map.summary(), session.lang)
    click.echo(Msg("Inga fel hittades.", "No errors found.").text(session.lang))
