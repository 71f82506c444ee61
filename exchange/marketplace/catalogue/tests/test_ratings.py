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
    ALREADY_RATED,
    ALREADY_REPLIED,
    END_NOT_AFTER_START,
    NO_ENGAGEMENT,
    NOT_A_BUYER,
    NOT_CONFIRMED,
    NOT_THE_PROVIDER,
    NOT_YOUR_OFFERING,
    RECORDED_BY_YOU,
    START_TOO_EARLY,
    START_TOO_LATE,
    engagement_confirm,
    engagement_from_award,
    engagement_record,
    latest_start,
    next_quarter_start,
    offering_ratings_refresh,
    quarter_start,
    rating_create,
    rating_engagements,
    rating_reply_publish,
)

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def engaged(world):
    """Blackpool records that it buys our offering, and we confirm it."""
    offering = world.offering()
    engagement = engagement_confirm(actor=world.us, engagement=record(world, offering))
    return offering, engagement


def test_a_user_whose_organisation_has_no_engagement_cannot_rate(world, engaged):
    _, engagement = engaged
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=world.london_lead)
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=world.us)
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=AnonymousUser())
    assert not Rating.objects.exists()


def test_the_rating_page_refuses_someone_without_an_engagement(client, world, engaged):
    offering, _ = engaged
    client.force_login(world.london_lead)
    page = client.get(f"/marketplace/offerings/{offering.pk}/rate/")
    posted = client.post(f"/marketplace/offerings/{offering.pk}/rate/", {"quality": "5", "engagement": "1"})
    assert page.status_code == posted.status_code == 403
    assert "Only a commissioner that buys" in page.content.decode()
    assert not Rating.objects.exists()


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


def test_an_engagement_the_provider_has_not_confirmed_cannot_be_rated(world):
    offering = world.offering()
    engagement = record(world, offering)
    assert not rating_engagements(user=world.lead, offering=offering).exists()
    with pytest.raises(ApplicationError, match=NOT_CONFIRMED):
        rate(world, engagement)
    assert not Rating.objects.exists()
    assert Offering.objects.get(pk=offering.pk).rating_count == 0


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


def test_the_rating_form_rates_through_the_view_and_shows_the_error_summary(client, world, engaged):
    offering, engagement = engaged
    client.force_login(world.lead)
    empty = client.post(f"/marketplace/offerings/{offering.pk}/rate/", {"engagement": engagement.pk})
    assert empty.status_code == 200
    assert "There is a problem" in empty.content.decode() and "Rate quality" in empty.content.decode()
    fields = {"engagement": engagement.pk, "quality": 5, "responsiveness": 4, "value_for_money": 3, "relationship": 4}
    done = client.post(f"/marketplace/offerings/{offering.pk}/rate/", fields)
    assert done.status_code == 302
    offering.refresh_from_db()
    assert offering.rating_count == 1 and offering.rating_mean == 4.0


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
        engagement = Engagement.objects.create(
            offering=offering, commissioner=world.blackpool, started_on=this_quarter(), confirmed_at=clock.now()
        )
        return [
            Rating(
                engagement=engagement,
                offering=offering,
                commissioner=world.blackpool,
                quarter=quarter_start(this_quarter() - datetime.timedelta(days=92 * index)),
                quality=score,
                responsiveness=score,
                value_for_money=score,
                relationship=score,
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


def test_the_offering_page_explains_the_adjustment_and_offers_rating_only_to_buyers(client, world, engaged):
    offering, _ = engaged
    client.force_login(world.lead)
    ours = client.get(f"/marketplace/offerings/{offering.pk}/").content.decode()
    client.force_login(world.london_lead)
    theirs = client.get(f"/marketplace/offerings/{offering.pk}/").content.decode()
    assert "How ratings are adjusted" in ours and "Bayesian mean" in ours
    assert "Rate this service" in ours
    assert "Rate this service" not in theirs and "Record your engagement" in theirs
