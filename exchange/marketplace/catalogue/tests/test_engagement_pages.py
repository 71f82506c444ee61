import datetime

import pytest
from django.test import Client

from exchange.audit.models import AuditEvent
from exchange.core import clock
from exchange.marketplace.catalogue.models import Engagement, Rating
from exchange.marketplace.catalogue.services.ratings import (
    ALREADY_RATED,
    END_NOT_AFTER_START,
    NOT_CONFIRMED,
    START_TOO_EARLY,
    START_TOO_LATE,
    engagement_confirm,
    engagement_record,
    latest_start,
    quarter_start,
)

pytestmark = pytest.mark.django_db

RATING = {"quality": 4, "responsiveness": 4, "value_for_money": 4, "relationship": 4}


def a_while_ago() -> datetime.date:
    return quarter_start(clock.today()) - datetime.timedelta(days=200)


@pytest.fixture
def pending(world):
    """Blackpool's lead has recorded that it buys our offering; we have not confirmed it yet."""
    offering = world.offering()
    return engagement_record(
        actor=world.lead, offering=offering, commissioner=world.blackpool, started_on=a_while_ago()
    )


def engagements_url(world) -> str:
    return f"/marketplace/providers/{world.ours.slug}/engagements/"


def confirm_url(engagement) -> str:
    return f"/marketplace/engagements/{engagement.pk}/confirm/"


def test_a_buyer_records_an_engagement_and_is_told_it_awaits_the_providers_confirmation(client, world):
    offering = world.offering()
    client.force_login(world.lead)
    response = client.post(
        f"/marketplace/offerings/{offering.pk}/engagement/", {"started_on": a_while_ago().isoformat()}, follow=True
    )
    page = response.content.decode()
    assert "awaits confirmation by Community Voice Partnership" in page
    assert "Your engagement with this service awaits confirmation" in page
    assert "Rate this service" not in page
    assert not Engagement.objects.get().is_confirmed


def test_the_rating_page_refuses_an_engagement_the_provider_has_not_confirmed(client, world, pending):
    client.force_login(world.lead)
    url = f"/marketplace/offerings/{pending.offering_id}/rate/"
    page = client.get(url)
    posted = client.post(url, {"engagement": pending.pk, **RATING})
    assert page.status_code == posted.status_code == 403
    assert NOT_CONFIRMED.split(".")[0] in page.content.decode()
    assert not Rating.objects.exists()


def _started(name: str) -> str:
    return {
        "year one": "0001-01-01",
        "the last day of 1999": "1999-12-31",
        "far ahead": (latest_start(clock.today()) + datetime.timedelta(days=1)).isoformat(),
    }[name]


@pytest.mark.parametrize(
    ("started", "message"),
    [
        ("year one", START_TOO_EARLY),
        ("the last day of 1999", START_TOO_EARLY),
        ("far ahead", START_TOO_LATE.split(",")[0]),
    ],
)
def test_the_engagement_form_refuses_a_start_too_early_or_too_far_ahead(client, world, started, message):
    offering = world.offering()
    client.force_login(world.lead)
    response = client.post(f"/marketplace/offerings/{offering.pk}/engagement/", {"started_on": _started(started)})
    assert response.status_code == 200
    assert response.context["form"].errors["started_on"][0].startswith(message)
    page = response.content.decode()
    assert "There is a problem" in page and message in page and _started(started) in page
    assert not Engagement.objects.exists()


