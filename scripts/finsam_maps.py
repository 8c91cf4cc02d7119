"""Write the workbooks of the maps built from public Finsam material (funding, projects, members).

    .venv/bin/python scripts/finsam_maps.py

Every row cites its source (the Källa column, or the source a map's README names); the
sources are public documents found with the project's search tool, listed in each map's
README.md. The workbooks are committed; this script is how they were written, so a row can
be corrected here and the workbook written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
Rows = list[list[Any]]

# The rows are data, one fact a line: the formatter leaves them as written.
# fmt: off
SOURCES = ["ID", "Titel", "Typ", "Datum", "Aktör", "Referens"]
ACTORS = ["ID", "Namn", "Typ", "Tillhör", "Alias", "Ägare", "Mottagare", "Gäller från", "Gäller till och med", "Beskrivning", "Källa", "Egenskaper"]
PERSONS = ["Namn", "Roll", "Aktör", "Antal", "Beskrivning", "Källa"]
FUNDING = ["ID", "Typ", "Finansiär", "Mottagare", "Belopp", "Valuta", "Andel", "Status", "Gäller från", "Gäller till och med", "Beskrivning", "Källa", "Egenskaper"]
CONTACTS = ["ID", "Aktör A", "Aktör B", "Nivå", "Målgrupper", "Status", "Gäller från", "Gäller till och med", "Beskrivning", "Källa"]
EVENTS = ["ID", "Datum", "Typ", "Aktör", "Beskrivning", "Källa"]
FORUMS = ["ID", "Namn", "Nivå", "Medlemmar", "Gäller från", "Beskrivning", "Källa"]


def write(path: Path, sheets: dict[str, Rows]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


# --- the reference map: what the report says about funding and projects ----------------

KAVLINGE_LOMMA: dict[str, Rows] = {
    "Aktörer": [
        ACTORS,
        ["esf-radet", "Svenska ESF-rådet", "myndighet", None, "ESF; ESF-rådet; Europeiska socialfonden", None, None, None, None, "Förvaltar Europeiska socialfonden, som finansierar de ESF-projekt rapporten nämner.", "forandringar-af"],
        ["finsam-aktivitet-over-20", "Finsam-aktivitet för unga vuxna över 20", "projekt", None, None, "Finsam Kävlinge–Lomma", None, None, None, "Förslaget i rapporten: uppsökande verksamhet för unga vuxna över 20 år som 'stannar hemma', en eller två medarbetare i Lomma och Kävlinge. Ännu inte beslutat.", "finsam-aktivitet"],
    ],
    "Personer": [
        PERSONS,
        ["Coacher i ESF-projektet", "coach", "ESF-projekt i AF:s ungdomssektion", 2, "'Två coacher kommer att anställas för detta projekt.'", "forandringar-af"],
        ["Förändringsagenter vid PEAK", "förändringsagent", "Finsam-projekt knutet till PEAK (förändringsagenter)", 2, "'Där jobbar två förändringsagenter med marknadsföring av PEAK.'", "peak"],
    ],
    "Finansiering": [
        FUNDING,
        ["medlem-kavlinge", "medlemskap", "Kävlinge kommun", "Finsam Kävlinge–Lomma", None, None, None, None, None, None, "Förbundet finansieras av sina medlemmar; rapporten anger inga andelar.", "rapport", None],
        ["medlem-lomma", "medlemskap", "Lomma kommun", "Finsam Kävlinge–Lomma", None, None, None, None, None, None, "Som ovan.", "rapport", None],
        ["medlem-af", "medlemskap", "Arbetsförmedlingen", "Finsam Kävlinge–Lomma", None, None, None, None, None, None, "Som ovan.", "rapport", None],
        ["esf-af-ungdom", "finansiering", "Svenska ESF-rådet", "ESF-projekt i AF:s ungdomssektion", None, None, None, "beviljad", "vt 2017", None, "'Under våren kommer ett ESF-projekt att starta' i AF:s ungdomssektion; slutdatum anges inte.", "forandringar-af", None],
        ["esf-peak", "finansiering", "Svenska ESF-rådet", "PEAK Arlöv", None, None, None, "beviljad", None, None, "PEAK i Arlöv är ett ESF-projekt.", "peak", None],
        ["esf-hassela", "finansiering", "Svenska ESF-rådet", "Hassela Movement", None, None, None, "beviljad", None, None, "'I Malmö driver Hassela ESF-projektet Movement.'", "hassela", None],
        ["finsam-over-20", "finansiering", "Finsam Kävlinge–Lomma", "Finsam-aktivitet för unga vuxna över 20", None, None, None, "planerad", None, None, "Förslag: 'Kanske skulle man kunna skapa ett Finsam-projekt kring dessa ungdomar?'", "finsam-aktivitet", "medarbetare=1-2"],
    ],
}

# --- Burlöv: three ESF projects, one implemented ------------------------------------------

BURLOV_SOURCES: Rows = [
    SOURCES,
    ["esf-jobb-for-alla", "ESF-rådets projektbank: Jobb för alla (Förprojektering)", "dokument", None, "Burlövs kommun", "https://www.esf.se/sv/Resultat/Projektbanken/Behallare-for-projekt/Sydsverige/Jobb-for-alla-Forprojektering/"],
    ["esf-samba", "ESF-rådets projektbank: SAMBA-projektet", "dokument", None, "Burlövs kommun", "https://www.esf.se/sv/Resultat/Projektbanken/Behallare-for-projekt/Sydsverige/SAMBA-projektet-/"],
    ["burlovs-nyheter-peak", "Burlövs Nyheter: Att lyckas med implementering", "dokument", "2019-03-15", "Burlövs kommun", "http://burlovsnyheter.se/att-lyckas-med-implementering/"],
]
BURLOV: dict[str, Rows] = {
    "Källor": BURLOV_SOURCES,
    "Aktörer": [
        ACTORS,
        ["burlov", "Burlövs kommun", "kommun", None, "Burlövs Kommun; Burlöv", None, None, None, None, None, "esf-jobb-for-alla"],
        ["ame-burlov", "Arbetsmarknadsenheten Burlöv", "enhet", "Burlövs kommun", None, None, None, None, None, "Där PEAK ingår sedan projektet implementerades.", "burlovs-nyheter-peak"],
        ["af", "Arbetsförmedlingen", "myndighet", None, "AF", None, None, None, None, None, "burlovs-nyheter-peak"],
        ["af-arlov", "Arbetsförmedlingen Arlöv", "kontor", "Arbetsförmedlingen", "AF Arlöv", None, None, None, None, None, "esf-jobb-for-alla"],
        ["fk-mellanskane", "Försäkringskassan Mellanskåne", "kontor", None, None, None, None, None, None, None, "esf-jobb-for-alla"],
        ["region-skane", "Region Skåne", "region", None, None, None, None, None, None, None, "esf-jobb-for-alla"],
        ["hvilan", "Folkhögskolan Hvilan", "skola", None, "Hvilan", None, None, None, None, None, "burlovs-nyheter-peak"],
        ["esf-radet", "Svenska ESF-rådet", "myndighet", None, "ESF; Europeiska socialfonden", None, None, None, None, None, "esf-samba"],
        ["jobb-for-alla", "Jobb för alla (Förprojektering)", "projekt", None, None, "Burlövs kommun", None, "2008-05-15", "2008-11-15", "Förprojektering av ett samverkansprojekt i större skala mot långtidsarbetslöshet och ohälsa.", "esf-jobb-for-alla"],
        ["samba", "SAMBA-projektet", "projekt", None, "SAMBA; Samverkan, bro mot arbete i Burlöv", "Burlövs kommun", None, "2009-05-01", "2012-10-31", "Brobyggande samverkansprojekt: coachning och individanpassade insatser för långtidssjuka och arbetslösa.", "esf-samba", "programområde=2 Ökat arbetskraftsutbud; region=Sydsverige"],
        ["peak", "PEAK", "projekt", None, "Ungas Påverkan och Egenmakt genom Aktiv Kraftsamling", "Burlövs kommun; Arbetsförmedlingen; Folkhögskolan Hvilan", "Arbetsmarknadsenheten Burlöv", "2015", "2018", "'Drev under tre år ESF-projektet PEAK'; '2018 avslutades projektet'. Start 2015 räknad som tre år före 2018.", "burlovs-nyheter-peak"],
    ],
    "Finansiering": [
        FUNDING,
        ["esf-jobb-for-alla", "finansiering", "Svenska ESF-rådet", "Jobb för alla (Förprojektering)", "290 754 kr", "SEK", "64 %", "avslutad", "2008-05-15", "2008-11-15", "Beviljat ESF-stöd 290 754 kr av en total projektbudget på 454 155 kr.", "esf-jobb-for-alla", "total budget=454 155 kr"],
        ["esf-samba", "finansiering", "Svenska ESF-rådet", "SAMBA-projektet", "9 877 786 kr", "SEK", "39,9 %", "beviljad", "2009-05-01", "2012-10-31", "Beviljat ESF-stöd 9 877 786 kr av en total projektbudget på 24 755 856 kr.", "esf-samba", "total budget=24 755 856 kr; programområde=2 Ökat arbetskraftsutbud"],
        ["esf-peak", "finansiering", "Svenska ESF-rådet", "PEAK", None, None, None, "avslutad", None, "2018", "'ESF delfinansierade projektet.'", "burlovs-nyheter-peak", None],
    ],
    "Kontakter": [
        CONTACTS,
        ["samba-af", "SAMBA-projektet", "AF Arlöv", "operativ", "långtidssjuka och arbetslösa", None, "2009-05-01", "2012-10-31", "Arbetsförmedlingen Arlöv ingår bland aktörerna som arbetar med målgrupperna.", "esf-jobb-for-alla"],
        ["samba-fk", "SAMBA-projektet", "Försäkringskassan Mellanskåne", "operativ", "långtidssjuka och arbetslösa", None, "2009-05-01", "2012-10-31", "Som ovan.", "esf-jobb-for-alla"],
        ["samba-region", "SAMBA-projektet", "Region Skåne", "operativ", "långtidssjuka och arbetslösa", None, "2009-05-01", "2012-10-31", "Som ovan.", "esf-jobb-for-alla"],
        ["peak-af", "PEAK", "Arbetsförmedlingen", "operativ", "unga 15–29 år", None, None, None, "Samarbetet fortsätter efter att ESF-projektet är avslutat.", "burlovs-nyheter-peak"],
        ["peak-hvilan", "PEAK", "Folkhögskolan Hvilan", "operativ", "unga 15–29 år", None, None, None, "Som ovan.", "burlovs-nyheter-peak"],
    ],
    "Händelser": [
        EVENTS,
        ["peak-implementeras", "2018", "implementering", "PEAK", "Arbetssättet implementerades i Burlövs kommun; PEAK är en del av Arbetsmarknadsenheten.", "burlovs-nyheter-peak"],
    ],
}

# --- two förbund and their members, one membership handed over ------------------------------

MEMBERS_SOURCES: Rows = [
    SOURCES,
    ["ar-norra-bohuslan-2010", "Samordningsförbundet Norra Bohuslän: Årsredovisning med verksamhetsberättelse 2010", "dokument", "2010", "Samordningsförbundet Norra Bohuslän", "http://docplayer.se/2529957-Arsredovisning-med-tillhorande-verksamhetsberattelse-2010.html"],
    ["ar-umea-2011", "Samordningsförbundet Umeå: Årsredovisning 2011", "dokument", "2011", "Samordningsförbundet Umeå", "http://docplayer.se/14673733-Arsredovisning-samordningsforbundet-umea-organisationsnummer-222000-1834-perioden-2011-01-01-2011-12-31.html"],
]
NORRA_BOHUSLAN = ["Strömstads kommun", "Tanums kommun", "Sotenäs kommun", "Munkedals kommun", "Lysekils kommun"]
UMEA_PROJECTS = ["GIVE", "Mellansteget", "SEsam", "NEPSAM", "Steget vidare", "NAFS", "Supported Employment", "Ungsam", "Ungdomstorget", "MDSS"]


def _member(number: int, member: str, federation: str, source: str, **period: str) -> list[Any]:
    start, end = period.get("start"), period.get("end")
    return [f"m{number}", "medlemskap", member, federation, None, None, None, None, start, end, None, source, None]


def _members_map() -> dict[str, Rows]:
    nb, umea = "Samordningsförbundet Norra Bohuslän", "Samordningsförbundet Umeå"
    actors: Rows = [
        ACTORS,
        ["norra-bohuslan", nb, "samordningsförbund", None, None, None, None, "2006-04-01", None, "Bildat den 1 april 2006 enligt lagen (2003:1210) om finansiell samordning.", "ar-norra-bohuslan-2010"],
        ["umea", umea, "samordningsförbund", None, None, None, None, "maj 2005", None, "Bildat i maj 2005.", "ar-umea-2011"],
        ["af", "Arbetsförmedlingen", "myndighet", None, "AF", None, None, None, None, None, "ar-norra-bohuslan-2010"],
        ["fk", "Försäkringskassan", "myndighet", None, "FK", None, None, None, None, None, "ar-norra-bohuslan-2010"],
        ["fk-vasterbotten", "Försäkringskassan i Västerbotten", "kontor", "Försäkringskassan", None, None, None, None, None, None, "ar-umea-2011"],
        ["vgr", "Västra Götalandsregionen", "region", None, None, None, None, None, None, None, "ar-norra-bohuslan-2010"],
        ["vll", "Västerbottens läns landsting", "region", None, None, None, None, None, None, None, "ar-umea-2011"],
        ["umea-kommun", "Umeå kommun", "kommun", None, None, None, None, None, None, None, "ar-umea-2011"],
        ["lan-vasterbotten", "Länsarbetsnämnden i Västerbotten", "myndighet", None, None, None, None, None, "årsskiftet 2007/2008", "Länsarbetsnämnderna avvecklades vid årsskiftet 2007/2008.", "ar-umea-2011"],
        *[[None, name, "kommun", None, None, None, None, None, None, None, "ar-norra-bohuslan-2010"] for name in NORRA_BOHUSLAN],
        *[[None, name, "projekt", None, None, umea, None, None, None, "Verksamhet finansierad av Samordningsförbundet Umeå under 2011.", "ar-umea-2011"] for name in UMEA_PROJECTS],
    ]
    members = [*NORRA_BOHUSLAN, "Arbetsförmedlingen", "Försäkringskassan", "Västra Götalandsregionen"]
    funding: Rows = [
        FUNDING,
        *[_member(n, m, nb, "ar-norra-bohuslan-2010", start="2006-04-01") for n, m in enumerate(members, 1)],
        _member(20, "Umeå kommun", umea, "ar-umea-2011", start="maj 2005"),
        _member(21, "Västerbottens läns landsting", umea, "ar-umea-2011", start="maj 2005"),
        _member(22, "Försäkringskassan i Västerbotten", umea, "ar-umea-2011", start="maj 2005"),
        _member(23, "Länsarbetsnämnden i Västerbotten", umea, "ar-umea-2011", start="maj 2005", end="årsskiftet 2007/2008"),
        _member(24, "Arbetsförmedlingen", umea, "ar-umea-2011", start="årsskiftet 2007/2008"),
        *[[f"u{n}", "finansiering", umea, name, None, None, None, "beviljad", "2011", "2011", None, "ar-umea-2011", None] for n, name in enumerate(UMEA_PROJECTS, 1)],
    ]
    return {
        "Källor": MEMBERS_SOURCES,
        "Aktörer": actors,
        "Finansiering": funding,
        "Forum": [
            FORUMS,
            ["styrelsen-nb", "Styrelsen Samordningsförbundet Norra Bohuslän", "strategisk", "; ".join(members), "2006-04-01", "Varje part utser en ledamot och en ersättare; 4 ledamöter och 7 ersättare.", "ar-norra-bohuslan-2010"],
        ],
        "Händelser": [
            EVENTS,
            ["af-tar-over", "årsskiftet 2007/2008", "stängning", "Länsarbetsnämnden i Västerbotten", "Arbetsförmedlingen tar över Länsarbetsnämndens plats som ägare till Samordningsförbundet Umeå.", "ar-umea-2011"],
        ],
    }


# fmt: on

TOML = """# Samverkanskartan – projektfil. Se README.md i den här mappen.
[projekt]
namn = "{title}"
"språk" = "sv"
indata = ["*.xlsx"]
utdata = "utdata"
datum = {day}

[regler.time-limited-presence]
horizon_months = 12
"""


def main() -> None:
    write(ROOT / "maps" / "kavlinge-lomma-2017" / "finansiering.xlsx", KAVLINGE_LOMMA)
    burlov = ROOT / "maps" / "burlov-esf-projekt"
    write(burlov / "projekt.xlsx", BURLOV)
    title = "ESF-projekt i Burlöv 2008–2018"
    (burlov / "samverkan.toml").write_text(TOML.format(title=title, day="2012-06-01"), "utf-8")
    members = ROOT / "maps" / "samordningsforbund-medlemmar"
    write(members / "forbund.xlsx", _members_map())
    title = "Två samordningsförbund och deras medlemmar"
    (members / "samverkan.toml").write_text(TOML.format(title=title, day="2011-06-30"), "utf-8")


if __name__ == "__main__":
    main()
