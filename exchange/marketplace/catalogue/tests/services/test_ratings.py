"""Ratings: only a commissioner with a confirmed engagement rates, once a quarter; replies; the Bayesian adjustment."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from exchange.audit.models import AuditEvent
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import Offering, Rating
from exchange.marketplace.catalogue.services.ratings import (
    ALREADY_RATED,
    ALREADY_REPLIED,
    NO_ENGAGEMENT,
    NOT_CONFIRMED,
    NOT_YOUR_OFFERING,
    engagement_confirm,
    next_quarter_start,
    offering_ratings_refresh,
    quarter_start,
    rating_engagements,
    rating_reply_publish,
)
from exchange.marketplace.catalogue.tests.factories import EngagementFactory, RatingFactory
from exchange.marketplace.catalogue.tests.helpers import rate, record, this_quarter

pytestmark = pytest.mark.django_db


def test_a_user_whose_organisation_has_no_engagement_cannot_rate(world, engaged):
    _, engagement = engaged
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=world.london_lead)
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=world.us)
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=AnonymousUser())
    assert not Rating.objects.exists()


def test_an_engagement_the_provider_has_not_confirmed_cannot_be_rated(world):
    offering = world.offering()
    engagement = record(world, offering)
    assert not rating_engagements(user=world.lead, offering=offering).exists()
    with pytest.raises(ApplicationError, match=NOT_CONFIRMED):
        rate(world, engagement)
    assert not Rating.objects.exists()
    assert Offering.objects.get(pk=offering.pk).rating_count == 0


def test_a_commissioner_rates_an_offering_once_a_quarter(world, engaged):
    _, engagement = engaged
    quarter = this_quarter()
    rate(world, engagement, today=quarter)
    last_day = next_quarter_start(quarter) - datetime.timedelta(days=1)
    with pytest.raises(ApplicationError) as refused:
        rate(world, engagement, today=last_day)
    assert str(refused.value) == ALREADY_RATED.format(next_quarter=f"{next_quarter_start(quarter):%-d %B %Y}")
    rate(world, engagement, today=next_quarter_start(quarter))
    assert list(Rating.objects.order_by("quarter").values_list("quarter", flat=True)) == [
        quarter,
        next_quarter_start(quarter),
    ]
    assert AuditEvent.objects.filter(action="marketplace.rating_given").count() == 2


def test_two_engagements_of_one_commissioner_give_it_one_rating_of_the_offering_a_quarter(world, engaged):
    offering, first = engaged
    second = engagement_confirm(actor=world.us, engagement=record(world, offering))
    rate(world, first, score=1)
    with pytest.raises(ApplicationError, match=ALREADY_RATED.split(".")[0]):
        rate(world, second, score=1)
    rate(world, second, score=1, today=next_quarter_start(this_quarter()))
    assert Rating.objects.count() == 2
    assert Offering.objects.get(pk=offering.pk).rating_count == 2


def test_another_commissioner_rates_the_same_offering_in_the_same_quarter(world, engaged):
    offering, engagement = engaged
    theirs = engagement_confirm(
        actor=world.us, engagement=record(world, offering, actor=world.london_lead, commissioner=world.camden)
    )
    rate(world, engagement)
    rate(world, theirs, actor=world.london_lead)
    assert {rating.commissioner for rating in Rating.objects.all()} == {world.blackpool, world.camden}
    assert Offering.objects.get(pk=offering.pk).rating_count == 2


def test_the_database_holds_a_commissioner_to_one_rating_of_an_offering_a_quarter(world, engaged):
    offering, first = engaged
    second = engagement_confirm(actor=world.us, engagement=record(world, offering))
    rating = rate(world, first)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            engagement=second,
            offering=offering,
            commissioner=world.blackpool,
            quarter=rating.quarter,
            quality=1,
            responsiveness=1,
            value_for_money=1,
            relationship=1,
        )


def test_the_provider_replies_once_and_no_other_provider_can(world, engaged):
    _, engagement = engaged
    rating = rate(world, engagement)
    with pytest.raises(ApplicationError, match=NOT_YOUR_OFFERING):
        rating_reply_publish(actor=world.them, rating=rating, text="Not ours")
    rating_reply_publish(actor=world.us, rating=rating, text="Thank you")
    with pytest.raises(ApplicationError, match=ALREADY_REPLIED):
        rating_reply_publish(actor=world.us, rating=rating, text="Again")
    assert rating.reply.text == "Thank you"


def test_two_fives_do_not_outrank_forty_ratings_of_four_point_six(world):
    """In one service line: forty ratings averaging 4.6 (24 fives, 16 fours), two fives, and twenty 3s from a
    third offering, so the line's pooled mean is (184 + 10 + 60) / 62 = 4.097."""
    steady = world.offering(title="Steady")
    newcomer = world.offering(world.theirs, title="Newcomer")
    ordinary = world.offering(world.theirs, title="Ordinary")

    def ratings(offering, scores):
        engagement = EngagementFactory(offering=offering, commissioner=world.blackpool, started_on=this_quarter())
        return [
            RatingFactory.build(
                engagement=engagement,
                quarter=quarter_start(this_quarter() - datetime.timedelta(days=92 * index)),
                score=score,
            )
            for index, score in enumerate(scores)
        ]

    Rating.objects.bulk_create(
        ratings(steady, [5] * 24 + [4] * 16) + ratings(newcomer, [5, 5]) + ratings(ordinary, [3] * 20)
    )
    offering_ratings_refresh()
    steady, newcomer = Offering.objects.get(pk=steady.pk), Offering.objects.get(pk=newcomer.pk)
    assert (steady.rating_mean, newcomer.rating_mean) == (pytest.approx(4.6), 5.0)
    prior = 254 / 62
    assert steady.rating_adjusted == pytest.approx((10 * prior + 184) / 50, abs=1e-4)  # 4.4994
    assert newcomer.rating_adjusted == pytest.approx((10 * prior + 10) / 12, abs=1e-4)  # 4.2473
    assert steady.rating_adjusted > newcomer.rating_adjusted


def test_an_offering_with_no_ratings_has_no_adjusted_rating(world):
    offering = world.offering()
    offering_ratings_refresh()
    assert Offering.objects.get(pk=offering.pk).rating_adjusted is None


def test_a_rating_moves_the_other_offerings_in_its_lines_by_a_background_task(
    world, django_capture_on_commit_callbacks
):

    from exchange.marketplace.catalogue.services.ratings import offering_ratings_refresh, quarter_start, rating_create
    from exchange.marketplace.catalogue.tests.factories import EngagementFactory, RatingFactory

    today = clock.today()
    rated, other = world.offering(title="Rated"), world.offering(world.theirs, title="Other")
    RatingFactory(
        engagement=EngagementFactory(offering=other, commissioner=world.camden, started_on=today),
        quarter=quarter_start(quarter_start(today) - datetime.timedelta(days=1)),
        score=3,
    )
    offering_ratings_refresh()
    before = Offering.objects.get(pk=other.pk).rating_adjusted
    engagement = EngagementFactory(offering=rated, commissioner=world.blackpool, started_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        rating_create(
            actor=world.lead,
            engagement=engagement,
            quality=5,
            responsiveness=5,
            value_for_money=5,
            relationship=5,
            today=today,
        )
    assert Offering.objects.get(pk=rated.pk).rating_count == 1
    # The line's mean rose from 3 to 4, so the other offering's prior and adjusted rating rose too.
    assert before == 3.0 and Offering.objects.get(pk=other.pk).rating_adjusted == pytest.approx(
        (10 * 4 + 3) / 11, abs=1e-4
    )
