from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from exchange.accounts.selectors import members_of, user_by_pk
from exchange.core.exceptions import ApplicationError
from exchange.core.ids import parse_id
from exchange.core.shortcuts import attempt
from exchange.marketplace.procurement import permissions
from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.forms import AnswerForm, CriterionForm, QuestionForm, RequirementForm
from exchange.marketplace.procurement.models import ClarificationQuestion
from exchange.marketplace.procurement.scoring import SCALE
from exchange.marketplace.procurement.selectors.requirements import (
    published_answers,
    requirement_get,
    requirement_list,
    requirement_shares,
)
from exchange.marketplace.procurement.services import bidding, evaluation, requirements
from exchange.organisations.selectors import commissioner_list, organisation_by_pk


def _posted_pk(request, name: str) -> int:
    return parse_id(request.POST.get(name)) or 0


def _get(request, pk):
    requirement = requirement_get(user=request.user, pk=pk)
    if requirement is None:
        raise Http404
    return requirement


@login_required
def requirement_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "marketplace/requirement_list.html",
        {
            "requirements": requirement_list(user=request.user),
            "can_create": bool(permissions.procurement_organisations(request.user)),
        },
    )


@login_required
def requirement_create_view(request: HttpRequest) -> HttpResponse:
    organisations = permissions.procurement_organisations(request.user)
    if not organisations:
        raise Http404
    lead = organisation_by_pk(pk=organisations[0])
    form = RequirementForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            requirement = requirements.requirement_create(actor=request.user, lead=lead, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Requirement drafted. Add its evaluation criteria, then publish it.")
            return redirect("marketplace:requirement-detail", pk=requirement.pk)
    return render(request, "marketplace/requirement_form.html", {"form": form, "lead": lead})


@login_required
def requirement_detail(request: HttpRequest, pk: int, criterion_form=None, question_form=None) -> HttpResponse:
    requirement = _get(request, pk)
    user = request.user
    access = procurement_access(user=user, requirement=requirement)
    partners = requirement.partners.values("commissioner_id")
    context = {
        "requirement": requirement,
        "access": access,
        "stage": access.stage,
        "shares": requirement_shares(requirement),
        "criteria": list(requirement.criteria.all()),
        "weights_total": sum(c.weight for c in requirement.criteria.all()) + requirement.price_weight,
        "answers": published_answers(requirement),
        "scale": SCALE,
        "joinable": requirement.invited_partners.filter(pk__in=permissions.procurement_organisations(user)).exclude(
            pk__in=partners
        )
        if access.can_join
        else [],
        "invitable": commissioner_list()
        .exclude(pk__in=partners)
        .exclude(pk__in=requirement.invited_partners.values("pk"))
        .only("pk", "name")
        if access.can_edit_draft
        else [],
        "invited": requirement.invited_partners.exclude(pk__in=partners) if access.lead_procurement else [],
        "criterion_form": criterion_form or CriterionForm(),
        "question_form": question_form or QuestionForm(),
        "bidding_as": organisation_by_pk(pk=access.bidding_as_id),
        "unanswered": requirement.questions.filter(answered_at=None) if access.can_answer_questions else [],
        "answer_form": AnswerForm(),
        "evaluators": requirement.evaluators.select_related("evaluator", "organisation")
        if access.lead_procurement
        else [],
        "assignable": members_of(organisations=partners) if access.can_assign_evaluators else [],
    }
    return render(request, "marketplace/requirement_detail.html", context)


def _act(request, pk, action, success: str):
    requirement = _get(request, pk)
    attempt(request, lambda: action(requirement), success=success)
    return redirect("marketplace:requirement-detail", pk=requirement.pk)


@login_required
@require_POST
def criterion_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _get(request, pk)
    form = CriterionForm(request.POST)
    if not form.is_valid():
        return requirement_detail(request, pk, criterion_form=form)
    # A refusal (the requirement is published, or the person may not change it) means the page shows no criterion
    # form, so an error summary would have no field to link to: it is told as a message instead.
    if not attempt(
        request, lambda: requirements.criterion_add(actor=request.user, requirement=requirement, **form.cleaned_data)
    ):
        return redirect("marketplace:requirement-detail", pk=pk)
    messages.success(request, f"Criterion “{form.cleaned_data['title']}” added.")
    return redirect("marketplace:requirement-detail", pk=pk)


def _partner_action(request, pk, service, success: str) -> HttpResponse:
    organisation = organisation_by_pk(pk=_posted_pk(request, "commissioner"))
    if organisation is None:
        raise Http404
    return _act(
        request,
        pk,
        lambda r: service(actor=request.user, requirement=r, commissioner=organisation),
        success.format(name=organisation.name),
    )


@login_required
@require_POST
def partner_join(request: HttpRequest, pk: int) -> HttpResponse:
    return _partner_action(request, pk, requirements.requirement_partner_join, "{name} has joined as a partner.")


@login_required
@require_POST
def partner_invite(request: HttpRequest, pk: int) -> HttpResponse:
    return _partner_action(
        request,
        pk,
        requirements.requirement_partner_invite,
        "{name} is invited to join. Its buyers will see this draft and can join it.",
    )


@login_required
@require_POST
def requirement_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda r: requirements.requirement_publish(actor=request.user, requirement=r),
        "Published. Eligible providers are being told by email.",
    )


@login_required
@require_POST
def evaluator_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = user_by_pk(pk=_posted_pk(request, "evaluator"))
    if person is None:
        raise Http404
    return _act(
        request,
        pk,
        lambda r: evaluation.evaluator_assign(actor=request.user, requirement=r, evaluator=person),
        f"{person.full_name or person.email} will evaluate the bids.",
    )


@login_required
@require_POST
def question_ask_view(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = _get(request, pk)
    form = QuestionForm(request.POST)
    access = procurement_access(user=request.user, requirement=requirement)
    if access.bidding_as_id is None:
        raise Http404
    provider = organisation_by_pk(pk=access.bidding_as_id)
    if not form.is_valid():
        return requirement_detail(request, pk, question_form=form)
    # A refusal (questions have closed) means the page shows no question form: it is told as a message instead.
    asked = attempt(
        request,
        lambda: bidding.question_ask(
            actor=request.user, requirement=requirement, provider=provider, question=form.cleaned_data["question"]
        ),
    )
    if not asked:
        return redirect("marketplace:requirement-detail", pk=pk)
    messages.success(
        request, "Your question was sent. The answer will be published to every bidder, without your name."
    )
    return redirect("marketplace:requirement-detail", pk=pk)


@login_required
@require_POST
def question_answer_view(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    requirement = _get(request, pk)
    question = ClarificationQuestion.objects.filter(pk=question_pk, requirement=requirement).first()
    form = AnswerForm(request.POST)
    if question is None:
        raise Http404
    if not form.is_valid():
        messages.error(request, "Enter the answer.")
        return redirect("marketplace:requirement-detail", pk=pk)
    return _act(
        request,
        pk,
        lambda r: bidding.question_answer(actor=request.user, question=question, answer=form.cleaned_data["answer"]),
        "Answer published to every bidder.",
    )
