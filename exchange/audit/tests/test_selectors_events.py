"""Who may read the log, and when: only platform staff, and nobody an event sealed until a later moment."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.tests.factories import UserFactory
from exchange.audit.actions import AuditAction
from exchange.audit.selectors import audit_event_list, audit_events_about, visible_events
from exchange.core import clock
from exchange.organisations.tests.factories import OrganisationFactory

from .factories import AuditEventFactory

pytestmark = pytest.mark.django_db


def test_an_event_sealed_until_later_is_not_visible_now_but_is_after():
    unseals = clock.now() + datetime.timedelta(days=1)
    sealed = AuditEventFactory(sealed_until=unseals)
    plain = AuditEventFactory()
    assert list(visible_events()) == [plain]
    assert set(visible_events(now=unseals)) == {plain, sealed}


def test_platform_staff_read_the_log():
    event = AuditEventFactory()
    assert list(audit_event_list(user=UserFactory(is_staff=True))) == [event]


@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_nobody_but_platform_staff_reads_the_log(who):
    AuditEventFactory()
    reader = AnonymousUser() if who == "anonymous" else UserFactory()
    assert list(audit_event_list(user=reader)) == []


def test_staff_do_not_read_an_event_before_it_unseals():
    AuditEventFactory(sealed_until=clock.now() + datetime.timedelta(days=1))
    assert list(audit_event_list(user=UserFactory(is_staff=True))) == []


def test_staff_filter_the_log_by_action_actor_and_organisation():
    organisation = OrganisationFactory()
    wanted = AuditEventFactory(action=AuditAction.SIGN_OUT, actor_label="nia@example.nhs.uk", organisation=organisation)
    AuditEventFactory(action=AuditAction.SIGN_IN, actor_label="nia@example.nhs.uk", organisation=organisation)
    AuditEventFactory(action=AuditAction.SIGN_OUT, actor_label="sam@example.nhs.uk", organisation=organisation)
    AuditEventFactory(action=AuditAction.SIGN_OUT, actor_label="nia@example.nhs.uk")
    events = audit_event_list(
        user=UserFactory(is_staff=True), action=AuditAction.SIGN_OUT, actor="NIA@", organisation_id=organisation.pk
    )
    assert list(events) == [wanted]


def test_the_events_about_some_objects_are_those_oldest_first_with_the_action_prefix():
    first = AuditEventFactory(action=AuditAction.BID_SAVED, object_type="marketplace.bid", object_id="7")
    second = AuditEventFactory(action=AuditAction.BID_SUBMITTED, object_type="marketplace.bid", object_id="7")
    AuditEventFactory(action=AuditAction.RATING_GIVEN, object_type="marketplace.bid", object_id="7")
    AuditEventFactory(action=AuditAction.BID_SAVED, object_type="marketplace.bid", object_id="8")
    AuditEventFactory(action=AuditAction.BID_SAVED, object_type="marketplace.offering", object_id="7")
    about = audit_events_about(objects={"marketplace.bid": [7]}, action_prefix="procurement.bid")
    assert list(about) == [first, second]


def test_no_objects_are_about_no_events():
    AuditEventFactory()
    assert list(audit_events_about(objects={})) == []


def test_an_event_about_an_object_stays_hidden_until_it_unseals():
    unseals = clock.now() + datetime.timedelta(days=1)
    event = AuditEventFactory(object_type="marketplace.bid", object_id="7", sealed_until=unseals)
    assert list(audit_events_about(objects={"marketplace.bid": [7]})) == []
    assert list(audit_events_about(objects={"marketplace.bid": [7]}, now=unseals)) == [event]
