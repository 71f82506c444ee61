"""Moments as people read them, in London time (the project's TIME_ZONE): "25 December 2026 at 3pm". One way of
writing a date and time, for every page that shows a deadline; the templates' `moment_text` filter."""

import datetime

from django.utils.timezone import localtime


def hour_text(hour: int, minute: int = 0) -> str:
    """A time of day on the 12-hour clock: "9am", "3:30pm", "midday", "midnight"."""
    if minute == 0 and hour in (0, 12):
        return "midnight" if hour == 0 else "midday"
    twelve, suffix = hour % 12 or 12, "am" if hour < 12 else "pm"
    return f"{twelve}{suffix}" if minute == 0 else f"{twelve}:{minute:02d}{suffix}"


def day_text(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def moment_text(value: datetime.datetime | None) -> str:
    """The moment as "25 December 2026 at 3pm", in London time. Midnight is written as the end of the day before
    ("midnight at the end of 24 December 2026"), which is what a deadline or a standstill ending at 00:00 means;
    seconds are left out."""
    if value is None:
        return "–"
    local = localtime(value)
    if (local.hour, local.minute) == (0, 0):
        return f"midnight at the end of {day_text(local.date() - datetime.timedelta(days=1))}"
    return f"{day_text(local.date())} at {hour_text(local.hour, local.minute)}"
