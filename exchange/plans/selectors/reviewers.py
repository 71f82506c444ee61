"""Who may review a commissioner's plan: the Health and Wellbeing Boards whose area overlaps its own, the clinical
senate covering its area team, its member practices and its NHS England area team (from the registry). All but the
senate must be asked: a board has a statutory right to give its opinion and refer the plan back, every practice is
a member of the commissioner, and the area team assures it; a senate's advice is sought when the commissioner
wants it."""

from exchange.organisations.models import Organisation, OrganisationKind
from exchange.organisations.selectors import (
    area_team_organisation,
    boards_overlapping,
    member_practices,
    senate_for,
)


def eligible_reviewers(*, commissioner: Organisation) -> list[Organisation]:
    """Every organisation that may review `commissioner`'s plans, boards first, then the senate, the practices and
    the area team."""
    reviewers = list(boards_overlapping(commissioner).order_by("name"))
    senate = senate_for(commissioner)
    if senate is not None:
        reviewers.append(senate)
    reviewers += list(member_practices(commissioner).order_by("name"))
    area_team = area_team_organisation(commissioner)
    if area_team is not None:
        reviewers.append(area_team)
    return reviewers


def required_reviewers(*, commissioner: Organisation) -> list[Organisation]:
    """The organisations every review of `commissioner`'s plans must go to: its overlapping boards, its member
    practices and its area team (when the registry has them)."""
    return [
        org for org in eligible_reviewers(commissioner=commissioner) if org.kind != OrganisationKind.CLINICAL_SENATE
    ]
