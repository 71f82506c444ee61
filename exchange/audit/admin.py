from django.contrib import admin

from exchange.core.admin import ReadOnlyAdmin

from .models import AuditEvent
from .selectors import visible_events


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Append-only: the admin reads the log as `visible_events` shows it and offers no add, change or delete."""

    list_display = ["occurred_at", "action", "actor_label", "object_label", "organisation"]
    list_filter = ["action"]
    search_fields = ["actor_label", "object_label"]

    def get_queryset(self, request):
        # Sealed events (bids before their deadline) stay out of the admin too.
        return visible_events().select_related("organisation")
