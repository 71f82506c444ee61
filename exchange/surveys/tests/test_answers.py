"""Date and time answers (`surveys.answers`): only real dates and 24-hour times are read, they are kept as ISO text,
and results group them by month and hour."""

from datetime import date, time

import pytest

from exchange.surveys.answers import (
    date_display,
    date_from_iso,
    hour_label,
    hour_of,
    month_label,
    month_of,
    time_from_iso,
    time_from_typed,
)


def test_a_real_iso_date_is_read():
    assert date_from_iso("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2023-02-29", "2024-02-31", "2024-13-01", "2024-3-1", "01/03/2024", "", None, "x", "٢٠١٣-٠٤-٠١"]
)
def test_anything_but_a_real_iso_date_is_not_a_date(text):
    assert date_from_iso(text) is None


@pytest.mark.parametrize(("text", "expected"), [("00:00", time(0, 0)), ("23:59", time(23, 59))])
def test_a_24_hour_time_is_read(text, expected):
    assert time_from_iso(text) == expected


@pytest.mark.parametrize("text", ["24:00", "25:00", "12:60", "9:30", "0930", "2:30pm", ""])
def test_only_hh_mm_is_a_stored_time(text):
    assert time_from_iso(text) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("14:30", time(14, 30)), ("9:05", time(9, 5)), ("14.30", time(14, 30)), ("1430", time(14, 30))],
)
def test_a_time_may_be_typed_as_people_type_it(typed, expected):
    assert time_from_typed(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "24:00", "14:3", "2:30pm", "half past two", "14:30:00", ""])
def test_a_typed_time_that_cannot_be_is_refused(typed):
    assert time_from_typed(typed) is None


def test_dates_are_shown_in_words_and_grouped_by_month():
    assert date_display("2013-04-01") == "1 April 2013"
    assert month_of("2013-04-30") == "2013-04"
    assert month_label("2013-04") == "April 2013"
    assert month_of("not a date") is None


def test_times_are_grouped_by_hour():
    assert hour_of("09:59") == "09:00"
    assert hour_label("09:00") == "09:00 to 09:59"
    assert hour_of("9:59") is None
