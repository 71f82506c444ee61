"""Engagements, ratings and providers' replies, and the rating figures search sorts on.

A commissioner rates an offering through an engagement: one an award on the exchange made (confirmed at once) or
one its buyers recorded and the provider confirmed. It rates an offering at most once a quarter, however many
engagements it has with it (the database holds it to that too).

An offering's adjusted rating is a Bayesian mean: its ratings' overall scores shrunk towards the pooled mean of
every rating in its service lines, as if PRIOR_WEIGHT more ratings at that mean had been given. It is left
empty until an offering has a rating of its own, so unrated offerings sort last rather than at the prior.
"""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone
from django_tasks import task

from exchange.audit.actions import AuditAction
from exchange.audit.services import audit_event_record
from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.catalogue import dates, permissions
from exchange.marketplace.catalogue.models import (
    Engagement,
    EngagementSource,
    Offering,
    OfferingStatus,
    Rating,
    RatingReply,
)
from exchange.marketplace.catalogue.selectors.engagements import buyer_engagements
from exchange.marketplace.catalogue.services.search_index import catalogue_changed
from exchange.marketplace.catalogue.value import bayesian_mean
from exchange.organisations.models import Organisation

# The calendar rules are this module's too: its services enforce them and its callers show their messages.
END_NOT_AFTER_START, START_TOO_EARLY, START_TOO_LATE = (
    dates.END_NOT_AFTER_START,
    dates.START_TOO_EARLY,
    dates.START_TOO_LATE,
)
quarter_start, next_quarter_start, latest_start = dates.quarter_start, dates.next_quarter_start, dates.latest_start
engagement_dates_problem = dates.engagement_dates_problem

PRIOR_WEIGHT = 10.0
NOT_A_BUYER = "Only commissioning leads, buyers and admins of that commissioner can record what it buys."
NOT_PUBLISHED = "You can only record engagements with published offerings."
NO_ENGAGEMENT = "Only a commissioner that buys this service can rate it. Record your engagement first."
NOT_CONFIRMED = "The provider has not yet confirmed this engagement. You can rate it once they have."
NOT_STARTED = "You can rate a service once your engagement with it has started."
ALREADY_RATED = "You have already rated this service this quarter. You can rate it again from {next_quarter}."
NOT_YOUR_OFFERING = "Only the provider's own representatives can reply to its ratings."
ALREADY_REPLIED = "The provider has already replied to this rating."
EMPTY_REPLY = "Enter a reply."
NOT_THE_PROVIDER = "Only the provider's own representatives can confirm that a commissioner buys its services."
RECORDED_BY_YOU = "You recorded this engagement, so someone else at the provider must confirm it."
ALREADY_CONFIRMED = "This engagement is already confirmed."


def _engagement_save(*, actor, engagement: Engagement, today: datetime.date, organisation: Organisation) -> Engagement:
    problem = engagement_dates_problem(started_on=engagement.started_on, ended_on=engagement.ended_on, today=today)
    if problem is not None:
        field, message = problem
        raise ApplicationError(message, extra={"field": field})
    engagement.full_clean()
    engagement.save()
    audit_event_record(
        action=AuditAction.ENGAGEMENT_RECORDED,
        actor=actor,
        target=engagement,
        organisation=organisation,
        details={
            "offering": engagement.offering_id,
            "started_on": engagement.started_on.isoformat(),
            "source": engagement.source,
        },
    )
    return engagement


