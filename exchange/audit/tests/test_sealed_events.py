"""An event sealed until a moment (a bid, before its deadline) is in no listing of the log before then: not the
staff page, not the admin, not the selectors other apps read; afterwards it is in all of them."""

import datetime

import pytest

from exchange.accounts.tests.factories import UserFactory
from exchange.audit.selectors import audit_event_list, audit_events_about
from exchange.audit.services import audit_event_record
from exchange.core import clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed():
    bidder = UserFactory(email="sealed-bidder@example.org")
    unseals = clock.now() + datetime.timedelta(days=3)
    event = audit_event_record(
        action="procurement.bid_submitted",
        actor=bidder,
        target=bidder,
        details={"name": "secret-plan.pdf"},
        sealed_until=unseals,
    )
    return event, unseals


def test_a_sealed_event_is_hidden_from_staff_on_every_listing_until_it_unseals(client, time_machine, sealed):
    event, unseals = sealed
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert "sealed-bidder@example.org" not in client.get("/audit/").content.decode()
    assert "sealed-bidder@example.org" not in client.get("/admin/audit/auditevent/").content.decode()
    assert client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code in (302, 404)
    assert list(audit_event_list(user=staff)) == []
    assert list(audit_events_about(objects={"accounts.user": [event.actor_id]})) == []

    time_machine.move_to(unseals + datetime.timedelta(minutes=1), tick=True)
    client.force_login(staff)
    assert "sealed-bidder@example.org" in client.get("/audit/").content.decode()
    assert "sealed-bidder@example.org" in client.get("/admin/audit/auditevent/").content.decode()
    assert list(audit_event_list(user=staff)) == [event]


def test_searching_the_log_for_a_sealed_actor_finds_nothing(client, sealed):
    client.force_login(UserFactory(is_staff=True))
    page = client.get("/audit/", {"actor": "sealed-bidder"}).content.decode()
    assert "sealed-bidder@example.org" not in page
