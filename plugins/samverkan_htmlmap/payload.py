"""The data the HTML map draws: nodes, edges, flags, events, legend and interface text.

Everything a reader sees is computed here, in the reader's language, as plain strings; the
page's script only places them with textContent, never as markup.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from samverkan.contract import Analysis
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg, join
from samverkan.layout import compute_layout
from samverkan.model import (
    COLLABORATION,
    QUALITY,
    Actor,
    ActorKind,
    Contact,
    Fact,
    Flag,
    Forum,
    Level,
    Period,
    Severity,
)

KIND_STYLE: dict[ActorKind, tuple[str, str]] = {
    ActorKind.MUNICIPALITY: ("#1f5fa8", "dot"),
    ActorKind.ADMINISTRATION: ("#5b8fd1", "dot"),
    ActorKind.UNIT: ("#9dbfe8", "dot"),
    ActorKind.AGENCY: ("#b8322a", "dot"),
    ActorKind.OFFICE: ("#e6847c", "dot"),
    ActorKind.REGION: ("#2e7d32", "dot"),
    ActorKind.HEALTHCARE: ("#81c784", "dot"),
    ActorKind.SCHOOL: ("#ef8f00", "dot"),
    ActorKind.PROJECT: ("#7b4fa8", "dot"),
    ActorKind.FEDERATION: ("#6d4c41", "dot"),
    ActorKind.CIVIL_SOCIETY: ("#d45e9e", "dot"),
    ActorKind.BUSINESS: ("#757575", "dot"),
    ActorKind.FUNCTION: ("#a89f00", "dot"),
    ActorKind.OTHER: ("#b0b0b0", "dot"),
}
FORUM_STYLE = ("#0f8b8d", "diamond")
LEVEL_STYLE: dict[Level, dict[str, Any]] = {
    Level.STRATEGIC: {"color": "#3a2f80", "width": 3.5, "dashes": False},
    Level.OPERATIONAL: {"color": "#2a9d8f", "width": 2, "dashes": [8, 6]},
}
MEMBER_STYLE = {"color": "#9aa5b1", "width": 1, "dashes": [2, 4]}
ENDED_COLOR = "#c8c8c8"
SEVERITY_COLOR = {Severity.HIGH: "#c62828", Severity.MEDIUM: "#ef6c00", Severity.LOW: "#f9a825"}

UI = {
    "sv": {
        "legend": "Teckenförklaring",
        "actorKinds": "Aktörer",
        "forum": "Forum (mötesarena)",
        "levels": "Kontakter",
        "membership": "Deltar i forum",
        "ended": "Upphört (grått)",
        "flags": "Flaggor",
        "noFlags": "Inga flaggor.",
        "details": "Detaljer",
        "clickHint": "Klicka på en aktör, ett forum eller en kontakt för att se detaljer och källor.",
        "asOf": "Per",
        "actors": "aktörer",
        "forums": "forum",
        "contacts": "kontakter",
        "severities": "Allvarlighet",
        "offline": "Fungerar utan internet. Skapad med Samverkanskartan.",
        "search": "Sök aktör eller forum",
        "notFound": "Hittades inte",
        "level": "Nivå",
        "kind": "Typ",
        "municipality": "Kommun",
        "targetGroup": "Målgrupp",
        "allLevels": "Alla nivåer",
        "allKinds": "Alla typer",
        "allMunicipalities": "Alla kommuner",
        "allGroups": "Alla målgrupper",
        "flaggedOnly": "Bara flaggade",
        "exportPng": "Spara som bild (PNG)",
        "print": "Skriv ut",
        "flag": "Flagga",
        "explanation": "Förklaring",
        "sources": "Källor",
    },
    "en": {
        "legend": "Legend",
        "actorKinds": "Actors",
        "forum": "Forum (meeting arena)",
        "levels": "Contacts",
        "membership": "Takes part in forum",
        "ended": "Ended (grey)",
        "flags": "Flags",
        "noFlags": "No flags.",
        "details": "Details",
        "clickHint": "Click an actor, forum or contact to see its details and sources.",
        "asOf": "As of",
        "actors": "actors",
        "forums": "forums",
        "contacts": "contacts",
        "severities": "Severity",
        "offline": "Works without internet. Made with Samverkanskartan.",
        "search": "Search actor or forum",
        "notFound": "Not found",
        "level": "Level",
        "kind": "Kind",
        "municipality": "Municipality",
        "targetGroup": "Target group",
        "allLevels": "All levels",
        "allKinds": "All kinds",
        "allMunicipalities": "All municipalities",
        "allGroups": "All target groups",
        "flaggedOnly": "Flagged only",
        "exportPng": "Save as picture (PNG)",
        "print": "Print",
        "flag": "Flag",
        "explanation": "Explanation",
        "sources": "Sources",
    },
}

H = {
    "kind": Msg("Typ", "Kind"),
    "parent": Msg("Tillhör", "Part of"),
    "municipality": Msg("Kommun", "Municipality"),
    "aliases": Msg("Även kallad", "Also known as"),
    "valid": Msg("Gäller", "Valid"),
    "description": Msg("Beskrivning", "Description"),
    "contacts": Msg("Kontakter", "Contacts"),
    "forums": Msg("Forum", "Forums"),
    "members": Msg("Medlemmar", "Members"),
    "level": Msg("Nivå", "Level"),
    "cadence": Msg("Möten per år", "Meetings per year"),
    "target_groups": Msg("Målgrupper", "Target groups"),
    "status": Msg("Status", "Status"),
    "carriers": Msg("Bärs av", "Carried by"),
    "quality": Msg("Kvalitet", "Quality"),
    "collaboration": Msg("Samverkansnivå", "Collaboration level"),
    "frequency": Msg("Kontakter per år", "Contacts per year"),
    "events": Msg("Händelser", "Events"),
    "flags": Msg("Flaggor", "Flags"),
    "sources": Msg("Källor", "Sources"),
    "convener": Msg("Sammankallande", "Convener"),
}
ENDED = Msg(" (upphört)", " (ended)")


def build_payload(analysis: Analysis) -> dict[str, Any]:
    samverkan_map, lang = analysis.map, analysis.lang
    day = analysis.day or date.today()
    positions = compute_layout(samverkan_map)
    flags_of = _flags_by_element(analysis.flags)
    describe = _Describer(samverkan_map, lang, day, flags_of, analysis.flags)
    nodes = [describe.actor(a, positions[a.id]) for a in samverkan_map.actors()]
    nodes += [describe.forum(f, positions[f.id]) for f in samverkan_map.forums()]
    edges = [describe.contact(c) for c in samverkan_map.contacts()]
    edges += [
        _membership(forum, member, describe)
        for forum in samverkan_map.forums()
        for member in forum.members
    ]
    return {
        "title": samverkan_map.title,
        "lang": lang,
        "day": day.isoformat(),
        "ui": UI[lang],
        "legend": _legend(lang),
        "counts": {k: v for k, v in samverkan_map.summary().items() if k in UI[lang]},
        "nodes": nodes,
        "edges": edges,
        "flags": [_flag(f, samverkan_map, lang) for f in analysis.flags],
        "filters": _filters(nodes, edges, lang),
        "timeline": _timeline(samverkan_map, day, lang),
    }


def _filters(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], lang: Lang
) -> dict[str, Any]:
    groups = {g for item in (*nodes, *edges) for g in item.get("targetGroups", [])}
    return {
        "levels": [[level.value, level.label(lang)] for level in Level],
        "kinds": sorted({n["kind"] for n in nodes}),
        "municipalities": sorted({n["municipality"] for n in nodes if n["municipality"]}),
        "groups": sorted(groups),
    }


def _timeline(samverkan_map: SamverkanMap, day: date, lang: Lang) -> list[dict[str, Any]]:
    """The days worth stopping at: each event, the day before it, and the analysis day."""
    texts: dict[date, list[str]] = defaultdict(list)
    for event in samverkan_map.events.values():
        texts[event.date].append(f"{event.kind.label(lang)}: {event.description}")
        texts.setdefault(event.date - timedelta(days=1), [])
    texts.setdefault(day, [])
    return [{"day": d.isoformat(), "events": texts[d]} for d in sorted(texts)]


def _flags_by_element(flags: list[Flag]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for index, flag in enumerate(flags):
        for element in (*flag.actors, *flag.contacts, *flag.forums):
            found[element].append(index)
    return found


def _legend(lang: Lang) -> dict[str, Any]:
    return {
        "kinds": [
            {"label": kind.label(lang), "color": color, "shape": shape}
            for kind, (color, shape) in KIND_STYLE.items()
        ],
        "forum": {"color": FORUM_STYLE[0], "shape": FORUM_STYLE[1]},
        "levels": [{"label": level.label(lang), **LEVEL_STYLE[level]} for level in Level],
        "member": MEMBER_STYLE,
        "ended": ENDED_COLOR,
        "severities": [
            {"label": s.label(lang), "color": SEVERITY_COLOR[s]}
            for s in sorted(Severity, reverse=True)
        ],
    }


def _flag(flag: Flag, samverkan_map: SamverkanMap, lang: Lang) -> dict[str, Any]:
    return {
        "rule": flag.rule,
        "severity": int(flag.severity),
        "severityLabel": flag.severity.label(lang),
        "color": SEVERITY_COLOR[flag.severity],
        "title": flag.title.text(lang),
        "explanation": flag.explanation.text(lang),
        "elements": [*flag.actors, *flag.forums],
        "edges": list(flag.contacts),
        "evidence": [samverkan_map.cite(p, lang) for p in flag.evidence],
    }


def _membership(forum: Forum, member: str, describe: _Describer) -> dict[str, Any]:
    ended = describe.ended(forum) or describe.ended(describe.map.actor(member))
    return {
        "id": f"{forum.id}>{member}",
        "from": forum.id,
        "to": member,
        "kind": "member",
        "targetGroups": [],
        "flags": [],
        **MEMBER_STYLE,
        **({"color": ENDED_COLOR} if ended else {}),
        "ended": ended,
    }


def _dates(period: Period) -> dict[str, str | None]:
    """ISO dates compare correctly as strings, which keeps the page's time filter simple."""
    return {
        "start": period.start.isoformat() if period.start else None,
        "end": period.end.isoformat() if period.end else None,
    }


