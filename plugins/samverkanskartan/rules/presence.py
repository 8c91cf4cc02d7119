"""Rules about presence over time: a closed office or unit, and changes that are coming."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date, timedelta

from samverkan.contract import RuleContext, Setting
from samverkan.dates import label
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, join, lazy, ngettext
from samverkan.metrics import Metrics, metrics_of, pair_key
from samverkan.model import (
    Actor,
    ActorKind,
    Contact,
    Event,
    EventKind,
    Flag,
    Forum,
    FundingKind,
    Level,
    Severity,
    subject,
)
from samverkanskartan.rules.base import (
    BaseRule,
    Settings,
    closed_when,
    contact_text,
    evidence,
    implemented,
    line_of,
    listing,
    lower,
    names,
    organisation,
    sentence,
    shared_forums,
)


class LostLocalPresence(BaseRule):
    id = "lost-local-presence"
    title = _("Lost local presence")
    severity = Severity.HIGH
    defaults: Mapping[str, Setting] = {"lookback_days": 730}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        history, day = context.history, context.day
        oldest = day - timedelta(days=settings.whole("lookback_days"))
        closures = _events_by_actor(history, {EventKind.CLOSURE})
        lasting = _Lasting(context)
        for actor in history.actors():
            end = actor.valid.end
            if end is None or end >= day or context.map.has_actor(actor.id):
                continue
            lost = history.contacts_of(actor.id)
            forums = history.forums_of(actor.id)
            if not (lost or forums):
                continue
            # A project whose work nothing lasting took over is news however long ago it
            # ended: the work stopped when the money stopped. An old closure is news too
            # while those it worked with still state a gap with its organisation.
            unreplaced = lasting.unreplaced(actor, lost, forums)
            if oldest <= end or unreplaced or _still_felt(context, actor, lost, forums):
                events = closures.get(actor.id, [])
                flag = self._flag(context, actor, lost, forums, events, unreplaced)
                # older than the lookback: still true, less urgent than a closure just now
                yield flag if oldest <= end else replace(flag, severity=lower(flag.severity))

    def _flag(
        self,
        context: RuleContext,
        actor: Actor,
        lost: list[Contact],
        forums: list[Forum],
        events: list[Event],
        unreplaced: bool,
    ) -> Flag:
        history, now = context.history, context.map
        past, current = metrics_of(history), context.metrics
        organisation = past.organisation_of[actor.id]
        others = [c.actor_b if c.actor_a == actor.id else c.actor_a for c in lost]
        counterpart_orgs = _counterparts(context, actor, lost, [])

        def explain(lang: Lang) -> str:
            when = (label(events[0].date, lang), True) if events else closed_when(actor, lang)
            assert when is not None  # only actors with an end reach here
            closing = (
                (_("{a} closed on {d}") if when[1] else _("{a} closed during {d}"))
                .text(lang)
                .format(a=_with_parent(history, actor, organisation), d=when[0])
            )
            if events and events[0].description:
                closing += f": {events[0].description}"
            sentences = [sentence(closing)]
            if lost:
                sentences.append(
                    _("With that, {n} went: {list}.")
                    .text(lang)
                    .format(
                        n=ngettext("{n} contact", "{n} contacts", len(lost)).text(lang),
                        list=listing([contact_text(history, c, lang) for c in lost], lang),
                    )
                )
            if forums:
                sentences.append(
                    _("{a} took part in {f}.")
                    .text(lang)
                    .format(a=actor.name, f=names(history, [f.id for f in forums], lang))
                )
            if now.has_actor(organisation):
                sentences.extend(
                    _what_remains(history, now, current, organisation, other, lang)
                    for other in counterpart_orgs
                )
            else:  # the whole organisation is gone (a project of its own): who is left alone
                sentences.append(
                    _left_alone(history, now, current, organisation, counterpart_orgs, lang)
                )
            if unreplaced:
                sentences.append(
                    _(
                        "Nothing in ordinary work has taken over: what remains rests on projects or forums that end, or on nothing."
                    ).text(lang)
                )
            return " ".join(sentences)

        return self.flag(
            context,
            lazy(lambda lang: _("{a} has closed").text(lang).format(a=actor.name)),
            lazy(explain),
            actors=[actor.id, organisation, *others, *counterpart_orgs],
            contacts=[c.id for c in lost],
            forums=[f.id for f in forums],
            proof=evidence(events, [actor], lost, forums),
            subject=subject("actor", actor.id),
            stated=True,  # a recorded end of the office, not an inference
        )


def _counterparts(
    context: RuleContext, actor: Actor, lost: list[Contact], forums: list[Forum]
) -> list[str]:
    """The organisations the actor's contacts and forums tied it to, other than its own."""
    past, current = metrics_of(context.history), context.metrics
    organisation = past.organisation_of[actor.id]
    others = [c.actor_b if c.actor_a == actor.id else c.actor_a for c in lost]
    others += [m for f in forums for m in f.members]
    found = dict.fromkeys(_organisation(o, current, past) for o in others if o != actor.id)
    return [o for o in found if o != organisation]


