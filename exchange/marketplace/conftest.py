from dataclasses import dataclass

import pytest
from django.conf import settings

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.demo.services.catalogue import marketplace_demo_load
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.marketplace.catalogue.tests.factories import OfferingFactory, ProviderFactory, representative
from exchange.organisations.models import Sector
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

    def offering(self, provider=None, *, lines=("business-intelligence",), regions=None, **extra):
        """A published business intelligence offering of ours in the north, made by platform staff."""
        regions = regions if regions is not None else [self.north]
        return OfferingFactory(
            actor=self.staff, provider=provider or self.ours, service_lines=lines, regions=regions, **extra
        )


@pytest.fixture
def world(db) -> World:
    service_lines_ensure()  # a browser test's flush may have emptied the migration's rows
    north = RegionFactory(ons_code="E40000001", name="North of England")
    london = RegionFactory(ons_code="E40000003", name="London")
    blackpool = OrganisationFactory(name="NHS Blackpool", region=north, registered_population=172_000)
    camden = OrganisationFactory(name="NHS Camden", region=london, registered_population=250_000)

    def provider(name, sector):
        organisation = ProviderFactory(name=name, sector=sector, region=north)
        return organisation, representative(organisation)

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
    awarded,
    close_bids,
    concluded,
    evaluated,
    joint,
)
