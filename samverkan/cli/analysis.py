"""`samverkan gaps` (the weak links) and `samverkan diff` (what changed)."""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import click

from samverkan.cli.base import (
    DateType,
    choose_lang,
    cli,
    lang_option,
    stop_on_problems,
    warn_failed_plugins,
)
from samverkan.contract import Analysis
from samverkan.diff import Change, MapDiff, compare
from samverkan.errors import SamverkanError
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg, join
from samverkan.metrics import metrics_of
from samverkan.model import COLLABORATION, QUALITY, Contact, Flag, Severity
from samverkan.pipeline import Project, analyse, find_project, read_map, run_analysis
from samverkan.plugins import Plugins, get_plugins


class SeverityType(click.ParamType):  # type: ignore[type-arg]
    name = "låg|medel|hög"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Severity:
        if isinstance(value, Severity):
            return value
        found = Severity.parse(str(value))
        if found is None:
            self.fail(
                f"'{value}' är ingen allvarlighetsgrad; välj låg, medel eller hög "
                "(low, medium, high)",
                param,
                ctx,
            )
        return found


# --- gaps -----------------------------------------------------------------------------------


@cli.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--at", "day", type=DateType(), help="Analysera kartan per detta datum.")
@click.option("--json", "as_json", is_flag=True, help="Skriv flaggorna som JSON (för skript).")
@click.option(
    "--min-severity", type=SeverityType(), default=None, help="Visa bara flaggor från denna grad."
)
@click.option(
    "--fail-on",
    type=SeverityType(),
    default=None,
    help="Avsluta med kod 1 om det finns flaggor på denna grad eller högre.",
)
@click.option("--metrics", "with_metrics", is_flag=True, help="Visa även nätverksmått.")
@click.option("--strict", is_flag=True, help="Varningar räknas som fel (avslutar med kod 2).")
@lang_option
@click.pass_context
def gaps(
    ctx: click.Context,
    targets: tuple[Path, ...],
    day: date | None,
    as_json: bool,
    min_severity: Severity | None,
    fail_on: Severity | None,
    with_metrics: bool,
    strict: bool,
    lang: str | None,
) -> None:
    """Visa de svaga länkarna (flaggorna) i kartan: regel, allvarlighet, aktörer, förklaring, källor.

    TARGETS är en projektmapp (standard: den aktuella mappen) eller en eller flera filer.
    """
    project = find_project(list(targets))
    language = choose_lang(ctx, lang, project.config)
    plugins = get_plugins()
    warn_failed_plugins(plugins, language)
    analysis, report = run_analysis(project, plugins, language, day)
    stop_on_problems(ctx, report, strict, language)
    shown = [f for f in analysis.flags if min_severity is None or f.severity >= min_severity]
    metrics = _metrics(analysis) if with_metrics else None
    if as_json:
        click.echo(json.dumps(_gaps_json(analysis, shown, metrics), ensure_ascii=False, indent=2))
    else:
        _print_flags(analysis.map, shown, language)
        if metrics is not None:
            _print_metrics(metrics, language)
    if fail_on is not None and any(f.severity >= fail_on for f in analysis.flags):
        ctx.exit(1)


def _metrics(analysis: Analysis) -> dict[str, Any]:
    current = analysis.map.as_of(analysis.day) if analysis.day else analysis.map
    return metrics_of(current).as_dict()


def flag_json(samverkan_map: SamverkanMap, flag: Flag, lang: Lang) -> dict[str, Any]:
    return {
        "rule": flag.rule,
        "severity": flag.severity.name.lower(),
        "severity_label": flag.severity.label(lang),
        "title": flag.title.text(lang),
        "explanation": flag.explanation.text(lang),
        "actors": [{"id": a, "name": samverkan_map.name(a)} for a in flag.actors],
        "contacts": list(flag.contacts),
        "forums": [{"id": f, "name": samverkan_map.name(f)} for f in flag.forums],
        "evidence": [
            {
                "file": p.file,
                "sheet": p.sheet,
                "row": p.row,
                "source": p.source,
                "text": samverkan_map.cite(p, lang),
            }
            for p in flag.evidence
        ],
    }


def _gaps_json(
    analysis: Analysis, flags: list[Flag], metrics: dict[str, Any] | None
) -> dict[str, Any]:
    counts = {s.name.lower(): sum(1 for f in flags if f.severity is s) for s in Severity}
    data: dict[str, Any] = {
        "title": analysis.map.title,
        "day": analysis.day.isoformat() if analysis.day else None,
        "counts": counts,
        "flags": [flag_json(analysis.map, f, analysis.lang) for f in flags],
    }
    if metrics is not None:
        data["metrics"] = metrics
    return data


def _width() -> int:
    return max(60, min(110, shutil.get_terminal_size((100, 24)).columns))


def _wrapped(text: str, indent: str) -> str:
    return textwrap.fill(
        text,
        width=_width(),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
    )


