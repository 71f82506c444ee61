"""Offerings change only by their own provider's people, and every price they have had is kept."""

from decimal import Decimal

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import OfferingStatus
from exchange.marketplace.catalogue.services.offerings import (
    NOT_YOURS,
    offering_price_change,
    offering_status_set,
)
from exchange.marketplace.catalogue.tests.helpers import create

pytestmark = pytest.mark.django_db


def test_a_provider_cannot_edit_another_providers_offering(providers):
    (ours, us), (theirs, them) = providers
    offering = create(ours, us)
    with pytest.raises(ApplicationError, match=NOT_YOURS):
        offering_price_change(actor=them, offering=offering, pricing_model="per_head", price=Decimal("0.10"))
    with pytest.raises(ApplicationError, match=NOT_YOURS):
        offering_status_set(actor=them, offering=offering, status=OfferingStatus.WITHDRAWN)
    with pytest.raises(ApplicationError, match=NOT_YOURS):
        create(ours, them)
    offering.refresh_from_db()
    assert (offering.price, offering.status) == (Decimal("1.20"), OfferingStatus.DRAFT)


def test_price_changes_keep_their_history(providers):
    (ours, us), _ = providers
    offering = create(ours, us)
    offering_price_change(actor=us, offering=offering, pricing_model="fixed_annual", price=Decimal("250000"))
    offering_price_change(actor=us, offering=offering, pricing_model="fixed_annual", price=Decimal("250000"))
    history = list(offering.price_history.order_by("valid_from", "id").values_list("pricing_model", "price"))
    assert history == [("per_head", Decimal("1.20")), ("fixed_annual", Decimal("250000.00"))]


def test_a_day_rate_needs_days(providers):
    from django.core.exceptions import ValidationError

    (ours, us), _ = providers
    with pytest.raises(ValidationError):
        create(ours, us, pricing_model="day_rate", price=Decimal("650"))
