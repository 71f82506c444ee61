"""Providers' side of a requirement: clarification questions and sealed bids, all bounded by the deadlines."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.core.uploads import DOCX, MB, ODT, XLSX, ZipLimits, pdf_checked, zip_checked
from exchange.marketplace.procurement import permissions
from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.models import (
    OPEN_FOR_BIDS_STAGES,
    Bid,
    BidAnswer,
    BidAttachment,
    BidStatus,
    ClarificationQuestion,
    ReleaseEvent,
    Requirement,
    Stage,
)
from exchange.marketplace.procurement.selectors.eligibility import eligible_providers
from exchange.marketplace.procurement.services.releases import release_record
from exchange.organisations.models import Organisation

NOT_PUBLISHED = "This requirement is not open for bids."
NOT_ELIGIBLE = "Your organisation is not eligible to bid for this requirement."
NOT_YOUR_PROVIDER = "Only your organisation's provider representatives can do this."
QUESTIONS_CLOSED = "The deadline for clarification questions has passed."
BIDS_CLOSED = "The bid deadline has passed. Late bids cannot be accepted."
EMPTY_QUESTION = "Enter your question."
EMPTY_ANSWER = "Enter the answer."
INCOMPLETE = "Enter a price and answer every criterion before you submit."
INCOMPLETE_SUBMITTED = (
    "Your bid is submitted, so it must keep a price and an answer to every criterion. Complete them, or withdraw "
    "the bid."
)
WITHDRAWN = "This bid has been withdrawn."
BAD_TYPE = "The file must be a PDF, Word (.docx), OpenDocument text (.odt), Excel (.xlsx) or CSV file."
TOO_BIG = "The file must be smaller than {limit} MB."
NOT_WHAT_IT_SAYS = "The file's contents do not match its type."

# The first bytes each allowed type must start with: a renamed executable is refused at once. Then each file is
# opened as what its name says (`_contents_checked`): first bytes alone let an HTML page behind "%PDF-" through.
SIGNATURES = {".pdf": (b"%PDF-",), ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".odt": (b"PK\x03\x04",)}
ZIP_FORMATS = {".docx": DOCX, ".xlsx": XLSX, ".odt": ODT}
# A 10 MB document mostly of pictures unpacks to little more; of text, to some 10 times its size at most.
ATTACHMENT_ZIP = ZipLimits(max_entries=2_000, max_unpacked=100 * MB, max_ratio=200)
ATTACHMENT_MAX_PAGES = 2_000


_now = clock.or_now


def _check_provider(actor, provider: Organisation) -> None:
    if provider.pk not in permissions.provider_organisations(actor):
        raise ApplicationError(NOT_YOUR_PROVIDER)


def _check_open(requirement: Requirement, provider: Organisation, now) -> None:
    """Bids (and their attachments, submission and withdrawal) are taken only while the requirement is open."""
    stage = requirement.stage(_now(now))
    if stage not in OPEN_FOR_BIDS_STAGES:
        raise ApplicationError(BIDS_CLOSED if stage not in (Stage.DRAFT, Stage.CANCELLED) else NOT_PUBLISHED)
    if not eligible_providers(requirement).filter(pk=provider.pk).exists():
        raise ApplicationError(NOT_ELIGIBLE)


def _sealed_audit(*, action: str, actor, target, requirement: Requirement, provider, details=None) -> None:
    """Events about a bid or a question say who is bidding: nobody reads them in the log before the deadline."""
    audit_event_record(
        action=action,
        actor=actor,
        target=target,
        organisation=provider,
        details=details,
        sealed_until=requirement.bid_deadline,
    )


@transaction.atomic
def question_ask(
    *, actor, requirement: Requirement, provider: Organisation, question: str, now: datetime.datetime | None = None
) -> ClarificationQuestion:
    _check_provider(actor, provider)
    _check_open(requirement, provider, now)
    if requirement.stage(_now(now)) != Stage.QUESTIONS:
        raise ApplicationError(QUESTIONS_CLOSED)
    if not question.strip():
        raise ApplicationError(EMPTY_QUESTION)
    asked = ClarificationQuestion.objects.create(
        requirement=requirement, provider=provider, asked_by=actor, question=question.strip()
    )
    _sealed_audit(
        action=AuditAction.QUESTION_ASKED, actor=actor, target=asked, requirement=requirement, provider=provider
    )
    return asked


@transaction.atomic
def question_answer(
    *, actor, question: ClarificationQuestion, answer: str, now: datetime.datetime | None = None
) -> ClarificationQuestion:
    """The answer is published to every bidder, without the asker's name."""
    access = procurement_access(user=actor, requirement=question.requirement, now=now)
    if not access.lead_procurement:
        raise ApplicationError("Only the lead commissioner's buyers can answer questions.")
    if not access.can_answer_questions:
        raise ApplicationError(BIDS_CLOSED)
    if not answer.strip():
        raise ApplicationError(EMPTY_ANSWER)
    question.answer, question.answered_at, question.answered_by = answer.strip(), _now(now), actor
    question.save(update_fields=["answer", "answered_at", "answered_by", "updated_at"])
    release_record(requirement=question.requirement, event=ReleaseEvent.ANSWERED, now=now)
    audit_event_record(
        action=AuditAction.QUESTION_ANSWERED, actor=actor, target=question, organisation=question.requirement.lead
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
    submit: bool = False,
    now: datetime.datetime | None = None,
) -> Bid:
    """Save the bid as it stands and, with `submit`, submit it: one transaction, so a refusal changes nothing.

    A submitted bid stays submitted and can be edited until the deadline, but always keeps a price and an answer
    to every criterion: an edit that would leave one out is refused (the bidder completes it or withdraws the bid).
    A withdrawn bid that is saved again becomes a draft."""
    _check_provider(actor, provider)
    _check_open(requirement, provider, now)
    bid = _locked_bid(requirement, provider)
    criteria = set(requirement.criteria.values_list("pk", flat=True))
    texts = dict(bid.answers.values_list("criterion_id", "text"))
    texts |= {pk: text.strip() for pk, text in answers.items() if pk in criteria}
    complete = price is not None and all(texts.get(pk) for pk in criteria)
    if not complete and (submit or bid.status == BidStatus.SUBMITTED):
        raise ApplicationError(INCOMPLETE if bid.status != BidStatus.SUBMITTED else INCOMPLETE_SUBMITTED)
    if bid.status == BidStatus.WITHDRAWN:
        bid.status, bid.withdrawn_at = BidStatus.DRAFT, None
    bid.price = price
    bid.full_clean()
    bid.save()
    for criterion_id, text in texts.items():
        if criterion_id in criteria:
            BidAnswer.objects.update_or_create(bid=bid, criterion_id=criterion_id, defaults={"text": text})
    _sealed_audit(action=AuditAction.BID_SAVED, actor=actor, target=bid, requirement=requirement, provider=provider)
    if submit and bid.status != BidStatus.SUBMITTED:
        bid = bid_submit(actor=actor, bid=bid, now=now)
    return bid


