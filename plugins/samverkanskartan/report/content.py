"""The steering-group report as plain data in the reader's language, before any format.

Sections follow what a styrgrupp reads in the seed report: a summary, the findings most
important to take up (ranked, default seven), the map, every finding by severity with its
explanations and sources, an overview per municipality (its Bilaga 1:
kommun × theme), network measures, what changed, the events and the sources. The Markdown,
HTML and xlsx writers only lay this out; none of them computes anything.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from samverkan import __version__
from samverkan.contract import Analysis
from samverkan.findings import Finding
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, _, alphabetical, decimal, join, ngettext, verbatim
from samverkan.metrics import metrics_of
from samverkan.model import QUALITY, Contact, Forum, Level, Severity
from samverkan.places import places, said

Cell = str | list[str]  # a list is several lines in one cell


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Cell]]
    caption: str = ""


@dataclass
class FlagItem:
    """A finding as the report shows it: its rules, title, explanations and sources."""

    rule: str  # the rules that found it, comma-separated
    title: str
    explanations: list[str]  # what its flags tell, a paragraph each
    involved: str
    sources: list[str]
    why: str = ""  # the score in words


@dataclass
class FlagGroup:
    severity: Severity
    heading: str
    items: list[FlagItem]
    more: str = ""  # the flags not listed, counted by rule


@dataclass
class Report:
    lang: Lang
    title: str
    day: str
    text: dict[str, str]  # headings and fixed phrases
    summary: list[str]
    most_important: list[FlagItem]
    key_figures: Table
    flags: list[FlagGroup]
    overview: Table
    metrics: list[str]
    metric_tables: list[Table]
    changes: Table | None
    events: Table
    sources: Table
    footer: str
    picture: str = ""  # the map as SVG markup


TEXT = {
    "summary": _("Summary"),
    "map": _("The map"),
    "map_caption": _(
        "The same placement as in the interactive map. Actors have a shape and colour by kind, diamonds are forums. Solid lines are strategic contacts, dashed operational, dotted forum membership. The badge !!! (high), !! (medium) or ! (low): flagged."
    ),
    "map_file": _("Map picture"),
    "most_important": _("Most important to raise"),
    "why": _("Why"),
    "flags": _("All findings by severity"),
    "no_flags": _("The analysis found no weak links."),
    "involved": _("Involved"),
    "sources": _("Sources"),
    "rule": _("Rules"),  # a finding gathers the flags of one or more rules
    "overview": _("Overview per municipality"),
    "overview_intro": _(
        "Municipality × theme, like Appendix 1 of the mapping: contacts per level, forums, target groups and findings for each municipality."
    ),
    "metrics": _("Key measures"),
    "changes": _("Changes since the previous round"),
    "events": _("Events"),
    "no_events": _("No events recorded."),
    "no_sources": _("No sources recorded."),
    "severity": _("Severity"),
    "flag": _("Finding"),
    "explanation": _("Explanation"),
    "as_of": _("As of"),
}
FLAG_TITLES = 5  # per municipality in the overview
# A national map has tens of thousands of findings (a 44 MB report when all were listed).
# The report lists this many in full, highest ranked first, and counts the rest by rule.
FULL_FLAGS = 200
MORE_FLAGS = _(
    "{n} more findings are not listed here (by rule: {rules}). Every finding: samverkan gaps --all --json"
)
# The HTML report is read on a screen by a steering group: above these sizes it summarises
# and points to the complete data (the xlsx report and the interactive map keep everything).
PICTURE_MAX_NODES = 2500  # actors and forums; a national map's picture is 10 MB of dots
CELL_LINES = 12  # lines per table cell; the overview of a national map was 6 MB
PICTURE_LEFT_OUT = _(
    "The map has {actors} actors and {contacts} contacts, too many for a picture in the report (the limit is {limit} actors and forums). The interactive map shows them all."
)
MORE_LINES = _("… and {n} more (all of them: samverkan export --format report-xlsx)")
NO_MUNICIPALITY = _("No municipality")
# Named with the severity's own word, as in `samverkan gaps` and the map.
SEVERITY_HEADINGS = {
    Severity.HIGH: _("High severity"),
    Severity.MEDIUM: _("Medium severity"),
    Severity.LOW: _("Low severity"),
}
SEVERITY_FIGURES = {
    Severity.HIGH: _("Findings of high severity"),
    Severity.MEDIUM: _("Findings of medium severity"),
    Severity.LOW: _("Findings of low severity"),
}
CHANGE_WORDS = {
    "added": _("added"),
    "removed": _("removed"),
    "changed": _("changed"),
}


def current_map(analysis: Analysis) -> SamverkanMap:
    """The map as of the analysis day: what the report describes (computed once per export)."""
    return analysis.current if analysis.day else analysis.map.as_of(date.today())


def build_report(analysis: Analysis, current: SamverkanMap) -> Report:
    """The report's content; `current` is `current_map(analysis)`, shared with the picture."""
    lang = analysis.lang
    day = analysis.day or date.today()
    title = analysis.map.title or _("Samverkanskartan").text(lang)
    return Report(
        lang=lang,
        title=title,
        day=day.isoformat(),
        text={key: msg.text(lang) for key, msg in TEXT.items()},
        summary=_summary(current, analysis.findings, lang, day),
        most_important=[
            _flag_item(f, analysis.map, lang) for f in analysis.findings[: analysis.most_important]
        ],
        key_figures=_key_figures(current, analysis.findings, lang),
        flags=_flag_groups(analysis.findings, analysis.map, lang),
        overview=_overview(current, analysis.map, analysis.findings, lang),
        metrics=_metric_lines(current, lang),
        metric_tables=_metric_tables(current, lang),
        changes=_changes(analysis, lang),
        events=_events(analysis.map, lang, day),
        sources=_sources(analysis.map, lang),
        footer=_(
            "Made with Samverkanskartan {v}. Every finding names its sources: file, sheet, row and interview."
        )
        .format(v=__version__)
        .text(lang),
    )