def _print_flags(samverkan_map: SamverkanMap, flags: list[Flag], lang: Lang) -> None:
    if not flags:
        click.echo(Msg("Inga flaggor.", "No flags.").text(lang))
        return
    labels = {
        "actors": Msg("Aktörer: ", "Actors:  "),
        "forums": Msg("Forum:   ", "Forums:  "),
        "sources": Msg("Källor:  ", "Sources: "),
    }
    for flag in flags:
        click.echo(f"[{flag.severity.label(lang).upper()}] {flag.rule} · {flag.title.text(lang)}")
        if flag.actors:
            actors = join([samverkan_map.name(a) for a in flag.actors], lang)
            click.echo(_wrapped(labels["actors"].text(lang) + actors, "    "))
        if flag.forums:
            forums = join([samverkan_map.name(f) for f in flag.forums], lang)
            click.echo(_wrapped(labels["forums"].text(lang) + forums, "    "))
        click.echo(_wrapped(flag.explanation.text(lang), "    "))
        for origin in flag.evidence:
            click.echo(
                _wrapped(labels["sources"].text(lang) + samverkan_map.cite(origin, lang), "    ")
            )
        click.echo()
    counts = [
        f"{sum(1 for f in flags if f.severity is s)} {s.label(lang)}"
        for s in sorted(Severity, reverse=True)
    ]
    click.echo(
        Msg("{n} flaggor: {counts}", "{n} flags: {counts}")
        .format(n=len(flags), counts=", ".join(counts))
        .text(lang)
    )


def _print_metrics(metrics: dict[str, Any], lang: Lang) -> None:
    click.echo()
    click.echo(
        Msg(
            "Nätverksmått: {actors} aktörer, {pairs} par i kontakt, täthet {density}{sampled}",
            "Network measures: {actors} actors, {pairs} pairs in contact, density {density}{sampled}",
        )
        .format(
            actors=metrics["actors"],
            pairs=metrics["actor_pairs_in_contact"],
            density=metrics["density"],
            sampled=Msg(" (mellanhandsmått uppskattat)", " (betweenness sampled)").text(lang)
            if metrics["betweenness_sampled"]
            else "",
        )
        .text(lang)
    )
    click.echo(
        Msg(
            "  Aktör                                grad  forum  mellanhand  mäklare",
            "  Actor                              degree forums betweenness brokerage",
        ).text(lang)
    )
    for row in metrics["top_actors"]:
        click.echo(
            f"  {row['name'][:36]:<36} {row['degree']:>5} {row['forums']:>6} "
            f"{row['betweenness']:>11.3f} {row['brokerage']:>8}"
        )
    for key, heading in (
        ("organisations", Msg("Per organisation", "Per organisation")),
        ("municipalities", Msg("Per kommun", "Per municipality")),
    ):
        click.echo(heading.text(lang) + ":")
        for row in metrics[key]:
            click.echo(
                Msg(
                    "  {name}: {actors} aktörer, {forums} forum, {inside} kontakter inom, "
                    "{outside} utåt ({strategic} strategiska, {operational} operativa)",
                    "  {name}: {actors} actors, {forums} forums, {inside} contacts inside, "
                    "{outside} outward ({strategic} strategic, {operational} operational)",
                )
                .format(
                    name=row["name"],
                    actors=row["actors"],
                    forums=row["forums"],
                    inside=row["contacts_inside"],
                    outside=row["contacts_outside"],
                    strategic=row["strategic"],
                    operational=row["operational"],
                )
                .text(lang)
            )


# --- diff -----------------------------------------------------------------------------------


@cli.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--from", "from_day", type=DateType(), help="Jämför kartan från detta datum …")
@click.option("--to", "to_day", type=DateType(), help="… till detta datum.")
@click.option("--json", "as_json", is_flag=True, help="Skriv förändringarna som JSON.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path),
    help="Skriv en förändringskarta (HTML) hit: förlorade och nya länkar i olika stil.",
)
@click.option("--strict", is_flag=True, help="Varningar räknas som fel (avslutar med kod 2).")
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
    """Visa vad som ändrats: mellan två datum i en karta, eller mellan två kartläggningar.

    \b
    samverkan diff PROJEKT --from 2016-12-31 --to 2017-04-30
    samverkan diff GAMMAL NY      (två projektmappar eller två arbetsböcker)
    """
    plugins = get_plugins()
    if from_day is not None or to_day is not None:
        project = find_project(list(targets))
        language = choose_lang(ctx, lang, project.config)
        warn_failed_plugins(plugins, language)
        changes, title = _diff_dates(ctx, project, plugins, from_day, to_day, strict, language)
    else:
        if len(targets) != 2:
            raise SamverkanError(
                Msg(
                    "Ange antingen --from och --to (två datum i en karta) eller två "
                    "projektmappar/filer: samverkan diff GAMMAL NY",
                    "Give either --from and --to (two dates of one map) or two project "
                    "folders/files: samverkan diff OLD NEW",
                )
            )
        old, new = find_project([targets[0]]), find_project([targets[1]])
        language = choose_lang(ctx, lang, new.config)
        warn_failed_plugins(plugins, language)
        changes, title = _diff_projects(ctx, old, new, plugins, strict, language)
    if as_json:
        click.echo(json.dumps(changes.as_dict(language), ensure_ascii=False, indent=2))
    else:
        _print_diff(changes, language)
    if html_out is not None:
        exporter = plugins.exporter("html")
        heading = f"{title}: {changes.old_day or ''} → {changes.new_day or ''}".strip()
        exporter.export(
            Analysis(
                changes.change_map(heading),
                [],
                language,
                changes.new_day,
                changes=changes.changes(),
            ),
            html_out,
        )
        click.echo(
            Msg("Förändringskartan: {p}", "Change map: {p}").format(p=html_out).text(language)
        )


