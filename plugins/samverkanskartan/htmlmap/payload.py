"""The data the HTML map draws: facts, flags, events, styles and every interface text.

The payload is lean and structured, so that a national map (10,000 actors, 50,000 contacts)
stays a few megabytes: facts carry ids and small numbers, names live once in the fact that
owns them, provenance is four indexes into tables of files, sheets and sources. The page's
script turns it into text for the reader with textContent, never as markup. Everything a
reader sees that is not user data comes from here, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from samverkan.contract import Analysis
from samverkan.findings import Finding
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Message, _, pgettext
from samverkan.layout import compute_layout, organisations
from samverkan.model import (
    COLLABORATION,
    QUALITY,
    Actor,
    ActorKind,
    Choice,
    Contact,
    EventKind,
    Fact,
    Flag,
    Forum,
    ForumStatus,
    GapKind,
    Level,
    Period,
    Provenance,
    Severity,
    SourceKind,
)
from samverkan.style import (
    CHANGE_COLOR,
    ENDED_COLOR,
    EVENT_COLOR,
    FONT_SIZE,
    FORUM_STYLE,
    KIND_STYLE,
    LABEL_WIDTH,
    LEGEND_WORDS,
    LEVEL_STYLE,
    LOST_COLOR,
    MEMBER_STYLE,
    PARENT_STYLE,
    SEVERITY_COLOR,
)
from samverkanskartan.htmlmap.simulation import simulations

# Dashed lines cost canvas time per segment: above this many lines the map styles contacts
# by colour and width only (measured: 3.7 s of a 6 s first draw at 10,000 actors).
DASHES_LIMIT = 3000
# The findings of every day the time slider offers cost one run of the rules per day: shipped
# for maps up to this size and this many days (the reference map: 39 actors, 23 days).
TIMELINE_ACTORS = 2000
TIMELINE_DAYS = 60

# What the page's first frame needs: per list of records the fields it reads before drawing
# (styles, positions, time, `w`: the severity of the element's most severe flag), and the
# lists it needs whole. Everything else, the flags included, goes in a second JSON block that
# the page parses right after that frame (map.js `finish`).
DRAW_FIELDS: dict[str, frozenset[str]] = {
    "actors": frozenset({"id", "name", "kind", "x", "y", "parent", "start", "end", "change", "w"}),
    "forums": frozenset(
        {"id", "name", "x", "y", "level", "members", "start", "end", "change", "memberChanges", "w"}
    ),
    "contacts": frozenset({"id", "a", "b", "l", "start", "end", "change", "w"}),
}
DRAW_WHOLE = frozenset(
    {"title", "lang", "day", "ui", "labels", "levels", "style", "font", "groups", "events"}
)
# Parts the page parses only when the reader asks for them, each in its own JSON block.
ON_DEMAND = frozenset({"whatif"})

DEFAULT_TITLE = _("Collaboration map")

UI: dict[str, Message] = {
    "legend": LEGEND_WORDS["legend"],
    "actorKinds": _("Actors"),
    "forum": LEGEND_WORDS["forum"],
    "levels": _("Contacts"),
    "membership": LEGEND_WORDS["membership"],
    "partOf": _("Unit that is part of an organisation"),
    "ended": _("Ended (grey)"),
    "endedSuffix": _(" (ended)"),
    "eventMark": _("Affected by an event"),
    "flags": _("Findings"),
    "flagSources": _("Sources"),
    "noFlags": _("No findings."),
    "moreFlags": _("Show more"),
    "left": _("left"),
    "andMore": _("and {n} more"),
    "mostImportant": _("Most important to raise"),
    "allFindings": _("All findings by severity"),
    "details": _("Details"),
    "clickHint": _("Click an actor, forum or contact to see its details and sources."),
    "asOf": _("As of"),
    "actors": _("actors"),
    "forums": _("forums"),
    "contacts": _("contacts"),
    "findings": _("findings"),
    # the header's word for a count of one: "1 aktör", "1 kontakt"
    "oneActor": _("actor"),
    "oneForum": _("forum"),
    "oneContact": _("contact"),
    "oneFinding": _("finding"),
    "severities": _("Flagged (badge and border colour by the most severe flag)"),
    "offline": _("Works without internet. Made with Samverkanskartan."),
    "search": _("Search name or alias"),
    "searchLabel": _("Search"),
    "suggestions": _("Suggestions"),
    "aliasOf": _("alias of"),
    "notFound": _("Not found"),
    "hiddenNow": _("Not on the map on the chosen date"),
    "emptyMap": _("The map is empty: no actors or forums were read in."),
    "emptyFilters": _("Nothing on the map matches the filters. Show all brings everything back."),
    "emptyUntil": _(
        "The map is empty as of {day}: all it holds begins later, the first on {first}. Choose a later date (samverkan map --at {first})."
    ),
    "filters": _("Filters"),
    "level": _("Level"),
    "kind": _("Kind of actor"),
    "municipality": _("Municipality"),
    "organisation": _("Organisation"),
    "targetGroup": _("Target group"),
    "allLevels": _("All levels"),
    "allKinds": _("All kinds"),
    "allMunicipalities": _("All municipalities"),
    "allOrganisations": _("All organisations"),
    "allGroups": _("All target groups"),
    "flaggedOnly": _("Flagged only"),
    "resetFilters": _("Show all"),
    "exportPng": _("Save as picture (PNG)"),
    "print": _("Print"),
    "fit": _("Show whole map"),
    "flag": LEGEND_WORDS["flag"],
    "explanation": _("Explanation"),
    "evidence": _("Evidence"),
    "concerns": _("Concerns"),
    "time": _("Time"),
    "timeHint": _("Drag the slider or pick an event to see the map before and after."),
    "events": _("Events"),
    "noEvents": _("No events."),
    "before": _("Before"),
    "after": _("After"),
    "today": _("Analysis date"),
    "kindHeading": _("Kind"),
    "parent": _("Part of"),
    "units": _("Units"),
    "aliases": _("Also known as"),
    "valid": _("Valid"),
    "description": _("Description"),
    "forumsOf": _("Forums"),
    "members": _("Members"),
    "cadence": _("Meetings per year"),
    "lastMeeting": _("Last meeting"),
    "targetGroups": _("Target groups"),
    "status": _("Status"),
    "carriers": pgettext("map", "Carried by"),
    "people": _("People and roles"),
    "quality": _("Quality"),
    "collaboration": _("Collaboration level"),
    "frequency": _("Contacts per year"),
    "convener": _("Convener"),
    "throughForum": _("Through forum"),
    "wishes": _("Gaps and wishes"),
    "wishedPerYear": _("wished meetings per year"),
    "sources": _("Sources"),
    "sheet": _("sheet"),
    "row": _("row"),
    "source": _("source"),
    "forumWord": _("Forum"),
    "contactWord": _("Contact"),
    "memberWord": _("Takes part in forum"),
    "from": _("from"),
    "until": _("until"),
    "changes": _("Changes"),
    "noFilters": _("No filters"),
    "tools": _("Filters and tools"),
    "panel": _("Details, flags and events"),
    "showPanel": _("Show details and flags"),
    "hidePanel": _("Hide the panel"),
    "listView": _("List"),
    "mapView": _("Map"),
    "nameWord": _("Name"),
    "severityWord": _("Severity"),
    "mapKeys": _(
        "Left and right arrows move between actors and forums, up and down through the chosen node's contacts; Enter shows details, Escape clears the choice."
    ),
    "simulate": _("Simulate loss"),
    "simulated": _("Simulated loss"),
    "lostWord": _("Lost"),
    "cutOffWord": _("Left without contacts or forums"),
    "lostContacts": pgettext("what-if", "Contacts lost"),
    "lostForums": _("Forums lost or losing members"),
    "loses": _("loses"),
    "cutOff": _("Actors cut off"),
    "unreached": _("Target groups left unreached"),
    "nothingLost": _("Nothing on the map on this date is lost."),
    "whatifHint": _("The command shows the same in full:"),
    "findingsAppear": _("Findings that would appear"),
    "findingsDisappear": _("Findings that would disappear"),
    "noFindingChange": _("No finding would appear or disappear."),
    "whatifOtherDay": _(
        "The findings are computed ahead for the analysis date {day}; for the chosen date the command shows them:"
    ),
    "whatifSeveral": _(
        "The findings are computed ahead for one element at a time; for several the command shows them:"
    ),
    "whatifTooLarge": _(
        "The map is too large for the findings to be computed ahead; the command shows them:"
    ),
    "findingsOtherDay": _(
        "The findings listed are those of the analysis date {day}; for this map they are not computed ahead for other dates (too many actors or dates). For the chosen date the command shows them:"
    ),
    "whatifNoRules": _("No rules ran for this map; the command shows the findings:"),
    "undo": _("Undo"),
    "undoAll": _("Undo all"),
}
CHANGE_LABELS = {
    "added": _("Added"),
    "removed": _("Removed"),
    "changed": _("Changed"),
}


def build_payload(analysis: Analysis) -> dict[str, Any]:
    """The map as the page needs it; references between facts are indexes into lists.

    Nodes are the actors followed by the forums; contacts, memberships, persons' actors,
    events and flags point at them by position, which keeps a 50,000-contact map small.
    """
    samverkan_map, lang = analysis.map, analysis.lang
    day = analysis.day or date.today()
    positions = compute_layout(samverkan_map)
    refs = _Refs(samverkan_map)
    cites = _Cites(samverkan_map)
    roots = organisations(samverkan_map)
    contacts = samverkan_map.contacts()
    lines = len(contacts) + sum(len(f.members) for f in samverkan_map.forums())
    changes = dict(getattr(analysis, "changes", {}) or {})
    build = _Builder(refs, cites, changes, _worst_flags(analysis.flags))
    flags = _Flags(refs, cites, {c.id: index for index, c in enumerate(contacts)}, lang)
    return {
        "title": samverkan_map.title or DEFAULT_TITLE.text(lang),
        "lang": lang,
        "day": day.isoformat(),
        "ui": {key: msg.text(lang) for key, msg in UI.items()},
        "labels": _labels(lang),
        "levels": [level.value for level in Level],
        "style": _style(dashes=lines <= DASHES_LIMIT, lang=lang, changes=bool(changes)),
        "font": {"size": FONT_SIZE, "width": LABEL_WIDTH},
        "actors": [build.actor(a, positions[a.id], roots[a.id]) for a in samverkan_map.actors()],
        "forums": [build.forum(f, positions[f.id]) for f in samverkan_map.forums()],
        "contacts": [build.contact(c) for c in contacts],
        "persons": [
            _compact(name=p.name, role=p.role, actor=refs.node(p.actor), src=cites.of(p))
            for p in samverkan_map.persons.values()
        ],
        "groups": [_compact(id=g.id, name=g.name) for g in samverkan_map.target_groups.values()],
        "events": [
            _compact(
                id=e.id,
                date=e.date.isoformat(),
                kind=e.kind.value,
                actor=refs.node(e.actor),
                newParent=refs.node(e.new_parent),
                desc=e.description,
                src=cites.of(e),
            )
            for e in sorted(samverkan_map.events.values(), key=lambda e: (e.date, e.id))
        ],
        "gaps": [
            _compact(
                id=g.id,
                kind=g.kind.value,
                actor=refs.node(g.actor),
                counterparts=refs.nodes(g.counterparts),
                level=g.level.value if g.level else None,
                groups=refs.groups(g.target_groups),
                perYear=g.wished_per_year,
                desc=g.description,
                src=cites.of(g),
            )
            for g in samverkan_map.gaps.values()
        ],
        # The findings, ranked: one record per finding (see `_Flags`), as the panel lists them.
        "flags": [flags.finding(f) for f in analysis.findings],
        "mostImportant": analysis.most_important,
        "timeline": _timeline(analysis, day, flags),
        "counts": {**samverkan_map.counts_on(day), "findings": len(analysis.findings)},
        "whatif": simulations(analysis, day),
        "flagRules": flags.rules,
        "flagTexts": flags.texts,
        "files": cites.files,
        "sheets": cites.sheets,
        "sources": cites.sources,
    }


def slider_days(samverkan_map: SamverkanMap, day: date) -> list[date]:
    """The days the page's time slider offers: the analysis day, and each event's day and
    the day before it (map.js builds the same list)."""
    found = {day}
    for event in samverkan_map.events.values():
        found.update((event.date - timedelta(days=1), event.date))
    return sorted(found)


def _timeline(analysis: Analysis, day: date, flags: _Flags) -> dict[str, Any]:
    """Day -> the findings (records as in `flags`, texts by `t` in `flagTexts`) and the
    counts of the map as of that day: what the panel and the header show when the slider
    moves. Empty when the rules cannot run again or the map is too large (see above)."""
    samverkan_map = analysis.map
    days = slider_days(samverkan_map, day)
    too_large = len(samverkan_map.actors()) > TIMELINE_ACTORS or len(days) > TIMELINE_DAYS
    if analysis.flags_on is None or too_large:
        return {}
    timeline: dict[str, Any] = {}
    for when in days:
        findings = analysis.findings_on(when) or []
        timeline[when.isoformat()] = {
            "findings": [flags.finding(f, shared=True) for f in findings],
            # what the header counts that day: the figures of the report's key figures
            "counts": {**samverkan_map.counts_on(when), "findings": len(findings)},
        }
    return timeline


def split_payload(payload: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The payload as two parts: what the first frame needs, and the rest (same indexes);
    the parts in `ON_DEMAND` go in neither."""
    first: dict[str, Any] = {}
    late: dict[str, Any] = {}
    for key, value in payload.items():
        if key in ON_DEMAND:
            continue
        fields = DRAW_FIELDS.get(key)
        if fields is not None:
            first[key] = [{k: v for k, v in item.items() if k in fields} for item in value]
            late[key] = [{k: v for k, v in item.items() if k not in fields} for item in value]
        elif key in DRAW_WHOLE:
            first[key] = value
        else:
            late[key] = value
    return first, late