def picture_left_out(samverkan_map: SamverkanMap, lang: Lang) -> str:
    """Why the picture is not drawn, or "" when it is (small enough to read)."""
    actors = len(samverkan_map.actors())
    if actors + len(samverkan_map.forums()) <= PICTURE_MAX_NODES:
        return ""
    return PICTURE_LEFT_OUT.format(
        actors=actors, contacts=len(samverkan_map.contacts()), limit=PICTURE_MAX_NODES
    ).text(lang)


def summarised(table: Table, lang: Lang) -> Table:
    """`table` with each cell of more than CELL_LINES lines cut there, saying how many more."""

    def cell(value: Cell) -> Cell:
        if isinstance(value, str) or len(value) <= CELL_LINES:
            return value
        more = MORE_LINES.format(n=len(value) - CELL_LINES).text(lang)
        return [*value[:CELL_LINES], more]

    return Table(table.headers, [[cell(c) for c in row] for row in table.rows], table.caption)


# --- summary ------------------------------------------------------------------------------


def _municipalities(samverkan_map: SamverkanMap) -> list[str]:
    named = [a.municipality for a in samverkan_map.actors()]
    named += [f.municipality for f in samverkan_map.forums()]
    return sorted({p for municipality in named for p in places(municipality)}, key=alphabetical)


def _level_counts(samverkan_map: SamverkanMap) -> dict[Level, int]:
    counts = dict.fromkeys(Level, 0)
    for contact in samverkan_map.contacts():
        counts[contact.level] += 1
    return counts


def _summary(samverkan_map: SamverkanMap, flags: list[Finding], lang: Lang, day: date) -> list[str]:
    counts = samverkan_map.summary()
    levels = _level_counts(samverkan_map)
    places = _municipalities(samverkan_map)
    lines = [
        _(
            "As of {day} the map holds {actors}, {forums} and {contacts} ({strategic}, {operational}){places}."
        )
        .format(
            day=day.isoformat(),
            actors=ngettext("{n} actor", "{n} actors", counts["actors"]),
            forums=ngettext("{n} forum", "{n} forums", counts["forums"]),
            contacts=ngettext("{n} contact", "{n} contacts", counts["contacts"]),
            strategic=ngettext("{n} strategic", "{n} strategic", levels[Level.STRATEGIC]),
            operational=ngettext("{n} operational", "{n} operational", levels[Level.OPERATIONAL]),
            places=_(" in {p}").format(p=join(places, lang)).text(lang) if places else "",
        )
        .text(lang)
    ]
    by_severity = {s: sum(1 for f in flags if f.severity is s) for s in Severity}
    if flags:
        lines.append(
            _(
                "The analysis found {n}: {high} of high, {medium} of medium and {low} of low severity."
            )
            .format(
                n=ngettext("{n} finding", "{n} findings", len(flags)),
                high=by_severity[Severity.HIGH],
                medium=by_severity[Severity.MEDIUM],
                low=by_severity[Severity.LOW],
            )
            .text(lang)
        )
        # the highest-ranked ones follow in their own section, "Viktigast att ta upp"
    else:
        lines.append(TEXT["no_flags"].text(lang))
    return lines


