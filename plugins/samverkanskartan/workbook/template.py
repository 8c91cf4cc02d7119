"""The template workbook that `samverkan init` writes: headers, dropdowns, instructions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from samverkan.i18n import Lang, _
from samverkan.io import atomic_write
from samverkanskartan.workbook.schema import INSTRUCTIONS, SHEETS, Column, Kind

TEMPLATE_NAME = _("interviews.xlsx")
INTRO = _("How to fill in the workbook")
GUIDE = (
    _("One sheet per kind of fact. Keep the header row; fill in one row per fact."),
    _("Columns marked * are required. Columns with a dropdown take only the listed values."),
    _("Refer to actors by name, alias or ID. Separate several values with semicolons (;)."),
    _(
        "Dates are YYYY-MM-DD, 1/2 2017 (day first), YYYY-MM, februari 2017, vt 2017 or 2017; an end also as a length (2 år). Give the source (interview) on every row."
    ),
    _(
        "Check the workbook with: samverkan validate FOLDER. Draw the map with: samverkan map FOLDER."
    ),
)
MAX_ROWS = 2000  # how far down the dropdowns reach


def write_template(directory: Path, lang: Lang) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    target = directory / TEMPLATE_NAME.text(lang)
    workbook = Workbook()
    guide = workbook.active
    guide.title = INSTRUCTIONS.text(lang)
    _write_guide(guide, lang, Font)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(sheet.title(lang))
        for index, column in enumerate(sheet.columns, start=1):
            cell = worksheet.cell(row=1, column=index, value=_header(column, lang))
            cell.font = Font(bold=True)
            letter = get_column_letter(index)
            worksheet.column_dimensions[letter].width = max(14, len(str(cell.value)) + 4)
            if column.kind is Kind.CHOICE:
                _add_dropdown(worksheet, column, letter, lang)
        worksheet.freeze_panes = "A2"
    from io import BytesIO

    buffer = BytesIO()
    workbook.save(buffer)
    atomic_write(target, buffer.getvalue())
    return target


def _header(column: Column, lang: Lang) -> str:
    return column.title(lang) + (" *" if column.required else "")


def _write_guide(worksheet: Any, lang: Lang, font: Any) -> None:
    worksheet.append([INTRO.text(lang)])
    worksheet["A1"].font = font(bold=True, size=14)
    for line in GUIDE:
        worksheet.append([line.text(lang)])
    worksheet.append([])
    for sheet in SHEETS:
        worksheet.append([sheet.title(lang), sheet.help])
        worksheet.cell(row=worksheet.max_row, column=1).font = font(bold=True)
        for column in sheet.columns:
            allowed = ", ".join(column.allowed(lang))
            worksheet.append(["", _header(column, lang), column.help, allowed])
    worksheet.column_dimensions["A"].width = 24
    worksheet.column_dimensions["B"].width = 26
    worksheet.column_dimensions["C"].width = 80
    worksheet.column_dimensions["D"].width = 60


def _add_dropdown(worksheet: Any, column: Column, letter: str, lang: Lang) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    values = ",".join(column.allowed(lang))
    validation = DataValidation(
        type="list",
        formula1=f'"{values}"',
        allow_blank=not column.required,
        showErrorMessage=True,
        errorTitle=_("Invalid value").text(lang),
        error=_("Choose a value from the list.").text(lang),
    )
    worksheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{MAX_ROWS}")
