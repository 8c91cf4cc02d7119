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
import random
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

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
    sv=["'kind' skiljer sig från samma post"],
    en=["'kind' differs from the same entry"],
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
