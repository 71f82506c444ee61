import pytest

from exchange.marketplace.catalogue.models import Rating

pytestmark = pytest.mark.django_db


def test_the_rating_page_refuses_someone_without_an_engagement(client, world, engaged):
    offering, _ = engaged
    client.force_login(world.london_lead)
    page = client.get(f"/marketplace/offerings/{offering.pk}/rate/")
    posted = client.post(f"/marketplace/offerings/{offering.pk}/rate/", {"quality": "5", "engagement": "1"})
    assert page.status_code == posted.status_code == 403
    assert "Only a commissioner that buys" in page.content.decode()
    assert not Rating.objects.exists()


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


def test_the_offering_page_explains_the_adjustment_and_offers_rating_only_to_buyers(client, world, engaged):
    offering, _ = engaged
    client.force_login(world.lead)
    ours = client.get(f"/marketplace/offerings/{offering.pk}/").content.decode()
    client.force_login(world.london_lead)
    theirs = client.get(f"/marketplace/offerings/{offering.pk}/").content.decode()
    assert "How ratings are adjusted" in ours and "Bayesian mean" in ours
    assert "Rate this service" in ours
    assert "Rate this service" not in theirs and "Record your engagement" in theirs
