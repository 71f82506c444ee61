from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from exchange.accounts import permissions

from ..forms import DirectoryFilterForm
from ..selectors import DirectoryFilters, organisation_directory, organisation_get

PAGE_SIZE = 25


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = DirectoryFilters(query=data["q"], kind=data["kind"], region=data["region"], sector=data["sector"])
    page = Paginator(organisation_directory(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {"form": form, "page": page, "filters": filters, "query_string": query_without_page.urlencode()}
    template = "organisations/_results.html" if request.htmx else "organisations/organisation_list.html"
    return render(request, template, context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_get(slug=slug)
    if organisation is None:
        raise Http404
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "is_member": permissions.is_member(request.user, organisation)},
    )
