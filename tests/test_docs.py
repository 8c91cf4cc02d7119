"""The documentation keeps up with the code a user relies on."""

from __future__ import annotations

from helpers import ROOT
from samverkanskartan.workbook.schema import SHEETS


def test_workbook_doc_names_every_sheet_column_and_allowed_value() -> None:
    doc = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    for sheet in SHEETS:
        assert f"## {sheet.name} ({sheet.english})" in doc, sheet.name
        for column in sheet.columns:
            assert f"| {column.header} | {column.english} |" in doc, (sheet.name, column.header)
            for value in column.allowed("sv"):
                assert value in doc, (sheet.name, column.header, value)
