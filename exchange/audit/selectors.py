from django.db.models import QuerySet

from .models import AuditEvent


def audit_event_list(*, user, action: str = "", actor: str = "", organisation_id: int | None = None) -> QuerySet:
    """Platform staff see every event; nobody else sees the log."""
    if not (user.is_authenticated and user.is_staff):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("actor", "organisation")
    if action:
        events = events.filter(action=action)
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if organisation_id:
        events = events.filter(organisation_id=organisation_id)
    return events
