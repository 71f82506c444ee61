from django.contrib import admin

from exchange.core.admin import ExchangeAdmin

from .models import AreaTeam, BoardCommissioner, Organisation, Region, SenateAreaTeam


@admin.register(Region)
class RegionAdmin(ExchangeAdmin):
    list_display = ["name", "ons_code"]
    search_fields = ["name", "ons_code"]


@admin.register(AreaTeam)
class AreaTeamAdmin(ExchangeAdmin):
    list_display = ["name", "ons_code", "ods_code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "ons_code", "ods_code"]


class BoardCommissionerInline(admin.TabularInline):
    """A health and wellbeing board's commissioners (the kinds are checked by `BoardCommissioner.clean`)."""

    model = BoardCommissioner
    fk_name = "board"
    raw_id_fields = ["commissioner"]
    extra = 0
    verbose_name = "overlapping commissioner"
    verbose_name_plural = "overlapping commissioners"


class SenateAreaTeamInline(admin.TabularInline):
    """A clinical senate's area teams."""

    model = SenateAreaTeam
    fk_name = "senate"
    extra = 0
    verbose_name = "area team covered"
    verbose_name_plural = "area teams covered"


@admin.register(Organisation)
class OrganisationAdmin(ExchangeAdmin):
    """Organisations are corrected here, never deleted: everything on the exchange names them, and they leave the
    registry by their dates (active to). Deleting one would list what protects it, sealed bids included."""

    list_display = ["name", "kind", "sector", "ods_code", "region"]
    list_filter = ["kind", "sector", "region"]
    search_fields = ["name", "ods_code", "ons_code", "companies_house_number", "charity_number", "ppon"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["member_of"]
    inlines = [BoardCommissionerInline, SenateAreaTeamInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
