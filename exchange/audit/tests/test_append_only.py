import re

import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, transaction
from django.test import RequestFactory
from django.urls import reverse

from exchange.accounts.tests.factories import UserFactory
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.audit.services import audit_event_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit_event_record(action=AuditAction.SIGN_IN, actor=UserFactory(), details={"note": "original"})


def test_an_event_cannot_be_edited_through_the_orm(event):
    event.details = {"note": "rewritten"}
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).details == {"note": "original"}


def test_events_cannot_be_bulk_updated(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(action="tampered")
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.SIGN_IN


def test_events_cannot_be_deleted(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_events_cannot_be_edited_with_raw_sql(event):
    from django.db import connection

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'tampered'")


def test_the_admin_offers_no_add_change_or_delete(event):
    request = RequestFactory().get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = site._registry[AuditEvent]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)


def test_a_person_with_history_cannot_be_deleted(event):
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 - ProtectedError or the trigger
        event.actor.delete()


def test_staff_browse_and_filter_events(client, event):
    audit_event_record(action=AuditAction.SIGN_IN_FAILED, actor_label="someone@example.nhs.uk")
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("audit:event-list"), {"action": AuditAction.SIGN_IN_FAILED})
    assert response.status_code == 200
    assert [e.action for e in response.context["page"].object_list] == [AuditAction.SIGN_IN_FAILED]
    response = client.get(reverse("audit:event-list"), {"actor": "someone@"})
    assert response.context["page"].paginator.count == 1


def test_staff_filter_the_log_by_a_procurement_or_catalogue_action(client):
    audit_event_record(action=AuditAction.BID_WITHDRAWN, actor_label="provider@example.nhs.uk")
    audit_event_record(action=AuditAction.RATING_GIVEN, actor_label="buyer@example.nhs.uk")
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("audit:event-list"), {"action": AuditAction.BID_WITHDRAWN})
    assert response.status_code == 200
    assert [e.action for e in response.context["page"].object_list] == [AuditAction.BID_WITHDRAWN]
    option = r'<option value="marketplace.rating_given"[^>]*>\s*Rating given\s*</option>'
    assert re.search(option, response.content.decode())