@transaction.atomic
def engagement_record(
    *,
    actor,
    offering: Offering,
    commissioner: Organisation,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Engagement:
    """A commissioner's buyer records that it buys `offering`. Its people can rate it once the provider confirms."""
    if not permissions.can_buy_for(actor, commissioner):
        raise ApplicationError(NOT_A_BUYER)
    if offering.status != OfferingStatus.PUBLISHED:
        raise ApplicationError(NOT_PUBLISHED)
    engagement = Engagement(
        offering=offering,
        commissioner=commissioner,
        started_on=started_on,
        ended_on=ended_on,
        source=EngagementSource.RECORDED,
        recorded_by=actor,
    )
    return _engagement_save(actor=actor, engagement=engagement, today=today or clock.today(), organisation=commissioner)


@transaction.atomic
def engagement_from_award(
    *, actor, offering: Offering, commissioner: Organisation, started_on: datetime.date, now=None
) -> Engagement:
    """The engagement an award on the exchange gives each of its commissioners: confirmed at once, by the award
    rather than by a person, since the provider bid for it. The caller has checked that the award is final."""
    now = clock.or_now(now)
    engagement = Engagement(
        offering=offering,
        commissioner=commissioner,
        started_on=started_on,
        source=EngagementSource.AWARD,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        confirmed_at=now,
    )
    return _engagement_save(
        actor=actor, engagement=engagement, today=timezone.localdate(now), organisation=commissioner
    )


@transaction.atomic
def engagement_confirm(*, actor, engagement: Engagement, now=None) -> Engagement:
    """The provider confirms that the commissioner buys its offering, so that the commissioner's ratings count.
    Confirming twice is refused, so the audit log holds one confirmation by one person."""
    engagement = (
        Engagement.objects.select_for_update()
        .select_related("offering__provider", "commissioner")
        .get(pk=engagement.pk)
    )
    if not permissions.can_confirm_engagement(actor, engagement):
        is_provider = permissions.can_edit_provider(actor, engagement.offering.provider)
        raise ApplicationError(RECORDED_BY_YOU if is_provider else NOT_THE_PROVIDER)
    if engagement.is_confirmed:
        raise ApplicationError(ALREADY_CONFIRMED)
    engagement.confirmed_at = clock.or_now(now)
    engagement.confirmed_by = actor
    engagement.full_clean()
    engagement.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    audit_event_record(
        action=AuditAction.ENGAGEMENT_CONFIRMED,
        actor=actor,
        target=engagement,
        organisation=engagement.offering.provider,
        details={"offering": engagement.offering_id, "commissioner": engagement.commissioner_id},
    )
    return engagement


def rating_engagements(*, user, offering: Offering):
    """The engagements through which `user` may rate `offering`: its commissioners' that the provider confirmed."""
    return buyer_engagements(user=user, offering=offering).confirmed()


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
    """A commissioner rates an offering it buys through a confirmed engagement that has started, once a quarter
    whichever of its engagements with the offering it rates through."""
    today = today or clock.today()
    ours = buyer_engagements(user=actor, offering=engagement.offering).filter(pk=engagement.pk)
    if not ours.exists():
        raise ApplicationError(NO_ENGAGEMENT)
    if not ours.confirmed().exists():
        raise ApplicationError(NOT_CONFIRMED)
    if engagement.started_on > today:
        raise ApplicationError(NOT_STARTED)
    quarter = quarter_start(today)
    rated = Rating.objects.filter(
        offering_id=engagement.offering_id, commissioner_id=engagement.commissioner_id, quarter=quarter
    )
    if rated.exists():
        raise ApplicationError(ALREADY_RATED.format(next_quarter=f"{next_quarter_start(today):%-d %B %Y}"))
    rating = Rating(
        engagement=engagement,
        offering=engagement.offering,
        commissioner=engagement.commissioner,
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
    transaction.on_commit(lambda: service_line_ratings_refresh.enqueue(service_line_ids=line_ids))
    audit_event_record(
        action=AuditAction.RATING_GIVEN,
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
        action=AuditAction.RATING_REPLIED, actor=actor, target=reply, organisation=rating.offering.provider
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
        adjusted = bayesian_mean(total=total, count=count, prior_mean=prior, prior_weight=PRIOR_WEIGHT)
        offering.rating_adjusted = round(adjusted, 4) if count and adjusted is not None else None
    Offering.objects.bulk_update(offerings, ["rating_count", "rating_mean", "rating_adjusted"], batch_size=1000)
    catalogue_changed()
    return len(offerings)


@task()
def service_line_ratings_refresh(*, service_line_ids: list[int]) -> int:
    """Move every offering in these service lines to the new prior after a rating (queued on commit by
    `rating_submit`; defined beside the service it runs, so the service and the task module import no cycle)."""
    return offering_ratings_refresh(service_line_ids=service_line_ids)
