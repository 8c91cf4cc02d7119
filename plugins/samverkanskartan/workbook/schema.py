"""The interview workbook: its sheets, columns and allowed values.

One table drives the reader, the template that `samverkan init` writes and the tests that
keep docs/workbook.md honest. Swedish names are canonical; English names are aliases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from samverkan.i18n import Lang, Message, _
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


class Labelled:
    """A column header or sheet name: users read it in their language, the reader takes both."""

    label: Message

    @property
    def english(self) -> str:
        return self.label.text("en")

    def title(self, lang: Lang) -> str:
        return self.label.text(lang)


@dataclass(frozen=True)
class Column(Labelled):
    field: str
    label: Message  # the header; read in either language
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: type[Choice] | Scale | None = None
    help: str = ""

    @property
    def header(self) -> str:
        return self.label.text("sv")

    def allowed(self, lang: Lang) -> list[str]:
        """The dropdown values, in the user's language."""
        if isinstance(self.choices, Scale):
            return [step.text(lang) for step in self.choices.steps.values()]
        if self.choices is not None:
            return [member.label(lang) for member in self.choices]
        return []


@dataclass(frozen=True)
class Sheet(Labelled):
    key: str
    label: Message  # the sheet's name; read in either language
    fact: Callable[..., Fact]
    columns: tuple[Column, ...]
    help: str
    named: bool = True  # identity by name (actors, forums …) rather than by row

    @property
    def name(self) -> str:
        return self.label.text("sv")


