"""What every built-in rule shares: typed settings, texts, evidence.

Explanations are written once as a function of the language, so each sentence can use the
right list words ("och"/"and") and labels; `samverkan.i18n.lazy` renders them only in the
language that is read, when it is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta

from samverkan.contract import RuleContext, Setting
from samverkan.dates import Precision, label, precision_of
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Message, _, closes_sentence, decimal, join
from samverkan.metrics import Metrics
from samverkan.model import (
    QUALITY,
    ActorKind,
    Contact,
    ContactStatus,
    Event,
    EventKind,
    Fact,
    Flag,
    Forum,
    ForumStatus,
    FundingKind,
    Provenance,
    Severity,
)

NAME_LIMIT = 8  # names listed in one sentence before "and N more"
FLAG_ACTOR_LIMIT = 60  # actors a flag marks on the map


def listing(items: list[str], lang: Lang, limit: int = NAME_LIMIT) -> str:
    """'A, B och C', or 'A, B och 4 till' when there are more than `limit`."""
    unique = list(dict.fromkeys(items))
    if len(unique) <= limit:
        return join(unique, lang)
    rest = len(unique) - limit + 1
    return join([*unique[: limit - 1], _("{rest} more").format(rest=rest).text(lang)], lang)


def names(samverkan_map: SamverkanMap, ids: Iterable[str], lang: Lang) -> str:
    return listing([samverkan_map.name(i) for i in ids], lang)


def quoted(text: str) -> str:
    return f"”{text}”"


def sentence(text: str) -> str:
    """The text with a full stop, unless it (or the quote it ends with) already has one."""
    return text if closes_sentence(text) else text + "."


def shared_forums(metrics: Metrics, a: str, b: str, active_only: bool = True) -> list[Forum]:
    """Forums where both organisations have a member."""
    theirs = {f.id for f in metrics.forums_of_organisation.get(b, [])}
    return [
        f
        for f in metrics.forums_of_organisation.get(a, [])
        if f.id in theirs and (f.status is ForumStatus.ACTIVE or not active_only)
    ]


def lower(severity: Severity) -> Severity:
    """One step less severe, never below low."""
    return Severity(max(int(severity) - 1, Severity.LOW))


def day_text(day: date) -> str:
    return day.isoformat()


def per_year(value: float, lang: Lang) -> str:
    return _("{value} times a year").format(value=decimal(value, lang)).text(lang)


def evidence(*groups: Iterable[Fact]) -> tuple[Provenance, ...]:
    """The provenance of the facts, each row once, in the order given."""
    found: dict[Provenance, None] = {}
    for facts in groups:
        for fact in facts:
            found.update(dict.fromkeys(fact.provenance))
    return tuple(found)


def contact_text(samverkan_map: SamverkanMap, contact: Contact, lang: Lang) -> str:
    """'Kävlinge kommun – AF:s kontor i Kävlinge (operativ, vuxna, svag)'."""
    parts = [contact.level.label(lang)]
    if contact.target_groups:
        parts.append(names(samverkan_map, contact.target_groups, lang))
    if contact.quality is not None:
        parts.append(QUALITY.steps[contact.quality].text(lang))
    pair = f"{samverkan_map.name(contact.actor_a)} – {samverkan_map.name(contact.actor_b)}"
    return f"{pair} ({', '.join(parts)})"


def days_between(earlier: date, later: date) -> int:
    return (later - earlier).days


def organisation(context: RuleContext, actor_id: str) -> str:
    """An actor's organisation on the analysis day, or when it last existed."""
    from samverkan.metrics import metrics_of

    found = context.metrics.organisation_of.get(actor_id)
    return found or metrics_of(context.history).organisation_of.get(actor_id, actor_id)


def line_of(history: SamverkanMap, actor_id: str) -> set[str]:
    """The actor and everything above it (parents and further parents)."""
    line, todo = set(), [actor_id]
    while todo:
        current = todo.pop()
        if current in line or not history.has_actor(current):
            continue
        line.add(current)
        actor = history.actor(current)
        todo.extend([*([actor.parent] if actor.parent else []), *actor.other_parents])
    return line


INSATS_KINDS = (ActorKind.PROJECT, ActorKind.FEDERATION)
PARTY_KINDS = (ActorKind.MUNICIPALITY, ActorKind.AGENCY, ActorKind.REGION)  # a förbund's members


