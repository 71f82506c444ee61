"""Providers' side of a requirement: clarification questions and sealed bids, all bounded by the deadlines."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.organisations.models import Organisation

from .. import permissions
from ..models import (
    Bid,
    BidAnswer,
    BidAttachment,
    BidStatus,
    ClarificationQuestion,
    Requirement,
    RequirementStatus,
)
from .requirements import eligible_providers

NOT_PUBLISHED = "This requirement is not open for bids."
NOT_ELIGIBLE = "Your organisation is not eligible to bid for this requirement."
NOT_YOUR_PROVIDER = "Only your organisation's provider representatives can do this."
QUESTIONS_CLOSED = "The deadline for clarification questions has passed."
BIDS_CLOSED = "The bid deadline has passed. Late bids cannot be accepted."
EMPTY_QUESTION = "Enter your question."
EMPTY_ANSWER = "Enter the answer."
INCOMPLETE = "Enter a price and answer every criterion before you submit."
WITHDRAWN = "This bid has been withdrawn."
BAD_TYPE = "The file must be a PDF, Word (.docx), OpenDocument text (.odt), Excel (.xlsx) or CSV file."
TOO_BIG = "The file must be smaller than {limit} MB."
NOT_WHAT_IT_SAYS = "The file's contents do not match its type."

# The first bytes each allowed type must start with: a renamed executable is refused.
SIGNATURES = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".odt": (b"PK\x03\x04",)}


def _now(now):
    return now or timezone.now()


def _check_provider(actor, provider: Organisation) -> None:
    if provider.pk not in permissions.provider_organisations(actor):
        raise ApplicationError(NOT_YOUR_PROVIDER)


def _check_open(requirement: Requirement, provider: Organisation) -> None:
    if requirement.status != RequirementStatus.PUBLISHED:
        raise ApplicationError(NOT_PUBLISHED)
    if not eligible_providers(requirement).filter(pk=provider.pk).exists():
        raise ApplicationError(NOT_ELIGIBLE)


@transaction.atomic
def question_ask(
    *, actor, requirement: Requirement, provider: Organisation, question: str, now: datetime.datetime | None = None
) -> ClarificationQuestion:
    _check_provider(actor, provider)
    _check_open(requirement, provider)
    if _now(now) >= requirement.clarification_deadline:
        raise ApplicationError(QUESTIONS_CLOSED)
    if not question.strip():
        raise ApplicationError(EMPTY_QUESTION)
    asked = ClarificationQuestion.objects.create(
        requirement=requirement, provider=provider, asked_by=actor, question=question.strip()
    )
    audit_event_record(action="procurement.question_asked", actor=actor, target=asked, organisation=provider)
    return asked


@transaction.atomic
def question_answer(
    *, actor, question: ClarificationQuestion, answer: str, now: datetime.datetime | None = None
) -> ClarificationQuestion:
    """The answer is published to every bidder, without the asker's name."""
    if not permissions.can_manage_requirement(actor, question.requirement):
        raise ApplicationError("Only the lead commissioner's buyers can answer questions.")
    if _now(now) >= question.requirement.bid_deadline:
        raise ApplicationError(BIDS_CLOSED)
    if not answer.strip():
        raise ApplicationError(EMPTY_ANSWER)
    question.answer, question.answered_at, question.answered_by = answer.strip(), _now(now), actor
    question.save(update_fields=["answer", "answered_at", "answered_by", "updated_at"])
    audit_event_record(
        action="procurement.question_answered", actor=actor, target=question, organisation=question.requirement.lead
    )
    return question


def _locked_bid(requirement: Requirement, provider: Organisation) -> Bid:
    bid, _ = Bid.objects.get_or_create(requirement=requirement, provider=provider)
    return Bid.objects.select_for_update().get(pk=bid.pk)


