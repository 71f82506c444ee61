"""Catalogue search: words, facets and their counts, sorting by cost, cleaning what is asked and the cache key."""

import pytest

from exchange.marketplace.catalogue.models import OfferingStatus
from exchange.marketplace.catalogue.selectors.catalogue_index import catalogue_index, catalogue_token
from exchange.marketplace.catalogue.selectors.search import (
    FACETS,
    MAX_TEXT,
    CatalogueQuery,
    catalogue_cache_key,
    catalogue_search,
    clean_search_text,
    valid_choices,
)
from exchange.marketplace.catalogue.services.search_index import catalogue_changed

SITUATIONS = [
    ("", {}),
    ("", {"sector": ("third_sector",)}),
    ("business intelligence", {}),
    ("business intelligence", {"region": ("E40000003",), "pricing": ("per_head", "fixed_annual")}),
    ("", {"line": ("business-intelligence", "communications"), "rating": ("4-plus", "unrated")}),
    ("analytics", {"price": ("under-50k", "50k-150k"), "sector": ("third_sector", "independent")}),
]


@pytest.mark.parametrize(("text", "choices"), SITUATIONS)
def test_every_facet_count_equals_the_results_choosing_that_value_gives(demo_catalogue, text, choices):
    results = catalogue_search(query=CatalogueQuery(text=text, choices=choices, population=172_000))
    checked = 0
    for facet in results.facets:
        for code, _, count, _ in facet.options:
            alone = {key: values for key, values in choices.items() if key != facet.key} | {facet.key: (code,)}
            expected = catalogue_search(query=CatalogueQuery(text=text, choices=alone, population=172_000))
            assert count == expected.offerings.count(), (facet.key, code)
            checked += count
    assert checked > 0


def test_the_sector_counts_add_up_to_the_results_when_no_sector_is_chosen(demo_catalogue):
    results = catalogue_search(query=CatalogueQuery(text="business intelligence", population=172_000))
    sectors = next(facet for facet in results.facets if facet.key == "sector")
    assert sum(count for _, _, count, _ in sectors.options) == results.offerings.count() > 0


def test_the_demo_has_third_sector_business_intelligence_in_london(demo_catalogue):
    query = CatalogueQuery(
        text="business intelligence", choices={"sector": ("third_sector",), "region": ("E40000003",)}
    )
    offerings = list(catalogue_search(query=query).offerings)
    assert len(offerings) >= 3
    assert {offering.provider.sector for offering in offerings} == {"third_sector"}


def test_search_finds_words_in_the_title_description_or_provider_name(world):
    world.offering(title="Risk stratification service", description="Case finding for frail patients")
    world.offering(world.theirs, title="Contract support", lines=("contract-management",))
    for text, expected in [("frail", 1), ("stratification", 1), ("meridian", 1), ("risk meridian", 0), ("", 2)]:
        found = catalogue_search(query=CatalogueQuery(text=text)).offerings
        assert found.count() == expected, text


def test_drafts_and_withdrawn_offerings_are_never_in_results(world):
    world.offering(title="Published BI")
    world.offering(title="Draft BI", status=OfferingStatus.DRAFT)
    world.offering(title="Withdrawn BI", status=OfferingStatus.WITHDRAWN)
    titles = [offering.title for offering in catalogue_search(query=CatalogueQuery(text="BI")).offerings]
    assert titles == ["Published BI"]


def test_sorting_by_cost_puts_a_cheap_per_head_offer_before_a_dear_fixed_fee_for_my_population(world):
    world.offering(title="Per head", pricing_model="per_head", price="0.30")  # 0.30 × 172,000 = 51,600
    world.offering(title="Fixed", pricing_model="fixed_annual", price="60000")
    world.offering(title="Days", pricing_model="day_rate", price="700", estimated_days=70)  # 49,000
    query = CatalogueQuery(sort="cost", population=172_000)
    ordered = [(o.title, o.annual_cost) for o in catalogue_search(query=query).offerings]
    assert [title for title, _ in ordered] == ["Days", "Per head", "Fixed"]
    assert [int(cost) for _, cost in ordered] == [49_000, 51_600, 60_000]
    # For a population twice as big the per-head offer becomes the dearest.
    bigger = [o.title for o in catalogue_search(query=CatalogueQuery(sort="cost", population=400_000)).offerings]
    assert bigger == ["Days", "Fixed", "Per head"]


def test_the_facets_are_service_line_sector_region_pricing_price_and_rating_in_that_order(world):
    assert [facet.key for facet in FACETS] == ["line", "sector", "region", "pricing", "price", "rating"]
    regions = next(facet for facet in FACETS if facet.key == "region").options(catalogue_index())
    assert ("E40000001", "North of England") in regions and ("E40000003", "London") in regions


def test_control_characters_and_extra_spaces_are_cleaned_out_of_search_text():
    assert clean_search_text("  risk\x00 strat\tification \n ") == "risk strat ification"


def test_search_text_is_cut_to_its_longest():
    assert clean_search_text("a" * (MAX_TEXT + 50)) == "a" * MAX_TEXT


def test_only_facet_values_that_are_options_are_kept(world):
    raw = {"sector": ["third_sector", "not-a-sector"], "price": ["under-50k"], "nonsense": ["x"], "rating": ["9"]}
    assert valid_choices(raw) == {"sector": ("third_sector",), "price": ("under-50k",)}


def test_nothing_is_cached_before_the_catalogue_has_a_token(db):
    from exchange.marketplace.catalogue.models import CatalogueState

    CatalogueState.objects.all().delete()
    assert catalogue_token() is None
    assert catalogue_cache_key(CatalogueQuery(text="BI"), 1, token=catalogue_token()) is None


def test_the_cache_key_changes_when_the_catalogue_changes_and_not_with_the_order_of_choices(db):
    query = CatalogueQuery(text="BI", choices={"sector": ("third_sector", "independent")})
    same = CatalogueQuery(text="BI", choices={"sector": ("independent", "third_sector")})
    before = catalogue_cache_key(query, 1, token=catalogue_changed())
    assert before == catalogue_cache_key(same, 1, token=catalogue_token())
    assert before != catalogue_cache_key(query, 2, token=catalogue_token())
    # The words are shown on the page as written, so "bi" is not served the page that says "matching “BI”".
    assert before != catalogue_cache_key(CatalogueQuery(text="bi", choices=same.choices), 1, token=catalogue_token())
    assert catalogue_cache_key(query, 1, token=catalogue_changed()) != before