def _key_figures(samverkan_map: SamverkanMap, flags: list[Finding], lang: Lang) -> Table:
    counts = samverkan_map.summary()
    levels = _level_counts(samverkan_map)
    rows = [
        (_("Actors"), counts["actors"]),
        (_("Forums"), counts["forums"]),
        (_("Strategic contacts"), levels[Level.STRATEGIC]),
        (_("Operational contacts"), levels[Level.OPERATIONAL]),
        (_("Gaps and wishes"), counts["gaps"]),
        (_("Events"), counts["events"]),
        (_("Sources"), counts["sources"]),
        *(
            (SEVERITY_FIGURES[s], sum(f.severity is s for f in flags))
            for s in sorted(Severity, reverse=True)
        ),
    ]
    return Table(
        [_("Figure").text(lang), _("Count").text(lang)],
        [[label.text(lang), str(value)] for label, value in rows],
    )


# --- flags --------------------------------------------------------------------------------


def _flag_groups(flags: list[Finding], history: SamverkanMap, lang: Lang) -> list[FlagGroup]:
    groups = []
    room = FULL_FLAGS
    for severity in sorted(Severity, reverse=True):
        chosen = [f for f in flags if f.severity is severity]
        if not chosen:
            continue
        items = [_flag_item(f, history, lang) for f in chosen[:room]]
        room -= len(items)
        heading = f"{SEVERITY_HEADINGS[severity].text(lang)} ({len(chosen)})"
        groups.append(FlagGroup(severity, heading, items, _more(chosen[len(items) :], lang)))
    return groups


def _more(rest: list[Finding], lang: Lang) -> str:
    if not rest:
        return ""
    counts = sorted(Counter(f.rules[0] for f in rest).items(), key=lambda item: (-item[1], item[0]))
    rules = ", ".join(f"{rule} {n}" for rule, n in counts)
    return (
        ngettext(
            "{n} more finding is not listed here (by rule: {rules}). Every finding: samverkan gaps --all --json",
            "{n} more findings are not listed here (by rule: {rules}). Every finding: samverkan gaps --all --json",
            len(rest),
        )
        .format(rules=rules)
        .text(lang)
    )


def _flag_item(finding: Finding, history: SamverkanMap, lang: Lang) -> FlagItem:
    names = [history.name(i) for i in (*finding.actors, *finding.forums)]
    return FlagItem(
        rule=", ".join(finding.rules),
        title=finding.title.text(lang),
        explanations=finding.told(lang),
        involved=join(list(dict.fromkeys(names)), lang),
        sources=list(dict.fromkeys(history.cite(p, lang) for p in finding.evidence)),
        why=finding.why(lang),
    )


# --- overview per municipality ------------------------------------------------------------


class _Places:
    """Which municipality an actor, forum, contact or flag belongs to."""

    def __init__(self, current: SamverkanMap, history: SamverkanMap) -> None:
        self.current, self.history = current, history
        self._of_actor: dict[str, frozenset[str]] = {}  # asked once per contact, flag and forum

    def of_actor(self, actor_id: str) -> frozenset[str]:
        """An actor's municipalities, or its parent's; "Kävlinge; Lomma" serves both."""
        found = self._of_actor.get(actor_id)
        if found is None:
            found = self._of_actor[actor_id] = frozenset(self._find(actor_id))
        return found

    def _find(self, actor_id: str) -> set[str]:
        seen: set[str] = set()
        while actor_id and actor_id not in seen and self.history.has_actor(actor_id):
            seen.add(actor_id)
            actor = self.history.actor(actor_id)
            if actor.municipality:
                return set(places(actor.municipality))
            actor_id = actor.parent or ""
        return set()

    def of_contact(self, contact: Contact) -> frozenset[str]:
        return self.of_actor(contact.actor_a) | self.of_actor(contact.actor_b)

    def of_forum(self, forum: Forum) -> set[str]:
        if forum.municipality:
            return set(places(forum.municipality))
        return {p for m in forum.members for p in self.of_actor(m)}

    def of_flag(self, flag: Finding) -> set[str]:
        found = {p for a in flag.actors for p in self.of_actor(a)}
        for contact_id in flag.contacts:
            with suppress(KeyError):
                found |= self.of_contact(self.history.contact(contact_id))
        for forum_id in flag.forums:
            with suppress(KeyError):
                found |= self.of_forum(self.history.forum(forum_id))
        return found


