"""Engagements (services/ratings.py): recorded by a commissioner's buyers, confirmed by the provider's people, within
the dates allowed."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.audit.models import AuditEvent
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import Engagement, EngagementSource, Offering, Rating
from exchange.marketplace.catalogue.services.ratings import (
    ALREADY_CONFIRMED,
    END_NOT_AFTER_START,
    NOT_A_BUYER,
    NOT_THE_PROVIDER,
    RECORDED_BY_YOU,
    START_TOO_EARLY,
    START_TOO_LATE,
    engagement_confirm,
    engagement_from_award,
    latest_start,
)
from exchange.marketplace.catalogue.tests.helpers import rate, record, this_quarter

pytestmark = pytest.mark.django_db


def test_only_a_commissioners_own_buyers_can_record_an_engagement(world):
    offering = world.offering()
    with pytest.raises(ApplicationError, match=NOT_A_BUYER):
        record(world, offering, actor=world.london_lead)
    with pytest.raises(ApplicationError, match=NOT_A_BUYER):
        record(world, offering, actor=world.us)
    with pytest.raises(ApplicationError, match=NOT_A_BUYER):
        record(world, offering, actor=AnonymousUser())
    assert not Engagement.objects.exists()


def test_an_engagement_a_buyer_records_awaits_the_providers_confirmation(world):
    engagement = record(world, world.offering())
    assert engagement.source == EngagementSource.RECORDED and engagement.recorded_by == world.lead
    assert not engagement.is_confirmed and engagement.confirmed_by is None
    event = AuditEvent.objects.get(action="marketplace.engagement_recorded")
    assert event.details["source"] == "recorded" and event.actor == world.lead


def test_the_providers_representative_confirms_an_engagement_and_it_can_then_be_rated(world):
    offering = world.offering()
    engagement = record(world, offering)
    moment = clock.now()
    confirmed = engagement_confirm(actor=world.us, engagement=engagement, now=moment)
    assert (confirmed.confirmed_at, confirmed.confirmed_by) == (moment, world.us)
    event = AuditEvent.objects.get(action="marketplace.engagement_confirmed")
    assert (event.actor, event.organisation, event.object_id) == (world.us, world.ours, str(engagement.pk))
    rate(world, confirmed)
    assert Offering.objects.get(pk=offering.pk).rating_count == 1


@pytest.mark.parametrize("who", ["them", "lead", "london_lead", "anonymous"])
def test_no_one_but_the_provider_confirms_an_engagement(world, who):
    """Another provider's representative, the buyer who recorded it, another commissioner's buyer, no one."""
    engagement = record(world, world.offering())
    actor = AnonymousUser() if who == "anonymous" else getattr(world, who)
    with pytest.raises(ApplicationError, match=NOT_THE_PROVIDER):
        engagement_confirm(actor=actor, engagement=engagement)
    assert not Engagement.objects.get(pk=engagement.pk).is_confirmed
    assert not AuditEvent.objects.filter(action="marketplace.engagement_confirmed").exists()


def test_platform_staff_can_confirm_an_engagement(world):
    engagement = engagement_confirm(actor=world.staff, engagement=record(world, world.offering()))
    assert engagement.is_confirmed and engagement.confirmed_by == world.staff


def test_the_person_who_recorded_an_engagement_cannot_confirm_it_even_at_the_provider(world):
    both = MembershipFactory(organisation=world.blackpool, roles=[Role.BUYER]).user
    MembershipFactory(user=both, organisation=world.ours, roles=[Role.PROVIDER_REPRESENTATIVE])
    engagement = record(world, world.offering(), actor=both)
    with pytest.raises(ApplicationError, match=RECORDED_BY_YOU):
        engagement_confirm(actor=both, engagement=engagement)
    assert not Engagement.objects.get(pk=engagement.pk).is_confirmed
    assert engagement_confirm(actor=world.us, engagement=engagement).confirmed_by == world.us


def test_confirming_an_engagement_twice_is_refused_and_the_first_confirmation_stands(world, engaged):
    _, engagement = engaged
    with pytest.raises(ApplicationError, match=ALREADY_CONFIRMED):
        engagement_confirm(actor=world.staff, engagement=engagement)
    assert Engagement.objects.get(pk=engagement.pk).confirmed_by == world.us
    assert AuditEvent.objects.filter(action="marketplace.engagement_confirmed").count() == 1


def test_an_engagement_from_an_award_is_confirmed_at_once_and_can_be_rated(world):
    offering = world.offering()
    moment = clock.now()
    engagement = engagement_from_award(
        actor=world.lead, offering=offering, commissioner=world.blackpool, started_on=this_quarter(), now=moment
    )
    assert engagement.source == EngagementSource.AWARD
    assert engagement.confirmed_at == moment and engagement.is_confirmed
    event = AuditEvent.objects.get(action="marketplace.engagement_recorded")
    assert event.details == {"offering": offering.pk, "started_on": this_quarter().isoformat(), "source": "award"}
    assert event.organisation == world.blackpool
    rate(world, engagement)
    assert Rating.objects.get().engagement == engagement


def _start(name: str) -> datetime.date:
    return {
        "year one": datetime.date(1, 1, 1),
        "the last day of 1999": datetime.date(1999, 12, 31),
        "a year and a day from today": latest_start(clock.today()) + datetime.timedelta(days=1),
        "ten years from today": clock.today() + datetime.timedelta(days=3653),
    }[name]


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("year one", START_TOO_EARLY),
        ("the last day of 1999", START_TOO_EARLY),
        ("a year and a day from today", START_TOO_LATE.split(",")[0]),
        ("ten years from today", START_TOO_LATE.split(",")[0]),
    ],
)
def test_an_engagement_starting_too_early_or_too_far_ahead_is_refused_and_nothing_is_saved(world, start, message):
    with pytest.raises(ApplicationError, match=message) as refused:
        record(world, world.offering(), started_on=_start(start))
    assert refused.value.extra == {"field": "started_on"}
    assert not Engagement.objects.exists()
    assert not AuditEvent.objects.filter(action="marketplace.engagement_recorded").exists()


@pytest.mark.parametrize("days", [-1, 0])
def test_an_engagement_ending_before_or_on_the_day_it_starts_is_refused_and_nothing_is_saved(world, days):
    started = this_quarter() - datetime.timedelta(days=100)
    with pytest.raises(ApplicationError, match=END_NOT_AFTER_START) as refused:
        record(world, world.offering(), started_on=started, ended_on=started + datetime.timedelta(days=days))
    assert refused.value.extra == {"field": "ended_on"}
    assert not Engagement.objects.exists()


def test_the_first_day_of_2000_and_a_year_from_today_are_accepted_starts(world):
    offering = world.offering()
    earliest = record(world, offering, started_on=datetime.date(2000, 1, 1))
    latest = record(world, offering, started_on=latest_start(clock.today()))
    assert earliest.started_on == datetime.date(2000, 1, 1) and latest.is_confirmed is False


def test_an_award_engagement_is_held_to_the_same_dates(world):
    with pytest.raises(ApplicationError, match=START_TOO_EARLY):
        engagement_from_award(
            actor=world.lead,
            offering=world.offering(),
            commissioner=world.blackpool,
            started_on=datetime.date(1, 1, 1),
        )
    assert not Engagement.objects.exists()


def test_the_database_refuses_an_engagement_that_ends_the_day_it_starts(world):
    started = this_quarter()
    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.create(
            offering=world.offering(), commissioner=world.blackpool, started_on=started, ended_on=started
        )
