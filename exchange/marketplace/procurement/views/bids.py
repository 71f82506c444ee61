"""Providers' bids, their attachments and their feedback after the award; attachments for the buying side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import attempt
from exchange.marketplace.procurement.access import ProcurementAccess, procurement_access
from exchange.marketplace.procurement.forms import AttachmentForm, BidForm
from exchange.marketplace.procurement.models import BidAttachment, BidStatus, ModeratedScore
from exchange.marketplace.procurement.selectors.evaluation import bid_for_provider, bid_readable, requirement_results
from exchange.marketplace.procurement.selectors.requirements import requirement_get
from exchange.marketplace.procurement.services import bidding
from exchange.organisations.selectors import organisation_by_pk


def _bidder_access(request, pk) -> tuple[ProcurementAccess, object]:
    """The eligible provider the person bids for, or, once bidding is over, the provider whose bid they made."""
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None:
        raise Http404
    access = procurement_access(user=request.user, requirement=requirement)
    provider_id = access.bidding_as_id
    if provider_id is None and access.own_bid_ids:
        provider_id = requirement.bids.filter(pk__in=access.own_bid_ids).values_list("provider_id", flat=True)[0]
    if provider_id is None:
        raise Http404
    return access, organisation_by_pk(pk=provider_id)


@login_required
def bid_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access, provider = _bidder_access(request, pk)
    requirement = access.requirement
    criteria = list(requirement.criteria.all())
    bid = bid_for_provider(user=request.user, requirement=requirement, provider_id=provider.pk, access=access)
    initial = {}
    if bid:
        initial = {"price": bid.price} | {f"answer_{a.criterion_id}": a.text for a in bid.answers.all()}
    posted = request.POST if request.method == "POST" else None
    submitting = posted is not None and "submit" in posted
    form = BidForm(
        posted,
        criteria=criteria,
        initial=initial,
        require_complete=submitting or bool(bid and bid.status == BidStatus.SUBMITTED),
    )
    if posted is not None and not access.can_bid:
        messages.error(request, bidding.BIDS_CLOSED)
        return redirect("marketplace:bid-edit", pk=pk)
    if form.is_valid():
        was_submitted = bool(bid and bid.status == BidStatus.SUBMITTED)
        try:
            bid = bidding.bid_save(
                actor=request.user,
                requirement=requirement,
                provider=provider,
                price=form.cleaned_data["price"],
                answers=form.answers(),
                submit=submitting,
            )
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            if submitting and not was_submitted:
                message = "Your bid is submitted. You can change it until the deadline."
            elif was_submitted:
                message = "Your changes are saved. Your bid stays submitted."
            else:
                message = "Bid saved as a draft."
            messages.success(request, message)
            return redirect("marketplace:bid-edit", pk=pk)
    context = {
        "requirement": requirement,
        "provider": provider,
        "bid": bid,
        "form": form,
        "attachment_form": AttachmentForm(),
        "open": access.can_bid,
    }
    return render(request, "marketplace/bid_form.html", context)


@login_required
@require_POST
def bid_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    access, provider = _bidder_access(request, pk)
    bid = bid_for_provider(user=request.user, requirement=access.requirement, provider_id=provider.pk, access=access)
    if bid is None:
        raise Http404
    attempt(
        request,
        lambda: bidding.bid_withdraw(actor=request.user, bid=bid),
        success="Your bid is withdrawn. You can submit it again before the deadline.",
    )
    return redirect("marketplace:bid-edit", pk=pk)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    access, provider = _bidder_access(request, pk)
    bid = bid_for_provider(user=request.user, requirement=access.requirement, provider_id=provider.pk, access=access)
    form = AttachmentForm(request.POST, request.FILES)
    if bid is None:
        messages.error(request, "Save your bid before attaching files.")
    elif not form.is_valid():
        messages.error(request, "Choose a file to attach.")
    else:
        attempt(
            request,
            lambda: bidding.bid_attachment_add(actor=request.user, bid=bid, uploaded=form.cleaned_data["file"]),
            success=f"{form.cleaned_data['file'].name} attached.",
        )
    return redirect("marketplace:bid-edit", pk=pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """The bidder's own people at any time; the buying side only as `bid_readable` says (bids unsealed, and for an
    evaluator no conflict with the bidder)."""
    attachment = BidAttachment.objects.select_related("bid__requirement").filter(pk=pk).first()
    if attachment is None or not bid_readable(user=request.user, bid=attachment.bid):
        raise Http404
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )


@login_required
def bid_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """After the award, each bidder sees its own moderated scores and reasons beside the winner's scores."""
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None:
        raise Http404
    access = procurement_access(user=request.user, requirement=requirement)
    if not access.can_see_feedback:
        raise Http404
    award = requirement.award
    own = requirement.bids.filter(pk__in=access.own_submitted_bid_ids).select_related("provider").first()
    criteria = list(requirement.criteria.all())
    moderated = {(m.bid_id, m.criterion_id): m for m in ModeratedScore.objects.filter(bid__in=[own, award.bid])}
    results = {result.bid_id: result for result in requirement_results(requirement) or []}
    context = {
        "requirement": requirement,
        "award": award,
        "own": own,
        "won": own.pk == award.bid_id,
        "rows": [(c, moderated.get((own.pk, c.pk)), moderated.get((award.bid_id, c.pk))) for c in criteria],
        "own_result": results.get(own.pk),
        "winner_result": results.get(award.bid_id),
    }
    return render(request, "marketplace/bid_feedback.html", context)
