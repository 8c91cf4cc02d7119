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
    Event,
    EventKind,
    Fact,
    Forum,
    ForumStatus,
    Gap,
    GapKind,
    Level,
    Person,
    Scale,
    Source,
    SourceKind,
    TargetGroup,
)


class Kind(Enum):
    TEXT = "text"
    LIST = "list"  # several values separated by ; (or | or a line break)
    DATE = "date"
    NUMBER = "number"
    CHOICE = "choice"


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
    help="Första dag uppgiften gäller (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ).",
)
VALID_TO = Column(
    "valid_to",
    "Gäller till och med",
    "Valid to",
    Kind.DATE,
    help="Sista dag uppgiften gäller. Tom = gäller fortfarande.",
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
COMMON = (DESCRIPTION, VALID_FROM, VALID_TO, SOURCE)

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
            Column("frequency_per_year", "Kontakter per år", "Contacts per year", Kind.NUMBER),
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
                "counterparts",
                "Motpart",
                "Counterparts",
                Kind.LIST,
                help="Aktörer glappet eller önskemålet gäller.",
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
            Column("kind", "Typ", "Kind", Kind.CHOICE, True, EventKind),
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
        ),
        "Intervjuer och dokument som uppgifterna kommer från.",
    ),
)

# Sheets the template adds for people, not data.
INSTRUCTIONS = ("Instruktioner", "Instructions")


def sheet_named(title: str) -> Sheet | None:
    wanted = " ".join(title.split()).casefold()
    for sheet in SHEETS:
        if wanted in (sheet.name.casefold(), sheet.english.casefold(), sheet.key.replace("_", " ")):
            return sheet
    return None


def fact_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Drop the workbook-only keys that the fact classes do not have."""
    return {k: v for k, v in values.items() if k not in ("valid_from", "valid_to")}
