from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "exchange.core"
    label = "core"

    def ready(self) -> None:
        from .ids import IdConverter

        # `<id:pk>` in every app's URLs: registered before any URLconf is read (the resolver loads them lazily).
        register_converter(IdConverter, "id")
