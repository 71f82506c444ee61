"""Surveys in the admin. Series and waves change through the surveys pages and services (opening and closing a wave
release its responses; a wave's confidentiality is what its invitations promised). Contacts' names and addresses
may be corrected here; nothing here shows a personal link or an open link's key, and for a confidential wave
nothing says where a contact has got to (`selectors.contact_progress_shown`), in a column, a filter, a URL lookup
or a form. Responses, drafts and pending responses are not in the admin at all: their figures are read through
analysis, under its disclosure control."""

from django.contrib import admin

from exchange.core.admin import ExchangeAdmin

from .models import Contact, ContactStatus, SurveySeries, Wave
from .selectors import PROGRESS_FIELDS, contact_progress_shown, contacts_with_progress_shown
from .services.invitations import contact_mark_bounced


@admin.register(SurveySeries)
class SurveySeriesAdmin(ExchangeAdmin):
    list_display = ["title", "owner", "suppression_threshold"]
    list_select_related = ["owner"]
    search_fields = ["title", "owner__name"]


@admin.register(Wave)
class WaveAdmin(ExchangeAdmin):
    list_display = ["__str__", "status", "confidentiality", "access", "fieldwork_start"]
    list_filter = ["status", "confidentiality", "access", "series"]
    list_select_related = ["series"]
    search_fields = ["label", "series__title", "series__owner__name"]
    exclude = ["open_link_key"]

    def get_readonly_fields(self, request, obj=None):
        # Opening and closing go through the services; once open, the promise made to respondents stands.
        if obj is not None and obj.is_locked:
            return ["series", "status", "confidentiality", "access"]
        return ["status"]


class ProgressFilter(admin.SimpleListFilter):
    """Status, for contacts of named waves only: a confidential wave's contacts are never among the results."""

    title = "status (named waves only)"
    parameter_name = "progress"

    def lookups(self, request, model_admin):
        return ContactStatus.choices

    def queryset(self, request, queryset):
        if self.value() not in ContactStatus.values:
            return queryset
        return contacts_with_progress_shown(queryset).filter(status=self.value())


class InvitedFilter(admin.SimpleListFilter):
    title = "invited"
    parameter_name = "invited"

    def lookups(self, request, model_admin):
        return [("yes", "Invited"), ("no", "Not yet invited")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(invited_at__isnull=self.value() == "no")
        return queryset


@admin.register(Contact)
class ContactAdmin(ExchangeAdmin):
    """The token is never shown. Organisation and role are fixed: responses copy them, so changing them could single a
    respondent out (the frame changes through the contact services)."""

    list_display = ["full_name", "email", "organisation", "wave", "progress", "reminders"]
    list_filter = ["wave", InvitedFilter, ProgressFilter]
    list_select_related = ["organisation", "wave__series"]
    search_fields = ["email", "full_name", "organisation__name"]
    actions = ["mark_bounced"]

    def get_fields(self, request, obj=None):
        fields = ["wave", "full_name", "email", "organisation", "role", "invited_at"]
        return fields + list(PROGRESS_FIELDS) if obj is None or contact_progress_shown(obj.wave) else fields

    def get_readonly_fields(self, request, obj=None):
        return ["wave", "organisation", "role", "invited_at", *PROGRESS_FIELDS]

    def has_add_permission(self, request) -> bool:
        return False  # contacts join a frame through its upload or the registry, which check and audit them

    def has_delete_permission(self, request, obj=None) -> bool:
        # The frame is fixed once the wave opens, and the confirmation page would list a contact's unfinished draft.
        return False

    @admin.display(description="Status")
    def progress(self, contact: Contact) -> str:
        if contact_progress_shown(contact.wave):
            return contact.get_status_display()
        return "Invited" if contact.invited_at else "Not yet invited"

    @admin.display(description="Reminders")
    def reminders(self, contact: Contact) -> int | None:
        return contact.reminders_sent if contact_progress_shown(contact.wave) else None

    @admin.action(description="Mark as bounced (the invitation email could not be delivered)", permissions=["change"])
    def mark_bounced(self, request, queryset):
        for contact in queryset:
            contact_mark_bounced(contact=contact)
