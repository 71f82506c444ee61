from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from exchange.accounts import permissions
from exchange.core.shortcuts import or_404, page_of

from ..forms import DirectoryFilterForm
from ..selectors import DirectoryFilters, organisation_directory, organisation_get

PAGE_SIZE = 25


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = DirectoryFilters(query=data["q"], kind=data["kind"], region=data["region"], sector=data["sector"])
    page, query_string = page_of(request, organisation_directory(filters=filters), PAGE_SIZE)
    context = {"form": form, "page": page, "filters": filters, "query_string": query_string}
    template = "organisations/_results.html" if request.htmx else "organisations/organisation_list.html"
    return render(request, template, context)


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = or_404(organisation_get(slug=slug))
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "is_member": permissions.is_member(request.user, organisation)},
    )
