"""The map model: the facts a process leader collects, each with a validity period and provenance.

Facts are frozen dataclasses. References between facts (a contact's two actors, a forum's
members) are actor ids once the map is built; importers may write names or aliases, which
`samverkan.merge` resolves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum
from functools import cache
from typing import Self, cast

from samverkan.errors import ROW, SHEET
from samverkan.i18n import Lang, Message, _, pgettext

# Re-exported: plugins compare names and make ids the way the core does.
from samverkan.identity import AUTO_ID as AUTO_ID
from samverkan.identity import normalise as normalise
from samverkan.identity import slugify as slugify


class Choice(StrEnum):
    """An enumeration whose values are the Swedish words users type; English is accepted too."""

    @property
    def english(self) -> str:
        return self.label("en")

    def label(self, lang: Lang) -> str:
        return WORDS[self.value].text(lang)

    @classmethod
    def parse(cls, text: str) -> Self | None:
        return cast(Self | None, _words_of(cls).get(normalise(text)))


@cache
def _words_of(kind: type[Choice]) -> dict[str, Choice]:
    """Each member by its Swedish value, the other forms of that word (a status agrees with
    what it is about: "beviljat stöd", "avslutade medel") and its English word, read once per
    process (a workbook parses a choice in every cell); where two members share a word the
    first wins, and a member's own value before another's inflected form."""
    words: dict[str, Choice] = {}
    for member in reversed(list(kind)):
        for form in INFLECTED.get(member.value, ()):
            words[normalise(form)] = member
    for member in reversed(list(kind)):
        words[normalise(member.english)] = member
        words[normalise(member.value)] = member
    return words


class ActorKind(Choice):
    MUNICIPALITY = "kommun"
    ADMINISTRATION = "förvaltning"
    UNIT = "enhet"
    AGENCY = "myndighet"
    OFFICE = "kontor"
    REGION = "region"
    HEALTHCARE = "vårdenhet"
    SCHOOL = "skola"
    PROJECT = "projekt"
    FEDERATION = "samordningsförbund"
    CIVIL_SOCIETY = "idéburen organisation"
    BUSINESS = "företag"
    FUNCTION = "funktion"
    OTHER = "övrigt"


class Level(Choice):
    STRATEGIC = "strategisk"
    OPERATIONAL = "operativ"


class ForumStatus(Choice):
    ACTIVE = "aktivt"
    DORMANT = "vilande"
    PLANNED = "planerat"
    ENDED = "nedlagt"


class EventKind(Choice):
    CLOSURE = "stängning"
    START = "start"
    REORGANISATION = "omorganisation"
    STAFF_TURNOVER = "personalbyte"
    IMPLEMENTATION = "implementering"
    OTHER = "annat"


class SourceKind(Choice):
    INTERVIEW = "intervju"
    DOCUMENT = "dokument"
    OBSERVATION = "observation"
    SURVEY = "enkät"


class GapKind(Choice):
    WISH = "önskemål"
    GAP = "glapp"
    RISK = "risk"
    NEED = "behov"


class Counterpart(Choice):
    """Whom a gap concerns when it names no actor: stated as nobody, or as not known."""

    NAMED = "namngiven"
    NONE = "ingen"
    UNKNOWN = "okänd"


class ContactStatus(Choice):
    PLANNED = "planerad"
    ONGOING = "pågående"
    ENDED = "upphört"


class FundingKind(Choice):
    FUNDING = "finansiering"
    MEMBERSHIP = "medlemskap"


class FundingStatus(Choice):
    GRANTED = "beviljad"
    APPLIED = "ansökt"
    PLANNED = "planerad"
    ENDED = "avslutad"


# The other genders and the plural of the status words, as a source agrees them with what
# it is about ("Beviljat ESF-stöd", "forumet är nedlagt", "kontakterna har upphört").
INFLECTED: dict[str, tuple[str, ...]] = {
    "aktivt": ("aktiv", "aktiva"),
    "planerat": ("planerad", "planerade"),
    "nedlagt": ("nedlagd", "nedlagda"),
    "planerad": ("planerat", "planerade"),
    "upphört": ("upphörd", "upphörda"),
    "beviljad": ("beviljat", "beviljade"),
    "ansökt": ("ansökta",),
    "avslutad": ("avslutat", "avslutade"),
}

# The words of the choices: the Swedish one is the value users type (and the translation),
# the English one the message id; both are accepted when reading.
WORDS: dict[str, Message] = {
    "kommun": _("municipality"),
    "förvaltning": _("administration"),
    "enhet": _("unit"),
    "myndighet": _("agency"),
    "kontor": _("office"),
    "region": _("region"),
    "vårdenhet": _("healthcare unit"),
    "skola": _("school"),
    "projekt": _("project"),
    "samordningsförbund": _("coordination association"),
    "idéburen organisation": _("civil society organisation"),
    "företag": _("business"),
    "funktion": _("function"),
    "övrigt": _("other"),
    "strategisk": _("strategic"),
    "operativ": _("operational"),
    "aktivt": _("active"),
    "vilande": _("dormant"),
    "planerat": _("planned"),
    "nedlagt": _("ended"),
    "stängning": _("closure"),
    "start": _("start"),
    "omorganisation": _("reorganisation"),
    "personalbyte": _("staff turnover"),
    "annat": pgettext("event", "other"),
    "intervju": _("interview"),
    "dokument": _("document"),
    "observation": _("observation"),
    "enkät": _("survey"),
    "önskemål": _("wish"),
    "glapp": _("gap"),
    "risk": _("risk"),
    "behov": _("need"),
    "namngiven": _("named"),
    "ingen": _("none"),
    "okänd": _("unknown"),
    "planerad": pgettext("status", "planned"),
    "pågående": _("ongoing"),
    "upphört": pgettext("status", "ended"),
    "finansiering": _("funding"),
    "medlemskap": _("membership"),
    "beviljad": _("granted"),
    "ansökt": _("applied for"),
    "avslutad": _("finished"),
    "implementering": _("implementation"),
    "dag": _("day"),
    "månad": _("month"),
    "kvartal": _("quarter"),
    "termin": _("term"),
    "år": _("year"),
}


class Severity(IntEnum):
    """How much a flag matters; ordered so that `>=` filters work."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    def label(self, lang: Lang) -> str:
        return SEVERITY_LABELS[self].text(lang)

    @classmethod
    def parse(cls, text: str) -> Severity | None:
        wanted = normalise(text)
        for member in cls:
            if wanted in (
                normalise(member.name),
                *(
                    normalise(word)
                    for word in (SEVERITY_LABELS[member].sv, SEVERITY_LABELS[member].en)
                ),
            ):
                return member
        return None


