from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from exchange.core.exceptions import ApplicationError

from .. import permissions
from ..forms import EngagementForm, RatingForm, ReplyForm
from ..models import Rating
from ..selectors import catalogue
from ..selectors.buyers import buyer_commissioner
from ..services import ratings as rating_services


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
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Recorded that {commissioner.name} buys {offering.title}.")
            return redirect("marketplace:offering-detail", pk=offering.pk)
    context = {"form": form, "offering": offering, "commissioner": commissioner}
    return render(request, "marketplace/engagement_form.html", context)


@login_required
def rating_create(request: HttpRequest, pk: int) -> HttpResponse:
    offering = catalogue.offering_get(user=request.user, pk=pk)
    if offering is None:
        raise Http404
    engagements = list(rating_services.rating_engagements(user=request.user, offering=offering))
    if not engagements:
        return render(request, "marketplace/rating_refused.html", {"offering": offering}, status=403)
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
        try:
            rating_services.rating_reply_publish(actor=request.user, rating=rating, text=form.cleaned_data["text"])
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Your reply is published.")
    else:
        messages.error(request, "Enter a reply.")
    return redirect("marketplace:offering-detail", pk=rating.offering_id)