def _diff_dates(
    ctx: click.Context,
    project: Project,
    plugins: Plugins,
    from_day: date | None,
    to_day: date | None,
    strict: bool,
    lang: Lang,
) -> tuple[MapDiff, str]:
    if from_day is None or to_day is None:
        raise SamverkanError(Msg("Ange både --from och --to.", "Give both --from and --to."))
    history, report = read_map(project.files, plugins, project.config.title)
    stop_on_problems(ctx, report, strict, lang)
    old_flags = analyse(history, plugins, project.config, from_day)
    new_flags = analyse(history, plugins, project.config, to_day)
    changes = compare(
        history.as_of(from_day), history.as_of(to_day), old_flags, new_flags, from_day, to_day
    )
    return changes, history.title


def _diff_projects(
    ctx: click.Context, old: Project, new: Project, plugins: Plugins, strict: bool, lang: Lang
) -> tuple[MapDiff, str]:
    sides = []
    for project in (old, new):
        history, report = read_map(project.files, plugins, project.config.title)
        stop_on_problems(ctx, report, strict, lang)
        day = project.config.day or date.today()
        sides.append((history, analyse(history, plugins, project.config, day), day))
    (old_map, old_flags, old_day), (new_map, new_flags, new_day) = sides
    changes = compare(
        old_map.as_of(old_day), new_map.as_of(new_day), old_flags, new_flags, old_day, new_day
    )
    return changes, new_map.title


FIELD_LABELS = {
    "level": Msg("nivå", "level"),
    "quality": Msg("kvalitet", "quality"),
    "collaboration": Msg("samverkansnivå", "collaboration level"),
    "frequency_per_year": Msg("kontakter per år", "contacts per year"),
    "cadence_per_year": Msg("möten per år", "meetings per year"),
    "status": Msg("status", "status"),
    "parent": Msg("tillhör", "part of"),
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
        parts.append(join([changes.name(g) for g in contact.target_groups], lang))
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


def _print_diff(changes: MapDiff, lang: Lang) -> None:
    click.echo(
        Msg("Förändringar {a} → {b}", "Changes {a} → {b}")
        .format(a=changes.old_day or "", b=changes.new_day or "")
        .text(lang)
    )
    if changes.is_empty():
        click.echo(Msg("Inga förändringar.", "No changes.").text(lang))
        return
    name = changes.name
    sections: list[tuple[Msg, str, list[str]]] = [
        (
            Msg("Aktörer som försvunnit", "Actors lost"),
            "-",
            [f"{a.name} ({a.kind.label(lang)})" for a in changes.actors_removed],
        ),
        (
            Msg("Nya aktörer", "Actors gained"),
            "+",
            [f"{a.name} ({a.kind.label(lang)})" for a in changes.actors_added],
        ),
        (
            Msg("Aktörer som flyttats", "Actors moved"),
            "~",
            [_change_line(changes, c, lang) for c in changes.actors_moved],
        ),
        (
            Msg("Kontakter som försvunnit", "Contacts lost"),
            "-",
            [_contact_line(changes, c, lang) for c in changes.contacts_removed],
        ),
        (
            Msg("Nya kontakter", "Contacts gained"),
            "+",
            [_contact_line(changes, c, lang) for c in changes.contacts_added],
        ),
        (
            Msg("Ändrade kontakter", "Contacts changed"),
            "~",
            [_change_line(changes, c, lang) for c in changes.contacts_changed],
        ),
        (
            Msg("Forum som upphört", "Forums lost"),
            "-",
            [f.name for f in changes.forums_removed],
        ),
        (Msg("Nya forum", "Forums gained"), "+", [f.name for f in changes.forums_added]),
        (
            Msg("Ändrade forum", "Forums changed"),
            "~",
            [_change_line(changes, c, lang) for c in changes.forums_changed],
        ),
        (
            Msg("Medlemmar som lämnat forum", "Forum members lost"),
            "-",
            [f"{name(f)}: {name(a)}" for f, a in changes.members_removed],
        ),
        (
            Msg("Nya medlemmar i forum", "Forum members gained"),
            "+",
            [f"{name(f)}: {name(a)}" for f, a in changes.members_added],
        ),
        (
            Msg("Nya flaggor", "Flags appeared"),
            "+",
            [_flag_line(f, lang) for f in changes.flags_appeared],
        ),
        (
            Msg("Flaggor som försvunnit", "Flags disappeared"),
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
            click.echo(_wrapped(f"{mark} {line}", "  "))


def _flag_line(flag: Flag, lang: Lang) -> str:
    return f"[{flag.severity.label(lang)}] {flag.rule}: {flag.title.text(lang)}"
