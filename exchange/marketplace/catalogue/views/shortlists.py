import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from exchange.core.ids import parse_id
from exchange.core.shortcuts import attempt
from exchange.core.spreadsheets import safe_row
from exchange.marketplace.catalogue.forms import SavedSearchForm, ShortlistForm
from exchange.marketplace.catalogue.selectors import catalogue
from exchange.marketplace.catalogue.selectors.buyers import buyer_view
from exchange.marketplace.catalogue.selectors.offerings import offering_visible_list
from exchange.marketplace.catalogue.selectors.shortlists import (
    NO_LONGER_AVAILABLE,
    saved_search_list,
    shortlist_entries,
    shortlist_get,
    shortlist_list,
)
from exchange.marketplace.catalogue.services import shortlists as shortlist_services


@login_required
def shortlist_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "shortlists": shortlist_list(user=request.user),
        "saved_searches": saved_search_list(user=request.user),
    }
    return render(request, "marketplace/shortlist_list.html", context)


@login_required
@require_POST
def shortlist_create_view(request: HttpRequest) -> HttpResponse:
    form = ShortlistForm(request.POST)
    buyer = buyer_view(user=request.user)
    if not form.is_valid():
        problem = shortlist_services.NO_NAME if "name" in form.errors else "Choose offerings from the catalogue."
        messages.error(request, problem)
        return redirect("marketplace:offering-search")
    wanted = form.cleaned_data["offering"]
    found = {offering.pk: offering for offering in offering_visible_list(user=request.user).filter(pk__in=wanted)}
    offerings = [found[pk] for pk in dict.fromkeys(wanted) if pk in found]
    reasons = request.POST.getlist("reason")
    shortlist = shortlist_services.shortlist_create(
        actor=request.user,
        name=form.cleaned_data["name"],
        offerings=offerings,
        organisation=buyer.commissioner,
        reasons=request.POST.get("rule", ""),
        entry_reasons=reasons if len(reasons) == len(offerings) else None,
    )
    messages.success(request, f"Shortlist “{shortlist.name}” saved.")
    return redirect("marketplace:shortlist-detail", pk=shortlist.pk)


@login_required
def shortlist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = shortlist_get(user=request.user, pk=pk)
    if shortlist is None:
        raise Http404
    buyer = buyer_view(user=request.user)
    entries = shortlist_entries(user=request.user, shortlist=shortlist, population=buyer.population)
    comparable = [entry.offering.pk for entry in entries if entry.offering is not None]
    context = {
        "shortlist": shortlist,
        "entries": entries,
        "buyer": buyer,
        "can_change": shortlist_services.can_change_shortlist(request.user, shortlist) and not shortlist.is_frozen,
        "comparable": len(comparable),
        "compare_query": "&".join(f"o={pk}" for pk in comparable[: catalogue.COMPARE_LIMIT]),
        "no_longer_available": NO_LONGER_AVAILABLE,
    }
    return render(request, "marketplace/shortlist_detail.html", context)


@login_required
@require_POST
def shortlist_freeze_view(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = shortlist_get(user=request.user, pk=pk)
    if shortlist is None:
        raise Http404
    population = buyer_view(user=request.user).population
    attempt(
        request,
        lambda: shortlist_services.shortlist_freeze(actor=request.user, shortlist=shortlist, population=population),
        success="The shortlist is frozen: it keeps each offering as it stands now.",
    )
    return redirect("marketplace:shortlist-detail", pk=shortlist.pk)


@login_required
@require_POST
def shortlist_remove(request: HttpRequest, pk: int, offering_pk: int) -> HttpResponse:
    shortlist = shortlist_get(user=request.user, pk=pk)
    if shortlist is None:
        raise Http404
    attempt(
        request,
        lambda: shortlist_services.shortlist_offering_remove(
            actor=request.user, shortlist=shortlist, offering_id=offering_pk
        ),
    )
    return redirect("marketplace:shortlist-detail", pk=shortlist.pk)


@login_required
@require_POST
def shortlist_add(request: HttpRequest, offering_pk: int) -> HttpResponse:
    offering = catalogue.offering_get(user=request.user, pk=offering_pk)
    shortlist_pk = parse_id(request.POST.get("shortlist"))
    shortlist = shortlist_get(user=request.user, pk=shortlist_pk) if shortlist_pk else None
    if offering is None:
        raise Http404
    if shortlist is None:
        messages.error(request, "Choose a shortlist to add the offering to.")
        return redirect("marketplace:offering-detail", pk=offering.pk)
    added = attempt(
        request,
        lambda: shortlist_services.shortlist_offering_add(actor=request.user, shortlist=shortlist, offering=offering),
        success=f"Added {offering.title} to “{shortlist.name}”.",
    )
    if not added:
        return redirect("marketplace:offering-detail", pk=offering.pk)
    return redirect("marketplace:shortlist-detail", pk=shortlist.pk)


EXPORT_COLUMNS = [
    ("title", "Offering"),
    ("provider", "Provider"),
    ("sector", "Sector"),
    ("service_lines", "Service lines"),
    ("regions", "Regions served"),
    ("pricing_model", "Pricing model"),
    ("price", "Price (GBP)"),
    ("estimated_days", "Estimated days a year"),
    ("population", "Population costed"),
    ("estimated_annual_cost", "Estimated annual cost (GBP)"),
    ("minimum_term_months", "Minimum term (months)"),
    ("rating_count", "Ratings"),
    ("rating_adjusted", "Adjusted rating"),
    ("status", "Status"),
    ("summary", "Summary"),
]

# An offering the viewer may no longer see: its row says so and nothing else, not even which offering it was.
UNAVAILABLE_ROW = {"title": NO_LONGER_AVAILABLE, "status": NO_LONGER_AVAILABLE}


@login_required
def shortlist_export(request: HttpRequest, pk: int) -> HttpResponse:
    shortlist = shortlist_get(user=request.user, pk=pk)
    if shortlist is None:
        raise Http404
    entries = shortlist_entries(
        user=request.user, shortlist=shortlist, population=buyer_view(user=request.user).population
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="shortlist-{slugify(shortlist.name) or shortlist.pk}.csv"'
    writer = csv.writer(response)
    frozen = (
        f"frozen {shortlist.frozen_at:%Y-%m-%d %H:%M} UTC by {shortlist.frozen_by.email}"
        if shortlist.is_frozen
        else "not frozen: live figures"
    )
    writer.writerow(safe_row([f"Shortlist: {shortlist.name}", frozen]))
    writer.writerow(safe_row([label for _, label in EXPORT_COLUMNS] + ["Reason"]))
    for entry in entries:
        snapshot = entry.snapshot if entry.snapshot is not None else UNAVAILABLE_ROW
        row = []
        for key, _ in EXPORT_COLUMNS:
            value = snapshot.get(key)
            row.append("; ".join(value) if isinstance(value, list) else ("" if value is None else value))
        writer.writerow(safe_row([*row, entry.reason]))
    return response


@login_required
@require_POST
def saved_search_create_view(request: HttpRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    query_string = request.POST.get("query_string", "")
    if not form.is_valid():
        messages.error(request, "Enter a name to save the search.")
        return redirect(f"{reverse('marketplace:offering-search')}?{query_string}")
    shortlist_services.saved_search_create(
        actor=request.user, name=form.cleaned_data["name"], query_string=form.cleaned_data["query_string"]
    )
    messages.success(request, f"Search “{form.cleaned_data['name']}” saved.")
    return redirect("marketplace:shortlist-list")
