from django.contrib import admin

from .models import Contact, SurveySeries, Wave
from .services.invitations import contact_mark_bounced


@admin.register(SurveySeries)
class SurveySeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "suppression_threshold"]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "confidentiality", "access", "fieldwork_start"]
    list_filter = ["status", "confidentiality"]
    exclude = ["open_link_key"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    """Status changes go through the services; the token is never shown. Organisation and role are fixed: responses
    copy them, so changing them could single a respondent out (the frame changes through the contact services)."""

    list_display = ["full_name", "email", "organisation", "wave", "status", "reminders_sent"]
    list_filter = ["status", "wave"]
    search_fields = ["email", "full_name"]
    exclude = ["token"]
    readonly_fields = [
        "wave",
        "organisation",
        "role",
        "status",
        "invited_at",
        "opened_at",
        "started_at",
        "completed_at",
        "opted_out_at",
        "reminders_sent",
        "last_reminded_at",
    ]
    actions = ["mark_bounced"]

    @admin.action(description="Mark as bounced (the invitation email could not be delivered)")
    def mark_bounced(self, request, queryset):
        for contact in queryset:
            contact_mark_bounced(contact=contact)
