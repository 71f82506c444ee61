"""Procurements in the admin, read only for everybody: requirements, bids and awards change only through the
procurement services, each act checked against `access.py` and written to the audit log.

Bids are listed as each requirement's evaluation report shows them to platform staff (`selectors.oversight`):
while bids are sealed the admin lists nothing of them, finds nothing by search or filter, and opens no bid; after
the deadline it shows a submitted bid's line (bidder, price, when submitted), never its answers or attachments."""

from django.contrib import admin

from exchange.core import clock
from exchange.core.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Award, Bid, Criterion, Requirement, RequirementPartner
from .selectors.oversight import awards_in_reports, bid_in_report, bids_in_reports


class RequirementPartnerInline(ReadOnlyInline):
    model = RequirementPartner
    fields = ["commissioner", "population", "joined_at"]
    readonly_fields = fields
    verbose_name = "commissioner buying"
    verbose_name_plural = "commissioners buying (the lead first)"


class CriterionInline(ReadOnlyInline):
    model = Criterion
    fields = ["title", "kind", "weight"]
    readonly_fields = fields


@admin.register(Requirement)
class RequirementAdmin(ReadOnlyAdmin):
    list_display = ["title", "lead", "status", "stage_now", "bid_deadline"]
    list_filter = ["status", "route", "pricing_model", "service_lines"]
    list_select_related = ["lead", "award"]
    search_fields = ["title", "summary", "lead__name", "ocid"]
    exclude = ["invited_partners"]  # the commissioners who joined are listed below
    inlines = [RequirementPartnerInline, CriterionInline]

    @admin.display(description="Stage now")
    def stage_now(self, requirement: Requirement) -> str:
        return requirement.stage(clock.now()).label


@admin.register(Bid)
class BidAdmin(ReadOnlyAdmin):
    list_display = ["requirement", "provider", "price", "submitted_at"]
    list_filter = ["requirement__status"]
    list_select_related = ["requirement", "provider"]
    search_fields = ["provider__name", "requirement__title"]
    fields = ["requirement", "provider", "status", "price", "submitted_at"]

    def get_queryset(self, request):
        return bids_in_reports(user=request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or bid_in_report(user=request.user, bid=obj))


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["requirement", "winner", "price", "awarded_at", "standstill_ends_at", "concluded_at"]
    list_select_related = ["requirement", "bid__provider"]
    search_fields = ["requirement__title", "bid__provider__name"]
    exclude = ["bid"]
    readonly_fields = ["winner", "price"]

    def get_queryset(self, request):
        return awards_in_reports(user=request.user)

    @admin.display(description="Awarded to")
    def winner(self, award: Award) -> str:
        return award.bid.provider.name

    @admin.display(description="Winning price")
    def price(self, award: Award):
        return award.bid.price
