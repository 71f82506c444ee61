from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "exchange.organisations"
    label = "organisations"
