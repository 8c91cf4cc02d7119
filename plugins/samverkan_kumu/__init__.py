"""Built-in plugin: Kumu (kumu.io) spreadsheets and JSON blueprints, import and export.

Kumu recognises sheets by their headers, not their names: Label (or ID, Label) in A1 for
elements, From and To (or ID, From, To) for connections. The importer claims only files
shaped like that, and is asked before the interview-workbook importer (``tryfirst``), so an
ordinary interview workbook still goes to the workbook plugin.
"""

from __future__ import annotations

from pathlib import Path

from samverkan import hookimpl
from samverkan.contract import Analysis, Exporter, Importer, ImportResult
from samverkan.i18n import Msg
from samverkan.io import atomic_write
from samverkan.reproducible import output_time, stable_zip
from samverkan_kumu.reader import KumuReader
from samverkan_kumu.tables import read_csv, read_json, read_xlsx, sniff_csv, sniff_json, sniff_xlsx
from samverkan_kumu.writer import to_json, to_xlsx


class KumuSheetImporter:
    name = "kumu"
    priority = 10  # recognised by content; the workbook importer takes any .xlsx
    description = Msg(
        "Kumu-kalkylblad (.xlsx eller UTF-8 .csv) med Elements- och Connections-blad",
        "Kumu spreadsheets (.xlsx or UTF-8 .csv) with Elements and Connections sheets",
    )

    def claims(self, path: Path) -> bool:
        suffix = path.suffix.casefold()
        if suffix == ".xlsx":
            return sniff_xlsx(path)
        return suffix == ".csv" and sniff_csv(path)

    def read(self, path: Path) -> ImportResult:
        if path.suffix.casefold() == ".csv":
            return KumuReader(path).read([read_csv(path)])
        workbook, tables = read_xlsx(path)
        try:
            return KumuReader(path).read(tables)
        finally:
            workbook.close()


class KumuJsonImporter:
    name = "kumu-json"
    description = Msg(
        'Kumu-JSON ("blueprint") med elements och connections',
        'Kumu JSON ("blueprint") with elements and connections',
    )

    def claims(self, path: Path) -> bool:
        return path.suffix.casefold() == ".json" and sniff_json(path)

    def read(self, path: Path) -> ImportResult:
        return KumuReader(path).read(read_json(path))


class KumuXlsxExporter:
    format = "kumu"
    suffix = ".xlsx"
    description = Msg(
        "Kumu-kalkylblad (.xlsx) att importera i kumu.io; läses tillbaka utan förlust",
        "Kumu spreadsheet (.xlsx) to import into kumu.io; reads back without loss",
    )

    def export(self, analysis: Analysis, target: Path) -> None:
        workbook = to_xlsx(analysis.map, analysis.lang)
        atomic_write(target, stable_zip(workbook, output_time(analysis.day)))


class KumuJsonExporter:
    format = "kumu-json"
    suffix = ".json"
    description = Msg(
        "Kumu-JSON (blueprint) att importera i kumu.io; läses tillbaka utan förlust",
        "Kumu JSON (blueprint) to import into kumu.io; reads back without loss",
    )

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, to_json(analysis.map, analysis.lang))


@hookimpl(tryfirst=True)
def samverkan_importers() -> list[Importer]:
    return [KumuSheetImporter(), KumuJsonImporter()]


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [KumuXlsxExporter(), KumuJsonExporter()]
