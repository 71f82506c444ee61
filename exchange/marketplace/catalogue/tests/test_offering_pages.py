from decimal import Decimal

import pytest

from exchange.marketplace.catalogue.models import Offering, OfferingPrice, OfferingStatus

pytestmark = pytest.mark.django_db


def edit_fields(offering, **changes):
    fields = {
        "title": offering.title,
        "summary": offering.summary,
        "service_lines": ["business-intelligence"],
        "regions": ["E40000001"],
        "pricing_model": "per_head",
        "price": "0.40",
        "minimum_term_months": "12",
        "status": "published",
    }
    return fields | changes


def test_a_provider_cannot_open_or_post_the_edit_page_of_another_providers_offering(client, world):
    offering = world.offering(world.theirs, title="Theirs")
    client.force_login(world.us)
    assert client.get(f"/marketplace/offerings/{offering.pk}/edit/").status_code == 404
    posted = client.post(f"/marketplace/offerings/{offering.pk}/edit/", edit_fields(offering, title="Hijacked"))
    assert posted.status_code == 404
    assert client.get(f"/marketplace/providers/{world.theirs.slug}/offerings/new/").status_code == 404
    assert client.get(f"/marketplace/providers/{world.theirs.slug}/edit/").status_code == 404
    assert Offering.objects.get(pk=offering.pk).title == "Theirs"


def test_a_provider_edits_its_own_offering_and_the_price_change_is_kept(client, world):
    offering = world.offering(title="Ours")
    client.force_login(world.us)
    response = client.post(f"/marketplace/offerings/{offering.pk}/edit/", edit_fields(offering, price="0.55"))
    assert response.status_code == 302
    prices = list(OfferingPrice.objects.filter(offering=offering).order_by("id").values_list("price", flat=True))
    assert prices == [Decimal("0.40"), Decimal("0.55")]
    page = client.get(f"/marketplace/offerings/{offering.pk}/").content.decode()
    assert "Price history" in page


def test_bad_input_on_the_offering_form_shows_the_error_summary_and_keeps_what_was_typed(client, world):
    client.force_login(world.us)
    response = client.post(
        f"/marketplace/providers/{world.ours.slug}/offerings/new/",
        {"title": "Half-finished", "pricing_model": "day_rate", "price": "abc", "minimum_term_months": "12"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the price as a number" in page and "Choose at least one service line" in page
    assert 'value="Half-finished"' in page
    assert not Offering.objects.exists()


def test_a_provider_creates_an_offering_from_the_page(client, world):
    client.force_login(world.us)
    fields = edit_fields(Offering(title="New BI", summary="Summary"), pricing_model="day_rate", price="650")
    response = client.post(
        f"/marketplace/providers/{world.ours.slug}/offerings/new/", fields | {"estimated_days": "40"}
    )
    assert response.status_code == 302
    offering = Offering.objects.get()
    assert (offering.provider, offering.status, offering.estimated_days) == (world.ours, "published", 40)


def test_draft_offerings_are_invisible_to_buyers_on_every_page(client, world):
    draft = world.offering(title="Secret draft", status=OfferingStatus.DRAFT)
    client.force_login(world.lead)
    assert client.get(f"/marketplace/offerings/{draft.pk}/").status_code == 404
    assert "Secret draft" not in client.get("/marketplace/").content.decode()
    assert "Secret draft" not in client.get(f"/marketplace/providers/{world.ours.slug}/").content.decode()
    assert client.get("/marketplace/compare/", {"o": draft.pk}).context["offerings"] == []
    client.force_login(world.us)
    assert client.get(f"/marketplace/offerings/{draft.pk}/").status_code == 200


def test_the_provider_page_shows_its_profile_and_rating_summary(client, world):
    from exchange.marketplace.catalogue.services.profiles import provider_profile_save

    provider_profile_save(
        actor=world.us, provider=world.ours, regions_served=[world.north], accreditations="Cyber Essentials Plus"
    )
    world.offering(title="Visible")
    page = client.get(f"/marketplace/providers/{world.ours.slug}/").content.decode()
    assert "Cyber Essentials Plus" in page and "North of England" in page and "Visible" in page
    assert "Not yet rated" in page


@pytest.mark.parametrize("days", ["99999999999999999999", "367"])
def test_estimated_days_past_a_year_are_refused_on_the_form_not_a_server_error(client, world, days):
    """Found by the page fuzzer: 20 digits passed the form's IntegerField and failed the model's check (a 500)."""
    client.force_login(world.us)
    fields = edit_fields(Offering(title="New BI", summary="Summary"), pricing_model="day_rate", price="650")
    response = client.post(
        f"/marketplace/providers/{world.ours.slug}/offerings/new/", fields | {"estimated_days": days}
    )
    assert response.status_code in (200, 400)
    assert "less than or equal to 366" in response.content.decode()
    assert not Offering.objects.exists()
