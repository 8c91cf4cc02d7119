"""`samverkan gaps`: the findings, ranked, as a table for people or JSON for scripts."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Iterable
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
from samverkan.findings import Finding, cited_sources, plural
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg, join
from samverkan.metrics import metrics_of
from samverkan.model import Flag, Provenance, Severity

TOP = 10  # findings shown unless --all: about what a steering group reads in one sitting


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
@click.option("--json", "as_json", is_flag=True, help="Skriv fynden som JSON (för skript).")
@click.option(
    "--min-severity", type=SeverityType(), default=None, help="Visa bara fynd från denna grad."
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=TOP,
    show_default=True,
    help="Hur många av de viktigaste fynden som visas.",
)
@click.option("--all", "show_all", is_flag=True, help="Visa alla fynd, inte bara de viktigaste.")
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
    top: int,
    show_all: bool,
    fail_on: Severity | None,
    with_metrics: bool,
    strict: bool,
    lang: str | None,
) -> None:
    """Visa kartans fynd, viktigast först: allvarlighet, poäng och varför, regler, aktörer,
    förklaring och källor. Varje fynd samlar alla regler som slog till på samma sak.

    TARGETS är en projektmapp (standard: den aktuella mappen) eller en eller flera filer.
    """
    session = open_session(ctx, targets, lang)
    analysis, _ = session.analyse(day, strict)
    language = session.lang
    chosen = [f for f in analysis.findings if min_severity is None or f.severity >= min_severity]
    shown = chosen if show_all else chosen[:top]
    metrics = _metrics(analysis) if with_metrics else None
    if as_json:
        flags = [f for f in analysis.flags if min_severity is None or f.severity >= min_severity]
        data = _gaps_json(analysis, shown, len(chosen), flags, metrics)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_findings(analysis.map, shown, len(chosen), len(analysis.flags), language)
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
        "sources": _sources_json(samverkan_map, flag.evidence),
    }


def _sources_json(samverkan_map: SamverkanMap, origins: Iterable[Provenance]) -> list[Any]:
    """The sources behind the rows: id, title, file, sheet, row (the explanation names none)."""
    return [c.as_dict() for c in cited_sources(samverkan_map, origins)]


def finding_json(
    samverkan_map: SamverkanMap, finding: Finding, rank: int, lang: Lang
) -> dict[str, Any]:
    """A finding with its rank, score and why, and the flags it gathers."""
    flags = [flag_json(samverkan_map, f, lang) for f in finding.flags]
    return {
        "rank": rank,
        "subject": finding.subject,
        "score": finding.score,
        "why": finding.why(lang),
        "severity": finding.severity.name.lower(),
        "severity_label": finding.severity.label(lang),
        "title": finding.title.text(lang),
        "rules": list(finding.rules),
        "actors": [{"id": a, "name": samverkan_map.name(a)} for a in finding.actors],
        "forums": [{"id": f, "name": samverkan_map.name(f)} for f in finding.forums],
        "contacts": list(finding.contacts),
        "explanations": [e.text(lang) for e in finding.explanations],
        "evidence": [e for flag in flags for e in flag["evidence"]],
        "sources": _sources_json(samverkan_map, finding.evidence),
        "flags": flags,
    }


def _gaps_json(
    analysis: Analysis,
    findings: list[Finding],
    total: int,
    flags: list[Flag],
    metrics: dict[str, Any] | None,
) -> dict[str, Any]:
    counts = {s.name.lower(): sum(1 for f in flags if f.severity is s) for s in Severity}
    data: dict[str, Any] = {
        "title": analysis.map.title,
        "day": analysis.day.isoformat() if analysis.day else None,
        "findings_total": total,
        "finding_counts": _severity_counts(analysis.findings),
        "findings": [
            finding_json(analysis.map, f, rank, analysis.lang)
            for rank, f in enumerate(findings, start=1)
        ],
        # The raw rule hits the findings are made of, every one (for scripts that want them).
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


def _severity_counts(findings: list[Finding]) -> dict[str, int]:
    return {s.name.lower(): sum(1 for f in findings if f.severity is s) for s in Severity}


LABELS = {
    "why": Msg("Varför:  ", "Why:     "),
    "rules": Msg("Regler:  ", "Rules:   "),
    "actors": Msg("Aktörer: ", "Actors:  "),
    "forums": Msg("Forum:   ", "Forums:  "),
    "sources": Msg("Källor:  ", "Sources: "),
}


def _print_findings(
    samverkan_map: SamverkanMap, findings: list[Finding], total: int, flags: int, lang: Lang
) -> None:
    if not findings:
        click.echo(Msg("Inga fynd.", "No findings.").text(lang))
        return
    for rank, finding in enumerate(findings, start=1):
        _print_finding(samverkan_map, finding, rank, lang)
    counts = [
        f"{sum(1 for f in findings if f.severity is s)} {s.label(lang)}"
        for s in sorted(Severity, reverse=True)
    ]
    click.echo(
        Msg(
            "{n} av {total} ({flags} från reglerna): {counts}",
            "{n} of {total} ({flags} from the rules): {counts}",
        )
        .format(
            n=plural(len(findings), "fynd", "fynd", "finding").text(lang),
            total=total,
            flags=plural(flags, "flagga", "flaggor", "flag").text(lang),
            counts=", ".join(counts),
        )
        .text(lang)
    )
    if len(findings) < total:
        click.echo(Msg("Visa alla med --all.", "Show them all with --all.").text(lang))


def _print_finding(samverkan_map: SamverkanMap, finding: Finding, rank: int, lang: Lang) -> None:
    points = plural(finding.score, "poäng", "poäng", "point").text(lang)
    click.echo(
        f"{rank}. [{finding.severity.label(lang).upper()}] {finding.title.text(lang)} ({points})"
    )
    lines = [
        LABELS["why"].text(lang) + finding.why(lang),
        LABELS["rules"].text(lang) + ", ".join(finding.rules),
    ]
    if finding.actors:
        actors = join([samverkan_map.name(a) for a in finding.actors], lang)
        lines.append(LABELS["actors"].text(lang) + actors)
    if finding.forums:
        lines.append(
            LABELS["forums"].text(lang)
            + join([samverkan_map.name(f) for f in finding.forums], lang)
        )
    lines += [e.text(lang) for e in finding.explanations]
    lines += [LABELS["sources"].text(lang) + samverkan_map.cite(o, lang) for o in finding.evidence]
    for line in lines:
        click.echo(wrapped(line, "    "))
    click.echo()


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
                    "  {name}: {actors}, {forums}, {inside} inom, "
                    "{outside} utåt ({strategic}, {operational})",
                    "  {name}: {actors}, {forums}, {inside} inside, "
                    "{outside} outward ({strategic}, {operational})",
                )
                .format(
                    name=row["name"],
                    actors=plural(row["actors"], "aktör", "aktörer", "actor").text(lang),
                    forums=plural(row["forums"], "forum", "forum", "forum", "forums").text(lang),
                    inside=plural(row["contacts_inside"], "kontakt", "kontakter", "contact").text(
                        lang
                    ),
                    outside=row["contacts_outside"],
                    strategic=plural(
                        row["strategic"], "strategisk", "strategiska", "strategic", "strategic"
                    ).text(lang),
                    operational=plural(
                        row["operational"], "operativ", "operativa", "operational", "operational"
                    ).text(lang),
                )
                .text(lang)
            )
