"""The catalogue in the admin. Lots and service lines are data an admin edits (saving one gives search a new
token). Offerings, profiles, engagements and ratings change only through the catalogue services, which keep the
price history, the search text, the rating aggregates and the audit log: the admin reads them."""

from django.contrib import admin

from exchange.core.admin import ExchangeAdmin, ReadOnlyAdmin

from .models import Engagement, Lot, Offering, ProviderProfile, Rating, ServiceLine


@admin.register(Lot)
class LotAdmin(ExchangeAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]


@admin.register(ServiceLine)
class ServiceLineAdmin(ExchangeAdmin):
    list_display = ["name", "code", "lot", "position", "cpv"]
    list_filter = ["lot"]
    search_fields = ["name", "code", "description"]


@admin.register(Offering)
class OfferingAdmin(ReadOnlyAdmin):
    list_display = ["title", "provider", "status", "pricing_model", "price", "rating_count", "rating_mean"]
    list_filter = ["status", "pricing_model", "service_lines", "regions", "provider__sector"]
    list_select_related = ["provider"]
    search_fields = ["title", "summary", "provider__name"]
    exclude = ["search_vector"]


@admin.register(ProviderProfile)
class ProviderProfileAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "updated_at"]
    list_filter = ["organisation__sector"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name", "accreditations"]


@admin.register(Engagement)
class EngagementAdmin(ReadOnlyAdmin):
    list_display = ["offering", "commissioner", "started_on", "ended_on", "source", "confirmed_at"]
    list_filter = ["source", ("confirmed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["offering", "commissioner"]
    search_fields = ["offering__title", "offering__provider__name", "commissioner__name"]


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["offering", "commissioner", "quarter", "quality", "responsiveness", "value_for_money"]
    list_filter = ["quarter"]
    list_select_related = ["offering", "commissioner"]
    search_fields = ["offering__title", "offering__provider__name", "commissioner__name"]
