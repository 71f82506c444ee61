import pytest
from django.urls import reverse

from exchange.organisations.models import OrganisationKind, Region, Sector
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("organisations:organisation-list")


def result_names(response) -> list[str]:
    return [organisation.name for organisation in response.context["page"].object_list]


def test_the_directory_lists_211_ccgs(client, registry):
    response = client.get(DIRECTORY, {"kind": OrganisationKind.COMMISSIONER})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 211
    assert "211 organisations" in response.content.decode()


def test_searching_blackpool_finds_nhs_blackpool_in_north_of_england(client, registry):
    response = client.get(DIRECTORY, {"q": "Blackpool"})
    assert result_names(response) == ["NHS Blackpool"]
    html = response.content.decode()
    assert "NHS Blackpool" in html
    assert "North of England" in html


@pytest.mark.parametrize(
    "query",
    ["barking and dagenham", "Barking & Dagenham", "00Q", "E38000004", "BARKING"],
)
def test_search_matches_either_spelling_and_codes(client, registry, query):
    names = result_names(client.get(DIRECTORY, {"q": query}))
    assert names
    assert all("Barking" in name or "Blackburn" in name for name in names)


def test_search_matches_curly_or_straight_apostrophes(client, registry):
    for query in ["Queen's Park", "Queen\u2019s Park"]:
        assert len(result_names(client.get(DIRECTORY, {"q": query}))) == 1


def test_filtering_by_region_shows_only_that_region(client, registry):
    london = Region.objects.get(name="London")
    response = client.get(DIRECTORY, {"region": london.ons_code, "kind": OrganisationKind.COMMISSIONER})
    assert response.context["page"].paginator.count == 32
    assert {organisation.region_id for organisation in response.context["page"].object_list} == {london.id}


def test_filtering_by_sector_shows_only_providers_of_that_sector(client, db):
    OrganisationFactory(name="Voluntary Analytics", kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.THIRD_SECTOR)
    OrganisationFactory(name="County Council BI", kind=OrganisationKind.SUPPORT_PROVIDER, sector=Sector.LOCAL_AUTHORITY)
    response = client.get(DIRECTORY, {"sector": Sector.THIRD_SECTOR})
    assert result_names(response) == ["Voluntary Analytics"]


def test_the_directory_is_paginated_with_filters_kept(client, registry):
    response = client.get(DIRECTORY, {"kind": OrganisationKind.COMMISSIONER, "page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 25
    assert "kind=commissioner&amp;page=3" in response.content.decode()


def test_an_unknown_filter_value_is_ignored_rather_than_failing(client, registry):
    response = client.get(DIRECTORY, {"region": "nowhere", "q": "Blackpool"})
    assert response.status_code == 200


def test_htmx_requests_get_only_the_results(client, registry):
    response = client.get(DIRECTORY, {"q": "Blackpool"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="results"' in html
    assert "<html" not in html


def test_the_organisation_page_shows_codes_and_place(client, registry):
    response = client.get(reverse("organisations:organisation-detail", kwargs={"slug": "nhs-blackpool"}))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["NHS Blackpool", "00R", "E38000015", "Lancashire", "North of England"]:
        assert text in html


def test_an_unknown_organisation_is_404(client, db):
    response = client.get(reverse("organisations:organisation-detail", kwargs={"slug": "nope"}))
    assert response.status_code == 404
