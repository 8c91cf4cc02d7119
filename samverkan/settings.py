"""Rule and importer settings from samverkan.toml, checked by the core for every plugin.

``[regler.<id>]`` must name an installed rule; each key must be one of the rule's
``defaults`` (or ``aktiv`` / ``allvarlighet``) with a value of the same kind. A misspelling
gets a did-you-mean; nothing is ignored in silence. ``[import.<name>]`` is checked the same
way against an importer's ``defaults``, where a default may also be a table (a translation).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from samverkan.contract import (
    Importer,
    ImportSetting,
    Rule,
    Setting,
    SettingError,
    import_defaults_of,
    settings_table_of,
)
from samverkan.errors import Location, SamverkanError, did_you_mean
from samverkan.i18n import Message, _, verbatim
from samverkan.model import Severity

ACTIVE = "aktiv"
SEVERITY = "allvarlighet"


@dataclass(frozen=True)
class RuleSetup:
    """How one rule runs in this project."""

    rule: Rule
    active: bool
    severity: Severity
    settings: Mapping[str, Setting]


def rule_setups(
    rules: Iterable[Rule],
    tables: Mapping[str, Mapping[str, object]],
    config_file: Path,
    all_plugins: bool = True,
) -> list[RuleSetup]:
    """Every rule with its checked settings; an error for any table or key that is wrong.

    A table for a rule no plugin has is an error only when `all_plugins` were loaded: with
    some left out (SAMVERKAN_PLUGINS) or failed it may belong to one of those.
    """
    by_id = {rule.id: rule for rule in rules}
    for rule_id in sorted(tables):
        if rule_id not in by_id and all_plugins:
            raise SamverkanError(
                UNKNOWN_RULE.format(rule=rule_id) + did_you_mean(rule_id, by_id, clause=True),
                _where(config_file, rule_id),
            )
    return [
        _setup(rule, tables.get(rule.id, {}), _where(config_file, rule.id))
        for rule in by_id.values()
    ]


def _setup(rule: Rule, table: Mapping[str, object], where: Location) -> RuleSetup:
    given = dict(table)
    active = given.pop(ACTIVE, True)
    if not isinstance(active, bool):
        raise SamverkanError(WRONG_KIND.format(key=ACTIVE, **_kind(True), value=active), where)
    severity = rule.severity
    if SEVERITY in given:
        parsed = Severity.parse(str(given.pop(SEVERITY)))
        if parsed is None:
            raise SamverkanError(BAD_SEVERITY.format(key=SEVERITY), where)
        severity = parsed
    defaults = dict(rule.defaults)
    for key, value in given.items():
        if key not in defaults:
            known = ", ".join(sorted([*defaults, ACTIVE, SEVERITY]))
            message = UNKNOWN_KEY.format(key=key, rule=rule.id, known=known)
            raise SamverkanError(
                message + did_you_mean(key, [*defaults, ACTIVE, SEVERITY], clause=True), where
            )
        if not _same_kind(defaults[key], value):
            default = defaults[key]
            raise SamverkanError(
                WRONG_KIND.format(key=key, **_kind(default), value=value)
                + DEFAULT.format(default=default),
                where,
            )
        if _absurd(value):
            message = OUT_OF_RANGE.format(key=key, value=value, limit=SETTING_LIMIT)
            raise SamverkanError(message + DEFAULT.format(default=defaults[key]), where)
        if _below_zero(defaults[key], value):
            message = NEGATIVE.format(key=key, value=value)
            raise SamverkanError(message + DEFAULT.format(default=defaults[key]), where)
    settings: dict[str, Setting] = {**defaults, **given}  # type: ignore[dict-item]
    return RuleSetup(rule, active, severity, settings)


def import_settings(
    importers: Iterable[Importer],
    tables: Mapping[str, Mapping[str, object]],
    config_file: Path,
    all_plugins: bool = True,
) -> list[tuple[Importer, dict[str, ImportSetting]]]:
    """Each importer with its checked settings: its defaults, the project's values merged
    over them; an error for any table or key that is wrong (as `rule_setups`)."""
    importers = list(importers)
    names = {settings_table_of(importer) for importer in importers}
    for name in sorted(tables):
        if name not in names and all_plugins:
            raise SamverkanError(
                UNKNOWN_IMPORTER.format(name=name) + did_you_mean(name, names, clause=True),
                _import_where(config_file, name),
            )
    return [
        (importer, _import_settings(importer, tables.get(table, {}), config_file))
        for importer in importers
        for table in [settings_table_of(importer)]
    ]


def _import_settings(
    importer: Importer, table: Mapping[str, object], config_file: Path
) -> dict[str, ImportSetting]:
    defaults = dict(import_defaults_of(importer))
    name = settings_table_of(importer)
    where = _import_where(config_file, name)
    settings: dict[str, ImportSetting] = dict(defaults)
    for key, value in table.items():
        if key not in defaults:
            known = ", ".join(sorted(defaults)) or "-"
            message = UNKNOWN_IMPORT_KEY.format(key=key, name=name, known=known)
            raise SamverkanError(message + did_you_mean(key, defaults, clause=True), where)
        default = defaults[key]
        if isinstance(default, Mapping):
            settings[key] = _merged_table(
                default, value, key, _import_where(config_file, key, where)
            )
        elif not _same_kind(default, value) or _absurd(value):
            raise SamverkanError(
                WRONG_KIND.format(key=key, **_kind(default), value=value)
                + DEFAULT.format(default=default),
                where,
            )
        else:
            settings[key] = value  # type: ignore[assignment]  # checked: the default's kind
    return settings


def _merged_table(
    default: Mapping[str, Setting], value: object, key: str, where: Location
) -> dict[str, Setting]:
    """A table setting: the project's entries over the default's, each of their kind."""
    if not isinstance(value, Mapping):
        raise SamverkanError(NOT_A_TABLE.format(key=key), where)
    example = next(iter(default.values()), "")
    merged = dict(default)
    for entry, given in value.items():
        if not _same_kind(example, given) or _absurd(given):
            raise SamverkanError(WRONG_KIND.format(key=entry, **_kind(example), value=given), where)
        merged[entry] = given
    return merged


def configure_importers(
    setups: Iterable[tuple[Importer, Mapping[str, ImportSetting]]], config_file: Path
) -> None:
    """Hand each importer that takes settings its checked settings; a value the importer
    refuses (`SettingError`) is an input error at its key."""
    for importer, settings in setups:
        configure = getattr(importer, "configure", None)
        if configure is None:
            continue
        try:
            configure(settings)
        except SettingError as error:
            where = _import_where(
                config_file, error.key, _import_where(config_file, settings_table_of(importer))
            )
            raise SamverkanError(error.message, where) from error


def _import_where(config_file: Path, name: str, parent: Location | None = None) -> Location:
    """`[import.<name>]`, or a table below the one `parent` names (`[import.kumu.typer]`)."""
    table = (
        f"{parent.sheet[:-1]}.{name}]"
        if parent is not None and parent.sheet
        else f"[import.{name}]"
    )
    return Location(str(config_file), table)


def _absurd(value: object) -> bool:
    """A number no threshold means: rules count days, months, people and shares, and a
    value of this size is a typo that would overflow a date (lookback_days = 99999999999)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not math.isfinite(value) or abs(value) > SETTING_LIMIT


