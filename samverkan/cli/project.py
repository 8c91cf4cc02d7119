"""Commands on a map project: init, map, validate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from samverkan.cli.base import (
    at_option,
    choose_lang,
    cli,
    importer_option,
    lang_option,
    open_session,
    print_summary,
    pseudonymize_option,
    strict_option,
    targets_argument,
)
from samverkan.config import CONFIG_NAME, config_template
from samverkan.contract import MAP_ROLE, REPORT_ROLE, Exporter
from samverkan.errors import Location, SamverkanError
from samverkan.findings import Finding
from samverkan.i18n import Lang, _, ngettext
from samverkan.io import atomic_write, check_target, written_together
from samverkan.pipeline import rule_settings
from samverkan.plugins import Plugins, get_plugins


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--title", default=None, metavar="TITLE", help="The map's name (default: the folder's name)."
)
@lang_option
@click.pass_context
def init(ctx: click.Context, directory: Path, title: str | None, lang: str | None) -> None:
    """Create a new map project with a project file and a workbook to fill in."""
    language = choose_lang(ctx, lang)
    config_path = directory / CONFIG_NAME
    if config_path.exists():
        raise SamverkanError(
            _("A project already exists here"),
            Location(str(config_path)),
        )
    atomic_write(config_path, config_template(title or directory.resolve().name, language))
    written = [config_path, *get_plugins().init_project(directory, language)]
    click.echo(_("Created:").text(language))
    for path in written:
        click.echo(f"  {path}")
    click.echo(
        _("Fill in the workbook and run: samverkan map {dir}").format(dir=directory).text(language)
    )


NO_MAP_EXPORTER = _('No installed plugin writes the map (an exporter with role = "map").')


def map_exporter(plugins: Plugins) -> Exporter:
    """The exporter that declares the map role; `samverkan map` and `diff --html` use it."""
    exporter = plugins.exporter_with_role(MAP_ROLE)
    if exporter is None:
        raise SamverkanError(NO_MAP_EXPORTER)
    return exporter


@cli.command("map")
@targets_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The HTML file to write.",
)
@at_option
@click.option(
    "--report/--no-report",
    "with_report",
    default=True,
    help="Also write the steering-group report (MAP-rapport.html) next to the map (default: yes).",
)
@click.option(
    "--open",
    "open_after",
    is_flag=True,
    help="Open the map in the default browser once it is written.",
)
@strict_option
@pseudonymize_option
@importer_option
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
    """Read the workbooks, find weak links and write the interactive map (HTML)
    and the steering-group report.

    TARGETS is a project folder (default: the current folder) or one or more files.
    """
    if output is not None:
        check_target(output)  # before the work, not after it
    session = open_session(ctx, targets, lang)
    analysis, report = session.analyse(day, strict)
    exporter = map_exporter(session.plugins)
    # Absolute paths: the reader copies them into a browser or a mail.
    target = (output or session.project.config.output_dir / f"karta{exporter.suffix}").resolve()
    report_exporter = session.plugins.exporter_with_role(REPORT_ROLE)  # if a plugin writes one
    companion = None
    if with_report and report_exporter is not None:
        companion = target.with_name(f"{target.stem}-rapport{report_exporter.suffix}")
    with written_together():  # the map and its report: both new, or both as they were
        session.export(exporter, analysis, target, pseudonymized)
        if report_exporter is not None and companion is not None:
            session.export(report_exporter, analysis, companion, pseudonymized)
    language = session.lang
    print_summary(report, analysis.map.summary(), language)
    if analysis.day is not None:
        click.echo(_("Date:    {day} (analysis date)").format(day=analysis.day).text(language))
    click.echo(
        _("Findings: {n} ({flags})")
        .format(
            n=len(analysis.findings),
            flags=ngettext("{n} flag", "{n} flags", len(analysis.flags)).text(language),
        )
        .text(language)
    )
    for line in top_findings(analysis.findings, language):
        click.echo(f"  {line}")
    if not analysis.map.actors() and not analysis.map.forums():
        click.echo(EMPTY_MAP.text(language), err=True)
    click.echo(_("Map:     {path}").format(path=target).text(language))
    if companion is not None:
        click.echo(_("Report:  {path}").format(path=companion).text(language))
    if open_after:
        # click.launch opens a file the way the system does (start, open, xdg-open).
        click.launch(str(target))


EMPTY_MAP = _(
    "Warning: the map is empty – no actors or forums were read. Fill in the workbook (sheets Aktörer, Forum and Kontakter) and run again."
)
TOP = 3  # what a steering group reads first


def top_findings(findings: list[Finding], lang: Lang) -> list[str]:
    """The findings ranked highest, one line each: 1. [hög] AF:s kontor i Kävlinge har stängt."""
    return [
        f"{rank}. [{f.severity.label(lang)}] {f.title.text(lang)}"
        for rank, f in enumerate(findings[:TOP], start=1)
    ]


@cli.command()
@targets_argument
@strict_option
@importer_option
@lang_option
@click.pass_context
def validate(ctx: click.Context, targets: tuple[Path, ...], strict: bool, lang: str | None) -> None:
    """Check the workbooks: every problem with file, sheet, row and column."""
    session = open_session(ctx, targets, lang)
    rule_settings(session.plugins, session.project.config)  # as map would, before it reads
    samverkan_map, report = session.read(strict)
    print_summary(report, samverkan_map.summary(), session.lang)
    click.echo(_("No errors found.").text(session.lang))
