from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from exchange.core.exceptions import ApplicationError

from .. import permissions
from ..forms_procurement import AttachmentForm, BidForm
from ..models import BidAttachment, BidStatus, ModeratedScore, RequirementStatus
from ..selectors.evaluation import bid_for_provider, bids_for_buyer, requirement_results
from ..selectors.requirements import requirement_get
from ..services import bidding, requirements


def _bidding_context(request, pk):
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None:
        raise Http404
    mine = permissions.provider_organisations(request.user)
    provider = requirements.eligible_providers(requirement).filter(pk__in=mine).first()
    if provider is None:
        raise Http404
    return requirement, provider


@login_required
def bid_edit(request: HttpRequest, pk: int) -> HttpResponse:
    requirement, provider = _bidding_context(request, pk)
    criteria = list(requirement.criteria.all())
    bid = bid_for_provider(user=request.user, requirement=requirement, provider_id=provider.pk)
    initial = {}
    if bid:
        initial = {"price": bid.price} | {f"answer_{a.criterion_id}": a.text for a in bid.answers.all()}
    form = BidForm(request.POST if request.method == "POST" else None, criteria=criteria, initial=initial)
    if form.is_valid():
        try:
            bid = bidding.bid_save(
                actor=request.user,
                requirement=requirement,
                provider=provider,
                price=form.cleaned_data["price"],
                answers=form.answers(),
            )
            if "submit" in request.POST:
                bidding.bid_submit(actor=request.user, bid=bid)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            submitted = bid.status == BidStatus.SUBMITTED or "submit" in request.POST
            messages.success(
                request,
                "Your bid is submitted. You can change it until the deadline."
                if submitted
                else "Bid saved as a draft.",
            )
            return redirect("marketplace:bid-edit", pk=pk)
    context = {
        "requirement": requirement,
        "provider": provider,
        "bid": bid,
        "form": form,
        "attachment_form": AttachmentForm(),
        "open": timezone.now() < requirement.bid_deadline and requirement.status == RequirementStatus.PUBLISHED,
    }
    return render(request, "marketplace/bid_form.html", context)


@login_required
@require_POST
def bid_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    requirement, provider = _bidding_context(request, pk)
    bid = bid_for_provider(user=request.user, requirement=requirement, provider_id=provider.pk)
    if bid is None:
        raise Http404
    try:
        bidding.bid_withdraw(actor=request.user, bid=bid)
    except ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your bid is withdrawn. You can submit it again before the deadline.")
    return redirect("marketplace:bid-edit", pk=pk)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    requirement, provider = _bidding_context(request, pk)
    bid = bid_for_provider(user=request.user, requirement=requirement, provider_id=provider.pk)
    form = AttachmentForm(request.POST, request.FILES)
    if bid is None:
        messages.error(request, "Save your bid before attaching files.")
    elif not form.is_valid():
        messages.error(request, "Choose a file to attach.")
    else:
        try:
            bidding.bid_attachment_add(actor=request.user, bid=bid, uploaded=form.cleaned_data["file"])
        except ApplicationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{form.cleaned_data['file'].name} attached.")
    return redirect("marketplace:bid-edit", pk=pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """The bidder's own people at any time; the buying side only once bids are unsealed."""
    attachment = BidAttachment.objects.select_related("bid__requirement").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    bid = attachment.bid
    own = bid.provider_id in permissions.provider_organisations(request.user)
    buyer = bids_for_buyer(user=request.user, requirement=bid.requirement).filter(pk=bid.pk).exists()
    if not (own or buyer):
        raise Http404
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )


@login_required
def bid_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """After the award, each bidder sees its own moderated scores and reasons beside the winner's scores."""
    requirement, provider = _bidding_context_after_award(request, pk)
    award = requirement.award
    own = bid_for_provider(user=request.user, requirement=requirement, provider_id=provider.pk)
    if own is None or own.status != BidStatus.SUBMITTED:
        raise Http404
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


def _bidding_context_after_award(request, pk):
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None or requirement.status not in (RequirementStatus.AWARDED, RequirementStatus.CONCLUDED):
        raise Http404
    provider_ids = permissions.provider_organisations(request.user)
    bid = requirement.bids.filter(provider_id__in=provider_ids).select_related("provider").first()
    if bid is None:
        raise Http404
    return requirement, bid.provider
