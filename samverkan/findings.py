"""Findings: the rule hits on one subject gathered into one, ranked by a documented score.

A rule names what a flag is about in `Flag.subject` (an actor pair, an actor, a forum, a
target group, a person). Every flag on the same subject becomes one finding that carries
the evidence of all of them, so a closed office flagged by three rules is read once, and
an identical flag is never shown twice. This happens here in the core, so a third-party
rule joins in by setting `subject` (see `samverkan.model.subject`).

The score (docs/rules.md, "Rangordning") orders findings everywhere: the `gaps` table,
the map's panel and the report's "Viktigast att ta upp".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Message, _, closes_sentence, join, ngettext
from samverkan.metrics import metrics_of
from samverkan.model import Flag, Provenance, Severity, subject_ids

MOST_IMPORTANT = 7  # findings a steering group can take up in one meeting (configurable)

# The weights of the score; docs/rules.md explains them and tests/test_findings.py pins them.
SEVERITY_POINTS = 10  # per step: low 10, medium 20, high 30
ORGANISATION_POINTS, ORGANISATION_CAP = 2, 8  # per organisation reached beyond the first
GROUP_POINTS, GROUP_CAP = 3, 6  # per target group concerned
STATED_POINTS = 5  # a source says it in words
SOURCE_POINTS, SOURCE_CAP = 1, 3  # per further interview or document behind it
RULE_POINTS, RULE_CAP = 2, 6  # per further rule that found the same subject


@dataclass(frozen=True)
class Tally:
    """What the score counts: each figure and the points it gives (docs/rules.md)."""

    severity: Severity
    organisations: int  # organisations among the actors and the subject
    groups: int  # target groups of its contacts, or the group it is about
    stated: bool  # a source says it in words
    sources: int  # distinct interviews or documents (or files) behind the evidence
    rules: int  # distinct rules that found the subject

    @property
    def points(self) -> tuple[int, int, int, int, int, int]:
        return (
            SEVERITY_POINTS * int(self.severity),
            min(ORGANISATION_POINTS * max(self.organisations - 1, 0), ORGANISATION_CAP),
            min(GROUP_POINTS * self.groups, GROUP_CAP),
            STATED_POINTS if self.stated else 0,
            min(SOURCE_POINTS * max(self.sources - 1, 0), SOURCE_CAP),
            min(RULE_POINTS * (self.rules - 1), RULE_CAP),
        )

    def reasons(self) -> list[Message]:
        """The figures that gave points, in words."""
        s = self.severity
        words = [
            SEVERITY_REASONS[s],
            ngettext("{n} organisation", "{n} organisations", self.organisations),
            ngettext("{n} target group", "{n} target groups", self.groups),
            _("stated by the sources"),
            ngettext("{n} source", "{n} sources", self.sources),
            ngettext("{n} rule", "{n} rules", self.rules),
        ]
        return [w for w, points in zip(words, self.points, strict=True) if points]


@dataclass(frozen=True)
class Finding:
    """Every flag on one subject, most telling first, with the score that ranks it."""

    subject: str
    flags: tuple[Flag, ...]
    tally: Tally

    @property
    def score(self) -> int:
        return sum(self.tally.points)

    @property
    def severity(self) -> Severity:
        return self.tally.severity

    @property
    def title(self) -> Message:
        """The first flag's title; 'och 2 till' when the same rule found more on the subject
        (two gaps one organisation states), so the title does not hide them."""
        first = self.flags[0]
        more = len({f.title for f in self.flags if f.rule == first.rule} - {first.title})
        if not more:
            return first.title
        return ngettext("{title} and {n} more", "{title} and {n} more", more).format(
            title=first.title
        )

    @property
    def rules(self) -> tuple[str, ...]:
        return _unique(f.rule for f in self.flags)

    @property
    def actors(self) -> tuple[str, ...]:
        return _unique(a for f in self.flags for a in f.actors)

    @property
    def contacts(self) -> tuple[str, ...]:
        return _unique(c for f in self.flags for c in f.contacts)

    @property
    def forums(self) -> tuple[str, ...]:
        return _unique(x for f in self.flags for x in f.forums)

    @property
    def evidence(self) -> tuple[Provenance, ...]:
        return _unique(p for f in self.flags for p in f.evidence)

    @property
    def explanations(self) -> tuple[Message, ...]:
        return _unique(f.explanation for f in self.flags)

    def told(self, lang: Lang) -> list[str]:
        """The explanations as read: a sentence that an earlier flag already said is left out
        (two wishes between the same organisations both say what exists between them)."""
        return told_once(e.text(lang) for e in self.explanations)

    def why(self, lang: Lang) -> str:
        """'hög allvarlighet, 3 organisationer, sagt i källorna och 2 regler': the score."""
        return join([r.text(lang) for r in self.tally.reasons()], lang)


@dataclass(frozen=True)
class CitedSource:
    """One row of evidence and the interview or document behind it, for an exporter to
    render: explanations name no sources, each exporter writes them from these."""

    id: str | None  # the source's id (None: the row names no source)
    title: str | None  # its title (the id itself for a source not declared as a Source)
    file: str
    sheet: str | None
    row: int | None

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "id": self.id,
            "title": self.title,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
        }


def cited_sources(samverkan_map: SamverkanMap, origins: Iterable[Provenance]) -> list[CitedSource]:
    """The evidence rows with their sources resolved, each row once, in the order given."""
    found: list[CitedSource] = []
    for origin in _unique(origins):
        source = samverkan_map.sources.get(origin.source) if origin.source else None
        title = source.title if source else origin.source
        found.append(CitedSource(origin.source, title, origin.file, origin.sheet, origin.row))
    return found


def source_titles(samverkan_map: SamverkanMap, origins: Iterable[Provenance]) -> list[str]:
    """The titles of the interviews and documents behind the rows, each once."""
    titles = (c.title for c in cited_sources(samverkan_map, origins) if c.title)
    return list(dict.fromkeys(titles))


def told_once(texts: Iterable[str]) -> list[str]:
    """Each text without the sentences an earlier text (or itself) already said; texts left
    empty are dropped."""
    said: set[str] = set()
    kept = []
    for text in texts:
        fresh = [s for s in sentences(text) if s not in said]
        said.update(fresh)
        if fresh:
            kept.append(" ".join(fresh))
    return kept


def sentences(text: str) -> list[str]:
    """The sentences of a text: split after . ! ? and a space, never inside a ”quote” or
    parentheses, so that a quoted source is kept whole."""
    found, start, depth, quoted = [], 0, 0, False
    for i, char in enumerate(text):
        if char == "”":  # Swedish opens and closes a quote with the same mark
            quoted = not quoted
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        at_rest = not quoted and depth == 0 and text[i + 1 : i + 2] == " "
        if at_rest and char in ".!?”)" and closes_sentence(text[: i + 1]):
            found.append(text[start : i + 1].strip())
            start = i + 1
    rest = text[start:].strip()
    return [*found, rest] if rest else found


def subject_of(flag: Flag) -> str:
    """The flag's subject, or (for a rule that names none) the flag itself."""
    return flag.subject or f"flag:{flag.rule}:{flag.title.sv}"


