from django.contrib import admin

from .models import Plan, Review, StrategyPriority


@admin.register(StrategyPriority)
class StrategyPriorityAdmin(admin.ModelAdmin):
    """Platform staff enter each Health and Wellbeing Board's strategy priorities as the board publishes them."""

    list_display = ["board", "code", "title"]
    list_filter = ["board"]
    search_fields = ["title", "board__name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Plans and reviews change only through their services (each act checked against its power): the admin reads."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "commissioner", "status", "period_start", "period_end"]
    list_filter = ["status"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["plan", "opens_at", "closes_at", "decided_at"]
