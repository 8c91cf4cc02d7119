"""Interview workbooks written in a test, one sheet per key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ACTORS_HEADER = ["ID", "Namn", "Typ", "Tillhör", "Kommun", "Alias", "Källa"]
CONTACTS_HEADER = ["Aktör A", "Aktör B", "Nivå", "Målgrupper", "Kvalitet", "Bärare", "Källa"]


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """An .xlsx with one sheet per key; the first list of each is the header row."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    workbook.save(path)
    return path
