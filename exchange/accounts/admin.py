from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from exchange.core.admin import ExchangeAdmin, ExchangeAdminMixin, ReadOnlyAdmin

from .models import Invitation, Membership, MembershipRole, User


@admin.register(User)
class UserAdmin(ExchangeAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_staff", "is_active"]


class MembershipRoleInline(admin.TabularInline):
    model = MembershipRole
    extra = 0


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Membership and role changes must go through the members pages, which write the audit log."""

    list_display = ["user", "organisation"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    inlines = [MembershipRoleInline]


@admin.register(Invitation)
class InvitationAdmin(ExchangeAdmin):
    list_display = ["email", "organisation", "created_at", "accepted_at"]
    exclude = ["token_hash"]
    readonly_fields = ["organisation", "email", "roles", "invited_by", "expires_at", "accepted_at", "accepted_by"]