def _still_felt(
    context: RuleContext, actor: Actor, lost: list[Contact], forums: list[Forum]
) -> bool:
    """A gap or wish on the analysis day between an organisation the closed actor worked
    with and the closed actor's own organisation: the loss is still felt ("saknar idag")."""
    closed = organisation(context, actor.id)
    others = set(_counterparts(context, actor, lost, forums))
    for gap in context.map.gaps.values():
        named = {organisation(context, x) for x in (*gap.other_actors, *gap.counterparts)}
        teller = organisation(context, gap.actor)
        if (teller in others and closed in named) or (teller == closed and named & others):
            return True
    return False


class _Lasting:
    """Whether what an ended project carried lives on in ordinary work on the analysis day."""

    def __init__(self, context: RuleContext) -> None:
        self.context = context
        history = context.history
        self.time_limited = {a.id for a in history.actors() if a.kind is ActorKind.PROJECT} | {
            f.recipient for f in history.fundings.values() if f.kind is FundingKind.FUNDING
        }
        self.implemented = implemented(history)
        self._limited_line: dict[str, bool] = {}

    def unreplaced(self, actor: Actor, lost: list[Contact], forums: list[Forum]) -> bool:
        """A project (or funded insats), not implemented, that left an organisation it worked
        with without a lasting tie: no open-ended contact outside projects, no open-ended
        shared forum. Checked only for time-limited actors: an office that closed long ago
        is history (the lookback)."""
        if actor.id not in self.time_limited or actor.id in self.implemented:
            return False
        organisation = metrics_of(self.context.history).organisation_of[actor.id]
        return any(
            not self._tied(organisation, other)
            for other in _counterparts(self.context, actor, lost, forums)
        )

    def _tied(self, organisation: str, other: str) -> bool:
        metrics = self.context.metrics
        contacts = metrics.contacts_by_organisations.get(pair_key(organisation, other), [])
        if any(c.valid.end is None and not self._in_project(c) for c in contacts):
            return True
        return any(
            f.valid.end is None
            for f in shared_forums(metrics, organisation, other, active_only=False)
        )

    def _in_project(self, contact: Contact) -> bool:
        return self._limited(contact.actor_a) or self._limited(contact.actor_b)

    def _limited(self, actor_id: str) -> bool:
        """The actor is, or is part of, something time-limited."""
        if actor_id not in self._limited_line:
            line = line_of(self.context.history, actor_id)
            self._limited_line[actor_id] = bool(line & self.time_limited)
        return self._limited_line[actor_id]


def _organisation(actor_id: str, current: Metrics, past: Metrics) -> str:
    return current.organisation_of.get(actor_id) or past.organisation_of[actor_id]


def _with_parent(history: SamverkanMap, actor: Actor, organisation: str) -> str:
    if organisation == actor.id:
        return actor.name
    return f"{actor.name} ({history.name(organisation)})"


def _left_alone(
    history: SamverkanMap,
    now: SamverkanMap,
    current: Metrics,
    organisation: str,
    others: list[str],
    lang: Lang,
) -> str:
    """That the organisation is gone, and which of those it worked with have no contact and
    no forum left in the map on the analysis day."""
    tied = {
        x for pair, contacts in current.contacts_by_organisations.items() if contacts for x in pair
    }
    tied |= {o for o, forums in current.forums_of_organisation.items() if forums}
    alone = [o for o in others if now.has_actor(o) and o not in tied]
    text = _("{o} is no longer in the map.").text(lang).format(o=history.name(organisation))
    if alone:
        text += " " + ngettext(
            "Of those {o} worked with, {list} has no contact and no forum left in the map.",
            "Of those {o} worked with, {list} have no contact and no forum left in the map.",
            len(alone),
        ).format(o=history.name(organisation), list=names(now, alone, lang)).text(lang)
    return text


def _what_remains(
    history: SamverkanMap,
    now: SamverkanMap,
    current: Metrics,
    organisation: str,
    other: str,
    lang: Lang,
) -> str:
    """What still ties the two organisations together on the analysis day."""
    if not now.has_actor(other):
        return _("{o} is no longer in the map.").text(lang).format(o=history.name(other))
    contacts = current.contacts_by_organisations.get(pair_key(organisation, other), [])
    shared = shared_forums(current, organisation, other, active_only=False)
    pair = _("Between {a} and {b}").text(lang).format(a=now.name(organisation), b=now.name(other))
    if not contacts and not shared:
        return pair + _(" no contact and no shared forum remain.").text(lang)
    remains = []
    if contacts:
        remains.append(_contact_count(contacts, lang))
    if shared:
        remains.append(
            ngettext("the forum {f}", "the forums {f}", len(shared))
            .format(f=names(now, [f.id for f in shared], lang))
            .text(lang)
        )
    return pair + _(" there still are {list}.").format(list=join(remains, lang)).text(lang)


