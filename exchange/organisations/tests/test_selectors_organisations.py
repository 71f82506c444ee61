"""The registry is public: these selectors take no person, and show everyone the same."""

import pytest

from exchange.organisations.models import OrganisationKind, Sector
from exchange.organisations.selectors import (
    DirectoryFilters,
    commissioner_list,
    organisation_by_ods_code,
    organisation_by_pk,
    organisation_directory,
    organisation_get,
    organisation_kind_label,
    registry_summary,
)

from .factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_the_directory_finds_a_name_whatever_the_apostrophe_and_ampersand():
    found = OrganisationFactory(name="NHS Queen\u2019s Park & Paddington")
    OrganisationFactory(name="NHS Elsewhere")
    assert list(organisation_directory(filters=DirectoryFilters(query="queen's park and paddington"))) == [found]


def test_the_directory_finds_an_organisation_by_its_code_in_any_case():
    found = OrganisationFactory(ods_code="00R", ons_code="E38000015")
    assert list(organisation_directory(filters=DirectoryFilters(query="00r"))) == [found]
    assert list(organisation_directory(filters=DirectoryFilters(query="e38000015"))) == [found]


def test_the_directory_filters_by_kind_region_and_sector_together():
    north = RegionFactory()
    found = OrganisationFactory(kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.NHS, region=north)
    OrganisationFactory(kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.NHS)
    OrganisationFactory(kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.THIRD_SECTOR, region=north)
    OrganisationFactory(region=north)
    filters = DirectoryFilters(kind=OrganisationKind.SUPPORT_PROVIDER, region=north.ons_code, sector=Sector.NHS)
    assert list(organisation_directory(filters=filters)) == [found]


def test_the_directory_lists_by_name():
    zulu, alpha = OrganisationFactory(name="NHS Zulu"), OrganisationFactory(name="NHS Alpha")
    assert list(organisation_directory(filters=DirectoryFilters())) == [alpha, zulu]


def test_an_organisation_is_got_by_slug_and_an_unknown_slug_gets_nothing():
    organisation = OrganisationFactory(slug="nhs-blackpool")
    assert organisation_get(slug="nhs-blackpool") == organisation
    assert organisation_get(slug="nhs-nowhere") is None


def test_an_organisation_is_got_by_id_and_no_id_gets_nothing():
    organisation = OrganisationFactory()
    assert organisation_by_pk(pk=organisation.pk) == organisation
    assert organisation_by_pk(pk=None) is None


def test_an_organisation_is_got_by_its_ods_code_in_any_case():
    organisation = OrganisationFactory(ods_code="00R")
    assert organisation_by_ods_code(code="00r") == organisation
    assert organisation_by_ods_code(code="00X") is None


def test_the_commissioners_are_listed_by_name_without_providers():
    zulu, alpha = OrganisationFactory(name="NHS Zulu"), OrganisationFactory(name="NHS Alpha")
    OrganisationFactory(kind=OrganisationKind.SUPPORT_PROVIDER)
    assert list(commissioner_list()) == [alpha, zulu]


def test_a_kind_is_named_by_its_label():
    assert organisation_kind_label(OrganisationKind.SUPPORT_PROVIDER) == "Commissioning support provider"


def test_the_registry_summary_counts_commissioners_providers_and_regions():
    OrganisationFactory.create_batch(2)
    OrganisationFactory(kind=OrganisationKind.SUPPORT_PROVIDER)
    OrganisationFactory(kind=OrganisationKind.NATIONAL_BODY, region=None)
    assert registry_summary() == {"commissioners": 2, "providers": 1, "regions": 3}