class _Refs:
    """Positions of nodes, persons and target groups in the payload's lists."""

    def __init__(self, samverkan_map: SamverkanMap) -> None:
        ids = [a.id for a in samverkan_map.actors()] + [f.id for f in samverkan_map.forums()]
        self._nodes = {node: index for index, node in enumerate(ids)}
        self._persons = {p: index for index, p in enumerate(samverkan_map.persons)}
        self._groups = {g: index for index, g in enumerate(samverkan_map.target_groups)}

    def node(self, node_id: str | None) -> int | None:
        return self._nodes.get(node_id) if node_id else None

    def nodes(self, node_ids: Iterable[str]) -> list[int]:
        return [self._nodes[n] for n in node_ids if n in self._nodes]

    def persons(self, person_ids: Iterable[str]) -> list[int]:
        return [self._persons[p] for p in person_ids if p in self._persons]

    def groups(self, group_ids: Iterable[str]) -> list[int]:
        return [self._groups[g] for g in group_ids if g in self._groups]


def _compact(**fields: Any) -> dict[str, Any]:
    """Leave out what is empty: at 10,000 actors every absent key saves a megabyte."""
    return {k: v for k, v in fields.items() if v not in (None, "", [], ())}


def _described(fact: Fact) -> str:
    """The description, and the fact's free properties (egenskaper) after it, for the details."""
    properties = "; ".join(f"{key}: {value}" for key, value in sorted(fact.attributes.items()))
    return " ".join(part for part in (fact.description, properties and f"({properties})") if part)


