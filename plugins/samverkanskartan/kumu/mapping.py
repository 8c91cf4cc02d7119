"""How Kumu's Type, Strength and Tags become our kinds, levels, quality and target groups.

The translation is a table per Kumu column, configurable in samverkan.toml under
``[import.kumu]`` (docs/kumu-and-gephi.md lists the defaults; a test holds the page to the
code). Keys are compared as names are (`normalise`: case and spacing do not matter); the
project's entries are merged over the defaults by the core.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from samverkan.contract import ImportSetting, SettingError
from samverkan.i18n import Message, _, verbatim
from samverkan.model import QUALITY, ActorKind, Level, normalise

FORUM = "forum"  # an element type that makes the element a forum, not an actor
TYPES, LEVELS, STRENGTHS, TARGET_GROUPS = "typer", "kopplingstyper", "styrka", "taggar"


def _words(choices: type[ActorKind] | type[Level]) -> dict[str, str]:
    """Every member under its Swedish and English word: our own export's words."""
    return {word: member.value for member in choices for word in (member.value, member.english)}


DEFAULT_TYPES: dict[str, str] = {
    **_words(ActorKind),
    FORUM: FORUM,
    # Kumu's own examples and common English spellings
    "government agency": ActorKind.AGENCY.value,
    "authority": ActorKind.AGENCY.value,
    "company": ActorKind.BUSINESS.value,
    "nonprofit": ActorKind.CIVIL_SOCIETY.value,
    "ngo": ActorKind.CIVIL_SOCIETY.value,
    "förening": ActorKind.CIVIL_SOCIETY.value,
}
DEFAULT_LEVELS: dict[str, str] = _words(Level)
DEFAULT_STRENGTHS: dict[str, int] = {
    **{str(step): step for step in QUALITY.steps},
    **{words.sv: step for step, words in QUALITY.steps.items()},
    **{words.en: step for step, words in QUALITY.steps.items()},
    # Kumu's documentation writes strengths as words ("Strong")
    "very weak": 1,
    "weak": 2,
    "medium": 3,
    "strong": 4,
    "stark": 4,
    "very strong": 5,
    "mycket stark": 5,
}
DEFAULTS: dict[str, ImportSetting] = {
    TYPES: DEFAULT_TYPES,
    LEVELS: DEFAULT_LEVELS,
    STRENGTHS: DEFAULT_STRENGTHS,
    TARGET_GROUPS: {},  # none: a tag is the target group of its own name
}


@dataclass(frozen=True)
class KumuMapping:
    """The translation one project reads its Kumu files with."""

    types: Mapping[str, ActorKind | str]  # an actor kind, or FORUM
    levels: Mapping[str, Level]
    strengths: Mapping[str, int]
    target_groups: Mapping[str, str]

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> KumuMapping:
        """The checked settings of ``[import.kumu]``; SettingError names a value we cannot use."""
        return cls(
            _table(settings, TYPES, _kind, KINDS_ALLOWED),
            _table(settings, LEVELS, lambda v: Level.parse(str(v)), "strategisk, operativ"),
            _table(settings, STRENGTHS, _step, "1, 2, 3, 4, 5"),
            _table(settings, TARGET_GROUPS, _group, GROUP_ALLOWED),
        )

    def kind(self, kumu_type: str) -> ActorKind | None:
        """The actor kind the table gives the type; None when it gives none (or a forum)."""
        found = self.types.get(normalise(kumu_type))
        return found if isinstance(found, ActorKind) else None

    def is_forum(self, kumu_type: str) -> bool:
        return self.types.get(normalise(kumu_type)) == FORUM

    def level(self, kumu_type: str) -> Level | None:
        return self.levels.get(normalise(kumu_type))

    def quality(self, strength: str) -> int | None:
        return self.strengths.get(normalise(strength))

    def target_group(self, tag: str) -> str:
        return self.target_groups.get(normalise(tag), tag)


def _table(
    settings: Mapping[str, Any], key: str, parse: Any, allowed: str | Message
) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for text, value in settings.get(key, {}).items():
        parsed = parse(value)
        if parsed is None:
            words = allowed if isinstance(allowed, Message) else verbatim(allowed)
            message = NOT_ALLOWED.format(k=text, v=value, allowed=words)
            raise SettingError(key, message)
        table[normalise(text)] = parsed
    return table


def _kind(value: Any) -> ActorKind | str | None:
    """An actor kind, or FORUM: the element is a forum."""
    return FORUM if normalise(str(value)) == FORUM else ActorKind.parse(str(value))


def _step(value: Any) -> int | None:
    return value if isinstance(value, int) and value in QUALITY.steps else None


def _group(value: Any) -> str | None:
    return str(value).strip() or None


KINDS_ALLOWED = ", ".join([*(k.value for k in ActorKind), FORUM])
GROUP_ALLOWED = _("a target group's name")
NOT_ALLOWED = _('"{k}" = "{v}" is not allowed (allowed: {allowed})')
DEFAULT_MAPPING = KumuMapping.from_settings(DEFAULTS)
