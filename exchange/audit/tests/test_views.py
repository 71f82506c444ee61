"""The audit log page: an NHS.UK table of events for platform staff, each action named in words and its details as
text, with its filters."""

import re
from html import unescape

import pytest

from exchange.accounts.tests.factories import UserFactory
from exchange.audit.actions import LABELS, AuditAction

from .factories import AuditEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def _table(response) -> str:
    html = response.content.decode()
    return re.search(r"<table class=\"[^\"]*exchange-audit-table[^\"]*\">.*?</table>", html, re.S).group(0)


def _table_text(response) -> str:
    """The words of the events table as a reader sees them (tags dropped, spaces collapsed)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", _table(response))).split())


def test_staff_see_a_table_that_names_every_action_in_words_never_by_its_code(staff_client):
    for action in LABELS:
        AuditEventFactory(action=action)
    text = _table_text(staff_client.get("/audit/")) + _table_text(staff_client.get("/audit/", {"page": 2}))
    for action, label in LABELS.items():
        assert label in text
        assert action not in text


def test_an_old_action_no_longer_in_the_vocabulary_is_named_in_words(staff_client):
    AuditEventFactory(action="procurement.bid_peeked")
    text = _table_text(staff_client.get("/audit/"))
    assert "Bid peeked" in text and "procurement.bid_peeked" not in text


def test_details_are_lines_of_text_and_no_details_show_nothing(staff_client):
    AuditEventFactory(action=AuditAction.REQUIREMENT_PUBLISHED, details={"ocid": "ocds-1", "providers_told": 2})
    AuditEventFactory(action=AuditAction.SIGN_IN, details={})
    table = _table(staff_client.get("/audit/"))
    assert "OCID: ocds-1<br>Providers told: 2" in table
    assert "{}" not in table and "<code" not in table and "&#34;" not in table and '{"' not in table


def test_an_actor_is_named_by_address_and_no_actor_is_the_system(staff_client):
    AuditEventFactory(action=AuditAction.SIGN_IN, actor_label="lead@example.nhs.uk")
    AuditEventFactory(action=AuditAction.ORGANISATIONS_IMPORTED, actor_label="")
    text = _table_text(staff_client.get("/audit/"))
    assert "lead@example.nhs.uk" in text and "System" in text


def test_the_filters_still_narrow_the_log_by_action_and_by_actor(staff_client):
    AuditEventFactory(action=AuditAction.SIGN_IN, actor_label="lead@example.nhs.uk")
    AuditEventFactory(action=AuditAction.BID_SUBMITTED, actor_label="bidder@example.org")
    by_action = _table_text(staff_client.get("/audit/", {"action": AuditAction.BID_SUBMITTED}))
    assert "Bid submitted" in by_action and "Signed in" not in by_action
    by_actor = _table_text(staff_client.get("/audit/", {"actor": "lead@"}))
    assert "lead@example.nhs.uk" in by_actor and "bidder@example.org" not in by_actor


def test_the_action_filter_offers_every_action_by_its_label_in_alphabetical_order(staff_client):
    html = staff_client.get("/audit/").content.decode()
    select = re.search(r'<select[^>]*name="action".*?</select>', html, re.S).group(0)
    offered = [" ".join(label.split()) for label in re.findall(r"<option[^>]*>(.*?)</option>", select, re.S)]
    assert offered[0] == "All actions"
    assert [unescape(label) for label in offered[1:]] == sorted(LABELS.values())


def test_people_who_are_not_staff_get_no_log(client):
    client.force_login(UserFactory())
    assert client.get("/audit/").status_code == 404
