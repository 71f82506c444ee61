from django.contrib import admin

from exchange.marketplace.catalogue.models import Lot, ServiceLine


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]


@admin.register(ServiceLine)
class ServiceLineAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "lot", "position", "cpv"]
    list_filter = ["lot"]
