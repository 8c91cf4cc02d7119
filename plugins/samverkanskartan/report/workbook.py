"""The report as an xlsx workbook, one sheet per section, every cell safe from formulas."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from samverkan.i18n import Lang, _
from samverkan.safety import fit_cell, neutralise_cell, writable
from samverkanskartan.report.content import Cell, Report, Table

SHEETS = {
    "summary": _("Summary"),
    "flags": _("Findings"),
    "overview": _("Municipalities"),
    "metrics": _("Key measures"),
    "changes": _("Changes"),
    "events": _("Events"),
    "sources": _("Sources"),
}
MAX_WIDTH = 60


def _text(value: Cell, lang: Lang) -> str:
    text = "\n".join(value) if isinstance(value, list) else value
    return neutralise_cell(fit_cell(writable(text), lang))


def render_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    lang = report.lang
    summary = workbook.create_sheet(SHEETS["summary"].text(lang))
    _append(summary, [[report.title], [f"{report.text['as_of']} {report.day}"], []], lang)
    _append(summary, [[line] for line in report.summary] + [[]], lang)
    _table(summary, report.key_figures, lang)
    if report.most_important:
        heading = report.text["most_important"]
        _append(summary, [[], [heading]], lang)
        _append(
            summary,
            [
                [f"{n}. {item.title} ({item.why})"]
                for n, item in enumerate(report.most_important, start=1)
            ],
            lang,
        )
    _append(summary, [[], [report.footer]], lang)
    _table(workbook.create_sheet(SHEETS["flags"].text(lang)), _flag_table(report), lang)
    _table(workbook.create_sheet(SHEETS["overview"].text(lang)), report.overview, lang)
    metrics = workbook.create_sheet(SHEETS["metrics"].text(lang))
    _append(metrics, [[line] for line in report.metrics] + [[]], lang)
    for data in report.metric_tables:
        _table(metrics, data, lang)
        _append(metrics, [[]], lang)
    if report.changes is not None:
        _table(workbook.create_sheet(SHEETS["changes"].text(lang)), report.changes, lang)
    _table(workbook.create_sheet(SHEETS["events"].text(lang)), report.events, lang)
    _table(workbook.create_sheet(SHEETS["sources"].text(lang)), report.sources, lang)
    for sheet in workbook.worksheets:
        _fit(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _flag_table(report: Report) -> Table:
    t = report.text
    rows: list[list[Cell]] = [
        [
            group.severity.label(report.lang),
            item.title,
            item.explanations,
            item.involved,
            item.sources,
            item.why,
            item.rule,
        ]
        for group in report.flags
        for item in group.items
    ]
    rows += [
        [g.severity.label(report.lang), g.more, "", "", [], "", ""] for g in report.flags if g.more
    ]
    headers = [
        t["severity"],
        t["flag"],
        t["explanation"],
        t["involved"],
        t["sources"],
        t["why"],
        t["rule"],
    ]
    return Table(headers, rows)


def _append(sheet: Any, rows: Sequence[Sequence[Cell]], lang: Lang) -> None:
    for row in rows:
        sheet.append([_text(value, lang) for value in row])


def _table(sheet: Any, data: Table, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font

    if data.caption:
        _append(sheet, [[data.caption]], lang)
    _append(sheet, [list(data.headers)], lang)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in data.rows:
        _append(sheet, [row], lang)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _fit(sheet: Any) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                longest = max((len(line) for line in cell.value.split("\n")), default=0)
                widths[cell.column] = max(widths.get(cell.column, 8), min(longest + 2, MAX_WIDTH))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
