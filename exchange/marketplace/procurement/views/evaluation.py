"""Evaluators' scoring, moderation, award and the evaluation report. Every view asks `procurement_access` what the
person may see and do now, and offers nothing else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import attempt, form_applied, or_404, render_form
from exchange.marketplace.procurement.access import ProcurementAccess, procurement_access
from exchange.marketplace.procurement.forms import AwardForm, ConflictForm, ContractForm, ModerationForm, ScoreForm
from exchange.marketplace.procurement.models import ConflictDeclaration, ModeratedScore
from exchange.marketplace.procurement.reports import evaluation_report_context, evaluation_report_pdf
from exchange.marketplace.procurement.scoring import SCALE
from exchange.marketplace.procurement.selectors.evaluation import bids_for_buyer, requirement_results, scores_visible
from exchange.marketplace.procurement.selectors.requirements import requirement_get
from exchange.marketplace.procurement.services import evaluation


def _access(request, pk, *, may: str) -> ProcurementAccess:
    """The person's access to the requirement, or a 404 unless it grants `may` (a ProcurementAccess property)."""
    requirement = or_404(requirement_get(user=request.user, pk=pk))
    access = procurement_access(user=request.user, requirement=requirement)
    if getattr(access, may) is not True:
        raise Http404
    return access


def _evaluator_access(request, pk) -> ProcurementAccess:
    return _access(request, pk, may="can_see_evaluation")


@login_required
def evaluation_index(request: HttpRequest, pk: int) -> HttpResponse:
    access = _evaluator_access(request, pk)
    requirement, assignment = access.requirement, access.assignment
    bids = list(bids_for_buyer(user=request.user, requirement=requirement, access=access))
    scored = set(assignment.scores.values_list("bid_id", flat=True))
    rows = [(bid, access.declarations.get(bid.pk), bid.pk in scored) for bid in bids]
    submitted = access.evaluator_submitted
    scores = scores_visible(user=request.user, requirement=requirement, access=access) if submitted else []
    evaluators = list(requirement.evaluators.select_related("evaluator").order_by("pk"))
    context = {
        "requirement": requirement,
        "assignment": assignment,
        "access": access,
        "rows": rows,
        "sealed": access.sealed,
        "criteria": list(requirement.criteria.all()),
        # Once the evaluator has submitted: a table per bid of the scores of every evaluator who has submitted too.
        "score_of": {(s.bid_id, s.assignment_id, s.criterion_id): s for s in scores}
        if access.evaluator_submitted
        else {},
        "submitted": [a for a in evaluators if a.scores_submitted_at],
        "waiting": [a for a in evaluators if not a.scores_submitted_at],
        "scale_names": {value: name for value, name, _ in SCALE},
    }
    return render(request, "marketplace/evaluation_index.html", context)