ID = Column("id", _("ID"), help="Valfri kort beteckning. Tom = skapas av namnet.")
DESCRIPTION = Column("description", _("Description"), help="Fri text.")
VALID_FROM = Column(
    "valid_from",
    _("Valid from"),
    Kind.DATE,
    help="När uppgiften börjar gälla: ÅÅÅÅ-MM-DD, 1/2 2017 (dagen först), ÅÅÅÅ-MM, ÅÅÅÅ, "
    "februari 2017, vt 2017, kv1 2017 eller slutet av 2017. Precisionen sparas.",
)
VALID_TO = Column(
    "valid_to",
    _("Valid to"),
    Kind.END,
    help="Sista dag uppgiften gäller, skrivet som Gäller från, eller en längd från "
    "startdatumet (2 år, 18 månader, tvåårigt). Tom = gäller fortfarande.",
)
SOURCE = Column(
    "source",
    _("Source"),
    help="Intervjun eller dokumentet uppgiften kommer från (ID eller titel i bladet Källor).",
)
LEVEL = Column(
    "level",
    _("Level"),
    Kind.CHOICE,
    True,
    Level,
    help="strategisk (ledning, mål, planering) eller operativ (handläggare, ärenden).",
)
TARGET_GROUPS = Column(
    "target_groups",
    _("Target groups"),
    Kind.LIST,
    help="En eller flera målgrupper, åtskilda med semikolon.",
)
ATTRIBUTES = Column(
    "attributes",
    _("Properties"),
    Kind.ATTRIBUTES,
    help="Fria egenskaper som namn=värde, åtskilda med semikolon, t.ex. förtroende=4; "
    "budget=650 000 kr. Visas i kartans detaljer och följer med vid export.",
)
HOURS_PER_MONTH = Column(
    "hours_per_month",
    _("Commitment"),
    Kind.HOURS,
    help="Tid som läggs, i timmar per månad eller vecka, t.ex. 20 h/månad eller 4 h/vecka.",
)
COMMON = (DESCRIPTION, VALID_FROM, VALID_TO, SOURCE, ATTRIBUTES)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "actors",
        _("Actors"),
        Actor,
        (
            ID,
            Column("name", _("Name"), required=True, help="Organisationens eller enhetens namn."),
            Column("kind", _("Kind"), Kind.CHOICE, True, ActorKind, help="Vad slags aktör."),
            Column(
                "parent",
                _("Part of"),
                help="Överordnad aktör (namn eller ID), t.ex. AF:s kontor i Kävlinge → Arbetsförmedlingen.",
            ),
            Column("municipality", _("Municipality"), help="Kommun eller ort."),
            Column(
                "aliases",
                _("Aliases"),
                Kind.LIST,
                help="Andra namn för samma aktör, t.ex. AF; Af. Används när andra blad hänvisar.",
            ),
            Column(
                "other_parents",
                _("Also part of"),
                Kind.LIST,
                help="Fler överordnade, t.ex. när tre förbund driver samma insats.",
            ),
            Column(
                "owners",
                _("Owners"),
                Kind.LIST,
                help="För projekt och insatser: en eller flera aktörer som driver dem.",
            ),
            Column(
                "receivers",
                _("Receivers"),
                Kind.LIST,
                help="För projekt: aktörerna som ska ta över arbetssättet när projektet slutar.",
            ),
            Column(
                "target_groups",
                _("Target groups"),
                Kind.LIST,
                help="Målgrupperna aktören själv arbetar med: ett projekts deltagare, en enhets egen verksamhet.",
            ),
            *COMMON,
        ),
        "Organisationer och enheter: kommuner, förvaltningar, myndigheter, kontor, projekt.",
    ),
    Sheet(
        "persons",
        _("Persons"),
        Person,
        (
            ID,
            Column("name", _("Name"), required=True, help="Personens namn eller en roll."),
            Column("role", _("Role"), help="Befattning, t.ex. sektionschef, företagsrådgivare."),
            Column("actor", _("Actor"), help="Var personen arbetar (namn eller ID)."),
            Column(
                "aliases",
                _("Aliases"),
                Kind.LIST,
                help="Andra stavningar av namnet, t.ex. Jacob när det står Jakob.",
            ),
            Column(
                "head_count",
                _("Head count"),
                Kind.COUNT,
                help="För en roll eller ett team: hur många som har den, t.ex. 4. Tom = en person.",
            ),
            *COMMON,
        ),
        "Personer och roller som bär kontakter. Kan pseudonymiseras vid export.",
    ),
    Sheet(
        "forums",
        _("Forums"),
        Forum,
        (
            ID,
            Column("name", _("Name"), required=True, help="Forumets namn, t.ex. SULK."),
            LEVEL,
            Column(
                "members",
                _("Members"),
                Kind.LIST,
                True,
                help="Aktörer som deltar, åtskilda med semikolon.",
            ),
            Column("convener", _("Convener"), help="Aktören som kallar."),
            Column(
                "cadence_per_year",
                _("Meetings per year"),
                Kind.NUMBER,
                help="Antal möten per år, t.ex. 2 eller 2-3.",
            ),
            TARGET_GROUPS,
            Column("status", _("Status"), Kind.CHOICE, choices=ForumStatus, help="Tom = aktivt."),
            Column("municipality", _("Municipality")),
            Column("last_meeting", _("Last meeting"), Kind.DATE),
            *COMMON,
        ),
        "Återkommande mötesarenor: styrgrupper, samverkansgrupper, nätverk.",
    ),
    Sheet(
        "contacts",
        _("Contacts"),
        Contact,
        (
            ID,
            Column("actor_a", _("Actor A"), required=True, help="Ena parten (namn eller ID)."),
            Column("actor_b", _("Actor B"), required=True, help="Andra parten."),
            LEVEL,
            TARGET_GROUPS,
            Column(
                "frequency_per_year",
                _("Contacts per year"),
                Kind.FREQUENCY,
                help="Ett antal (2, 2-3) eller ord: varje vecka, täta kontakter, regelbundet, "
                "ett flertal tillfällen, vid behov …",
            ),
            Column(
                "quality",
                _("Quality"),
                Kind.CHOICE,
                choices=QUALITY,
                help="Hur kontakten upplevs, från mycket svag till mycket god (eller 1–5).",
            ),
            Column(
                "collaboration",
                _("Collaboration level"),
                Kind.CHOICE,
                choices=COLLABORATION,
                help="Freys skala: ingen (0) till integrerad samverkan (5).",
            ),
            Column(
                "carriers",
                _("Carried by"),
                Kind.LIST,
                help="Personer eller roller som bär kontakten, åtskilda med semikolon.",
            ),
            Column("forum", _("Forum"), help="Forumet kontakten sker i, om något."),
            Column(
                "status",
                _("Status"),
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
        _("Target groups"),
        TargetGroup,
        (
            ID,
            Column("name", _("Name"), required=True),
            *COMMON,
        ),
        "Målgrupper som samverkan gäller, t.ex. unga vuxna, nyanlända.",
    ),
    Sheet(
        "gaps",
        _("Gaps and wishes"),
        Gap,
        (
            ID,
            Column("kind", _("Kind"), Kind.CHOICE, True, GapKind),
            Column("actor", _("Actor"), required=True, help="Vem som uttrycker glappet."),
            Column(
                "other_actors",
                _("Other actors"),
                Kind.LIST,
                help="Fler aktörer som delar glappet, åtskilda med semikolon.",
            ),
            Column(
                "counterparts",
                _("Counterparts"),
                Kind.LIST,
                help="Aktörer glappet eller önskemålet gäller; 'ingen' när ingen har ansvaret, "
                "'okänd' när det inte är känt vem.",
            ),
            Column("level", _("Level"), Kind.CHOICE, choices=Level),
            TARGET_GROUPS,
            Column("wished_per_year", _("Wished meetings per year"), Kind.NUMBER),
            *COMMON,
        ),
        "Glapp och önskemål som kom fram i intervjuerna.",
        named=False,
    ),
    Sheet(
        "events",
        _("Events"),
        Event,
        (
            ID,
            Column("date", _("Date"), Kind.DATE, True),
            Column(
                "kind",
                _("Kind"),
                Kind.CHOICE,
                True,
                EventKind,
                help="implementering: ett projekts arbetssätt tas över av ordinarie verksamhet.",
            ),
            Column("actor", _("Actor"), help="Aktören eller forumet som berörs."),
            Column(
                "new_parent",
                _("New parent"),
                help="Vid omorganisation: aktören som enheten flyttas till.",
            ),
            *COMMON,
        ),
        "Förändringar i tiden: ett kontor stängs, en enhet flyttas.",
        named=False,
    ),
    Sheet(
        "sources",
        _("Sources"),
        Source,
        (
            ID,
            Column(
                "title",
                _("Title"),
                required=True,
                help="T.ex. Intervju kommundirektör Lomma.",
            ),
            Column("kind", _("Kind"), Kind.CHOICE, True, SourceKind),
            Column("date", _("Date"), Kind.DATE),
            Column("actor", _("Actor"), help="Den intervjuades organisation."),
            Column("role", _("Role"), help="Den intervjuades roll."),
            Column("reference", _("Reference"), help="Avsnitt, sida eller länk."),
            DESCRIPTION,
            VALID_FROM,
            VALID_TO,
            ATTRIBUTES,
        ),
        "Intervjuer och dokument som uppgifterna kommer från.",
    ),
    Sheet(
        "fundings",
        _("Funding"),
        Funding,
        (
            ID,
            Column(
                "kind",
                _("Kind"),
                Kind.CHOICE,
                choices=FundingKind,
                help="finansiering (tom) eller medlemskap i ett samordningsförbund.",
            ),
            Column(
                "funder",
                _("Funder"),
                required=True,
                help="Vem som betalar, t.ex. ESF-rådet, eller medlemmen i förbundet.",
            ),
            Column(
                "recipient",
                _("Recipient"),
                required=True,
                help="Vad som finansieras: ett projekt, en aktör eller ett forum; förbundet "
                "vid medlemskap.",
            ),
            Column(
                "amount",
                _("Amount"),
                Kind.AMOUNT,
                help="T.ex. 650 000, 650 000 kr, 300 tkr eller 1,2 mkr.",
            ),
            Column("currency", _("Currency"), help="T.ex. SEK eller EUR. Tom = okänd."),
            Column(
                "share",
                _("Share"),
                Kind.SHARE,
                help="Andel av mottagarens finansiering i procent, t.ex. 50 %.",
            ),
            Column(
                "status",
                _("Status"),
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
INSTRUCTIONS = _("Instructions")  # the guide sheet, skipped when reading (either language)


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
