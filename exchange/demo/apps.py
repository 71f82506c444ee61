from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo loader: the one app that may import every other (no app imports it)."""

    name = "exchange.demo"
    label = "demo"
    verbose_name = "Demo data"
