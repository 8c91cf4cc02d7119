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
from samverkan.cli.speech import spoken
from samverkan.contract import Analysis
from samverkan.findings import Finding, cited_sources
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, decimal, join, ngettext
from samverkan.metrics import metrics_of
from samverkan.model import Flag, Provenance, Severity
from samverkan.places import said

TOP = 10  # findings shown unless --all: about what a steering group reads in one sitting


class CountType(click.ParamType):  # type: ignore[type-arg]
    """A whole number of at least 1, refused in the reader's words (not click's 'x>=1')."""

    name = "count"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()
        if not text.lstrip("-").isdigit() or int(text) < 1:
            self.fail(NOT_A_COUNT.format(value=value).text(spoken()), param, ctx)
        return int(text)


NOT_A_COUNT = _("'{value}' is not a number of findings: give a whole number, 1 or more")


NO_SEVERITY = _("'{value}' is not a severity; choose low, medium or high (låg, medel, hög)")


class SeverityType(click.ParamType):  # type: ignore[type-arg]
    name = "severity"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Severity:
        if isinstance(value, Severity):
            return value
        found = Severity.parse(str(value))
        if found is None:
            self.fail(NO_SEVERITY.format(value=value).text(spoken()), param, ctx)
        return found


@cli.command()
@targets_argument
@at_option
@click.option("--json", "as_json", is_flag=True, help="Write the findings as JSON (for scripts).")
@click.option(
    "--min-severity",
    type=SeverityType(),
    metavar="low|medium|high",
    default=None,
    help="Show only findings of this severity or higher.",
)
@click.option(
    "--top",
    type=CountType(),
    metavar="N",
    default=TOP,
    show_default=True,
    help="How many of the most important findings to show.",
)
@click.option(
    "--all", "show_all", is_flag=True, help="Show every finding, not only the most important ones."
)
@click.option(
    "--fail-on",
    type=SeverityType(),
    metavar="low|medium|high",
    default=None,
    help="Exit with code 1 if there are flags of this severity or higher.",
)
@click.option("--metrics", "with_metrics", is_flag=True, help="Also show network measures.")
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
    """Show the map's findings, most important first: severity, score and why, rules, actors,
    explanation and sources. Each finding gathers every rule that fired on the same thing.

    TARGETS is a project folder (default: the current folder) or one or more files.
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
    current = analysis.current
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
        "explanations": finding.told(lang),
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


def wrapped(text: str, indent: str, hang: str = "") -> str:
    """The text filled to the terminal; its further lines `hang` deeper than the first."""
    return textwrap.fill(
        text,
        width=_width(),
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
    )


def _severity_counts(findings: list[Finding]) -> dict[str, int]:
    return {s.name.lower(): sum(1 for f in findings if f.severity is s) for s in Severity}


LABELS = {
    "why": _("Why:     "),
    "rules": _("Rules:   "),
    "actors": _("Actors:  "),
    "forums": _("Forums:  "),
    "sources": _("Sources: "),
}


def _print_findings(
    samverkan_map: SamverkanMap, findings: list[Finding], total: int, flags: int, lang: Lang
) -> None:
    if not findings:
        click.echo(_("No findings.").text(lang))
        return
    for rank, finding in enumerate(findings, start=1):
        _print_finding(samverkan_map, finding, rank, lang)
    counts = [
        f"{sum(1 for f in findings if f.severity is s)} {s.label(lang)}"
        for s in sorted(Severity, reverse=True)
    ]
    click.echo(
        _("{n} of {total} ({flags} from the rules): {counts}")
        .format(
            n=ngettext("{n} finding", "{n} findings", len(findings)).text(lang),
            total=total,
            flags=ngettext("{n} flag", "{n} flags", flags).text(lang),
            counts=", ".join(counts),
        )
        .text(lang)
    )
    if len(findings) < total:
        click.echo(_("Show them all with --all.").text(lang))


def _print_finding(samverkan_map: SamverkanMap, finding: Finding, rank: int, lang: Lang) -> None:
    points = ngettext("{n} point", "{n} points", finding.score).text(lang)
    title = f"{rank}. [{finding.severity.label(lang).upper()}] {finding.title.text(lang)}"
    click.echo(wrapped(f"{title} ({points})", "", "    "))
    # (label, text): a labelled line wraps under its text, so that the label column stays clear
    lines = [
        (LABELS["why"].text(lang), finding.why(lang)),
        (LABELS["rules"].text(lang), ", ".join(finding.rules)),
    ]
    if finding.actors:
        actors = join([samverkan_map.name(a) for a in finding.actors], lang)
        lines.append((LABELS["actors"].text(lang), actors))
    if finding.forums:
        forums = join([samverkan_map.name(f) for f in finding.forums], lang)
        lines.append((LABELS["forums"].text(lang), forums))
    lines += [("", told) for told in finding.told(lang)]
    label = LABELS["sources"].text(lang)  # once, the rows of evidence below it
    cites = [samverkan_map.cite(o, lang) for o in finding.evidence]
    for head, text in lines:
        click.echo(wrapped(head + text, "    ", " " * len(head)))
    for i, cite in enumerate(cites):  # a row that wraps goes on deeper than the next row
        click.echo(
            wrapped((label if i == 0 else " " * len(label)) + cite, "    ", " " * (len(label) + 2))
        )
    click.echo()


def _print_metrics(metrics: dict[str, Any], lang: Lang) -> None:
    click.echo()
    click.echo(
        _("Network measures: {actors} actors, {pairs} pairs in contact, density {density}{sampled}")
        .format(
            actors=metrics["actors"],
            pairs=metrics["actor_pairs_in_contact"],
            density=metrics["density"],
            sampled=_(" (betweenness sampled)").text(lang)
            if metrics["betweenness_sampled"]
            else "",
        )
        .text(lang)
    )
    click.echo(
        _("  Actor                              degree forums betweenness brokerage").text(lang)
    )
    for row in metrics["top_actors"]:
        click.echo(
            f"  {row['name'][:36]:<36} {row['degree']:>5} {row['forums']:>6} "
            f"{decimal(row['betweenness'], lang, 3):>11} {row['brokerage']:>8}"
        )
    for key, heading, name in (
        ("organisations", _("Per organisation"), lambda row: row["name"]),
        ("municipalities", _("Per municipality"), lambda row: said(row["name"], lang)),
    ):
        click.echo(heading.text(lang) + ":")
        for row in metrics[key]:
            click.echo(
                _(
                    "  {name}: {actors}, {forums}, {inside} inside, {outside} outward ({strategic}, {operational})"
                )
                .format(
                    name=name(row),
                    actors=ngettext("{n} actor", "{n} actors", row["actors"]).text(lang),
                    forums=ngettext("{n} forum", "{n} forums", row["forums"]).text(lang),
                    inside=ngettext("{n} contact", "{n} contacts", row["contacts_inside"]).text(
                        lang
                    ),
                    outside=row["contacts_outside"],
                    strategic=ngettext("{n} strategic", "{n} strategic", row["strategic"]).text(
                        lang
                    ),
                    operational=ngettext(
                        "{n} operational", "{n} operational", row["operational"]
                    ).text(lang),
                )
                .text(lang)
            )
