"""Pages for everyone: a decided plan's public timeline. For membership bodies' analysts and platform staff: the
burden of oversight, nationally or for a region, with its CSV, and conduct ratings by area team (disclosure
controlled)."""

import csv

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from exchange.core.shortcuts import or_404
from exchange.core.spreadsheets import safe_row
from exchange.organisations.selectors import region_list

from ..permissions import can_read_burden
from ..selectors.assurance import appraisal_year_label, appraisal_years_published, conduct_by_area_team
from ..selectors.burden import burden_rows, burden_summary
from ..selectors.plans import endorsement_share, plan_public_get, plan_timeline


def plan_public_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = or_404(plan_public_get(pk=pk))
    reviews = list(plan.reviews.all())
    context = {
        "plan": plan,
        "timeline": plan_timeline(plan),
        "versions": sorted(plan.versions.all(), key=lambda v: v.number),
        "endorsements": [(review, endorsement_share(review)) for review in reviews],
    }
    return render(request, "plans/plan_public.html", context)


def _analyst(request: HttpRequest) -> None:
    if not can_read_burden(request.user):
        raise Http404


def _region(request: HttpRequest):
    regions = list(region_list())
    chosen = next((r for r in regions if str(r.pk) == request.GET.get("region")), None)
    return regions, chosen


@login_required
def burden_view(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    regions, region = _region(request)
    rows = burden_rows(region_id=region.pk if region else None)
    years = appraisal_years_published()
    year = next((y for y in years if str(y) == request.GET.get("year")), years[0] if years else None)
    context = {
        "regions": regions,
        "region": region,
        "rows": rows,
        "summary": burden_summary(rows),
        "conduct": conduct_by_area_team(year=year) if year is not None else None,
        "years": [(y, appraisal_year_label(y)) for y in years],
        "conduct_label": appraisal_year_label(year) if year is not None else None,
        "threshold": settings.PLANS_DISCLOSURE_THRESHOLD,
    }
    return render(request, "plans/burden.html", context)


@login_required
def burden_csv_view(request: HttpRequest) -> HttpResponse:
    _analyst(request)
    _, region = _region(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="burden-of-oversight.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "plan",
            "commissioner",
            "region",
            "reviews",
            "referrals",
            "referrals answered by new version",
            "referrals confirmed",
            "referrals unanswered",
            "days to decision",
            "advice",
            "advice accepted",
            "advice partly accepted",
            "advice not accepted",
            "practices asked",
            "practices endorsing",
        ]
    )
    for row in burden_rows(region_id=region.pk if region else None):
        writer.writerow(
            safe_row(
                [
                    row.title,
                    row.commissioner,
                    row.region,
                    row.reviews,
                    row.referrals,
                    row.referrals_new_version,
                    row.referrals_confirmed,
                    row.referrals_unanswered,
                    ";".join(f"{days:.1f}" for days in row.days_to_decision),
                    row.advice,
                    row.advice_accepted,
                    row.advice_partly_accepted,
                    row.advice_not_accepted,
                    row.practices_asked,
                    row.practices_endorsing,
                ]
            )
        )
    return response
