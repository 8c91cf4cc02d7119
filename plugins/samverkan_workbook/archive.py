"""Looking inside the .xlsx zip for what openpyxl's read-only mode does not tell.

Size limits for the zip as a whole are checked first by `samverkan.safety.open_checked_zip`;
the limits are documented in docs/reliability.md.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from io import BytesIO

from samverkan.i18n import Msg

MAX_ROWS_PER_SHEET = 100_000  # a national map has about 50,000 contacts

ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>]")
MERGED = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Za-z0-9:$]+)\"")
CELL_REF = re.compile(r"^\$?([A-Za-z]+)\$?(\d+)$")


@dataclass
class SheetScan:
    """What the XML of one sheet holds that openpyxl's read-only mode does not tell."""

    rows: int = 0
    merged: list[str] = field(default_factory=list)
    # Formula cells with no saved result: row number -> column letters.
    uncached: dict[int, set[str]] = field(default_factory=dict)


def scan_sheet(archive: zipfile.ZipFile, member: str) -> SheetScan:
    """Rows, merged cells and formulas without a saved value in one sheet's XML."""
    try:
        data = archive.read(member.lstrip("/"))
    except KeyError:
        return SheetScan()
    scan = SheetScan(rows=len(ROW_TAG.findall(data)))
    scan.merged = [ref.decode("ascii") for ref in MERGED.findall(data)]
    if FORMULA_TAG.search(data):
        scan.uncached = _uncached_formulas(data)
    return scan


def _uncached_formulas(data: bytes) -> dict[int, set[str]]:
    """Cells with a formula but no saved result: openpyxl reads them as blank.

    Excel and LibreOffice save each formula's result; files written by scripts often do not.
    A cached empty text (t="str" with an empty <v>) is a real, blank result.
    """
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

    found: dict[int, set[str]] = defaultdict(set)
    for _, element in iterparse(BytesIO(data)):
        if _local(element.tag) != "c":
            continue
        children = {_local(child.tag): child for child in element}
        formula, value = children.get("f"), children.get("v")
        has_formula = formula is not None and (formula.text or formula.get("t") == "shared")
        cached = value is not None and (value.text or element.get("t") in ("str", "inlineStr"))
        match = CELL_REF.match(element.get("r") or "")
        if has_formula and not cached and match:
            found[int(match[2])].add(match[1].upper())
        element.clear()
    return dict(found)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def first_cell(ref: str) -> tuple[int, str] | None:
    """'B3:B4' -> (3, 'B')."""
    match = CELL_REF.match(ref.split(":")[0])
    return (int(match[2]), match[1].upper()) if match else None


TOO_MANY_ROWS = Msg(
    "bladet har {n} rader, fler än gränsen {limit}. Dela upp uppgifterna på flera arbetsböcker.",
    "the sheet has {n} rows, more than the limit of {limit}. Split the data into several "
    "workbooks.",
)
