"""Dates as people write them: "2017-02-01", "1/2 2017", "februari 2017", "vt 2017", "2 år".

A date is stored with its precision: `ApproxDate` is a `datetime.date` (so every comparison
and period test keeps working) that also knows the unit it was given in — a day, a month, a
quarter, a term (vt = January–June, ht = July–December) or a year. A start is the first day
of its unit and an end the last ("gäller till och med 2017" holds through 31 December), so a
period never claims less than was said; `first` and `last` give the whole unit, and `label`
says it back as it was meant ("ends during 2017"), never pretending to a day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Self

from samverkan.errors import quoted
from samverkan.i18n import Lang, Message, _
from samverkan.limits import LAST_DAY
from samverkan.model import Choice


class Precision(Choice):
    DAY = "dag"
    MONTH = "månad"
    QUARTER = "kvartal"
    TERM = "termin"
    YEAR = "år"

    @property
    def months(self) -> int:
        """The unit's length in months (a day has none)."""
        return {"dag": 0, "månad": 1, "kvartal": 3, "termin": 6, "år": 12}[self.value]


class ApproxDate(date):
    """A day that stands for a whole unit: the first (start) or last (end) day of it."""

    precision: Precision

    def __new__(
        cls, year: int, month: int = 1, day: int = 1, precision: Precision | None = None
    ) -> Self:
        made = super().__new__(cls, year, month, day)
        # date arithmetic builds results with three arguments: a derived day is exact.
        made.precision = precision or Precision.DAY
        return made

    @classmethod
    def of(cls, day: date, precision: Precision) -> ApproxDate:
        return cls(day.year, day.month, day.day, precision)

    @property
    def first(self) -> date:
        return unit_of(self, self.precision)[0]

    @property
    def last(self) -> date:
        return unit_of(self, self.precision)[1]

    def __repr__(self) -> str:
        return f"ApproxDate({self.isoformat()}, {self.precision.value})"

    def __reduce__(self) -> tuple[type[ApproxDate], tuple[int, int, int, Precision]]:
        return (ApproxDate, (self.year, self.month, self.day, self.precision))


def precision_of(day: date) -> Precision:
    return day.precision if isinstance(day, ApproxDate) else Precision.DAY


def first_day(day: date) -> date:
    """The earliest day `day` may stand for."""
    return day.first if isinstance(day, ApproxDate) else day


def last_day(day: date) -> date:
    """The latest day `day` may stand for."""
    return day.last if isinstance(day, ApproxDate) else day


