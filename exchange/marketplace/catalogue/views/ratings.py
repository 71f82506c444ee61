from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import attempt
from exchange.marketplace.catalogue import permissions
from exchange.marketplace.catalogue.forms import EngagementForm, RatingForm, ReplyForm
from exchange.marketplace.catalogue.models import Rating
from exchange.marketplace.catalogue.selectors import catalogue
from exchange.marketplace.catalogue.selectors.buyers import buyer_commissioner
from exchange.marketplace.catalogue.selectors.engagements import (
    buyer_engagements,
    engagement_for_provider,
    provider_engagements,
)
from exchange.marketplace.catalogue.services import ratings as rating_services


@login_required
def engagement_create(request: HttpRequest, pk: int) -> HttpResponse:
    offering = catalogue.offering_get(user=request.user, pk=pk)
    commissioner = buyer_commissioner(user=request.user)
    if offering is None or commissioner is None or not permissions.can_buy_for(request.user, commissioner):
        raise Http404
    form = EngagementForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            rating_services.engagement_record(
                actor=request.user, offering=offering, commissioner=commissioner, **form.cleaned_data
            )
        except ApplicationError as error:
            form.add_error(error.extra.get("field"), error.message)
        else:
            messages.success(
                request,
                f"Recorded that {commissioner.name} buys {offering.title}. It awaits confirmation by "
                f"{offering.provider.name}: you can rate it once they have confirmed it.",
            )
            return redirect("marketplace:offering-detail", pk=offering.pk)
    context = {"form": form, "offering": offering, "commissioner": commissioner}
    return render(request, "marketplace/engagement_form.html", context)


@login_required
def rating_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    offering = catalogue.offering_get(user=request.user, pk=pk)
    if offering is None:
        raise Http404
    engagements = list(rating_services.rating_engagements(user=request.user, offering=offering))
    if not engagements:
        awaiting = buyer_engagements(user=request.user, offering=offering).awaiting_confirmation().exists()
        context = {"offering": offering, "reason": rating_services.NOT_CONFIRMED if awaiting else None}
        return render(request, "marketplace/rating_refused.html", context, status=403)
    form = RatingForm(request.POST if request.method == "POST" else None, engagements=engagements)
    if len(engagements) == 1 and request.method != "POST":
        form.initial["engagement"] = engagements[0].pk
    if form.is_valid():
        data = form.cleaned_data
        engagement = next(item for item in engagements if item.pk == data["engagement"])
        try:
            rating_services.rating_create(
                actor=request.user,
                engagement=engagement,
                quality=int(data["quality"]),
                responsiveness=int(data["responsiveness"]),
                value_for_money=int(data["value_for_money"]),
                relationship=int(data["relationship"]),
                comment=data["comment"],
            )
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. Your rating is published.")
            return redirect("marketplace:offering-detail", pk=offering.pk)
    return render(request, "marketplace/rating_form.html", {"form": form, "offering": offering})


@login_required
@require_POST
def rating_reply(request: HttpRequest, pk: int) -> HttpResponse:
    rating = Rating.objects.select_related("offering__provider").filter(pk=pk).first()
    if rating is None:
        raise Http404
    form = ReplyForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: rating_services.rating_reply_publish(
                actor=request.user, rating=rating, text=form.cleaned_data["text"]
            ),
            success="Your reply is published.",
        )
    else:
        messages.error(request, "Enter a reply.")
    return redirect("marketplace:offering-detail", pk=rating.offering_id)


@login_required
def engagement_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The provider's engagements: those awaiting its confirmation, each with a button to confirm it, then the rest."""
    provider = catalogue.provider_get(slug=slug)
    if provider is None or not permissions.can_edit_provider(request.user, provider):
        raise Http404
    engagements = provider_engagements(user=request.user, provider=provider)
    context = {
        "provider": provider,
        "awaiting": [
            (engagement, permissions.can_confirm_engagement(request.user, engagement))
            for engagement in engagements.awaiting_confirmation()
        ],
        "confirmed": list(engagements.confirmed()),
        "recorded_by_you": rating_services.RECORDED_BY_YOU,
    }
    return render(request, "marketplace/engagement_list.html", context)


@login_required
@require_POST
def engagement_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = engagement_for_provider(user=request.user, pk=pk)
    if engagement is None:
        raise Http404
    attempt(
        request,
        lambda: rating_services.engagement_confirm(actor=request.user, engagement=engagement),
        success=f"Confirmed that {engagement.commissioner.name} buys {engagement.offering.title}. "
        "Its people can now rate it.",
    )
    return redirect("marketplace:engagement-list", slug=engagement.offering.provider.slug)
