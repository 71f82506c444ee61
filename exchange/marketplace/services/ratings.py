"""Engagements, ratings and providers' replies, and the rating figures search sorts on.

An offering's adjusted rating is a Bayesian mean: its ratings' overall scores shrunk towards the pooled mean of
every rating in its service lines, as if PRIOR_WEIGHT more ratings at that mean had been given. It is left
empty until an offering has a rating of its own, so unrated offerings sort last rather than at the prior.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from exchange.accounts.models import Membership
from exchange.audit.services import audit_event_record
from exchange.core.exceptions import ApplicationError
from exchange.organisations.models import Organisation

from .. import permissions, tasks
from ..models import Engagement, Offering, OfferingStatus, Rating, RatingReply
from ..value import bayesian_mean
from .search_index import catalogue_changed

PRIOR_WEIGHT = 10.0
NOT_A_BUYER = "Only commissioning leads, buyers and admins of that commissioner can record what it buys."
NOT_PUBLISHED = "You can only record engagements with published offerings."
NO_ENGAGEMENT = "Only a commissioner that buys this service can rate it. Record your engagement first."
NOT_STARTED = "You can rate a service once your engagement with it has started."
ALREADY_RATED = "You have already rated this service this quarter. You can rate it again from {next_quarter}."
NOT_YOUR_OFFERING = "Only the provider's own representatives can reply to its ratings."
ALREADY_REPLIED = "The provider has already replied to this rating."
EMPTY_REPLY = "Enter a reply."


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter_start(day: datetime.date) -> datetime.date:
    start = quarter_start(day)
    return datetime.date(start.year + 1, 1, 1) if start.month == 10 else datetime.date(start.year, start.month + 3, 1)


@transaction.atomic
def engagement_record(
    *,
    actor,
    offering: Offering,
    commissioner: Organisation,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    source: str = "recorded",
) -> Engagement:
    if source == "recorded" and not permissions.can_buy_for(actor, commissioner):
        raise ApplicationError(NOT_A_BUYER)
    if offering.status != OfferingStatus.PUBLISHED:
        raise ApplicationError(NOT_PUBLISHED)
    engagement = Engagement(
        offering=offering,
        commissioner=commissioner,
        started_on=started_on,
        ended_on=ended_on,
        source=source,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    engagement.full_clean()
    engagement.save()
    audit_event_record(
        action="marketplace.engagement_recorded",
        actor=actor,
        target=engagement,
        organisation=commissioner,
        details={"offering": offering.pk, "started_on": started_on.isoformat()},
    )
    return engagement


def rating_engagements(*, user, offering: Offering):
    """The engagements through which `user` may rate `offering`: its commissioners' that have started."""
    commissioners = Membership.objects.filter(user=user, roles__role__in=permissions.BUYING_ROLES).values(
        "organisation_id"
    )
    return Engagement.objects.filter(offering=offering, commissioner_id__in=commissioners).select_related(
        "commissioner"
    )


@transaction.atomic
def rating_create(
    *,
    actor,
    engagement: Engagement,
    quality: int,
    responsiveness: int,
    value_for_money: int,
    relationship: int,
    comment: str = "",
    today: datetime.date | None = None,
) -> Rating:
    today = today or timezone.localdate()
    if (
        not actor.is_authenticated
        or not rating_engagements(user=actor, offering=engagement.offering).filter(pk=engagement.pk).exists()
    ):
        raise ApplicationError(NO_ENGAGEMENT)
    if engagement.started_on > today:
        raise ApplicationError(NOT_STARTED)
    quarter = quarter_start(today)
    if Rating.objects.filter(engagement=engagement, quarter=quarter).exists():
        raise ApplicationError(ALREADY_RATED.format(next_quarter=f"{next_quarter_start(today):%-d %B %Y}"))
    rating = Rating(
        engagement=engagement,
        offering=engagement.offering,
        quarter=quarter,
        quality=quality,
        responsiveness=responsiveness,
        value_for_money=value_for_money,
        relationship=relationship,
        comment=comment.strip(),
        author=actor,
    )
    rating.full_clean()
    rating.save()
    # The rated offering's figures change now; the priors of every offering in its service lines move a little
    # and are refreshed by a background task, because at catalogue scale that rewrites thousands of rows.
    line_ids = list(engagement.offering.service_lines.values_list("id", flat=True))
    offering_ratings_refresh(service_line_ids=line_ids, offering_ids=[engagement.offering_id])
    transaction.on_commit(lambda: tasks.service_line_ratings_refresh.enqueue(service_line_ids=line_ids))
    audit_event_record(
        action="marketplace.rating_given",
        actor=actor,
        target=rating,
        organisation=engagement.commissioner,
        details={"offering": engagement.offering_id, "quarter": quarter.isoformat()},
    )
    return rating


