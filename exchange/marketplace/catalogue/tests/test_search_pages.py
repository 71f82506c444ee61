from exchange.marketplace.catalogue.models import OfferingStatus


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


def test_a_cached_results_page_is_never_stale_after_a_change(client, world):
    from decimal import Decimal

    from exchange.marketplace.catalogue.services.offerings import offering_price_change, offering_status_set

    offering = world.offering(title="Cached BI", pricing_model="fixed_annual", price=Decimal("40000"))
    assert "£40,000" in client.get("/marketplace/", {"q": "cached"}).content.decode()
    offering_price_change(actor=world.us, offering=offering, pricing_model="fixed_annual", price=Decimal("45000"))
    assert "£45,000" in client.get("/marketplace/", {"q": "cached"}).content.decode()
    offering_status_set(actor=world.us, offering=offering, status=OfferingStatus.WITHDRAWN)
    assert "Cached BI" not in client.get("/marketplace/", {"q": "cached"}).content.decode()


def test_control_characters_in_a_search_are_dropped_not_sent_to_the_database(client, world):
    world.offering(title="Null safe BI")
    response = client.get("/marketplace/", {"q": "null\x00 safe", "sector": "third\x00_sector"})
    assert response.status_code == 200 and "Null safe BI" in response.content.decode()
    assert client.get("/api/offerings", {"q": "\x00", "sector": "\x00"}).status_code == 200
