"""The interview workbook: its sheets, columns and allowed values.

One table drives the reader, the template that `samverkan init` writes and the tests that
keep docs/workbook.md honest. Swedish names are canonical; English names are aliases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from samverkan.i18n import Lang
from samverkan.model import (
    COLLABORATION,
    QUALITY,
    Actor,
    ActorKind,
    Choice,
    Contact,
    ContactStatus,
    Event,
    EventKind,
    Fact,
    Forum,
    ForumStatus,
    Funding,
    FundingKind,
    FundingStatus,
    Gap,
    GapKind,
    Level,
    Person,
    Scale,
    Source,
    SourceKind,
    TargetGroup,
    normalise,
)


class Kind(Enum):
    TEXT = "text"
    LIST = "list"  # several values separated by ; (or | or a line break)
    DATE = "date"
    END = "end"  # a date, or a length from the row's start ("2 år")
    NUMBER = "number"
    FREQUENCY = "frequency"  # times a year, or words ("regelbundet")
    COUNT = "count"  # a whole number of people
    HOURS = "hours"  # hours a month ("20 h/månad", "4 h/vecka")
    SHARE = "share"  # per cent
    AMOUNT = "amount"  # money ("650 000 kr", "1,2 mkr")
    CHOICE = "choice"
    ATTRIBUTES = "attributes"  # name=value; name=value


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    english: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: type[Choice] | Scale | None = None
    help: str = ""

    def title(self, lang: Lang) -> str:
        return self.english if lang == "en" else self.header

    def allowed(self, lang: Lang) -> list[str]:
        """The dropdown values, in the user's language."""
        if isinstance(self.choices, Scale):
            return [step.text(lang) for step in self.choices.steps.values()]
        if self.choices is not None:
            return [member.label(lang) for member in self.choices]
        return []


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str
    english: str
    fact: Callable[..., Fact]
    columns: tuple[Column, ...]
    help: str
    named: bool = True  # identity by name (actors, forums …) rather than by row

    def title(self, lang: Lang) -> str:
        return self.english if lang == "en" else self.name