@transaction.atomic
def bid_attachment_add(*, actor, bid: Bid, uploaded, now: datetime.datetime | None = None) -> BidAttachment:
    _check_provider(actor, bid.provider)
    _check_open(bid.requirement, bid.provider, now)
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
    _contents_checked(uploaded, suffix)
    safe_name = Path(uploaded.name).name[:150]
    attachment = BidAttachment(
        bid=bid, name=safe_name, content_type=settings.BID_ATTACHMENT_TYPES[suffix], size=uploaded.size
    )
    attachment.file.save(f"{_now(now):%Y%m%d%H%M%S%f}{suffix}", uploaded, save=False)
    attachment.save()
    _sealed_audit(
        action=AuditAction.BID_ATTACHMENT_ADDED,
        actor=actor,
        target=bid,
        requirement=bid.requirement,
        provider=bid.provider,
        details={"name": safe_name, "size": uploaded.size},
    )
    return attachment


def _contents_checked(uploaded, suffix: str) -> None:
    """The file opened as its type, within bounds (`exchange.core.uploads`): UploadRefused, an ApplicationError,
    says why not. Nothing is unpacked to disk and nothing is kept."""
    if suffix == ".pdf":
        pdf_checked(uploaded, max_pages=ATTACHMENT_MAX_PAGES)
    elif suffix in ZIP_FORMATS:
        zip_checked(uploaded, form=ZIP_FORMATS[suffix], limits=ATTACHMENT_ZIP)
    uploaded.seek(0)


def _bid_to_change(actor, bid: Bid, now) -> Bid:
    """The bid, locked, once its provider's person may change it and bidding is open."""
    _check_provider(actor, bid.provider)
    bid = Bid.objects.select_for_update().select_related("requirement").get(pk=bid.pk)
    _check_open(bid.requirement, bid.provider, now)
    return bid


@transaction.atomic
def bid_submit(*, actor, bid: Bid, now: datetime.datetime | None = None) -> Bid:
    bid = _bid_to_change(actor, bid, now)
    answered = set(bid.answers.exclude(text="").values_list("criterion_id", flat=True))
    if bid.price is None or answered != set(bid.requirement.criteria.values_list("pk", flat=True)):
        raise ApplicationError(INCOMPLETE)
    bid.status, bid.submitted_at, bid.submitted_by, bid.withdrawn_at = BidStatus.SUBMITTED, _now(now), actor, None
    bid.save(update_fields=["status", "submitted_at", "submitted_by", "withdrawn_at", "updated_at"])
    _sealed_audit(
        action=AuditAction.BID_SUBMITTED, actor=actor, target=bid, requirement=bid.requirement, provider=bid.provider
    )
    return bid


@transaction.atomic
def bid_withdraw(*, actor, bid: Bid, now: datetime.datetime | None = None) -> Bid:
    bid = _bid_to_change(actor, bid, now)
    bid.status, bid.withdrawn_at = BidStatus.WITHDRAWN, _now(now)
    bid.save(update_fields=["status", "withdrawn_at", "updated_at"])
    _sealed_audit(
        action=AuditAction.BID_WITHDRAWN, actor=actor, target=bid, requirement=bid.requirement, provider=bid.provider
    )
    return bid