SEVERITY_LABELS = {
    Severity.LOW: _("low"),
    Severity.MEDIUM: _("medium"),
    Severity.HIGH: _("high"),
}


@dataclass(frozen=True)
class Scale:
    """A numbered scale with a word for each step (quality, collaboration level)."""

    name: Message
    steps: dict[int, Message]

    def parse(self, text: str) -> int | None:
        """A step from its number ('3') or its word in either language ('god', 'good')."""
        wanted = normalise(text)
        if wanted.isdigit() and int(wanted) in self.steps:
            return int(wanted)
        for number, words in self.steps.items():
            if wanted in (normalise(words.sv), normalise(words.en)):
                return number
        return None

    def label(self, step: int, lang: Lang) -> str:
        return f"{step} {self.steps[step].text(lang)}"


QUALITY = Scale(
    _("quality"),
    {
        1: _("very poor"),
        2: _("poor"),
        3: _("mixed"),
        4: _("good"),
        5: _("very good"),
    },
)

# Frey et al. (2006), levels of collaboration; DESIGN.md names it the default scale.
COLLABORATION = Scale(
    _("collaboration level"),
    {
        0: _("none"),
        1: _("networking"),
        2: _("cooperation"),
        3: _("coordination"),
        4: _("coalition"),
        5: _("collaboration"),
    },
)


