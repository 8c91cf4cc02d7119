"""What plugins provide and what they are given: importers, rules and exporters.

These are structural types (Protocols): a plugin needs no base class, only the attributes
and methods below. `samverkan/hookspecs.py` says how plugins hand them to the core.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from samverkan.errors import Problem
from samverkan.findings import MOST_IMPORTANT, Finding, consolidate
from samverkan.graph import SamverkanMap
from samverkan.i18n import Lang, Msg
from samverkan.model import Fact, Flag, Severity

if TYPE_CHECKING:
    from samverkan.metrics import Metrics

Setting = bool | int | float | str


@dataclass
class ImportResult:
    """What an importer read from one file.

    `rows_read` counts every data row the importer looked at; each of them ends up either as
    a fact in `facts` or among `rows_rejected`, explained by an error in `problems` — nothing
    is dropped silently.
    """

    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    # A map title the file carries (a JSON export does); used when the project names none.
    title: str = ""


@runtime_checkable
class Importer(Protocol):
    """Reads one kind of file into facts."""

    name: str
    description: Msg

    def claims(self, path: Path) -> bool:
        """True if this importer is the one to read `path` (by suffix, and cheaply by content)."""
        ...

    def read(self, path: Path) -> ImportResult:
        """Read `path`. Raise `SamverkanError` for a file that cannot be read at all."""
        ...


@dataclass(frozen=True)
class RuleContext:
    """What a rule gets: the map as of the analysis date, the full history, its settings."""

    map: SamverkanMap
    history: SamverkanMap
    day: date
    settings: Mapping[str, Setting]
    severity: Severity

    @property
    def metrics(self) -> Metrics:
        """Indexes and measures of `map`, computed on first use and shared by all rules."""
        from samverkan.metrics import metrics_of

        return metrics_of(self.map)


@runtime_checkable
class Rule(Protocol):
    """Finds one kind of weak link."""

    id: str
    title: Msg
    severity: Severity
    defaults: Mapping[str, Setting]

    def check(self, context: RuleContext) -> Iterable[Flag]:
        """Yield a flag for every weak link found, naming actors and citing evidence."""
        ...


@dataclass(frozen=True)
class Analysis:
    """Everything an exporter may show: the map, its flags and findings, and how the user
    asked for it. Show `findings` (ranked, one per subject) to people; `flags` are the raw
    rule hits they are made of."""

    map: SamverkanMap
    flags: list[Flag]
    lang: Lang
    day: date | None = None
    # Element id (actor, forum, contact, "forum>member") -> "added" | "removed" | "changed":
    # set for a change map (`samverkan diff --html`); exporters may mark these elements.
    changes: Mapping[str, str] = field(default_factory=dict)
    # How many findings a short list shows (the report's "Viktigast att ta upp").
    most_important: int = MOST_IMPORTANT
    # The rules' flags on another day, run on demand (set by the pipeline; None where no
    # rules ran, as for a change map): what lets the map's findings follow its time slider.
    flags_on: Callable[[date], list[Flag]] | None = field(default=None, compare=False)

    @cached_property
    def findings(self) -> list[Finding]:
        """The flags gathered into one finding per subject, ranked (samverkan.findings)."""
        return consolidate(self.flags, self.map)

    def findings_on(self, day: date) -> list[Finding] | None:
        """The findings as of `day`, ranked; None when the rules cannot be run again."""
        if day == self.day:
            return self.findings
        return None if self.flags_on is None else consolidate(self.flags_on(day), self.map)


@runtime_checkable
class Exporter(Protocol):
    """Writes an analysis to a file format."""

    format: str
    suffix: str
    description: Msg

    def export(self, analysis: Analysis, target: Path) -> None:
        """Write `analysis` to `target` (use `samverkan.io.atomic_write`)."""
        ...
