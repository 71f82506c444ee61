from typing import Any

from django.db import models

from ..actions import LABELS
from ..models import AuditEvent


def audit_event_record(
    *,
    action: str,
    actor: Any = None,
    actor_label: str = "",
    target: models.Model | None = None,
    organisation: Any = None,
    ip_address: str | None = None,
    details: dict | None = None,
    sealed_until=None,
) -> AuditEvent:
    """Append one event. Callers run inside their own transaction, so the event lands or rolls back with the change.
    An event with `sealed_until` stays out of every listing of the log until then (see `selectors.visible_events`)."""
    if action not in LABELS:
        raise ValueError(f"Unknown audit action {action!r}: add it to exchange.audit.actions.AuditAction")
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_label = actor_label or actor.email
    else:
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label[:254],
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=str(target)[:255] if target is not None else "",
        organisation=organisation,
        ip_address=ip_address,
        details=details or {},
        sealed_until=sealed_until,
    )
