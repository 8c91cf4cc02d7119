"""Turning what people type in Excel into typed values, or a message saying what is wrong."""

from __future__ import annotations

import difflib
import math
import re
from datetime import date, datetime
from typing import Any

from samverkan.i18n import Msg
from samverkan.limits import count_problem, date_problem
from samverkan_workbook.schema import Column, Kind

LIST_SEPARATORS = re.compile(r"[;|\n]")
NUMBER = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)(?:\s*[-–]\s*(\d+(?:[.,]\d+)?))?\s*(?:ggr|gånger|times)?"
    r"\s*(?:/\s*år|per år|/\s*year|per year)?\s*$",
    re.IGNORECASE,
)
PARTIAL_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")


class CellError(ValueError):
    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse(column: Column, value: Any) -> Any:
    """The typed value of a non-blank cell; CellError if it cannot be one."""
    match column.kind:
        case Kind.TEXT:
            return as_text(value)
        case Kind.LIST:
            return tuple(p.strip() for p in LIST_SEPARATORS.split(as_text(value)) if p.strip())
        case Kind.DATE:
            return as_date(value)
        case Kind.NUMBER:
            return as_number(value)
        case Kind.CHOICE:
            return as_choice(column, as_text(value))


def as_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def as_date(value: Any) -> date:
    day = _date_of(value)
    problem = date_problem(day)
    if problem is not None:
        raise CellError(problem)
    return day


def _date_of(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = PARTIAL_DATE.match(str(value))
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise CellError(
        Msg(
            "'{value}' är inget datum; skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ (t.ex. 2017-02-01)",
            "'{value}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2017-02-01)",
        ).format(value=value)
    )


def as_number(value: Any) -> float:
    if isinstance(value, bool):
        raise CellError(NOT_A_NUMBER.format(value=value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        match = NUMBER.match(str(value))
        if not match:
            raise CellError(NOT_A_NUMBER.format(value=value))
        low, high = (float(p.replace(",", ".")) for p in (match[1], match[2] or match[1]))
        number = (low + high) / 2  # "2-3 ggr/år" counts as 2.5
    if number < 0 or not math.isfinite(number):
        raise CellError(NOT_A_NUMBER.format(value=value))
    problem = count_problem(number)
    if problem is not None:
        raise CellError(problem)
    return number


NOT_A_NUMBER = Msg(
    "'{value}' är inget antal; skriv t.ex. 2, 2,5 eller 2-3",
    "'{value}' is not a count; write e.g. 2, 2.5 or 2-3",
)


def as_choice(column: Column, text: str) -> Any:
    choices = column.choices
    found = choices.parse(text) if choices is not None else None
    if found is not None:
        return found
    allowed = column.allowed("sv")
    hint = difflib.get_close_matches(text.casefold(), allowed, n=1)
    message = Msg(
        "'{value}' är inte ett tillåtet värde för {header}. Tillåtna: {allowed}",
        "'{value}' is not an allowed value for {header}. Allowed: {allowed}",
    ).format(value=text, header=column.header, allowed=", ".join(allowed))
    if hint:
        message = message + Msg(". Menade du '{h}'?", ". Did you mean '{h}'?").format(h=hint[0])
    raise CellError(message)
