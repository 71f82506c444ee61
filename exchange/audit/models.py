from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One thing that happened. Rows are only ever inserted: database triggers refuse UPDATE and DELETE."""

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # PROTECT, not SET_NULL: clearing the actor would be an UPDATE, which the log refuses. Deactivate people instead.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The email is kept as typed so failed sign-ins for unknown addresses are still traceable.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=255, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    # An event about something sealed (a bid before the bid deadline) is shown to nobody, staff included, before
    # this moment; every reader of the log goes through `selectors.visible_events`.
    sealed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} by {self.actor_label or 'system'}"
