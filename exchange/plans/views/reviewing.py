"""A review's pages: what it stands at, and one form per act — the reviewer's (within its power) and the
commissioner's (answers, decision, ratings of conduct). The services decide whether the act is allowed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from exchange.core import clock
from exchange.core.shortcuts import form_applied, or_404, render_form

from .. import forms, services
from ..models import Behaviour
from ..permissions import review_access
from ..powers import Act
from ..selectors.pages import review_for
from ..selectors.plans import endorsement_share
from ..services.deciding import ALREADY_ANSWERED, ALREADY_RATED, ALREADY_RESPONDED

NOT_NOW_FOR_YOU = "Your organisation cannot do this in this review now."

# The reviewer's acts: the form, the service call, and what to say once done
REVIEWER_ACTS = {
    Act.ADVISE: (
        forms.AdviceForm,
        lambda r, data, **k: services.advice_give(reviewer=r, text=data["text"], **k),
        "Your advice is recorded; the commissioner will say whether it accepts it.",
    ),
    Act.OPINE: (
        forms.OpinionForm,
        lambda r, data, **k: services.opinion_give(
            reviewer=r, takes_proper_account=data["takes_proper_account"] == "yes", text=data["text"], **k
        ),
        "Your opinion is recorded.",
    ),
    Act.REFER_BACK: (
        forms.ReferralForm,
        lambda r, data, **k: services.referral_make(
            reviewer=r,
            priorities=list(r.organisation.strategy_priorities.filter(pk__in=data["priorities"])),
            reasons=data["reasons"],
            **k,
        ),
        "The plan is referred back; the commissioner must answer before it decides.",
    ),
    Act.ENDORSE: (
        forms.EndorsementForm,
        lambda r, data, **k: services.endorsement_give(
            reviewer=r, endorses=data["endorses"] == "yes", comment=data["comment"], **k
        ),
        "Your practice's view is recorded.",
    ),
    Act.ASSURE: (
        forms.AssuranceForm,
        lambda r, data, **k: services.assurance_give(reviewer=r, rating=data["rating"], reasons=data["reasons"], **k),
        "Your assurance is recorded.",
    ),
}


@login_required
def review_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = or_404(review_for(user=request.user, pk=pk))
    access = review_access(user=request.user, review=review)
    acting = access.reviewers_acting()
    context = {
        "review": review,
        "plan": review.plan,
        "versions": list(review.plan.versions.order_by("-number")),
        "access": access,
        "acts": [(act, reviewer) for reviewer in acting for act in REVIEWER_ACTS if access.may(act, reviewer)],
        "endorsement": endorsement_share(review),
        "decision_blocked": access.commissioner and services.decision_blocked(review, access.stage),
        "Act": Act,
    }
    return render(request, "plans/review_detail.html", context)


@login_required
def review_act_view(request: HttpRequest, pk: int, act: str) -> HttpResponse:
    review = or_404(review_for(user=request.user, pk=pk))
    if act not in REVIEWER_ACTS:
        raise Http404
    access = review_access(user=request.user, review=review)
    # A person acting for several reviewing organisations says which one (`?as=<reviewer id>`, from the link they
    # chose); otherwise the one organisation they act for that may do this
    chosen = request.GET.get("as")
    reviewer = next(
        (r for r in access.reviewers_acting() if access.may(Act(act), r) and (chosen is None or str(r.pk) == chosen)),
        None,
    )
    if reviewer is None:
        # why not: for the organisation they chose, else the first they act for
        acting = access.reviewers_acting()
        named = next((r for r in acting if str(r.pk) == chosen), next(iter(acting), None))
        messages.error(request, access.refusal(Act(act), named) or NOT_NOW_FOR_YOU)
        return redirect("plans:review-detail", pk=pk)
    form_class, call, done = REVIEWER_ACTS[act]
    kwargs = {"priorities": list(reviewer.organisation.strategy_priorities.all())} if act == Act.REFER_BACK else {}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    if form_applied(request, form, lambda data: call(reviewer, data, actor=request.user)):
        messages.success(request, done)
        return redirect("plans:review-detail", pk=pk)
    return render_form(
        request, "plans/act_form.html", {"form": form, "review": review, "title": Act(act).label, "reviewer": reviewer}
    )


def _commissioner_form(
    request, review, act: Act, form, call, title: str, done: str, subject=None, already: str | None = None
) -> HttpResponse:
    """The commissioner's form for `act`, offered only to whoever may do it now and only while it is still to be
    done (`already` says why not); others are told why not."""
    refusal = review_access(user=request.user, review=review).refusal(act) or already
    if refusal:
        messages.error(request, refusal)
        return redirect("plans:review-detail", pk=review.pk)
    if form_applied(request, form, call):
        messages.success(request, done)
        return redirect("plans:review-detail", pk=review.pk)
    return render_form(
        request, "plans/act_form.html", {"form": form, "review": review, "title": title, "subject": subject}
    )


@login_required
def advice_respond_view(request: HttpRequest, pk: int, advice_pk: int) -> HttpResponse:
    review = or_404(review_for(user=request.user, pk=pk))
    advice = or_404(next((a for r in review.reviewers.all() for a in r.advice.all() if a.pk == advice_pk), None))
    form = forms.AdviceResponseForm(request.POST if request.method == "POST" else None)
    return _commissioner_form(
        request,
        review,
        Act.RESPOND_TO_ADVICE,
        form,
        lambda data: services.advice_respond(
            actor=request.user, advice=advice, outcome=data["outcome"], reasons=data["reasons"]
        ),
        "Respond to advice",
        "Your response to the advice is recorded.",
        subject=advice.text,
        already=ALREADY_RESPONDED if getattr(advice, "response", None) else None,
    )


@login_required
def referral_answer_view(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    review = or_404(review_for(user=request.user, pk=pk))
    referral = or_404(next((f for r in review.reviewers.all() for f in r.referrals.all() if f.pk == referral_pk), None))
    form = forms.ReferralAnswerForm(request.POST if request.method == "POST" else None)

    def answer(data):
        latest = review.plan.versions.order_by("-number").first() if data["how"] == "new_version" else None
        services.referral_answer(actor=request.user, referral=referral, reasons=data["reasons"], new_version=latest)

    return _commissioner_form(
        request,
        review,
        Act.ANSWER_REFERRAL,
        form,
        answer,
        "Answer the referral",
        "Your answer is recorded; the board has been told.",
        subject=referral.reasons,
        already=ALREADY_ANSWERED if referral.answer else None,
    )


@login_required
def review_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = or_404(review_for(user=request.user, pk=pk))
    form = forms.DecideForm(request.POST if request.method == "POST" else None)
    return _commissioner_form(
        request,
        review,
        Act.DECIDE,
        form,
        lambda data: services.review_decide(actor=request.user, review=review, decision=data["decision"]),
        "Decide the plan",
        "The plan is decided; its public page now shows the whole review.",
        already=services.decision_blocked(review, review.stage(clock.now())) if request.method == "GET" else None,
    )


@login_required
def conduct_rate_view(request: HttpRequest, pk: int, reviewer_pk: int) -> HttpResponse:
    review = or_404(review_for(user=request.user, pk=pk))
    reviewer = or_404(next((r for r in review.reviewers.all() if r.pk == reviewer_pk), None))
    form = forms.ConductForm(request.POST if request.method == "POST" else None)
    return _commissioner_form(
        request,
        review,
        Act.RATE_CONDUCT,
        form,
        lambda data: services.conduct_rate(actor=request.user, reviewer=reviewer, ratings=form.ratings()),
        f"Rate the conduct of {reviewer.organisation.name}",
        "Your ratings are recorded.",
        subject=", ".join(b.label for b in Behaviour),
        already=ALREADY_RATED if reviewer.conduct_ratings.all() else None,
    )
