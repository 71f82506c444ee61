from django.contrib import admin

from exchange.core.admin import ExchangeAdmin, ReadOnlyAdmin

from .models import Plan, Review, StrategyPriority


@admin.register(StrategyPriority)
class StrategyPriorityAdmin(ExchangeAdmin):
    """Platform staff enter each Health and Wellbeing Board's strategy priorities as the board publishes them."""

    list_display = ["board", "code", "title"]
    list_filter = [("board", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "board__name"]
    raw_id_fields = ["board"]


# Plans and reviews change only through their services (each act checked against its power): the admin reads.
@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "commissioner", "status", "period_start", "period_end"]
    list_filter = ["status"]
    list_select_related = ["commissioner"]
    search_fields = ["title", "commissioner__name"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["plan", "opens_at", "closes_at", "decided_at"]
    list_select_related = ["plan"]
    search_fields = ["plan__title", "plan__commissioner__name"]
