"""Facts to JSON values and back, generically over the dataclass fields and their type hints.

No class is written out by hand: a new field in `samverkan.model` travels through JSON as
soon as it exists. Decoding checks every value against the field's type and says which
field is wrong, so a hand-edited file gets an error at its place, not a traceback.
"""

from __future__ import annotations

import math
import re
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from samverkan.dates import ApproxDate, Precision, precision_of
from samverkan.i18n import Message, _
from samverkan.model import Choice

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
JsonValue = None | bool | int | float | str | list[Any] | dict[str, Any]


class DecodeError(Exception):
    """A value that does not fit its field; `path` is the field path inside the element."""

    def __init__(self, message: Message, path: str = "") -> None:
        super().__init__(message.en)
        self.message = message
        self.path = path

    def within(self, name: str) -> DecodeError:
        return DecodeError(self.message, f"{name}.{self.path}" if self.path else name)


def encode(value: Any) -> JsonValue:
    """A fact (or any part of one) as plain JSON values; every field, defaults included."""
    if isinstance(value, Enum):
        return value.value  # type: ignore[no-any-return]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return _encode_date(value)
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"cannot encode {type(value).__name__}")


def _encode_date(day: date) -> JsonValue:
    """A day as "YYYY-MM-DD"; a month, term or year also says so: {"day", "precision"}."""
    precision = precision_of(day)
    if precision is Precision.DAY:
        return day.isoformat()
    return {"day": day.isoformat(), "precision": precision.value}


@cache
def hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode_dataclass(cls: type, data: Any) -> Any:
    """An instance of `cls` from a JSON object; unknown keys are reported by the caller."""
    if not isinstance(data, dict):
        raise DecodeError(EXPECTED.format(kind=_("an object")))
    kwargs: dict[str, Any] = {}
    for spec in fields(cls):
        if spec.name not in data:
            if spec.default is MISSING and spec.default_factory is MISSING:
                raise DecodeError(MISSING_FIELD, spec.name)
            continue
        try:
            kwargs[spec.name] = decode(hints(cls)[spec.name], data[spec.name])
        except DecodeError as error:
            raise error.within(spec.name) from None
    return cls(**kwargs)


def unknown_keys(cls: type, data: dict[str, Any]) -> list[str]:
    known = {f.name for f in fields(cls)}
    return sorted(key for key in data if key not in known)


def decode(hint: Any, value: Any) -> Any:
    """`value` converted to the type `hint` names, or a DecodeError saying what was expected."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return None if value is None else decode(options[0], value)
    if origin is tuple:
        return tuple(_items(typing.get_args(hint)[0], value))
    if origin is dict:
        return _mapping(value)
    if isinstance(hint, type):
        return _scalar(hint, value)
    raise TypeError(f"unsupported type {hint!r}")


def _items(hint: Any, value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise DecodeError(EXPECTED.format(kind=_("a list")))
    decoded = []
    for index, item in enumerate(value):
        try:
            decoded.append(decode(hint, item))
        except DecodeError as error:
            raise error.within(str(index)) from None
    return decoded


def _mapping(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise DecodeError(EXPECTED.format(kind=_("an object of strings")))
    for key, text in value.items():
        try:
            checked_text(key)
            checked_text(text)
        except DecodeError as error:
            raise error.within(key) from None
    return dict(value)


def checked_text(value: Any) -> str:
    """A JSON string that is text: "\\ud800" alone is valid JSON but no character, and no
    file could be written with it."""
    if not isinstance(value, str):
        raise DecodeError(EXPECTED.format(kind=_("a string")))
    if LONE_SURROGATE.search(value):
        raise DecodeError(
            _("the text holds a lone surrogate (\\ud800–\\udfff), which is no character")
        )
    return value


def _scalar(hint: type, value: Any) -> Any:
    if is_dataclass(hint):
        return decode_dataclass(hint, value)
    if issubclass(hint, Choice):
        found = hint.parse(value) if isinstance(value, str) else None
        if found is None:
            allowed = ", ".join(member.value for member in hint)
            raise DecodeError(NOT_ALLOWED.format(value=value, allowed=allowed))
        return found
    if hint is date:
        return _date(value)
    if hint is float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise DecodeError(EXPECTED.format(kind=_("a number")))
        return value  # an int stays an int: export writes back what it read
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DecodeError(EXPECTED.format(kind=_("an integer")))
        return value
    if hint is str:
        return checked_text(value)
    raise TypeError(f"unsupported type {hint!r}")


def _date(value: Any) -> date:
    if isinstance(value, dict) and set(value) == {"day", "precision"}:
        precision = (
            Precision.parse(value["precision"]) if isinstance(value["precision"], str) else None
        )
        if precision is None:
            allowed = ", ".join(member.value for member in Precision)
            raise DecodeError(
                NOT_ALLOWED.format(value=value["precision"], allowed=allowed), "precision"
            )
        try:
            return ApproxDate.of(_date(value["day"]), precision)
        except DecodeError as error:
            raise error.within("day") from None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DecodeError(
            EXPECTED.format(kind=_("a date YYYY-MM-DD or {day, precision}"))
        ) from None


EXPECTED = _("expected {kind} here")
MISSING_FIELD = _("the field is missing but required")
NOT_ALLOWED = _("'{value}' is not allowed ({allowed})")
