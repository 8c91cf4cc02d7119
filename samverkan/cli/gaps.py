"""`samverkan gaps`: the weak links, as a table for people or JSON for scripts."""

from __future__ import annotations

import json
import shutil
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import click

from samverkan.cli.base import (
    at_option,
    cli,
    importer_option,
    lang_option,
    open_session,
    strict_option,
    targets_argument,
)
from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg, join
from samverkan.metrics import metrics_of
from samverkan.model import Flag, Severity


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


@cli.command()
@targets_argument
@at_option
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
@strict_option
@importer_option
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
    session = open_session(ctx, targets, lang)
    analysis, _ = session.analyse(day, strict)
    language = session.lang
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


def wrapped(text: str, indent: str) -> str:
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
            click.echo(wrapped(labels["actors"].text(lang) + actors, "    "))
        if flag.forums:
            forums = join([samverkan_map.name(f) for f in flag.forums], lang)
            click.echo(wrapped(labels["forums"].text(lang) + forums, "    "))
        click.echo(wrapped(flag.explanation.text(lang), "    "))
        for origin in flag.evidence:
            click.echo(
                wrapped(labels["sources"].text(lang) + samverkan_map.cite(origin, lang), "    ")
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
