"""Rules about forums and target groups: forums that meet too seldom, rest or lose members,
and target groups that nobody reaches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from samverkan.contract import RuleContext, Setting
from samverkan.dates import label
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Message, _, lazy, ngettext, verbatim
from samverkan.metrics import metrics_of
from samverkan.model import (
    Actor,
    Contact,
    Flag,
    Forum,
    ForumStatus,
    Gap,
    Severity,
    TargetGroup,
    subject,
)
from samverkanskartan.rules.base import (
    BaseRule,
    Settings,
    begins_after,
    closed_when,
    contact_start,
    contact_text,
    evidence,
    listing,
    lower,
    per_year,
    quoted,
)


class InfrequentOrDormantForum(BaseRule):
    id = "infrequent-or-dormant-forum"
    title = _("Infrequent or dormant forum")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {
        "min_per_year": 2.0,
        "max_days_since_meeting": 365,
        "lookback_days": 730,
    }

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        history, day = context.history, context.day
        oldest = day - timedelta(days=settings.whole("lookback_days"))
        for forum in sorted(history.forums(), key=lambda f: f.id):
            reasons: list[Message] = []
            lost: list[str] = []
            verdict = HAS_ENDED
            if forum.valid.end is not None and forum.valid.end < day:
                if forum.valid.end >= oldest:
                    reasons.append(_ended(forum))
            elif forum.valid.contains(day):
                current = context.map.forum(forum.id)
                reasons.extend(_state(current, settings, context))
                verdict = VERDICTS.get(current.status, MEETS_RARELY)
                lost = [m for m in forum.members if m not in current.members]
                lost = [m for m in lost if _left_since(history.actor(m), oldest, day)]
                if lost:
                    reasons.append(_lost_members(context, current, lost))
            if reasons:
                yield self._flag(context, forum, reasons, lost, verdict)

    def _flag(
        self,
        context: RuleContext,
        forum: Forum,
        reasons: list[Message],
        lost: list[str],
        verdict: Message,
    ) -> Flag:
        history = context.history
        past = metrics_of(history)
        lost_actors = [history.actor(m) for m in lost]
        closures = [
            e for e in history.events.values() if e.actor in set(lost) or e.actor == forum.id
        ]
        explanation = reasons[0]
        for reason in reasons[1:]:
            explanation = explanation + verbatim(" ") + reason
        return self.flag(
            context,
            lazy(
                lambda lang: (
                    f"{forum.name}: " + _("lost members").text(lang)
                    if lost
                    else verdict.text(lang).format(f=forum.name)
                )
            ),
            explanation,
            actors=[*lost, *(past.organisation_of[m] for m in lost)],
            forums=[forum.id],
            proof=evidence([forum], closures, lost_actors),
            # A forum that lost the one member that closed is part of that closure's finding.
            subject=subject("actor", lost[0]) if len(lost) == 1 else subject("forum", forum.id),
        )


# The title says which it is: a steering group stumbled on "sällan, vilande eller upphört"
# above a text that said the forum had ended.
HAS_ENDED = _("{f} has ended")
MEETS_RARELY = _("{f} meets rarely")
VERDICTS = {ForumStatus.ENDED: HAS_ENDED, ForumStatus.DORMANT: _("{f} is dormant")}


def _left_since(actor: Actor, oldest: date, day: date) -> bool:
    """The member ended within the look-back window (not one that has yet to start)."""
    end = actor.valid.end
    return end is not None and oldest <= end < day


def _ended(forum: Forum) -> Message:
    def explain(lang: Lang) -> str:
        day, exact = closed_when(forum, lang) or ("?", True)
        message = _("{f} ended on {d}.") if exact else _("{f} ended during {d}.")
        return message.text(lang).format(f=forum.name, d=day)

    return lazy(explain)


def _state(forum: Forum, settings: Settings, context: RuleContext) -> list[Message]:
    found = []
    minimum = settings.number("min_per_year")
    if forum.status in (ForumStatus.DORMANT, ForumStatus.ENDED):
        found.append(
            lazy(
                lambda lang: (
                    _("{f} has the status {s}.")
                    .text(lang)
                    .format(f=forum.name, s=forum.status.label(lang))
                )
            )
        )
    if forum.cadence_per_year is not None and forum.cadence_per_year < minimum:
        cadence = forum.cadence_per_year
        found.append(
            lazy(
                lambda lang: (
                    _("{f} meets {c}, less than {m}.")
                    .text(lang)
                    .format(f=forum.name, c=per_year(cadence, lang), m=per_year(minimum, lang))
                )
            )
        )
    last = forum.last_meeting
    limit = settings.whole("max_days_since_meeting")
    if last is not None and (context.day - last).days > limit:
        days = (context.day - last).days
        found.append(
            lazy(
                lambda lang: (
                    _("The last meeting of {f} was on {d} ({n} days ago).")
                    .text(lang)
                    .format(f=forum.name, d=last.isoformat(), n=days)
                )
            )
        )
    return found


def _lost_members(context: RuleContext, forum: Forum, lost: list[str]) -> Message:
    history, metrics = context.history, context.metrics
    past = metrics_of(history)
    remaining_orgs = {metrics.organisation_of[m] for m in forum.members}

    def explain(lang: Lang) -> str:
        parts = []
        for member in lost:
            org = past.organisation_of[member]
            text = history.name(member)
            ended = closed_when(history.actor(member), lang)
            if ended:
                message = _(" (ended {d})") if ended[1] else _(" (ended during {d})")
                text += message.text(lang).format(d=ended[0])
            if org != member and org in remaining_orgs:
                text += _("; {o} remains through others").text(lang).format(o=history.name(org))
            elif org != member:
                text += _("; {o} no longer takes part").text(lang).format(o=history.name(org))
            parts.append(text)
        return (
            _("{f} has lost {n}: {list}.")
            .text(lang)
            .format(
                f=forum.name,
                n=ngettext("{n} member", "{n} members", len(lost)).text(lang),
                list=listing(parts, lang),
            )
        )

    return lazy(explain)


class UncoveredTargetGroup(BaseRule):
    id = "uncovered-target-group"
    title = _("Uncovered target group")
    severity = Severity.HIGH
    defaults: Mapping[str, Setting] = {"count_dormant_forums": False}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        m = context.map
        dormant_counts = settings.truth("count_dormant_forums")
        reached = {g for c in context.metrics.contacts for g in c.target_groups}
        reached.update(g for actor in m.actors() for g in actor.target_groups)  # a project's own
        for forum in context.metrics.forums:
            if forum.status is ForumStatus.ACTIVE or dormant_counts:
                reached.update(forum.target_groups)
        named_in: dict[str, list[Gap]] = defaultdict(list)
        for gap in m.gaps.values():
            for group_id in gap.target_groups:
                named_in[group_id].append(gap)
        for group in sorted(m.target_groups.values(), key=lambda g: g.id):
            if group.id not in reached:
                yield self._flag(context, group, named_in.get(group.id, []))

    def _flag(self, context: RuleContext, group: TargetGroup, gaps: list[Gap]) -> Flag:
        m = history = context.history
        reaching = [c for c in metrics_of(history).contacts if group.id in c.target_groups]
        later = [c for c in reaching if begins_after(history, c, context.day)]
        earlier = [c for c in reaching if c not in later]
        # projects that work for the group themselves, before the day or after it
        own = [a for a in history.actors() if group.id in a.target_groups]
        ended = [a for a in own if a.valid.end and a.valid.end < context.day]
        coming = [(a, a.valid.start) for a in own if a.valid.start and a.valid.start > context.day]

        def explain(lang: Lang) -> str:
            text = (
                _("No contact and no active forum in the map reaches the target group {g}.")
                .text(lang)
                .format(g=quoted(group.name))
            )
            if group.description:
                text += f" ({group.description})"
            if gaps:
                text += " " + _("It is named by {a}.").text(lang).format(
                    a=listing([m.name(g.actor) for g in gaps], lang)
                )
            before = [history.name(a.id) for a in ended]
            before += [contact_text(history, c, lang) for c in earlier]
            if before:
                text += " " + _("Earlier it was reached by {c}.").text(lang).format(
                    c=listing(before, lang, 3)
                )
            after = [_starting(a.name, start, lang) for a, start in coming]
            after += [_from_day(history, c, lang) for c in later]
            if after:
                text += " " + _("Later it is reached by {c}.").text(lang).format(
                    c=listing(after, lang, 3)
                )
            return text

        return self.flag(
            context,
            lazy(lambda lang: _("Nobody reaches {g}").text(lang).format(g=quoted(group.name))),
            lazy(explain),
            actors=[*(a for g in gaps for a in (g.actor, *g.counterparts)), *(a.id for a in own)],
            contacts=[c.id for c in earlier + later],
            proof=evidence([group], gaps, ended, [a for a, __ in coming], earlier, later),
            subject=subject("group", group.id),
            stated=bool(gaps),
            # work that is coming will reach the group: a wait, less urgent than nobody at all
            severity=lower(self.severity) if later or coming else None,
        )


def _from_day(history: SamverkanMap, contact: Contact, lang: Lang) -> str:
    """'PEAK – Arbetsförmedlingen (operativ, unga) från 2015', as precisely as it is known."""
    text, start = contact_text(history, contact, lang), contact_start(history, contact)
    return text if start is None else _starting(text, start, lang)  # None: planned, no day


def _starting(text: str, start: date, lang: Lang) -> str:
    """'PEAK från 2015': what will reach the group, and when, as precisely as it is known."""
    return text + _(" from {d}").text(lang).format(d=label(start, lang))
