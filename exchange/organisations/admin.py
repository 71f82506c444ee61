from django.contrib import admin

from .models import AreaTeam, Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code"]


@admin.register(AreaTeam)
class AreaTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "ods_code", "region"]
    list_filter = ["region"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "ods_code", "region"]
    list_filter = ["kind", "sector", "region"]
    search_fields = ["name", "ods_code", "ons_code", "companies_house_number", "charity_number", "ppon"]
    prepopulated_fields = {"slug": ["name"]}