@transaction.atomic
def rating_reply_publish(*, actor, rating: Rating, text: str) -> RatingReply:
    if not permissions.can_edit_provider(actor, rating.offering.provider):
        raise ApplicationError(NOT_YOUR_OFFERING)
    if not text.strip():
        raise ApplicationError(EMPTY_REPLY)
    if RatingReply.objects.filter(rating=rating).exists():
        raise ApplicationError(ALREADY_REPLIED)
    reply = RatingReply(rating=rating, text=text.strip(), author=actor)
    reply.full_clean()
    reply.save()
    audit_event_record(
        action="marketplace.rating_replied", actor=actor, target=reply, organisation=rating.offering.provider
    )
    return reply


def _overall_sum():
    return Sum(F("quality") + F("responsiveness") + F("value_for_money") + F("relationship"))


def offering_ratings_refresh(
    *, service_line_ids: list[int] | None = None, offering_ids: list[int] | None = None
) -> int:
    """Recompute count, mean and adjusted mean for the offerings in the given service lines (all if None), or
    only for `offering_ids` among them, with priors from all the ratings in their lines."""
    through = Offering.service_lines.through
    links = through.objects.all()
    if offering_ids is not None:
        links = through.objects.filter(offering_id__in=offering_ids)
    elif service_line_ids is not None:
        affected = through.objects.filter(serviceline_id__in=service_line_ids).values("offering_id")
        links = through.objects.filter(offering_id__in=affected)
    lines_of = defaultdict(list)
    for offering_id, line_id in links.values_list("offering_id", "serviceline_id"):
        lines_of[offering_id].append(line_id)
    line_ids = {line for lines in lines_of.values() for line in lines}
    line_stats = {
        row["line"]: (row["n"], (row["total"] or 0) / 4)
        for row in Rating.objects.filter(offering__service_lines__in=line_ids)
        .values(line=F("offering__service_lines"))
        .annotate(n=Count("id"), total=_overall_sum())
    }
    offering_stats = {
        row["offering_id"]: (row["n"], (row["total"] or 0) / 4)
        for row in Rating.objects.filter(offering_id__in=list(lines_of))
        .values("offering_id")
        .annotate(n=Count("id"), total=_overall_sum())
    }
    offerings = list(Offering.objects.filter(pk__in=list(lines_of)).only("id"))
    for offering in offerings:
        count, total = offering_stats.get(offering.pk, (0, 0.0))
        pooled = [line_stats[line] for line in lines_of[offering.pk] if line in line_stats]
        pooled_count = sum(n for n, _ in pooled)
        prior = sum(t for _, t in pooled) / pooled_count if pooled_count else 3.0
        offering.rating_count = count
        offering.rating_mean = total / count if count else None
        offering.rating_adjusted = (
            round(bayesian_mean(total=total, count=count, prior_mean=prior, prior_weight=PRIOR_WEIGHT), 4)
            if count
            else None
        )
    Offering.objects.bulk_update(offerings, ["rating_count", "rating_mean", "rating_adjusted"], batch_size=1000)
    catalogue_changed()
    return len(offerings)
