import datetime

from django.db.models import Q, QuerySet

from exchange.core import clock

from ..models import AuditEvent


def visible_events(*, now: datetime.datetime | None = None) -> QuerySet[AuditEvent]:
    """Every event that may be shown at `now`: those sealed until a later moment are left out, for everybody."""
    now = clock.or_now(now)
    return AuditEvent.objects.filter(Q(sealed_until__isnull=True) | Q(sealed_until__lte=now))


def audit_event_list(
    *, user, action: str = "", actor: str = "", organisation_id: int | None = None, now=None
) -> QuerySet[AuditEvent]:
    """Platform staff see every event that is not sealed; nobody else sees the log."""
    if not (user.is_authenticated and user.is_staff):
        return AuditEvent.objects.none()
    events = visible_events(now=now).select_related("actor", "organisation")
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if organisation_id:
        events = events.filter(organisation_id=organisation_id)
    return events


def audit_events_about(
    *, objects: dict[str, list], action_prefix: str = "", now: datetime.datetime | None = None
) -> QuerySet[AuditEvent]:
    """The visible events about some objects ({"app.model": [pk, ...]}), oldest first."""
    about = Q(pk__in=[])
    for object_type, pks in objects.items():
        about |= Q(object_type=object_type, object_id__in=[str(pk) for pk in pks])
    events = visible_events(now=now).filter(about)
    if action_prefix:
        events = events.filter(action__startswith=action_prefix)
    return events.select_related("actor").order_by("id")
