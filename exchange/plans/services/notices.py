"""E-mails about a review, through the task queue (sent once the change commits): the review opened (to each
reviewer's leads), a reminder before the window closes (to those who have not yet given their view), a referral
made (to the commissioner's leads) and answered (to the board's leads)."""

import datetime

from django.conf import settings
from django.urls import reverse

from exchange.accounts.selectors import member_emails
from exchange.core import clock
from exchange.core.tasks import email_queue

from ..models import Referral, Review, Reviewer
from ..powers import PLAN_ROLES

REMIND_BEFORE = datetime.timedelta(days=3)


def _send(organisation_ids: list[int], subject: str, body: str) -> int:
    addresses = member_emails(organisation_ids=organisation_ids, roles=PLAN_ROLES)
    for address in addresses:
        email_queue(to=[address], subject=subject, body=body)
    return len(addresses)


def _link(review: Review) -> str:
    return settings.SITE_URL + reverse("plans:review-detail", args=[review.pk])


def review_opened_notify(review: Review) -> int:
    plan = review.plan
    body = (
        f'{plan.commissioner.name} asks your organisation to review its plan "{plan.title}". The review closes '
        f"{review.closes_at:%-d %B %Y}.\n\n{_link(review)}\n"
    )
    return _send([r.organisation_id for r in review.reviewers.all()], f"Plan to review: {plan.title}", body)


def _spoken(reviewer: Reviewer) -> bool:
    return {
        "advise": reviewer.advice.exists,
        "opine": reviewer.opinions.exists,
        "endorse": reviewer.endorsements.exists,
        "assure": lambda: hasattr(reviewer, "assurance"),
    }[reviewer.power]()


def review_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the reviewers who have not yet given their view of each review closing within three days. Run daily
    (`manage.py send_review_reminders`); a review is reminded of once a day at most by running it once a day."""
    now = clock.or_now(now)
    sent = 0
    for review in Review.objects.filter(decided_at=None, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE):
        silent = [reviewer.organisation_id for reviewer in review.reviewers.all() if not _spoken(reviewer)]
        if silent:
            body = (
                f'The review of "{review.plan.title}" closes {review.closes_at:%-d %B %Y}, and your organisation '
                f"has not yet given its view.\n\n{_link(review)}\n"
            )
            sent += _send(silent, f"Reminder: review of {review.plan.title}", body)
    return sent


def referral_made_notify(referral: Referral) -> int:
    review = referral.reviewer.review
    body = (
        f"{referral.reviewer.organisation.name} has referred version {referral.version.number} of "
        f'"{review.plan.title}" back. Answer it with a new version, or confirm the plan with your reasons.\n\n'
        f"{_link(review)}\n"
    )
    return _send([review.plan.commissioner_id], f"Referred back: {review.plan.title}", body)


def referral_answered_notify(referral: Referral) -> int:
    review = referral.reviewer.review
    body = (
        f'{review.plan.commissioner.name} has answered your referral of "{review.plan.title}": '
        f"{referral.get_answer_display().lower()}.\n\n{referral.answer_reasons}\n\n{_link(review)}\n"
    )
    return _send([referral.reviewer.organisation_id], f"Referral answered: {review.plan.title}", body)
