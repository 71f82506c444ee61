"""The commissioner's pages: its plans, a new plan, a new version, opening a review, and its answers, decision and
ratings of conduct. Thin: each binds a form and calls one service."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from exchange.core.shortcuts import form_applied, or_404, render_form
from exchange.organisations.selectors import organisation_by_pk

from .. import services
from ..forms import PlanForm, ReviewOpenForm, ReviseForm, sections_text
from ..selectors.pages import commissioners_planning, plan_for_commissioner, priorities_for
from ..selectors.plans import plans_of, reviews_for
from ..selectors.reviewers import eligible_reviewers, required_reviewers


@login_required
def plan_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "plans": plans_of(user=request.user),
        "reviews": reviews_for(user=request.user),
        "can_plan": bool(commissioners_planning(user=request.user)),
    }
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_create_view(request: HttpRequest) -> HttpResponse:
    commissioner = or_404(organisation_by_pk(pk=next(iter(commissioners_planning(user=request.user)), None)))
    priorities = list(priorities_for(commissioner=commissioner))
    form = PlanForm(request.POST if request.method == "POST" else None, priorities=priorities)
    created = {}

    def create(data):
        chosen = [p for p in priorities if str(p.pk) in data["priorities"]]
        created["plan"] = services.plan_create(
            actor=request.user,
            commissioner=commissioner,
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            sections=data["sections"],
            priorities=chosen,
        )

    if form_applied(request, form, create):
        messages.success(request, "The plan is saved as version 1.")
        return redirect("plans:plan-detail", pk=created["plan"].pk)
    return render_form(request, "plans/plan_form.html", {"form": form, "commissioner": commissioner})


@login_required
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = or_404(plan_for_commissioner(user=request.user, pk=pk))
    versions = list(plan.versions.order_by("-number"))
    return render(
        request,
        "plans/plan_detail.html",
        {"plan": plan, "versions": versions, "reviews": plan.reviews.order_by("-opens_at")},
    )


@login_required
def plan_revise_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = or_404(plan_for_commissioner(user=request.user, pk=pk))
    priorities = list(priorities_for(commissioner=plan.commissioner))
    latest = plan.versions.order_by("-number").first()
    initial = {"sections": sections_text(latest.sections), "priorities": [str(p.pk) for p in latest.priorities.all()]}
    form = ReviseForm(request.POST if request.method == "POST" else None, initial=initial, priorities=priorities)

    def revise(data):
        chosen = [p for p in priorities if str(p.pk) in data["priorities"]]
        services.plan_revise(
            actor=request.user, plan=plan, sections=data["sections"], priorities=chosen, note=data["note"]
        )

    if form_applied(request, form, revise):
        messages.success(request, "The new version is saved; the earlier ones stay readable.")
        return redirect("plans:plan-detail", pk=plan.pk)
    return render_form(request, "plans/plan_revise.html", {"form": form, "plan": plan})


@login_required
def review_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = or_404(plan_for_commissioner(user=request.user, pk=pk))
    reviewers = eligible_reviewers(commissioner=plan.commissioner)
    required = [str(org.pk) for org in required_reviewers(commissioner=plan.commissioner)]
    form = ReviewOpenForm(
        request.POST if request.method == "POST" else None, reviewers=reviewers, initial={"reviewers": required}
    )
    opened = {}

    def open_(data):
        closes_at = timezone.make_aware(datetime.datetime.combine(data["closes_on"], datetime.time(23, 59, 59)))
        chosen = [org for org in reviewers if str(org.pk) in data["reviewers"]]
        opened["review"] = services.review_open(actor=request.user, plan=plan, closes_at=closes_at, reviewers=chosen)

    if form_applied(request, form, open_):
        messages.success(request, "The review is open; each reviewer has been told.")
        return redirect("plans:review-detail", pk=opened["review"].pk)
    context = {"form": form, "plan": plan, "min_days": settings.PLANS_REVIEW_MIN_DAYS}
    return render_form(request, "plans/review_open.html", context)