def unit_of(day: date, precision: Precision) -> tuple[date, date]:
    """The first and last day of the unit of `precision` that holds `day`."""
    if precision is Precision.DAY:
        return day, day
    size = precision.months
    first_month = (day.month - 1) // size * size + 1
    start = date(day.year, first_month, 1)
    return start, add_months(start, size) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; the 31st becomes the month's last day when it has fewer."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# --- reading ------------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("januari", "jan", "january"),
        ("februari", "feb", "febr", "february"),  # febr. as Språkrådet abbreviates it
        ("mars", "mar", "march"),
        ("april", "apr"),
        ("maj", "may"),
        ("juni", "jun", "june"),
        ("juli", "jul", "july"),
        ("augusti", "aug", "august"),
        ("september", "sep", "sept"),
        ("oktober", "okt", "oct", "october"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    MONTHS.update(dict.fromkeys(_names, _number))
MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
TERMS = {"vt": 1, "vår": 1, "våren": 1, "spring": 1, "ht": 7, "höst": 7, "hösten": 7}
TERMS |= {"autumn": 7, "fall": 7}
TERM_WORD = "|".join(sorted(TERMS, key=len, reverse=True))
NUMBER_WORDS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6}
NUMBER_WORDS |= {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

ISO = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
# Day first, as Swedes write a day: "1/2 2017", "1/2-2017", "1.2.2017" (1 February). Not
# "02/03/2017": written so, an American means 3 February, and a guess would go unnoticed.
DAY_MONTH_YEAR = re.compile(
    r"(?:(\d{1,2})/(\d{1,2})(?:\s*-\s*|\s)(\d{4}))|(?:(\d{1,2})\.(\d{1,2})\.(\d{4}))"
)
MONTH_YEAR = re.compile(rf"(?:(\d{{1,2}})\s+)?({MONTH_WORD})\.?\s+(\d{{4}})")
TERM_YEAR = re.compile(rf"({TERM_WORD})\s*-?\s*(\d{{4}})")
QUARTER_YEAR = re.compile(
    r"(?:(?:kv|q|kvartal)\s*([1-4])\s+(\d{4}))|(?:(\d{4})\s*-?\s*(?:kv|q)\s*([1-4]))"
)
EDGE = re.compile(r"(slutet av|end of|late|början av|beginning of|early)\s+(.+)")
# "årsskiftet 2017/2018": an end in December of the first year, a start in January of the next
TURN_OF_YEAR = re.compile(
    r"(?:vid\s+)?(?:årsskiftet|turn of the year)\s+(\d{4})\s*/\s*(\d{2}|\d{4})"
)
DURATION = re.compile(
    r"(\d+|ett|en|två|tre|fyra|fem|sex|one|two|three|four|five)\s*"
    r"(år|years?|månader|månad|mån|months?)"
)
YEARS_ADJECTIVE = re.compile(r"(\d+|ett|två|tre|fyra|fem|sex)\s*-?\s*årig[at]?")


class DateError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


FORMS = _(
    "write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2017-02-01), a day with the day first (1/2 2017, 1.2.2017), a month name (februari 2017, feb 2017), a term (vt 2017, ht 2017), a quarter (Q1 2017), end/beginning of (slutet av 2017) or the turn of the year (årsskiftet 2017/2018)"
)
NOT_A_DATE = _("'{value}' is not a date; ") + FORMS
A_TIME = _(
    "'{value}' is not a date but a time of day; type the date, e.g. 2017-02-01 (a date cell holding 0, often a formula that refers to an empty cell, shows as 1900-01-00)"
)
DURATION_FORMS = _(", or a length from the start date (2 years, 18 months, tvåårigt)")
NO_START = _(
    "'{value}' is a length, but the row has no start date to count from; fill in the start date or write the end (e.g. ht 2018)"
)
TOO_LONG = _(
    "'{value}' would end after {last}, the last day a map can hold; check the length or write the end date"
)
UNEVEN = _(
    "'{value}' from {start} cannot be worked out without guessing a day; write the end (e.g. {example})"
)


def parse_date(value: object, *, end: bool = False) -> date:
    """The date a cell holds; `end` picks the last day of a month, term or year."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):  # a cell of Excel's that holds a time and no day
        raise DateError(A_TIME.format(value=quoted(value)))
    text = " ".join(str(value).split()).casefold()
    found = _turn_of_year(text, end) or _read(text)
    if found is None:
        raise DateError(NOT_A_DATE.format(value=quoted(value)))
    day, precision = found
    if precision is Precision.DAY:
        return day
    first, last = unit_of(day, precision)
    return ApproxDate.of(last if end else first, precision)


@dataclass(frozen=True)
class Length:
    """A period's length as written ("2 år", "tvåårigt"), to be counted from its start."""

    months: int
    text: str

    def after(self, start: date | None) -> date:
        """The last day of a period of this length that begins on `start`."""
        if start is None:
            raise DateError(NO_START.format(value=quoted(self.text)))
        try:
            end = self._end(start)
        except DateError:
            raise
        except (ValueError, OverflowError):  # "99999 år" runs off Python's calendar
            end = None
        if end is None or end > LAST_DAY:
            raise DateError(TOO_LONG.format(value=quoted(self.text), last=LAST_DAY))
        return end

    def _end(self, start: date) -> date:
        precision = precision_of(start)
        if precision is Precision.DAY:
            return add_months(start, self.months) - timedelta(days=1)
        first = unit_of(start, precision)[0]
        if self.months % precision.months:
            month = ApproxDate.of(add_months(first, self.months - 1), Precision.MONTH)
            message = UNEVEN.format(
                value=self.text, start=label(start, "sv"), example=label(month, "sv")
            )
            raise DateError(message)
        return ApproxDate.of(add_months(first, self.months) - timedelta(days=1), precision)


# "t.o.m. 2019" in *Gäller till och med*: the column's own words, written again before the end
THROUGH = re.compile(r"(?:t\.\s?o\.\s?m(?:\.\s*|\s+)|t o m\s+|till och med\s+)(?=\S)")


def parse_end(value: object) -> date | Length:
    """A period's end: a date as `parse_date` reads it, or a length from the start."""
    text = " ".join(str(value).split())
    length = _length(text.casefold(), str(value))
    if length is not None:
        return length
    through = THROUGH.match(text.casefold()) if isinstance(value, str) else None
    try:
        return parse_date(text[through.end() :] if through else value, end=True)
    except DateError as error:
        message = NOT_A_DATE.format(value=quoted(value)) if through else error.message
        raise DateError(message + DURATION_FORMS) from None


def _turn_of_year(text: str, end: bool) -> tuple[date, Precision] | None:
    match = TURN_OF_YEAR.fullmatch(text)
    if match is None or int(match[2][-2:]) != (int(match[1]) + 1) % 100:
        return None
    year = int(match[1])
    return (date(year, 12, 1) if end else date(year + 1, 1, 1)), Precision.MONTH


def _read(text: str) -> tuple[date, Precision] | None:
    """A day and the unit it was given in; None if the text is no date."""
    edge = EDGE.fullmatch(text)
    if edge:
        inner = _read(edge[2])
        return None if inner is None else _edge_of(*inner, late=edge[1] in _LATE)
    try:
        return _read_exact(text)
    except ValueError:  # a month 13 or a 30 February
        return None


_LATE = ("slutet av", "end of", "late")


def _read_exact(text: str) -> tuple[date, Precision] | None:
    if match := ISO.fullmatch(text):
        year, month, day = match.groups()
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        return date(int(year), int(month or 1), int(day or 1)), precision
    if match := DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()[:3] if match[1] else match.groups()[3:]
        return date(int(year), int(month), int(day)), Precision.DAY
    if match := MONTH_YEAR.fullmatch(text):
        day, month, year = match.groups()
        precision = Precision.DAY if day else Precision.MONTH
        return date(int(year), MONTHS[month], int(day or 1)), precision
    if match := TERM_YEAR.fullmatch(text):
        return date(int(match[2]), TERMS[match[1]], 1), Precision.TERM
    if match := QUARTER_YEAR.fullmatch(text):
        quarter, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        return date(int(year), 3 * int(quarter) - 2, 1), Precision.QUARTER
    return None


def _edge_of(day: date, precision: Precision, late: bool) -> tuple[date, Precision]:
    """The last (or first) quarter of a year or term; a month or quarter is its own edge."""
    if precision not in (Precision.YEAR, Precision.TERM):
        return day, precision
    first, last = unit_of(day, precision)
    return (date(last.year, last.month - 2, 1) if late else first), Precision.QUARTER


def _length(text: str, written: str) -> Length | None:
    if match := DURATION.fullmatch(text):
        count = int(match[1]) if match[1].isdigit() else NUMBER_WORDS[match[1]]
        unit = 12 if match[2] in ("år", "year", "years") else 1
    elif match := YEARS_ADJECTIVE.fullmatch(text):
        count = int(match[1]) if match[1].isdigit() else NUMBER_WORDS[match[1]]
        unit = 12
    else:
        return None
    return Length(count * unit, written) if count > 0 else None


# --- writing ------------------------------------------------------------------------------

MONTH_LABELS = (
    _("January {year}"),
    _("February {year}"),
    _("March {year}"),
    _("April {year}"),
    _("May {year}"),
    _("June {year}"),
    _("July {year}"),
    _("August {year}"),
    _("September {year}"),
    _("October {year}"),
    _("November {year}"),
    _("December {year}"),
)
QUARTER_LABEL = _("Q{quarter} {year}")
TERM_LABELS = {True: _("spring {year}"), False: _("autumn {year}")}  # spring or not


def label(day: date, lang: Lang) -> str:
    """A date as precisely as it is known: 2017-02-01, februari 2017, vt 2017, kv4 2017, 2017."""
    precision = precision_of(day)
    match precision:
        case Precision.DAY:
            return day.isoformat()
        case Precision.MONTH:
            return MONTH_LABELS[day.month - 1].format(year=day.year).text(lang)
        case Precision.QUARTER:
            quarter = (day.month - 1) // 3 + 1
            return QUARTER_LABEL.format(quarter=quarter, year=day.year).text(lang)
        case Precision.TERM:
            return TERM_LABELS[day.month <= 6].format(year=day.year).text(lang)
    return str(day.year)


ENDS = {
    (False, True): _("ends on {d}"),
    (False, False): _("ends during {d}"),
    (True, True): _("ended on {d}"),
    (True, False): _("ended during {d}"),
}


def ends_text(day: date, lang: Lang, past: bool = False) -> str:
    """'slutar 2017-05-31' or, for an uncertain end, 'slutar under 2017' (never a made-up day)."""
    exact = precision_of(day) is Precision.DAY
    return ENDS[past, exact].format(d=label(day, lang)).text(lang)
