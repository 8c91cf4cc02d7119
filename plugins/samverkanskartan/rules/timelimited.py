"""Rules about money and time: presence that ends with a project or its funding.

A samordningsförbund's main instrument is financing time-limited insatser. When a project or
its funding ends, the contacts and forums it carried end with it unless someone implements
the method in ordinary work. These rules find what ends within a horizon around the analysis
day, say so as precisely as the end is known ("slutar under 2017"), and name the funders,
owners and receivers a steering group would turn to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from samverkan.contract import RuleContext, Setting
from samverkan.dates import add_months, ends_text, first_day, label, last_day
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, lazy, ngettext
from samverkan.model import (
    Actor,
    ActorKind,
    Contact,
    Event,
    Fact,
    Flag,
    Forum,
    Funding,
    FundingStatus,
    Severity,
)
from samverkan.model import subject as subject_of
from samverkanskartan.rules.base import (
    BaseRule,
    Settings,
    contact_text,
    evidence,
    handed_to_finsam_money,
    implementations,
    implemented,
    line_of,
    listing,
    lower,
    names,
)

SECURED = (FundingStatus.GRANTED, FundingStatus.ENDED)  # money that was, or is, really there


@dataclass(frozen=True)
class Ending:
    """Something time-limited that ends near the analysis day: a project, or what its money funds."""

    subject: str  # an actor (usually a project) or a forum
    end: date  # its last day, with the precision it was given in
    fundings: tuple[Funding, ...]  # the secured funding that ends with it
    pending: tuple[Funding, ...]  # funding applied for or planned, not yet granted
    contacts: tuple[Contact, ...]  # the contacts it carries, over all time
    later: bool = False  # it ends after the horizon: there is time, but no plan either

    def funders(self) -> list[str]:
        return list(dict.fromkeys(f.funder for f in self.fundings))


def endings(context: RuleContext, horizon_months: int, *, later: bool = False) -> list[Ending]:
    """Projects and funded actors or forums, present on the analysis day, whose end (or whose
    money's end) comes before the horizon, and that no implementation in ordinary work or
    granted funding carries on; with `later`, also those whose recorded end comes after it.

    A project that has itself ended is history: lost-local-presence tells of the contacts
    and forums it took with it. One that had none of its own but was to hand its work over,
    and ended within the horizon before the day, is an ending here: the handover is the news.
    """
    history, latest = context.history, add_months(context.day, horizon_months)
    earliest = add_months(context.day, -horizon_months)
    done = implemented(history)
    candidates: dict[str, date] = {}
    for subject in sorted(_time_limited(history)):
        end = _end_of(history, subject)
        if end is None or subject in done:
            continue
        if subject in context.map.graph:
            if later or first_day(end) <= latest:
                candidates[subject] = end
        elif earliest <= last_day(end) and _handover_unseen(history, subject):
            candidates[subject] = end
    carried = _carried(history, set(candidates)) if candidates else {}
    found = []
    for subject, end in candidates.items():
        funding = history.fundings_of(subject)
        ending = tuple(f for f in funding if f.status in SECURED and f.valid.end is not None)
        pending = tuple(f for f in funding if f.status not in SECURED)
        carries = tuple(carried.get(subject, ()))
        found.append(Ending(subject, end, ending, pending, carries, first_day(end) > latest))
    return found


def _handover_unseen(history: SamverkanMap, subject: str) -> bool:
    """An ended project with receivers, and no contact or forum of its own for
    lost-local-presence to tell of."""
    return (
        history.has_actor(subject)
        and bool(history.actor(subject).receivers)
        and not history.contacts_of(subject)
        and not history.forums_of(subject)
    )


def _time_limited(history: SamverkanMap) -> set[str]:
    projects = {a.id for a in history.actors() if a.kind is ActorKind.PROJECT}
    return projects | {f.recipient for f in history.fundings.values()}


def _end_of(history: SamverkanMap, subject: str) -> date | None:
    """The earlier of the project's own end and the end of its last secured funding."""
    ends: list[date] = []
    if history.has_actor(subject) and history.actor(subject).valid.end:
        ends.append(history.actor(subject).valid.end)  # type: ignore[arg-type]
    secured = [f for f in history.fundings_of(subject) if f.status in SECURED]
    if secured and all(f.valid.end is not None for f in secured):
        ends.append(max(f.valid.end for f in secured if f.valid.end is not None))
    return min(ends, key=first_day) if ends else None


def _carried(history: SamverkanMap, subjects: set[str]) -> dict[str, list[Contact]]:
    """For each subject, the contacts that rest on it: its own, its units', and those carried
    only by its staff. One pass over the contacts, each actor's line worked out once."""
    rests_on: dict[str, set[str]] = {}  # actor -> the subjects in its line

    def subjects_of(actor_id: str) -> set[str]:
        if actor_id not in rests_on:
            rests_on[actor_id] = line_of(history, actor_id) & subjects
        return rests_on[actor_id]

    found: dict[str, list[Contact]] = defaultdict(list)
    for contact in history.contacts():
        depends = subjects_of(contact.actor_a) | subjects_of(contact.actor_b)
        if contact.carriers:
            depends |= _staff_of(history, contact) & subjects
        for subject in sorted(depends):
            found[subject].append(contact)
    return found


def _staff_of(history: SamverkanMap, contact: Contact) -> set[str]:
    """The one actor all of a contact's carriers work at, if there is one."""
    persons = [history.persons.get(p) for p in contact.carriers]
    places = {p.actor if p else None for p in persons}
    return {place for place in places if place} if len(places) == 1 else set()


@dataclass(frozen=True)
class Dependents:
    contacts: list[Contact]
    forums: list[Forum]  # convened by the subject, or the subject itself
    only_reach: list[str]  # target groups nothing else reaches on the analysis day


def dependents(
    ending: Ending, forums: list[Forum], reach: Reach, own_groups: tuple[str, ...] = ()
) -> Dependents:
    """What rests on `ending` among the map's `forums`, and the groups only it reaches;
    `own_groups` are those the subject works for itself (a project's participants)."""
    subject = ending.subject
    start = first_day(ending.end)
    contacts = [c for c in ending.contacts if c.valid.end is None or last_day(c.valid.end) >= start]
    funded = {f.recipient for f in ending.fundings}
    forums = [f for f in forums if subject in (f.id, f.convener) or f.id in funded]
    carried = {c.id for c in contacts} | {f.id for f in forums} | {subject}
    facts: list[Contact | Forum] = [*contacts, *forums]
    groups = dict.fromkeys([*(g for fact in facts for g in fact.target_groups), *own_groups])
    only = [g for g in groups if g in reach and reach[g] <= carried]  # nothing else reaches g
    return Dependents(contacts, forums, only)


Reach = dict[str, set[str]]  # target group -> the contacts, forums, actors reaching it that day


def reach_of(now: SamverkanMap) -> Reach:
    reach: Reach = {group: set() for group in now.target_groups}
    facts: list[Contact | Forum | Actor] = [*now.contacts(), *now.forums(), *now.actors()]
    for fact in facts:
        for group in fact.target_groups:
            reach.setdefault(group, set()).add(fact.id)
    return reach


class TimeLimitedPresence(BaseRule):
    id = "time-limited-presence"
    title = _("Presence that ends with a project")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {"horizon_months": 12}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        reach, forums = reach_of(context.map), context.history.forums()
        # A recorded end after the horizon is reported too when collaboration rests on it:
        # a plan for after the money takes longer to make than the horizon is long.
        for ending in endings(context, settings.whole("horizon_months"), later=True):
            own = _own_groups(context.history, ending.subject)
            found = dependents(ending, forums, reach, own)
            receivers = _receivers(context.history, ending.subject)
            carries = found.contacts or found.forums
            if carries or (receivers and not ending.later):
                yield self._flag(context, ending, found, receivers)

    def _flag(
        self, context: RuleContext, ending: Ending, found: Dependents, receivers: list[str]
    ) -> Flag:
        history, subject = context.history, ending.subject
        ended = last_day(ending.end) < context.day
        owners = _owners(history, subject)
        handover = _finsam_handover(history, subject)

        def explain(lang: Lang) -> str:
            sentences = [_ends_sentence(history, ending, ended, lang)]
            if found.contacts:
                sentences.append(
                    ngettext(
                        "{a} carries {n} contact: {list}.",
                        "{a} carries {n} contacts: {list}.",
                        len(found.contacts),
                    )
                    .format(
                        a=history.name(subject),
                        list=listing(
                            [contact_text(history, c, lang) for c in found.contacts], lang
                        ),
                    )
                    .text(lang)
                )
            if found.forums:
                sentences.append(
                    _("Forums that depend on {a}: {f}.")
                    .text(lang)
                    .format(
                        a=history.name(subject),
                        f=names(history, [f.id for f in found.forums], lang),
                    )
                )
            if found.only_reach:
                sentences.append(
                    _("It is the only thing that reaches {g}.")
                    .text(lang)
                    .format(g=names(history, found.only_reach, lang))
                )
            if owners:
                sentences.append(
                    _("Owners: {o}.").text(lang).format(o=names(history, owners, lang))
                )
            if receivers:
                sentences.append(
                    _("The method is to be taken over by {r}.")
                    .text(lang)
                    .format(r=names(history, receivers, lang))
                )
            if ending.pending:
                sentences.append(
                    _("Further funding is not granted ({p}).")
                    .text(lang)
                    .format(p=_pending_text(history, ending.pending, lang))
                )
            sentences.append(_carried_on_text(history, handover, lang))
            return " ".join(sentences)

        return self.flag(
            context,
            lazy(lambda lang: f"{history.name(subject)} {ends_text(ending.end, lang, past=ended)}"),
            lazy(explain),
            actors=[subject, *ending.funders(), *owners, *receivers],
            contacts=[c.id for c in found.contacts],
            forums=[f.id for f in found.forums],
            proof=evidence(
                _subject_facts(history, subject),
                ending.fundings,
                found.contacts,
                found.forums,
                handover.facts(history) if handover else (),
            ),
            severity=_severity(context, ending, found),
            subject=_element_subject(history, subject),
            stated=True,  # the end is a recorded date, not an inference
        )


@dataclass(frozen=True)
class Handover:
    """A recorded implementation that hands the work only to receivers on Finsam money."""

    event: Event
    receivers: list[str]

    def facts(self, history: SamverkanMap) -> list[Fact]:
        money = [f for r in self.receivers for f in history.fundings_of(r)]
        return [self.event, *map(history.actor, self.receivers), *money]


def _finsam_handover(history: SamverkanMap, subject: str) -> Handover | None:
    event = implementations(history).get(subject)
    receivers = handed_to_finsam_money(history, subject)
    return Handover(event, receivers) if event and receivers else None


def _carried_on_text(history: SamverkanMap, handover: Handover | None, lang: Lang) -> str:
    """What is recorded to carry the work on: nothing, or only more Finsam money."""
    if handover is None:
        return _("No implementation or further granted funding is recorded.").text(lang)
    return (
        _(
            "The implementation recorded on {d} hands the work to {r}, which rests on the förbund's money: still an insats, not ordinary work."
        )
        .text(lang)
        .format(d=label(handover.event.date, lang), r=names(history, handover.receivers, lang))
    )


def _severity(context: RuleContext, ending: Ending, found: Dependents) -> Severity:
    """High when it is the only reach of a target group; a step lower when the end is after
    the horizon (there is still time to decide what comes after)."""
    severity = Severity.HIGH if found.only_reach else context.severity
    return lower(severity) if ending.later else severity


def _ends_sentence(history: SamverkanMap, ending: Ending, ended: bool, lang: Lang) -> str:
    text = f"{history.name(ending.subject)} {ends_text(ending.end, lang, past=ended)}"
    funders = ending.funders()
    if funders:
        text += _(" (funded by {f})").text(lang).format(f=names(history, funders, lang))
    return text + "."


def _pending_text(history: SamverkanMap, pending: tuple[Funding, ...], lang: Lang) -> str:
    return listing([f"{history.name(f.funder)}: {f.status.label(lang)}" for f in pending], lang)


def _subject_facts(history: SamverkanMap, subject: str) -> list[Fact]:
    if history.has_actor(subject):
        return [history.actor(subject)]
    return [history.forum(subject)] if subject in history.graph else []


def _owners(history: SamverkanMap, subject: str) -> list[str]:
    return list(history.actor(subject).owners) if history.has_actor(subject) else []


def _own_groups(history: SamverkanMap, subject: str) -> tuple[str, ...]:
    """The target groups an ending project works for itself (none for a forum or funding)."""
    return history.actor(subject).target_groups if history.has_actor(subject) else ()


def _receivers(history: SamverkanMap, subject: str) -> list[str]:
    return list(history.actor(subject).receivers) if history.has_actor(subject) else []


class ImplementationGap(BaseRule):
    id = "implementation-gap"
    title = _("Implementation without contact")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {"horizon_months": 12}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        history = context.history
        for ending in endings(context, settings.whole("horizon_months")):
            receivers = _receivers(history, ending.subject)
            unreached = [r for r in receivers if not _in_contact(history, ending, r)]
            if unreached:
                yield self._flag(context, ending, unreached)

    def _flag(self, context: RuleContext, ending: Ending, unreached: list[str]) -> Flag:
        history, subject = context.history, ending.subject
        ended = last_day(ending.end) < context.day

        def explain(lang: Lang) -> str:
            return " ".join(
                [
                    _ends_sentence(history, ending, ended, lang),
                    _(
                        "{r} is to take over the method but has no contact with the project in the map."
                    )
                    .text(lang)
                    .format(r=names(history, unreached, lang)),
                ]
            )

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("{p}: receivers without contact").text(lang).format(p=history.name(subject))
                )
            ),
            lazy(explain),
            actors=[subject, *unreached],
            proof=evidence(_subject_facts(history, subject), ending.fundings),
            subject=_element_subject(history, subject),
        )


