"""Which providers may bid for a requirement."""

from django.db.models import QuerySet

from exchange.marketplace.catalogue.models import Offering, OfferingStatus
from exchange.marketplace.procurement.models import Requirement, RequirementRoute
from exchange.organisations.models import Organisation


def eligible_providers(requirement: Requirement) -> QuerySet[Organisation]:
    """Open: every provider with a published offering in one of the service lines serving one of the regions.
    Invited: the providers on the frozen shortlist."""
    if requirement.route == RequirementRoute.INVITED:
        if requirement.shortlist is None:
            return Organisation.objects.none()
        provider_ids = requirement.shortlist.entries.values_list("offering__provider_id", flat=True)
        return Organisation.objects.filter(pk__in=provider_ids)
    offerings = Offering.objects.filter(
        status=OfferingStatus.PUBLISHED,
        service_lines__in=requirement.service_lines.all(),
        regions__in=requirement.regions.all(),
    )
    return Organisation.objects.filter(pk__in=offerings.values("provider_id")).order_by("name")


def eligible_provider_ids(requirement: Requirement) -> set[int]:
    return set(eligible_providers(requirement).values_list("pk", flat=True))
