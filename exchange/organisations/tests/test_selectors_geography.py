import pytest

from exchange.organisations.selectors import area_team_list, region_list

from .factories import AreaTeamFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_the_regions_are_listed_by_name():
    south, london = RegionFactory(name="South of England"), RegionFactory(name="London")
    assert list(region_list()) == [london, south]


def test_the_area_teams_are_listed_by_name():
    wessex, durham = AreaTeamFactory(name="Wessex"), AreaTeamFactory(name="Durham, Darlington and Tees")
    assert list(area_team_list()) == [durham, wessex]
