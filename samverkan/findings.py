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
from samverkan.i18n import Lang, Msg, join
from samverkan.metrics import metrics_of
from samverkan.model import Flag, Provenance, Severity

MOST_IMPORTANT = 7  # findings a steering group can take up in one meeting (configurable)

# The weights of the score; docs/rules.md explains them and tests/test_findings.py pins them.
SEVERITY_POINTS = 10  # per step: low 10, medium 20, high 30
ORGANISATION_POINTS, ORGANISATION_CAP = 2, 8  # per organisation reached beyond the first
GROUP_POINTS, GROUP_CAP = 3, 6  # per target group concerned
STATED_POINTS = 5  # a source says it in words
SOURCE_POINTS, SOURCE_CAP = 1, 3  # per further interview or document behind it
RULE_POINTS, RULE_CAP = 2, 6  # per further rule that found the same subject


@dataclass(frozen=True)
class Finding:
    """Every flag on one subject, most telling first, with the score that ranks it."""

    subject: str
    flags: tuple[Flag, ...]
    score: int
    reasons: tuple[Msg, ...]

    @property
    def severity(self) -> Severity:
        return max(f.severity for f in self.flags)

    @property
    def title(self) -> Msg:
        return self.flags[0].title

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
    def explanations(self) -> tuple[Msg, ...]:
        return _unique(f.explanation for f in self.flags)

    def why(self, lang: Lang) -> str:
        """'hög allvarlighet, når 4 organisationer, sagt av en källa' — the score in words."""
        return join([r.text(lang) for r in self.reasons], lang)


def subject_of(flag: Flag) -> str:
    """The flag's subject, or (for a rule that names none) the flag itself."""
    return flag.subject or f"flag:{flag.rule}:{flag.title.sv}"


def consolidate(flags: Iterable[Flag], history: SamverkanMap) -> list[Finding]:
    """One finding per subject, ranked: highest score first, ties by severity and subject."""
    grouped: dict[str, list[Flag]] = {}
    for flag in flags:
        same = grouped.setdefault(subject_of(flag), [])
        if flag not in same:  # an identical flag (same rule, text and evidence) only once
            same.append(flag)
    scorer = _Scorer(history)
    findings = [scorer.finding(key, group) for key, group in grouped.items()]
    return sorted(findings, key=lambda f: (-f.score, -f.severity, f.subject))


class _Scorer:
    def __init__(self, history: SamverkanMap) -> None:
        self.organisation_of = metrics_of(history).organisation_of
        self.contacts = {c.id: c for c in history.contacts()}

    def finding(self, key: str, flags: list[Flag]) -> Finding:
        # Most severe first; among equals the stated one with the most evidence names it.
        ordered = tuple(
            sorted(flags, key=lambda f: (-f.severity, not f.stated, -len(f.evidence), f.rule))
        )
        parts = [
            self._severity(ordered),
            self._organisations(key, ordered),
            self._groups(key, ordered),
            self._stated(ordered),
            self._sources(ordered),
            self._rules(ordered),
        ]
        score = sum(points for points, _ in parts)
        return Finding(key, ordered, score, tuple(r for points, r in parts if points))

    def _severity(self, flags: tuple[Flag, ...]) -> tuple[int, Msg]:
        worst = max(f.severity for f in flags)
        words = Msg(f"{worst.label('sv')} allvarlighet", f"{worst.label('en')} severity")
        return SEVERITY_POINTS * int(worst), words

    def _organisations(self, key: str, flags: tuple[Flag, ...]) -> tuple[int, Msg]:
        actors = [a for f in flags for a in f.actors]
        if key.startswith(("actor:", "pair:", "strategic:")):
            actors += key.split(":", 1)[1].split("|")
        found = {self.organisation_of.get(a) for a in actors} - {None}
        count = len(found)
        points = min(ORGANISATION_POINTS * max(count - 1, 0), ORGANISATION_CAP)
        return points, plural(count, "organisation", "organisationer", "organisation")

    def _groups(self, key: str, flags: tuple[Flag, ...]) -> tuple[int, Msg]:
        groups = {g for c in _unique(c for f in flags for c in f.contacts) for g in self._of(c)}
        if key.startswith("group:"):
            groups.add(key.split(":", 1)[1])
        points = min(GROUP_POINTS * len(groups), GROUP_CAP)
        return points, plural(len(groups), "målgrupp", "målgrupper", "target group")

    def _of(self, contact_id: str) -> tuple[str, ...]:
        contact = self.contacts.get(contact_id)
        return contact.target_groups if contact else ()

    def _stated(self, flags: tuple[Flag, ...]) -> tuple[int, Msg]:
        stated = any(f.stated for f in flags)
        return STATED_POINTS if stated else 0, Msg("sagt i källorna", "stated by the sources")

    def _sources(self, flags: tuple[Flag, ...]) -> tuple[int, Msg]:
        sources = {p.source or p.file for f in flags for p in f.evidence}
        points = min(SOURCE_POINTS * max(len(sources) - 1, 0), SOURCE_CAP)
        return points, plural(len(sources), "källa", "källor", "source")

    def _rules(self, flags: tuple[Flag, ...]) -> tuple[int, Msg]:
        count = len(_unique(f.rule for f in flags))
        points = min(RULE_POINTS * (count - 1), RULE_CAP)
        return points, plural(count, "regel", "regler", "rule")


def plural(count: int, one_sv: str, many_sv: str, one_en: str, many_en: str = "") -> Msg:
    """'1 källa' / '3 källor', '1 source' / '3 sources': real plural forms, never 'källa(or)'."""
    many_en = many_en or one_en + "s"
    return Msg(
        f"{count} {one_sv if count == 1 else many_sv}",
        f"{count} {one_en if count == 1 else many_en}",
    )


T = TypeVar("T")


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))
