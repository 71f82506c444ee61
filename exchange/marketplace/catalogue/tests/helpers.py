"""Helpers the catalogue tests share: offerings made and redrafted by their provider, engagements recorded and
ratings given. Every date is relative to the quarter the clock is in."""

import datetime
from decimal import Decimal

from exchange.core import clock
from exchange.marketplace.catalogue.models import OfferingStatus, ServiceLine
from exchange.marketplace.catalogue.services.offerings import (
    offering_create,
    offering_price_change,
    offering_status_set,
    offering_update,
)
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


def create(provider, person, **extra):
    return offering_create(
        actor=person,
        provider=provider,
        title="BI for CCGs",
        summary="Dashboards and analysis",
        service_lines=[ServiceLine.objects.get(code="business-intelligence")],
        pricing_model=extra.pop("pricing_model", "per_head"),
        price=extra.pop("price", Decimal("1.20")),
        **extra,
    )


def redraft(world, offering, status=OfferingStatus.DRAFT):
    """The provider takes the offering off the catalogue and rewrites and reprices it."""
    offering_status_set(actor=world.us, offering=offering, status=status)
    offering_update(
        actor=world.us,
        offering=offering,
        title="SECRET DRAFT TITLE",
        summary="SECRET DRAFT SUMMARY",
        service_lines=offering.service_lines.all(),
        regions=[world.north],
    )
    offering_price_change(actor=world.us, offering=offering, pricing_model="per_head", price=Decimal("0.77"))
