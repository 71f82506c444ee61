"""Illustrative procurements for `make demo`: one joint requirement open for bids now, and one already awarded
and final, so the requirement, bid, scoring, report, OCDS and API pages all have something to show."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from exchange.accounts.models import Role, User
from exchange.accounts.services import membership_create, user_create
from exchange.marketplace.catalogue.models import ServiceLine
from exchange.marketplace.procurement.models import Requirement
from exchange.marketplace.procurement.services import bidding, evaluation, requirements
from exchange.organisations.models import Organisation

DEMO_PASSWORD = "Exchange-demo-2026"
BIDDERS = [
    ("Community Voice Partnership", "provider@demo.example", "0.38"),
    ("Northern Community Health Intelligence CIC", "bids@northern-chi.example", "0.31"),
    ("North of England Commissioning Support", "bids@north-cs.example", "0.44"),
]


def _person(email: str, name: str, organisation: Organisation, role: str) -> User:
    user = User.objects.filter(email=email).first() or user_create(email=email, full_name=name, password=DEMO_PASSWORD)
    if not user.memberships.filter(organisation=organisation).exists():
        membership_create(actor=None, user=user, organisation=organisation, roles=[role])
    return user


def _requirement(*, lead_user, lead, partner_user, partner, title, summary, line, opened, questions_close, bids_close):
    requirement = requirements.requirement_create(
        actor=lead_user,
        lead=lead,
        title=title,
        summary=summary,
        service_lines=ServiceLine.objects.filter(code=line),
        pricing_model="per_head",
        clarification_deadline=questions_close,
        bid_deadline=bids_close,
        price_weight=30,
        term_months=24,
        outcomes="Monthly dashboards within ten working days; risk stratification refreshed quarterly.",
        essential_criteria="Data Security and Protection Toolkit: standards met.",
    )
    requirements.requirement_partner_invite(actor=lead_user, requirement=requirement, commissioner=partner)
    requirements.requirement_partner_join(actor=partner_user, requirement=requirement, commissioner=partner)
    requirements.criterion_add(actor=lead_user, requirement=requirement, title="Approach and method", weight=45)
    requirements.criterion_add(actor=lead_user, requirement=requirement, title="Team and experience", weight=15)
    requirements.criterion_add(
        actor=lead_user, requirement=requirement, title="Social value", weight=10, kind="social_value"
    )
    return requirements.requirement_publish(actor=lead_user, requirement=requirement, now=opened)


@transaction.atomic
def procurement_demo_load() -> None:
    if Requirement.objects.exists():
        return
    now = timezone.now()
    blackpool = Organisation.objects.get(name="NHS Blackpool")
    fylde = Organisation.objects.get(name="NHS Fylde & Wyre")
    buyer = User.objects.get(email="buyer@demo.example")
    fylde_buyer = _person("buyer@fylde.example", "Jo Whittle", fylde, Role.BUYER)
    evaluator = User.objects.get(email="evaluator@demo.example")
    fylde_evaluator = _person("evaluator@fylde.example", "Priya Shah", fylde, Role.EVALUATOR)
    bidders = []
    for name, email, price in BIDDERS:
        provider = Organisation.objects.get(name=name)
        bidders.append((provider, _person(email, f"Bids at {name}", provider, Role.PROVIDER_REPRESENTATIVE), price))

    past = _requirement(
        lead_user=buyer,
        lead=blackpool,
        partner_user=fylde_buyer,
        partner=fylde,
        title="Business intelligence for the Fylde coast, 2026 to 2028",
        summary="Dashboards, risk stratification and analysts shared by NHS Blackpool and NHS Fylde & Wyre.",
        line="business-intelligence",
        opened=now - datetime.timedelta(days=90),
        questions_close=now - datetime.timedelta(days=75),
        bids_close=now - datetime.timedelta(days=60),
    )
    asked = bidding.question_ask(
        actor=bidders[1][1],
        requirement=past,
        provider=bidders[1][0],
        question="Will the successful provider have access to primary care data?",
        now=now - datetime.timedelta(days=80),
    )
    bidding.question_answer(
        actor=buyer,
        question=asked,
        answer="Yes, pseudonymised GP extracts under the data sharing agreement.",
        now=now - datetime.timedelta(days=78),
    )
    bids = []
    for provider, person, price in bidders:
        answers = {c.pk: f"{provider.name}'s answer (illustrative)." for c in past.criteria.all()}
        bid = bidding.bid_save(
            actor=person,
            requirement=past,
            provider=provider,
            price=Decimal(price),
            answers=answers,
            now=now - datetime.timedelta(days=62),
        )
        bids.append(bidding.bid_submit(actor=person, bid=bid, now=now - datetime.timedelta(days=62)))
    after = now - datetime.timedelta(days=55)
    assignments = [
        evaluation.evaluator_assign(
            actor=buyer, requirement=past, evaluator=person, now=now - datetime.timedelta(days=85)
        )
        for person in (evaluator, fylde_evaluator)
    ]
    marks = {bids[0].pk: [4, 3, 4], bids[1].pk: [3, 2, 3], bids[2].pk: [3, 4, 1]}
    criteria = list(past.criteria.all())
    for assignment in assignments:
        for bid in bids:
            evaluation.conflict_declare(
                actor=assignment.evaluator, assignment=assignment, bid=bid, conflicted=False, now=after
            )
            for criterion, score in zip(criteria, marks[bid.pk], strict=True):
                evaluation.score_record(
                    actor=assignment.evaluator,
                    assignment=assignment,
                    bid=bid,
                    criterion=criterion,
                    score=score,
                    justification="Illustrative justification.",
                    now=after,
                )
        evaluation.scores_submit(actor=assignment.evaluator, assignment=assignment, now=after)
    for bid in bids:
        for criterion, score in zip(criteria, marks[bid.pk], strict=True):
            evaluation.moderation_record(
                actor=buyer, bid=bid, criterion=criterion, score=score, rationale="Agreed in moderation.", now=after
            )
    award = evaluation.award_make(
        actor=buyer, requirement=past, bid=bids[0], rationale="Highest weighted score.", now=after
    )
    evaluation.award_conclude(actor=buyer, requirement=past, now=award.standstill_ends_at)

    current = _requirement(
        lead_user=buyer,
        lead=blackpool,
        partner_user=fylde_buyer,
        partner=fylde,
        title="Communications and engagement support for the Fylde coast",
        summary="Engagement with patients and the public for two CCGs' service changes, 2027.",
        line="communications",
        opened=now - datetime.timedelta(days=2),
        questions_close=now + datetime.timedelta(days=12),
        bids_close=now + datetime.timedelta(days=26),
    )
    for assignment_person in (evaluator, fylde_evaluator):
        evaluation.evaluator_assign(actor=buyer, requirement=current, evaluator=assignment_person)
