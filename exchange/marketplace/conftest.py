from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.conf import settings

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.demo.services.catalogue import marketplace_demo_load
from exchange.marketplace.catalogue.models import Offering, OfferingStatus, ServiceLine
from exchange.marketplace.catalogue.services.offerings import offering_create, offering_status_set
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.organisations.models import OrganisationKind, Sector
from exchange.organisations.services import organisations_import
from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory


@pytest.fixture
def demo_catalogue(db):
    """The registry and the demo catalogue: 32 providers, every service line, ratings."""
    organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
    UserFactory(is_staff=True, email="admin@example.nhs.uk")
    marketplace_demo_load()


@dataclass
class World:
    north: object
    london: object
    blackpool: object
    camden: object
    lead: object
    london_lead: object
    ours: object
    us: object
    theirs: object
    them: object
    staff: object

    def offering(self, provider=None, *, lines=("business-intelligence",), regions=None, status="published", **extra):
        provider = provider or self.ours
        offering = offering_create(
            actor=self.staff,
            provider=provider,
            title=extra.pop("title", "Business intelligence for CCGs"),
            summary=extra.pop("summary", "Dashboards and analysis"),
            service_lines=list(ServiceLine.objects.filter(code__in=lines)),
            regions=regions if regions is not None else [self.north],
            pricing_model=extra.pop("pricing_model", "per_head"),
            price=extra.pop("price", Decimal("0.40")),
            **extra,
        )
        if status != OfferingStatus.DRAFT:
            offering = offering_status_set(actor=self.staff, offering=offering, status=status)
        return Offering.objects.get(pk=offering.pk)


@pytest.fixture
def world(db) -> World:
    service_lines_ensure()  # a browser test's flush may have emptied the migration's rows
    north = RegionFactory(ons_code="E40000001", name="North of England")
    london = RegionFactory(ons_code="E40000003", name="London")
    blackpool = OrganisationFactory(name="NHS Blackpool", region=north, registered_population=172_000)
    camden = OrganisationFactory(name="NHS Camden", region=london, registered_population=250_000)

    def provider(name, sector):
        organisation = OrganisationFactory(
            name=name, kind=OrganisationKind.SUPPORT_PROVIDER, sector=sector, region=north
        )
        person = MembershipFactory(organisation=organisation, roles=[Role.PROVIDER_REPRESENTATIVE]).user
        return organisation, person

    ours, us = provider("Community Voice Partnership", Sector.THIRD_SECTOR)
    theirs, them = provider("Meridian Health Analytics Ltd", Sector.INDEPENDENT)
    return World(
        north=north,
        london=london,
        blackpool=blackpool,
        camden=camden,
        lead=MembershipFactory(organisation=blackpool, roles=[Role.CLINICAL_LEAD]).user,
        london_lead=MembershipFactory(organisation=camden, roles=[Role.BUYER]).user,
        ours=ours,
        us=us,
        theirs=theirs,
        them=them,
        staff=UserFactory(is_staff=True),
    )


from exchange.marketplace.procurement.tests.procurement_flow import (  # noqa: E402,F401  (fixtures)
    close_bids,
    concluded,
    evaluated,
    joint,
)