@pytest.mark.parametrize("days", [-30, 0])
def test_the_engagement_form_refuses_an_end_before_or_on_the_start(client, world, days):
    offering = world.offering()
    started = a_while_ago()
    client.force_login(world.lead)
    response = client.post(
        f"/marketplace/offerings/{offering.pk}/engagement/",
        {"started_on": started.isoformat(), "ended_on": (started + datetime.timedelta(days=days)).isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"ended_on": [END_NOT_AFTER_START]}
    assert "There is a problem" in response.content.decode()
    assert not Engagement.objects.exists()


def test_the_provider_sees_the_engagements_awaiting_it_and_confirms_one(client, world, pending):
    client.force_login(world.us)
    offering_page = client.get(f"/marketplace/offerings/{pending.offering_id}/").content.decode()
    assert "1 engagement awaits your confirmation" in offering_page
    listing = client.get(engagements_url(world))
    assert listing.status_code == 200
    assert "NHS Blackpool buys" in listing.content.decode() and confirm_url(pending) in listing.content.decode()
    response = client.post(confirm_url(pending), follow=True)
    assert response.redirect_chain == [(engagements_url(world), 302)]
    assert "Confirmed that NHS Blackpool buys" in response.content.decode()
    assert "No engagements are awaiting your confirmation" in response.content.decode()
    assert Engagement.objects.get().confirmed_by == world.us


def test_once_the_provider_confirms_the_buyer_rates_through_the_page(client, world, pending):
    client.force_login(world.us)
    client.post(confirm_url(pending))
    client.force_login(world.lead)
    response = client.post(f"/marketplace/offerings/{pending.offering_id}/rate/", {"engagement": pending.pk, **RATING})
    assert response.status_code == 302
    assert Rating.objects.get().commissioner == world.blackpool


@pytest.mark.parametrize("who", ["them", "lead", "london_lead"])
def test_the_engagements_page_and_confirm_button_are_not_found_for_anyone_but_the_provider(client, world, pending, who):
    client.force_login(getattr(world, who))
    assert client.get(engagements_url(world)).status_code == 404
    assert client.post(confirm_url(pending)).status_code == 404
    assert not Engagement.objects.get().is_confirmed
    assert not AuditEvent.objects.filter(action="marketplace.engagement_confirmed").exists()


def test_an_anonymous_visitor_is_sent_to_sign_in_and_confirms_nothing(client, world, pending):
    listing = client.get(engagements_url(world))
    posted = client.post(confirm_url(pending))
    assert listing.status_code == posted.status_code == 302
    assert "sign-in" in listing.url and "sign-in" in posted.url
    assert not Engagement.objects.get().is_confirmed


def test_staff_see_a_providers_engagements_and_confirm_one(client, world, pending):
    client.force_login(world.staff)
    assert client.get(engagements_url(world)).status_code == 200
    assert client.post(confirm_url(pending)).status_code == 302
    assert Engagement.objects.get().confirmed_by == world.staff


def test_confirming_takes_a_post_with_its_csrf_token(world, pending):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.us)
    assert browser.get(confirm_url(pending)).status_code == 405
    assert browser.post(confirm_url(pending)).status_code == 403
    assert not Engagement.objects.get().is_confirmed
    assert 'name="csrfmiddlewaretoken"' in browser.get(engagements_url(world)).content.decode()


def test_confirming_again_says_it_is_already_confirmed_and_changes_nothing(client, world, pending):
    client.force_login(world.us)
    client.post(confirm_url(pending))
    again = client.post(confirm_url(pending), follow=True)
    assert "This engagement is already confirmed." in again.content.decode()
    assert AuditEvent.objects.filter(action="marketplace.engagement_confirmed").count() == 1


def test_the_provider_page_links_its_people_to_the_engagements_awaiting_them(client, world, pending):
    client.force_login(world.us)
    ours = client.get(f"/marketplace/providers/{world.ours.slug}/").content.decode()
    client.force_login(world.them)
    theirs = client.get(f"/marketplace/providers/{world.ours.slug}/").content.decode()
    assert engagements_url(world) in ours and "1 awaits your confirmation" in ours
    assert engagements_url(world) not in theirs


def test_a_second_engagement_does_not_let_a_commissioner_rate_twice_in_a_quarter(client, world, pending):
    second = engagement_record(
        actor=world.lead, offering=pending.offering, commissioner=world.blackpool, started_on=a_while_ago()
    )
    for engagement in (pending, second):
        engagement_confirm(actor=world.us, engagement=engagement)
    client.force_login(world.lead)
    url = f"/marketplace/offerings/{pending.offering_id}/rate/"
    assert client.post(url, {"engagement": pending.pk, **RATING}).status_code == 302
    refused = client.post(url, {"engagement": second.pk, **RATING})
    assert refused.status_code == 200
    assert ALREADY_RATED.split(".")[0] in refused.content.decode()
    assert Rating.objects.count() == 1