def consolidate(flags: Iterable[Flag], history: SamverkanMap) -> list[Finding]:
    """One finding per subject, ranked: highest score first, ties by severity and subject."""
    grouped: dict[str, dict[Flag, None]] = {}
    for flag in flags:
        # an identical flag (same rule, text and evidence) only once
        grouped.setdefault(subject_of(flag), {})[flag] = None
    scorer = _Scorer(history)
    findings = [scorer.finding(key, list(group)) for key, group in grouped.items()]
    return sorted(findings, key=lambda f: (-f.score, -f.severity, f.subject))


class _Scorer:
    def __init__(self, history: SamverkanMap) -> None:
        self.organisation_of = metrics_of(history).organisation_of
        self.groups_of = {c.id: c.target_groups for c in history.contacts()}

    def finding(self, key: str, flags: list[Flag]) -> Finding:
        # Most severe first; among equals the stated one with the most evidence names it.
        ordered = tuple(
            sorted(flags, key=lambda f: (-f.severity, not f.stated, -len(f.evidence), f.rule))
        )
        kind, ids = subject_ids(key)
        actors = {a for f in ordered for a in f.actors}
        if kind in ("actor", "pair"):
            actors.update(ids)
        groups = {g for f in ordered for c in f.contacts for g in self.groups_of.get(c, ())}
        if kind == "group":
            groups.update(ids)
        tally = Tally(
            severity=ordered[0].severity,
            organisations=len({self.organisation_of.get(a) for a in actors} - {None}),
            groups=len(groups),
            stated=any(f.stated for f in ordered),
            sources=len({p.source or p.file for f in ordered for p in f.evidence}),
            rules=len({f.rule for f in ordered}),
        )
        return Finding(key, ordered, tally)


SEVERITY_REASONS = {
    Severity.HIGH: _("high severity"),
    Severity.MEDIUM: _("medium severity"),
    Severity.LOW: _("low severity"),
}


T = TypeVar("T")


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))
