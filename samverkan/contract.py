"""What plugins provide and what they are given: importers, rules and exporters.

These are structural types (Protocols): a plugin needs no base class, only the attributes
and methods below. `samverkan/hookspecs.py` says how plugins hand them to the core. Attributes
are read-only properties here, so a plain class attribute satisfies them under mypy --strict
(`defaults = {"a": 1, "b": True}` is a `dict[str, int]`, which is a `Mapping[str, Setting]`).

Some attributes are optional and read with `getattr`, so older plugins keep working:
`Importer.priority` (int, default 0), `Importer.defaults` with `Importer.configure` (settings
from ``[import.<name>]``) and `Exporter.role` (`MAP_ROLE`, `REPORT_ROLE` or absent).
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
from samverkan.i18n import Lang, Message
from samverkan.model import Fact, Flag, Severity

if TYPE_CHECKING:
    from samverkan.metrics import Metrics

Setting = bool | int | float | str
# An importer's setting may also be a table of settings ("Myndighet" = "myndighet"): a
# translation whose keys the user chooses and whose values are of one kind.
ImportSetting = Setting | Mapping[str, Setting]

# What an exporter may declare it is, so the core can ask for "the map" without a format name.
MAP_ROLE = "map"  # the interactive map `samverkan map` and `samverkan diff --html` write
REPORT_ROLE = "report"  # the steering-group report `samverkan map` writes beside the map
ROLES = (MAP_ROLE, REPORT_ROLE)
DEFAULT_PRIORITY = 0


def priority_of(importer: Importer) -> int:
    """An importer's `priority`: of two that claim one file, the higher reads it."""
    value = getattr(importer, "priority", DEFAULT_PRIORITY)
    return value if isinstance(value, int) else DEFAULT_PRIORITY


def import_defaults_of(importer: Importer) -> Mapping[str, ImportSetting]:
    """An importer's `defaults`: the settings ``[import.<name>]`` may change (none: {})."""
    value = getattr(importer, "defaults", None)
    return value if isinstance(value, Mapping) else {}


def settings_table_of(importer: Importer) -> str:
    """The table ``[import.<table>]`` an importer reads: `settings_table`, else its name."""
    value = getattr(importer, "settings_table", None)
    return value if isinstance(value, str) and value else importer.name


class SettingError(ValueError):
    """Raised by `Importer.configure` for a setting whose value the importer cannot use;
    the core reports it at its key in samverkan.toml (exit code 2)."""

    def __init__(self, key: str, message: Message) -> None:
        super().__init__(message.en)
        self.key = key
        self.message = message


def role_of(exporter: Exporter) -> str | None:
    role = getattr(exporter, "role", None)
    return role if role in ROLES else None


@dataclass
class ImportResult:
    """What an importer read from one file.

    `rows_read` counts every data row the importer looked at; each of them ends up either as
    facts in `facts` (one row may give several; they share the row in their `Provenance`) or
    among `rows_rejected`, explained by an error in `problems` — nothing is dropped silently.
    A fact whose format has no id keeps `id=AUTO_ID`; the core gives it one (docs/plugins.md).
    """

    facts: list[Fact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    # A map title the file carries (a JSON export does); used when the project names none.
    title: str = ""


@runtime_checkable
class Importer(Protocol):
    """Reads one kind of file into facts.

    Optional: ``priority: int`` (default 0). When several importers claim one file the one
    with the highest priority reads it; a tie is a warning that names them all, and
    ``--importer NAME`` settles it. Give an importer that recognises its files by content a
    higher priority than one that goes by the suffix alone.

    Optional: ``defaults: Mapping[str, ImportSetting]`` and ``configure(settings)``, as a
    rule's ``defaults``. The project's ``[import.<name>]`` table is checked against
    ``defaults`` by the core (known keys, did-you-mean, the same kind of value; a table
    default takes a table whose values are of the kind of the default's values, merged over
    the default's entries). Before any file is read the core calls ``configure`` once with
    the defaults merged with the project's values — the defaults alone when the project sets
    nothing, so no earlier project's settings linger. ``configure`` raises `SettingError`
    for a value it cannot use (an unknown actor kind); the core locates it in samverkan.toml.
    Importers of one plugin that read one format in two encodings may share a table by
    declaring the same ``settings_table: str`` (default: ``name``) and the same defaults.
    """

    @property
    def name(self) -> str:
        """Unique among the installed importers; what ``--importer`` takes."""
        ...

    @property
    def description(self) -> Message: ...

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
    """Finds one kind of weak link.

    The core checks the project's ``[regler.<id>]`` table against ``defaults`` before any rule
    runs (known keys, same kind of value, ``aktiv`` and ``allvarlighet``), so ``check`` gets
    settings it can trust.
    """

    @property
    def id(self) -> str:
        """Unique among the installed rules; the key of ``[regler.<id>]`` in samverkan.toml."""
        ...

    @property
    def title(self) -> Message: ...

    @property
    def severity(self) -> Severity: ...

    @property
    def defaults(self) -> Mapping[str, Setting]: ...

    def check(self, context: RuleContext) -> Iterable[Flag]:
        """Yield a flag for every weak link found, naming actors and citing evidence."""
        ...


@dataclass(frozen=True)
class Analysis:
    """Everything an exporter may show: the map, its flags and findings, and how the user
    asked for it.

    `map` is the whole history, every fact with its period of validity; `day` is the
    analysis date. An exporter that shows the map as it stood that day uses `current`
    (the JSON export keeps the history whole).
    Show `findings` (ranked, one per subject) to people; `flags` are the raw rule hits they
    are made of, found on the map as of `day`.
    """

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
    # The same rules on another map as of a day (a simulated loss, samverkan.whatif): what
    # lets the map show the findings a loss would bring. None where no rules ran.
    rules_on: Callable[[SamverkanMap, date], list[Flag]] | None = field(default=None, compare=False)
    # The map as of `day` when the caller has already built it: the pipeline hands over the
    # very map the rules ran on (see `current`).
    current_map: SamverkanMap | None = field(default=None, compare=False, repr=False)

    @cached_property
    def current(self) -> SamverkanMap:
        """The map as it stood on `day` (the whole map without a day), built once and shared
        by every exporter, and with it the metrics computed on it (samverkan.metrics)."""
        if self.current_map is not None:
            return self.current_map
        return self.map.as_of(self.day) if self.day else self.map

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
    """Writes an analysis to a file format.

    Optional: ``role`` (`MAP_ROLE` or `REPORT_ROLE`): the exporter `samverkan map` uses for
    the map or the report. At most one installed exporter may take each role.
    """

    @property
    def format(self) -> str:
        """Unique among the installed exporters; what ``--format`` takes."""
        ...

    @property
    def suffix(self) -> str: ...

    @property
    def description(self) -> Message: ...

    def export(self, analysis: Analysis, target: Path) -> None:
        """Write `analysis` to `target` (use `samverkan.io.atomic_write`)."""
        ...
