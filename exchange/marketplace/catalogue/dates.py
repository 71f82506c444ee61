"""The calendar rules of engagements and ratings: quarters (a commissioner rates an offering at most once a quarter)
and the dates an engagement may start and end, as the form and the services check them (field by field)."""

import datetime

EARLIEST_START = datetime.date(2000, 1, 1)
START_TOO_EARLY = "The date the service started must be on or after 1 January 2000"
START_TOO_LATE = "The date the service started must be no more than a year from today, on or before {latest}"
END_NOT_AFTER_START = "The date the service ended must be after the date it started"


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter_start(day: datetime.date) -> datetime.date:
    start = quarter_start(day)
    return datetime.date(start.year + 1, 1, 1) if start.month == 10 else datetime.date(start.year, start.month + 3, 1)


def latest_start(today: datetime.date) -> datetime.date:
    """A year after `today` (28 February after a 29 February)."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def engagement_dates_problem(
    *, started_on: datetime.date, ended_on: datetime.date | None, today: datetime.date
) -> tuple[str, str] | None:
    """The first field whose date breaks the rules, with the message to show, or None when both are fine."""
    if started_on < EARLIEST_START:
        return "started_on", START_TOO_EARLY
    if started_on > latest_start(today):
        return "started_on", START_TOO_LATE.format(latest=f"{latest_start(today):%-d %B %Y}")
    if ended_on is not None and ended_on <= started_on:
        return "ended_on", END_NOT_AFTER_START
    return None