def _below_zero(default: object, value: object) -> bool:
    """A negative count of days, meetings or people, where the rule's own default is none:
    'min_per_year = -5' would make every forum meet often enough."""
    if isinstance(default, bool) or isinstance(value, bool):
        return False
    if not isinstance(default, int | float) or not isinstance(value, int | float):
        return False
    return default >= 0 > value


def _where(config_file: Path, rule_id: str) -> Location:
    return Location(str(config_file), f"[regler.{rule_id}]")


def _same_kind(default: object, value: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def _kind(default: object) -> dict[str, Message]:
    name = type(default).__name__
    words = next((w for t, w in KIND_WORDS if isinstance(default, t)), verbatim(name))
    return {"kind": words}


KIND_WORDS: tuple[tuple[type, Message], ...] = (
    (bool, _("true or false")),
    (int, _("a whole number")),
    (float, _("a number")),
    (str, _("a text")),
)
UNKNOWN_RULE = _("no installed rule is called '{rule}'")
UNKNOWN_KEY = _("unknown setting '{key}' for rule {rule} (known: {known})")
WRONG_KIND = _("'{key}' must be {kind}, not {value!r}")
DEFAULT = _(" (default: {default})")
SETTING_LIMIT = 100_000  # days in 270 years; no threshold of a rule is larger
OUT_OF_RANGE = _("'{key}' = {value} is unreasonably large (at most {limit})")
NEGATIVE = _("'{key}' = {value} cannot be below 0")
BAD_SEVERITY = _("'{key}' must be låg, medel or hög (low, medium, high)")
UNKNOWN_IMPORTER = _("no installed importer is called '{name}' (see samverkan plugins)")
UNKNOWN_IMPORT_KEY = _("unknown setting '{key}' for importer {name} (known: {known})")
NOT_A_TABLE = _('\'{key}\' must be a table with one line per value, e.g. "Myndighet" = "myndighet"')
