from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "exchange.analysis"
    label = "analysis"
