import csv
import io
from decimal import Decimal

import pytest

from exchange.marketplace.catalogue.models import OfferingStatus, Shortlist
from exchange.marketplace.catalogue.services.offerings import offering_status_set, offering_update_all
from exchange.marketplace.catalogue.services.shortlists import (
    shortlist_create,
)

pytestmark = pytest.mark.django_db


def test_a_frozen_shortlist_keeps_the_old_price_and_text_after_the_provider_edits_and_withdraws(client, world, frozen):
    shortlist, offering = frozen
    offering_update_all(
        actor=world.us,
        offering=offering,
        title="New title",
        summary="New words",
        service_lines=offering.service_lines.all(),
        regions=[world.north],
        pricing_model="per_head",
        price=Decimal("0.95"),
        status=OfferingStatus.PUBLISHED,
    )
    offering_status_set(actor=world.us, offering=offering, status=OfferingStatus.WITHDRAWN)
    client.force_login(world.lead)
    page = client.get(f"/marketplace/shortlists/{shortlist.pk}/").content.decode()
    assert "Original title" in page and "Original words" in page and "£0.40" in page
    assert "£68,800" in page  # 0.40 × 172,000, the cost when frozen
    assert "New title" not in page and "0.95" not in page
    assert "Frozen for audit" in page
    exported = client.get(f"/marketplace/shortlists/{shortlist.pk}/export.csv").content.decode()
    rows = list(csv.reader(io.StringIO(exported)))
    assert rows[2][:2] == ["Original title", "Community Voice Partnership"]
    assert "0.40" in rows[2] and "68800.00" in rows[2] and "Published" in rows[2]


def test_another_organisations_people_cannot_see_or_freeze_a_shortlist(client, world):
    shortlist = shortlist_create(
        actor=world.lead, name="Ours", offerings=[world.offering()], organisation=world.blackpool
    )
    client.force_login(world.london_lead)
    assert client.get(f"/marketplace/shortlists/{shortlist.pk}/").status_code == 404
    assert client.get(f"/marketplace/shortlists/{shortlist.pk}/export.csv").status_code == 404
    assert client.post(f"/marketplace/shortlists/{shortlist.pk}/freeze/").status_code == 404
    shortlist.refresh_from_db()
    assert not shortlist.is_frozen


def test_compare_then_save_then_freeze_through_the_pages(client, world):
    offerings = [world.offering(title=f"Offer {n}") for n in range(5)]
    client.force_login(world.lead)
    compare = client.get("/marketplace/compare/", {"o": [o.pk for o in offerings]})
    assert [o.title for o in compare.context["offerings"]] == ["Offer 0", "Offer 1", "Offer 2", "Offer 3"]
    saved = client.post("/marketplace/shortlists/new/", {"name": "Four BI", "offering": [o.pk for o in offerings[:3]]})
    assert saved.status_code == 302
    detail = client.get(saved["Location"])
    assert [entry.offering.title for entry in detail.context["entries"]] == ["Offer 0", "Offer 1", "Offer 2"]
    client.post(saved["Location"] + "freeze/")
    assert "Frozen for audit" in client.get(saved["Location"]).content.decode()


def test_a_saved_search_keeps_its_query_string(client, world):
    client.force_login(world.lead)
    client.post("/marketplace/searches/save/", {"name": "Third sector BI", "query_string": "q=BI&sector=third_sector"})
    page = client.get("/marketplace/shortlists/").content.decode()
    assert "/marketplace/?q=BI&amp;sector=third_sector" in page


def test_export_cells_that_look_like_formulas_are_defused(client, world):
    offering = world.offering(title='=HYPERLINK("http://example.com")')
    shortlist = shortlist_create(actor=world.lead, name="Risky", offerings=[offering])
    client.force_login(world.lead)
    exported = client.get(f"/marketplace/shortlists/{shortlist.pk}/export.csv").content.decode()
    assert "'=HYPERLINK" in exported


def test_an_offering_is_added_to_an_open_shortlist_from_its_page(client, world):
    shortlist = shortlist_create(actor=world.lead, name="Open list", organisation=world.blackpool)
    offering = world.offering(title="Worth a look")
    client.force_login(world.lead)
    assert "Add to a shortlist" in client.get(f"/marketplace/offerings/{offering.pk}/").content.decode()
    response = client.post(f"/marketplace/offerings/{offering.pk}/add-to-shortlist/", {"shortlist": shortlist.pk})
    assert response.status_code == 302
    assert [entry.offering for entry in shortlist.entries.all()] == [offering]
    client.force_login(world.london_lead)
    refused = client.post(f"/marketplace/offerings/{offering.pk}/add-to-shortlist/", {"shortlist": shortlist.pk})
    assert refused.status_code == 302 and shortlist.entries.count() == 1


@pytest.mark.parametrize("bad", ["99999999999999999999", "²", "-3", "1.5", ""], ids=repr)
def test_a_shortlist_of_an_offering_id_that_cannot_be_one_is_refused_and_nothing_is_saved(client, world, bad):
    offering = world.offering()
    client.force_login(world.lead)
    response = client.post("/marketplace/shortlists/new/", {"name": "Odd", "offering": [offering.pk, bad]})
    assert response.status_code == 302 and response["Location"] == "/marketplace/"
    assert not Shortlist.objects.exists()
    assert "Choose offerings from the catalogue" in client.get("/marketplace/").content.decode()


def test_a_shortlist_without_a_name_is_refused_with_that_reason(client, world):
    client.force_login(world.lead)
    client.post("/marketplace/shortlists/new/", {"name": "", "offering": [world.offering().pk]})
    assert not Shortlist.objects.exists()
    assert "Enter a name for the shortlist" in client.get("/marketplace/").content.decode()


def test_the_shortlist_page_sends_nobody_to_an_address_they_posted(client, world):
    """The form once redirected to a posted `back` (no page sends one): to another site, or a 500 for a word."""
    client.force_login(world.lead)
    for back in ("https://evil.example/", "nonsense"):
        response = client.post("/marketplace/shortlists/new/", {"name": "", "back": back})
        assert response.status_code == 302 and response["Location"] == "/marketplace/"


@pytest.mark.parametrize("bad", ["99999999999999999999", "²", "0"], ids=repr)
def test_adding_to_a_shortlist_id_that_cannot_be_one_asks_for_a_shortlist(client, world, bad):
    offering = world.offering()
    client.force_login(world.lead)
    response = client.post(f"/marketplace/offerings/{offering.pk}/add-to-shortlist/", {"shortlist": bad})
    assert response.status_code == 302 and response["Location"] == f"/marketplace/offerings/{offering.pk}/"
