"""`samverkan export`: the map in any format an installed exporter writes.

The formats are whatever the plugins register; none is named here, so a third-party
exporter appears in `--help` and in error messages as soon as it is installed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from samverkan.cli.base import (
    SamverkanCommand,
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
from samverkan.cli.speech import spoken
from samverkan.contract import Exporter
from samverkan.errors import SamverkanError
from samverkan.i18n import Lang, _
from samverkan.io import check_target
from samverkan.plugins import Plugins, get_plugins

OUTPUT_STEM = "karta"


def format_rows(plugins: Plugins, lang: Lang) -> list[tuple[str, str]]:
    """(format, description) for every installed exporter, sorted by format."""
    exporters = sorted(plugins.exporters(), key=lambda e: e.format)
    return [(e.format, e.description.text(lang)) for e in exporters]


class ExportCommand(SamverkanCommand):
    """Lists the installed formats under the options, read from the plugins at help time."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = spoken()
        with formatter.section(_("Installed formats").text(lang)):
            formatter.write_dl(format_rows(get_plugins(), lang) or [("-", "")])
        super().format_epilog(ctx, formatter)


def default_target(exporter: Exporter, output_dir: Path) -> Path:
    """utdata/karta.json, utdata/karta.gexf; utdata/karta-kumu.xlsx when the suffix differs."""
    plain = exporter.suffix.lstrip(".").casefold() == exporter.format.casefold()
    stem = OUTPUT_STEM if plain else f"{OUTPUT_STEM}-{exporter.format}"
    return output_dir / f"{stem}{exporter.suffix}"


NO_FORMAT = _("Choose a format with --format. Installed formats: {known}.")


@cli.command("export", cls=ExportCommand)
@targets_argument
@click.option("-f", "--format", "fmt", metavar="FORMAT", help="Output format (see the list below).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The file to write (default: karta.<format> in the project's output folder).",
)
@at_option
@pseudonymize_option
@strict_option
@importer_option
@lang_option
@click.pass_context
def export_command(
    ctx: click.Context,
    targets: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    day: date | None,
    pseudonymized: bool,
    strict: bool,
    lang: str | None,
) -> None:
    """Export the map to another format: JSON, GEXF, GraphML, Kumu, report …

    TARGETS is a project folder (default: the current folder) or one or more files.
    """
    choose_lang(ctx, lang)  # errors before the project is found speak the asked language
    plugins = get_plugins()
    if not fmt:
        known = ", ".join(sorted(e.format for e in plugins.exporters())) or "-"
        raise SamverkanError(NO_FORMAT.format(known=known))
    exporter = plugins.exporter(fmt)  # an unknown format is an error that lists the known ones
    if output is not None:
        check_target(output)  # before the work, not after it
    session = open_session(ctx, targets, lang)
    analysis, report = session.analyse(day, strict)
    target = output or default_target(exporter, session.project.config.output_dir)
    session.export(exporter, analysis, target, pseudonymized)
    print_summary(report, analysis.map.summary(), session.lang)
    click.echo(_("Wrote:   {path}").format(path=target).text(session.lang))