def on_finsam_money(history: SamverkanMap, actor_id: str) -> bool:
    """The actor is a project or a förbund, is part of one, or (not being a party itself) is
    funded by a förbund: its work is still an insats on the förbund's money, not ordinary
    work. A kommun the förbund funds for one insats still does its ordinary work."""
    line = line_of(history, actor_id)
    if any(history.actor(a).kind in INSATS_KINDS for a in line):
        return True
    return history.actor(actor_id).kind not in PARTY_KINDS and any(
        f.kind is FundingKind.FUNDING
        and history.has_actor(f.funder)
        and history.actor(f.funder).kind is ActorKind.FEDERATION
        for f in history.fundings_of(actor_id)
    )


def implementations(history: SamverkanMap) -> dict[str, Event]:
    """Each project's first recorded implementation."""
    found: dict[str, Event] = {}
    for event in sorted(history.events.values(), key=lambda e: (e.date, e.id)):
        if event.kind is EventKind.IMPLEMENTATION and event.actor:
            found.setdefault(event.actor, event)
    return found


def handed_to_finsam_money(history: SamverkanMap, project: str) -> list[str]:
    """The receivers of a project, when every one of them is still on Finsam money."""
    if not history.has_actor(project):
        return []
    receivers = list(history.actor(project).receivers)
    known = [r for r in receivers if history.has_actor(r)]
    return known if known and all(on_finsam_money(history, r) for r in known) else []


def implemented(history: SamverkanMap) -> set[str]:
    """Projects whose recorded implementation carries their work on in ordinary work. One
    that hands its work only to receivers on Finsam money (another insats, the förbund's own
    unit) is not implemented: when that money ends, so does the work."""
    return {p for p in implementations(history) if not handed_to_finsam_money(history, p)}


def contact_start(history: SamverkanMap, contact: Contact) -> date | None:
    """The first day a contact can hold: its own start, or the later start of one of its
    ends (a contact of a project begins when the project does)."""
    ends = (history.actor(contact.actor_a), history.actor(contact.actor_b))
    starts = [p.start for p in (contact.valid, *(a.valid for a in ends)) if p.start]
    return max(starts, default=None)


def begins_after(history: SamverkanMap, contact: Contact, day: date) -> bool:
    """Whether the contact is still to come on `day`: planned, or beginning later."""
    start = contact_start(history, contact)
    return contact.status is ContactStatus.PLANNED or (start is not None and start > day)


def closed_when(fact: Fact, lang: Lang) -> tuple[str, bool] | None:
    """When a fact stopped holding, as the sources know it, and whether that is a day: its
    closing day for an end on a day, else the month, term or year it ended during (an end
    written '2019' closed during 2019, not on a made-up 2020-01-01)."""
    end = fact.valid.end
    if end is None:
        return None
    if precision_of(end) is Precision.DAY:
        return label(end + timedelta(days=1), lang), True
    return label(end, lang), False


class BaseRule:
    """A rule whose settings the core has checked; subclasses implement `find`."""

    id: str
    title: Message
    severity: Severity
    defaults: Mapping[str, Setting]

    def check(self, context: RuleContext) -> list[Flag]:
        return list(self.find(context, Settings(context.settings)))

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        raise NotImplementedError

    def flag(
        self,
        context: RuleContext,
        title: Message,
        explanation: Message,
        *,
        actors: Iterable[str] = (),
        contacts: Iterable[str] = (),
        forums: Iterable[str] = (),
        proof: tuple[Provenance, ...] = (),
        severity: Severity | None = None,
        subject: str = "",
        stated: bool = False,
    ) -> Flag:
        """A flag resting on the rows in `proof`; the explanation names no sources, since every
        exporter renders them from the evidence (`samverkan.findings.cited_sources`).

        `subject` says what the flag is about, so the core gathers flags on the same subject
        into one finding; `stated` that a source says it in words (see `Flag`).
        """
        return Flag(
            rule=self.id,
            severity=severity or context.severity,
            title=title,
            explanation=explanation,
            actors=tuple(dict.fromkeys(actors))[:FLAG_ACTOR_LIMIT],
            contacts=tuple(dict.fromkeys(contacts)),
            forums=tuple(dict.fromkeys(forums)),
            evidence=proof,
            subject=subject,
            stated=stated,
        )


class Settings:
    """A rule's settings after checking; typed accessors for the three kinds of value."""

    def __init__(self, values: Mapping[str, Setting]) -> None:
        self.values = values

    def number(self, key: str) -> float:
        return float(self.values[key])

    def whole(self, key: str) -> int:
        return int(self.values[key])

    def truth(self, key: str) -> bool:
        return bool(self.values[key])
