"""Write the bad-input corpus: tests/data/bad/*, one file per case, and cases.json.

Run from the repository root:  .venv/bin/python tests/data/make_corpus.py

Deterministic: the same files byte for byte on every run (fixed zip timestamps and document
properties, seeded random bytes), so the committed corpus only changes when a case does.
cases.json says, per file, what a user must read: exit code, the words of the message in
Swedish and English, where (sheet, row, column) and how many data rows the file holds.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# openpyxl writes through lxml when it is installed (a test dependency), a byte different
# from its own writer, which the committed corpus holds (tests/conftest.py sets the same).
os.environ["OPENPYXL_LXML"] = "False"

HERE = Path(__file__).resolve().parent
BAD = HERE / "bad"
FIXED_TIME = (2017, 1, 1, 0, 0, 0)
FIXED_ISO = "2017-01-01T00:00:00Z"

ACTORS_HEADER = ["ID", "Namn", "Typ", "Tillhör", "Kommun", "Alias", "Källa"]
ACTORS = [
    ACTORS_HEADER,
    ["kavlinge", "Kävlinge kommun", "kommun", None, "Kävlinge", None, None],
    ["lomma", "Lomma kommun", "kommun", None, "Lomma", None, None],
    ["af", "Arbetsförmedlingen", "myndighet", None, None, "AF", None],
]
CONTACTS_HEADER = ["Aktör A", "Aktör B", "Nivå", "Målgrupper", "Kvalitet", "Bärare", "Källa"]
GOOD_CONTACT = ["Kävlinge kommun", "AF", "operativ", "vuxna", "svag", None, None]
FORUM_HEADER = ["Namn", "Nivå", "Medlemmar", "Möten per år"]
EVENTS_HEADER = ["Datum", "Typ", "Aktör", "Beskrivning"]
GAPS_HEADER = ["Typ", "Aktör", "Motpart", "Nivå", "Beskrivning"]


@dataclass
class Case:
    """One corpus file and what a user must be told about it."""

    file: str
    what: str  # the situation, in a few words
    exit: int  # 2: refused; 0: read, perhaps with warnings
    level: str  # the message described below: "error" or "warning"; "ok" for none
    sv: list[str] = field(default_factory=list)  # words the Swedish message must contain
    en: list[str] = field(default_factory=list)
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    rows: int | None = None  # data rows in the file; None when the file is refused whole
    rejected: int | None = None


Builder = Callable[[Path], None]
CASES: list[tuple[Case, Builder]] = []


def case(**spec: Any) -> Callable[[Builder], Builder]:
    def register(build: Builder) -> Builder:
        CASES.append((Case(**spec), build))
        return build

    return register


# --- writing files deterministically ------------------------------------------------------


def workbook_bytes(
    sheets: dict[str, list[list[Any]]], hidden: dict[str, str] | None = None
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
        if hidden and title in hidden:
            worksheet.sheet_state = hidden[title]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The same zip with fixed timestamps and document dates (and some members replaced)."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = replace.get(item.filename, source.read(item))
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", FIXED_ISO.encode(), content)
            info = zipfile.ZipInfo(item.filename, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def save(path: Path, sheets: dict[str, list[list[Any]]], **options: Any) -> None:
    path.write_bytes(workbook_bytes(sheets, **options))


def with_sheet_xml(
    sheets: dict[str, list[list[Any]]], edit: Callable[[bytes], bytes], number: int = 1
) -> bytes:
    """A workbook whose sheet `number`'s XML is rewritten by `edit` (which must change it)."""
    data = workbook_bytes(sheets)
    member = f"xl/worksheets/sheet{number}.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read(member)
    edited = edit(sheet)
    assert edited != sheet, "the edit found nothing to change"
    return normalise_zip(data, {member: edited})


def contacts(*rows: list[Any]) -> dict[str, list[list[Any]]]:
    return {"Aktörer": ACTORS, "Kontakter": [CONTACTS_HEADER, *rows]}


# --- files that are no workbook at all --------------------------------------------------------

NOT_WORKBOOK_SV = "ingen Excel-arbetsbok"
NOT_WORKBOOK_EN = "not an Excel workbook"


@case(
    file="csv_renamed.xlsx",
    what="a CSV file renamed to .xlsx",
    exit=2,
    level="error",
    sv=[NOT_WORKBOOK_SV],
    en=[NOT_WORKBOOK_EN],
)
def _csv_renamed(path: Path) -> None:
    path.write_text("Namn;Typ\nKävlinge kommun;kommun\n", encoding="utf-8")


@case(
    file="html_renamed.xlsx",
    what="an HTML table saved as .xlsx (a trick of web exports)",
    exit=2,
    level="error",
    sv=[NOT_WORKBOOK_SV],
    en=[NOT_WORKBOOK_EN],
)
def _html_renamed(path: Path) -> None:
    path.write_text("<html><table><tr><td>Namn</td></tr></table></html>", encoding="utf-8")


@case(file="empty.xlsx", what="an empty file", exit=2, level="error", sv=["tom"], en=["empty"])
def _empty(path: Path) -> None:
    path.write_bytes(b"")


@case(
    file="random_bytes.xlsx",
    what="random bytes",
    exit=2,
    level="error",
    sv=[NOT_WORKBOOK_SV],
    en=[NOT_WORKBOOK_EN],
)
def _random(path: Path) -> None:
    path.write_bytes(random.Random(6).randbytes(4096))


@case(
    file="truncated.xlsx",
    what="a workbook cut off halfway (an interrupted copy)",
    exit=2,
    level="error",
    sv=[NOT_WORKBOOK_SV],
    en=[NOT_WORKBOOK_EN],
)
def _truncated(path: Path) -> None:
    data = workbook_bytes(contacts(GOOD_CONTACT))
    path.write_bytes(data[: len(data) // 2])


@case(
    file="zip_without_workbook.xlsx",
    what="a zip file that holds no workbook",
    exit=2,
    level="error",
    sv=["skadad"],
    en=["damaged"],
)
def _zip_without_workbook(path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("readme.txt", FIXED_TIME), "hej")
    path.write_bytes(out.getvalue())


@case(
    file="password_protected.xlsx",
    what="a password-protected workbook (Excel stores it as an OLE2 container)",
    exit=2,
    level="error",
    sv=["lösenordsskyddad"],
    en=["password-protected"],
)
def _password(path: Path) -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    path.write_bytes(header + b"EncryptedPackage" + bytes(496))


@case(
    file="old_format.xls",
    what="an Excel 97-2003 .xls file",
    exit=2,
    level="error",
    sv=["gamla .xls-formatet"],
    en=["old .xls format"],
)
def _xls(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1016))


@case(
    file="latin1.csv",
    what="a CSV file in Latin-1, not UTF-8",
    exit=2,
    level="error",
)
def _latin1(path: Path) -> None:
    path.write_bytes("Namn;Typ\nKävlinge kommun;kommun\nÖstra Göinge;kommun\n".encode("latin-1"))


@case(
    file="no_known_sheets.xlsx",
    what="a workbook with none of our sheets",
    exit=2,
    level="error",
    sv=["samverkan init"],
    en=["samverkan init"],
)
def _no_sheets(path: Path) -> None:
    save(path, {"Blad1": [["Namn", "Typ"], ["Kävlinge kommun", "kommun"]]})


# --- files that attack the parser -----------------------------------------------------------


@case(
    file="zip_bomb.xlsx",
    what="a zip bomb: 60 MB of sheet XML packed into about 60 kB",
    exit=2,
    level="error",
    sv=["zip-bomb"],
    en=["zip bomb"],
)
def _zip_bomb(path: Path) -> None:
    def inflate(sheet: bytes) -> bytes:
        return sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (60 * 1024 * 1024))

    path.write_bytes(with_sheet_xml(contacts(GOOD_CONTACT), inflate))


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]>"
)


@case(
    file="xml_bomb_sheet.xlsx",
    what="a billion-laughs XML entity bomb inside a sheet",
    exit=2,
    level="error",
    sv=["otillåten XML", "XML-bomb"],
    en=["forbidden XML", "XML bomb"],
)
def _xml_bomb_sheet(path: Path) -> None:
    def bomb(sheet: bytes) -> bytes:
        body = sheet.split(b"?>", 1)[-1] if sheet.startswith(b"<?xml") else sheet
        return LAUGHS + body.replace(b"<t>Lomma kommun</t>", b"<t>&lol9;</t>", 1)

    path.write_bytes(with_sheet_xml({"Aktörer": ACTORS}, bomb))


