"""What a search page costs and what its caches may share: the same queries whatever is asked, a visitor's page kept
whole with each response's own CSP nonce, and nothing of one person's request in another's page."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

SEARCHES = [
    {},
    {"sector": "third_sector"},
    {"sort": "cost", "page": "2"},
    {"line": ["business-intelligence", "communications"], "rating": ["4-plus", "unrated"], "sort": "rating"},
    {"region": "E40000003", "pricing": ["per_head", "fixed_annual"], "price": "under-50k", "page": "3"},
    {"page": "99999999999999999999", "sort": "nonsense", "sector": "not-a-sector"},
]


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/marketplace/", params).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def catalogue(world):
    for number in range(45):
        world.offering(
            world.ours if number % 2 else world.theirs,
            title=f"Offering {number}",
            pricing_model=["per_head", "fixed_annual", "day_rate"][number % 3],
            estimated_days=10 if number % 3 == 2 else None,
            regions=[world.north] if number % 4 else [world.london],
        )
    return world


@pytest.mark.parametrize("text", ["", "offering"])
def test_an_uncached_search_page_costs_the_same_queries_whatever_its_filters_sort_and_page(
    catalogue, client, settings, text
):
    settings.CATALOGUE_CACHE_SECONDS = 0
    client.get("/marketplace/")  # builds this process's index of the catalogue
    counts = {_queries(client, {**params, "q": text}) for params in SEARCHES}
    assert counts == {1 if not text else 2}  # the catalogue token, and the words when there are any


def test_a_signed_in_search_page_costs_the_same_queries_whatever_it_asks(catalogue, client, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    client.force_login(catalogue.lead)
    client.get("/marketplace/")
    assert len({_queries(client, params) for params in SEARCHES}) == 1


def test_a_visitors_page_is_served_whole_from_the_cache_with_their_own_nonce(catalogue, client):
    first = client.get("/marketplace/", {"q": "offering", "sort": "cost"})
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/marketplace/", {"sort": "cost", "q": "offering"})
    assert len(captured.captured_queries) == 1  # the token: the catalogue may have changed
    nonces = [
        re.search(r"nonce-([^']+)'", response["Content-Security-Policy"]).group(1) for response in (first, second)
    ]
    assert nonces[0] != nonces[1]
    for response, nonce in zip((first, second), nonces, strict=True):
        body = response.content.decode()
        assert f'nonce="{nonce}"' in body and "\x00" not in body
    assert first.content.decode().replace(nonces[0], "") == second.content.decode().replace(nonces[1], "")


def test_a_page_is_never_built_from_another_visitors_extra_parameters(catalogue, client):
    client.get("/marketplace/", {"q": "offering", "next": "https://evil.example/", "utm": "x"})
    for params in ({"q": "offering", "next": "https://evil.example/", "utm": "x"}, {"q": "offering"}):
        body = client.get("/marketplace/", params).content.decode()
        assert "evil.example" not in body and "utm" not in body
        assert 'href="?q=offering&amp;page=2"' in body


def test_a_signed_in_person_never_gets_a_visitors_cached_page(catalogue, client):
    client.get("/marketplace/", {"q": "offering"})
    client.force_login(catalogue.lead)
    body = client.get("/marketplace/", {"q": "offering"}).content.decode()
    assert "Save this search as" in body and "Sign out" in body


def test_a_visitor_with_a_message_waiting_sees_it_and_it_is_not_kept_for_others(catalogue, client, rf):
    client.get("/marketplace/")
    storage = CookieStorage(rf.get("/"))
    storage.add(messages.SUCCESS, "Your search was saved")
    response = HttpResponse()
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[CookieStorage.cookie_name].value
    assert "Your search was saved" in client.get("/marketplace/").content.decode()
    del client.cookies[CookieStorage.cookie_name]
    assert "Your search was saved" not in client.get("/marketplace/").content.decode()


def test_a_cached_visitors_page_shows_a_change_at_once(catalogue, client):
    from exchange.marketplace.catalogue.services.offerings import offering_status_set
    from exchange.marketplace.models import Offering, OfferingStatus

    assert "Offering 0<" in client.get("/marketplace/", {"q": "Offering 0"}).content.decode()
    offering = Offering.objects.get(title="Offering 0")
    offering_status_set(actor=catalogue.staff, offering=offering, status=OfferingStatus.WITHDRAWN)
    assert "Offering 0<" not in client.get("/marketplace/", {"q": "Offering 0"}).content.decode()
