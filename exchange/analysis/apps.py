from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "exchange.analysis"
    label = "analysis"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects to the surveys app's signals
