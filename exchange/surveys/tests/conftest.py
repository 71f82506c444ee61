from types import SimpleNamespace

import pytest

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory
from exchange.surveys.models import Contact
from exchange.surveys.services.authoring import series_create, wave_open

from .factories import ContactFactory, full_wave, owner_with_analyst


@pytest.fixture
def owner_and_analyst(db):
    return owner_with_analyst()


@pytest.fixture
def wave(owner_and_analyst):
    return full_wave(owner=owner_and_analyst[0])


@pytest.fixture
def open_wave(wave):
    return wave_open(wave=wave)


@pytest.fixture
def north(db):
    return RegionFactory(name="North of England", ons_code="E40000001")


@pytest.fixture
def contact(open_wave, north):
    from django.utils import timezone

    ccg = OrganisationFactory(name="NHS Blackpool", ods_code="00R", region=north)
    return ContactFactory(
        wave=open_wave,
        full_name="Amanda Hughes",
        email="amanda@example.nhs.uk",
        role="clinical_lead",
        organisation=ccg,
        **Contact.token_fields(),
        invited_at=timezone.now(),
    )


@pytest.fixture
def analyst(owner_and_analyst):
    return owner_and_analyst[1]


@pytest.fixture
def orgs(north):
    """Two CCGs the series surveys and a support provider it does not."""
    return SimpleNamespace(
        blackpool=OrganisationFactory(name="NHS Blackpool", ods_code="00R", region=north),
        camden=OrganisationFactory(name="NHS Camden", ods_code="07R", region=north),
        provider=OrganisationFactory(
            name="North West Commissioning Support", ods_code="0CX", kind=OrganisationKind.SUPPORT_PROVIDER
        ),
    )


@pytest.fixture
def provider_people(orgs):
    return [
        MembershipFactory(organisation=orgs.provider, roles=[Role.PROVIDER_REPRESENTATIVE, Role.MANAGERIAL_LEAD]).user
        for _ in range(3)
    ]


@pytest.fixture
def ccgs(north):
    return [
        OrganisationFactory(name="NHS Blackpool", ods_code="00R", region=north),
        OrganisationFactory(name="NHS Camden", ods_code="07R", region=north),
    ]


@pytest.fixture
def series(owner_and_analyst):
    return series_create(owner=owner_and_analyst[0], title="Test series")
