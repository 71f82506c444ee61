"""Who runs a commissioner's procurements, and for whom a person bids. Who may do what in one procurement, and
when, is decided in one place: `access.py`."""

from exchange.accounts.models import Role
from exchange.accounts.permissions import organisations_with_role
from exchange.marketplace.catalogue.permissions import PROVIDER_ROLES, provider_organisations
from exchange.organisations.models import OrganisationKind

__all__ = [
    "PROCUREMENT_ROLES",
    "PROVIDER_ROLES",
    "can_run_procurement_for",
    "procurement_organisations",
    "provider_organisations",
]

# Running a procurement (drafting, publishing, joining, answering questions, moderation, award) is for a
# commissioner's buyers, its clinical lead and its admins; managerial and finance leads record what it buys and
# rate it, but do not run tenders.
PROCUREMENT_ROLES = [Role.CLINICAL_LEAD, Role.BUYER, Role.ORGANISATION_ADMIN]


def procurement_organisations(user) -> list[int]:
    """Commissioners whose procurements `user` may run: buyers, clinical leads and admins (staff do not)."""
    return organisations_with_role(user, PROCUREMENT_ROLES, kind=OrganisationKind.COMMISSIONER)


def can_run_procurement_for(user, commissioner) -> bool:
    return commissioner.pk in procurement_organisations(user)
