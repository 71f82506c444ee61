from django.db.models import QuerySet

from ..models import AreaTeam, Region


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def area_team_list() -> QuerySet[AreaTeam]:
    return AreaTeam.objects.all()
