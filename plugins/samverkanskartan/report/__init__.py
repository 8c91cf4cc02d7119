"""Built-in plugin: the steering-group report as Markdown, self-contained HTML and xlsx.

Swedish by default, English with --lang en. The HTML report is one file that loads nothing:
the map picture is inline SVG, the style is pinned by hash in a Content-Security-Policy that
allows no script at all, and every user string is escaped by Jinja's autoescape.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from pathlib import Path

from markupsafe import Markup

from samverkan import __version__, hookimpl
from samverkan.contract import REPORT_ROLE, Analysis, Exporter
from samverkan.html import template
from samverkan.i18n import _
from samverkan.io import atomic_write
from samverkan.reproducible import output_time, stable_zip
from samverkanskartan.report.content import (
    build_report,
    current_map,
    picture_left_out,
    summarised,
)
from samverkanskartan.report.markdown import render_markdown
from samverkanskartan.report.picture import render_svg
from samverkanskartan.report.workbook import render_xlsx

HERE = Path(__file__).parent


class MarkdownReportExporter:
    format = "report-md"
    suffix = ".md"
    description = _(
        "Steering-group report in Markdown; the map picture is written beside it as SVG"
    )

    def export(self, analysis: Analysis, target: Path) -> None:
        current = current_map(analysis)
        report = build_report(analysis, current)
        picture = target.with_name(f"{target.stem}-karta.svg")
        atomic_write(
            picture, render_svg(current, analysis.flags, analysis.lang, report.title, analysis.map)
        )
        atomic_write(target, render_markdown(report, picture.name))


class HtmlReportExporter:
    format = "report-html"
    role = REPORT_ROLE
    suffix = ".html"
    description = _("Steering-group report in one self-contained HTML file (works offline)")

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, render_html(analysis))


class XlsxReportExporter:
    format = "report-xlsx"
    suffix = ".xlsx"
    description = _("Steering-group report as an Excel workbook, one sheet per section")

    def export(self, analysis: Analysis, target: Path) -> None:
        workbook = render_xlsx(build_report(analysis, current_map(analysis)))
        atomic_write(target, stable_zip(workbook, output_time(analysis.day)))


def render_html(analysis: Analysis) -> str:
    """The report a steering group reads: above the sizes in `content` the picture is left out
    and long cells of the overview are cut, pointing to where everything is."""
    current = current_map(analysis)
    report = build_report(analysis, current)
    report.overview = summarised(report.overview, analysis.lang)
    left_out = picture_left_out(current, analysis.lang)
    # render_svg escapes every name itself; the markup is ours.
    picture = Markup(
        ""
        if left_out
        else render_svg(current, analysis.flags, analysis.lang, report.title, analysis.map)
    )
    css = _asset("report.css")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"style-src {_hash(css)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    html: str = template(HERE, "template.html").render(
        report=report, picture=picture, left_out=left_out, css=css, csp=csp, version=__version__
    )
    return html


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@cache
def _asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [MarkdownReportExporter(), HtmlReportExporter(), XlsxReportExporter()]