class _Describer:
    """Turns facts into the plain-text sections of the side panel and tooltips."""

    def __init__(
        self,
        samverkan_map: SamverkanMap,
        lang: Lang,
        day: date,
        flags_of: dict[str, list[int]],
        flags: list[Flag],
    ) -> None:
        self.map, self.lang, self.day = samverkan_map, lang, day
        self.flags_of, self.flags = flags_of, flags
        self.events_of: dict[str, list[str]] = defaultdict(list)
        for event in sorted(samverkan_map.events.values(), key=lambda e: e.date):
            text = f"{event.date.isoformat()} {event.kind.label(lang)}: {event.description}"
            for target in (event.actor, event.new_parent):
                if target:
                    self.events_of[target].append(text)

    def ended(self, fact: Fact) -> bool:
        return fact.valid.end is not None and fact.valid.end < self.day

    def names(self, ids: tuple[str, ...]) -> str:
        return join([self.map.name(i) for i in ids], self.lang)

    def period(self, period: Period) -> str:
        start = period.start.isoformat() if period.start else "…"
        end = period.end.isoformat() if period.end else "…"
        return "" if period == Period() else f"{start} – {end}"

    def common(self, fact: Fact) -> list[tuple[Msg, list[str]]]:
        flag_texts = [
            self.flags[i].explanation.text(self.lang) for i in self.flags_of.get(fact.id, [])
        ]
        return [
            (H["valid"], [self.period(fact.valid)]),
            (H["description"], [fact.description]),
            (H["events"], self.events_of.get(fact.id, [])),
            (H["flags"], flag_texts),
            (H["sources"], [self.map.cite(p, self.lang) for p in fact.provenance]),
        ]

    def sections(self, rows: list[tuple[Msg, list[str]]]) -> list[list[Any]]:
        return [
            [heading.text(self.lang), [t for t in texts if t]]
            for heading, texts in rows
            if any(texts)
        ]

    def node_base(
        self, fact: Actor | Forum, position: tuple[float, float], color: str, shape: str
    ) -> dict[str, Any]:
        ended = self.ended(fact)
        label = fact.name + (ENDED.text(self.lang) if ended else "")
        flagged = bool(self.flags_of.get(fact.id))
        return {
            "id": fact.id,
            "label": label,
            **_dates(fact.valid),
            "municipality": fact.municipality,
            "x": round(position[0], 1),
            "y": round(position[1], 1),
            "shape": shape,
            "color": {
                "background": ENDED_COLOR if ended else color,
                "border": "#c62828" if flagged else "#333333",
            },
            "borderWidth": 3 if flagged else 1,
            "ended": ended,
            "flags": self.flags_of.get(fact.id, []),
            "title": label,
        }

    def actor(self, actor: Actor, position: tuple[float, float]) -> dict[str, Any]:
        color, shape = KIND_STYLE[actor.kind]
        node = self.node_base(actor, position, color, shape)
        contacts = [self.contact_line(c, actor.id) for c in self.map.contacts_of(actor.id)]
        rows = [
            (H["kind"], [actor.kind.label(self.lang)]),
            (H["parent"], [self.map.name(actor.parent) if actor.parent else ""]),
            (H["municipality"], [actor.municipality]),
            (H["aliases"], [", ".join(actor.aliases)]),
            (H["contacts"], contacts),
            (H["forums"], [f.name for f in self.map.forums_of(actor.id)]),
            *self.common(actor),
        ]
        groups = {g for c in self.map.contacts_of(actor.id) for g in c.target_groups}
        node.update(
            group="actor",
            targetGroups=sorted(self.map.name(g) for g in groups),
            kind=actor.kind.label(self.lang),
            aliases=list(actor.aliases),
            heading=actor.kind.label(self.lang),
            sections=self.sections(rows),
            size=14,
        )
        node["title"] = f"{node['label']}\n{actor.kind.label(self.lang)}"
        return node

    def forum(self, forum: Forum, position: tuple[float, float]) -> dict[str, Any]:
        node = self.node_base(forum, position, *FORUM_STYLE)
        cadence = f"{forum.cadence_per_year:g}" if forum.cadence_per_year is not None else ""
        rows = [
            (H["level"], [forum.level.label(self.lang)]),
            (H["members"], [self.map.name(m) for m in forum.members]),
            (H["convener"], [self.map.name(forum.convener) if forum.convener else ""]),
            (H["cadence"], [cadence]),
            (H["target_groups"], [self.names(forum.target_groups)]),
            (H["status"], [forum.status.label(self.lang)]),
            *self.common(forum),
        ]
        node.update(
            group="forum",
            level=forum.level.value,
            targetGroups=[self.map.name(g) for g in forum.target_groups],
            kind=Msg("forum", "forum").text(self.lang),
            aliases=[],
            heading=Msg("Forum", "Forum").text(self.lang) + " · " + forum.level.label(self.lang),
            sections=self.sections(rows),
            size=16,
        )
        node["title"] = f"{node['label']}\n{node['heading']}"
        return node

    def contact_line(self, contact: Contact, seen_from: str) -> str:
        other = contact.actor_b if contact.actor_a == seen_from else contact.actor_a
        parts = [self.map.name(other), contact.level.label(self.lang)]
        if contact.target_groups:
            parts.append(self.names(contact.target_groups))
        if contact.quality is not None:
            parts.append(QUALITY.label(contact.quality, self.lang))
        return " · ".join(parts)

    def contact(self, contact: Contact) -> dict[str, Any]:
        ended = self.ended(contact)
        style = LEVEL_STYLE[contact.level]
        carriers = [
            f"{p.name}, {p.role}" if p.role else p.name
            for p in (self.map.persons[c] for c in contact.carriers if c in self.map.persons)
        ]
        frequency = (
            f"{contact.frequency_per_year:g}" if contact.frequency_per_year is not None else ""
        )
        rows = [
            (H["level"], [contact.level.label(self.lang)]),
            (H["target_groups"], [self.names(contact.target_groups)]),
            (H["frequency"], [frequency]),
            (H["quality"], [QUALITY.label(contact.quality, self.lang) if contact.quality else ""]),
            (
                H["collaboration"],
                [
                    COLLABORATION.label(contact.collaboration, self.lang)
                    if contact.collaboration is not None
                    else ""
                ],
            ),
            (H["carriers"], carriers),
            (H["forums"], [self.map.name(contact.forum) if contact.forum else ""]),
            *self.common(contact),
        ]
        label = f"{self.map.name(contact.actor_a)} – {self.map.name(contact.actor_b)}"
        flagged = bool(self.flags_of.get(contact.id))
        return {
            "id": contact.id,
            "from": contact.actor_a,
            "to": contact.actor_b,
            "kind": "contact",
            "level": contact.level.value,
            **_dates(contact.valid),
            "targetGroups": [self.map.name(g) for g in contact.target_groups],
            "color": ENDED_COLOR if ended else ("#c62828" if flagged else style["color"]),
            "width": style["width"] + (1.5 if flagged else 0),
            "dashes": style["dashes"],
            "ended": ended,
            "flags": self.flags_of.get(contact.id, []),
            "label_text": label,
            "heading": f"{label} · {contact.level.label(self.lang)}",
            "sections": self.sections(rows),
            "title": f"{label}\n{contact.level.label(self.lang)}"
            + (ENDED.text(self.lang) if ended else ""),
        }
