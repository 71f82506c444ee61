"""The joint procurement of the access matrix, brought to each of its stages with the clock moved as time would."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.core import clock
from exchange.core.tests import documents
from exchange.marketplace.catalogue.tests.factories import ProviderFactory
from exchange.marketplace.procurement.models import (
    ClarificationQuestion,
    Requirement,
)
from exchange.marketplace.procurement.services import bidding, evaluation, requirements
from exchange.marketplace.procurement.tests.factories import RequirementFactory, on_the_hour
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = documents.pdf()  # a real one: attachments are opened as what their name says
STAGES = [
    "draft",
    "questions",
    "bidding",
    "opened",
    "first_submitted",
    "all_submitted",
    "standstill",
    "standstill_over",
    "final",
]
OPENED = set(STAGES[STAGES.index("opened") :])
AWARDED = {"standstill", "standstill_over", "final"}
OPEN_FOR_BIDS = {"questions", "bidding"}
BIDDERS = ("ours", "theirs", "drafter")


@dataclass
class Procurement:
    requirement: Requirement
    people: dict  # persona -> user, None for the anonymous visitor
    bids: dict  # "ours" | "theirs" | "drafter" -> Bid
    attachments: dict  # bidder -> BidAttachment
    unanswered: ClarificationQuestion
    criteria: list
    others: dict  # named organisations
    secrets: dict = field(default_factory=dict)  # secret text -> label


def secrets_of(bidder: str) -> dict[str, str]:
    return {
        "price": {"ours": "1234.56", "theirs": "987.65", "drafter": "555.44"}[bidder],
        "answer": f"Answer-{bidder}-7Q2",
        "attachment": f"plan-{bidder}-9Z4.pdf",
    }


def build(world, time_machine, stage: str) -> Procurement:
    """The joint procurement brought to `stage`, the clock moved as time would have passed."""
    start = on_the_hour(clock.now())
    questions_close, bids_close = start + datetime.timedelta(days=3), start + datetime.timedelta(days=7)
    elsewhere = OrganisationFactory(name="NHS Elsewhere", region=world.north)
    unrelated = OrganisationFactory(name="NHS Unrelated", region=world.north)
    drafter_org = ProviderFactory(name="Draft Bidder Co", region=world.north)
    ineligible_org = ProviderFactory(name="Elsewhere Analytics")

    def member(organisation, role, name):
        user = MembershipFactory(organisation=organisation, roles=[role]).user
        user.full_name = name
        user.save(update_fields=["full_name"])
        return user

    people = {
        "lead_buyer": world.lead,
        "lead_finance": member(world.blackpool, Role.FINANCE_LEAD, "Lead Finance"),
        "lead_managerial": member(world.blackpool, Role.MANAGERIAL_LEAD, "Lead Managerial"),
        "lead_analyst": member(world.blackpool, Role.ANALYST, "Lead Analyst"),
        "partner_buyer": world.london_lead,
        "partner_analyst": member(world.camden, Role.ANALYST, "Partner Analyst"),
        "invited_buyer": member(elsewhere, Role.BUYER, "Invited Buyer"),
        "other_buyer": member(unrelated, Role.BUYER, "Other Buyer"),
        "evaluator_first": member(world.blackpool, Role.EVALUATOR, "First Evaluator"),
        "evaluator_second": member(world.camden, Role.EVALUATOR, "Second Evaluator"),
        "bidder_ours": world.us,
        "bidder_theirs": world.them,
        "drafter": member(drafter_org, Role.PROVIDER_REPRESENTATIVE, "Draft Bidder"),
        "ineligible_provider": member(ineligible_org, Role.PROVIDER_REPRESENTATIVE, "Ineligible Provider"),
        "staff": world.staff,
        "anonymous": None,
    }
    world.offering(regions=[world.north, world.london])
    world.offering(world.theirs, regions=[world.north, world.london])
    world.offering(drafter_org, regions=[world.north])
    world.offering(ineligible_org, lines=("finance",), regions=[world.north])
    lead = world.lead
    requirement = RequirementFactory(
        lead=world.blackpool,
        owner=lead,
        title="Matrix requirement",
        summary="Business intelligence",
        clarification_deadline=questions_close,
        bid_deadline=bids_close,
        partners=[(world.camden, world.london_lead)],
        criteria=[("Approach", 50), ("Social value", 20, "social_value")],
    )
    requirements.requirement_partner_invite(actor=lead, requirement=requirement, commissioner=elsewhere)
    criteria = list(requirement.criteria.all())
    procurement = Procurement(
        requirement=requirement,
        people=people,
        bids={},
        attachments={},
        unanswered=None,
        criteria=criteria,
        others={"elsewhere": elsewhere, "unrelated": unrelated},
    )
    providers = {"ours": (world.ours, world.us), "theirs": (world.theirs, world.them)}
    providers["drafter"] = (drafter_org, people["drafter"])
    for bidder, (organisation, person) in providers.items():
        procurement.secrets |= {
            organisation.name: f"name of {bidder}",
            person.email: f"e-mail of {bidder}",
        } | {text: f"{kind} of {bidder}" for kind, text in secrets_of(bidder).items()}
    procurement.secrets |= {"Justification-first-3K8": "first's reason", "Justification-second-5M1": "second's reason"}
    if stage == "draft":
        return procurement

    requirements.requirement_publish(actor=lead, requirement=requirement)
    requirement.refresh_from_db()
    first, second = people["evaluator_first"], people["evaluator_second"]
    assignments = {
        "first": evaluation.evaluator_assign(actor=lead, requirement=requirement, evaluator=first),
        "second": evaluation.evaluator_assign(actor=lead, requirement=requirement, evaluator=second),
    }
    answered = bidding.question_ask(actor=world.us, requirement=requirement, provider=world.ours, question="Data?")
    bidding.question_answer(actor=lead, question=answered, answer="Published answer for everybody")
    procurement.unanswered = bidding.question_ask(
        actor=world.them, requirement=requirement, provider=world.theirs, question="Term?"
    )
    for bidder, (organisation, person) in providers.items():
        secret = secrets_of(bidder)
        bid = bidding.bid_save(
            actor=person,
            requirement=requirement,
            provider=organisation,
            price=Decimal(secret["price"]),
            answers={criterion.pk: secret["answer"] for criterion in criteria},
            submit=bidder != "drafter",
        )
        procurement.attachments[bidder] = bidding.bid_attachment_add(
            actor=person, bid=bid, uploaded=SimpleUploadedFile(secret["attachment"], PDF)
        )
        procurement.bids[bidder] = bid
    if stage == "questions":
        return procurement

    time_machine.move_to(questions_close + datetime.timedelta(hours=1), tick=True)
    if stage == "bidding":
        return procurement

    time_machine.move_to(bids_close + datetime.timedelta(hours=1), tick=True)
    ours, theirs = procurement.bids["ours"], procurement.bids["theirs"]
    for bid in (ours, theirs):
        evaluation.conflict_declare(actor=first, assignment=assignments["first"], bid=bid, conflicted=False)
        evaluation.scores_record(
            actor=first,
            assignment=assignments["first"],
            bid=bid,
            scores={criterion.pk: (3, "Justification-first-3K8") for criterion in criteria},
        )
    evaluation.conflict_declare(actor=second, assignment=assignments["second"], bid=theirs, conflicted=True)
    evaluation.conflict_declare(actor=second, assignment=assignments["second"], bid=ours, conflicted=False)
    evaluation.scores_record(
        actor=second,
        assignment=assignments["second"],
        bid=ours,
        scores={criterion.pk: (4, "Justification-second-5M1") for criterion in criteria},
    )
    if stage == "opened":
        return procurement

    evaluation.scores_submit(actor=first, assignment=assignments["first"])
    if stage == "first_submitted":
        return procurement

    evaluation.scores_submit(actor=second, assignment=assignments["second"])
    evaluation.moderation_record_all(
        actor=lead,
        requirement=requirement,
        entries=[
            evaluation.Consensus(bid, criterion, 4 if bid == ours else 2, "Moderated")
            for bid in (ours, theirs)
            for criterion in criteria
        ],
    )
    if stage == "all_submitted":
        return procurement

    award = evaluation.award_make(actor=lead, requirement=requirement, bid=ours, rationale="Best value")
    requirement.refresh_from_db()
    if stage == "standstill":
        return procurement

    time_machine.move_to(award.standstill_ends_at + datetime.timedelta(hours=1), tick=True)
    if stage == "standstill_over":
        return procurement

    evaluation.award_conclude(actor=lead, requirement=requirement)
    return procurement


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
