from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..forms import SavedSearchForm
from ..selectors.buyers import buyer_view
from ..selectors.search import SORTS, CatalogueQuery, catalogue_search, facets_for
from ..selectors.shortlists import saved_search_list

PAGE_SIZE = 20
MAX_TEXT = 200


def catalogue_query(request: HttpRequest, population: int) -> CatalogueQuery:
    """The search as the URL states it. Values that are not options are dropped: a filter cannot be wrong."""
    choices = {}
    for facet in facets_for(population):
        valid = {code for code, _ in facet.options()}
        chosen = tuple(value for value in request.GET.getlist(facet.key) if value in valid)
        if chosen:
            choices[facet.key] = chosen
    sort = request.GET.get("sort", "")
    text = " ".join(request.GET.get("q", "").split())[:MAX_TEXT]
    return CatalogueQuery(
        text=text,
        choices=choices,
        sort=sort if sort in SORTS else "relevance",
        population=population,
    )


def offering_search(request: HttpRequest) -> HttpResponse:
    buyer = buyer_view(user=request.user)
    query = catalogue_query(request, buyer.population)
    results = catalogue_search(query=query)
    page = Paginator(results.offerings, PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "query": query,
        "results": results,
        "page": page,
        "buyer": buyer,
        "sorts": SORTS,
        "query_string": query_without_page.urlencode(),
        "saved_search_form": SavedSearchForm(initial={"query_string": query_without_page.urlencode()}),
        "saved_searches": saved_search_list(user=request.user)[:10],
    }
    template = "marketplace/_catalogue.html" if request.htmx else "marketplace/offering_search.html"
    return render(request, template, context)
