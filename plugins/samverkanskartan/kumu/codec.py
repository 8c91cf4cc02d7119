"""Our fact fields as Kumu cells and back: one codec, driven by the dataclasses' type hints.

Kumu keeps any column it does not know as a custom field, so every field of ours that has no
Kumu counterpart travels as a ``samverkan:<field>`` column and comes back unchanged.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any

from samverkan.i18n import Message, _
from samverkan.identity import blank
from samverkan.model import COLLABORATION, QUALITY, Choice, Fact, Scale

PREFIX = "samverkan:"
SEPARATOR = "|"  # Kumu's separator for several values in one cell
SCALES: dict[str, Scale] = {"quality": QUALITY, "collaboration": COLLABORATION}
# Fields that have their own Kumu column (ID, Label, Description) or are not data.
NOT_CUSTOM = ("id", "name", "description", "provenance", "valid", "attributes")

Cell = str | float | int | None


class CodecError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


_TYPES: dict[type[Fact], dict[str, Any]] = {}


def field_types(fact_class: type[Fact]) -> dict[str, Any]:
    if fact_class not in _TYPES:
        _TYPES[fact_class] = typing.get_type_hints(fact_class)
    return _TYPES[fact_class]


def custom_fields(fact_class: type[Fact]) -> tuple[str, ...]:
    """The fields of `fact_class` that travel as samverkan: columns, in declaration order."""
    if fact_class not in _CUSTOM:
        _CUSTOM[fact_class] = tuple(f.name for f in fields(fact_class) if f.name not in NOT_CUSTOM)
    return _CUSTOM[fact_class]


_CUSTOM: dict[type[Fact], tuple[str, ...]] = {}


@cache
def parse_choice(choices: type[Choice], text: str) -> Choice | None:
    """`choices.parse`, once per distinct text: a Kumu column repeats a few words 50,000 times."""
    return choices.parse(text)


@cache
def parse_quality(text: str) -> int | None:
    return QUALITY.parse(text)


def encode(value: Any) -> Cell:
    """A field's value as one cell: lists joined with |, dates ISO, choices by their value."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return SEPARATOR.join(str(item) for item in value) if value else None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float | str):
        return value if value != "" else None
    raise TypeError(f"cannot encode {value!r}")


def is_blank(value: Any) -> bool:
    """None, white space, or only invisible characters (`blank`, asked only when the text
    holds something unprintable: this runs for every cell)."""
    if not isinstance(value, str):
        return value is None
    stripped = value.strip()
    return not stripped or (not stripped.isprintable() and blank(stripped))


def split(value: Any) -> tuple[str, ...]:
    """Kumu's several-values cell ('a|b'); a JSON list is accepted as it is."""
    items = value if isinstance(value, list) else as_text(value).split(SEPARATOR)
    return tuple(text for item in items if (text := as_text(item).strip()))


def as_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.strip() if isinstance(value, str) else str(value)


def decode(fact_class: type[Fact], name: str, value: Any) -> Any:
    """The typed value of a non-blank cell for field `name`; CodecError says what is wrong."""
    wanted = _unoptional(field_types(fact_class)[name])
    if name in SCALES:
        return _scale(SCALES[name], value)
    if typing.get_origin(wanted) is tuple:
        return split(value)
    if isinstance(wanted, type) and issubclass(wanted, Choice):
        return _choice(wanted, value)
    if wanted is date:
        return as_date(value)
    if wanted is float:
        return _number(value)
    if wanted is int:  # a head count
        return _whole(value)
    return as_text(value)


def _unoptional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return options[0] if len(options) == 1 else hint
    return hint


def _scale(scale: Scale, value: Any) -> int:
    found = scale.parse(as_text(value))
    if found is None:
        steps = ", ".join(str(step) for step in scale.steps)
        raise CodecError(
            _("'{v}' is not on the scale for {scale} ({steps})").format(
                v=value, scale=scale.name, steps=steps
            )
        )
    return found


def _choice(choices: type[Choice], value: Any) -> Choice:
    found = choices.parse(as_text(value))
    if found is None:
        allowed = ", ".join(member.value for member in choices)
        raise CodecError(
            _("'{v}' is not an allowed value. Allowed: {allowed}").format(v=value, allowed=allowed)
        )
    return found


def as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(as_text(value))
    except ValueError as error:
        raise CodecError(_("'{v}' is not a date as YYYY-MM-DD").format(v=value)) from error


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise CodecError(NOT_A_NUMBER.format(v=value))
    try:
        number = float(value) if isinstance(value, int | float) else float(as_text(value))
    except ValueError as error:
        raise CodecError(NOT_A_NUMBER.format(v=value)) from error
    if number < 0 or number != number:  # negative or NaN
        raise CodecError(NOT_A_NUMBER.format(v=value))
    return number


NOT_A_NUMBER = _("'{v}' is not a count")


def _whole(value: Any) -> int:
    number = _number(value)
    if not number.is_integer():
        raise CodecError(NOT_A_NUMBER.format(v=value))
    return int(number)