ID = Column("id", "ID", "ID", help="Valfri kort beteckning. Tom = skapas av namnet.")
DESCRIPTION = Column("description", "Beskrivning", "Description", help="Fri text.")
VALID_FROM = Column(
    "valid_from",
    "Gäller från",
    "Valid from",
    Kind.DATE,
    help="När uppgiften börjar gälla: ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM, ÅÅÅÅ, februari 2017, vt 2017, "
    "kv1 2017 eller slutet av 2017. Precisionen sparas.",
)
VALID_TO = Column(
    "valid_to",
    "Gäller till och med",
    "Valid to",
    Kind.END,
    help="Sista dag uppgiften gäller, skrivet som Gäller från, eller en längd från "
    "startdatumet (2 år, 18 månader, tvåårigt). Tom = gäller fortfarande.",
)
SOURCE = Column(
    "source",
    "Källa",
    "Source",
    help="Intervjun eller dokumentet uppgiften kommer från (ID eller titel i bladet Källor).",
)
LEVEL = Column(
    "level",
    "Nivå",
    "Level",
    Kind.CHOICE,
    True,
    Level,
    help="strategisk (ledning, mål, planering) eller operativ (handläggare, ärenden).",
)
TARGET_GROUPS = Column(
    "target_groups",
    "Målgrupper",
    "Target groups",
    Kind.LIST,
    help="En eller flera målgrupper, åtskilda med semikolon.",
)
ATTRIBUTES = Column(
    "attributes",
    "Egenskaper",
    "Properties",
    Kind.ATTRIBUTES,
    help="Fria egenskaper som namn=värde, åtskilda med semikolon, t.ex. förtroende=4; "
    "budget=650 000 kr. Visas i kartans detaljer och följer med vid export.",
)
HOURS_PER_MONTH = Column(
    "hours_per_month",
    "Tidsinsats",
    "Commitment",
    Kind.HOURS,
    help="Tid som läggs, i timmar per månad eller vecka, t.ex. 20 h/månad eller 4 h/vecka.",
)
COMMON = (DESCRIPTION, VALID_FROM, VALID_TO, SOURCE, ATTRIBUTES)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "actors",
        "Aktörer",
        "Actors",
        Actor,
        (
            ID,
            Column(
                "name", "Namn", "Name", required=True, help="Organisationens eller enhetens namn."
            ),
            Column("kind", "Typ", "Kind", Kind.CHOICE, True, ActorKind, help="Vad slags aktör."),
            Column(
                "parent",
                "Tillhör",
                "Part of",
                help="Överordnad aktör (namn eller ID), t.ex. AF:s kontor i Kävlinge → Arbetsförmedlingen.",
            ),
            Column("municipality", "Kommun", "Municipality", help="Kommun eller ort."),
            Column(
                "aliases",
                "Alias",
                "Aliases",
                Kind.LIST,
                help="Andra namn för samma aktör, t.ex. AF; Af. Används när andra blad hänvisar.",
            ),
            Column(
                "other_parents",
                "Tillhör även",
                "Also part of",
                Kind.LIST,
                help="Fler överordnade, t.ex. när tre förbund driver samma insats.",
            ),
            Column(
                "owners",
                "Ägare",
                "Owners",
                Kind.LIST,
                help="För projekt och insatser: en eller flera aktörer som driver dem.",
            ),
            Column(
                "receivers",
                "Mottagare",
                "Receivers",
                Kind.LIST,
                help="För projekt: aktörerna som ska ta över arbetssättet när projektet slutar.",
            ),
            *COMMON,
        ),
        "Organisationer och enheter: kommuner, förvaltningar, myndigheter, kontor, projekt.",
    ),
    Sheet(
        "persons",
        "Personer",
        "Persons",
        Person,
        (
            ID,
            Column("name", "Namn", "Name", required=True, help="Personens namn eller en roll."),
            Column(
                "role", "Roll", "Role", help="Befattning, t.ex. sektionschef, företagsrådgivare."
            ),
            Column("actor", "Aktör", "Actor", help="Var personen arbetar (namn eller ID)."),
            Column(
                "aliases",
                "Alias",
                "Aliases",
                Kind.LIST,
                help="Andra stavningar av namnet, t.ex. Jacob när det står Jakob.",
            ),
            Column(
                "head_count",
                "Antal",
                "Head count",
                Kind.COUNT,
                help="För en roll eller ett team: hur många som har den, t.ex. 4. Tom = en person.",
            ),
            *COMMON,
        ),
        "Personer och roller som bär kontakter. Kan pseudonymiseras vid export.",
    ),
    Sheet(
        "forums",
        "Forum",
        "Forums",
        Forum,
        (
            ID,
            Column("name", "Namn", "Name", required=True, help="Forumets namn, t.ex. SULK."),
            LEVEL,
            Column(
                "members",
                "Medlemmar",
                "Members",
                Kind.LIST,
                True,
                help="Aktörer som deltar, åtskilda med semikolon.",
            ),
            Column("convener", "Sammankallande", "Convener", help="Aktören som kallar."),
            Column(
                "cadence_per_year",
                "Möten per år",
                "Meetings per year",
                Kind.NUMBER,
                help="Antal möten per år, t.ex. 2 eller 2-3.",
            ),
            TARGET_GROUPS,
            Column(
                "status", "Status", "Status", Kind.CHOICE, choices=ForumStatus, help="Tom = aktivt."
            ),
            Column("municipality", "Kommun", "Municipality"),
            Column("last_meeting", "Senaste möte", "Last meeting", Kind.DATE),
            *COMMON,
        ),
        "Återkommande mötesarenor: styrgrupper, samverkansgrupper, nätverk.",
    ),
    Sheet(
        "contacts",
        "Kontakter",
        "Contacts",
        Contact,
        (
            ID,
            Column(
                "actor_a", "Aktör A", "Actor A", required=True, help="Ena parten (namn eller ID)."
            ),
            Column("actor_b", "Aktör B", "Actor B", required=True, help="Andra parten."),
            LEVEL,
            TARGET_GROUPS,
            Column(
                "frequency_per_year",
                "Kontakter per år",
                "Contacts per year",
                Kind.FREQUENCY,
                help="Ett antal (2, 2-3) eller ord: varje vecka, täta kontakter, regelbundet, "
                "ett flertal tillfällen, vid behov …",
            ),
            Column(
                "quality",
                "Kvalitet",
                "Quality",
                Kind.CHOICE,
                choices=QUALITY,
                help="Hur kontakten upplevs, från mycket svag till mycket god (eller 1–5).",
            ),
            Column(
                "collaboration",
                "Samverkansnivå",
                "Collaboration level",
                Kind.CHOICE,
                choices=COLLABORATION,
                help="Freys skala: ingen (0) till integrerad samverkan (5).",
            ),
            Column(
                "carriers",
                "Bärare",
                "Carried by",
                Kind.LIST,
                help="Personer eller roller som bär kontakten, åtskilda med semikolon.",
            ),
            Column("forum", "Forum", "Forum", help="Forumet kontakten sker i, om något."),
            Column(
                "status",
                "Status",
                "Status",
                Kind.CHOICE,
                choices=ContactStatus,
                help="Tom = pågående. En planerad kontakt är bestämd men har inte börjat.",
            ),
            HOURS_PER_MONTH,
            *COMMON,
        ),
        "Arbetsrelationer mellan två aktörer, strategiska eller operativa.",
        named=False,
    ),
    Sheet(
        "target_groups",
        "Målgrupper",
        "Target groups",
        TargetGroup,
        (
            ID,
            Column("name", "Namn", "Name", required=True),
            *COMMON,
        ),
        "Målgrupper som samverkan gäller, t.ex. unga vuxna, nyanlända.",
    ),
    Sheet(
        "gaps",
        "Glapp och önskemål",
        "Gaps and wishes",
        Gap,
        (
            ID,
            Column("kind", "Typ", "Kind", Kind.CHOICE, True, GapKind),
            Column("actor", "Aktör", "Actor", required=True, help="Vem som uttrycker glappet."),
            Column(
                "other_actors",
                "Fler aktörer",
                "Other actors",
                Kind.LIST,
                help="Fler aktörer som delar glappet, åtskilda med semikolon.",
            ),
            Column(
                "counterparts",
                "Motpart",
                "Counterparts",
                Kind.LIST,
                help="Aktörer glappet eller önskemålet gäller; 'ingen' när ingen har ansvaret, "
                "'okänd' när det inte är känt vem.",
            ),
            Column("level", "Nivå", "Level", Kind.CHOICE, choices=Level),
            TARGET_GROUPS,
            Column(
                "wished_per_year", "Önskade möten per år", "Wished meetings per year", Kind.NUMBER
            ),
            *COMMON,
        ),
        "Glapp och önskemål som kom fram i intervjuerna.",
        named=False,
    ),
    Sheet(
        "events",
        "Händelser",
        "Events",
        Event,
        (
            ID,
            Column("date", "Datum", "Date", Kind.DATE, True),
            Column(
                "kind",
                "Typ",
                "Kind",
                Kind.CHOICE,
                True,
                EventKind,
                help="implementering: ett projekts arbetssätt tas över av ordinarie verksamhet.",
            ),
            Column("actor", "Aktör", "Actor", help="Aktören eller forumet som berörs."),
            Column(
                "new_parent",
                "Ny tillhörighet",
                "New parent",
                help="Vid omorganisation: aktören som enheten flyttas till.",
            ),
            *COMMON,
        ),
        "Förändringar i tiden: ett kontor stängs, en enhet flyttas.",
        named=False,
    ),
    Sheet(
        "sources",
        "Källor",
        "Sources",
        Source,
        (
            ID,
            Column(
                "title",
                "Titel",
                "Title",
                required=True,
                help="T.ex. Intervju kommundirektör Lomma.",
            ),
            Column("kind", "Typ", "Kind", Kind.CHOICE, True, SourceKind),
            Column("date", "Datum", "Date", Kind.DATE),
            Column("actor", "Aktör", "Actor", help="Den intervjuades organisation."),
            Column("role", "Roll", "Role", help="Den intervjuades roll."),
            Column("reference", "Referens", "Reference", help="Avsnitt, sida eller länk."),
            DESCRIPTION,
            VALID_FROM,
            VALID_TO,
            ATTRIBUTES,
        ),
        "Intervjuer och dokument som uppgifterna kommer från.",
    ),
    Sheet(
        "fundings",
        "Finansiering",
        "Funding",
        Funding,
        (
            ID,
            Column(
                "kind",
                "Typ",
                "Kind",
                Kind.CHOICE,
                choices=FundingKind,
                help="finansiering (tom) eller medlemskap i ett samordningsförbund.",
            ),
            Column(
                "funder",
                "Finansiär",
                "Funder",
                required=True,
                help="Vem som betalar, t.ex. ESF-rådet, eller medlemmen i förbundet.",
            ),
            Column(
                "recipient",
                "Mottagare",
                "Recipient",
                required=True,
                help="Vad som finansieras: ett projekt, en aktör eller ett forum; förbundet "
                "vid medlemskap.",
            ),
            Column(
                "amount",
                "Belopp",
                "Amount",
                Kind.AMOUNT,
                help="T.ex. 650 000, 650 000 kr, 300 tkr eller 1,2 mkr.",
            ),
            Column("currency", "Valuta", "Currency", help="T.ex. SEK eller EUR. Tom = okänd."),
            Column(
                "share",
                "Andel",
                "Share",
                Kind.SHARE,
                help="Andel av mottagarens finansiering i procent, t.ex. 50 %.",
            ),
            Column(
                "status",
                "Status",
                "Status",
                Kind.CHOICE,
                choices=FundingStatus,
                help="Tom = beviljad.",
            ),
            HOURS_PER_MONTH,
            *COMMON,
        ),
        "Pengar och medlemskap: vem finansierar vilket projekt, vem är medlem i förbundet.",
        named=False,
    ),
)

# Sheets the template adds for people, not data.
INSTRUCTIONS = ("Instruktioner", "Instructions")


def sheet_named(title: str) -> Sheet | None:
    """The sheet a tab's title names, compared as names are (a title typed in decomposed
    Unicode, as some scripts and Macs write it, is still 'Aktörer')."""
    wanted = normalise(title)
    for sheet in SHEETS:
        if wanted in (normalise(sheet.name), normalise(sheet.english), sheet.key.replace("_", " ")):
            return sheet
    return None


def fact_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Drop the workbook-only keys that the fact classes do not have."""
    return {k: v for k, v in values.items() if k not in ("valid_from", "valid_to")}
