from decimal import Decimal

import pytest

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue.models import OfferingStatus, ServiceLine
from exchange.marketplace.catalogue.selectors.offerings import offering_visible_list
from exchange.marketplace.catalogue.services.offerings import (
    NOT_YOURS,
    offering_create,
    offering_price_change,
    offering_status_set,
)
from exchange.marketplace.catalogue.tests.factories import ProviderFactory, representative
from exchange.organisations.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers():
    def provider(name):
        organisation = ProviderFactory(name=name, sector=Sector.THIRD_SECTOR)
        return organisation, representative(organisation)

    return provider("Community Voice Partnership"), provider("Meridian Health Analytics Ltd")


def create(provider, person, **extra):
    return offering_create(
        actor=person,
        provider=provider,
        title="BI for CCGs",
        summary="Dashboards and analysis",
        service_lines=[ServiceLine.objects.get(code="business-intelligence")],
        pricing_model=extra.pop("pricing_model", "per_head"),
        price=extra.pop("price", Decimal("1.20")),
        **extra,
    )


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


def test_draft_offerings_are_invisible_to_buyers(providers):
    (ours, us), _ = providers
    offering = create(ours, us)
    buyer = MembershipFactory(roles=[Role.BUYER]).user
    assert offering not in offering_visible_list(user=buyer)
    assert offering in offering_visible_list(user=us)
    offering_status_set(actor=us, offering=offering, status=OfferingStatus.PUBLISHED)
    assert offering in offering_visible_list(user=buyer)
    from django.contrib.auth.models import AnonymousUser

    assert offering in offering_visible_list(user=AnonymousUser())


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
