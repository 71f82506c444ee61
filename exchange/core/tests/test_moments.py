"""Moments written one way on every page: "25 December 2026 at 3pm", in London time whatever the season."""

import datetime
from zoneinfo import ZoneInfo

from exchange.core import clock
from exchange.core.moments import hour_text, moment_text

LONDON = ZoneInfo("Europe/London")


def _next(month: int) -> datetime.date:
    """The 15th of the next `month` from today: a day in summer time or in winter time, whenever the test runs."""
    today = clock.today()
    year = today.year if today.month < month else today.year + 1
    return datetime.date(year, month, 15)


def test_a_whole_hour_reads_as_the_day_and_the_hour_on_the_twelve_hour_clock():
    day = clock.today() + datetime.timedelta(days=30)
    moment = datetime.datetime.combine(day, datetime.time(15), tzinfo=LONDON)
    assert moment_text(moment) == f"{day.day} {day:%B %Y} at 3pm"


def test_a_moment_stored_in_utc_is_read_in_london_time_in_summer_and_in_winter():
    summer, winter = _next(7), _next(1)
    assert moment_text(datetime.datetime.combine(summer, datetime.time(14), tzinfo=datetime.UTC)).endswith(" at 3pm")
    assert moment_text(datetime.datetime.combine(winter, datetime.time(14), tzinfo=datetime.UTC)).endswith(" at 2pm")


def test_noon_is_midday_and_minutes_show_only_when_there_are_some():
    assert hour_text(12) == "midday"
    assert hour_text(9) == "9am"
    assert hour_text(23) == "11pm"
    assert hour_text(14, 30) == "2:30pm"
    assert hour_text(0, 5) == "12:05am"


def test_midnight_is_written_as_the_end_of_the_day_before():
    day = clock.today() + datetime.timedelta(days=10)
    before = day - datetime.timedelta(days=1)
    moment = datetime.datetime.combine(day, datetime.time(0), tzinfo=LONDON)
    assert moment_text(moment) == f"midnight at the end of {before.day} {before:%B %Y}"


def test_seconds_are_left_out_and_no_moment_reads_as_a_dash():
    day = clock.today() + datetime.timedelta(days=3)
    odd = datetime.datetime.combine(day, datetime.time(2, 59, 41), tzinfo=LONDON)
    assert moment_text(odd) == f"{day.day} {day:%B %Y} at 2:59am"
    assert moment_text(None) == "–"
