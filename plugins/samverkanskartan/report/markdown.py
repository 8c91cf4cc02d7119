"""The report as Markdown: every user string escaped, the map as an SVG beside the file."""

from __future__ import annotations

import re

from samverkanskartan.report.content import Cell, Report, Table

# CommonMark lets any ASCII punctuation be escaped with a backslash; these change meaning
# anywhere in a line. "-", "+" and "1." change it only at the start of one.
SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
LIST_MARK = re.compile(r"^([-+])")
NUMBER_MARK = re.compile(r"^(\d+)([.)])")


def md(text: str) -> str:
    """User text as literal Markdown: no markup, links, HTML or table breaks of its own."""
    escaped = SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return NUMBER_MARK.sub(r"\1\\\2", LIST_MARK.sub(r"\\\1", escaped))


def _cell(value: Cell) -> str:
    lines = value if isinstance(value, list) else [value]
    return "<br>".join(md(line) for line in lines) or " "


def table(data: Table) -> list[str]:
    lines = [f"*{md(data.caption)}*", ""] if data.caption else []
    if not data.rows:
        return lines
    lines.append("| " + " | ".join(md(h) for h in data.headers) + " |")
    lines.append("|" + "---|" * len(data.headers))
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in data.rows)
    return [*lines, ""]


def render_markdown(report: Report, picture_name: str | None) -> str:
    t = report.text
    out = [f"# {md(report.title)}", "", f"{md(t['as_of'])} {report.day}", ""]
    out += [f"## {t['summary']}", ""]
    for line in report.summary:
        out += [md(line), ""]
    out += table(report.key_figures)
    if report.most_important:
        out += [f"## {t['most_important']}", ""]
        for rank, item in enumerate(report.most_important, start=1):
            out += [f"{rank}. **{md(item.title)}** ({md(item.why)})"]
        out += [""]
    if picture_name:
        out += [f"## {t['map']}", "", f"![{md(t['map_file'])}]({picture_name})", ""]
        out += [md(t["map_caption"]), ""]
    out += [f"## {t['flags']}", ""]
    if not report.flags:
        out += [md(t["no_flags"]), ""]
    for group in report.flags:
        out += [f"### {md(group.heading)}", ""]
        for item in group.items:
            out += [f"#### {md(item.title)}", ""]
            out += [line for paragraph in item.explanations for line in (md(paragraph), "")]
            out += [f"- **{md(t['why'])}:** {md(item.why)}"]
            if item.involved:
                out += [f"- **{md(t['involved'])}:** {md(item.involved)}"]
            if item.sources:
                out += [f"- **{md(t['sources'])}:**"]
                out += [f"  - {md(source)}" for source in item.sources]
            out += [f"- **{md(t['rule'])}:** `{item.rule.replace('`', '')}`", ""]
        if group.more:
            out += [md(group.more), ""]
    out += [f"## {t['overview']}", "", *table(report.overview)]
    out += [f"## {t['metrics']}", ""]
    for line in report.metrics:
        out += [md(line), ""]
    for data in report.metric_tables:
        out += table(data)
    if report.changes is not None:
        out += [f"## {t['changes']}", "", *table(report.changes)]
    out += [f"## {t['events']}", ""]
    out += table(report.events) if report.events.rows else [md(t["no_events"]), ""]
    out += [f"## {t['sources']}", ""]
    out += table(report.sources) if report.sources.rows else [md(t["no_sources"]), ""]
    out += ["---", "", md(report.footer), ""]
    return "\n".join(out)
