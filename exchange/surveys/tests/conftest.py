import pytest

from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory
from exchange.surveys.models import Contact
from exchange.surveys.services.authoring import wave_open
from exchange.surveys.services.contacts import new_token

from .factories import full_wave, owner_with_analyst


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
    return Contact.objects.create(
        wave=open_wave,
        full_name="Amanda Hughes",
        email="amanda@example.nhs.uk",
        role="clinical_lead",
        organisation=ccg,
        token=new_token(),
        invited_at=timezone.now(),
    )
