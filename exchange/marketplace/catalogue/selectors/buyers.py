"""Whose population a signed-in person's costs are worked out for."""

from dataclasses import dataclass

from exchange.accounts.permissions import organisations_with_role
from exchange.organisations.models import Organisation, OrganisationKind

# Shown, and said to be illustrative, when the viewer is not a commissioner or its population is not recorded:
# close to the median registered population of the 211 CCGs of 2013.
TYPICAL_POPULATION = 250_000


@dataclass(frozen=True)
class BuyerView:
    commissioner: Organisation | None
    population: int
    population_is_typical: bool

    @property
    def describes(self) -> str:
        if self.commissioner and not self.population_is_typical:
            return f"{self.commissioner.name}'s registered population of {self.population:,}"
        return f"an illustrative population of {self.population:,}"


def buyer_commissioner(*, user) -> Organisation | None:
    if not user.is_authenticated:
        return None
    return (
        Organisation.objects.filter(pk__in=organisations_with_role(user, None, kind=OrganisationKind.COMMISSIONER))
        .select_related("region")
        .order_by("name")
        .first()
    )


def buyer_view(*, user) -> BuyerView:
    commissioner = buyer_commissioner(user=user)
    if commissioner and commissioner.registered_population:
        return BuyerView(commissioner, commissioner.registered_population, False)
    return BuyerView(commissioner, TYPICAL_POPULATION, True)
