"""Safety shared by plugins: zip containers that cannot explode, cells that cannot run.

An .xlsx (like .ods or .docx) is a zip of XML, and openpyxl has no limits of its own: a few
megabytes can unpack to gigabytes (a "zip bomb"). Python's zipfile never unpacks more than a
member's declared size (a member that lies fails its CRC check), so checking the declared
sizes before parsing is enough. The limits are documented in docs/reliability.md.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from samverkan.errors import Location, SamverkanError, os_reason
from samverkan.i18n import Lang, _

# Excel, LibreOffice and Google Sheets start a formula (or DDE call) on these characters.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# In an .xlsx text cell (typed as a string) only '=' is ever taken for a formula: by a
# library writing it, or by Excel once the cell is edited. "- first point" is safe as it is.
TEXT_CELL_FORMULA_STARTS = ("=",)


def neutralise_cell(value: str, starts: tuple[str, ...] = FORMULA_STARTS) -> str:
    """`value` made safe for a spreadsheet cell: a leading formula character gets a `'`.

    A cell such as ``=HYPERLINK("http://evil", "klicka")`` from an interview workbook must
    show as text in a steering group's Excel, never run (OWASP "CSV injection"). A text
    that itself begins with `'` before such a character gets one more, so `restore_cell`
    can tell it from a guarded one ("'-" stays "'-", not "-").
    """
    return "'" + value if value.lstrip("'").startswith(starts) else value


def restore_cell(value: str, starts: tuple[str, ...] = FORMULA_STARTS) -> str:
    """The value `neutralise_cell` (with the same `starts`) was given, so our own exports
    read back unchanged."""
    guarded = value.startswith("'") and value.lstrip("'").startswith(starts)
    return value[1:] if guarded else value


# XML 1.0, and so xlsx, GEXF and GraphML, cannot hold these characters (nor can UTF-8 hold a
# lone surrogate); text pasted from elsewhere may carry them. Formats that can hold them
# (JSON, HTML through JSON) keep them; the others drop exactly these, whichever exporter.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
XLSX_CELL_LIMIT = 32_767  # characters: Excel refuses to open a cell holding more


def writable(text: str) -> str:
    """`text` without the characters XML-based formats cannot hold."""
    return UNWRITABLE.sub("", text)


def fit_cell(text: str, lang: Lang) -> str:
    """`text` as one spreadsheet cell can hold it: what does not fit is replaced by a note in
    the cell saying how many characters are missing, so nothing is cut without a word."""
    if len(text) <= XLSX_CELL_LIMIT:
        return text
    note = CUT.format(n=0).text(lang)
    kept = XLSX_CELL_LIMIT - len(note) - 10  # room for the count's digits
    return text[:kept] + CUT.format(n=len(text) - kept).text(lang)


CUT = _(" … [shortened: {n} more characters do not fit in an Excel cell]")


MB = 1024 * 1024
MAX_UNPACKED_BYTES = 200 * MB  # all XML parts together, unpacked
MAX_RATIO = 100  # unpacked / packed, for any part larger than RATIO_FLOOR
RATIO_FLOOR = 1 * MB  # small parts may compress well without harm
MAX_MEMBERS = 10_000
XML_SUFFIXES = (".xml", ".rels")


def open_archive(path: Path) -> zipfile.ZipFile | None:
    """The workbook's zip, or None if the file is no zip (the caller explains what it is)."""
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise SamverkanError(NO_FILE, Location(str(path))) from error
    except (PermissionError, IsADirectoryError) as error:
        raise SamverkanError(LOCKED, Location(str(path))) from error
    # A damaged directory can claim a zip version or method Python cannot read.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        return None
    except OSError as error:
        raise SamverkanError(
            UNREADABLE.format(reason=os_reason(error)), Location(str(path))
        ) from error


def check_sizes(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that would unpack to too much, before anything is parsed."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise SamverkanError(
            TOO_MANY_PARTS.format(n=len(members), limit=MAX_MEMBERS), Location(str(path))
        )
    total = 0
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise SamverkanError(
                BOMB.format(part=member.filename, ratio=round(ratio), limit=MAX_RATIO),
                Location(str(path)),
            )
        if member.filename.lower().endswith(XML_SUFFIXES):  # part names ignore case
            total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        raise SamverkanError(
            TOO_BIG.format(size=total // MB, limit=MAX_UNPACKED_BYTES // MB), Location(str(path))
        )


def open_checked_zip(path: Path) -> zipfile.ZipFile | None:
    """The zip at `path` once its sizes are known to be safe; None if it is no zip at all."""
    archive = open_archive(path)
    if archive is not None:
        try:
            check_sizes(path, archive)
        except SamverkanError:
            archive.close()
            raise
    return archive


NO_FILE = _("No such file")
LOCKED = _(
    "The file cannot be opened: it is locked or you lack permission. Close it in Excel and try again."
)
UNREADABLE = _("The file cannot be read: {reason}")
TOO_MANY_PARTS = _("The workbook consists of {n} parts (the limit is {limit}); it is not read.")
BOMB = _(
    "The part '{part}' of the workbook unpacks {ratio} times larger than it is stored (the limit is {limit}). The file looks like a zip bomb and is not read."
)
TOO_BIG = _(
    "The workbook unpacks to {size} MB of data, more than the limit of {limit} MB. Split it into several workbooks."
)
