"""Dates as people write them: parsed with their precision, never pretending to a day."""

from __future__ import annotations

from datetime import date, time

import pytest

from samverkan.dates import (
    ApproxDate,
    DateError,
    Length,
    Precision,
    ends_text,
    first_day,
    label,
    last_day,
    parse_date,
    parse_end,
    precision_of,
)


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2017-02-01", date(2017, 2, 1), date(2017, 2, 1), Precision.DAY),
        ("1 februari 2017", date(2017, 2, 1), date(2017, 2, 1), Precision.DAY),
        ("2017-02", date(2017, 2, 1), date(2017, 2, 28), Precision.MONTH),
        ("februari 2017", date(2017, 2, 1), date(2017, 2, 28), Precision.MONTH),
        ("Feb 2017", date(2017, 2, 1), date(2017, 2, 28), Precision.MONTH),
        ("okt. 2016", date(2016, 10, 1), date(2016, 10, 31), Precision.MONTH),
        ("vt 2017", date(2017, 1, 1), date(2017, 6, 30), Precision.TERM),
        ("HT 2017", date(2017, 7, 1), date(2017, 12, 31), Precision.TERM),
        ("våren 2017", date(2017, 1, 1), date(2017, 6, 30), Precision.TERM),
        ("kv2 2017", date(2017, 4, 1), date(2017, 6, 30), Precision.QUARTER),
        ("2017-Q4", date(2017, 10, 1), date(2017, 12, 31), Precision.QUARTER),
        ("slutet av 2017", date(2017, 10, 1), date(2017, 12, 31), Precision.QUARTER),
        ("början av ht 2017", date(2017, 7, 1), date(2017, 9, 30), Precision.QUARTER),
        ("i slutet av januari 2018".removeprefix("i "), date(2018, 1, 1), date(2018, 1, 31), Precision.MONTH),
        ("2017", date(2017, 1, 1), date(2017, 12, 31), Precision.YEAR),
    ],
)  # fmt: skip
def test_a_date_keeps_the_unit_it_was_written_in(
    text: str, first: date, last: date, precision: Precision
) -> None:
    start, end = parse_date(text), parse_date(text, end=True)
    assert (start, end) == (first, last)  # a start is the unit's first day, an end its last
    for day in (start, end):
        assert (first_day(day), last_day(day)) == (first, last)
        assert (day.precision if isinstance(day, ApproxDate) else Precision.DAY) is precision


def test_the_turn_of_the_year_ends_in_december_and_starts_in_january() -> None:
    assert label(parse_date("årsskiftet 2007/2008", end=True), "sv") == "december 2007"
    assert label(parse_date("vid årsskiftet 2007/08"), "sv") == "januari 2008"
    with pytest.raises(DateError):
        parse_date("årsskiftet 2007/2009")  # not one turn of the year


def test_labels_say_the_date_as_precisely_as_it_is_known() -> None:
    assert label(parse_date("feb 2017"), "sv") == "februari 2017"
    assert label(parse_date("ht 2017"), "en") == "autumn 2017"
    assert label(parse_date("kv1 2018"), "en") == "Q1 2018"
    assert ends_text(parse_date("2017", end=True), "sv") == "slutar under 2017"
    assert ends_text(parse_date("2017", end=True), "en", past=True) == "ended during 2017"
    assert ends_text(date(2017, 5, 31), "en") == "ends on 2017-05-31"


@pytest.mark.parametrize(
    ("start", "length", "end"),
    [
        ("2017-02-01", "2 år", "2019-01-31"),
        ("2017-02-01", "18 månader", "2018-07-31"),
        ("vt 2017", "tvåårig", "ht 2018"),
        ("vt 2017", "treårigt", "ht 2019"),
        ("2017", "2 år", "2018"),
        ("februari 2017", "6 mån", "juli 2017"),
        ("ht 2016", "18 månader", "ht 2017"),
    ],
)
def test_a_length_counts_from_the_start_at_the_start_s_precision(
    start: str, length: str, end: str
) -> None:
    written = parse_end(length)
    assert isinstance(written, Length)
    found = written.after(parse_date(start))
    assert label(found, "sv") == end


def test_a_length_that_would_need_a_guessed_day_is_refused() -> None:
    with pytest.raises(DateError) as error:
        Length(18, "18 månader").after(parse_date("2017"))
    assert "skriv slutet" in error.value.message.sv
    with pytest.raises(DateError) as error:
        Length(24, "2 år").after(None)
    assert "inget startdatum" in error.value.message.sv


@pytest.mark.parametrize(
    "text", ["1/2 2017", "1/2-2017", "1/2 - 2017", "1.2.2017", "01.02.2017",
             "01/02 2017", "1 feb. 2017", "1 Feb 2017", " 1/2  2017 ",
             "1 febr. 2017"],  # Språkrådet's abbreviation, refused as no date before
)  # fmt: skip
def test_a_day_written_the_swedish_way_is_read_day_first(text: str) -> None:
    for end in (False, True):
        day = parse_date(text, end=end)
        assert day == date(2017, 2, 1) and precision_of(day) is Precision.DAY


def test_a_leap_day_is_a_day() -> None:
    assert parse_date("29/2 2016") == date(2016, 2, 29)


@pytest.mark.parametrize(
    "text",
    ["31/2 2017", "13/13 2017", "29/2 2017", "0/1 2017", "32.1.2017", "1/2",
     "1/2.2017", "1.2 2017", "1/2 17"],
)  # fmt: skip
def test_a_day_month_that_is_no_day_or_has_no_year_is_refused(text: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert f"'{text}' är inget datum" in error.value.message.sv
    assert "dagen först (1/2 2017, 1.2.2017)" in error.value.message.sv
    assert "the day first (1/2 2017, 1.2.2017)" in error.value.message.en


@pytest.mark.parametrize(
    "text",
    [
        "i våras",
        "02/03/2017",
        "1/2/2017",
        "12/31/2017",
        "31/2 2017",
        "2017-02-30",
        "42767",
        "vt",
        "slutet av året",
        "13 2017",
    ],
)
def test_nonsense_is_refused_with_the_forms_that_work(text: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(text)
    assert f"'{text}' är inget datum" in error.value.message.sv
    assert "vt 2017" in error.value.message.sv and "februari 2017" in error.value.message.en


def test_an_approximate_date_is_a_date_everywhere_else() -> None:
    end = parse_date("2017", end=True)
    assert isinstance(end, date) and end == date(2017, 12, 31)
    assert date(2017, 6, 1) <= end and hash(end) == hash(date(2017, 12, 31))


def test_an_approximate_date_keeps_its_precision_when_copied_or_pickled() -> None:
    import copy
    import pickle

    end = parse_date("vt 2017", end=True)
    for again in (copy.deepcopy(end), pickle.loads(pickle.dumps(end))):
        assert again == end and isinstance(again, ApproxDate)
        assert again.precision is Precision.TERM


def test_a_time_of_day_is_not_a_date_and_says_what_it_is() -> None:
    """A date cell holding 0 (a formula on an empty cell: 1900-01-00 in Excel) or a time
    reads as a time: the message said only ''00:00:00' är inget datum; skriv ÅÅÅÅ-MM-DD …'."""
    for value, shown in ((time(0, 0), "'00:00:00'"), (time(10, 30), "'10:30:00'")):
        with pytest.raises(DateError) as caught:
            parse_date(value)
        message = caught.value.message.text("sv")
        assert message.startswith(f"{shown} är inget datum utan ett klockslag")
        assert "1900-01-00" in message