@dataclass(frozen=True)
class Period:
    """When a fact holds; both ends inclusive, None means open."""

    start: date | None = None
    end: date | None = None

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def ended_before(self, day: date) -> Period:
        """This period cut so that it ends the day before `day` (used when something closes)."""
        last = day - timedelta(days=1)
        return Period(self.start, last if self.end is None else min(self.end, last))

    def starting(self, day: date) -> Period:
        return Period(day if self.start is None else max(self.start, day), self.end)


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: file, sheet and row, and the interview or document behind it."""

    file: str
    sheet: str | None = None
    row: int | None = None
    source: str | None = None
    # field name -> column letter, so later stages (merge, rules) can point at the cell. A row
    # that told one item of a list field (a Kumu connection making an actor a forum member)
    # records it under `item_key(field, item)`, so errors about that item point at its row.
    columns: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def column_of(self, field_name: str) -> str | None:
        return self.columns.get(field_name)

    def describe(self, lang: Lang) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(SHEET.format(sheet=self.sheet).text(lang))
        if self.row:
            parts.append(ROW.format(row=self.row).text(lang))
        if self.source:
            parts.append(SOURCE.format(source=self.source).text(lang))
        return ", ".join(parts)


def item_key(field_name: str, item: str) -> str:
    """The `Provenance.columns` key of the row that told one item of a list field."""
    return f"{field_name}:{normalise(item)}"


SOURCE = _("source {source}")


@dataclass(frozen=True, kw_only=True)
class Fact:
    id: str
    valid: Period = Period()
    provenance: tuple[Provenance, ...] = ()
    description: str = ""
    # Free key/value properties (egenskaper): a survey score, a Kumu custom field, a budget
    # line. Kept through merge and every lossless format; no rule depends on them.
    attributes: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, kw_only=True)
class Actor(Fact):
    """An organisation or unit: Kävlinge kommun, AF:s kontor i Kävlinge, KAA-samordnare."""

    name: str
    kind: ActorKind = ActorKind.OTHER
    parent: str | None = None
    municipality: str = ""
    aliases: tuple[str, ...] = ()
    # Further organisations it is part of (IRIS is run by three förbund).
    other_parents: tuple[str, ...] = ()
    # For a project (kind `projekt`): who runs it, and who is to take over its method.
    owners: tuple[str, ...] = ()
    receivers: tuple[str, ...] = ()
    # The target groups it works for itself: a project's participants ("402 deltagare").
    target_groups: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Person(Fact):
    """A person, or a role or team that carries contacts; pseudonymised on request."""

    name: str
    role: str = ""
    actor: str | None = None
    aliases: tuple[str, ...] = ()
    # How many people hold the role ("4 arbetsmarknadskonsulenter"); None = one named person.
    head_count: int | None = None

    @property
    def is_single(self) -> bool:
        return self.head_count is None or self.head_count <= 1


@dataclass(frozen=True, kw_only=True)
class Forum(Fact):
    """A recurring meeting arena: SULK, DUA styrgrupp Lomma, strategisk beredningsgrupp."""

    name: str
    level: Level = Level.STRATEGIC
    cadence_per_year: float | None = None
    members: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    convener: str | None = None
    status: ForumStatus = ForumStatus.ACTIVE
    municipality: str = ""
    last_meeting: date | None = None


@dataclass(frozen=True, kw_only=True)
class Contact(Fact):
    """A working relationship between two actors, as one source describes it."""

    actor_a: str
    actor_b: str
    level: Level = Level.OPERATIONAL
    target_groups: tuple[str, ...] = ()
    frequency_per_year: float | None = None
    quality: int | None = None
    collaboration: int | None = None
    carriers: tuple[str, ...] = ()
    forum: str | None = None
    source: str | None = None
    status: ContactStatus = ContactStatus.ONGOING
    # The time the contact takes (commitment), in hours a month.
    hours_per_month: float | None = None

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.actor_a, self.actor_b))


@dataclass(frozen=True, kw_only=True)
class TargetGroup(Fact):
    name: str


@dataclass(frozen=True, kw_only=True)
class Gap(Fact):
    """A stated gap or wish: 'Kävlinge wants a strategic platform with AF, 2 ggr/år'."""

    kind: GapKind = GapKind.WISH
    actor: str
    # Further actors who state or share it (a four-way gap).
    other_actors: tuple[str, ...] = ()
    counterparts: tuple[str, ...] = ()
    counterpart_kind: Counterpart = Counterpart.NAMED
    level: Level | None = None
    target_groups: tuple[str, ...] = ()
    wished_per_year: float | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Funding(Fact):
    """Money or membership: 'ESF finances IRIS', 'Lomma kommun is a member of the förbund'.

    The funder is an actor; the recipient an actor (a project, a förbund) or a forum. The
    period of the grant is the fact's `valid`; a membership's share is the member's part.
    """

    kind: FundingKind = FundingKind.FUNDING
    funder: str
    recipient: str
    amount: float | None = None
    currency: str = ""
    share: float | None = None  # per cent of the recipient's funding
    status: FundingStatus = FundingStatus.GRANTED
    hours_per_month: float | None = None  # a commitment in kind: staff time
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Event(Fact):
    """A change in time: an office closes, a unit moves to another board."""

    date: date
    kind: EventKind
    actor: str | None = None
    new_parent: str | None = None
    source: str | None = None


@dataclass(frozen=True, kw_only=True)
class Source(Fact):
    """An interview or document that facts come from."""

    kind: SourceKind = SourceKind.INTERVIEW
    title: str
    date: date | None = None
    actor: str | None = None
    role: str = ""
    reference: str = ""


@dataclass(frozen=True, kw_only=True)
class Flag:
    """A weak link found by a rule, with the evidence that makes a reader trust it."""

    rule: str
    severity: Severity
    title: Message
    explanation: Message
    actors: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    forums: tuple[str, ...] = ()
    evidence: tuple[Provenance, ...] = ()
    # What the flag is about (see `subject`): flags on the same subject become one finding.
    # Empty: the flag is its own finding, merged only with an identical one.
    subject: str = ""
    # True when a source says it in words (a stated gap or wish, a rating, a recorded
    # closure) rather than a rule inferring it from the map's shape: it ranks higher.
    stated: bool = False


# Ids in a subject are joined by "|"; an id may hold that character (ids are written by
# users), so it is escaped and two different pairs can never share a subject.
_ESCAPES = (("%", "%25"), ("|", "%7C"))


def subject(kind: str, *ids: str) -> str:
    """A finding's subject: 'actor:af-kavlinge', 'forum:sulk', 'group:vuxna', 'person:anna'."""
    return f"{kind}:{'|'.join(_escaped(i) for i in ids)}"


def subject_ids(key: str) -> tuple[str, list[str]]:
    """The kind and the ids of a subject made by `subject`: 'pair:a|b' -> ('pair', ['a', 'b'])."""
    kind, _sep, ids = key.partition(":")
    return kind, [_unescaped(i) for i in ids.split("|")]


def _escaped(fact_id: str) -> str:
    for char, code in _ESCAPES:
        fact_id = fact_id.replace(char, code)
    return fact_id


def _unescaped(part: str) -> str:
    for char, code in reversed(_ESCAPES):
        part = part.replace(code, char)
    return part


def pair_subject(kind: str, a: str, b: str) -> str:
    """The subject of a relation between two actors, the same whichever is named first."""
    return subject(kind, *sorted((a, b)))