@login_required
def bid_score(request: HttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    """First the conflict declaration, with only the bidder's name; the bid itself and the scores only after
    declaring no conflict."""
    access = _evaluator_access(request, pk)
    requirement, assignment = access.requirement, access.assignment
    bid = bids_for_buyer(user=request.user, requirement=requirement, access=access).filter(pk=bid_pk).first()
    if bid is None:
        raise Http404
    criteria = list(requirement.criteria.all())
    declaration = ConflictDeclaration.objects.filter(assignment=assignment, bid=bid).first()
    conflict_initial = (
        {"conflicted": "yes" if declaration.conflicted else "no", "conflict_note": declaration.note}
        if declaration
        else {}
    )
    # The evaluator's own scores of this bid, as the one rule of score visibility lets them see them; never another's.
    own_scores = list(
        scores_visible(user=request.user, requirement=requirement, access=access).filter(assignment=assignment, bid=bid)
    )
    score_initial = {}
    for score in own_scores:
        score_initial |= {
            f"score_{score.criterion_id}": str(score.score),
            f"justification_{score.criterion_id}": score.justification,
        }
    posted = request.POST if request.method == "POST" else None
    declaring = posted is not None and "declare" in posted
    conflict_form = ConflictForm(posted if declaring else None, initial=conflict_initial)
    score_form = ScoreForm(posted if posted is not None and not declaring else None, criteria=criteria)
    if posted is not None and not access.can_score:
        messages.error(
            request, evaluation.EVALUATION_CLOSED if not access.evaluator_submitted else evaluation.ALREADY_SUBMITTED
        )
        return redirect("marketplace:evaluation", pk=pk)
    if declaring and conflict_form.is_valid():
        try:
            evaluation.conflict_declare(
                actor=request.user,
                assignment=assignment,
                bid=bid,
                conflicted=conflict_form.cleaned_data["conflicted"],
                note=conflict_form.cleaned_data["conflict_note"],
            )
        except ApplicationError as error:
            conflict_form.add_error(None, str(error))
        else:
            if conflict_form.cleaned_data["conflicted"]:
                messages.success(
                    request, f"Conflict of interest with {bid.provider.name} recorded: you will not score it."
                )
                return redirect("marketplace:evaluation", pk=pk)
            return redirect("marketplace:bid-score", pk=pk, bid_pk=bid.pk)
    if posted is not None and not declaring:
        if not access.can_read_bid(bid):
            raise Http404  # no scores without a declaration of no conflict
        if score_form.is_valid():
            try:
                evaluation.scores_record(actor=request.user, assignment=assignment, bid=bid, scores=score_form.scores())
            except ApplicationError as error:
                score_form.add_error(None, str(error))
            else:
                messages.success(request, f"Your evaluation of {bid.provider.name}'s bid is saved.")
                return redirect("marketplace:evaluation", pk=pk)
    if posted is None:
        score_form = ScoreForm(criteria=criteria, initial=score_initial)
    context = {
        "requirement": requirement,
        "bid": bid,
        "access": access,
        "declaration": declaration,
        "readable": access.can_read_bid(bid),
        "conflict_form": conflict_form,
        "form": score_form,
        "criteria": criteria,
        "own_scores": own_scores,
        "scale_names": {value: name for value, name, _ in SCALE},
        "pending": requirement.evaluators.filter(scores_submitted_at=None).count(),
    }
    return render(request, "marketplace/bid_score.html", context)


@login_required
@require_POST
def scores_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    access = _evaluator_access(request, pk)
    attempt(
        request,
        lambda: evaluation.scores_submit(actor=request.user, assignment=access.assignment),
        success="Your scores are submitted. You can now see the other evaluators' scores.",
    )
    return redirect("marketplace:evaluation", pk=pk)


def _moderation_access(request, pk) -> ProcurementAccess:
    return _access(request, pk, may="can_view_moderation")


@login_required
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    access = _moderation_access(request, pk)
    requirement = access.requirement
    bids = list(bids_for_buyer(user=request.user, requirement=requirement, access=access))
    criteria = list(requirement.criteria.all())
    moderated = {(m.bid_id, m.criterion_id): m for m in ModeratedScore.objects.filter(bid__in=bids)}
    form = ModerationForm(
        request.POST if request.method == "POST" else None, bids=bids, criteria=criteria, initial_cells=moderated
    )
    if request.method == "POST":
        if not access.can_moderate:
            messages.error(request, evaluation.moderation_refusal(access))
            return redirect("marketplace:moderation", pk=pk)
        if form.is_valid():
            try:
                evaluation.moderation_record_all(
                    actor=request.user,
                    requirement=requirement,
                    entries=[evaluation.Consensus(*entry) for entry in form.entries()],
                )
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Moderated scores saved.")
                return redirect("marketplace:moderation", pk=pk)
    scores = list(scores_visible(user=request.user, requirement=requirement, access=access))
    cells = {
        (bid.pk, criterion.pk): [s for s in scores if s.bid_id == bid.pk and s.criterion_id == criterion.pk]
        for bid in bids
        for criterion in criteria
    }
    context = {
        "requirement": requirement,
        "access": access,
        "bids": bids,
        "criteria": criteria,
        "cells": cells,
        "form": form,
        "moderated": moderated,
        "pending": requirement.evaluators.filter(scores_submitted_at=None).select_related("evaluator"),
        "results": requirement_results(requirement) if not access.sealed else None,
        "bid_names": {bid.pk: bid.provider.name for bid in bids},
        "bid_prices": {bid.pk: bid.price for bid in bids},
        "award_form": AwardForm(bids=bids),
    }
    return render(request, "marketplace/moderation.html", context)


@login_required
@require_POST
def award(request: HttpRequest, pk: int) -> HttpResponse:
    access = _moderation_access(request, pk)
    requirement = access.requirement
    bids = list(bids_for_buyer(user=request.user, requirement=requirement, access=access))
    form = AwardForm(request.POST, bids=bids)
    if not access.can_award:
        messages.error(request, evaluation.CANNOT_AWARD)
        return redirect("marketplace:moderation", pk=pk)
    if not form.is_valid():
        messages.error(request, "Choose the winning bid and give the reason.")
        return redirect("marketplace:moderation", pk=pk)
    bid = next(bid for bid in bids if bid.pk == form.cleaned_data["bid"])
    try:
        evaluation.award_make(
            actor=request.user, requirement=requirement, bid=bid, rationale=form.cleaned_data["rationale"]
        )
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("marketplace:moderation", pk=pk)
    messages.success(
        request,
        f"Awarded to {bid.provider.name}. The standstill period has started; "
        "bidders can see their assessment summaries.",
    )
    return redirect("marketplace:evaluation-report", pk=pk)


@login_required
@require_POST
def award_conclude_view(request: HttpRequest, pk: int) -> HttpResponse:
    access = _moderation_access(request, pk)
    attempt(
        request,
        lambda: evaluation.award_conclude(actor=request.user, requirement=access.requirement),
        success="The award is final. Each partner now has an engagement and can rate the service.",
    )
    return redirect("marketplace:evaluation-report", pk=pk)


def _report_access(request, pk) -> ProcurementAccess:
    return _access(request, pk, may="can_view_report")


@login_required
def evaluation_report_download(request: HttpRequest, pk: int) -> HttpResponse:
    access = _report_access(request, pk)
    requirement = access.requirement
    response = HttpResponse(evaluation_report_pdf(access=access), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="evaluation-report-{requirement.ocid or requirement.pk}.pdf"'
    )
    return response


@login_required
def evaluation_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole process on one page, as far as the reader may see it: the same context as the PDF."""
    access = _report_access(request, pk)
    return render(request, "marketplace/evaluation_report.html", evaluation_report_context(access=access))


@login_required
def contract_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead records the signed contract of a final award: the day it was signed and its first and last days."""
    access = _access(request, pk, may="can_record_contract")
    form = ContractForm(request.POST if request.method == "POST" else None)
    recorded = form_applied(
        request,
        form,
        lambda data: evaluation.contract_sign(actor=request.user, requirement=access.requirement, **data),
    )
    if recorded:
        messages.success(request, "The signed contract is recorded; the open data now shows it active.")
        return redirect("marketplace:evaluation-report", pk=pk)
    return render_form(request, "marketplace/contract_form.html", {"form": form, "requirement": access.requirement})