def _dates(period: Period) -> dict[str, str | None]:
    """ISO dates compare correctly as strings, which keeps the page's time filter simple."""
    return {
        "start": period.start.isoformat() if period.start else None,
        "end": period.end.isoformat() if period.end else None,
    }


class _Cites:
    """Provenance as [file, sheet, row, source] indexes into shared tables (-1: none)."""

    def __init__(self, samverkan_map: SamverkanMap) -> None:
        self.map = samverkan_map
        self.files: list[str] = []
        self.sheets: list[str] = []
        self.sources: list[dict[str, Any]] = []
        self._index: dict[tuple[str, str], int] = {}

    def _at(self, table: str, key: str, add: Any) -> int:
        found = self._index.get((table, key))
        if found is None:
            found = len(getattr(self, table))
            getattr(self, table).append(add)
            self._index[(table, key)] = found
        return found

    def _source(self, ref: str) -> int:
        source = self.map.sources.get(ref)
        if source is None:  # a source written as free text, not declared in the Källor sheet
            return self._at("sources", ref, {"title": ref})
        record = _compact(
            title=source.title,
            kind=source.kind.value,
            date=source.date.isoformat() if source.date else None,
            role=source.role,
            ref=source.reference,
            src=[self.one(p) for p in source.provenance],
        )
        return self._at("sources", ref, record)

    def one(self, origin: Provenance) -> list[int]:
        return [
            self._at("files", origin.file, origin.file),
            self._at("sheets", origin.sheet, origin.sheet) if origin.sheet else -1,
            origin.row or 0,
            self._source(origin.source) if origin.source else -1,
        ]

    def of(self, fact: Fact) -> list[list[int]]:
        return [self.one(p) for p in fact.provenance]

    def evidence(self, origins: Iterable[Provenance]) -> list[list[int]]:
        return [self.one(p) for p in origins]


