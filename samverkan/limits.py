"""The values a fact may hold, whichever importer read it.

The workbook's dropdowns and cell checks keep most values in range; a JSON file, a Kumu
export or a third-party importer has no dropdowns, so they check their facts here before
any rule or exporter sees them. The ranges are documented in docs/reliability.md.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import date
from typing import Any

from samverkan.i18n import Message, _
from samverkan.identity import blank
from samverkan.model import COLLABORATION, QUALITY, Fact, Period, Scale

# Excel's calendar starts in 1900; the far end leaves room for plans. Outside it a date is
# a typing error (0001-01-01, 9999-12-31), and date arithmetic near year 1 or 9999 overflows.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
# Meetings or contacts per year: 10,000 is some forty a working day.
MAX_PER_YEAR = 10_000
SCALES: dict[str, Scale] = {"quality": QUALITY, "collaboration": COLLABORATION}
COUNTS = ("cadence_per_year", "frequency_per_year", "wished_per_year")
# A share is per cent of a whole; a month has at most 744 hours; money and heads are not
# negative. The workbook checks these in its cells; here they hold for every importer.
MAX_HOURS_PER_MONTH = 744  # 31 days of 24 hours
RANGES: dict[str, tuple[float, float | None]] = {
    "share": (0, 100),
    "hours_per_month": (0, MAX_HOURS_PER_MONTH),
    "amount": (0, None),
    "head_count": (0, None),
}


def date_problem(day: date) -> Message | None:
    """What is wrong with `day`, or None if a map can hold it."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return DATE_OUT_OF_RANGE.format(value=day.isoformat(), first=FIRST_DAY, last=LAST_DAY)


def count_problem(number: float) -> Message | None:
    """What is wrong with a count per year, or None if it is one."""
    if 0 <= number <= MAX_PER_YEAR:
        return None
    return COUNT_OUT_OF_RANGE.format(value=_shown(number), limit=MAX_PER_YEAR)


def fact_problems(fact: Fact) -> list[tuple[str, Message]]:
    """(field, what is wrong) for each value of `fact` outside its range, and each required
    text left blank; a period's ends are named 'valid.start' and 'valid.end'."""
    found: list[tuple[str, Message]] = []
    for spec in fields(fact):
        value = getattr(fact, spec.name)
        required = spec.default is MISSING and spec.default_factory is MISSING
        if required and isinstance(value, str) and blank(value):
            found.append((spec.name, BLANK))  # as a blank required cell in the workbook
        elif isinstance(value, Period):
            ends = (("start", value.start), ("end", value.end))
            found += [
                (f"{spec.name}.{end}", problem)
                for end, day in ends
                if day is not None and (problem := date_problem(day))
            ]
        elif (problem := _value_problem(spec.name, value)) is not None:
            found.append((spec.name, problem))
    return found


def _value_problem(name: str, value: Any) -> Message | None:
    if value is None or isinstance(value, bool):
        return None
    if name in SCALES:
        scale = SCALES[name]
        if value in scale.steps:
            return None
        steps = sorted(scale.steps)
        return OFF_SCALE.format(
            value=_shown(value),
            scale=scale.name,
            low=steps[0],
            high=steps[-1],
        )
    if name in COUNTS and isinstance(value, int | float):
        return count_problem(value)
    if name in RANGES and isinstance(value, int | float):
        return _range_problem(value, *RANGES[name])
    if isinstance(value, date):
        return date_problem(value)
    return None


def _range_problem(number: float, low: float, high: float | None) -> Message | None:
    if number >= low and (high is None or number <= high):
        return None
    if high is None:
        return NEGATIVE.format(value=_shown(number))
    return OUT_OF_RANGE.format(value=_shown(number), low=_shown(low), high=_shown(high))


def _shown(number: float) -> str:
    """A number as a message quotes it: whole numbers without '.0', absurd ones cut short."""
    whole = isinstance(number, float) and number.is_integer()
    return shortened(str(int(number)) if whole else str(number))


def shortened(text: str, limit: int = 20) -> str:
    """`text` cut to `limit` characters for a message: a 5,000-digit number is not quoted."""
    return text if len(text) <= limit else text[: limit - 3] + "…"


BLANK = _("must not be blank")
DATE_OUT_OF_RANGE = _("the date {value} lies outside the dates a map can hold ({first} – {last})")
COUNT_OUT_OF_RANGE = _("'{value}' is no plausible count per year (allowed: 0 – {limit})")
NEGATIVE = _("'{value}' cannot be negative")
OUT_OF_RANGE = _("'{value}' lies outside {low} – {high}")
OFF_SCALE = _("'{value}' lies outside the {scale} scale ({low} – {high})")
