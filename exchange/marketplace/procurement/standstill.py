"""The standstill of the Procurement Act 2023: once the contract award notice is published, the contract may not be
entered into for a period of at least eight working days beginning with the day of publication. A working day is
any day but a Saturday, a Sunday or a bank holiday in England and Wales (from the maintained `holidays` library).
The period ends at midnight, London time, at the end of its last working day."""

import datetime
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
WORKING_DAYS = 8  # the Act's minimum


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in holidays.country_holidays("GB", subdiv="ENG", years=day.year)


def standstill_end(awarded_at: datetime.datetime, working_days: int = WORKING_DAYS) -> datetime.datetime:
    """The moment a standstill of `working_days` working days, beginning with the day of `awarded_at`, ends."""
    if working_days < 1:
        raise ValueError("a standstill lasts at least one working day")
    day = awarded_at.astimezone(LONDON).date()
    counted = 1 if is_working_day(day) else 0
    while counted < working_days:
        day += datetime.timedelta(days=1)
        counted += is_working_day(day)
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), tzinfo=LONDON)