@case(
    file="xml_bomb_workbook.xlsx",
    what="an XML entity bomb in the workbook part",
    exit=2,
    level="error",
    sv=["otillåten XML", "XML-bomb"],
    en=["forbidden XML", "XML bomb"],
)
def _xml_bomb_workbook(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        book = archive.read("xl/workbook.xml")
    book = LAUGHS + book.split(b"?>", 1)[-1] if book.startswith(b"<?xml") else LAUGHS + book
    path.write_bytes(normalise_zip(data, {"xl/workbook.xml": book}))


@case(
    file="broken_sheet_xml.xlsx",
    what="a sheet whose XML stops in the middle",
    exit=2,
    level="error",
    sv=["skadat", "Aktörer"],
    en=["damaged", "Aktörer"],
    sheet="Aktörer",
)
def _broken_xml(path: Path) -> None:
    path.write_bytes(with_sheet_xml({"Aktörer": ACTORS}, lambda xml: xml[: len(xml) // 2]))


@case(
    file="rows_100000.xlsx",
    what="100,000 rows of data in one sheet",
    exit=2,
    level="error",
    sv=["fler än gränsen 100000"],
    en=["more than the limit of 100000"],
    sheet="Målgrupper",
)
def _many_rows(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet("Målgrupper")
    worksheet.append(["Namn"])
    for number in range(100_000):
        worksheet.append([f"g{number}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue()))


# --- columns and sheets ------------------------------------------------------------------------


@case(
    file="missing_required_column.xlsx",
    what="the Contacts sheet has no column Aktör B",
    exit=2,
    level="error",
    sv=["obligatorisk kolumn saknas: Aktör B", "2-3"],
    en=["required column missing: Aktör B"],
    sheet="Kontakter",
    row=1,
    rows=5,
    rejected=2,
)
def _missing_column(path: Path) -> None:
    header = ["Aktör A", "Nivå"]
    save(
        path, {"Aktörer": ACTORS, "Kontakter": [header, ["Lomma", "operativ"], ["AF", "operativ"]]}
    )


@case(
    file="misspelled_required_column.xlsx",
    what="a required column misspelled: 'Aktör  B' written 'Aktr B'",
    exit=2,
    level="warning",
    sv=["okänd kolumn 'Aktr B'", "Menade du 'Aktör B'?"],
    en=["unknown column 'Aktr B'", "Did you mean 'Aktör B'?"],
    sheet="Kontakter",
    row=1,
    column="B",
    rows=4,
    rejected=1,
)
def _misspelled_required(path: Path) -> None:
    header = ["Aktör A", "Aktr B", "Nivå"]
    save(path, {"Aktörer": ACTORS, "Kontakter": [header, ["Kävlinge kommun", "AF", "operativ"]]})


@case(
    file="misspelled_optional_column.xlsx",
    what="an optional column misspelled: 'Kvallitet'",
    exit=0,
    level="warning",
    sv=["okänd kolumn 'Kvallitet'", "Menade du 'Kvalitet'?"],
    en=["unknown column 'Kvallitet'", "Did you mean 'Kvalitet'?"],
    sheet="Kontakter",
    row=1,
    column="D",
    rows=4,
    rejected=0,
)
def _misspelled_optional(path: Path) -> None:
    header = ["Aktör A", "Aktör B", "Nivå", "Kvallitet"]
    rows = [["Kävlinge kommun", "AF", "operativ", "god"]]
    save(path, {"Aktörer": ACTORS, "Kontakter": [header, *rows]})


@case(
    file="unknown_column.xlsx",
    what="an extra column nobody asked for",
    exit=0,
    level="warning",
    sv=["okänd kolumn 'Telefon'"],
    en=["unknown column 'Telefon'"],
    sheet="Aktörer",
    row=1,
    column="H",
    rows=3,
    rejected=0,
)
def _unknown_column(path: Path) -> None:
    rows = [[*ACTORS[0], "Telefon"], *[[*row, "040-123"] for row in ACTORS[1:]]]
    save(path, {"Aktörer": rows})


@case(
    file="repeated_column.xlsx",
    what="the column Namn twice",
    exit=2,
    level="error",
    sv=["kolumnen 'Namn' finns två gånger"],
    en=["column 'Namn' appears twice"],
    sheet="Aktörer",
    row=1,
    column="C",
    rows=1,
    rejected=0,
)
def _repeated_column(path: Path) -> None:
    save(path, {"Aktörer": [["Namn", "Typ", "Namn"], ["Lomma kommun", "kommun", "Lomma"]]})


@case(
    file="header_below_title.xlsx",
    what="a title line above the header row",
    exit=2,
    level="error",
    sv=["obligatorisk kolumn saknas"],
    en=["required column missing"],
    sheet="Aktörer",
    row=1,
    rows=4,
    rejected=4,
)
def _title_line(path: Path) -> None:
    save(path, {"Aktörer": [["Aktörer i Kävlinge och Lomma"], *ACTORS]})


@case(
    file="unknown_sheet.xlsx",
    what="an extra sheet of notes",
    exit=0,
    level="warning",
    sv=["okänt blad"],
    en=["unknown sheet"],
    sheet="Anteckningar",
    rows=3,
    rejected=0,
)
def _unknown_sheet(path: Path) -> None:
    save(path, {"Aktörer": ACTORS, "Anteckningar": [["Ring AF igen"]]})


@case(
    file="misspelled_sheet.xlsx",
    what="the sheet Kontakter written Kontaker",
    exit=0,
    level="warning",
    sv=["okänt blad", "Menade du 'Kontakter'?"],
    en=["unknown sheet", "Did you mean 'Kontakter'?"],
    sheet="Kontaker",
    rows=3,
    rejected=0,
)
def _misspelled_sheet(path: Path) -> None:
    save(path, {"Aktörer": ACTORS, "Kontaker": [CONTACTS_HEADER, GOOD_CONTACT]})


@case(
    file="hidden_sheet.xlsx",
    what="a hidden sheet (read, with a warning)",
    exit=0,
    level="warning",
    sv=["dolt"],
    en=["hidden"],
    sheet="Kontakter",
    rows=4,
    rejected=0,
)
def _hidden(path: Path) -> None:
    save(path, contacts(GOOD_CONTACT), hidden={"Kontakter": "hidden"})


@case(
    file="very_hidden_sheet.xlsx",
    what="a 'very hidden' sheet, visible only in the VBA editor",
    exit=0,
    level="warning",
    sv=["dolt"],
    en=["hidden"],
    sheet="Kontakter",
    rows=4,
    rejected=0,
)
def _very_hidden(path: Path) -> None:
    save(path, contacts(GOOD_CONTACT), hidden={"Kontakter": "veryHidden"})


@case(
    file="merged_cells.xlsx",
    what="two rows share a merged Aktör A cell",
    exit=2,
    level="warning",
    sv=["sammanfogade celler A2:A3"],
    en=["merged cells A2:A3"],
    sheet="Kontakter",
    row=2,
    column="A",
    rows=5,
    rejected=1,
)
def _merged(path: Path) -> None:
    def merge(xml: bytes) -> bytes:
        return xml.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>',
        )

    second = ["", "Lomma kommun", "strategisk", None, None, None, None]
    path.write_bytes(with_sheet_xml(contacts(GOOD_CONTACT, second), merge, number=2))


# --- cells ----------------------------------------------------------------------------------------


@case(
    file="empty_required_cell.xlsx",
    what="an actor without Typ",
    exit=2,
    level="error",
    sv=["'Typ' måste fyllas i"],
    en=["'Typ' must be filled in"],
    sheet="Aktörer",
    row=3,
    column="C",
    rows=3,
    rejected=1,
)
def _empty_required(path: Path) -> None:
    rows = [row[:] for row in ACTORS]
    rows[2][2] = None
    save(path, {"Aktörer": rows})


@case(
    file="blank_required_cell.xlsx",
    what="a required cell holding only spaces",
    exit=2,
    level="error",
    sv=["'Aktör B' måste fyllas i"],
    en=["'Aktör B' must be filled in"],
    sheet="Kontakter",
    row=3,
    column="B",
    rows=5,
    rejected=1,
)
def _blank_required(path: Path) -> None:
    save(path, contacts(GOOD_CONTACT, ["Lomma kommun", "   ", "operativ"]))


@case(
    file="bad_level.xlsx",
    what="Nivå 'stratgisk', a typo",
    exit=2,
    level="error",
    sv=["'stratgisk' är inte ett tillåtet värde för Nivå", "Menade du 'strategisk'?"],
    en=["'stratgisk' is not an allowed value for Nivå", "Did you mean 'strategisk'?"],
    sheet="Kontakter",
    row=3,
    column="C",
    rows=5,
    rejected=1,
)
def _bad_level(path: Path) -> None:
    save(path, contacts(GOOD_CONTACT, ["Lomma kommun", "AF", "stratgisk"]))


@case(
    file="bad_actor_kind.xlsx",
    what="Typ 'kommunen' for an actor",
    exit=2,
    level="error",
    sv=["'kommunen' är inte ett tillåtet värde för Typ", "Menade du 'kommun'?"],
    en=["'kommunen' is not an allowed value for Typ"],
    sheet="Aktörer",
    row=2,
    column="C",
    rows=3,
    rejected=1,
)
def _bad_kind(path: Path) -> None:
    rows = [row[:] for row in ACTORS]
    rows[1][2] = "kommunen"
    save(path, {"Aktörer": rows})


@case(
    file="bad_quality.xlsx",
    what="Kvalitet 'jättebra', outside the scale",
    exit=2,
    level="error",
    sv=["'jättebra' är inte ett tillåtet värde för Kvalitet"],
    en=["'jättebra' is not an allowed value for Kvalitet"],
    sheet="Kontakter",
    row=2,
    column="E",
    rows=4,
    rejected=1,
)
def _bad_quality(path: Path) -> None:
    save(path, contacts(["Kävlinge kommun", "AF", "operativ", None, "jättebra"]))


@case(
    file="quality_out_of_range.xlsx",
    what="Kvalitet 7 on a 1–5 scale",
    exit=2,
    level="error",
    sv=["'7' är inte ett tillåtet värde för Kvalitet"],
    en=["'7' is not an allowed value for Kvalitet"],
    sheet="Kontakter",
    row=2,
    column="E",
    rows=4,
    rejected=1,
)
def _quality_range(path: Path) -> None:
    save(path, contacts(["Kävlinge kommun", "AF", "operativ", None, 7]))


@case(
    file="bad_cadence.xlsx",
    what="Möten per år 'ofta'",
    exit=2,
    level="error",
    sv=["'ofta' är inget antal"],
    en=["'ofta' is not a count"],
    sheet="Forum",
    row=2,
    column="D",
    rows=4,
    rejected=1,
)
def _bad_cadence(path: Path) -> None:
    save(
        path,
        {
            "Aktörer": ACTORS,
            "Forum": [FORUM_HEADER, ["SULK", "strategisk", "Lomma kommun; AF", "ofta"]],
        },
    )


@case(
    file="negative_cadence.xlsx",
    what="Möten per år -2",
    exit=2,
    level="error",
    sv=["'-2' är inget antal"],
    en=["'-2' is not a count"],
    sheet="Forum",
    row=2,
    column="D",
    rows=4,
    rejected=1,
)
def _negative(path: Path) -> None:
    save(
        path,
        {"Aktörer": ACTORS, "Forum": [FORUM_HEADER, ["SULK", "strategisk", "Lomma kommun", -2]]},
    )


def _event_with_date(value: Any) -> dict[str, list[list[Any]]]:
    return {
        "Aktörer": ACTORS,
        "Händelser": [EVENTS_HEADER, [value, "stängning", "AF", "Kontoret stängs"]],
    }


@case(
    file="bad_date.xlsx",
    what="Datum 'i våras'",
    exit=2,
    level="error",
    sv=["'i våras' är inget datum", "ÅÅÅÅ-MM-DD"],
    en=["'i våras' is not a date", "YYYY-MM-DD"],
    sheet="Händelser",
    row=2,
    column="A",
    rows=4,
    rejected=1,
)
def _bad_date(path: Path) -> None:
    save(path, _event_with_date("i våras"))


@case(
    file="impossible_date.xlsx",
    what="Datum 2017-02-30, a day that does not exist",
    exit=2,
    level="error",
    sv=["'2017-02-30' är inget datum"],
    en=["'2017-02-30' is not a date"],
    sheet="Händelser",
    row=2,
    column="A",
    rows=4,
    rejected=1,
)
def _impossible_date(path: Path) -> None:
    save(path, _event_with_date("2017-02-30"))


@case(
    file="ambiguous_date.xlsx",
    what="Datum 02/03/2017: 2 March or February 3?",
    exit=2,
    level="error",
    sv=["'02/03/2017' är inget datum", "ÅÅÅÅ-MM-DD"],
    en=["'02/03/2017' is not a date", "YYYY-MM-DD"],
    sheet="Händelser",
    row=2,
    column="A",
    rows=4,
    rejected=1,
)
def _ambiguous_date(path: Path) -> None:
    save(path, _event_with_date("02/03/2017"))


@case(
    file="date_as_serial_number.xlsx",
    what="Datum typed as Excel's serial number 42767",
    exit=2,
    level="error",
    sv=["'42767' är inget datum"],
    en=["'42767' is not a date"],
    sheet="Händelser",
    row=2,
    column="A",
    rows=4,
    rejected=1,
)
def _serial_date(path: Path) -> None:
    save(path, _event_with_date(42767))


@case(
    file="backwards_period.xlsx",
    what="Gäller till och med before Gäller från",
    exit=2,
    level="error",
    sv=["slutdatum före startdatum"],
    en=["end date before start date"],
    sheet="Aktörer",
    row=2,
    column="E",
    rows=1,
    rejected=1,
)
def _backwards(path: Path) -> None:
    header = ["Namn", "Typ", "Gäller från", "Beskrivning", "Gäller till och med"]
    save(path, {"Aktörer": [header, ["Lärcentrum", "enhet", "2017-05-01", None, "2016-01-01"]]})


@case(
    file="very_long_cells.xlsx",
    what="cells at Excel's limit of 32,767 characters",
    exit=0,
    level="ok",
    rows=4,
    rejected=0,
)
def _long_cells(path: Path) -> None:
    long_name = "Kävlinge " + "x" * 1000
    rows = [*ACTORS, ["lang", long_name, "enhet", None, None, None, None]]
    header = [*ACTORS_HEADER, "Beskrivning"]
    text = ("Lång anteckning från intervjun. " * 1100)[:32_767]
    save(path, {"Aktörer": [header, *[[*row, text] for row in rows[1:]]]})


@case(
    file="lying_dimension.xlsx",
    what="a sheet whose <dimension> tag claims one cell but holds 50 rows",
    exit=0,
    level="ok",
    rows=53,
    rejected=0,
)
def _lying_dimension(path: Path) -> None:
    def lie(xml: bytes) -> bytes:
        return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:A1"/>', xml)

    data = workbook_bytes(contacts(*[GOOD_CONTACT] * 50))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = {
            n: lie(archive.read(n)) for n in archive.namelist() if n.startswith("xl/worksheets/")
        }
    path.write_bytes(normalise_zip(data, sheets))


@case(
    file="formulas_with_cached_values.xlsx",
    what="cells computed by formulas, saved with their results (as Excel does)",
    exit=0,
    level="ok",
    rows=3,
    rejected=0,
)
def _cached(path: Path) -> None:
    def cache(xml: bytes) -> bytes:
        return xml.replace(
            b'<c r="B4"><f>B2&amp;" stad"</f><v /></c>',
            b'<c r="B4" t="str"><f>B2&amp;" stad"</f><v>Lomma stad</v></c>',
        ).replace(b'<c r="C4"><f>C2</f><v /></c>', b'<c r="C4" t="str"><f>C2</f><v>kommun</v></c>')

    rows = [["ID", "Namn", "Typ"], ["a", "Lomma", "kommun"], ["b", "Kävlinge", "kommun"]]
    rows.append(["c", '=B2&" stad"', "=C2"])
    path.write_bytes(with_sheet_xml({"Aktörer": rows}, cache))


@case(
    file="formula_without_cached_value.xlsx",
    what="a formula saved by a script, without its result",
    exit=2,
    level="error",
    sv=["formel utan sparat resultat"],
    en=["formula with no saved result"],
    sheet="Aktörer",
    row=3,
    column="B",
    rows=2,
    rejected=1,
)
def _uncached(path: Path) -> None:
    rows = [["ID", "Namn", "Typ"], ["a", "Lomma kommun", "kommun"], ["b", '=B2&" stad"', "kommun"]]
    save(path, {"Aktörer": rows})


@case(
    file="row_of_uncached_formulas.xlsx",
    what="a row made only of formulas without results (would read as blank)",
    exit=2,
    level="error",
    sv=["formel utan sparat resultat"],
    en=["formula with no saved result"],
    sheet="Aktörer",
    row=3,
    column="A",
    rows=2,
    rejected=1,
)
def _uncached_row(path: Path) -> None:
    rows = [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["=A2", "=B2"]]
    save(path, {"Aktörer": rows})


# --- references between sheets -----------------------------------------------------------


@case(
    file="dangling_contact.xlsx",
    what="a contact to an actor that is not in the map",
    exit=2,
    level="error",
    sv=["'Arbetsförmedlingen Lund' finns inte i kartan"],
    en=["'Arbetsförmedlingen Lund' is not in the map"],
    sheet="Kontakter",
    row=3,
    column="B",
    rows=5,
    rejected=1,
)
def _dangling_contact(path: Path) -> None:
    save(path, contacts(GOOD_CONTACT, ["Lomma kommun", "Arbetsförmedlingen Lund", "operativ"]))


@case(
    file="misspelled_reference.xlsx",
    what="a contact naming 'Lomma komun', one letter off",
    exit=2,
    level="error",
    sv=["'Lomma komun' finns inte i kartan", "menade du 'lomma kommun'?"],
    en=["'Lomma komun' is not in the map", "did you mean 'lomma kommun'?"],
    sheet="Kontakter",
    row=2,
    column="A",
    rows=4,
    rejected=1,
)
def _misspelled_reference(path: Path) -> None:
    save(path, contacts(["Lomma komun", "AF", "operativ"]))


@case(
    file="dangling_forum_member.xlsx",
    what="a forum member that is not in the map",
    exit=2,
    level="error",
    sv=["'Region Skåne' finns inte i kartan"],
    en=["'Region Skåne' is not in the map"],
    sheet="Forum",
    row=2,
    column="C",
    rows=4,
    rejected=1,
)
def _dangling_member(path: Path) -> None:
    save(
        path,
        {
            "Aktörer": ACTORS,
            "Forum": [FORUM_HEADER, ["SULK", "strategisk", "Lomma kommun; Region Skåne", 4]],
        },
    )


@case(
    file="dangling_event.xlsx",
    what="an event for an office that is not in the map",
    exit=2,
    level="error",
    sv=["'AF Kävlinge' finns inte i kartan"],
    en=["'AF Kävlinge' is not in the map"],
    sheet="Händelser",
    row=2,
    column="C",
    rows=4,
    rejected=1,
)
def _dangling_event(path: Path) -> None:
    save(
        path,
        {
            "Aktörer": ACTORS,
            "Händelser": [EVENTS_HEADER, ["2017-02-01", "stängning", "AF Kävlinge", "Stängt"]],
        },
    )


@case(
    file="dangling_gap.xlsx",
    what="a wish naming a counterpart that is not in the map",
    exit=2,
    level="error",
    sv=["'Försäkringskassan' finns inte i kartan"],
    en=["'Försäkringskassan' is not in the map"],
    sheet="Glapp och önskemål",
    row=2,
    column="C",
    rows=4,
    rejected=1,
)
def _dangling_gap(path: Path) -> None:
    row = ["önskemål", "Kävlinge kommun", "Försäkringskassan", "strategisk", "Regelbundna möten"]
    save(path, {"Aktörer": ACTORS, "Glapp och önskemål": [GAPS_HEADER, row]})


@case(
    file="dangling_parent.xlsx",
    what="an office that belongs to an unknown parent (kept, parent left empty)",
    exit=0,
    level="warning",
    sv=["'Försäkringskassan' finns inte i kartan", "fältet lämnas tomt"],
    en=["'Försäkringskassan' is not in the map", "the field is left empty"],
    sheet="Aktörer",
    row=5,
    column="D",
    rows=4,
    rejected=0,
)
def _dangling_parent(path: Path) -> None:
    office = ["fk-lund", "FK Lund", "kontor", "Försäkringskassan", "Lund", None, None]
    save(path, {"Aktörer": [*ACTORS, office]})


# --- duplicates ----------------------------------------------------------------------------------


@case(
    file="duplicate_contact_id.xlsx",
    what="two different contacts with the same ID",
    exit=2,
    level="error",
    sv=["id 'k1' finns redan med annat innehåll"],
    en=["id 'k1' already exists with other content"],
    sheet="Kontakter",
    row=3,
    column="A",
    rows=5,
    rejected=1,
)
def _duplicate_contact(path: Path) -> None:
    header = ["ID", *CONTACTS_HEADER[:3]]
    rows = [["k1", "Kävlinge kommun", "AF", "operativ"], ["k1", "Lomma kommun", "AF", "strategisk"]]
    save(path, {"Aktörer": ACTORS, "Kontakter": [header, *rows]})


@case(
    file="duplicate_actor_id.xlsx",
    what="two actors with different names share one ID",
    exit=0,
    level="warning",
    sv=["samma ID 'af'", "Försäkringskassan"],
    en=["the same ID 'af'", "Försäkringskassan"],
    sheet="Aktörer",
    row=5,
    column="A",
    rows=4,
    rejected=0,
)
def _duplicate_actor(path: Path) -> None:
    save(
        path,
        {"Aktörer": [*ACTORS, ["af", "Försäkringskassan", "myndighet", None, None, None, None]]},
    )


@case(
    file="contradictory_duplicate.xlsx",
    what="the same actor twice, once as kommun and once as myndighet",
    exit=0,
    level="warning",
    sv=["värdet skiljer sig från samma post i contradictory_duplicate.xlsx, blad Aktörer, rad 3"],
    en=[
        "the value differs from the same entry in contradictory_duplicate.xlsx, sheet Aktörer, row 3"
    ],
    sheet="Aktörer",
    row=5,
    column="C",
    rows=4,
    rejected=0,
)
def _contradictory(path: Path) -> None:
    save(
        path,
        {"Aktörer": [*ACTORS, ["lomma", "Lomma kommun", "myndighet", None, "Lomma", None, None]]},
    )


@case(
    file="exact_duplicate_rows.xlsx",
    what="the same contact row twice (merged, counted as merged)",
    exit=0,
    level="ok",
    rows=5,
    rejected=0,
)
def _exact_duplicate(path: Path) -> None:
    header = ["ID", *CONTACTS_HEADER[:3]]
    row = ["k1", "Kävlinge kommun", "AF", "operativ"]
    save(path, {"Aktörer": ACTORS, "Kontakter": [header, row, row]})


@case(
    file="empty_sheets.xlsx",
    what="every sheet present, only headers, no data",
    exit=0,
    level="ok",
    rows=0,
    rejected=0,
)
def _empty_sheets(path: Path) -> None:
    save(
        path, {"Aktörer": [ACTORS_HEADER], "Kontakter": [CONTACTS_HEADER], "Forum": [FORUM_HEADER]}
    )


# === Issue 10, reading: zip part names, Excel error values, dates and counts out of range ====
# Each case below is one of issue 10's findings or a neighbour of one; the helpers are
# separate from those above so the corpus can grow from several branches without conflict.


def zip_edited(
    data: bytes, renames: dict[str, str] | None = None, replace: dict[str, bytes] | None = None
) -> bytes:
    """The zip with members renamed (old -> new name) and contents replaced (by old name)."""
    renames, replace = renames or {}, replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(renames.get(item.filename, item.filename), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, replace.get(item.filename, source.read(item)))
    return out.getvalue()


def part(data: bytes, member: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(member)


SHEET_PART = "xl/worksheets/sheet1.xml"
BOOK_RELS = "xl/_rels/workbook.xml.rels"
FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'


def relationship_in_capitals(data: bytes, sheet: bytes | None = None) -> bytes:
    """The workbook's relationship names SHEET1.xml; the zip stores sheet1.xml."""
    rels = part(data, BOOK_RELS).replace(b"worksheets/sheet1.xml", b"worksheets/SHEET1.xml")
    replace = {BOOK_RELS: rels} | ({SHEET_PART: sheet} if sheet is not None else {})
    return zip_edited(data, replace=replace)


FAR_CELL_SV = "XFD1048576"


@case(
    file="case_far_cell.xlsx",
    what="relationship says SHEET1.xml for the part sheet1.xml, one cell at XFD1048576 "
    "(was a Rust abort, exit 134)",
    exit=2,
    level="error",
    sv=["bladets celler når ända till XFD1048576", "fler än gränsen"],
    en=["the sheet's cells reach as far as XFD1048576", "more than the limit"],
    sheet="Aktörer",
)
def _case_far_cell(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    sheet = part(data, SHEET_PART).replace(b"</sheetData>", FAR_CELL + b"</sheetData>")
    path.write_bytes(relationship_in_capitals(data, sheet))


@case(
    file="case_uncached_formula.xlsx",
    what="relationship in capitals hides a formula without a saved result (was a row lost)",
    exit=2,
    level="error",
    sv=["formel utan sparat resultat"],
    en=["formula with no saved result"],
    sheet="Aktörer",
    row=3,
    column="A",
    rows=2,
    rejected=1,
)
def _case_uncached(path: Path) -> None:
    rows = [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["=A2", "=B2"]]
    path.write_bytes(relationship_in_capitals(workbook_bytes({"Aktörer": rows})))


@case(
    file="case_part_in_capitals.xlsx",
    what="the zip stores XL/WORKSHEETS/SHEET1.XML, the relationship says sheet1.xml",
    exit=0,
    level="ok",
    rows=3,
    rejected=0,
)
def _case_part_capitals(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    path.write_bytes(zip_edited(data, renames={SHEET_PART: "XL/WORKSHEETS/SHEET1.XML"}))


@case(
    file="case_relationships_in_capitals.xlsx",
    what="the workbook's relationships part stored as XL/_RELS/WORKBOOK.XML.RELS",
    exit=0,
    level="ok",
    rows=3,
    rejected=0,
)
def _case_rels_capitals(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    path.write_bytes(zip_edited(data, renames={BOOK_RELS: "XL/_RELS/WORKBOOK.XML.RELS"}))


@case(
    file="case_far_cell_part_in_capitals.xlsx",
    what="the part stored in capitals holds a cell at XFD1048576",
    exit=2,
    level="error",
    sv=["bladets celler når ända till XFD1048576"],
    en=["the sheet's cells reach as far as XFD1048576"],
    sheet="Aktörer",
)
def _case_far_capitals(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    sheet = part(data, SHEET_PART).replace(b"</sheetData>", FAR_CELL + b"</sheetData>")
    edited = zip_edited(data, replace={SHEET_PART: sheet})
    path.write_bytes(zip_edited(edited, renames={SHEET_PART: "xl/worksheets/Sheet1.XML"}))


@case(
    file="case_dtd_part_in_capitals.xlsx",
    what="an entity bomb in a sheet part whose name differs in case from its relationship",
    exit=2,
    level="error",
    sv=["otillåten XML"],
    en=["forbidden XML"],
)
def _case_dtd_capitals(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    body = part(data, SHEET_PART).split(b"?>", 1)[-1]
    bomb = LAUGHS + body.replace(b"<t>Lomma kommun</t>", b"<t>&lol9;</t>", 1)
    path.write_bytes(relationship_in_capitals(data, bomb))


@case(
    file="case_two_parts_one_name.xlsx",
    what="sheet1.xml and SHEET1.XML in one zip: a harmless part beside one with XFD1048576",
    exit=2,
    level="error",
    sv=["Arbetsboken är skadad: den har två delar som heter 'xl/worksheets/SHEET1.XML'"],
    en=["The workbook is damaged: it has two parts named 'xl/worksheets/SHEET1.XML'"],
)
def _case_two_parts(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    far = part(data, SHEET_PART).replace(b"</sheetData>", FAR_CELL + b"</sheetData>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item))
            if item.filename == SHEET_PART:
                twin = zipfile.ZipInfo("xl/worksheets/SHEET1.XML", FIXED_TIME)
                twin.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(twin, far)
    path.write_bytes(out.getvalue())


@case(
    file="sheet_part_missing.xlsx",
    what="the workbook names a sheet whose part is not in the zip",
    exit=2,
    level="error",
    sv=["bladet är skadat"],
    en=["the sheet is damaged"],
    sheet="Aktörer",
)
def _sheet_part_missing(path: Path) -> None:
    data = workbook_bytes({"Aktörer": ACTORS})
    rels = part(data, BOOK_RELS).replace(b"worksheets/sheet1.xml", b"worksheets/borta.xml")
    path.write_bytes(zip_edited(data, replace={BOOK_RELS: rels}))


def with_cells(
    sheets: dict[str, list[list[Any]]], cells: dict[str, bytes], number: int = 1
) -> bytes:
    """A workbook whose cells (by reference, e.g. 'C2') are replaced by raw XML."""

    def edit(xml: bytes) -> bytes:
        for ref, cell in cells.items():
            xml, count = re.subn(rb'<c r="' + ref.encode() + rb'"[^>]*>.*?</c>', cell, xml)
            assert count == 1, ref
        return xml

    return with_sheet_xml(sheets, edit, number)


def error_cell(ref: str, code: str, formula: str = "") -> bytes:
    inner = f"<f>{formula}</f>" if formula else ""
    return f'<c r="{ref}" t="e">{inner}<v>{code}</v></c>'.encode()


ERROR_SV = "cellen innehåller Excels felvärde"
ERROR_EN = "the cell holds Excel's error value"
VALID_TO_HEADER = ["Namn", "Typ", "Gäller till och med"]


@case(
    file="error_na_valid_to.xlsx",
    what="Gäller till och med = #N/A from a lookup (read as blank, the actor valid forever)",
    exit=2,
    level="error",
    sv=[ERROR_SV + " #N/A"],
    en=[ERROR_EN + " #N/A"],
    sheet="Aktörer",
    row=2,
    column="C",
    rows=2,
    rejected=1,
)
def _error_na(path: Path) -> None:
    rows = [VALID_TO_HEADER, ["Lärcentrum", "enhet", "x"], ["Lomma kommun", "kommun", None]]
    cells = {"C2": error_cell("C2", "#N/A", "VLOOKUP(A2,Slut!A:B,2,FALSE)")}
    path.write_bytes(with_cells({"Aktörer": rows}, cells))


def _error_in_name(code: str) -> Builder:
    """An error value in the required column Namn (was: 'Namn' must be filled in)."""

    def build(path: Path) -> None:
        rows = [["Namn", "Typ"], ["x", "kommun"], ["Lomma kommun", "kommun"]]
        path.write_bytes(with_cells({"Aktörer": rows}, {"A2": error_cell("A2", code)}))

    return build


for _code, _slug in (
    ("#REF!", "ref"),
    ("#DIV/0!", "div0"),
    ("#VALUE!", "value"),
    ("#NAME?", "name"),
    ("#NUM!", "num"),
    ("#NULL!", "null"),
):
    case(
        file=f"error_{_slug}_required.xlsx",
        what=f"{_code} in the required column Namn",
        exit=2,
        level="error",
        sv=[ERROR_SV + " " + _code],
        en=[ERROR_EN + " " + _code],
        sheet="Aktörer",
        row=2,
        column="A",
        rows=2,
        rejected=1,
    )(_error_in_name(_code))


for _code, _slug in (("#SPILL!", "spill"), ("#CALC!", "calc"), ("#GETTING_DATA", "getting_data")):
    case(
        file=f"error_{_slug}.xlsx",
        what=f"{_code}, an error value python-calamine refuses: the sheet stops at that cell",
        exit=2,
        level="error",
        sv=[ERROR_SV + " " + _code],
        en=[ERROR_EN + " " + _code],
        sheet="Aktörer",
        row=2,
        column="A",
    )(_error_in_name(_code))


@case(
    file="error_in_date_column.xlsx",
    what="#VALUE! in the required column Datum of an event",
    exit=2,
    level="error",
    sv=[ERROR_SV + " #VALUE!"],
    en=[ERROR_EN + " #VALUE!"],
    sheet="Händelser",
    row=2,
    column="A",
    rows=4,
    rejected=1,
)
def _error_in_date(path: Path) -> None:
    sheets = _event_with_date("2017-02-01")
    cells = {"A2": error_cell("A2", "#VALUE!", 'DATEVALUE("i våras")')}
    path.write_bytes(with_cells(sheets, cells, number=2))


@case(
    file="error_in_list_column.xlsx",
    what="#REF! in Medlemmar of a forum (a member list lost to a deleted sheet)",
    exit=2,
    level="error",
    sv=[ERROR_SV + " #REF!"],
    en=[ERROR_EN + " #REF!"],
    sheet="Forum",
    row=2,
    column="C",
    rows=4,
    rejected=1,
)
def _error_in_list(path: Path) -> None:
    sheets = {"Aktörer": ACTORS, "Forum": [FORUM_HEADER, ["SULK", "strategisk", "x", 4]]}
    cells = {"C2": error_cell("C2", "#REF!", "#REF!A1")}
    path.write_bytes(with_cells(sheets, cells, number=2))


@case(
    file="error_in_number_column.xlsx",
    what="#DIV/0! in Möten per år",
    exit=2,
    level="error",
    sv=[ERROR_SV + " #DIV/0!"],
    en=[ERROR_EN + " #DIV/0!"],
    sheet="Forum",
    row=2,
    column="D",
    rows=4,
    rejected=1,
)
def _error_in_number(path: Path) -> None:
    sheets = {"Aktörer": ACTORS, "Forum": [FORUM_HEADER, ["SULK", "strategisk", "AF", 4]]}
    path.write_bytes(with_cells(sheets, {"D2": error_cell("D2", "#DIV/0!", "12/0")}, number=2))


@case(
    file="error_row_only.xlsx",
    what="a row made only of error values (would read as a blank row, skipped)",
    exit=2,
    level="error",
    sv=[ERROR_SV + " #N/A"],
    en=[ERROR_EN + " #N/A"],
    sheet="Aktörer",
    row=3,
    column="A",
    rows=2,
    rejected=1,
)
def _error_row(path: Path) -> None:
    rows = [["Namn", "Typ"], ["Lomma kommun", "kommun"], ["x", "y"]]
    cells = {"A3": error_cell("A3", "#N/A"), "B3": error_cell("B3", "#N/A")}
    path.write_bytes(with_cells({"Aktörer": rows}, cells))


@case(
    file="error_in_unread_column.xlsx",
    what="an error value in a column nobody reads: that column is named, the row kept",
    exit=0,
    level="warning",
    sv=["okänd kolumn 'Telefon'"],
    en=["unknown column 'Telefon'"],
    sheet="Aktörer",
    row=1,
    column="C",
    rows=1,
    rejected=0,
)
def _error_unread(path: Path) -> None:
    rows = [["Namn", "Typ", "Telefon"], ["Lomma kommun", "kommun", "x"]]
    path.write_bytes(with_cells({"Aktörer": rows}, {"C2": error_cell("C2", "#N/A")}))


DATE_RANGE_SV = "ligger utanför de datum kartan kan hålla (1900-01-01 – 2199-12-31)"
DATE_RANGE_EN = "lies outside the dates a map can hold (1900-01-01 – 2199-12-31)"


def _event_dated(value: Any, words: str) -> tuple[dict[str, Any], Builder]:
    spec = dict(
        exit=2,
        level="error",
        sv=[f"datumet {words} {DATE_RANGE_SV}"],
        en=[f"the date {words} {DATE_RANGE_EN}"],
        sheet="Händelser",
        row=2,
        column="A",
        rows=4,
        rejected=1,
    )

    def build(path: Path) -> None:
        save(path, _event_with_date(value))

    return spec, build


for _file, _value, _shown, _what in (
    ("event_year_1.xlsx", "0001-01-01", "0001-01-01", "an event dated 0001-01-01 (was exit 3)"),
    ("event_year_9999.xlsx", "9999-12-31", "9999-12-31", "an event dated 9999-12-31"),
    ("event_1899.xlsx", "1899-12-31", "1899-12-31", "the day before the range begins"),
    ("event_year_only_1.xlsx", "0001", "0001-01-01", "the year 0001 written alone"),
    ("event_2200.xlsx", "2200-01-01", "2200-01-01", "the day after the range ends"),
):
    _spec, _build = _event_dated(_value, _shown)
    case(file=_file, what=_what, **_spec)(_build)


@case(
    file="event_date_cell_9999.xlsx",
    what="a real Excel date cell (not text) on 9999-12-31",
    exit=2,
    level="error",
    sv=[f"datumet 9999-12-31 {DATE_RANGE_SV}"],
    en=[f"the date 9999-12-31 {DATE_RANGE_EN}"],
    sheet="Händelser",
    row=2,
    column="A",
    rows=4,
    rejected=1,
)
def _date_cell_9999(path: Path) -> None:
    from datetime import datetime

    save(path, _event_with_date(datetime(9999, 12, 31)))


def _date_cell_holding(serial: bytes) -> Builder:
    """An event whose Datum is a date-formatted cell holding the raw serial number `serial`."""

    def build(path: Path) -> None:
        from datetime import datetime

        def edit(xml: bytes) -> bytes:
            return re.sub(rb'(<c r="A2"[^>]*><v>)[^<]*(</v>)', rb"\g<1>" + serial + rb"\g<2>", xml)

        path.write_bytes(with_sheet_xml(_event_with_date(datetime(2017, 2, 1)), edit, number=2))

    return build


for _file, _serial, _shown, _what in (
    ("date_cell_serial_huge.xlsx", b"99999999", "'99999999'", "a date cell past year 9999"),
    ("date_cell_serial_negative.xlsx", b"-5", "'00:00:00'", "a date cell before 1900"),
    ("date_cell_serial_1e300.xlsx", b"1e300", "'1e+300'", "a date cell of 1e300"),
):
    case(
        file=_file,
        what=f"{_what} (serial number {_serial.decode()})",
        exit=2,
        level="error",
        sv=[_shown + " är inget datum"],
        en=[_shown + " is not a date"],
        sheet="Händelser",
        row=2,
        column="A",
        rows=4,
        rejected=1,
    )(_date_cell_holding(_serial))


@case(
    file="dates_at_the_range_ends.xlsx",
    what="dates on 1900-01-01 and 2199-12-31, the first and last day a map holds",
    exit=0,
    level="ok",
    rows=1,
    rejected=0,
)
def _range_ends(path: Path) -> None:
    header = ["Namn", "Typ", "Gäller från", "Gäller till och med"]
    save(path, {"Aktörer": [header, ["Lomma kommun", "kommun", "1900-01-01", "2199-12-31"]]})


@case(
    file="valid_to_year_9999.xlsx",
    what="Gäller till och med 9999-12-31, meant as 'for ever'",
    exit=2,
    level="error",
    sv=[f"datumet 9999-12-31 {DATE_RANGE_SV}"],
    en=[f"the date 9999-12-31 {DATE_RANGE_EN}"],
    sheet="Aktörer",
    row=2,
    column="C",
    rows=1,
    rejected=1,
)
def _valid_to_9999(path: Path) -> None:
    save(path, {"Aktörer": [VALID_TO_HEADER, ["Lomma kommun", "kommun", "9999-12-31"]]})


@case(
    file="last_meeting_year_3000.xlsx",
    what="Senaste möte 3000-01-01, a typing error",
    exit=2,
    level="error",
    sv=[f"datumet 3000-01-01 {DATE_RANGE_SV}"],
    en=[f"the date 3000-01-01 {DATE_RANGE_EN}"],
    sheet="Forum",
    row=2,
    column="E",
    rows=4,
    rejected=1,
)
def _last_meeting_3000(path: Path) -> None:
    header = [*FORUM_HEADER, "Senaste möte"]
    row = ["SULK", "strategisk", "Lomma kommun", 4, "3000-01-01"]
    save(path, {"Aktörer": ACTORS, "Forum": [header, row]})


def _forum_meeting(value: Any) -> Builder:
    def build(path: Path) -> None:
        row = ["SULK", "strategisk", "Lomma kommun", value]
        save(path, {"Aktörer": ACTORS, "Forum": [FORUM_HEADER, row]})

    return build


COUNT_SV = "är inget rimligt antal per år (tillåtet: 0 – 10000)"
COUNT_EN = "is no plausible count per year (allowed: 0 – 10000)"

case(
    file="cadence_a_million.xlsx",
    what="Möten per år 1,000,000",
    exit=2,
    level="error",
    sv=["'1000000' " + COUNT_SV],
    en=["'1000000' " + COUNT_EN],
    sheet="Forum",
    row=2,
    column="D",
    rows=4,
    rejected=1,
)(_forum_meeting(1_000_000))
case(
    file="cadence_400_digits.xlsx",
    what="Möten per år: 400 nines typed as text (a float overflows to infinity)",
    exit=2,
    level="error",
    sv=["är inget antal"],
    en=["is not a count"],
    sheet="Forum",
    row=2,
    column="D",
    rows=4,
    rejected=1,
)(_forum_meeting("9" * 400))
case(
    file="cadence_at_the_limit.xlsx",
    what="Möten per år 10000, the most a count may be",
    exit=0,
    level="ok",
    rows=4,
    rejected=0,
)(_forum_meeting(10_000))


# === Issue 10, reading JSON: duplicate keys, values out of range, absurd numbers ==============


def json_map(**tables: Any) -> dict[str, Any]:
    """A small valid map as our JSON export writes it, with tables replaced or added."""
    document: dict[str, Any] = {
        "schema": "samverkanskartan/1",
        "title": "Korpus",
        "actors": [
            {"id": "kavlinge", "name": "Kävlinge kommun", "kind": "kommun"},
            {"id": "lomma", "name": "Lomma kommun", "kind": "kommun"},
            {"id": "af", "name": "Arbetsförmedlingen", "kind": "myndighet"},
        ],
        "contacts": [{"id": "k1", "actor_a": "kavlinge", "actor_b": "af"}],
    }
    return document | tables


def write_json(path: Path, document: Any) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def contact_with(**values: Any) -> list[dict[str, Any]]:
    return [
        {"id": "k1", "actor_a": "kavlinge", "actor_b": "af"},
        {"id": "k2", "actor_a": "lomma", "actor_b": "af", **values},
    ]


def _json_case(file: str, what: str, document: Any, **spec: Any) -> None:
    def build(path: Path) -> None:
        write_json(path, document)

    case(file=file, what=what, **spec)(build)


SCALE_SV, SCALE_EN = "ligger utanför skalan för", "lies outside the"
for _file, _field, _value, _scale in (
    ("json_quality_0.json", "quality", 0, ("kvalitet (1 – 5)", "quality scale (1 – 5)")),
    ("json_quality_7.json", "quality", 7, ("kvalitet (1 – 5)", "quality scale (1 – 5)")),
    ("json_quality_99.json", "quality", 99, ("kvalitet (1 – 5)", "quality scale (1 – 5)")),
    (
        "json_collaboration_9.json",
        "collaboration",
        9,
        ("samverkansnivå (0 – 5)", "collaboration level scale (0 – 5)"),
    ),
    (
        "json_collaboration_minus_7.json",
        "collaboration",
        -7,
        ("samverkansnivå (0 – 5)", "collaboration level scale (0 – 5)"),
    ),
):
    _json_case(
        _file,
        f"{_field} {_value} in a JSON contact (passed validate, crashed a rule)",
        json_map(contacts=contact_with(**{_field: _value})),
        exit=2,
        level="error",
        sv=[f"'{_value}' {SCALE_SV} {_scale[0]}"],
        en=[f"'{_value}' {SCALE_EN} {_scale[1]}"],
        sheet="contacts",
        row=2,
        column=_field,
        rows=5,
        rejected=1,
    )

for _file, _table, _element, _field, _value in (
    ("json_negative_frequency.json", "contacts", None, "frequency_per_year", -1),
    ("json_huge_frequency.json", "contacts", None, "frequency_per_year", 1e9),
    (
        "json_negative_cadence.json",
        "forums",
        {"id": "sulk", "name": "SULK", "members": ["lomma", "af"]},
        "cadence_per_year",
        -2,
    ),
    (
        "json_negative_wish.json",
        "gaps",
        {"id": "g1", "actor": "lomma", "kind": "önskemål"},
        "wished_per_year",
        -0.5,
    ),
):
    _rows = contact_with(**{_field: _value}) if _element is None else [_element | {_field: _value}]
    _shown = str(int(_value)) if float(_value).is_integer() else str(_value)
    _json_case(
        _file,
        f"{_field} {_value} in JSON",
        json_map(**{_table: _rows}),
        exit=2,
        level="error",
        sv=[f"'{_shown}' {COUNT_SV}"],
        en=[f"'{_shown}' {COUNT_EN}"],
        sheet=_table,
        row=len(_rows),
        column=_field,
        rows=5,  # three actors and a contact, plus the element
        rejected=1,
    )

_json_case(
    "json_event_year_1.json",
    "an event dated 0001-01-01 in JSON (was exit 3, OverflowError)",
    json_map(events=[{"id": "e1", "date": "0001-01-01", "kind": "stängning", "actor": "af"}]),
    exit=2,
    level="error",
    sv=[f"datumet 0001-01-01 {DATE_RANGE_SV}"],
    en=[f"the date 0001-01-01 {DATE_RANGE_EN}"],
    sheet="events",
    row=1,
    column="date",
    rows=5,
    rejected=1,
)
_json_case(
    "json_valid_end_9999.json",
    "an actor valid until 9999-12-31 in JSON",
    json_map(
        actors=[
            {"id": "kavlinge", "name": "Kävlinge kommun", "kind": "kommun"},
            {"id": "lomma", "name": "Lomma kommun", "valid": {"end": "9999-12-31"}},
            {"id": "af", "name": "Arbetsförmedlingen", "kind": "myndighet"},
        ]
    ),
    exit=2,
    level="error",
    sv=[f"datumet 9999-12-31 {DATE_RANGE_SV}"],
    en=[f"the date 9999-12-31 {DATE_RANGE_EN}"],
    sheet="actors",
    row=2,
    column="valid.end",
    rows=4,
    rejected=1,
)


DUPLICATE_SV = "står två gånger i samma objekt"
DUPLICATE_EN = "appears twice in the same object"


@case(
    file="json_duplicate_table.json",
    what='"gaps" twice at the top level (the first table was dropped in silence)',
    exit=2,
    level="error",
    sv=["nyckeln 'gaps' " + DUPLICATE_SV],
    en=["the key 'gaps' " + DUPLICATE_EN],
    column="gaps",
)
def _json_duplicate_table(path: Path) -> None:
    text = json.dumps(json_map(), ensure_ascii=False, indent=1)
    wish = '{"id": "g1", "actor": "lomma", "kind": "önskemål"}'
    gaps = f'"gaps": [{wish}],\n "gaps": [],\n "contacts"'
    path.write_text(text.replace('"contacts"', gaps, 1) + "\n", encoding="utf-8")


@case(
    file="json_duplicate_field.json",
    what="actor_b twice in one contact",
    exit=2,
    level="error",
    sv=["nyckeln 'actor_b' " + DUPLICATE_SV],
    en=["the key 'actor_b' " + DUPLICATE_EN],
    sheet="contacts",
    row=1,
    column="actor_b",
)
def _json_duplicate_field(path: Path) -> None:
    text = json.dumps(json_map(), ensure_ascii=False, indent=1)
    text = text.replace('"actor_b": "af"', '"actor_b": "af", "actor_b": "lomma"', 1)
    path.write_text(text + "\n", encoding="utf-8")


@case(
    file="json_duplicate_nested.json",
    what="start twice inside an actor's validity period",
    exit=2,
    level="error",
    sv=["nyckeln 'start' " + DUPLICATE_SV],
    en=["the key 'start' " + DUPLICATE_EN],
    sheet="actors",
    row=1,
    column="valid.start",
)
def _json_duplicate_nested(path: Path) -> None:
    document = json_map()
    document["actors"][0]["valid"] = {"start": "2015-01-01"}
    text = json.dumps(document, ensure_ascii=False, indent=1)
    text = text.replace('"start": "2015-01-01"', '"start": "2015-01-01", "start": "2016-01-01"')
    path.write_text(text + "\n", encoding="utf-8")


@case(
    file="json_nested_100000.json",
    what="arrays nested 100,000 deep (was blamed on the built-in JSON plugin)",
    exit=2,
    level="error",
    sv=["nästlad för djupt"],
    en=["nested too deeply"],
)
def _json_deep(path: Path) -> None:
    depth = 100_000
    body = "[" * depth + "]" * depth
    path.write_text('{"schema": "samverkanskartan/1", "actors": ' + body + "}\n", encoding="utf-8")


@case(
    file="json_version_5000_digits.json",
    what="a schema version of 5,000 digits (was blamed on the built-in JSON plugin)",
    exit=2,
    level="error",
    sv=["schemaversion 99999999999999999…", "Uppdatera Samverkanskartan"],
    en=["schema version 99999999999999999…", "Update Samverkanskartan"],
    column="schema",
)
def _json_version(path: Path) -> None:
    write_json(path, json_map(schema="samverkanskartan/" + "9" * 5000))


@case(
    file="json_number_5000_digits.json",
    what="a quality of 5,000 digits (Python refuses to read such an integer at all)",
    exit=2,
    level="error",
    sv=["talet 11111111111111111…", "som inget fält kan hålla"],
    en=["the number 11111111111111111…", "which no field can hold"],
    row=31,
)
def _json_number(path: Path) -> None:
    text = json.dumps(json_map(contacts=contact_with(quality=3)), ensure_ascii=False, indent=1)
    text = text.replace('"quality": 3', '"quality": ' + "1" * 5000)
    path.write_text(text + "\n", encoding="utf-8")


@case(
    file="json_number_1e400.json",
    what="a frequency of 1e400, beyond any float (read as infinity)",
    exit=2,
    level="error",
    sv=["talet 1e400", "som inget fält kan hålla"],
    en=["the number 1e400", "which no field can hold"],
    row=31,
)
def _json_infinite(path: Path) -> None:
    text = json.dumps(json_map(contacts=contact_with(frequency_per_year=3)), indent=1)
    text = text.replace('"frequency_per_year": 3', '"frequency_per_year": 1e400')
    path.write_text(text + "\n", encoding="utf-8")


@case(
    file="json_lone_surrogate.json",
    what="a name holding a lone surrogate \\ud800 (valid JSON, but no character)",
    exit=2,
    level="error",
    sv=["ensamt surrogattecken"],
    en=["lone surrogate"],
    sheet="actors",
    row=3,
    column="name",
    rows=3,
    rejected=1,
)
def _json_surrogate(path: Path) -> None:
    text = json.dumps(json_map(contacts=[]), ensure_ascii=True, indent=1)
    text = text.replace("Arbetsf\\u00f6rmedlingen", "AF \\ud800")
    path.write_text(text + "\n", encoding="utf-8")


@case(
    file="json_quality_as_text.json",
    what="quality written as the word 'god' in JSON",
    exit=2,
    level="error",
    sv=["här ska stå ett heltal"],
    en=["expected an integer here"],
    sheet="contacts",
    row=2,
    column="quality",
    rows=5,
    rejected=1,
)
def _json_quality_text(path: Path) -> None:
    write_json(path, json_map(contacts=contact_with(quality="god")))


@case(
    file="json_future_schema.json",
    what="an export from a newer Samverkanskartan (schema version 9)",
    exit=2,
    level="error",
    sv=["schemaversion 9"],
    en=["schema version 9"],
    column="schema",
)
def _json_future(path: Path) -> None:
    write_json(path, json_map(schema="samverkanskartan/9"))


@case(
    file="json_blank_name.json",
    what="an actor whose name is only spaces (a blank required cell in the workbook)",
    exit=2,
    level="error",
    sv=["får inte vara tomt"],
    en=["must not be blank"],
    sheet="actors",
    row=2,
    column="name",
    rows=4,
    rejected=1,
)
def _json_blank_name(path: Path) -> None:
    document = json_map()
    document["actors"][1]["name"] = "   "
    write_json(path, document)


@case(
    file="json_values_in_range.json",
    what="every scale and count at its ends (quality 1 and 5, collaboration 0 and 5, 0 per year)",
    exit=0,
    level="ok",
    rows=5,
    rejected=0,
)
def _json_in_range(path: Path) -> None:
    rows = [
        {"id": "k1", "actor_a": "kavlinge", "actor_b": "af", "quality": 1, "collaboration": 0},
        {
            "id": "k2",
            "actor_a": "lomma",
            "actor_b": "af",
            "quality": 5,
            "collaboration": 5,
            "frequency_per_year": 0,
        },
    ]
    write_json(path, json_map(contacts=rows))


# === Round three: an outside tester's inputs (identity edge cases, invisible characters …) ====

DIFFERS_SV, DIFFERS_EN = (
    "värdet skiljer sig från samma post",
    "the value differs from the same entry",
)


def actor_row(fact_id: Any, name: Any, kind: str = "kommun") -> list[Any]:
    return [fact_id, name, kind, None, None, None, None]


def _invisible_case(file: str, what: str, char: str) -> None:
    """Lomma written twice, once with an invisible character: one actor, the difference
    named where it stands, and a contact naming either spelling finds it."""

    def build(path: Path) -> None:
        rows = [*ACTORS, actor_row(None, f"Lomma{char} kommun{char}")]
        save(
            path,
            contacts(["Lomma kommun", "AF", "operativ", "vuxna", "svag", None, None])
            | {"Aktörer": rows},
        )

    case(
        file=file,
        what=what,
        exit=0,
        level="warning",
        sv=[DIFFERS_SV],
        en=[DIFFERS_EN],
        sheet="Aktörer",
        row=5,
        column="B",
        rows=5,
        rejected=0,
    )(build)


for _file, _what, _char in (
    (
        "name_zero_width_space.xlsx",
        "a zero-width space in a name (was a second, identical-looking actor)",
        "\u200b",
    ),
    ("name_soft_hyphen.xlsx", "a soft hyphen in a name, invisible in Excel", "\u00ad"),
    (
        "name_byte_order_mark.xlsx",
        "a byte order mark inside a name, pasted from a text file",
        "\ufeff",
    ),
    (
        "name_direction_mark.xlsx",
        "a right-to-left mark in a name, pasted from a web page",
        "\u200f",
    ),
):
    _invisible_case(_file, _what, _char)


@case(
    file="id_zero_width_space.xlsx",
    what="an ID with a zero-width space beside the same ID without (was two actors)",
    exit=0,
    level="warning",
    sv=["samma ID 'lomma"],
    en=["the same ID 'lomma"],
    sheet="Aktörer",
    row=5,
    column="A",
    rows=4,
    rejected=0,
)
def _id_zero_width(path: Path) -> None:
    save(path, {"Aktörer": [*ACTORS, actor_row("lomma\u200b", "Lomma stad")]})


@case(
    file="header_zero_width_space.xlsx",
    what="the header Namn with a zero-width space (was 'required column missing')",
    exit=0,
    level="ok",
    rows=1,
    rejected=0,
)
def _header_zero_width(path: Path) -> None:
    save(path, {"Aktörer": [["ID", "Namn\u200b", "Typ"], [None, "Lomma kommun", "kommun"]]})


# JSON written by hand carries no provenance: what merge says about it was located at '?'.

_json_case(
    "json_hand_written_duplicate_id.json",
    "two contacts with one id in a hand-written JSON (the error was located at '?')",
    json_map(contacts=[*contact_with(), {"id": "k2", "actor_a": "kavlinge", "actor_b": "lomma"}]),
    exit=2,
    level="error",
    sv=["id 'k2' finns redan med annat innehåll"],
    en=["id 'k2' already exists with other content"],
    sheet="contacts",
    row=3,
    column="id",
    rows=6,
    rejected=1,
)
_json_case(
    "json_hand_written_dangling.json",
    "a contact to an actor the JSON does not hold (the error was located at '?')",
    json_map(contacts=[{"id": "k1", "actor_a": "kavlinge", "actor_b": "malmo"}]),
    exit=2,
    level="error",
    sv=["'malmo' finns inte i kartan"],
    en=["'malmo' is not in the map"],
    sheet="contacts",
    row=1,
    column="actor_b",
    rows=4,
    rejected=1,
)
_json_case(
    "json_hand_written_self_contact.json",
    "a contact from an actor to itself, by id and by alias-like case (was located at '?')",
    json_map(contacts=[{"id": "k1", "actor_a": "af", "actor_b": "AF"}]),
    exit=0,
    level="warning",
    sv=["kontakten går från 'Arbetsförmedlingen' till 'Arbetsförmedlingen' själv"],
    en=["the contact goes from 'Arbetsförmedlingen' to 'Arbetsförmedlingen' itself"],
    sheet="contacts",
    row=1,
    column="actor_b",
    rows=4,
    rejected=0,
)
_json_case(
    "json_ids_differ_in_case.json",
    "ids 'AF' and 'af' with different names: one id (ids compare without case), warned",
    json_map(
        actors=[
            *json_map()["actors"],
            {"id": "AF", "name": "AF Lund", "kind": "kontor"},
        ]
    ),
    exit=0,
    level="warning",
    sv=["samma ID 'af' används för 'AF Lund' och 'Arbetsförmedlingen'"],
    en=["the same ID 'af' is used for 'AF Lund' and 'Arbetsförmedlingen'"],
    sheet="actors",
    row=4,
    column="id",
    rows=5,
    rejected=0,
)


def _json_constant_case(file: str, constant: str) -> None:
    def build(path: Path) -> None:
        text = json.dumps(json_map(contacts=contact_with(quality=3)), indent=1)
        path.write_text(text.replace('"quality": 3', '"quality": ' + constant) + "\n", "utf-8")

    case(
        file=file,
        what=f"{constant} as a quality (Python reads it; the message said 'tecken None')",
        exit=2,
        level="error",
        sv=[f"talet {constant}", "som inget fält kan hålla"],
        en=[f"the number {constant}", "which no field can hold"],
        row=31,
    )(build)


_json_constant_case("json_nan.json", "NaN")
_json_constant_case("json_minus_infinity.json", "-Infinity")


HEADLESS_SV = "står i en kolumn utan rubrik och läses inte"
HEADLESS_EN = "stands in a column without a header and is not read"


@case(
    file="value_without_header.xlsx",
    what="a note typed right of the table, under no header (was dropped in silence)",
    exit=0,
    level="warning",
    sv=["värdet 'stängs 2018' " + HEADLESS_SV],
    en=["the value 'stängs 2018' " + HEADLESS_EN],
    sheet="Aktörer",
    row=3,
    column="I",
    rows=3,
    rejected=0,
)
def _value_without_header(path: Path) -> None:
    rows = [row[:] for row in ACTORS]
    rows[2] = [*rows[2], None, "stängs 2018"]
    save(path, {"Aktörer": rows})


KUMU_ELEMENTS = [["Label", "Type"], ["A", "kommun"], ["B", "kommun"]]
KUMU_CONNECTIONS = [["From", "To"], ["A", "B"]]


@case(
    file="kumu_value_without_header.xlsx",
    what="a Kumu element with a value under a blank header (was dropped in silence)",
    exit=0,
    level="warning",
    sv=["värdet 'viktig' " + HEADLESS_SV],
    en=["the value 'viktig' " + HEADLESS_EN],
    sheet="Elements",
    row=3,
    column="D",
    rows=3,
    rejected=0,
)
def _kumu_value_without_header(path: Path) -> None:
    elements = [row[:] for row in KUMU_ELEMENTS]
    elements[2] = [*elements[2], None, "viktig"]
    save(path, {"Elements": elements, "Connections": KUMU_CONNECTIONS})


@case(
    file="kumu_repeated_label_column.xlsx",
    what="two Label columns in Kumu elements: the second was ignored in silence",
    exit=0,
    level="warning",
    sv=["kolumnen 'Label' finns två gånger"],
    en=["column 'Label' appears twice"],
    sheet="Elements",
    row=1,
    column="C",
    rows=3,
    rejected=0,
)
def _kumu_repeated_label(path: Path) -> None:
    elements = [["Label", "Type", "Label"], ["A", "kommun", "Ett"], ["B", "kommun", "Två"]]
    save(path, {"Elements": elements, "Connections": KUMU_CONNECTIONS})


@case(
    file="kumu_blueprint_empty_element.json",
    what="an element without any attribute in a Kumu blueprint (was skipped, not counted)",
    exit=2,
    level="error",
    sv=["'Label' måste fyllas i"],
    en=["'Label' must be filled in"],
    sheet="elements",
    row=2,
    column="label",
    rows=3,
    rejected=1,
)
def _kumu_empty_element(path: Path) -> None:
    elements = [{"attributes": {"label": "A"}}, {"attributes": {}}]
    write_json(path, {"elements": elements, "connections": [{"from": "A", "to": "A"}]})


@case(
    file="kumu_blueprint_connection_as_text.json",
    what="a connection written as the text 'A->B' in a blueprint (was skipped in silence)",
    exit=2,
    level="error",
    sv=["'From' måste fyllas i"],
    en=["'From' must be filled in"],
    sheet="connections",
    row=1,
    column="from",
    rows=3,
    rejected=1,
)
def _kumu_connection_as_text(path: Path) -> None:
    elements = [{"attributes": {"label": "A"}}, {"attributes": {"label": "B"}}]
    write_json(path, {"elements": elements, "connections": ["A->B"]})


@case(
    file="kumu_several_ends_and_a_taken_id.xlsx",
    what="connection c1 from A to B|C beside a connection with the id c1-2 (was rejected)",
    exit=0,
    level="ok",
    rows=5,
    rejected=0,
)
def _kumu_several_ends(path: Path) -> None:
    elements = [*KUMU_ELEMENTS, ["C", "kommun"]]
    connections = [["ID", "From", "To"], ["c1", "A", "B|C"], ["c1-2", "B", "C"]]
    save(path, {"Elements": elements, "Connections": connections})


@case(
    file="sheet_title_decomposed.xlsx",
    what="the tab Aktörer titled in decomposed Unicode (was 'none of our sheets')",
    exit=0,
    level="ok",
    rows=3,
    rejected=0,
)
def _sheet_title_decomposed(path: Path) -> None:
    save(path, {unicodedata.normalize("NFD", "Aktörer"): ACTORS})


TWO_CONTACTS = contacts(GOOD_CONTACT, ["Lomma kommun", "AF", "strategisk", None, "god", None, None])


@case(
    file="hidden_rows.xlsx",
    what="a contact in a row hidden in Excel (by a filter): read, but nobody checking sees it",
    exit=0,
    level="warning",
    sv=["dolda rader i Excel (för hand eller av ett filter): 3; de läses ändå"],
    en=["rows hidden in Excel (by hand or by a filter): 3; they are read anyway"],
    sheet="Kontakter",
    row=3,
    rows=5,
    rejected=0,
)
def _hidden_rows(path: Path) -> None:
    path.write_bytes(
        with_sheet_xml(
            TWO_CONTACTS, lambda xml: xml.replace(b'<row r="3"', b'<row r="3" hidden="1"'), 2
        )
    )


@case(
    file="hidden_column.xlsx",
    what="the column Kvalitet hidden in Excel: read, but nobody checking sees it",
    exit=0,
    level="warning",
    sv=["dolda kolumner i Excel: E; de läses ändå"],
    en=["columns hidden in Excel: E; they are read anyway"],
    sheet="Kontakter",
    column="E",
    rows=5,
    rejected=0,
)
def _hidden_column(path: Path) -> None:
    hide = b'<cols><col min="5" max="5" width="0" hidden="1" customWidth="1"/></cols><sheetData>'
    path.write_bytes(with_sheet_xml(TWO_CONTACTS, lambda xml: xml.replace(b"<sheetData>", hide), 2))


@case(
    file="row_number_twice.xlsx",
    what="two row tags numbered 3 (a script's file): calamine kept the last, the first was lost",
    exit=2,
    level="error",
    sv=["raden står två gånger i bladets XML"],
    en=["the row stands twice in the sheet's XML"],
    sheet="Kontakter",
    row=3,
    rows=5,
    rejected=0,
)
def _row_number_twice(path: Path) -> None:
    def twice(xml: bytes) -> bytes:
        row = re.search(rb'<row r="3".*?</row>', xml, re.S)
        assert row is not None
        first = row[0].replace(b"Lomma kommun", b"K\xc3\xa4vlinge kommun")
        return xml.replace(row[0], first + row[0])

    path.write_bytes(with_sheet_xml(TWO_CONTACTS, twice, 2))


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), content)
    return out.getvalue()


@case(
    file="opendocument_renamed.xlsx",
    what="a LibreOffice .ods renamed to .xlsx (was 'damaged: File not found _rels/.rels')",
    exit=2,
    level="error",
    sv=["Filen är ett OpenDocument-dokument (LibreOffice) med namnet .xlsx"],
    en=["The file is an OpenDocument file (LibreOffice) named .xlsx"],
)
def _opendocument(path: Path) -> None:
    mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    path.write_bytes(zip_bytes({"mimetype": mimetype, "content.xml": "<document-content/>"}))


@case(
    file="word_renamed.xlsx",
    what="a Word document renamed to .xlsx (was 'damaged')",
    exit=2,
    level="error",
    sv=["Filen är ett Word-dokument med namnet .xlsx"],
    en=["The file is a Word document named .xlsx"],
)
def _word(path: Path) -> None:
    path.write_bytes(zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<d/>"}))


@case(
    file="zip_of_workbooks.xlsx",
    what="a zip of interview workbooks named .xlsx (was 'damaged')",
    exit=2,
    level="error",
    sv=["zip-arkiv med arbetsböcker i (t.ex. intervju.xlsx)"],
    en=["zip archive holding workbooks (e.g. intervju.xlsx)"],
)
def _zip_of_workbooks(path: Path) -> None:
    path.write_bytes(zip_bytes({"intervju.xlsx": workbook_bytes(contacts(GOOD_CONTACT))}))


def _rewrite_all(data: bytes, edit: Callable[[str, bytes], bytes]) -> bytes:
    """The same zip with every member passed through `edit(name, content)`."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {
            item.filename: edit(item.filename, source.read(item)) for item in source.infolist()
        }
    return zip_bytes(members)  # type: ignore[arg-type]


STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


@case(
    file="strict_ooxml.xlsx",
    what="a workbook saved as 'Strict Open XML' (other namespaces): read like any other",
    exit=0,
    level="ok",
    rows=5,
    rejected=0,
)
def _strict(path: Path) -> None:
    def strict(_name: str, content: bytes) -> bytes:
        for transitional, strict_namespace in STRICT.items():
            content = content.replace(transitional, strict_namespace)
        return content

    path.write_bytes(_rewrite_all(workbook_bytes(TWO_CONTACTS), strict))


def _quality_cell(replacement: bytes) -> Callable[[bytes], bytes]:
    """An edit that puts `replacement` where the second contact's Kvalitet (E3) stands."""

    def edit(xml: bytes) -> bytes:
        return re.sub(rb'<c r="E3" t="inlineStr"><is><t>[^<]*</t></is></c>', replacement, xml)

    return edit


for _file, _what, _cell, _spec in (
    (
        "shared_formula_without_result.xlsx",
        "a shared formula whose follower cell holds no saved result (would read as blank)",
        b'<c r="E3" t="str"><f t="shared" si="0"/></c>',
        {
            "exit": 2,
            "level": "error",
            "sv": ["formel utan sparat resultat"],
            "en": ["formula"],
            "rejected": 1,
        },
    ),
    (
        "shared_formula_with_result.xlsx",
        "a shared formula with its saved result, as Excel writes it",
        b'<c r="E3" t="str"><f t="shared" si="0"/><v>svag</v></c>',
        {"exit": 0, "level": "ok", "rejected": 0},
    ),
    (
        "date_cell_in_a_choice_column.xlsx",
        "an ISO date cell (t=d) in Kvalitet",
        b'<c r="E3" t="d"><v>2017-02-01T00:00:00</v></c>',
        {
            "exit": 2,
            "level": "error",
            "sv": ["'2017-02-01' är inte ett tillåtet värde för Kvalitet"],
            "en": ["'2017-02-01' is not an allowed value"],
            "rejected": 1,
        },
    ),
):
    _where = {"sheet": "Kontakter", "row": 3, "column": "E"} if _spec["level"] != "ok" else {}

    def _build(path: Path, cell: bytes = _cell) -> None:
        path.write_bytes(with_sheet_xml(TWO_CONTACTS, _quality_cell(cell), 2))

    case(file=_file, what=_what, rows=5, **_where, **_spec)(_build)


def _one_event_on(day: str) -> Builder:
    def build(path: Path) -> None:
        save(path, {"Aktörer": ACTORS, "Händelser": [EVENTS_HEADER, [day, "stängning", "AF", "x"]]})

    return build


NO_DATE_SV, NO_DATE_EN = "är inget datum", "is not a date"
for _file, _day, _ok in (
    ("date_with_time_as_text.xlsx", "2017-02-01 00:00", False),
    ("date_with_t_as_text.xlsx", "2017-02-01T10:00", False),
    ("date_day_slash_month.xlsx", "1/2 2017", True),  # day first, as Swedes write it
    ("date_with_dots.xlsx", "1.2.2017", True),
    ("date_31_february_day_first.xlsx", "31/2 2017", False),
    ("date_month_13_day_first.xlsx", "13/13 2017", False),
    ("date_month_first.xlsx", "12/31/2017", False),  # slashes around the month: ambiguous
    ("date_eight_digits.xlsx", "20170201", False),
    ("date_den_1_februari.xlsx", "den 1 februari 2017", False),
    ("date_1_feb_dot.xlsx", "1 feb. 2017", True),
    ("date_capital_month.xlsx", "1 Februari 2017", True),
    ("date_nbsp_between_words.xlsx", "1\u00a0februari\u00a02017", True),
    ("date_month_unpadded.xlsx", "2017-2-1", True),
):
    case(
        file=_file,
        what=f"Datum '{_day}' typed as text in Händelser",
        exit=0 if _ok else 2,
        level="ok" if _ok else "error",
        sv=[] if _ok else [f"'{_day}' {NO_DATE_SV}"],
        en=[] if _ok else [f"'{_day}' {NO_DATE_EN}"],
        sheet=None if _ok else "Händelser",
        row=None if _ok else 2,
        column=None if _ok else "A",
        rows=4,
        rejected=0 if _ok else 1,
    )(_one_event_on(_day))


def _actors_case(file: str, what: str, rows: list[list[Any]], **spec: Any) -> None:
    def build(path: Path) -> None:
        save(path, {"Aktörer": [ACTORS_HEADER, *rows]})

    case(file=file, what=what, rows=len(rows), **spec)(build)


_actors_case(
    "ids_1_and_01.xlsx",
    "the IDs 1 (a number) and '01' (text): two ids, two actors",
    [actor_row(1, "Ett"), actor_row("01", "Noll ett")],
    exit=0,
    level="ok",
    rejected=0,
)
_actors_case(
    "ids_1_and_1_0.xlsx",
    "the ID 1 as a number and 1.0 as text: '1' and '1.0' are two ids",
    [actor_row(1, "Ett"), actor_row("1.0", "Ett komma noll")],
    exit=0,
    level="ok",
    rejected=0,
)
_actors_case(
    "ids_differ_in_case.xlsx",
    "IDs 'Lomma' and 'lomma' for two names: one id (ids compare without case), warned",
    [actor_row("Lomma", "Lomma kommun"), actor_row("lomma", "Lomma stad")],
    exit=0,
    level="warning",
    sv=["samma ID 'Lomma' används för 'Lomma stad' och 'Lomma kommun'"],
    en=["the same ID 'Lomma' is used for 'Lomma stad' and 'Lomma kommun'"],
    sheet="Aktörer",
    row=3,
    column="A",
    rejected=0,
)
_actors_case(
    "id_with_nbsp.xlsx",
    "the ID 'lomma' with a trailing no-break space: the same id",
    [actor_row("lomma\u00a0", "Lomma kommun"), actor_row("lomma", "Lomma kommun")],
    exit=0,
    level="ok",
    rejected=0,
)
_actors_case(
    "same_name_two_ids.xlsx",
    "Socialtjänsten with the IDs s-lomma and s-kavlinge: two actors, warned",
    [actor_row("s-lomma", "Socialtjänsten"), actor_row("s-kavlinge", "Socialtjänsten")],
    exit=0,
    level="warning",
    sv=["samma namn 'Socialtjänsten' har olika ID"],
    en=["the same name 'Socialtjänsten' has different IDs"],
    sheet="Aktörer",
    row=2,
    column="B",
    rejected=0,
)
for _file, _what, _first, _second in (
    (
        "name_sharp_s_and_ss.xlsx",
        "Straße and Strasse (one name once case-folded)",
        "Straße",
        "Strasse",
    ),
    ("name_ligature.xlsx", "'ﬁnsam' with the fi ligature and 'finsam'", "ﬁnsam", "finsam"),
    (
        "name_decomposed_twice.xlsx",
        "Kävlinge kommun once composed and once decomposed",
        "Kävlinge kommun",
        unicodedata.normalize("NFD", "Kävlinge kommun"),
    ),
):
    _actors_case(
        _file,
        _what + ": one actor, the other spelling warned where it stands",
        [actor_row(None, _first), actor_row(None, _second)],
        exit=0,
        level="warning",
        sv=[DIFFERS_SV],
        en=[DIFFERS_EN],
        sheet="Aktörer",
        row=3,
        column="B",
        rejected=0,
    )
_actors_case(
    "name_turkish_i.xlsx",
    "İzmir, Izmir and ızmir: dotted and dotless i stay different letters (three actors)",
    [actor_row(None, "İzmir"), actor_row(None, "Izmir"), actor_row(None, "ızmir")],
    exit=0,
    level="ok",
    rejected=0,
)
_actors_case(
    "name_right_to_left.xlsx",
    "names in Arabic and Hebrew (right-to-left) with distinct readable ids",
    [actor_row(None, "القاهرة"), actor_row(None, "תל אביב"), actor_row(None, "Lomma kommun")],
    exit=0,
    level="ok",
    rejected=0,
)


@case(
    file="sheets_in_reverse_order.xlsx",
    what="Kontakter before Aktörer in the workbook",
    exit=0,
    level="ok",
    rows=4,
    rejected=0,
)
def _reverse_sheets(path: Path) -> None:
    save(path, {"Kontakter": [CONTACTS_HEADER, GOOD_CONTACT], "Aktörer": ACTORS})


@case(
    file="swedish_and_english_header.xlsx",
    what="the columns Namn and Name in one sheet: the same field twice",
    exit=2,
    level="error",
    sv=["kolumnen 'Name' finns två gånger"],
    en=["column 'Name' appears twice"],
    sheet="Aktörer",
    row=1,
    column="D",
    rows=1,
    rejected=0,
)
def _swedish_and_english(path: Path) -> None:
    save(
        path, {"Aktörer": [["ID", "Namn", "Typ", "Name"], [None, "Lomma kommun", "kommun", "Lund"]]}
    )


for _file, _cell in (
    ("formatted_cell_at_the_last_row.xlsx", "A1048576"),
    ("formatted_cell_at_xfd1048576.xlsx", "XFD1048576"),
):

    def _formatted(path: Path, cell: str = _cell) -> None:
        far = f'<row r="1048576"><c r="{cell}" s="0"/></row></sheetData>'.encode()
        path.write_bytes(
            with_sheet_xml(TWO_CONTACTS, lambda xml: xml.replace(b"</sheetData>", far), 2)
        )

    case(
        file=_file,
        what=f"an empty, formatted cell at {_cell} (Ctrl+End lands there): was refused as a huge grid",
        exit=0,
        level="ok",
        rows=5,
        rejected=0,
    )(_formatted)


_actors_case(
    "ids_only_invisible.xlsx",
    "two actors whose ID cells hold only a zero-width space (were merged under the id '')",
    [actor_row("\u200b", "Alfa"), actor_row("\u200b", "Beta")],
    exit=0,
    level="ok",
    rejected=0,
)
_actors_case(
    "name_only_invisible.xlsx",
    "a Namn cell holding only a zero-width space (was an actor without a visible name)",
    [actor_row(None, "\u200b"), actor_row(None, "Beta")],
    exit=2,
    level="error",
    sv=["'Namn' måste fyllas i"],
    en=["'Namn' must be filled in"],
    sheet="Aktörer",
    row=2,
    column="B",
    rejected=1,
)
_json_case(
    "json_id_only_invisible.json",
    "an actor id of only a zero-width space in JSON (was the id '', merging with any other)",
    json_map(actors=[*json_map()["actors"], {"id": "\u200b", "name": "Malmö stad"}]),
    exit=2,
    level="error",
    sv=["får inte vara tomt"],
    en=["must not be blank"],
    sheet="actors",
    row=4,
    column="id",
    rows=5,
    rejected=1,
)


def _kumu_case(
    file: str, what: str, elements: list[list[Any]], links: list[list[Any]], **spec: Any
) -> None:
    def build(path: Path) -> None:
        save(path, {"Elements": elements, "Connections": links})

    case(file=file, what=what, **spec)(build)


_ID_ELEMENTS = [["ID", "Label", "Type"], ["e1", "A", "kommun"]]
_kumu_case(
    "kumu_loop.xlsx",
    "a Kumu connection from an element to itself",
    KUMU_ELEMENTS,
    [["From", "To"], ["A", "A"]],
    exit=0,
    level="warning",
    sv=["kontakten går från 'A' till 'A' själv"],
    en=["the contact goes from 'A' to 'A' itself"],
    sheet="Connections",
    row=2,
    column="B",
    rows=3,
    rejected=0,
)
_kumu_case(
    "kumu_direction_in_capitals.xlsx",
    "Direction 'Directed' (Kumu wants lowercase): kept as an attribute, warned",
    KUMU_ELEMENTS,
    [["From", "To", "Direction"], ["A", "B", "Directed"]],
    exit=0,
    level="warning",
    sv=["'Directed' är ingen riktning"],
    en=["'Directed' is not a direction"],
    sheet="Connections",
    row=2,
    column="C",
    rows=3,
    rejected=0,
)
_kumu_case(
    "kumu_same_label_two_ids.xlsx",
    "two elements labelled A with the IDs e1 and e2; a connection naming 'A'",
    [*_ID_ELEMENTS, ["e2", "A", "kommun"]],
    [["From", "To"], ["e1", "e2"], ["A", "e2"]],
    exit=2,
    level="error",
    sv=["'A' är namnet på flera element; använd deras ID"],
    en=["'A' is the label of several elements; use their ID"],
    sheet="Connections",
    row=3,
    column="A",
    rows=4,
    rejected=1,
)
_kumu_case(
    "kumu_connection_to_unknown_label.xlsx",
    "a connection to the label C that no element has",
    KUMU_ELEMENTS,
    [["From", "To"], ["A", "C"]],
    exit=2,
    level="error",
    sv=["'C' finns inte i kartan"],
    en=["'C' is not in the map"],
    sheet="Connections",
    row=2,
    column="B",
    rows=3,
    rejected=1,
)
_kumu_case(
    "kumu_element_without_label.xlsx",
    "an element row with a Type but no Label",
    [*KUMU_ELEMENTS, [None, "kommun"]],
    KUMU_CONNECTIONS,
    exit=2,
    level="error",
    sv=["'Label' måste fyllas i"],
    en=["'Label' must be filled in"],
    sheet="Elements",
    row=4,
    column="A",
    rows=4,
    rejected=1,
)
_kumu_case(
    "kumu_ids_differ_in_case.xlsx",
    "element IDs e1 and E1 for two labels: one id (ids compare without case), warned",
    [*_ID_ELEMENTS, ["E1", "B", "kommun"]],
    [["From", "To"], ["e1", "E1"]],
    exit=0,
    level="warning",
    sv=["samma ID 'e1' används för 'B' och 'A'"],
    en=["the same ID 'e1' is used for 'B' and 'A'"],
    sheet="Elements",
    row=3,
    rows=3,
    rejected=0,
)
_kumu_case(
    "kumu_label_decomposed.xlsx",
    "the label Kävlinge once composed, once decomposed: one element",
    [
        ["Label", "Type"],
        ["Kävlinge", "kommun"],
        [unicodedata.normalize("NFD", "Kävlinge"), "kommun"],
    ],
    [["From", "To"], ["Kävlinge", "Kävlinge"]],
    exit=0,
    level="warning",
    sv=[DIFFERS_SV],
    en=[DIFFERS_EN],
    sheet="Elements",
    row=3,
    column="A",
    rows=3,
    rejected=0,
)


@case(
    file="json_utf16.json",
    what="a JSON export saved as UTF-16 by a Windows editor",
    exit=2,
    level="error",
    sv=["Filen är inte UTF-8-kodad"],
    en=["The file is not UTF-8 encoded"],
)
def _json_utf16(path: Path) -> None:
    path.write_bytes(json.dumps(json_map(), ensure_ascii=False).encode("utf-16"))


@case(
    file="json_byte_order_mark.json",
    what="a JSON export with a UTF-8 byte order mark (Notepad)",
    exit=0,
    level="ok",
    rows=4,
    rejected=0,
)
def _json_bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(json_map(), ensure_ascii=False).encode())


_json_case(
    "json_id_as_number.json",
    "an actor id written as the number 1",
    json_map(actors=[*json_map()["actors"], {"id": 1, "name": "Ett"}]),
    exit=2,
    level="error",
    sv=["här ska stå en text"],
    en=["expected a string here"],
    sheet="actors",
    row=4,
    column="id",
    rows=5,
    rejected=1,
)
_json_case(
    "json_actors_not_a_list.json",
    "actors written as one object instead of a list",
    json_map(actors={"id": "a", "name": "Alfa"}, contacts=[]),
    exit=2,
    level="error",
    sv=["här ska stå en lista"],
    en=["expected a list here"],
    sheet="actors",
    rows=0,
    rejected=0,
)


@case(
    file="json_trailing_data.json",
    what="a second JSON document after the first (JSON Lines saved as .json)",
    exit=2,
    level="error",
    sv=["Filen är ingen giltig JSON"],
    en=["The file is not valid JSON"],
    row=2,
)
def _json_trailing(path: Path) -> None:
    text = json.dumps(json_map(), ensure_ascii=False)
    path.write_text(text + "\n" + text + "\n", encoding="utf-8")


for _file, _what, _text, _key in (
    (
        "kumu_blueprint_elements_twice.json",
        "two 'elements' arrays in a Kumu blueprint (the first was dropped in silence)",
        '{"elements": [{"attributes": {"label": "A"}}], "elements": [{"attributes": {"label": "B"}}], "connections": []}',
        "elements",
    ),
    (
        "kumu_blueprint_label_twice.json",
        "an element with 'label' twice in a Kumu blueprint (the first was dropped in silence)",
        '{"elements": [{"attributes": {"label": "A", "label": "B"}}], "connections": []}',
        "label",
    ),
):

    def _blueprint(path: Path, text: str = _text) -> None:
        path.write_text(text + "\n", encoding="utf-8")

    case(
        file=_file,
        what=_what,
        exit=2,
        level="error",
        sv=[f"nyckeln '{_key}' " + DUPLICATE_SV],
        en=[f"the key '{_key}' " + DUPLICATE_EN],
        column=_key,
    )(_blueprint)


@case(
    file="kumu_row_number_twice.xlsx",
    what="two row tags numbered 3 in a Kumu Connections sheet: the first connection was lost",
    exit=2,
    level="error",
    sv=["raden står två gånger i bladets XML"],
    en=["the row stands twice in the sheet's XML"],
    sheet="Connections",
    row=3,
    column="A",
    rows=5,
    rejected=1,
)
def _kumu_row_number_twice(path: Path) -> None:
    def twice(xml: bytes) -> bytes:
        row = re.search(rb'<row r="3".*?</row>', xml, re.S)
        assert row is not None
        return xml.replace(row[0], row[0].replace(b">B<", b">C<") + row[0])

    elements = [*KUMU_ELEMENTS, ["C", "kommun"]]
    links = [["From", "To"], ["A", "B"], ["B", "C"]]
    path.write_bytes(with_sheet_xml({"Elements": elements, "Connections": links}, twice, 2))


@case(
    file="kumu_hidden_rows.xlsx",
    what="a Kumu connection in a row hidden by a filter: read, but nobody checking sees it",
    exit=0,
    level="warning",
    sv=["dolda rader i Excel (för hand eller av ett filter): 3; de läses ändå"],
    en=["rows hidden in Excel (by hand or by a filter): 3; they are read anyway"],
    sheet="Connections",
    row=3,
    rows=5,
    rejected=0,
)
def _kumu_hidden_rows(path: Path) -> None:
    elements = [*KUMU_ELEMENTS, ["C", "kommun"]]
    links = [["From", "To"], ["A", "B"], ["B", "C"]]

    def hide(xml: bytes) -> bytes:
        return xml.replace(b'<row r="3"', b'<row r="3" hidden="1"')

    path.write_bytes(with_sheet_xml({"Elements": elements, "Connections": links}, hide, 2))


def build(directory: Path = BAD) -> list[Case]:
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.iterdir():
        if old.is_file():
            old.unlink()
    cases = []
    for spec, builder in CASES:
        builder(directory / spec.file)
        cases.append(spec)
    manifest = [asdict(c) for c in cases]
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    (directory / "cases.json").write_text(text, encoding="utf-8")
    return cases


if __name__ == "__main__":
    written = build(Path(sys.argv[1]) if len(sys.argv) > 1 else BAD)
    print(f"{len(written)} cases written to {BAD if len(sys.argv) == 1 else sys.argv[1]}")
