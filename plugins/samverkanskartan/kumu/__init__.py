"""Built-in plugin: Kumu (kumu.io) spreadsheets and JSON blueprints, import and export.

Kumu recognises sheets by their headers, not their names: Label (or ID, Label) in A1 for
elements, From and To (or ID, From, To) for connections. The importer claims only files
shaped like that, and is asked before the interview-workbook importer (``tryfirst``), so an
ordinary interview workbook still goes to the workbook plugin.

Both importers read their translation of Kumu's Type, Strength and Tags from one table,
``[import.kumu]`` in samverkan.toml (`samverkanskartan.kumu.mapping`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from samverkan import hookimpl
from samverkan.contract import Analysis, Exporter, Importer, ImportResult, ImportSetting
from samverkan.errors import Location, Problem, ProblemLevel, SamverkanError
from samverkan.i18n import _, ngettext
from samverkan.io import atomic_write
from samverkan.reproducible import output_time, stable_zip
from samverkanskartan.kumu.mapping import DEFAULT_MAPPING, DEFAULTS, KumuMapping
from samverkanskartan.kumu.reader import KumuReader
from samverkanskartan.kumu.tables import (
    DuplicateKey,
    Table,
    is_blueprint,
    load_json,
    read_csv,
    read_json,
    read_xlsx,
    sniff_csv,
    sniff_xlsx,
)
from samverkanskartan.kumu.writer import to_json, to_xlsx


class KumuSettings:
    """The settings both Kumu importers share: ``[import.kumu]``."""

    settings_table = "kumu"
    defaults: Mapping[str, ImportSetting] = DEFAULTS
    mapping: KumuMapping = DEFAULT_MAPPING

    def configure(self, settings: Mapping[str, ImportSetting]) -> None:
        self.mapping = KumuMapping.from_settings(settings)


class KumuSheetImporter(KumuSettings):
    name = "kumu"
    priority = 10  # recognised by content; the workbook importer takes any .xlsx
    description = _("Kumu spreadsheets (.xlsx or UTF-8 .csv) with Elements and Connections sheets")

    def __init__(self) -> None:
        # The workbook the last claim read, so that reading it does not parse it again.
        self.claimed: tuple[tuple[Path, int, int], list[Table]] | None = None

    def claims(self, path: Path) -> bool:
        suffix = path.suffix.casefold()
        if suffix == ".xlsx":
            tables = sniff_xlsx(path)
            self.claimed = (_stamp(path), tables) if tables else None
            return tables is not None
        return suffix == ".csv" and sniff_csv(path)

    def read(self, path: Path) -> ImportResult:
        if path.suffix.casefold() == ".csv":  # Kumu's CSVs come as two files: merge joins them
            return KumuReader(path, mapping=self.mapping).read(read_csv(path))
        claimed, self.claimed = self.claimed, None
        tables = claimed[1] if claimed and claimed[0] == _stamp(path) else read_xlsx(path)
        return KumuReader(path, creates_missing=True, mapping=self.mapping).read(tables)


class KumuJsonImporter(KumuSettings):
    name = "kumu-json"
    description = _('Kumu JSON ("blueprint") with elements and connections')

    def __init__(self) -> None:
        # The file the last claim parsed, so that reading it does not parse it again.
        self.parsed: tuple[tuple[Path, int, int], Any] | None = None

    def claims(self, path: Path) -> bool:
        """A blueprint by its parsed content: Kumu's exports put "elements" far from the top."""
        if path.suffix.casefold() != ".json":
            return False
        try:
            data = load_json(path)
        except DuplicateKey as error:  # ours to refuse: reading names the key
            self.parsed = None
            return is_blueprint(error.data)
        # UnicodeDecodeError is a ValueError; nesting too deep for Python is RecursionError:
        # not a blueprint, and the JSON importer says what is wrong with the file.
        except (OSError, ValueError, RecursionError, SamverkanError):
            return False
        self.parsed = (_stamp(path), data) if is_blueprint(data) else None
        return self.parsed is not None

    def read(self, path: Path) -> ImportResult:
        data = self.parsed[1] if self.parsed and self.parsed[0] == _stamp(path) else None
        self.parsed = None
        blueprint = read_json(path, data)
        reader = KumuReader(path, creates_missing=True, mapping=self.mapping)
        result = reader.read(blueprint.tables)
        result.title = blueprint.title
        if blueprint.loops:
            loops = ngettext("{n} loop", "{n} loops", blueprint.loops)
            message = LOOPS_NOT_READ.format(loops=loops)
            where = Location(path.name, "loops")
            result.problems.append(Problem(where, message, ProblemLevel.WARNING))
        return result


LOOPS_NOT_READ = _(
    "the file holds {loops} (Kumu's named loops of connections); Samverkanskartan has no place for loops and does not read them. The connections they run through are read"
)


def _stamp(path: Path) -> tuple[Path, int, int]:
    status = path.stat()
    return path.resolve(), status.st_mtime_ns, status.st_size


class KumuXlsxExporter:
    format = "kumu"
    suffix = ".xlsx"
    description = _("Kumu spreadsheet (.xlsx) to import into kumu.io; reads back without loss")

    def export(self, analysis: Analysis, target: Path) -> None:
        workbook = to_xlsx(analysis.map, analysis.lang)
        atomic_write(target, stable_zip(workbook, output_time(analysis.day)))


class KumuJsonExporter:
    format = "kumu-json"
    suffix = ".json"
    description = _("Kumu JSON (blueprint) to import into kumu.io; reads back without loss")

    def export(self, analysis: Analysis, target: Path) -> None:
        atomic_write(target, to_json(analysis.map, analysis.lang))


@hookimpl(tryfirst=True)
def samverkan_importers() -> list[Importer]:
    return [KumuSheetImporter(), KumuJsonImporter()]


@hookimpl
def samverkan_exporters() -> list[Exporter]:
    return [KumuXlsxExporter(), KumuJsonExporter()]
