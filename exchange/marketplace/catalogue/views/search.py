import threading
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from markupsafe import Markup

from exchange.core.ids import whole_number
from exchange.marketplace.catalogue.selectors.buyers import buyer_view
from exchange.marketplace.catalogue.selectors.catalogue_index import CatalogueIndex, catalogue_index
from exchange.marketplace.catalogue.selectors.search import (
    SORTS,
    CatalogueQuery,
    canonical_query,
    catalogue_cache_key,
    catalogue_search,
    clean_search_text,
    valid_choices,
)
from exchange.marketplace.catalogue.selectors.shortlists import saved_search_list

PAGE_SIZE = 20
MAX_PAGE = 10_000
NONCE_MARK = "\x00nonce\x00"
PAGES_KEPT = 256  # visitors' pages this process keeps in memory besides the shared cache (about 60 KB each)
_pages: OrderedDict[str, str] = OrderedDict()
_pages_lock = threading.Lock()


def _kept_page(key: str) -> str | None:
    """A visitor's page from this process's memory, else the shared cache. The key names the catalogue's token
    and the normalised search, so a page kept here is never stale: a change gives every page a new key."""
    with _pages_lock:
        body = _pages.get(key)
        if body is not None:
            _pages.move_to_end(key)
            return body
    body = cache.get(key)
    if body is not None:
        _keep_page(key, body)
    return body


def _keep_page(key: str, body: str) -> None:
    with _pages_lock:
        _pages[key] = body
        while len(_pages) > PAGES_KEPT:
            _pages.popitem(last=False)


def catalogue_query(request: HttpRequest, population: int, index: CatalogueIndex | None = None) -> CatalogueQuery:
    """The search as the URL states it: only known parameters and values are kept."""
    raw = {key: request.GET.getlist(key) for key in request.GET}
    sort = request.GET.get("sort", "")
    return CatalogueQuery(
        text=clean_search_text(request.GET.get("q", "")),
        choices=valid_choices(raw, index),
        sort=sort if sort in SORTS else "relevance",
        population=population,
    )


def page_number(request: HttpRequest) -> int:
    return whole_number(request.GET.get("page"), low=1, high=MAX_PAGE) or 1


def _results_html(query: CatalogueQuery, number: int, query_string: str, index: CatalogueIndex, *, cached: bool) -> str:
    """Filters with their counts and one page of results. It shows nobody's own data, so it is cached for
    everyone asking the same search of the same catalogue (the key holds the catalogue's token)."""
    key = catalogue_cache_key(query, number, token=index.token) if cached else None
    html = cache.get(key) if key else None
    if html is None:
        results = catalogue_search(query=query, index=index)
        page = Paginator(results.offerings, PAGE_SIZE).get_page(number)
        context = {"query": query, "results": results, "page": page, "sorts": SORTS, "query_string": query_string}
        html = render_to_string("marketplace/_catalogue_results.html", context)
        if key:
            cache.set(key, html, settings.CATALOGUE_CACHE_SECONDS)
    return Markup(html)


def _shared(request: HttpRequest) -> bool:
    """A page that is the same for everyone who asks it: a visitor with no session and no message waiting."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def offering_search(request: HttpRequest) -> HttpResponse:
    index = catalogue_index()
    buyer = buyer_view(user=request.user)
    query = catalogue_query(request, buyer.population, index)
    number = page_number(request)
    caching = bool(settings.CATALOGUE_CACHE_SECONDS) and request.method == "GET"
    # A visitor's whole page is kept, with a mark where each response's CSP nonce goes; people signed in get their
    # own page around the shared results.
    page_key = None
    if caching and _shared(request):
        page_key = catalogue_cache_key(query, number, token=index.token, kind=f"page:{bool(request.htmx)}")
        body = _kept_page(page_key) if page_key else None
        if body is not None:
            return HttpResponse(body.replace(NONCE_MARK, str(request.csp_nonce)))
    query_string = urlencode(canonical_query(query))
    context = {
        "query": query,
        "buyer": buyer,
        "query_string": query_string,
        "results_html": _results_html(query, number, query_string, index, cached=caching and not page_key),
        "saved_searches": saved_search_list(user=request.user)[:10],
    }
    template = "marketplace/_catalogue.html" if request.htmx else "marketplace/offering_search.html"
    response = render(request, template, context)
    if page_key and response.status_code == 200 and "csrfmiddlewaretoken" not in (body := response.content.decode()):
        nonce = getattr(request, "_csp_nonce", None) or ""
        marked = body.replace(nonce, NONCE_MARK) if nonce else body
        cache.set(page_key, marked, settings.CATALOGUE_CACHE_SECONDS)
        _keep_page(page_key, marked)
    return response
