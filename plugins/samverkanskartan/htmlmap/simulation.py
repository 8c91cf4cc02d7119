"""The findings a simulated loss would bring, computed ahead for the map's "Simulera bortfall".

The rules run in Python, the page cannot run them. So for each element the reader can
remove on the analysis day (an actor, a forum, a person who carries a contact), the rules
run once on the map without it (`samverkan.whatif`, as `samverkan whatif` does), and the
findings that would appear and disappear are shipped in a JSON block the page parses only
when the reader simulates. A run costs about the size of the map, so this is done only
while elements × facts stays within a budget; beyond it the page names the command to run.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from samverkan.contract import Analysis
from samverkan.diff import compare
from samverkan.findings import Finding, consolidate, subject_of
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang
from samverkan.model import Flag
from samverkan.whatif import Kind, removal_of, without

# Rule runs × facts (actors, forums, contacts) per run the export may spend: the reference
# map (about 70 removable elements, 75 facts) costs about 5,000 and takes about a second.
WHATIF_BUDGET = 20_000
# How the page names a person (map.js `PERSON`): persons have no node of their own.
PERSON = "person:"


def simulations(analysis: Analysis, day: date) -> dict[str, Any]:
    """{"day", "by": element key -> {"+": appearing, "-": disappearing}} with each finding
    as [severity, title]; {"day", "over": 1} beyond the budget; {} where no rules ran.
    An element whose loss changes no finding is left out of `by`."""
    rules_on = analysis.rules_on
    if rules_on is None:
        return {}
    history = analysis.map
    counts = history.counts_on(day)
    facts = sum(counts.values())
    # actors and forums alone may already be over the budget: then no view is built
    if (counts["actors"] + counts["forums"]) * facts > WHATIF_BUDGET:
        return {"day": day.isoformat(), "over": 1}
    analysed = day == analysis.day  # the analysis already holds that day's map and flags
    current = analysis.current if analysed else history.as_of(day)
    elements = _removable(history, current)
    if len(elements) * facts > WHATIF_BUDGET:
        return {"day": day.isoformat(), "over": 1}
    base = analysis.flags if analysed else rules_on(history, day)
    before = analysis.findings if analysed else consolidate(base, history)
    by: dict[str, Any] = {}
    for key, kind, fact_id in elements:
        removal = removal_of(history, [(kind, fact_id)])
        simulated = without(history, removal, day)
        flags = rules_on(simulated, day)
        change = _change(current, simulated, (base, before), flags, day, analysis.lang)
        if change:
            by[key] = change
    return {"day": day.isoformat(), "by": by}


def _removable(history: SamverkanMap, current: SamverkanMap) -> list[tuple[str, Kind, str]]:
    """(the page's key, the kind, the id) of what is on the map that day and can be removed."""
    carriers = {p for contact in current.contacts() for p in contact.carriers}
    found: list[tuple[str, Kind, str]] = [(a.id, "actor", a.id) for a in current.actors()]
    found += [(f.id, "forum", f.id) for f in current.forums()]
    found += [
        (f"{PERSON}{index}", "person", person)
        for index, person in enumerate(history.persons)
        if person in carriers
    ]
    return found


def _change(
    current: SamverkanMap,
    simulated: SamverkanMap,
    real: tuple[list[Flag], list[Finding]],
    flags: list[Flag],
    day: date,
    lang: Lang,
) -> dict[str, list[list[Any]]]:
    """The findings the loss brings and takes away: of the subjects whose flags the diff
    machinery finds appearing (disappearing), the findings that read differently after."""
    base, before = real
    diff = compare(current, simulated.as_of(day), base, flags, day, day)
    after = consolidate(flags, simulated)
    # A finding that reads the same with and without the loss is neither new nor gone.
    appearing = {subject_of(f) for f in diff.flags_appeared}
    gone = {subject_of(f) for f in diff.flags_disappeared}
    change = {
        "+": _records([f for f in after if f.subject in appearing], before, lang),
        "-": _records([f for f in before if f.subject in gone], after, lang),
    }
    return {key: records for key, records in change.items() if records}


def _records(findings: list[Finding], others: list[Finding], lang: Lang) -> list[list[Any]]:
    """[severity, title] of the findings that `others` does not have in the same words."""
    known = {(f.subject, f.title.text(lang)) for f in others}
    return [
        [int(f.severity), f.title.text(lang)]
        for f in findings
        if (f.subject, f.title.text(lang)) not in known
    ]
