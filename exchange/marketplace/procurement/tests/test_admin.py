"""Bids in the admin: nothing of a sealed bid, for staff or superusers, on any admin page; after the deadline the
line the evaluation report shows (bidder and price), never the answers; and no admin screen changes a bid."""

import pytest

from exchange.accounts.tests.factories import UserFactory
from exchange.marketplace.procurement.tests.factories import BidFactory
from exchange.marketplace.procurement.tests.procurement_flow import AFTER_BIDS_CLOSE, BEFORE_BIDS_CLOSE

pytestmark = pytest.mark.django_db

SECRETS = {"1234.56": "submitted price", "Answer-7Q2": "answer", "987.65": "draft's price", "Draft-4K1": "draft answer"}


@pytest.fixture
def bids(world, joint):
    """Our submitted bid and their unsubmitted draft, both made before the deadline."""
    requirement, quality, social = joint

    def make(provider, person, price, answer, submit):
        answers = {quality.pk: answer, social.pk: answer}
        return BidFactory(
            requirement=requirement,
            provider=provider,
            by=person,
            price=price,
            answers=answers,
            submit=submit,
            now=BEFORE_BIDS_CLOSE,
        )

    return make(world.ours, world.us, "1234.56", "Answer-7Q2", True), make(
        world.theirs, world.them, "987.65", "Draft-4K1", False
    )


def _pages(bid) -> list[str]:
    return [
        "/admin/marketplace/bid/",
        "/admin/marketplace/bid/?q=Community",
        "/admin/marketplace/bid/?q=Meridian",
        f"/admin/marketplace/bid/{bid.pk}/change/",
        f"/admin/marketplace/bid/{bid.pk}/history/",
        f"/admin/marketplace/requirement/{bid.requirement_id}/change/",
        "/admin/marketplace/award/",
        "/admin/audit/auditevent/",
    ]


def _seen(client, pages) -> dict[str, set[str]]:
    seen = {}
    for url in pages:
        html = client.get(url, follow=True).content.decode()
        found = {label for secret, label in SECRETS.items() if secret in html}
        found |= {"bidder"} if "Bid by " in html else set()
        if found:
            seen[url] = found
    return seen


@pytest.fixture(params=["staff", "superuser"])
def insider(request, client, time_machine):
    """Signed in as platform staff (or a superuser); `at` moves the clock and signs in again (sessions expire)."""
    person = UserFactory(is_staff=True, is_superuser=request.param == "superuser")

    def at(moment):
        time_machine.move_to(moment, tick=True)
        client.force_login(person)
        return client

    client.force_login(person)
    client.at = at
    return client


def test_before_the_deadline_no_admin_page_shows_a_bid_its_price_or_its_answers(bids, insider):
    ours, draft = bids
    assert _seen(insider, _pages(ours) + _pages(draft)) == {}
    assert "0 bids" in insider.get("/admin/marketplace/bid/").content.decode()
    response = insider.get(f"/admin/marketplace/bid/{ours.pk}/change/")
    assert response.status_code == 302  # "doesn't exist. Perhaps it was deleted?"


def test_after_the_deadline_staff_see_the_submitted_bids_line_but_never_its_answers_nor_a_draft(bids, insider):
    insider.at(AFTER_BIDS_CLOSE)
    ours, draft = bids
    changelist = insider.get("/admin/marketplace/bid/?q=Community").content.decode()
    assert "1234.56" in changelist and "Community Voice Partnership" in changelist
    assert insider.get(f"/admin/marketplace/bid/{ours.pk}/change/").status_code == 200
    assert _seen(insider, _pages(ours)) == {
        "/admin/marketplace/bid/": {"submitted price"},
        "/admin/marketplace/bid/?q=Community": {"submitted price"},
        f"/admin/marketplace/bid/{ours.pk}/change/": {"submitted price", "bidder"},
        f"/admin/marketplace/bid/{ours.pk}/history/": {"bidder"},
        "/admin/audit/auditevent/": {"bidder"},  # the log unsealed, as on the staff's audit page
    }
    assert insider.get(f"/admin/marketplace/bid/{draft.pk}/change/").status_code == 302
    assert _seen(insider, [f"/admin/marketplace/bid/{draft.pk}/change/", "/admin/marketplace/bid/?q=Meridian"]) == {}


def test_no_admin_screen_adds_changes_or_deletes_a_bid_even_for_a_superuser(bids, client, time_machine):
    time_machine.move_to(AFTER_BIDS_CLOSE, tick=True)
    ours, _ = bids
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = f"/admin/marketplace/bid/{ours.pk}/change/"
    assert 'name="_save"' not in client.get(change).content.decode()
    assert client.post(change, {"price": "1.00", "status": "withdrawn"}).status_code == 403
    assert client.get("/admin/marketplace/bid/add/").status_code == 403
    assert client.post(f"/admin/marketplace/bid/{ours.pk}/delete/", {"post": "yes"}).status_code == 403
    ours.refresh_from_db()
    assert (str(ours.price), ours.status) == ("1234.56", "submitted")


def test_a_staff_member_filters_bids_only_by_what_the_sidebar_offers(bids, insider):
    insider.at(AFTER_BIDS_CLOSE)
    assert insider.get("/admin/marketplace/bid/?requirement__status__exact=published").status_code == 200
    assert insider.get("/admin/marketplace/bid/?answers__text__contains=Answer").status_code == 400
    assert insider.get("/admin/marketplace/bid/?status=draft").status_code == 400


def test_staff_read_an_award_with_its_winner_and_price_once_made(world, awarded, client):
    client.force_login(world.staff)
    listed = client.get("/admin/marketplace/award/?q=Community").content.decode()
    assert "Community Voice Partnership" in listed and "0.40" in listed
    page = client.get(f"/admin/marketplace/award/{awarded.award.pk}/change/")
    assert page.status_code == 200
    assert "Highest score" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