def _contact_count(contacts: list[Contact], lang: Lang) -> str:
    """'1 kontakt (operativ)', '3 kontakter (strategisk: 1, operativ: 2)'."""
    counts = [(level, sum(1 for c in contacts if c.level is level)) for level in Level]
    present = [(level, count) for level, count in counts if count]
    if len(present) == 1:
        levels = present[0][0].label(lang)
    else:
        levels = ", ".join(f"{level.label(lang)}: {count}" for level, count in present)
    total = ngettext("{n} contact", "{n} contacts", len(contacts)).text(lang)
    return f"{total} ({levels})"


def _events_by_actor(samverkan_map: SamverkanMap, kinds: set[EventKind]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = defaultdict(list)
    for event in sorted(samverkan_map.events.values(), key=lambda e: e.date):
        if event.actor and event.kind in kinds:
            found[event.actor].append(event)
    return found


class OrganisationalChange(BaseRule):
    """Reorganisations and staff turnover near the analysis day, and closures to come."""

    id = "organisational-change"
    title = _("Organisational change")
    severity = Severity.LOW
    defaults: Mapping[str, Setting] = {"lookback_days": 365, "lookahead_days": 365}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        day, history = context.day, context.history
        first = day - timedelta(days=settings.whole("lookback_days"))
        last = day + timedelta(days=settings.whole("lookahead_days"))
        kinds = {EventKind.REORGANISATION, EventKind.STAFF_TURNOVER}
        for event in sorted(history.events.values(), key=lambda e: (e.date, e.id)):
            upcoming_closure = event.kind is EventKind.CLOSURE and day < event.date
            if not event.actor or not (first <= event.date <= last):
                continue
            if event.kind in kinds or upcoming_closure:
                yield self._flag(context, event, day)

    def _flag(self, context: RuleContext, event: Event, day: date) -> Flag:
        history = context.history
        changed = event.actor
        assert changed is not None
        is_actor = history.has_actor(changed)
        contacts = history.contacts_of(changed) if is_actor else []
        contacts = [c for c in contacts if c.valid.contains(min(day, event.date))]
        forums = history.forums_of(changed) if is_actor else []
        coming = day < event.date

        def explain(lang: Lang) -> str:
            what = {
                EventKind.REORGANISATION: _("is reorganised").text(lang),
                EventKind.STAFF_TURNOVER: _("changes staff").text(lang),
                EventKind.CLOSURE: _("closes").text(lang),
            }.get(event.kind, event.kind.label(lang))
            if event.kind is EventKind.REORGANISATION and event.new_parent:
                what = _("moves to {p}").text(lang).format(p=history.name(event.new_parent))
            when = (_("from {d}") if coming else _("since {d}")).format(d=label(event.date, lang))
            text = f"{history.name(changed)} {what} {when.text(lang)}."
            if event.description:
                text += f" ({event.description})"
            if contacts or forums:
                text += " " + _(
                    "This affects {n}{c} and {m}{f}; make sure they are handed on."
                ).text(lang).format(
                    n=ngettext("{n} contact", "{n} contacts", len(contacts)).text(lang),
                    c=": " + listing([contact_text(history, c, lang) for c in contacts], lang)
                    if contacts
                    else "",
                    m=ngettext("{n} forum", "{n} forums", len(forums)).text(lang),
                    f=" (" + names(history, [f.id for f in forums], lang) + ")" if forums else "",
                )
            return text

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("{a}: {k} {d}")
                    .text(lang)
                    .format(
                        a=history.name(changed), k=event.kind.label(lang), d=label(event.date, lang)
                    )
                )
            ),
            lazy(explain),
            actors=([changed] + ([event.new_parent] if event.new_parent else []))
            if is_actor
            else [],
            forums=[] if is_actor else [changed],
            contacts=[c.id for c in contacts],
            proof=evidence([event], contacts),
            subject=_change_subject(event, changed, is_actor),
            # A change still to come is one to prepare for: a step more severe, and recorded.
            severity=Severity(min(int(context.severity) + 1, Severity.HIGH)) if coming else None,
            stated=True,
        )


def _change_subject(event: Event, changed: str, is_actor: bool) -> str:
    """Units that move to the same board on the same day are one reorganisation."""
    if event.kind is EventKind.REORGANISATION and event.new_parent:
        return subject("move", event.new_parent, event.date.isoformat())
    return subject("actor" if is_actor else "forum", changed)
