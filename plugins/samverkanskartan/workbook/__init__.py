"""Built-in plugin: the interview workbook (.xlsx) — importer and project template.

Registered through the entry-point group ``samverkan`` like any third-party plugin.
"""

from __future__ import annotations

from pathlib import Path

from samverkan import hookimpl
from samverkan.contract import Importer, ImportResult
from samverkan.i18n import Lang, _
from samverkanskartan.workbook.reader import read_workbook
from samverkanskartan.workbook.template import write_template


class WorkbookImporter:
    name = "workbook"
    description = _("The Samverkanskartan interview workbook (.xlsx), see docs/workbook.md")
    suffixes = (".xlsx", ".xlsm", ".xls", ".ods")  # .xls and .ods only to explain: save as .xlsx

    def claims(self, path: Path) -> bool:
        return path.suffix.casefold() in self.suffixes

    def read(self, path: Path) -> ImportResult:
        return read_workbook(path)


@hookimpl
def samverkan_importers() -> list[Importer]:
    return [WorkbookImporter()]


@hookimpl
def samverkan_init_project(project_dir: Path, lang: Lang) -> list[Path]:
    return [write_template(project_dir, lang)]
