"""The search index each process keeps: rebuilt exactly when the catalogue token changes, and exact."""

from decimal import Decimal

import numpy as np
import pytest

from exchange.marketplace.catalogue.content import Band
from exchange.marketplace.catalogue.models import CatalogueState
from exchange.marketplace.catalogue.selectors.catalogue_index import band_matrix, catalogue_index, tsvector_lexemes
from exchange.marketplace.catalogue.selectors.search import CatalogueQuery, catalogue_search
from exchange.marketplace.catalogue.services.offerings import offering_price_change


def test_the_index_is_kept_while_the_token_stands_and_rebuilt_when_it_changes(world, django_assert_num_queries):
    offering = world.offering(title="Indexed BI", pricing_model="fixed_annual", price=Decimal("40000"))
    first = catalogue_index()
    with django_assert_num_queries(1):  # the token only
        assert catalogue_index() is first
    offering_price_change(actor=world.us, offering=offering, pricing_model="fixed_annual", price=Decimal("45000"))
    rebuilt = catalogue_index()
    assert rebuilt is not first
    assert rebuilt.price_pence[rebuilt.position[offering.pk]] == 4_500_000


def test_without_a_token_the_index_is_built_afresh_every_time(world):
    world.offering(title="No token BI")
    CatalogueState.objects.all().delete()
    assert catalogue_index() is not catalogue_index()


def test_a_provider_renamed_is_found_by_its_new_name_at_once(world):
    world.offering(title="Dashboards for the north")
    assert [hit.provider.name for hit in catalogue_search(query=CatalogueQuery(text="Dashboards")).offerings] == [
        "Community Voice Partnership"
    ]
    world.ours.name = "Northern Insight CIC"
    world.ours.save()
    hits = list(catalogue_search(query=CatalogueQuery(text="Northern Insight")).offerings)
    assert [(hit.title, hit.provider.name) for hit in hits] == [("Dashboards for the north", "Northern Insight CIC")]


def test_a_region_renamed_shows_its_new_name_in_the_facets_at_once(world):
    world.offering(title="Regional BI")
    catalogue_search(query=CatalogueQuery())
    world.north.name = "North East and Yorkshire"
    world.north.save()
    regions = next(facet for facet in catalogue_search(query=CatalogueQuery()).facets if facet.key == "region")
    assert ("E40000001", "North East and Yorkshire", 1, False) in regions.options


def test_annual_costs_are_exact_in_pence_for_every_pricing_model(world):
    world.offering(title="Per head", pricing_model="per_head", price=Decimal("0.33"))
    world.offering(title="Days", pricing_model="day_rate", price=Decimal("712.50"), estimated_days=7)
    world.offering(title="Fixed", pricing_model="fixed_annual", price=Decimal("49999.99"))
    hits = {hit.title: hit.annual_cost for hit in catalogue_search(query=CatalogueQuery(population=172_001)).offerings}
    assert hits == {"Per head": Decimal("56760.33"), "Days": Decimal("4987.50"), "Fixed": Decimal("49999.99")}


def test_a_cost_one_penny_under_a_band_edge_is_in_the_band_below():
    bands = [Band("low", "Low", None, 50000), Band("high", "High", 50000, None)]
    costs = np.array([4_999_999, 5_000_000, 5_000_001], dtype=np.int64)
    assert band_matrix(costs, bands, scale=100).tolist() == [[True, False], [False, True], [False, True]]


def test_a_band_with_no_bounds_holds_the_offerings_not_yet_rated():
    bands = [Band("4-plus", "4 or more", 4, None), Band("unrated", "Not yet rated", None, None)]
    ratings = np.array([4.0, 3.999, np.nan])
    assert band_matrix(ratings, bands).tolist() == [[True, False], [False, False], [False, True]]


@pytest.mark.parametrize(
    ("text", "lexemes"),
    [("'busi':1 'intellig':2", {"busi", "intellig"}), ("'o''brien':1A", {"o'brien"}), ("", set())],
)
def test_a_tsvector_is_read_as_its_lexemes(text, lexemes):
    assert tsvector_lexemes(text) == lexemes


def test_a_price_gamed_to_overflow_is_the_dearest_never_a_negative_cost(world):
    world.offering(title="Honest", pricing_model="fixed_annual", price=Decimal("40000"))
    world.offering(title="Gamed", pricing_model="day_rate", price=Decimal("9999999999.99"), estimated_days=10_000_000)
    results = catalogue_search(query=CatalogueQuery(sort="cost"))
    assert [hit.title for hit in results.offerings] == ["Honest", "Gamed"]
    assert all(hit.annual_cost > 0 for hit in results.offerings)
    price = {code: count for code, _, count, _ in next(f for f in results.facets if f.key == "price").options}
    assert price["under-50k"] == 1 and price["500k-plus"] == 1


def test_a_service_line_renamed_is_searched_by_its_new_name_not_its_old(world):
    from exchange.marketplace.catalogue.models import ServiceLine

    world.offering(title="Dashboards")
    line = ServiceLine.objects.get(code="business-intelligence")
    old, line.name = line.name, "Population health management"
    line.save()
    assert [hit.title for hit in catalogue_search(query=CatalogueQuery(text="Population health")).offerings] == [
        "Dashboards"
    ]
    assert list(catalogue_search(query=CatalogueQuery(text=old)).offerings) == []
