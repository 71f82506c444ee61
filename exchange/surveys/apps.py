from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "exchange.surveys"
    label = "surveys"
