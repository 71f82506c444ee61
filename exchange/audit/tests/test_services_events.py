import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.tests.factories import UserFactory
from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.audit.services import audit_event_record
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_action_outside_the_vocabulary_is_refused_and_nothing_is_written():
    with pytest.raises(ValueError, match="Unknown audit action"):
        audit_event_record(action="procurement.bid_peeked", actor_label="someone@example.nhs.uk")
    assert not AuditEvent.objects.filter(action="procurement.bid_peeked").exists()


def test_an_event_names_its_actor_by_address_and_describes_its_target():
    actor, organisation = UserFactory(email="lead@example.nhs.uk"), OrganisationFactory(name="NHS Alpha")
    event = audit_event_record(action=AuditAction.SIGN_IN, actor=actor, target=organisation, organisation=organisation)
    assert (event.actor, event.actor_label) == (actor, "lead@example.nhs.uk")
    assert (event.object_type, event.object_id, event.object_label) == (
        "organisations.organisation",
        str(organisation.pk),
        "NHS Alpha",
    )


def test_an_actor_who_is_not_signed_in_is_kept_only_as_the_label_given():
    event = audit_event_record(action=AuditAction.SIGN_IN_FAILED, actor=AnonymousUser(), actor_label="x@example.org")
    assert (event.actor, event.actor_label) == (None, "x@example.org")


def test_an_over_long_label_is_cut_to_fit():
    event = audit_event_record(action=AuditAction.SIGN_IN_FAILED, actor_label="x" * 300)
    assert len(event.actor_label) == 254
