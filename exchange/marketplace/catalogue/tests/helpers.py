"""Helpers the rating and engagement tests share: every date is relative to the quarter the clock is in."""

import datetime

from exchange.core import clock
from exchange.marketplace.catalogue.services.ratings import engagement_record, quarter_start, rating_create


def this_quarter() -> datetime.date:
    """The first day of the quarter the clock is in: every date here is relative to it, never absolute."""
    return quarter_start(clock.today())


def rate(world, engagement, actor=None, score=4, today=None):
    return rating_create(
        actor=actor or world.lead,
        engagement=engagement,
        quality=score,
        responsiveness=score,
        value_for_money=score,
        relationship=score,
        comment="Good",
        today=today or this_quarter() + datetime.timedelta(days=10),
    )


def record(world, offering, actor=None, commissioner=None, started_on=None, ended_on=None):
    return engagement_record(
        actor=actor or world.lead,
        offering=offering,
        commissioner=commissioner or world.blackpool,
        started_on=started_on or this_quarter() - datetime.timedelta(days=200),
        ended_on=ended_on,
    )