def _labels(lang: Lang) -> dict[str, dict[str, str]]:
    """Words for the enumerated values the facts carry, in the reader's language."""

    def table(choices: type[Choice]) -> dict[str, str]:
        return {member.value: member.label(lang) for member in choices}

    return {
        "kind": table(ActorKind),
        "level": table(Level),
        "status": table(ForumStatus),
        "event": table(EventKind),
        "gap": table(GapKind),
        "sourceKind": table(SourceKind),
        "quality": {str(step): QUALITY.label(step, lang) for step in QUALITY.steps},
        "collaboration": {
            str(step): COLLABORATION.label(step, lang) for step in COLLABORATION.steps
        },
        "severity": {str(int(s)): s.label(lang) for s in Severity},
        "change": {key: msg.text(lang) for key, msg in CHANGE_LABELS.items()},
    }


def _style(dashes: bool, lang: Lang, changes: bool) -> dict[str, Any]:
    levels = {
        level.value: {**style, "dashes": style["dashes"] if dashes else False}
        for level, style in LEVEL_STYLE.items()
    }
    return {
        "kinds": {kind.value: {"color": c, "shape": s} for kind, (c, s) in KIND_STYLE.items()},
        "forum": {"color": FORUM_STYLE[0], "shape": FORUM_STYLE[1]},
        "levels": levels,
        "member": {**MEMBER_STYLE, "dashes": MEMBER_STYLE["dashes"] if dashes else False},
        "parent": PARENT_STYLE,
        "ended": ENDED_COLOR,
        "event": EVENT_COLOR,
        "lost": LOST_COLOR,
        "severity": {str(int(s)): SEVERITY_COLOR[s] for s in Severity},
        "change": CHANGE_COLOR if changes else {},
    }


