import datetime

import pytest

from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.models import Engagement, Offering, Rating
from exchange.marketplace.services.ratings import (
    ALREADY_RATED,
    ALREADY_REPLIED,
    NO_ENGAGEMENT,
    NOT_A_BUYER,
    NOT_YOUR_OFFERING,
    engagement_record,
    offering_ratings_refresh,
    quarter_start,
    rating_create,
    rating_reply_publish,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def rate(world, engagement, actor=None, score=4, today=TODAY):
    return rating_create(
        actor=actor or world.lead,
        engagement=engagement,
        quality=score,
        responsiveness=score,
        value_for_money=score,
        relationship=score,
        comment="Good",
        today=today,
    )


@pytest.fixture
def engaged(world):
    offering = world.offering()
    engagement = engagement_record(
        actor=world.lead, offering=offering, commissioner=world.blackpool, started_on=datetime.date(2026, 4, 1)
    )
    return offering, engagement


def test_a_user_whose_organisation_has_no_engagement_cannot_rate(world, engaged):
    _, engagement = engaged
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=world.london_lead)
    with pytest.raises(ApplicationError, match=NO_ENGAGEMENT):
        rate(world, engagement, actor=world.us)
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
        engagement_record(actor=world.london_lead, offering=offering, commissioner=world.blackpool, started_on=TODAY)
    with pytest.raises(ApplicationError, match=NOT_A_BUYER):
        engagement_record(actor=world.us, offering=offering, commissioner=world.blackpool, started_on=TODAY)
    assert not Engagement.objects.exists()


def test_a_commissioner_rates_once_a_quarter_per_engagement(world, engaged):
    offering, engagement = engaged
    rate(world, engagement)
    with pytest.raises(ApplicationError, match=ALREADY_RATED.split(".")[0]):
        rate(world, engagement, today=datetime.date(2026, 12, 31))
    rate(world, engagement, today=datetime.date(2027, 1, 1))
    assert list(Rating.objects.order_by("quarter").values_list("quarter", flat=True)) == [
        datetime.date(2026, 10, 1),
        datetime.date(2027, 1, 1),
    ]
    assert AuditEvent.objects.filter(action="marketplace.rating_given").count() == 2


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
        engagement = Engagement.objects.create(offering=offering, commissioner=world.blackpool, started_on=TODAY)
        return [
            Rating(
                engagement=engagement,
                offering=offering,
                quarter=quarter_start(quarter_start(TODAY) - datetime.timedelta(days=92 * index)),
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
