"""Who may manage a survey series (platform staff, and the owner organisation's analysts and admins), and whom a
series surveys: the organisations whose people may be in a wave's sample frame."""

from exchange.accounts.models import Role
from exchange.accounts.permissions import has_role
from exchange.organisations.models import Organisation, OrganisationKind

MANAGING_ROLES = [Role.ANALYST, Role.ORGANISATION_ADMIN]

# A series has no field saying whom it surveys, and every series on the platform surveys commissioners (CCGs and
# ICBs): so a sample frame holds people of commissioner organisations only, never a support provider's
# representatives nor a national body's staff. A series that surveys someone else needs a field, read here.
POPULATION_KINDS = [OrganisationKind.COMMISSIONER]

# Registry roles a frame may be drawn from by role; a provider representative is never a respondent.
FRAME_ROLES_FROM_MEMBERS = [role for role in Role if role != Role.PROVIDER_REPRESENTATIVE]


def can_manage_series(user, series) -> bool:
    return user.is_authenticated and (user.is_staff or has_role(user, series.owner_id, MANAGING_ROLES))


def population_kinds(*, series) -> list[str]:
    """The kinds of organisation `series` surveys (see POPULATION_KINDS)."""
    return [kind.value for kind in POPULATION_KINDS]


def in_population(*, series, organisation: Organisation) -> bool:
    """Whether people of `organisation` may be in the sample frame of a wave of `series`."""
    return organisation.kind in population_kinds(series=series)
