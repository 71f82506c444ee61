from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from exchange.core.exceptions import ApplicationError

from .. import permissions
from ..forms_procurement import SCORE_CHOICES, AwardForm, ScoreForm
from ..models import Bid, ConflictDeclaration, ModeratedScore, Score
from ..reports import evaluation_report_pdf
from ..selectors.evaluation import bids_for_buyer, requirement_audit_events, requirement_results, scores_visible
from ..selectors.requirements import requirement_get
from ..services import evaluation


def _assignment(request, pk):
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None:
        raise Http404
    assignment = requirement.evaluators.filter(evaluator=request.user).first()
    if assignment is None:
        raise Http404
    return requirement, assignment


@login_required
def evaluation_index(request: HttpRequest, pk: int) -> HttpResponse:
    requirement, assignment = _assignment(request, pk)
    bids = list(bids_for_buyer(user=request.user, requirement=requirement))
    declared = dict(assignment.declarations.values_list("bid_id", "conflicted"))
    scored = set(assignment.scores.values_list("bid_id", flat=True))
    rows = [(bid, declared.get(bid.pk), bid.pk in scored) for bid in bids]
    context = {
        "requirement": requirement,
        "assignment": assignment,
        "rows": rows,
        "sealed": timezone.now() < requirement.bid_deadline,
        "scores": scores_visible(user=request.user, requirement=requirement) if assignment.scores_submitted_at else [],
    }
    return render(request, "marketplace/evaluation_index.html", context)


