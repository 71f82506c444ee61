"""Illustrative procurements for `make demo`, from `exchange/demo/data/procurement.yaml`: one joint requirement
already awarded and final, and one open for bids now, so the requirement, bid, scoring, report, OCDS and API pages all
have something to show. Each step goes through the procurement services as the person the data names."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from exchange.accounts.models import Role, User
from exchange.accounts.services import membership_create, user_create
from exchange.core import clock
from exchange.marketplace.models import Bid, Requirement, ServiceLine
from exchange.marketplace.procurement.services import bidding, evaluation, releases, requirements
from exchange.organisations.models import Organisation

from .data import demo_data, moment

DEMO_PASSWORD = "Exchange-demo-2026"
# What a requirement's entry holds besides the fields it passes on to `requirement_create` as they are.
STEPS = ("lead", "buyer", "service_lines", "clarification_deadline", "bid_deadline", "published", "partners")
STAGES = ("criteria", "questions", "bids", "evaluators", "evaluation", "award")
DEADLINE_HOUR = datetime.time(12)  # buyers set deadlines on the hour; the demo's fall at midday, London time


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _people_ensure(people: list[dict[str, str]]) -> None:
    for entry in people:
        organisation = _organisation(entry["organisation"])
        user = User.objects.filter(email=entry["email"]).first() or user_create(
            email=entry["email"], full_name=entry["name"], password=DEMO_PASSWORD
        )
        if not user.memberships.filter(organisation=organisation).exists():
            membership_create(actor=None, user=user, organisation=organisation, roles=[Role(entry["role"])])


@transaction.atomic
def procurement_demo_load() -> None:
    if Requirement.objects.exists():
        return
    data, now = demo_data("procurement.yaml"), clock.now()
    _people_ensure(data["people"])
    for entry in data["requirements"]:
        requirement = _requirement_publish(entry, now=now)
        buyer, criteria = _person(entry["buyer"]), list(requirement.criteria.all())
        for question in entry.get("questions", []):
            _question_asked_and_answered(requirement, question, now=now)
        bids = [_bid_submit(requirement, criteria, bid, now=now) for bid in entry.get("bids", [])]
        assignments = [
            evaluation.evaluator_assign(
                actor=buyer,
                requirement=requirement,
                evaluator=_person(evaluator["person"]),
                now=moment(evaluator.get("assigned"), now=now),
            )
            for evaluator in entry.get("evaluators", [])
        ]
        if "evaluation" in entry:
            marks = [
                (bid, [{"bid": bid, "criterion": c, "score": bid_entry["scores"][c.title]} for c in criteria])
                for bid, bid_entry in zip(bids, entry["bids"], strict=True)
            ]
            _evaluate(buyer, assignments, marks, entry["evaluation"], now=now)
        if "award" in entry:
            _award_and_conclude(buyer, requirement, bids, entry["award"], now=now)
    releases.releases_publish_due(now=now)  # what the scheduled job would have published by now


def _award_and_conclude(buyer: User, requirement: Requirement, bids: list[Bid], entry: dict, *, now) -> None:
    """The bid of the provider named awarded, and the award concluded when its standstill ends."""
    winner = next(bid for bid in bids if bid.provider.name == entry["provider"])
    award = evaluation.award_make(
        actor=buyer, requirement=requirement, bid=winner, rationale=entry["rationale"], now=moment(entry["at"], now=now)
    )
    evaluation.award_conclude(actor=buyer, requirement=requirement, now=award.standstill_ends_at)


def deadline(spec: dict[str, int], *, now: datetime.datetime) -> datetime.datetime:
    """Midday, London time, on the day `spec` names (`{days_ahead: 12}`): a deadline as a buyer would set it."""
    day = timezone.localtime(moment(spec, now=now)).date()
    return timezone.make_aware(datetime.datetime.combine(day, DEADLINE_HOUR))


def _requirement_publish(entry: dict[str, Any], *, now: datetime.datetime) -> Requirement:
    """The requirement created by its buyer, its partners invited and joined, its criteria added, and published."""
    buyer = _person(entry["buyer"])
    fields = {key: value for key, value in entry.items() if key not in STEPS + STAGES}
    requirement = requirements.requirement_create(
        actor=buyer,
        lead=_organisation(entry["lead"]),
        service_lines=ServiceLine.objects.filter(code__in=entry["service_lines"]),
        clarification_deadline=deadline(entry["clarification_deadline"], now=now),
        bid_deadline=deadline(entry["bid_deadline"], now=now),
        **fields,
    )
    for partner in entry["partners"]:
        commissioner = _organisation(partner["commissioner"])
        requirements.requirement_partner_invite(actor=buyer, requirement=requirement, commissioner=commissioner)
        requirements.requirement_partner_join(
            actor=_person(partner["joined_by"]), requirement=requirement, commissioner=commissioner
        )
    for criterion in entry["criteria"]:
        requirements.criterion_add(actor=buyer, requirement=requirement, **criterion)
    return requirements.requirement_publish(
        actor=buyer, requirement=requirement, now=moment(entry["published"], now=now)
    )


def _question_asked_and_answered(requirement: Requirement, entry: dict[str, Any], *, now: datetime.datetime) -> None:
    asked = bidding.question_ask(
        actor=_person(entry["asked_by"]),
        requirement=requirement,
        provider=_organisation(entry["provider"]),
        question=entry["question"],
        now=moment(entry["asked"], now=now),
    )
    bidding.question_answer(
        actor=_person(entry["answered_by"]),
        question=asked,
        answer=entry["answer"],
        now=moment(entry["answered"], now=now),
    )


def _bid_submit(requirement: Requirement, criteria: list, entry: dict[str, Any], *, now: datetime.datetime) -> Bid:
    """The bid saved with an answer to every criterion and submitted at once, by the person the data names."""
    person, submitted = _person(entry["by"]), moment(entry["submitted"], now=now)
    answers = {criterion.pk: entry["answers"][criterion.title] for criterion in criteria}
    bid = bidding.bid_save(
        actor=person,
        requirement=requirement,
        provider=_organisation(entry["provider"]),
        price=Decimal(entry["price"]),
        answers=answers,
        now=submitted,
    )
    return bidding.bid_submit(actor=person, bid=bid, now=submitted)


def _evaluate(buyer: User, assignments: list, marks: list[tuple[Bid, list[dict]]], entry: dict, *, now) -> None:
    """Every evaluator declares no conflict with each bid, scores it as the data says and submits; the buyer then
    records the same scores in moderation."""
    at = moment(entry["at"], now=now)
    for assignment in assignments:
        for bid, bid_marks in marks:
            evaluation.conflict_declare(
                actor=assignment.evaluator, assignment=assignment, bid=bid, conflicted=False, now=at
            )
            for mark in bid_marks:
                evaluation.score_record(
                    actor=assignment.evaluator,
                    assignment=assignment,
                    justification=entry["justification"],
                    now=at,
                    **mark,
                )
        evaluation.scores_submit(actor=assignment.evaluator, assignment=assignment, now=at)
    for _, bid_marks in marks:
        for mark in bid_marks:
            evaluation.moderation_record(actor=buyer, rationale=entry["moderation"], now=at, **mark)
