"""What the plan services share: message constants, the checks every act goes through, the audit record."""

import datetime

from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError

from .models import PlanVersion, Review, Reviewer
from .permissions import ReviewAccess, review_access
from .powers import Act

EMPTY_TEXT = "Enter the text."
NO_REASONS = "Give your reasons."


def current_version(plan) -> PlanVersion:
    """The plan's latest version (every plan has one from its creation)."""
    version = plan.versions.order_by("-number").first()
    if version is None:
        raise ApplicationError("This plan has no version yet.")
    return version


def required(text: str, message: str = EMPTY_TEXT) -> str:
    if not (text or "").strip():
        raise ApplicationError(message)
    return text.strip()


def locked_review(review: Review) -> Review:
    """The review, its row locked for the rest of the transaction: acts on one review happen one after another."""
    # Only the review's row (`of=self`): plan_revise locks the plan, then the review, and an act locking the plan
    # through the join as well would take them in the other order and deadlock with it
    return Review.objects.select_for_update(of=("self",)).select_related("plan").get(pk=review.pk)


def checked(actor, review: Review, act: Act, reviewer: Reviewer | None, now: datetime.datetime | None) -> ReviewAccess:
    """The access of `actor` to the locked `review`, or ApplicationError saying why `act` is refused."""
    access = review_access(user=actor, review=review, now=now)
    refusal = access.refusal(act, reviewer)
    if refusal:
        raise ApplicationError(refusal)
    return access


def audited(action: str, actor, target, review: Review, **details) -> None:
    audit_event_record(
        action=action, actor=actor, target=target, organisation=review.plan.commissioner, details=details or None
    )
