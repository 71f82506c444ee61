import pytest
from django.core.exceptions import ValidationError

from exchange.organisations.models import Organisation, OrganisationKind, Sector
from exchange.organisations.services import organisation_create

from .factories import AreaTeamFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_gets_a_slug_from_its_name():
    organisation = organisation_create(name="Midlands & Lancashire CSU", kind=OrganisationKind.SUPPORT_PROVIDER)
    assert organisation.slug == "midlands-lancashire-csu"


def test_a_second_organisation_of_the_same_name_gets_the_next_free_slug():
    OrganisationFactory(slug="nhs-west")
    OrganisationFactory(slug="nhs-west-2")
    assert organisation_create(name="NHS West", kind=OrganisationKind.COMMISSIONER).slug == "nhs-west-3"


def test_an_organisation_in_an_area_team_is_placed_in_its_region():
    area_team = AreaTeamFactory()
    organisation = organisation_create(name="NHS Somewhere", kind=OrganisationKind.COMMISSIONER, area_team=area_team)
    assert organisation.region == area_team.region


def test_a_commissioner_with_a_provider_sector_is_refused():
    with pytest.raises(ValidationError):
        organisation_create(name="NHS Odd", kind=OrganisationKind.COMMISSIONER, sector=Sector.THIRD_SECTOR)
    assert not Organisation.objects.exists()