def _worst_flags(flags: Iterable[Flag]) -> dict[str, int]:
    """Element id -> the severity of its most severe flag: how the first frame marks it."""
    worst: dict[str, int] = {}
    for flag in flags:
        for element in (*flag.actors, *flag.forums, *flag.contacts):
            worst[element] = max(worst.get(element, 0), int(flag.severity))
    return worst


class _Builder:
    """Facts as compact records: empty fields left out, references as indexes."""

    def __init__(
        self, refs: _Refs, cites: _Cites, changes: dict[str, str], worst: dict[str, int]
    ) -> None:
        self.refs, self.cites, self.changes, self.worst = refs, cites, changes, worst

    def actor(self, actor: Actor, position: tuple[float, float], root: str) -> dict[str, Any]:
        return _compact(
            id=actor.id,
            name=actor.name,
            kind=actor.kind.value,
            x=round(position[0], 1),
            y=round(position[1], 1),
            parent=self.refs.node(actor.parent),
            org=self.refs.node(root),
            municipality=actor.municipality,
            aliases=list(actor.aliases),
            groups=self.refs.groups(actor.target_groups),
            desc=_described(actor),
            **_dates(actor.valid),
            src=self.cites.of(actor),
            change=self.changes.get(actor.id),
            w=self.worst.get(actor.id),
        )

    def forum(self, forum: Forum, position: tuple[float, float]) -> dict[str, Any]:
        member_changes = {
            str(index): self.changes[f"{forum.id}>{member}"]
            for index, member in enumerate(forum.members)
            if f"{forum.id}>{member}" in self.changes
        }
        return _compact(
            id=forum.id,
            name=forum.name,
            x=round(position[0], 1),
            y=round(position[1], 1),
            level=forum.level.value,
            cadence=forum.cadence_per_year,
            members=self.refs.nodes(forum.members),
            groups=self.refs.groups(forum.target_groups),
            convener=self.refs.node(forum.convener),
            status=forum.status.value,
            municipality=forum.municipality,
            lastMeeting=forum.last_meeting.isoformat() if forum.last_meeting else None,
            desc=_described(forum),
            **_dates(forum.valid),
            src=self.cites.of(forum),
            change=self.changes.get(forum.id),
            memberChanges=member_changes or None,
            w=self.worst.get(forum.id),
        )

    def contact(self, contact: Contact) -> dict[str, Any]:
        """The bulk of a large map: short keys, the level as its position in `levels`."""
        return _compact(
            id=contact.id,
            a=self.refs.node(contact.actor_a),
            b=self.refs.node(contact.actor_b),
            l=LEVELS.index(contact.level),
            g=self.refs.groups(contact.target_groups),
            f=contact.frequency_per_year,
            q=contact.quality,
            c=contact.collaboration,
            p=self.refs.persons(contact.carriers),
            fo=self.refs.node(contact.forum),
            d=_described(contact),
            **_dates(contact.valid),
            src=self.cites.of(contact),
            change=self.changes.get(contact.id),
            w=self.worst.get(contact.id),
        )


