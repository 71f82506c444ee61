"""A shortlist shows an offering only as far as the person looking may see it: a provider's draft or withdrawn
offering is "No longer available" on an unfrozen shortlist's page and export, while a frozen one keeps its copy."""

import csv
import io

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import OfferingStatus, ShortlistEntry
from exchange.marketplace.catalogue.services.offerings import (
    offering_status_set,
)
from exchange.marketplace.catalogue.services.shortlists import (
    UNAVAILABLE_ON_FREEZE,
    shortlist_create,
    shortlist_freeze,
)
from exchange.marketplace.catalogue.tests.helpers import redraft

pytestmark = pytest.mark.django_db

GONE = [OfferingStatus.DRAFT, OfferingStatus.WITHDRAWN]
OLD = ["Original title", "Original words", "£0.40", "0.40", "£68,800", "68800.00", "Estimated £68,800 a year"]
NEW = ["SECRET DRAFT TITLE", "SECRET DRAFT SUMMARY", "£0.77", "0.77", "£132,440", "132440.00"]  # 0.77 × 172,000


def page(client, shortlist) -> str:
    response = client.get(f"/marketplace/shortlists/{shortlist.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def export(client, shortlist) -> list[list[str]]:
    response = client.get(f"/marketplace/shortlists/{shortlist.pk}/export.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("status", GONE)
def test_an_offering_taken_off_the_catalogue_shows_as_no_longer_available_on_the_shortlist_page(
    client, world, shortlisted, status
):
    shortlist, offering = shortlisted
    redraft(world, offering, status)
    client.force_login(world.lead)
    assert client.get(f"/marketplace/offerings/{offering.pk}/").status_code == 404
    shown = page(client, shortlist)
    assert "No longer available" in shown
    assert [text for text in NEW + OLD if text in shown] == []
    assert f"/marketplace/offerings/{offering.pk}/" not in shown  # no link
    assert "Another offer" in shown and "Third offer" in shown


@pytest.mark.parametrize("status", GONE)
def test_an_offering_taken_off_the_catalogue_is_a_bare_no_longer_available_row_in_the_export(
    client, world, shortlisted, status
):
    shortlist, offering = shortlisted
    redraft(world, offering, status)
    client.force_login(world.lead)
    rows = export(client, shortlist)
    exported = "\n".join(",".join(row) for row in rows)
    assert [text for text in NEW + OLD if text in exported] == []
    assert rows[2] == ["No longer available"] + [""] * 12 + ["No longer available", "", ""]
    assert str(offering.pk) not in rows[2]
    assert [row[0] for row in rows[3:]] == ["Another offer", "Third offer"]


def test_the_shortlist_does_not_offer_to_compare_an_offering_no_longer_available(client, world, shortlisted):
    shortlist, offering = shortlisted
    redraft(world, offering)
    client.force_login(world.lead)
    response = client.get(f"/marketplace/shortlists/{shortlist.pk}/")
    assert f"o={offering.pk}" not in response.content.decode()
    others = [entry.offering.pk for entry in response.context["entries"][1:]]
    assert response.context["compare_query"] == "&".join(f"o={pk}" for pk in others)


def test_with_one_offering_left_to_see_the_shortlist_offers_no_comparison(client, world):
    offering = world.offering(title="Original title")
    other = world.offering(world.theirs, title="Another offer")
    shortlist = shortlist_create(actor=world.lead, name="Two", offerings=[offering, other])
    redraft(world, offering)
    client.force_login(world.lead)
    assert "Compare these offerings" not in page(client, shortlist)


def test_a_republished_offering_shows_again_with_what_it_says_now(client, world, shortlisted):
    shortlist, offering = shortlisted
    redraft(world, offering)
    offering_status_set(actor=world.us, offering=offering, status=OfferingStatus.PUBLISHED)
    client.force_login(world.lead)
    shown = page(client, shortlist)
    assert "No longer available" not in shown
    assert "SECRET DRAFT TITLE" in shown and "£0.77" in shown and "£132,440" in shown
    assert f"/marketplace/offerings/{offering.pk}/" in shown
    assert export(client, shortlist)[2][:2] == ["SECRET DRAFT TITLE", "Community Voice Partnership"]


@pytest.mark.parametrize("status", GONE)
def test_a_frozen_shortlist_keeps_its_copy_after_the_offering_is_redrafted(client, world, shortlisted, status):
    shortlist, offering = shortlisted
    shortlist_freeze(actor=world.lead, shortlist=shortlist, population=172_000)
    redraft(world, offering, status)
    client.force_login(world.lead)
    shown = page(client, shortlist)
    assert "Original title" in shown and "Original words" in shown and "£0.40" in shown and "£68,800" in shown
    assert [text for text in NEW if text in shown] == []
    assert "No longer available" not in shown
    assert f"/marketplace/offerings/{offering.pk}/" not in shown  # the copy stays; the link to a 404 goes
    rows = export(client, shortlist)
    assert rows[2][:2] == ["Original title", "Community Voice Partnership"]
    assert "0.40" in rows[2] and "68800.00" in rows[2] and "Published" in rows[2]
    assert [text for text in NEW if text in "\n".join(",".join(row) for row in rows)] == []


def test_the_provider_sees_its_own_draft_on_its_own_shortlist(client, world):
    offering = world.offering(title="Original title")
    shortlist = shortlist_create(actor=world.us, name="Our own", offerings=[offering])
    redraft(world, offering)
    client.force_login(world.us)
    assert "SECRET DRAFT TITLE" in page(client, shortlist)


@pytest.mark.parametrize("status", GONE)
def test_an_offering_off_the_catalogue_cannot_be_added_to_a_shortlist_by_its_url(client, world, status):
    shortlist = shortlist_create(actor=world.lead, name="Open list", organisation=world.blackpool)
    offering = world.offering(title="Not for buyers", status=status)
    client.force_login(world.lead)
    response = client.post(f"/marketplace/offerings/{offering.pk}/add-to-shortlist/", {"shortlist": shortlist.pk})
    assert response.status_code == 404
    assert not ShortlistEntry.objects.filter(shortlist=shortlist).exists()


def test_a_shortlist_saved_from_the_pages_leaves_out_an_offering_off_the_catalogue(client, world):
    published = world.offering(title="Published")
    draft = world.offering(title="Not for buyers", status=OfferingStatus.DRAFT)
    client.force_login(world.lead)
    saved = client.post("/marketplace/shortlists/new/", {"name": "Mixed", "offering": [draft.pk, published.pk]})
    assert saved.status_code == 302
    assert list(ShortlistEntry.objects.values_list("offering_id", flat=True)) == [published.pk]


def test_a_shortlist_holding_an_offering_no_longer_available_cannot_be_frozen(client, world, shortlisted):
    shortlist, offering = shortlisted
    redraft(world, offering)
    with pytest.raises(ApplicationError, match=UNAVAILABLE_ON_FREEZE):
        shortlist_freeze(actor=world.lead, shortlist=shortlist, population=172_000)
    client.force_login(world.lead)
    assert "Freeze shortlist for audit" not in page(client, shortlist)
    client.post(f"/marketplace/shortlists/{shortlist.pk}/freeze/")
    shortlist.refresh_from_db()
    assert not shortlist.is_frozen
    assert not ShortlistEntry.objects.filter(shortlist=shortlist, snapshot__isnull=False).exists()


def test_an_offering_no_longer_available_can_still_be_removed_and_then_the_shortlist_frozen(client, world, shortlisted):
    shortlist, offering = shortlisted
    redraft(world, offering)
    client.force_login(world.lead)
    response = client.post(f"/marketplace/shortlists/{shortlist.pk}/remove/{offering.pk}/")
    assert response.status_code == 302
    assert offering.pk not in shortlist.entries.values_list("offering_id", flat=True)
    client.post(f"/marketplace/shortlists/{shortlist.pk}/freeze/")
    shortlist.refresh_from_db()
    assert shortlist.is_frozen
