from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue import permissions
from exchange.marketplace.catalogue.forms import OfferingForm, ProviderProfileForm
from exchange.marketplace.catalogue.models import OfferingStatus
from exchange.marketplace.catalogue.selectors import catalogue
from exchange.marketplace.catalogue.selectors.buyers import buyer_view
from exchange.marketplace.catalogue.selectors.engagements import buyer_engagements, provider_engagements
from exchange.marketplace.catalogue.selectors.offerings import offering_terms
from exchange.marketplace.catalogue.selectors.shortlists import shortlist_list
from exchange.marketplace.catalogue.services import offerings as offering_services
from exchange.marketplace.catalogue.services import profiles
from exchange.marketplace.catalogue.services.ratings import PRIOR_WEIGHT, rating_engagements


def offering_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offering = catalogue.offering_get(user=request.user, pk=pk)
    if offering is None:
        raise Http404
    buyer = buyer_view(user=request.user)
    catalogue.with_annual_cost([offering], population=buyer.population)
    can_edit = permissions.can_edit_provider(request.user, offering.provider)
    can_rate = rating_engagements(user=request.user, offering=offering).exists()
    context = {
        "offering": offering,
        "buyer": buyer,
        "ratings": catalogue.offering_ratings(offering=offering),
        "means": catalogue.dimension_means(offering_ids=[offering.pk])[offering.pk],
        "can_edit": can_edit,
        "can_reply": can_edit,
        "can_record": bool(buyer.commissioner) and permissions.can_buy_for(request.user, buyer.commissioner),
        "can_rate": can_rate,
        "awaiting_confirmation": not can_rate
        and buyer_engagements(user=request.user, offering=offering).awaiting_confirmation().exists(),
        "engagements_to_confirm": provider_engagements(user=request.user, provider=offering.provider)
        .filter(offering=offering)
        .awaiting_confirmation()
        .count(),
        "prior_weight": PRIOR_WEIGHT,
        "open_shortlists": [
            (shortlist.pk, shortlist.name) for shortlist in shortlist_list(user=request.user).filter(frozen_at=None)
        ],
        "is_published": offering.status == OfferingStatus.PUBLISHED,
    }
    return render(request, "marketplace/offering_detail.html", context)


def _offering_initial(offering) -> dict:
    return {
        **offering_terms(offering),
        "description": offering.description,
        "outcomes": offering.outcomes,
        "status": offering.status,
    }


@login_required
def offering_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    provider = catalogue.provider_get(slug=slug)
    if provider is None or not permissions.can_edit_provider(request.user, provider):
        raise Http404
    form = OfferingForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            offering = offering_services.offering_create(
                actor=request.user,
                provider=provider,
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                outcomes=data["outcomes"],
                service_lines=data["service_lines"],
                regions=data["regions"],
                pricing_model=data["pricing_model"],
                price=data["price"],
                estimated_days=data["estimated_days"],
                minimum_term_months=data["minimum_term_months"],
            )
            if data["status"] != OfferingStatus.DRAFT:
                offering_services.offering_status_set(actor=request.user, offering=offering, status=data["status"])
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{offering.title} was saved.")
            return redirect("marketplace:offering-detail", pk=offering.pk)
    return render(request, "marketplace/offering_form.html", {"form": form, "provider": provider, "offering": None})


@login_required
def offering_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offering = catalogue.offering_get(user=request.user, pk=pk)
    if offering is None or not permissions.can_edit_provider(request.user, offering.provider):
        raise Http404
    form = OfferingForm(request.POST if request.method == "POST" else None, initial=_offering_initial(offering))
    if form.is_valid():
        data = form.cleaned_data
        try:
            offering_services.offering_update_all(actor=request.user, offering=offering, **data)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{offering.title} was saved.")
            return redirect("marketplace:offering-detail", pk=offering.pk)
    context = {"form": form, "provider": offering.provider, "offering": offering}
    return render(request, "marketplace/offering_form.html", context)


def provider_detail(request: HttpRequest, slug: str) -> HttpResponse:
    provider = catalogue.provider_get(slug=slug)
    if provider is None:
        raise Http404
    context = {
        "provider": provider,
        "profile": catalogue.provider_profile(provider=provider),
        "offerings": catalogue.provider_offerings(user=request.user, provider=provider),
        "summary": catalogue.provider_rating_summary(provider=provider),
        "can_edit": permissions.can_edit_provider(request.user, provider),
        "engagements_to_confirm": provider_engagements(user=request.user, provider=provider)
        .awaiting_confirmation()
        .count(),
    }
    return render(request, "marketplace/provider_detail.html", context)


@login_required
def provider_edit(request: HttpRequest, slug: str) -> HttpResponse:
    provider = catalogue.provider_get(slug=slug)
    if provider is None or not permissions.can_edit_provider(request.user, provider):
        raise Http404
    profile = catalogue.provider_profile(provider=provider)
    initial = (
        {
            "regions_served": [region.ons_code for region in profile.regions_served.all()],
            "area_teams_served": [team.ons_code for team in profile.area_teams_served.all()],
            "accreditations": profile.accreditations,
            "case_studies": profile.case_studies,
        }
        if profile
        else {}
    )
    form = ProviderProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            profiles.provider_profile_save(actor=request.user, provider=provider, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your profile was saved.")
            return redirect("marketplace:provider-detail", slug=provider.slug)
    return render(request, "marketplace/provider_form.html", {"form": form, "provider": provider})
