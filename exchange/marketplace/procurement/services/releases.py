"""Open contracting releases, appended when something a reader should see happens, and never changed after.

Events a person causes (publication, an answer, the award, the end of the standstill, the signed contract) append
their release in the same transaction as the change itself. Events the clock causes (the bid deadline passing, the
contract's last day passing) are appended by `releases_publish_due`, which a scheduled job runs every few minutes
(`manage.py publish_due_releases`), and which every other event runs first, so that releases keep the order in
which things happened. Nothing is written while someone reads the feed.

Each release is the whole process as it stood at the event (OCDS's "full releases"), with its own id
(`<ocid>-<sequence>`), its event's tags and its moment as `date` (never before the previous release's). The
sealed bid rule holds here as everywhere: tenderers and bid figures enter no release dated before the deadline.
"""

import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from exchange.core import clock
from exchange.marketplace.procurement.models import (
    TAGS,
    Award,
    Release,
    ReleaseEvent,
    Requirement,
    RequirementStatus,
)
from exchange.marketplace.procurement.ocds import published_requirements, release_text, requirement_release
from exchange.marketplace.procurement.ocds_parts import london

# Events that happen once in a process (an answer may come many times)
ONCE = frozenset(TAGS) - {ReleaseEvent.ANSWERED}


def _whole_seconds(moment: datetime.datetime) -> datetime.datetime:
    return moment.replace(microsecond=0)


def _append(
    requirement: Requirement, event: ReleaseEvent, moment: datetime.datetime, now: datetime.datetime
) -> Release:
    """Append the release of `event`, dated `moment` (or the previous release's date, if later), published `now`."""
    if requirement.ocid is None:
        raise ValueError("only published requirements have releases")
    latest = requirement.releases.order_by("-sequence").first()
    sequence = latest.sequence + 1 if latest else 1
    date = _whole_seconds(max(moment, latest.date) if latest else moment)
    current = published_requirements().get(pk=requirement.pk)
    release_id = f"{requirement.ocid}-{sequence:03d}"
    release = requirement_release(current, release_id=release_id, date=date, tag=TAGS[event], now=moment)
    return Release.objects.create(
        requirement=requirement,
        ocid=requirement.ocid,
        sequence=sequence,
        release_id=release_id,
        event=event,
        date=date,
        published_at=max(now, moment),
        body=release_text(release),
    )


def _due(requirement: Requirement, now: datetime.datetime) -> list[tuple[ReleaseEvent, datetime.datetime]]:
    """The events the clock has caused by `now` that have no release yet, in the order they happened."""
    done = set(requirement.releases.values_list("event", flat=True))
    due = []
    if (
        requirement.status in (RequirementStatus.PUBLISHED, RequirementStatus.AWARDED, RequirementStatus.CONCLUDED)
        and requirement.bid_deadline <= now
        and ReleaseEvent.BIDS_OPENED not in done
    ):
        due.append((ReleaseEvent.BIDS_OPENED, requirement.bid_deadline))
    award: Award | None = getattr(requirement, "award", None)
    if award is not None and award.contract_ends_on is not None and ReleaseEvent.CONTRACT_ENDED not in done:
        ended = london(award.contract_ends_on + datetime.timedelta(days=1))  # the first moment after its last day
        if ended <= now:
            due.append((ReleaseEvent.CONTRACT_ENDED, ended))
    return due


def _catch_up(requirement: Requirement, now: datetime.datetime) -> None:
    for event, moment in _due(requirement, now):
        _append(requirement, event, moment, now)


@transaction.atomic
def release_record(*, requirement: Requirement, event: ReleaseEvent, now: datetime.datetime | None = None) -> Release:
    """Append the release of `event`, which has just happened at `now`, after any the clock caused before it. The
    caller holds the requirement's row lock (every service that changes a published requirement takes it)."""
    now = clock.or_now(now)
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    _catch_up(requirement, now)
    if event in ONCE and requirement.releases.filter(event=event).exists():
        raise ValueError(f"{requirement.ocid} already has its {event} release")
    return _append(requirement, event, now, now)


def releases_publish_due(*, now: datetime.datetime | None = None) -> int:
    """Append the releases the clock has caused by `now` (bids opened, contracts ended), each requirement in its
    own transaction under its row lock. Returns how many were appended. Safe to run at any time, and twice."""
    now = clock.or_now(now)
    opened = Release.objects.filter(requirement=OuterRef("pk"), event=ReleaseEvent.BIDS_OPENED)
    ended = Release.objects.filter(requirement=OuterRef("pk"), event=ReleaseEvent.CONTRACT_ENDED)
    candidates = Requirement.objects.filter(
        status__in=(RequirementStatus.PUBLISHED, RequirementStatus.AWARDED, RequirementStatus.CONCLUDED),
        ocid__isnull=False,
        bid_deadline__lte=now,
    ).filter(~Exists(opened) | (Q(award__contract_ends_on__lt=timezone.localdate(now)) & ~Exists(ended)))
    appended = 0
    for pk in candidates.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            requirement = Requirement.objects.select_for_update().get(pk=pk)
            due = _due(requirement, now)
            for event, moment in due:
                _append(requirement, event, moment, now)
            appended += len(due)
    return appended