def _overview(
    current: SamverkanMap, history: SamverkanMap, flags: list[Finding], lang: Lang
) -> Table:
    where = _Places(current, history)
    cells: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for contact in current.contacts():
        for place in where.of_contact(contact) or {""}:
            cells[place][contact.level.value].append(_contact_line(current, contact, lang))
            for group in contact.target_groups:
                cells[place]["groups"].append(current.group_name(group))
    for forum in current.forums():
        for place in where.of_forum(forum) or {""}:
            cells[place]["forums"].append(_forum_line(forum, lang))
            for group in forum.target_groups:
                cells[place]["groups"].append(current.group_name(group))
    flags_of: dict[str, list[Finding]] = defaultdict(list)
    for flag in flags:
        for place in where.of_flag(flag) or {""}:
            flags_of[place].append(flag)
    columns = [Level.STRATEGIC.value, Level.OPERATIONAL.value, "forums", "groups"]
    named = set(cells) | set(flags_of)  # a municipality with only flags still gets its row
    ordered = sorted((p for p in named if p), key=alphabetical) + ([""] if "" in named else [])
    rows: list[list[Cell]] = [
        [place or NO_MUNICIPALITY.text(lang)]
        + [sorted(dict.fromkeys(cells[place][c]), key=alphabetical) for c in columns]
        + [_flag_cell(flags_of[place], lang)]
        for place in ordered
    ]
    headers = [
        _("Municipality"),
        _("Strategic collaboration"),
        _("Operational collaboration"),
        _("Forums"),
        _("Target groups"),
        _("Findings"),
    ]
    return Table([h.text(lang) for h in headers], rows, TEXT["overview_intro"].text(lang))


def _flag_cell(flags: list[Finding], lang: Lang) -> list[str]:
    """Counts by severity, then the most severe titles: the full list is in its own section."""
    if not flags:
        return []
    counts = [
        f"{sum(f.severity is s for f in flags)} {s.label(lang)}"
        for s in sorted(Severity, reverse=True)
        if any(f.severity is s for f in flags)
    ]
    worst = sorted(flags, key=lambda f: (-f.severity, alphabetical(f.title.text(lang))))
    titles = list(dict.fromkeys(f"{f.severity.label(lang)}: {f.title.text(lang)}" for f in worst))
    lines = [", ".join(counts), *titles[:FLAG_TITLES]]
    if len(titles) > FLAG_TITLES:
        lines.append(_("… and {n} more").format(n=len(titles) - FLAG_TITLES).text(lang))
    return lines


def _contact_line(samverkan_map: SamverkanMap, contact: Contact, lang: Lang) -> str:
    line = f"{samverkan_map.name(contact.actor_a)} – {samverkan_map.name(contact.actor_b)}"
    details = []
    if contact.target_groups:
        details.append(join([samverkan_map.group_name(g) for g in contact.target_groups], lang))
    if contact.quality is not None:
        details.append(QUALITY.steps[contact.quality].text(lang))
    return f"{line} ({', '.join(details)})" if details else line


def _forum_line(forum: Forum, lang: Lang) -> str:
    details = [forum.level.label(lang)]
    if forum.cadence_per_year is not None:
        details.append(
            _("{n} times/year").format(n=decimal(forum.cadence_per_year, lang)).text(lang)
        )
    return f"{forum.name} ({', '.join(details)})"


# --- metrics ------------------------------------------------------------------------------


