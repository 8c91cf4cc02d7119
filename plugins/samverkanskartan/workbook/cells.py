"""Turning what people type in Excel into typed values, or a message saying what is wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from samverkan.dates import DateError, parse_date, parse_end
from samverkan.errors import did_you_mean
from samverkan.i18n import Message, _
from samverkan.identity import blank
from samverkan.limits import MAX_HOURS_PER_MONTH, count_problem, date_problem
from samverkanskartan.workbook.schema import Column, Kind

LIST_SEPARATORS = re.compile(r"[;|\n]")
NUMBER = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)(?:\s*[-–]\s*(\d+(?:[.,]\d+)?))?\s*(?:ggr|gånger|times)?"
    r"\s*(?:/\s*år|per år|/\s*year|per year)?\s*$",
    re.IGNORECASE,
)


class CellError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def is_blank(value: Any) -> bool:
    """None, white space, or only invisible characters (`blank`, asked only when the text
    holds something unprintable: this runs for every cell)."""
    if not isinstance(value, str):
        return value is None
    stripped = value.strip()
    return not stripped or (not stripped.isprintable() and blank(stripped))


def parse(column: Column, value: Any) -> Any:
    """The typed value of a non-blank cell; CellError if it cannot be one."""
    if isinstance(value, bool):  # no column takes one: it is not a name, a count or a date
        raise CellError(TRUTH_VALUE)
    match column.kind:
        case Kind.TEXT:
            return as_text(value)
        case Kind.LIST:
            return as_list(column, as_text(value))
        case Kind.DATE:
            return _dated(parse_date, value)
        case Kind.END:
            return _dated(parse_end, value)
        case Kind.ATTRIBUTES:
            return as_attributes(as_text(value))
        case Kind.NUMBER:
            return as_number(value)
        case Kind.FREQUENCY:
            return as_frequency(value)
        case Kind.COUNT:
            return as_count(value)
        case Kind.HOURS:
            return as_hours(value)
        case Kind.SHARE:
            return as_share(value)
        case Kind.AMOUNT:
            return as_amount(value)
        case Kind.CHOICE:
            return as_choice(column, as_text(value))


TRUTH_VALUE = _(
    "the cell holds a truth value (TRUE or FALSE), which no column takes; type the text or number you mean"
)


def as_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def as_list(column: Column, text: str) -> tuple[str, ...]:
    items = tuple(p.strip() for p in LIST_SEPARATORS.split(text) if p.strip())
    if column.required and not items:  # "; ;" names no member
        raise CellError(ONLY_SEPARATORS.format(h=column.header))
    return items


ONLY_SEPARATORS = _("'{h}' holds only separators (;); fill in at least one name")


def _dated(read: Callable[[Any], Any], value: Any) -> Any:
    """A date (or a length from the start) as samverkan.dates reads it."""
    try:
        found = read(value)
    except DateError as error:
        raise CellError(error.message) from None
    problem = date_problem(found) if isinstance(found, date) else None
    if problem is not None:
        raise CellError(problem)
    return found


def as_attributes(text: str) -> dict[str, str]:
    """'förtroende=4; budget=650 000 kr' -> {'förtroende': '4', 'budget': '650 000 kr'}."""
    found: dict[str, str] = {}
    for part in (p.strip() for p in LIST_SEPARATORS.split(text)):
        key, _, value = part.partition("=")
        if part and not (key.strip() and value.strip()):
            raise CellError(NOT_AN_ATTRIBUTE.format(value=part))
        if part:
            found[key.strip()] = value.strip()
    return found


NOT_AN_ATTRIBUTE = _(
    "'{value}' is not a property; write name=value, several separated by semicolons (e.g. trust=4; budget=650 000 kr)"
)


def as_number(value: Any) -> float:
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


NOT_A_NUMBER = _("'{value}' is not a count; write e.g. 2, 2.5 or 2-3")

# Frequency in words, as times a year (docs/workbook.md lists them with their ranges).
FREQUENCY_WORDS: dict[str, float] = {
    "dagligen": 220,
    "daily": 220,
    "varje vecka": 52,
    "veckovis": 52,
    "weekly": 52,
    "täta kontakter": 52,
    "täta": 52,
    "tät": 52,
    "frequent": 52,
    "varannan vecka": 26,
    "varje månad": 12,
    "månadsvis": 12,
    "monthly": 12,
    "regelbundet": 12,
    "regularly": 12,
    "kvartalsvis": 4,
    "quarterly": 4,
    "ett flertal tillfällen": 4,
    "flera gånger": 4,
    "several times": 4,
    "vid behov": 2,
    "as needed": 2,
    "halvårsvis": 2,
    "årligen": 1,
    "yearly": 1,
    "sällan": 1,
    "rarely": 1,
}


def as_frequency(value: Any) -> float:
    """Times a year: a number ('2-3 ggr/år') or a word from FREQUENCY_WORDS ('regelbundet')."""
    found = FREQUENCY_WORDS.get(" ".join(str(value).split()).casefold())
    if found is not None:
        return found
    try:
        return as_number(value)
    except CellError:
        raise CellError(NOT_A_FREQUENCY.format(value=value)) from None


NOT_A_FREQUENCY = _(
    "'{value}' is not a frequency; write a number a year (2, 2-3) or a word: daily, weekly, frequent, monthly, regularly, quarterly, several times, as needed, yearly, rarely"
)
COUNT = re.compile(r"^\s*(\d+)\s*(?:st|personer|pers|people)?\.?\s*$", re.IGNORECASE)


def as_count(value: Any) -> int:
    """A head count: a whole number of at least 1 ('4', '4 personer')."""
    match = COUNT.match(str(_whole(value)))
    if not match or int(match[1]) < 1:
        raise CellError(
            _("'{value}' is not a head count; write a whole number, e.g. 4").format(value=value)
        )
    return int(match[1])


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


DECIMAL = r"(\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?)"
HOURS = re.compile(
    rf"^\s*{DECIMAL}\s*(?:h|tim|timmar|timme|hours?)?\s*"
    r"(?:(?:/|per|i)\s*(?:(månad|månaden|mån|month|m)|(vecka|veckan|v|week)))?\s*$",
    re.IGNORECASE,
)


def as_hours(value: Any) -> float:
    """Hours a month: '20 h/månad', '4 h/vecka' (x 52/12), or a number (a month)."""
    match = HOURS.match(str(_whole(value)))
    if not match:
        raise CellError(
            _(
                "'{value}' is not a commitment; write hours a month or a week, e.g. 20 h/month or 4 h/week"
            ).format(value=value)
        )
    hours = _decimal(match[1])
    hours = round(hours * 52 / 12, 2) if match[3] else hours
    if hours > MAX_HOURS_PER_MONTH:  # as every importer's facts are checked
        raise CellError(TOO_MANY_HOURS.format(value=value, limit=MAX_HOURS_PER_MONTH))
    return hours


TOO_MANY_HOURS = _(
    "'{value}' is more hours than a month has (at most {limit}); write hours a month or a week, e.g. 20 h/month or 4 h/week"
)


def _decimal(text: str) -> float:
    return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))


SHARE = re.compile(rf"^\s*{DECIMAL}\s*(?:%|procent|percent)?\s*$", re.IGNORECASE)


def as_share(value: Any) -> float:
    """Per cent of the whole: '50 %', '12,5', '50'."""
    match = SHARE.match(str(_whole(value)))
    share = _decimal(match[1]) if match else -1.0
    if not 0 <= share <= 100:
        raise CellError(
            _("'{value}' is not a share; write a percentage from 0 to 100, e.g. 50 %").format(
                value=value
            )
        )
    return share


AMOUNT = re.compile(
    rf"^\s*{DECIMAL}\s*(tkr|mkr|miljoner|milj\.?|mnkr|msek|ksek)?\s*(?:kr|kronor|sek|€|eur)?\s*$",
    re.IGNORECASE,
)
SCALE = {
    "tkr": 1e3,
    "ksek": 1e3,
    "mkr": 1e6,
    "mnkr": 1e6,
    "msek": 1e6,
    "miljoner": 1e6,
    "milj": 1e6,
}


def as_amount(value: Any) -> float:
    """An amount: '650 000', '650 000 kr', '1,2 mkr', '300 tkr'."""
    match = AMOUNT.match(str(_whole(value)))
    if not match:
        raise CellError(
            _(
                "'{value}' is not an amount; write e.g. 650 000, 650 000 kr, 300 tkr or 1.2 mkr"
            ).format(value=value)
        )
    scale = SCALE.get((match[2] or "").casefold().rstrip("."), 1.0)
    return _decimal(match[1]) * scale


def as_choice(column: Column, text: str) -> Any:
    choices = column.choices
    found = choices.parse(text) if choices is not None else None
    if found is not None:
        return found
    allowed = column.allowed("sv")
    message = _("'{value}' is not an allowed value for {header}. Allowed: {allowed}.").format(
        value=text, header=column.header, allowed=", ".join(allowed)
    )
    raise CellError(message + did_you_mean(text.casefold(), allowed))
