"""The Procurement Act 2023 standstill: eight working days beginning with the day of the award, weekends and bank
holidays of England and Wales not counted, ending at midnight London time. Dates are found relative to today."""

import datetime

import pytest
from dateutil.easter import easter

from exchange.core import clock
from exchange.marketplace.procurement.standstill import LONDON, is_working_day, standstill_end


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def _next_plain_monday() -> datetime.date:
    """A Monday at least a week ahead whose next fortnight has no bank holiday."""
    day = clock.today() + datetime.timedelta(days=7)
    while day.weekday() != 0 or not all(
        is_working_day(day + datetime.timedelta(days=n))
        for n in range(14)
        if (day + datetime.timedelta(days=n)).weekday() < 5
    ):
        day += datetime.timedelta(days=1)
    return day


def test_eight_working_days_from_a_monday_end_at_midnight_after_the_wednesday_of_the_next_week():
    monday = _next_plain_monday()
    assert standstill_end(_at(monday)) == _at(monday + datetime.timedelta(days=10), hour=0)


def test_an_award_at_a_weekend_starts_counting_on_the_monday():
    monday = _next_plain_monday()
    saturday = monday - datetime.timedelta(days=2)
    assert standstill_end(_at(saturday, hour=23)) == standstill_end(_at(monday))


def test_good_friday_and_easter_monday_do_not_count():
    year = clock.today().year + 1
    thursday = easter(year) - datetime.timedelta(days=3)
    # Thursday is day 1; Friday and Monday are bank holidays; day 8 is the Wednesday of the week after Easter.
    assert standstill_end(_at(thursday)) == _at(thursday + datetime.timedelta(days=14), hour=0)


def test_christmas_and_boxing_day_do_not_count_wherever_they_fall():
    year = clock.today().year + 1
    start = datetime.date(year, 12, 20)
    end = standstill_end(_at(start)).date() - datetime.timedelta(days=1)
    counted = [
        start + datetime.timedelta(days=n)
        for n in range((end - start).days + 1)
        if is_working_day(start + datetime.timedelta(days=n))
    ]
    assert len(counted) == 8 and is_working_day(end)
    assert datetime.date(year, 12, 25) not in counted and datetime.date(year, 12, 26) not in counted


def test_a_longer_standstill_counts_more_working_days():
    monday = _next_plain_monday()
    assert standstill_end(_at(monday), 10) == _at(monday + datetime.timedelta(days=12), hour=0)


def test_the_moment_is_in_london_time_across_the_clocks_changing():
    year = clock.today().year + 1
    last_sunday_of_march = max(
        datetime.date(year, 3, day) for day in range(25, 32) if datetime.date(year, 3, day).weekday() == 6
    )
    end = standstill_end(_at(last_sunday_of_march - datetime.timedelta(days=4)))
    assert end.astimezone(LONDON).time() == datetime.time(0)


@pytest.mark.django_db
def test_a_standstill_shorter_than_the_act_allows_is_refused(world):
    from exchange.core.exceptions import ApplicationError
    from exchange.marketplace.procurement.services.requirements import STANDSTILL_TOO_SHORT
    from exchange.marketplace.procurement.tests.factories import RequirementFactory

    with pytest.raises(ApplicationError, match="at least 8 working days") as refused:
        RequirementFactory(lead=world.blackpool, owner=world.lead, standstill_days=7)
    assert refused.value.message == STANDSTILL_TOO_SHORT


@pytest.mark.django_db
def test_the_award_ends_its_standstill_eight_working_days_on(world, concluded):
    award = concluded.award
    assert award.standstill_ends_at == standstill_end(award.awarded_at)
