"""Rules about levels and wishes: operational work without a strategic platform, unmet
wishes, and the gaps interviewees named themselves. All compare organisations (the top of
each actor's parent chain), so a unit's contact counts for its municipality or agency."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from samverkan.contract import RuleContext, Setting
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, lazy, ngettext, verbatim
from samverkan.metrics import Metrics, metrics_of, pair_key
from samverkan.model import (
    ActorKind,
    Contact,
    Flag,
    Forum,
    ForumStatus,
    FundingKind,
    FundingStatus,
    Gap,
    GapKind,
    Level,
    Severity,
    pair_subject,
    subject,
)
from samverkanskartan.rules.base import (
    BaseRule,
    Settings,
    contact_text,
    evidence,
    listing,
    lower,
    names,
    organisation,
    per_year,
    quoted,
    sentence,
    shared_forums,
)


def federation_members(context: RuleContext, active_only: bool) -> dict[str, set[str]]:
    """Organisation -> the samordningsförbund it belongs to, as the map shows it: a förbund
    it has a strategic contact with, or that sits in (or convenes) a strategic forum with it.

    The one place a membership or funding relation joins in when the model records it.
    """
    m, metrics = context.map, context.metrics
    org = metrics.organisation_of
    ties: list[set[str]] = []
    for forum in metrics.forums:
        if forum.level is Level.STRATEGIC and (
            forum.status is ForumStatus.ACTIVE or not active_only
        ):
            ends = [*forum.members, *([forum.convener] if forum.convener else [])]
            ties.append({org.get(x, x) for x in ends})
    for pair, contacts in metrics.contacts_by_organisations.items():
        if any(c.level is Level.STRATEGIC for c in contacts):
            ties.append(set(pair))
    # An insats a förbund funds is steered by the förbund's board, where its members sit.
    # (A membership alone is no strategic channel between two members: Kävlinge and AF are
    # both members of Finsam Kävlinge–Lomma and still lack a platform of their own.)
    for funding in m.fundings.values():
        if funding.kind is FundingKind.FUNDING and funding.status is not FundingStatus.ENDED:
            ties.append({org.get(funding.funder, funding.funder), funding.recipient})
    members: dict[str, set[str]] = {}
    for tie in ties:
        federations = {x for x in tie if m.has_actor(x) and _is_federation(context, x)}
        for member in tie - federations if federations else ():
            members.setdefault(member, set()).update(federations)
    return members


def _steered_by(context: RuleContext, org: str) -> list[str]:
    """The organisation, and for a project the organisations of its owners: a project is
    steered through them (its steering group seats the owner, not the project)."""
    actor = context.map.actor(org)
    if actor.kind is not ActorKind.PROJECT:
        return [org]
    return list(dict.fromkeys([org, *(organisation(context, o) for o in actor.owners)]))


def _strategic_channel(
    metrics: Metrics, federations: dict[str, set[str]], a: str, b: str, active_only: bool
) -> bool:
    """A strategic contact, a shared strategic forum or a shared förbund between the two."""
    contacts = metrics.contacts_by_organisations.get(pair_key(a, b), [])
    if any(c.level is Level.STRATEGIC for c in contacts):
        return True
    forums = shared_forums(metrics, a, b, active_only)
    if any(f.level is Level.STRATEGIC for f in forums):
        return True
    return bool(federations.get(a, set()) & federations.get(b, set()))


def _is_federation(context: RuleContext, actor_id: str) -> bool:
    return context.map.actor(actor_id).kind is ActorKind.FEDERATION


class OperationalWithoutStrategic(BaseRule):
    """Operational work between two organisations with no strategic channel at any level.

    False alarms it guards against: a strategic contact between the organisations' own
    units or parents (organisations are compared, not units); a shared strategic forum; a
    förbund both belong to; the förbund itself, which is the strategic body; a project and
    the organisation that owns it, and a project whose owner has a strategic channel with
    the other party (the project's steering group seats its owner). Operational
    contacts all rated good lower the severity: the work runs well without a platform. A map
    that records no strategic contact, forum or wish at all gets one finding, a step lower,
    instead of one per pair: either the sources do not state levels (a Kumu file without
    connection types reads every connection as operativ) or nobody meets strategically.
    """

    id = "operational-without-strategic"
    title = _("Operational without strategic")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {
        "min_operational": 1,
        "count_dormant_forums": False,
        "good_quality": 4,
    }

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        now = {c.id for c in context.metrics.contacts}
        pairs = list(self._operational_only(context, settings))
        if pairs and not _records_strategic_level(context.history):
            yield self._no_strategic_level(context, pairs)
            return
        for a, b, operational, good in pairs:
            yield self._flag(context, a, b, operational, now, good)

    def _operational_only(
        self, context: RuleContext, settings: Settings
    ) -> Iterator[tuple[str, str, list[Contact], bool]]:
        """Each organisation pair with operational work and no strategic channel."""
        metrics = context.metrics
        minimum = settings.whole("min_operational")
        active_only = not settings.truth("count_dormant_forums")
        federations = federation_members(context, active_only)
        for (a, b), contacts in sorted(metrics.contacts_by_organisations.items()):
            if a == b or _is_federation(context, a) or _is_federation(context, b):
                continue
            operational = [c for c in contacts if c.level is Level.OPERATIONAL]
            if len(operational) < minimum or len(operational) < len(contacts):
                continue  # too little operational work, or a strategic contact exists
            steers_a, steers_b = _steered_by(context, a), _steered_by(context, b)
            if set(steers_a) & set(steers_b):
                continue  # a project and the organisation that owns it
            channels = (
                _strategic_channel(metrics, federations, x, y, active_only)
                for x in steers_a
                for y in steers_b
            )
            if not any(channels):
                yield (
                    a,
                    b,
                    operational,
                    _all_rated_good(operational, settings.whole("good_quality")),
                )

    def _no_strategic_level(
        self, context: RuleContext, pairs: list[tuple[str, str, list[Contact], bool]]
    ) -> Flag:
        m = context.map
        operational = [c for __, __2, contacts, __3 in pairs for c in contacts]

        def explain(lang: Lang) -> str:
            named = [f"{m.name(a)} – {m.name(b)}" for a, b, __, __2 in pairs]
            return (
                _(
                    "The map records no strategic contact, no strategic forum and no wish for strategic collaboration. {n} work together operationally only: {list}. If the sources do not state levels (a Kumu file without connection types), this says nothing; otherwise there is no place to set shared goals and resolve obstacles."
                )
                .text(lang)
                .format(
                    n=ngettext(
                        "{n} pair of organisations", "{n} pairs of organisations", len(pairs)
                    ).text(lang),
                    list=listing(named, lang, 6),
                )
            )

        return self.flag(
            context,
            _("No strategic collaboration in the map"),
            lazy(explain),
            actors=[x for a, b, __, __2 in pairs for x in (a, b)],
            contacts=[c.id for c in operational],
            # the rows in the order the files hold them: many rows, one finding
            proof=tuple(
                sorted(evidence(operational), key=lambda p: (p.file, p.sheet or "", p.row or 0))
            ),
            severity=lower(context.severity),
            subject=subject("map", "strategic-level"),
        )

    def _flag(
        self,
        context: RuleContext,
        a: str,
        b: str,
        operational: list[Contact],
        now: set[str],
        good: bool,
    ) -> Flag:
        m, history = context.map, context.history
        earlier_contacts, earlier_forums = _earlier_strategic(context, a, b, now)

        def explain(lang: Lang) -> str:
            text = (
                _(
                    "{a} and {b} work together operationally ({n}: {list}), but the map shows no strategic contact and no shared strategic forum between them. Without a strategic platform there is no place to set shared goals and resolve obstacles."
                )
                .text(lang)
                .format(
                    a=m.name(a),
                    b=m.name(b),
                    n=ngettext("{n} contact", "{n} contacts", len(operational)).text(lang),
                    list=listing([contact_text(m, c, lang) for c in operational], lang, 4),
                )
            )
            earlier = [contact_text(history, c, lang) for c in earlier_contacts]
            earlier += [history.name(f.id) for f in earlier_forums]
            if earlier:
                text += " " + _("Earlier there was: {e}.").text(lang).format(
                    e=listing(earlier, lang)
                )
            if good:
                text += " " + _("The operational work is experienced as good.").text(lang)
            return text

        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("{a} – {b}: operational only").text(lang).format(a=m.name(a), b=m.name(b))
                )
            ),
            lazy(explain),
            actors=[a, b, *(x for c in operational for x in (c.actor_a, c.actor_b))],
            contacts=[c.id for c in operational],
            forums=[f.id for f in earlier_forums],
            proof=evidence(operational, earlier_contacts, earlier_forums),
            severity=Severity.LOW if good else None,
            subject=_work_subject(context, a, b),
        )


def _records_strategic_level(history: SamverkanMap) -> bool:
    """Whether the map, on any day, holds a strategic contact, forum or wish: only then can
    the absence of one between two organisations be read as a finding."""
    levels: list[Level | None] = [c.level for c in history.contacts()]
    levels += [f.level for f in history.forums()] + [g.level for g in history.gaps.values()]
    return Level.STRATEGIC in levels


def _work_subject(context: RuleContext, a: str, b: str) -> str:
    """A project's partners are told about together with the project, in one finding: that
    the work has no strategic side is a fact about the project, not about each partner."""
    projects = [x for x in (a, b) if context.map.actor(x).kind is ActorKind.PROJECT]
    return subject("actor", projects[0]) if len(projects) == 1 else pair_subject("pair", a, b)


def _all_rated_good(contacts: list[Contact], good: int) -> bool:
    rated = [c.quality for c in contacts if c.quality is not None]
    return bool(rated) and min(rated) >= good


def _earlier_strategic(
    context: RuleContext, a: str, b: str, now_contacts: set[str]
) -> tuple[list[Contact], list[Forum]]:
    """Strategic contacts and forums the two organisations had in the history but not now."""
    past = metrics_of(context.history)
    contacts = [
        c
        for c in past.contacts_by_organisations.get(pair_key(a, b), [])
        if c.level is Level.STRATEGIC and c.id not in now_contacts
    ]
    forums = [f for f in shared_forums(past, a, b, active_only=False) if f.level is Level.STRATEGIC]
    return contacts, forums


class UnmetWish(BaseRule):
    id = "unmet-wish"
    title = _("Unmet wish")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {"unknown_cadence_meets": False}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        metrics = context.metrics
        by_organisation: dict[str, list[Contact]] = {}
        for (a, b), contacts in metrics.contacts_by_organisations.items():
            by_organisation.setdefault(a, []).extend(contacts)
            if a != b:
                by_organisation.setdefault(b, []).extend(contacts)
        unknown_meets = settings.truth("unknown_cadence_meets")
        for gap in sorted(context.map.gaps.values(), key=lambda g: g.id):
            if gap.kind is not GapKind.WISH:
                continue
            wisher = organisation(context, gap.actor)
            targets: list[str | None] = [organisation(context, c) for c in gap.counterparts]
            unmet: list[tuple[str | None, list[Contact], list[Forum]]] = []
            for target in targets or [None]:
                contacts, forums = _between(metrics, by_organisation, wisher, target)
                offers: list[Contact | Forum] = [*contacts, *forums]
                if not any(_meets(gap, x, unknown_meets) for x in offers):
                    unmet.append((target, contacts, forums))
            if unmet:
                yield self._flag(context, gap, unmet)

    def _flag(
        self,
        context: RuleContext,
        gap: Gap,
        unmet: list[tuple[str | None, list[Contact], list[Forum]]],
    ) -> Flag:
        m = context.history  # names: a counterpart may have closed since

        def explain(lang: Lang) -> str:
            text = (
                _("{a} wishes for {what}")
                .text(lang)
                .format(a=m.name(gap.actor), what=_wish_text(context, gap, lang))
            )
            if gap.description:
                text += f": {quoted(gap.description)}"
            text = (
                sentence(text)
                + " "
                + _("No contact and no active forum in the map meets the wish.").text(lang)
            )
            for target, contacts, forums in unmet:
                existing = [contact_text(m, c, lang) for c in contacts]
                existing += [_forum_text(context, f, lang) for f in forums]
                if target and existing:
                    text += " " + _("With {o} there is: {e}.").text(lang).format(
                        o=m.name(target), e=listing(existing, lang, 4)
                    )
            return text

        involved = [c for __, contacts, __2 in unmet for c in contacts]
        return self.flag(
            context,
            lazy(
                lambda lang: (
                    _("{a} wishes for {what}")
                    .text(lang)
                    .format(a=m.name(gap.actor), what=_wish_text(context, gap, lang))
                    + _excerpt(gap.description)
                )
            ),
            lazy(explain),
            actors=[gap.actor, *gap.counterparts, *(o for o, __3, __4 in unmet if o)],
            contacts=[c.id for c in involved],
            proof=evidence([gap]),
            subject=gap_subject(context, gap),
            stated=True,
        )


def gap_subject(context: RuleContext, gap: Gap) -> str:
    """What a stated gap or wish is about, so that it joins the finding on the same thing.

    With one counterpart organisation: the relation between the two organisations (where
    operational-without-strategic and the contact rules land too). Else the one target group
    it names; else the actor who told it.
    """
    wisher = organisation(context, gap.actor)
    others = list(dict.fromkeys(organisation(context, c) for c in gap.counterparts))
    if len(others) == 1 and others[0] != wisher:
        return pair_subject("pair", wisher, others[0])
    if len(gap.target_groups) == 1:
        return subject("group", gap.target_groups[0])
    return subject("actor", gap.actor)


def _excerpt(text: str, length: int = 40) -> str:
    """A few words of the wish, so that two wishes between the same actors can be told apart."""
    words = " ".join(text.replace("'", "").split())
    if not words:
        return ""
    short = words if len(words) <= length else words[:length].rsplit(" ", 1)[0] + "…"
    return f" ({quoted(short)})"


def _between(
    metrics: Metrics,
    by_organisation: dict[str, list[Contact]],
    wisher: str,
    target: str | None,
) -> tuple[list[Contact], list[Forum]]:
    """What exists between the wisher and the counterpart (or with anyone, if none named)."""
    if target is None:
        forums = metrics.forums_of_organisation.get(wisher, [])
        return by_organisation.get(wisher, []), [
            f for f in forums if f.status is ForumStatus.ACTIVE
        ]
    contacts = metrics.contacts_by_organisations.get(pair_key(wisher, target), [])
    return contacts, shared_forums(metrics, wisher, target)


def _meets(gap: Gap, item: Contact | Forum, unknown_meets: bool) -> bool:
    level = item.level
    groups = item.target_groups
    cadence = item.frequency_per_year if isinstance(item, Contact) else item.cadence_per_year
    if gap.level is not None and level is not gap.level:
        return False
    if gap.target_groups and groups and not set(gap.target_groups) & set(groups):
        return False
    if gap.wished_per_year is not None:
        if cadence is None:
            return unknown_meets
        return cadence >= gap.wished_per_year
    return True


def _wish_text(context: RuleContext, gap: Gap, lang: Lang) -> str:
    m = context.history
    level = gap.level.label(lang) + " " if gap.level else ""
    text = _("{level}collaboration").format(level=level).text(lang)
    if gap.counterparts:
        text += _(" with ").text(lang) + names(m, gap.counterparts, lang)
    if gap.target_groups:
        text += _(" for ").text(lang) + names(m, gap.target_groups, lang)
    if gap.wished_per_year is not None:
        text += ", " + per_year(gap.wished_per_year, lang)
    return text


def _forum_text(context: RuleContext, forum: Forum, lang: Lang) -> str:
    parts = [forum.level.label(lang)]
    if forum.cadence_per_year is not None:
        parts.append(per_year(forum.cadence_per_year, lang))
    return f"{forum.name} ({', '.join(parts)})"


# The kinds of row a source tells as a problem, with the title's lead and the sentence's
# start: a risk or a need a source names is as much a stated finding as a gap.
TOLD = {
    GapKind.GAP: (_("Gap: "), _("{a} describes a gap")),
    GapKind.RISK: (_("Risk: "), _("{a} describes a risk")),
    GapKind.NEED: (
        _("Need: "),
        _("{a} describes a need"),
    ),
}


class StatedGap(BaseRule):
    """A gap that an interviewee named: reported as it was told, with its source."""

    id = "stated-gap"
    title = _("Stated gap")
    severity = Severity.MEDIUM
    defaults: Mapping[str, Setting] = {}

    def find(self, context: RuleContext, settings: Settings) -> Iterator[Flag]:
        m = context.history  # names: the actor who told of the gap may have closed since
        for gap in sorted(context.map.gaps.values(), key=lambda g: g.id):
            if gap.kind not in TOLD:
                continue  # a wish is unmet-wish's

            def explain(lang: Lang, gap: Gap = gap) -> str:
                text = TOLD[gap.kind][1].format(a=m.name(gap.actor)).text(lang)
                if gap.counterparts:
                    text += _(" with {c}").text(lang).format(c=names(m, gap.counterparts, lang))
                if gap.level:
                    text += f" ({gap.level.label(lang)})"
                if gap.target_groups:
                    text += _(" for {g}").text(lang).format(g=names(m, gap.target_groups, lang))
                return sentence(text + (f": {quoted(gap.description)}" if gap.description else ""))

            between = " – ".join(m.name(x) for x in (gap.actor, *gap.counterparts))
            # the gap's first words, so that two gaps of one teller can be told apart
            heading = between + _excerpt(gap.description)
            yield self.flag(
                context,
                TOLD[gap.kind][0] + verbatim(heading),
                lazy(explain),
                actors=[gap.actor, *gap.counterparts],
                proof=evidence([gap]),
                subject=gap_subject(context, gap),
                stated=True,
                # A gap that names no counterpart and no target group is the teller's own
                # problem (recruitment, a missing unit), not a weak link: context, low.
                severity=None if gap.counterparts or gap.target_groups else Severity.LOW,
            )
