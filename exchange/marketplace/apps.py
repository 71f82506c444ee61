from django.apps import AppConfig


class MarketplaceConfig(AppConfig):
    name = "exchange.marketplace"
    label = "marketplace"

    def ready(self) -> None:
        from .catalogue import receivers  # noqa: F401 - keeps search in step with names changed in other apps
