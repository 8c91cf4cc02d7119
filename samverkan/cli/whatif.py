"""`samverkan whatif`: what the map would lose, and which flags would appear, without some elements."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from samverkan.cli.base import (
    at_option,
    cli,
    lang_option,
    open_session,
    strict_option,
    targets_argument,
)
from samverkan.cli.changes import print_diff
from samverkan.cli.gaps import wrapped
from samverkan.cli.project import map_exporter
from samverkan.contract import Analysis
from samverkan.diff import MapDiff, compare
from samverkan.i18n import Lang, _, join
from samverkan.pipeline import analyse
from samverkan.whatif import cut_off, find_elements, unreached, without


@cli.command()
@targets_argument
@click.option(
    "--remove",
    "names",
    multiple=True,
    required=True,
    metavar="NAME",
    help="An actor, forum or person that disappears (name, alias or id); repeat for more.",
)
@at_option
@click.option("--json", "as_json", is_flag=True, help="Write the consequences as JSON.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write a change map (HTML) here: what disappears in a style of its own.",
)
@strict_option
@lang_option
@click.pass_context
def whatif(
    ctx: click.Context,
    targets: tuple[Path, ...],
    names: tuple[str, ...],
    day: date | None,
    as_json: bool,
    html_out: Path | None,
    strict: bool,
    lang: str | None,
) -> None:
    """What if … disappears? Run every rule on the map without the given parts
    and show what is lost and which flags appear or disappear.

    \b
    samverkan whatif PROJECT --remove "AF:s kontor i Kävlinge" --at 2017-01-01
    samverkan whatif PROJECT --remove Försäkringskassan --remove "Region Skåne"
    """
    session = open_session(ctx, targets, lang)
    history, __ = session.read(strict)
    config = session.project.config
    when = day or config.day or date.today()
    removal = find_elements(history, names)
    simulated = without(history, removal, when)
    changes = compare(
        history.as_of(when),
        simulated.as_of(when),
        analyse(history, session.plugins, config, when),
        analyse(simulated, session.plugins, config, when),
        when,
        when,
    )
    language = session.lang
    lost = [changes.name(n) for n in removal.named]
    isolated = cut_off(changes.old, changes.new)
    groups = unreached(changes.old, changes.new)
    if as_json:
        report = {
            "at": when.isoformat(),
            "removed": [{"id": i, "name": changes.name(i)} for i in removal.ids()],
            "cut_off": [{"id": i, "name": changes.name(i)} for i in isolated],
            "unreached_target_groups": [{"id": g, "name": changes.group_name(g)} for g in groups],
            **changes.as_dict(language),
        }
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_whatif(changes, lost, isolated, groups, when, language)
    if html_out is not None:
        heading = HEADING.format(names=join(lost, language), day=when).text(language)
        change_map = Analysis(
            changes.change_map(heading),
            changes.new_flags,
            language,
            when,
            changes=changes.changes(),
        )
        session.export(map_exporter(session.plugins), change_map, html_out)
        click.echo(_("Change map: {p}").format(p=html_out.resolve()).text(language))


HEADING = _("If {names} were lost as of {day}")


def _print_whatif(
    changes: MapDiff,
    lost: list[str],
    isolated: list[str],
    groups: list[str],
    day: date,
    lang: Lang,
) -> None:
    click.echo(HEADING.format(names=join(lost, lang), day=day).text(lang))
    for heading, names in (
        (_("Actors cut off"), [changes.name(i) for i in isolated]),
        (_("Target groups left unreached"), [changes.group_name(g) for g in groups]),
    ):
        if names:
            click.echo()
            click.echo(f"{heading.text(lang)} ({len(names)}):")
            for name in names:
                click.echo(wrapped(f"! {name}", "  "))
    print_diff(changes, lang, dated=False)