@login_required
def bid_score(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    requirement, assignment = _assignment(request, pk)
    bid = bids_for_buyer(user=request.user, requirement=requirement).filter(pk=bid_pk).first()
    if bid is None:
        raise Http404
    criteria = list(requirement.criteria.all())
    declaration = ConflictDeclaration.objects.filter(assignment=assignment, bid=bid).first()
    initial = {}
    if declaration:
        initial = {"conflicted": "yes" if declaration.conflicted else "no", "conflict_note": declaration.note}
    for score in Score.objects.filter(assignment=assignment, bid=bid):
        initial |= {
            f"score_{score.criterion_id}": str(score.score),
            f"justification_{score.criterion_id}": score.justification,
        }
    form = ScoreForm(request.POST if request.method == "POST" else None, criteria=criteria, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            evaluation.conflict_declare(
                actor=request.user,
                assignment=assignment,
                bid=bid,
                conflicted=data["conflicted"],
                note=data["conflict_note"],
            )
            if not data["conflicted"]:
                for criterion in criteria:
                    evaluation.score_record(
                        actor=request.user,
                        assignment=assignment,
                        bid=bid,
                        criterion=criterion,
                        score=int(data[f"score_{criterion.pk}"]),
                        justification=data[f"justification_{criterion.pk}"],
                    )
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Your evaluation of {bid.provider.name}'s bid is saved.")
            return redirect("marketplace:evaluation", pk=pk)
    context = {
        "requirement": requirement,
        "bid": bid,
        "form": form,
        "criteria": criteria,
        "locked": bool(assignment.scores_submitted_at),
    }
    return render(request, "marketplace/bid_score.html", context)


@login_required
@require_POST
def scores_submit(request: HttpRequest, pk: int) -> HttpResponse:
    requirement, assignment = _assignment(request, pk)
    try:
        evaluation.scores_submit(actor=request.user, assignment=assignment)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your scores are submitted. You can now see the other evaluators' scores.")
    return redirect("marketplace:evaluation", pk=pk)


def _managed(request, pk):
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None or not permissions.can_manage_requirement(request.user, requirement):
        raise Http404
    return requirement


@login_required
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _managed(request, pk)
    bids = list(bids_for_buyer(user=request.user, requirement=requirement))
    criteria = list(requirement.criteria.all())
    if request.method == "POST":
        try:
            for bid in bids:
                for criterion in criteria:
                    key = f"{bid.pk}_{criterion.pk}"
                    if request.POST.get(f"score_{key}", "") != "":
                        evaluation.moderation_record(
                            actor=request.user,
                            bid=bid,
                            criterion=criterion,
                            score=int(request.POST[f"score_{key}"]),
                            rationale=request.POST.get(f"rationale_{key}", ""),
                        )
        except (ApplicationError, ValueError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Moderated scores saved.")
        return redirect("marketplace:moderation", pk=pk)
    scores = list(scores_visible(user=request.user, requirement=requirement))
    moderated = {(m.bid_id, m.criterion_id): m for m in ModeratedScore.objects.filter(bid__in=bids)}
    cells = {
        (bid.pk, criterion.pk): [s for s in scores if s.bid_id == bid.pk and s.criterion_id == criterion.pk]
        for bid in bids
        for criterion in criteria
    }
    results = requirement_results(requirement)
    context = {
        "requirement": requirement,
        "bids": bids,
        "criteria": criteria,
        "cells": cells,
        "moderated": moderated,
        "pending": requirement.evaluators.filter(scores_submitted_at=None).select_related("evaluator"),
        "results": results,
        "bid_names": {bid.pk: bid.provider.name for bid in bids},
        "bid_prices": {bid.pk: bid.price for bid in bids},
        "award_form": AwardForm(bids=bids),
        "score_choices": SCORE_CHOICES,
        "now": timezone.now(),
    }
    return render(request, "marketplace/moderation.html", context)


@login_required
@require_POST
def award(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _managed(request, pk)
    bids = list(bids_for_buyer(user=request.user, requirement=requirement))
    form = AwardForm(request.POST, bids=bids)
    if not form.is_valid():
        messages.error(request, "Choose the winning bid and give the reason.")
        return redirect("marketplace:moderation", pk=pk)
    bid = Bid.objects.get(pk=form.cleaned_data["bid"])
    try:
        evaluation.award_make(
            actor=request.user, requirement=requirement, bid=bid, rationale=form.cleaned_data["rationale"]
        )
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("marketplace:moderation", pk=pk)
    messages.success(
        request, f"Awarded to {bid.provider.name}. The standstill period has started; bidders can see their feedback."
    )
    return redirect("marketplace:evaluation-report", pk=pk)


@login_required
@require_POST
def award_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _managed(request, pk)
    try:
        evaluation.award_conclude(actor=request.user, requirement=requirement)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The award is final. Each partner now has an engagement and can rate the service.")
    return redirect("marketplace:evaluation-report", pk=pk)


def _report_requirement(request, pk):
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None or not (
        permissions.can_manage_requirement(request.user, requirement)
        or permissions.is_partner_member(request.user, requirement)
    ):
        raise Http404
    return requirement


@login_required
def evaluation_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _report_requirement(request, pk)
    if timezone.now() < requirement.bid_deadline:
        raise Http404  # the report shows bids: sealed until the deadline
    response = HttpResponse(evaluation_report_pdf(requirement=requirement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="evaluation-report-{requirement.ocid or requirement.pk}.pdf"'
    )
    return response


@login_required
def evaluation_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole process on one page: every step from the audit log, the scores, moderation and the award."""
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None or not (
        permissions.can_manage_requirement(request.user, requirement)
        or permissions.is_partner_member(request.user, requirement)
    ):
        raise Http404
    bids = list(requirement.bids.select_related("provider").order_by("pk"))
    context = {
        "requirement": requirement,
        "events": requirement_audit_events(requirement),
        "results": requirement_results(requirement),
        "bid_names": {bid.pk: bid.provider.name for bid in bids},
        "award": getattr(requirement, "award", None),
        "moderated": ModeratedScore.objects.filter(bid__requirement=requirement).select_related(
            "bid__provider", "criterion"
        ),
        "can_manage": permissions.can_manage_requirement(request.user, requirement),
        "now": timezone.now(),
    }
    return render(request, "marketplace/evaluation_report.html", context)