LEVELS = list(Level)


class _Flags:
    """Findings as small records; their texts apart, since the first draw does not need them.

    A record is a finding in rank order: `s` its severity, `p` its score, `r` the position in
    `flagRules` of its rules (comma-separated), `n` and `c` the elements and contacts of all
    its flags, `e` their evidence. Its texts are [title, explanations, why]: what its flags
    tell, one paragraph each (a sentence told before left out), and the score in words.

    Explanations name no sources: the page writes the sources sentence from the evidence.
    Elements and contacts are positions (a contact not on the map, which the page could
    neither draw nor name, is left out).
    """

    def __init__(self, refs: _Refs, cites: _Cites, contacts: dict[str, int], lang: Lang) -> None:
        self.refs, self.cites, self.contacts, self.lang = refs, cites, contacts, lang
        self.rules: list[str] = []
        self.texts: list[tuple[str, list[str], str]] = []
        self._rules: dict[str, int] = {}
        self._texts: dict[tuple[str, tuple[str, ...], str], int] = {}

    def finding(self, finding: Finding, shared: bool = False) -> dict[str, Any]:
        """The finding's record. The analysis day's findings have their texts at their own
        position in `texts`; a `shared` record (another day's) points at them with `t`, so
        a finding that holds on many days has its texts once."""
        rules = ", ".join(finding.rules)
        if rules not in self._rules:
            self._rules[rules] = len(self.rules)
            self.rules.append(rules)
        told = finding.told(self.lang)
        title, why = finding.title.text(self.lang), finding.why(self.lang)
        key = (title, tuple(told), why)
        index = self._texts.get(key) if shared else None
        if index is None:
            index = self._texts.setdefault(key, len(self.texts))
            self.texts.append((title, told, why))
        return _compact(
            t=index if shared else None,
            s=int(finding.severity),
            p=finding.score,
            r=self._rules[rules],
            n=self.refs.nodes((*finding.actors, *finding.forums)),
            c=[self.contacts[c] for c in finding.contacts if c in self.contacts],
            e=self.cites.evidence(finding.evidence),
        )
