"""`samverkan diff`: what changed between two dates of a map, or between two mapping rounds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from samverkan.cli.base import (
    DateType,
    Session,
    cli,
    importer_option,
    lang_option,
    open_session,
    strict_option,
    targets_argument,
)
from samverkan.cli.gaps import wrapped
from samverkan.cli.project import map_exporter
from samverkan.contract import Analysis
from samverkan.diff import Change, MapDiff, compare
from samverkan.errors import SamverkanError
from samverkan.i18n import Lang, Message, _, join
from samverkan.model import COLLABORATION, QUALITY, Contact, Flag
from samverkan.pipeline import analyse


@cli.command()
@targets_argument
@click.option(
    "--from",
    "from_day",
    type=DateType(),
    metavar="YYYY-MM-DD",
    help="Compare the map from this date …",
)
@click.option("--to", "to_day", type=DateType(), metavar="YYYY-MM-DD", help="… to this date.")
@click.option("--json", "as_json", is_flag=True, help="Write the changes as JSON.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write a change map (HTML) here: lost and new links in different styles.",
)
@strict_option
@importer_option
@lang_option
@click.pass_context
def diff(
    ctx: click.Context,
    targets: tuple[Path, ...],
    from_day: date | None,
    to_day: date | None,
    as_json: bool,
    html_out: Path | None,
    strict: bool,
    lang: str | None,
) -> None:
    """Show what changed: between two dates of one map, or between two mapping rounds.

    \b
    samverkan diff PROJECT --from 2016-12-31 --to 2017-04-30
    samverkan diff OLD NEW      (two project folders or two workbooks)
    """
    if from_day is not None or to_day is not None:
        session = open_session(ctx, targets, lang)
        changes, title = _diff_dates(session, from_day, to_day, strict)
    else:
        if len(targets) != 2:
            raise SamverkanError(
                _(
                    "Give either --from and --to (two dates of one map) or two project folders/files: samverkan diff OLD NEW"
                )
            )
        old, session = open_session(ctx, targets[:1], lang), open_session(ctx, targets[1:], lang)
        changes, title = _diff_projects(old, session, strict)
    language = session.lang
    if as_json:
        click.echo(json.dumps(changes.as_dict(language), ensure_ascii=False, indent=2))
    else:
        print_diff(changes, language)
    if html_out is not None:
        heading = f"{title}: {changes.old_day or ''} → {changes.new_day or ''}".strip()
        change_map = Analysis(
            changes.change_map(heading),
            changes.new_flags,
            language,
            changes.new_day,
            changes=changes.changes(),
        )
        session.export(map_exporter(session.plugins), change_map, html_out)
        click.echo(_("Change map: {p}").format(p=html_out).text(language))


def _diff_dates(
    session: Session, from_day: date | None, to_day: date | None, strict: bool
) -> tuple[MapDiff, str]:
    if from_day is None or to_day is None:
        raise SamverkanError(_("Give both --from and --to."))
    history, __ = session.read(strict)
    config = session.project.config
    old_flags = analyse(history, session.plugins, config, from_day)
    new_flags = analyse(history, session.plugins, config, to_day)
    changes = compare(
        history.as_of(from_day), history.as_of(to_day), old_flags, new_flags, from_day, to_day
    )
    return changes, history.title


def _diff_projects(old: Session, new: Session, strict: bool) -> tuple[MapDiff, str]:
    sides = []
    for session in (old, new):
        history, _ = session.read(strict)
        config = session.project.config
        day = config.day or date.today()
        sides.append((history, analyse(history, session.plugins, config, day), day))
    (old_map, old_flags, old_day), (new_map, new_flags, new_day) = sides
    changes = compare(
        old_map.as_of(old_day), new_map.as_of(new_day), old_flags, new_flags, old_day, new_day
    )
    return changes, new_map.title


FIELD_LABELS = {
    "level": _("level"),
    "quality": _("quality"),
    "collaboration": _("collaboration level"),
    "frequency_per_year": _("contacts per year"),
    "cadence_per_year": _("meetings per year"),
    "status": _("status"),
    "parent": _("part of"),
}


def _value(changes: MapDiff, name: str, value: Any, lang: Lang) -> str:
    if value is None:
        return "–"
    if name == "quality":
        return QUALITY.label(value, lang)
    if name == "collaboration":
        return COLLABORATION.label(value, lang)
    if name == "parent":
        return changes.name(value)
    label = getattr(value, "label", None)
    return (
        label(lang) if callable(label) else f"{value:g}" if isinstance(value, float) else str(value)
    )


def _contact_line(changes: MapDiff, contact: Contact, lang: Lang) -> str:
    parts = [contact.level.label(lang)]
    if contact.target_groups:
        parts.append(join([changes.group_name(g) for g in contact.target_groups], lang))
    if contact.quality is not None:
        parts.append(QUALITY.label(contact.quality, lang))
    return f"{changes.name(contact.actor_a)} – {changes.name(contact.actor_b)} ({', '.join(parts)})"


def _change_line(changes: MapDiff, change: Change, lang: Lang) -> str:
    if isinstance(change.new, Contact):
        what = _contact_line(changes, change.new, lang)
    else:
        what = changes.name(change.new.id)
    fields = [
        f"{FIELD_LABELS[k].text(lang)} {_value(changes, k, a, lang)} → {_value(changes, k, b, lang)}"
        for k, (a, b) in change.fields.items()
    ]
    return f"{what}: {'; '.join(fields)}"


def print_diff(changes: MapDiff, lang: Lang, dated: bool = True) -> None:
    if dated:  # `whatif` compares one day with itself and says so in its own heading
        click.echo(
            _("Changes {a} → {b}")
            .format(a=changes.old_day or "", b=changes.new_day or "")
            .text(lang)
        )
    if changes.is_empty():
        click.echo(_("No changes.").text(lang))
        return
    name = changes.name
    sections: list[tuple[Message, str, list[str]]] = [
        (
            _("Actors lost"),
            "-",
            [f"{a.name} ({a.kind.label(lang)})" for a in changes.actors_removed],
        ),
        (
            _("Actors gained"),
            "+",
            [f"{a.name} ({a.kind.label(lang)})" for a in changes.actors_added],
        ),
        (
            _("Actors moved"),
            "~",
            [_change_line(changes, c, lang) for c in changes.actors_moved],
        ),
        (
            _("Contacts lost"),
            "-",
            [_contact_line(changes, c, lang) for c in changes.contacts_removed],
        ),
        (
            _("Contacts gained"),
            "+",
            [_contact_line(changes, c, lang) for c in changes.contacts_added],
        ),
        (
            _("Contacts changed"),
            "~",
            [_change_line(changes, c, lang) for c in changes.contacts_changed],
        ),
        (
            _("Forums lost"),
            "-",
            [f.name for f in changes.forums_removed],
        ),
        (_("Forums gained"), "+", [f.name for f in changes.forums_added]),
        (
            _("Forums changed"),
            "~",
            [_change_line(changes, c, lang) for c in changes.forums_changed],
        ),
        (
            _("Forum members lost"),
            "-",
            [f"{name(f)}: {name(a)}" for f, a in changes.members_removed],
        ),
        (
            _("Forum members gained"),
            "+",
            [f"{name(f)}: {name(a)}" for f, a in changes.members_added],
        ),
        (
            _("Flags appeared"),
            "+",
            [_flag_line(f, lang) for f in changes.flags_appeared],
        ),
        (
            _("Flags disappeared"),
            "-",
            [_flag_line(f, lang) for f in changes.flags_disappeared],
        ),
    ]
    for heading, mark, lines in sections:
        if not lines:
            continue
        click.echo()
        click.echo(f"{heading.text(lang)} ({len(lines)}):")
        for line in lines:
            click.echo(wrapped(f"{mark} {line}", "  ", "  "))  # under the text, not the mark


def _flag_line(flag: Flag, lang: Lang) -> str:
    return f"[{flag.severity.label(lang)}] {flag.rule}: {flag.title.text(lang)}"