def _metric_lines(samverkan_map: SamverkanMap, lang: Lang) -> list[str]:
    metrics = metrics_of(samverkan_map)
    graph = metrics.contact_graph
    isolated = sum(1 for __, degree in graph.degree() if degree == 0)
    lines = [
        _(
            "{pairs} pairs of actors are in contact; density {density:.0%} of all possible pairs. {isolated} actors have no contacts."
        )
        .format(pairs=graph.number_of_edges(), density=metrics.density, isolated=isolated)
        .text(lang),
        _(
            "Betweenness shows how often an actor lies on the shortest path between two others; a high value means much depends on that actor."
        ).text(lang),
    ]
    if metrics.betweenness_is_sampled:
        lines.append(_("Betweenness is estimated from a sample (large map).").text(lang))
    return lines


def _metric_tables(samverkan_map: SamverkanMap, lang: Lang) -> list[Table]:
    metrics = metrics_of(samverkan_map)
    top = Table(
        [
            h.text(lang)
            for h in (
                _("Actor"),
                _("Organisation"),
                _("Contacts"),
                _("Forums"),
                _("Betweenness"),
                _("Brokerage"),
            )
        ],
        [
            [
                row["name"],
                samverkan_map.name(row["organisation"]),
                str(row["degree"]),
                str(row["forums"]),
                decimal(row["betweenness"], lang, 2),
                str(row["brokerage"]),
            ]
            for row in metrics.top_actors(10)
        ],
        _("The ten most central actors").text(lang),
    )
    places = Table(
        [
            h.text(lang)
            for h in (
                _("Municipality"),
                _("Actors"),
                _("Forums"),
                _("Contacts inside"),
                _("Contacts outside"),
                _("Strategic"),
                _("Operational"),
            )
        ],
        [
            [
                said(s.name, lang),
                str(s.actors),
                str(s.forums),
                str(s.contacts_inside),
                str(s.contacts_outside),
                str(s.strategic),
                str(s.operational),
            ]
            for s in metrics.municipalities
        ],
        _("Contacts per municipality").text(lang),
    )
    return [top, places] if places.rows else [top]


# --- changes, events, sources -------------------------------------------------------------


def _changes(analysis: Analysis, lang: Lang) -> Table | None:
    """Only for a comparison (Analysis.changes set by `samverkan diff`); None otherwise."""
    if not analysis.changes:
        return None
    rows: list[list[Cell]] = []
    for element, change in sorted(analysis.changes.items(), key=lambda i: (i[1], i[0])):
        if ">" in element:  # a forum membership: "forum>member"
            forum, member = element.split(">", 1)
            name = f"{analysis.map.name(member)} → {analysis.map.name(forum)}"
        else:
            name = _element_name(analysis.map, element)
        rows.append([CHANGE_WORDS.get(change, verbatim(change)).text(lang), name])
    return Table([_("Change").text(lang), _("What").text(lang)], rows)


def _element_name(samverkan_map: SamverkanMap, element: str) -> str:
    try:
        contact = samverkan_map.contact(element)
    except KeyError:
        return samverkan_map.name(element)
    return f"{samverkan_map.name(contact.actor_a)} – {samverkan_map.name(contact.actor_b)}"


def _events(samverkan_map: SamverkanMap, lang: Lang, day: date) -> Table:
    events = sorted(samverkan_map.events.values(), key=lambda e: e.date)
    return Table(
        [
            h.text(lang)
            for h in (
                _("Date"),
                _("Kind"),
                _("Affects"),
                _("Description"),
            )
        ],
        [
            [
                e.date.isoformat(),
                e.kind.label(lang),
                samverkan_map.name(e.actor) if e.actor else "",
                e.description,
            ]
            for e in events
            if e.date <= day
        ],
    )


def _sources(samverkan_map: SamverkanMap, lang: Lang) -> Table:
    return Table(
        [
            h.text(lang)
            for h in (
                _("Source"),
                _("Kind"),
                _("Date"),
                _("Organisation"),
                _("Role"),
            )
        ],
        [
            [
                s.title,
                s.kind.label(lang),
                s.date.isoformat() if s.date else "",
                samverkan_map.name(s.actor) if s.actor else "",
                s.role,
            ]
            for s in sorted(samverkan_map.sources.values(), key=lambda s: alphabetical(s.title))
        ],
    )
