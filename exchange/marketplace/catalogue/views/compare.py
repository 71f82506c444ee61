from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from exchange.core.ids import parse_ids
from exchange.marketplace.catalogue.forms import RecommendForm
from exchange.marketplace.catalogue.selectors import catalogue
from exchange.marketplace.catalogue.selectors.buyers import buyer_view
from exchange.marketplace.catalogue.selectors.recommend import WEIGHTS, recommended_offerings
from exchange.marketplace.catalogue.services.ratings import PRIOR_WEIGHT


def compare(request: HttpRequest) -> HttpResponse:
    asked = parse_ids(request.GET.getlist("o"))
    buyer = buyer_view(user=request.user)
    offerings = catalogue.offerings_to_compare(user=request.user, ids=asked)
    catalogue.with_annual_cost(offerings, population=buyer.population)
    if len(set(asked)) > catalogue.COMPARE_LIMIT:
        messages.info(request, f"You can compare up to {catalogue.COMPARE_LIMIT} offerings: the first 4 are shown.")
    region = buyer.commissioner.region if buyer.commissioner else None
    serves = {offering.pk: {r.pk for r in offering.regions.all()} for offering in offerings}
    context = {
        "offerings": offerings,
        "buyer": buyer,
        "region": region,
        "serves": serves,
        "outside": [o.title for o in offerings if region and region.pk not in serves[o.pk]],
        "means": catalogue.dimension_means(offering_ids=[offering.pk for offering in offerings]),
        "prior_weight": PRIOR_WEIGHT,
        "too_few": len(offerings) < 2,
    }
    return render(request, "marketplace/compare.html", context)


@login_required
def recommend(request: HttpRequest) -> HttpResponse:
    buyer = buyer_view(user=request.user)
    form = RecommendForm(request.GET if "service_lines" in request.GET or "submitted" in request.GET else None)
    recommendations = None
    if buyer.commissioner and form.is_valid():
        recommendations = recommended_offerings(
            commissioner=buyer.commissioner,
            population=buyer.population,
            service_lines=list(form.cleaned_data["service_lines"]),
        )
    context = {"form": form, "buyer": buyer, "recommendations": recommendations, "weights": WEIGHTS}
    return render(request, "marketplace/recommend.html", context)
