"""Rules about how contacts are experienced and told: weak or worse than before, rated far
apart by two sources, or named by one side only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping

from samverkan.contract import RuleContext, Setting
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, lazy
from samverkan.metrics import metrics_of, pair_key
from samverkan.model import (
    COLLABORATION,
    QUALITY,
    Contact,
    Flag,
    Level,
    Scale,
    Severity,
    Source,
    normalise,
    pair_subject,
)
from samverkanskartan.rules.base import (
    BaseRule,
    Settings,
    contact_text,
    evidence,
    listing,
)


class WeakOrDegradedContact(BaseRule):
    id = "weak-or-degraded-contact"
    title = _("Weak or degraded contact")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {"max_quality": 2, "min_drop": 2}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        past = metrics_of(context.history)
        current = {c.id for c in context.metrics.contacts}
        ended: dict[tuple[tuple[str, str], Level], list[Contact]] = defaultdict(list)
        for contact in past.contacts:
            if contact.id not in current and contact.quality is not None:
                ended[(_org_pair(past.organisation_of, contact), contact.level)].append(contact)
        weak, drop = settings.whole("max_quality"), settings.whole("min_drop")
        for contact in context.metrics.contacts:
            if contact.quality is None:
                continue
            key = (_org_pair(past.organisation_of, contact), contact.level)
            earlier = [
                e
                for e in ended.get(key, [])
                if _groups_overlap(e, contact)
                and e.quality is not None
                and e.quality - contact.quality >= drop
            ]
            best = max(earlier, key=lambda e: e.quality or 0, default=None)
            if contact.quality <= weak or best is not None:
                yield self._flag(context, contact, best)

    def _flag(self, context: RuleContext, contact: Contact, earlier: Contact | None) -> Flag:
        m, history = context.map, context.history
        quality = contact.quality or 0

        def explain(lang: Lang) -> str:
            text = (
                _("The contact {c} is experienced as {q}.")
                .text(lang)
                .format(c=contact_text(m, contact, lang), q=_rated(quality, lang))
            )
            if earlier is not None and earlier.quality is not None:
                text += " " + _("It used to be {q}: {c}.").text(lang).format(
                    q=_rated(earlier.quality, lang), c=contact_text(history, earlier, lang)
                )
            return text

        degraded = earlier is not None
        return self.flag(
            context,
            lazy(
                lambda lang: (
                    (_("Degraded contact").text(lang) if degraded else _("Weak contact").text(lang))
                    + f": {m.name(contact.actor_a)} – {m.name(contact.actor_b)} ({contact.level.label(lang)})"
                )
            ),
            lazy(explain),
            actors=[
                contact.actor_a,
                contact.actor_b,
                *((earlier.actor_a, earlier.actor_b) if earlier else ()),
            ],
            contacts=[contact.id, *([earlier.id] if earlier else [])],
            proof=evidence([contact], [earlier] if earlier else []),
            subject=pair_subject("pair", *_org_pair(context.metrics.organisation_of, contact)),
            stated=True,  # a source rated it
        )


def _rated(quality: int, lang: Lang) -> str:
    """'svag (2 av 5)', 'poor (2 of 5)': the word first, the step after it."""
    return _("{w} ({n} of 5)").text(lang).format(w=QUALITY.steps[quality].text(lang), n=quality)


def _org_pair(organisation_of: dict[str, str], contact: Contact) -> tuple[str, str]:
    return pair_key(organisation_of[contact.actor_a], organisation_of[contact.actor_b])


def _groups_overlap(a: Contact, b: Contact) -> bool:
    return (
        not a.target_groups
        or not b.target_groups
        or bool(set(a.target_groups) & set(b.target_groups))
    )


def source_key(contact: Contact) -> str:
    """The interview or document a contact was told in: its source, or its file."""
    if contact.source:
        return contact.source
    for origin in contact.provenance:
        if origin.source:
            return origin.source
    return contact.provenance[0].file if contact.provenance else ""


def source_title(samverkan_map: SamverkanMap, key: str) -> str:
    source = samverkan_map.sources.get(key)
    return source.title if source else key


class PerceptionMismatch(BaseRule):
    id = "perception-mismatch"
    title = _("Perception mismatch")
    severity = Severity.LOW
    defaults: Mapping[str, Setting] = {
        "min_difference": 2,
        "min_collaboration_difference": 2,
        "by_organisation": False,
    }

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        org = context.metrics.organisation_of
        by_org = settings.truth("by_organisation")
        groups: dict[tuple[tuple[str, str], Level], list[Contact]] = defaultdict(list)
        for contact in context.metrics.contacts:
            a, b = contact.actor_a, contact.actor_b
            pair = pair_key(org[a], org[b]) if by_org else pair_key(a, b)
            groups[(pair, contact.level)].append(contact)
        checks = [
            (QUALITY, "quality", settings.whole("min_difference")),
            (COLLABORATION, "collaboration", settings.whole("min_collaboration_difference")),
        ]
        # only pairs told more than once can disagree; sorting those alone is the cheap part
        told_twice = sorted(item for item in groups.items() if len(item[1]) > 1)
        for (pair, level), contacts in told_twice:
            for scale, attribute, minimum in checks:
                extremes = _far_apart(contacts, attribute, minimum)
                if extremes is not None:
                    yield self._flag(context, pair, level, scale, attribute, extremes)

    def _flag(
        self,
        context: RuleContext,
        pair: tuple[str, str],
        level: Level,
        scale: Scale,
        attribute: str,
        extremes: tuple[Contact, Contact],
    ) -> Flag:
        m = context.map
        low, high = extremes

        def rating(contact: Contact, lang: Lang) -> str:
            value: int = getattr(contact, attribute)
            return (
                _("{s} says {v}")
                .text(lang)
                .format(s=source_title(m, source_key(contact)), v=scale.label(value, lang))
            )

        def explain(lang: Lang) -> str:
            return (
                _(
                    "The sources see the {what} between {a} and {b} ({level}) differently: {r1}, but {r2}. Check how the relationship works – the difference is a finding in itself."
                )
                .text(lang)
                .format(
                    what=scale.name.text(lang),
                    a=m.name(pair[0]),
                    b=m.name(pair[1]),
                    level=level.label(lang),
                    r1=rating(high, lang),
                    r2=rating(low, lang),
                )
            )

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("Different views: {a} – {b}")
                    .text(lang)
                    .format(a=m.name(pair[0]), b=m.name(pair[1]))
                    + f" ({scale.name.text(lang)})"
                )
            ),
            lazy(explain),
            actors=[*pair, low.actor_a, low.actor_b, high.actor_a, high.actor_b],
            contacts=[low.id, high.id],
            proof=evidence([high, low]),
            subject=pair_subject("pair", *_org_pair(context.metrics.organisation_of, low)),
        )


def _far_apart(
    contacts: list[Contact], attribute: str, minimum: int
) -> tuple[Contact, Contact] | None:
    """The lowest- and highest-rated contacts from two different sources, if far enough apart."""
    lowest: dict[str, Contact] = {}
    highest: dict[str, Contact] = {}
    for contact in contacts:
        value = getattr(contact, attribute)
        if value is None:
            continue
        key = source_key(contact)
        if key not in lowest or value < getattr(lowest[key], attribute):
            lowest[key] = contact
        if key not in highest or value > getattr(highest[key], attribute):
            highest[key] = contact
    best: tuple[int, Contact, Contact] | None = None
    for low_source, low in lowest.items():
        for high_source, high in highest.items():
            gap = getattr(high, attribute) - getattr(low, attribute)
            if low_source != high_source and gap >= minimum and (best is None or gap > best[0]):
                best = (gap, low, high)
    return (best[1], best[2]) if best else None


class OneSidedContact(BaseRule):
    id = "one-sided-contact"
    title = _("One-sided contact")
    severity = Severity.LOW
    defaults: Mapping[str, Setting] = {}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        m, metrics = context.map, context.metrics
        side_of_source = _source_sides(context)
        interviewed: dict[str, list[Source]] = defaultdict(list)
        for source_id, org in side_of_source.items():
            interviewed[org].append(m.sources[source_id])
        for (a, b), contacts in sorted(metrics.contacts_by_organisations.items()):
            if a == b:
                continue
            sides = set()
            for contact in contacts:
                source = m.sources.get(source_key(contact))  # a Källa is merged to an id
                sides.add(side_of_source.get(source.id) if source else None)
            if len(sides) != 1 or None in sides:
                continue  # named by both, by a third party, or by a source of unknown side
            teller = sides.pop()
            silent = b if teller == a else a
            if teller in (a, b) and interviewed.get(silent):
                yield self._flag(context, teller or "", silent, contacts, interviewed)

    def _flag(
        self,
        context: RuleContext,
        teller: str,
        silent: str,
        contacts: list[Contact],
        interviewed: dict[str, list[Source]],
    ) -> Flag:
        m = context.map

        def explain(lang: Lang) -> str:
            return (
                _(
                    "The contact between {a} and {b} ({list}) is named only by sources from {a}, although {b} was interviewed too ({sources}). Check whether {b} sees the same contact – it may be weaker than it looks from one side."
                )
                .text(lang)
                .format(
                    a=m.name(teller),
                    b=m.name(silent),
                    list=listing([contact_text(m, c, lang) for c in contacts], lang, 3),
                    sources=listing([s.title for s in interviewed[silent]], lang, 3),
                )
            )

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("{a} – {b}: named by one side only")
                    .text(lang)
                    .format(a=m.name(teller), b=m.name(silent))
                )
            ),
            lazy(explain),
            actors=[teller, silent],
            contacts=[c.id for c in contacts],
            proof=evidence(contacts, interviewed[silent]),
            subject=pair_subject("pair", teller, silent),
        )


def _source_sides(context: RuleContext) -> dict[str, str]:
    """Source id -> the organisation of the person interviewed (Källor: Aktör)."""
    m, history = context.map, context.history
    names: dict[str, set[str]] = defaultdict(set)
    for actor in history.actors():
        for name in (actor.id, actor.name, *actor.aliases):
            names[normalise(name)].add(actor.id)
    past = metrics_of(history)
    sides = {}
    for source in m.sources.values():
        actor_id = _interviewed_at(history, source, names.get(normalise(source.actor or "")))
        if actor_id is not None:
            sides[source.id] = (
                context.metrics.organisation_of.get(actor_id) or (past.organisation_of[actor_id])
            )
    return sides


def _interviewed_at(history: SamverkanMap, source: Source, ids: set[str] | None) -> str | None:
    """The one actor a source's Aktör names: of two called 'Socialtjänsten', the one
    declared in the source's own workbook; None if that does not decide (never the first
    one met, which would follow the file names)."""
    if ids and len(ids) > 1:
        files = {origin.file for origin in source.provenance[:1]}
        ids = {i for i in ids if files & {o.file for o in history.actor(i).provenance}}
    return next(iter(ids)) if ids and len(ids) == 1 else None
