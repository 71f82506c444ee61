"""Shortlists change only while unfrozen and only with offerings the actor may see; freezing is audited."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import OfferingStatus, ShortlistEntry
from exchange.marketplace.catalogue.services.shortlists import (
    FROZEN,
    NOT_AVAILABLE,
    shortlist_create,
    shortlist_freeze,
    shortlist_offering_add,
)

pytestmark = pytest.mark.django_db


def test_the_services_refuse_an_offering_the_actor_cannot_see(world):
    shortlist = shortlist_create(actor=world.lead, name="Open list")
    draft = world.offering(title="Not for buyers", status=OfferingStatus.DRAFT)
    with pytest.raises(ApplicationError, match=NOT_AVAILABLE):
        shortlist_offering_add(actor=world.lead, shortlist=shortlist, offering=draft)
    with pytest.raises(ApplicationError, match=NOT_AVAILABLE):
        shortlist_create(actor=world.lead, name="Sneaky", offerings=[draft])
    assert not ShortlistEntry.objects.exists()


def test_a_frozen_shortlist_cannot_change(world, frozen):
    shortlist, _ = frozen
    with pytest.raises(ApplicationError, match=FROZEN):
        shortlist_offering_add(actor=world.lead, shortlist=shortlist, offering=world.offering(title="Late"))
    with pytest.raises(ApplicationError, match=FROZEN):
        shortlist_freeze(actor=world.lead, shortlist=shortlist, population=1)


def test_the_freeze_is_audited_with_who_and_when(world, frozen):
    from exchange.audit.models import AuditEvent

    shortlist, _ = frozen
    event = AuditEvent.objects.get(action="marketplace.shortlist_frozen")
    assert (event.actor, event.object_id) == (world.lead, str(shortlist.pk))
    assert shortlist.frozen_by == world.lead and shortlist.frozen_at is not None
