import datetime

import pytest

from exchange.core import clock
from exchange.marketplace.catalogue.models import Offering, OfferingStatus
from exchange.marketplace.catalogue.selectors.search import CatalogueQuery, catalogue_search

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


def test_the_search_page_keeps_filters_in_the_url_and_ignores_values_that_are_not_options(client, world):
    world.offering(title="BI for the north")
    response = client.get("/marketplace/", {"q": "BI", "sector": ["third_sector", "not-a-sector"], "sort": "nonsense"})
    assert response.status_code == 200
    assert response.context["query"].chosen("sector") == ("third_sector",)
    assert response.context["query"].sort == "relevance"
    assert "BI for the north" in response.content.decode()


def test_htmx_gets_only_the_results_and_filters(client, world):
    world.offering()
    full = client.get("/marketplace/")
    partial = client.get("/marketplace/", headers={"HX-Request": "true"})
    assert "<html" in full.content.decode()
    assert "<html" not in partial.content.decode()
    assert 'id="catalogue"' in partial.content.decode()


def test_search_text_is_refreshed_when_an_offering_changes(world):
    from exchange.marketplace.catalogue.services.offerings import offering_update

    offering = world.offering(title="Old words")
    offering_update(
        actor=world.us,
        offering=offering,
        title="Medicines optimisation",
        summary="New",
        service_lines=offering.service_lines.all(),
        regions=[world.north],
    )
    assert catalogue_search(query=CatalogueQuery(text="optimisation")).offerings.count() == 1
    assert catalogue_search(query=CatalogueQuery(text="old words")).offerings.count() == 0
    assert Offering.objects.get(pk=offering.pk).search_text.startswith("Medicines optimisation")


def test_a_cached_results_page_is_never_stale_after_a_change(client, world):
    from decimal import Decimal

    from exchange.marketplace.catalogue.services.offerings import offering_price_change, offering_status_set

    offering = world.offering(title="Cached BI", pricing_model="fixed_annual", price=Decimal("40000"))
    assert "£40,000" in client.get("/marketplace/", {"q": "cached"}).content.decode()
    offering_price_change(actor=world.us, offering=offering, pricing_model="fixed_annual", price=Decimal("45000"))
    assert "£45,000" in client.get("/marketplace/", {"q": "cached"}).content.decode()
    offering_status_set(actor=world.us, offering=offering, status=OfferingStatus.WITHDRAWN)
    assert "Cached BI" not in client.get("/marketplace/", {"q": "cached"}).content.decode()


def test_a_rating_moves_the_other_offerings_in_its_lines_by_a_background_task(
    world, django_capture_on_commit_callbacks
):

    from exchange.marketplace.catalogue.services.ratings import offering_ratings_refresh, quarter_start, rating_create
    from exchange.marketplace.catalogue.tests.factories import EngagementFactory, RatingFactory

    today = clock.today()
    rated, other = world.offering(title="Rated"), world.offering(world.theirs, title="Other")
    RatingFactory(
        engagement=EngagementFactory(offering=other, commissioner=world.camden, started_on=today),
        quarter=quarter_start(quarter_start(today) - datetime.timedelta(days=1)),
        score=3,
    )
    offering_ratings_refresh()
    before = Offering.objects.get(pk=other.pk).rating_adjusted
    engagement = EngagementFactory(offering=rated, commissioner=world.blackpool, started_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        rating_create(
            actor=world.lead,
            engagement=engagement,
            quality=5,
            responsiveness=5,
            value_for_money=5,
            relationship=5,
            today=today,
        )
    assert Offering.objects.get(pk=rated.pk).rating_count == 1
    # The line's mean rose from 3 to 4, so the other offering's prior and adjusted rating rose too.
    assert before == 3.0 and Offering.objects.get(pk=other.pk).rating_adjusted == pytest.approx(
        (10 * 4 + 3) / 11, abs=1e-4
    )


def test_control_characters_in_a_search_are_dropped_not_sent_to_the_database(client, world):
    world.offering(title="Null safe BI")
    response = client.get("/marketplace/", {"q": "null\x00 safe", "sector": "third\x00_sector"})
    assert response.status_code == 200 and "Null safe BI" in response.content.decode()
    assert client.get("/api/offerings", {"q": "\x00", "sector": "\x00"}).status_code == 200