@transaction.atomic
def bid_save(
    *,
    actor,
    requirement: Requirement,
    provider: Organisation,
    price,
    answers: dict[int, str],
    now: datetime.datetime | None = None,
) -> Bid:
    """Save the bid as it stands. A submitted bid stays submitted: it can be edited until the deadline."""
    _check_provider(actor, provider)
    _check_open(requirement, provider)
    if _now(now) >= requirement.bid_deadline:
        raise ApplicationError(BIDS_CLOSED)
    bid = _locked_bid(requirement, provider)
    if bid.status == BidStatus.WITHDRAWN:
        bid.status = BidStatus.DRAFT
    bid.price = price
    bid.full_clean()
    bid.save()
    criteria = {criterion.pk for criterion in requirement.criteria.all()}
    for criterion_id, text in answers.items():
        if criterion_id in criteria:
            BidAnswer.objects.update_or_create(bid=bid, criterion_id=criterion_id, defaults={"text": text.strip()})
    audit_event_record(action="procurement.bid_saved", actor=actor, target=bid, organisation=provider)
    return bid


@transaction.atomic
def bid_attachment_add(*, actor, bid: Bid, uploaded, now: datetime.datetime | None = None) -> BidAttachment:
    _check_provider(actor, bid.provider)
    if _now(now) >= bid.requirement.bid_deadline:
        raise ApplicationError(BIDS_CLOSED)
    suffix = Path(uploaded.name).suffix.lower()
    if suffix not in settings.BID_ATTACHMENT_TYPES:
        raise ApplicationError(BAD_TYPE)
    if uploaded.size > settings.BID_ATTACHMENT_MAX_BYTES:
        raise ApplicationError(TOO_BIG.format(limit=settings.BID_ATTACHMENT_MAX_BYTES // (1024 * 1024)))
    head = uploaded.read(8)
    uploaded.seek(0)
    if suffix in SIGNATURES and not head.startswith(SIGNATURES[suffix]):
        raise ApplicationError(NOT_WHAT_IT_SAYS)
    if suffix == ".csv" and b"\x00" in uploaded.read(4096):
        raise ApplicationError(NOT_WHAT_IT_SAYS)
    uploaded.seek(0)
    safe_name = Path(uploaded.name).name[:150]
    attachment = BidAttachment(
        bid=bid, name=safe_name, content_type=settings.BID_ATTACHMENT_TYPES[suffix], size=uploaded.size
    )
    attachment.file.save(f"{timezone.now():%Y%m%d%H%M%S%f}{suffix}", uploaded, save=False)
    attachment.save()
    audit_event_record(
        action="procurement.bid_attachment_added",
        actor=actor,
        target=bid,
        organisation=bid.provider,
        details={"name": safe_name, "size": uploaded.size},
    )
    return attachment


@transaction.atomic
def bid_submit(*, actor, bid: Bid, now: datetime.datetime | None = None) -> Bid:
    _check_provider(actor, bid.provider)
    bid = Bid.objects.select_for_update().select_related("requirement").get(pk=bid.pk)
    _check_open(bid.requirement, bid.provider)
    if _now(now) >= bid.requirement.bid_deadline:
        raise ApplicationError(BIDS_CLOSED)
    answered = set(bid.answers.exclude(text="").values_list("criterion_id", flat=True))
    if bid.price is None or answered != set(bid.requirement.criteria.values_list("pk", flat=True)):
        raise ApplicationError(INCOMPLETE)
    bid.status, bid.submitted_at, bid.submitted_by, bid.withdrawn_at = BidStatus.SUBMITTED, _now(now), actor, None
    bid.save(update_fields=["status", "submitted_at", "submitted_by", "withdrawn_at", "updated_at"])
    audit_event_record(action="procurement.bid_submitted", actor=actor, target=bid, organisation=bid.provider)
    return bid


@transaction.atomic
def bid_withdraw(*, actor, bid: Bid, now: datetime.datetime | None = None) -> Bid:
    _check_provider(actor, bid.provider)
    bid = Bid.objects.select_for_update().select_related("requirement").get(pk=bid.pk)
    if _now(now) >= bid.requirement.bid_deadline:
        raise ApplicationError(BIDS_CLOSED)
    bid.status, bid.withdrawn_at = BidStatus.WITHDRAWN, _now(now)
    bid.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_event_record(action="procurement.bid_withdrawn", actor=actor, target=bid, organisation=bid.provider)
    return bid
