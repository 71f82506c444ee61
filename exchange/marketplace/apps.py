from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "exchange.marketplace"
    label = "marketplace"
