from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from markupsafe import Markup

from exchange.marketplace.catalogue.selectors.buyers import buyer_view
from exchange.marketplace.catalogue.selectors.search import (
    SORTS,
    CatalogueQuery,
    catalogue_cache_key,
    catalogue_search,
    clean_search_text,
    valid_choices,
)
from exchange.marketplace.catalogue.selectors.shortlists import saved_search_list

PAGE_SIZE = 20


def catalogue_query(request: HttpRequest, population: int) -> CatalogueQuery:
    """The search as the URL states it."""
    raw = {key: request.GET.getlist(key) for key in request.GET}
    sort = request.GET.get("sort", "")
    return CatalogueQuery(
        text=clean_search_text(request.GET.get("q", "")),
        choices=valid_choices(raw, population),
        sort=sort if sort in SORTS else "relevance",
        population=population,
    )


def _results_html(query: CatalogueQuery, page_number: str | None, query_string: str) -> str:
    """Filters with their counts and one page of results. It shows nobody's own data, so it is cached for
    everyone asking the same search of the same catalogue (the key holds the catalogue's token)."""
    key = catalogue_cache_key(query, page_number) if settings.CATALOGUE_CACHE_SECONDS else None
    html = cache.get(key) if key else None
    if html is None:
        results = catalogue_search(query=query)
        page = Paginator(results.offerings, PAGE_SIZE).get_page(page_number)
        context = {"query": query, "results": results, "page": page, "sorts": SORTS, "query_string": query_string}
        html = render_to_string("marketplace/_catalogue_results.html", context)
        if key:
            cache.set(key, html, settings.CATALOGUE_CACHE_SECONDS)
    return Markup(html)


def offering_search(request: HttpRequest) -> HttpResponse:
    buyer = buyer_view(user=request.user)
    query = catalogue_query(request, buyer.population)
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    query_string = query_without_page.urlencode()
    context = {
        "query": query,
        "buyer": buyer,
        "query_string": query_string,
        "results_html": _results_html(query, request.GET.get("page"), query_string),
        "saved_searches": saved_search_list(user=request.user)[:10],
    }
    template = "marketplace/_catalogue.html" if request.htmx else "marketplace/offering_search.html"
    return render(request, template, context)