def _in_contact(history: SamverkanMap, ending: Ending, receiver: str) -> bool:
    """A contact of the project (or its units) with the receiver or a unit under it; or the
    receiver is part of an owner's organisation, which hands the work over inside itself."""
    organisation = history.organisation(receiver)
    if any(history.organisation(o) == organisation for o in _owners(history, ending.subject)):
        return True
    return any(
        receiver in line_of(history, end) for c in ending.contacts for end in (c.actor_a, c.actor_b)
    )


def _pooled(now: SamverkanMap, funder: str) -> bool:
    """A förbund's money is already its members' pooled money: several funders behind one
    (by law at least a kommun, the region, AF and FK, whether or not the map records them)."""
    if now.has_actor(funder) and now.actor(funder).kind is ActorKind.FEDERATION:
        return True
    return len({m.funder for m in now.members_of(funder)}) > 1


class SingleFunder(BaseRule):
    id = "single-funder"
    title = _("A single funder")
    severity = Severity.LOW
    defaults: Mapping[str, Setting] = {}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        now = context.map
        recipients = sorted({f.recipient for f in now.fundings.values()})
        for recipient in recipients:
            funding = [f for f in now.fundings_of(recipient) if f.status is not FundingStatus.ENDED]
            funders = list(dict.fromkeys(f.funder for f in funding))
            co_funded = all(f.share is not None and f.share < 100 for f in funding)
            if len(funders) == 1 and not co_funded and not _pooled(now, funders[0]):
                yield self._flag(context, recipient, funders[0], funding)

    def _flag(
        self, context: RuleContext, recipient: str, funder: str, funding: list[Funding]
    ) -> Flag:
        history = context.history

        def explain(lang: Lang) -> str:
            return (
                _("{r} is funded by {f} alone; if that funding stops there is no other.")
                .text(lang)
                .format(r=history.name(recipient), f=history.name(funder))
            )

        return self.flag(
            context,
            lazy(
                lambda lang: _("{r}: a single funder").text(lang).format(r=history.name(recipient))
            ),
            lazy(explain),
            actors=[recipient, funder] if history.has_actor(recipient) else [funder],
            forums=[] if history.has_actor(recipient) else [recipient],
            proof=evidence(funding),
            subject=_element_subject(history, recipient),
        )


def _element_subject(history: SamverkanMap, element: str) -> str:
    """A project (an actor) or a funded forum: what ends is the finding's subject, so the
    end, its missing receivers and its single funder read as one finding."""
    return subject_of("actor" if history.has_actor(element) else "forum", element)
