"""Who oversees a commissioner's plans, and whom a board oversees. The registry is public: these take no person."""

from django.db.models import QuerySet

from ..models import Organisation, OrganisationKind


def boards_overlapping(commissioner: Organisation) -> QuerySet[Organisation]:
    """The health and wellbeing boards whose local authority's area overlaps the commissioner's, by name."""
    return (
        Organisation.objects.filter(
            kind=OrganisationKind.HEALTH_AND_WELLBEING_BOARD, overlapping_commissioners=commissioner
        )
        .select_related("region")
        .order_by("name", "id")
    )


def board_commissioners(board: Organisation) -> QuerySet[Organisation]:
    """The commissioners a health and wellbeing board overlaps, by name (none for any other kind)."""
    return (
        Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER, overlapping_boards=board)
        .select_related("region", "area_team")
        .order_by("name", "id")
    )


def senate_for(commissioner: Organisation) -> Organisation | None:
    """The clinical senate covering the commissioner's area team; None if it has no area team or no senate
    covers it."""
    if commissioner.area_team_id is None:
        return None
    return Organisation.objects.filter(
        kind=OrganisationKind.CLINICAL_SENATE, senate_area_teams=commissioner.area_team_id
    ).first()


def member_practices(commissioner: Organisation) -> QuerySet[Organisation]:
    """The GP practices that are members of the commissioner, by name."""
    return Organisation.objects.filter(kind=OrganisationKind.GP_PRACTICE, member_of=commissioner).order_by("name", "id")


def area_team_organisation(commissioner: Organisation) -> Organisation | None:
    """The organisation of NHS England's area team for the commissioner (see `area_team_organisations_ensure`);
    None if the commissioner has no area team or its area team has no organisation yet."""
    if commissioner.area_team_id is None:
        return None
    return (
        Organisation.objects.filter(kind=OrganisationKind.AREA_TEAM, area_team_id=commissioner.area_team_id)
        .select_related("area_team", "region")
        .first()
    )
