"""Factories for procurement.

Requirements, bids and evaluator assignments are made through their services by the people who may make them, as
accounts' UserFactory makes people through `create_user`: each then has its partners' populations, its audit trail,
its sealed-bid checks and its clock. Questions, conflict declarations, scores and moderated scores are plain rows.
Deadlines are relative to the clock, on the hour: questions close in three days, bids in seven."""

import datetime
from decimal import Decimal

import factory

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.core import clock
from exchange.marketplace.catalogue.models import PricingModel
from exchange.marketplace.catalogue.tests.factories import (
    OfferingFactory,
    ProviderFactory,
    representative,
    service_lines_by_code,
)
from exchange.marketplace.procurement.models import (
    Bid,
    ClarificationQuestion,
    ConflictDeclaration,
    EvaluatorAssignment,
    ModeratedScore,
    Requirement,
    Score,
)
from exchange.marketplace.procurement.services import bidding, evaluation, requirements
from exchange.organisations.tests.factories import OrganisationFactory

QUESTIONS_CLOSE_IN = datetime.timedelta(days=3)
BIDS_CLOSE_IN = datetime.timedelta(days=7)
APPROACH = ("Approach", 70)


def on_the_hour(moment: datetime.datetime) -> datetime.datetime:
    """The first whole hour at or after `moment`: deadlines are set on the hour."""
    whole = moment.replace(minute=0, second=0, microsecond=0)
    return whole if whole == moment else whole + datetime.timedelta(hours=1)


def buyer(commissioner, role: str = Role.BUYER):
    """A new person who buys for `commissioner`."""
    return MembershipFactory(organisation=commissioner, roles=[role]).user


class RequirementFactory(factory.django.DjangoModelFactory):
    """A requirement `owner` (a new buyer of the lead unless given) writes through requirement_create; then
    `partners` (commissioners, or (commissioner, its buyer) pairs) are invited and join, `criteria` ((title, weight)
    or (title, weight, kind); one quality criterion of 70 unless given) are added, and with `published` (True for
    now, or a moment) it is published."""

    class Meta:
        model = Requirement
        skip_postgeneration_save = True

    lead = factory.SubFactory(OrganisationFactory)
    owner = factory.LazyAttribute(lambda requirement: buyer(requirement.lead))
    title = "Business intelligence for two CCGs"
    summary = "Dashboards and analysis"
    service_lines = ("business-intelligence",)
    pricing_model = PricingModel.PER_HEAD
    clarification_deadline = factory.LazyFunction(lambda: on_the_hour(clock.now() + QUESTIONS_CLOSE_IN))
    bid_deadline = factory.LazyAttribute(
        lambda requirement: requirement.clarification_deadline + BIDS_CLOSE_IN - QUESTIONS_CLOSE_IN
    )

    @classmethod
    def _create(cls, model_class, *args, owner, service_lines, **kwargs):
        return requirements.requirement_create(
            actor=owner, service_lines=service_lines_by_code(*service_lines), **kwargs
        )

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        for partner in extracted or ():
            commissioner, person = partner if isinstance(partner, tuple) else (partner, buyer(partner))
            requirements.requirement_partner_invite(actor=obj.owner, requirement=obj, commissioner=commissioner)
            requirements.requirement_partner_join(actor=person, requirement=obj, commissioner=commissioner)

    @factory.post_generation
    def criteria(obj, create, extracted, **kwargs):
        for title, weight, *kind in extracted if extracted is not None else [APPROACH]:
            requirements.criterion_add(
                actor=obj.owner, requirement=obj, title=title, weight=weight, kind=kind[0] if kind else "quality"
            )

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if extracted:
            now = None if extracted is True else extracted
            requirements.requirement_publish(actor=obj.owner, requirement=obj, now=now)
            obj.refresh_from_db()


class BidFactory(factory.django.DjangoModelFactory):
    """A bid `by` one of its provider's people (a new representative unless given), saved through bid_save with an
    answer to every criterion and, unless `submit=False`, submitted through bid_submit, at `now` (the clock's unless
    given). The provider, unless given, is a new one with a published offering in the requirement's regions."""

    class Meta:
        model = Bid

    requirement = factory.SubFactory(RequirementFactory, published=True)
    provider = factory.LazyAttribute(
        lambda bid: OfferingFactory(provider=ProviderFactory(), regions=list(bid.requirement.regions.all())).provider
    )
    by = factory.LazyAttribute(lambda bid: representative(bid.provider))
    price = Decimal("0.40")
    answers = factory.LazyAttribute(
        lambda bid: {criterion.pk: f"{bid.provider.name} will deliver." for criterion in bid.requirement.criteria.all()}
    )
    submit = True
    now = None

    @classmethod
    def _create(cls, model_class, *args, by, price, submit, now, **kwargs):
        saved = bidding.bid_save(actor=by, price=Decimal(price), now=now, **kwargs)
        return bidding.bid_submit(actor=by, bid=saved, now=now) if submit else saved


class EvaluatorAssignmentFactory(factory.django.DjangoModelFactory):
    """An evaluator (a new one at the lead unless given) assigned by the requirement's owner through
    evaluator_assign."""

    class Meta:
        model = EvaluatorAssignment

    requirement = factory.SubFactory(RequirementFactory, published=True)
    evaluator = factory.LazyAttribute(lambda assignment: buyer(assignment.requirement.lead, Role.EVALUATOR))
    now = None

    @classmethod
    def _create(cls, model_class, *args, requirement, evaluator, now, **kwargs):
        return evaluation.evaluator_assign(
            actor=requirement.owner, requirement=requirement, evaluator=evaluator, now=now
        )


class ClarificationQuestionFactory(factory.django.DjangoModelFactory):
    """A provider's question, unanswered unless `answer` and `answered_at` are given."""

    class Meta:
        model = ClarificationQuestion

    requirement = factory.SubFactory(RequirementFactory, published=True)
    provider = factory.SubFactory(ProviderFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")


class ConflictDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictDeclaration

    assignment = factory.SubFactory(EvaluatorAssignmentFactory)
    bid = factory.SubFactory(BidFactory, requirement=factory.SelfAttribute("..assignment.requirement"))
    conflicted = False


class ScoreFactory(factory.django.DjangoModelFactory):
    """An evaluator's score of a bid against a criterion (the requirement's first unless given)."""

    class Meta:
        model = Score

    assignment = factory.SubFactory(EvaluatorAssignmentFactory)
    bid = factory.SubFactory(BidFactory, requirement=factory.SelfAttribute("..assignment.requirement"))
    criterion = factory.LazyAttribute(lambda score: score.assignment.requirement.criteria.first())
    score = 3
    justification = factory.LazyAttribute(lambda score: f"Because {score.score}")


class ModeratedScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModeratedScore

    bid = factory.SubFactory(BidFactory)
    criterion = factory.LazyAttribute(lambda moderated: moderated.bid.requirement.criteria.first())
    score = 3
    rationale = "Consensus"
