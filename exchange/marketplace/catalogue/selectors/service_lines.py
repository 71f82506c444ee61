from django.db.models import QuerySet

from exchange.marketplace.catalogue.models import ServiceLine


def service_line_list() -> QuerySet[ServiceLine]:
    """Every service line, in the catalogue's order."""
    return ServiceLine.objects.all()
