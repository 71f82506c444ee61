"""Who oversees a commissioner's plans, read from the registry."""

import pytest

from exchange.organisations.selectors import (
    area_team_organisation,
    board_commissioners,
    boards_overlapping,
    member_practices,
    senate_for,
)

from .factories import (
    AreaTeamFactory,
    AreaTeamOrganisationFactory,
    BoardFactory,
    OrganisationFactory,
    PracticeFactory,
    SenateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commissioner():
    return OrganisationFactory(name="NHS Blackpool", area_team=AreaTeamFactory(name="Lancashire"))


def test_the_boards_overlapping_a_commissioner_are_listed_by_name_without_others(commissioner):
    lancashire, blackpool = BoardFactory(name="Lancashire HWB"), BoardFactory(name="Blackpool HWB")
    for board in (lancashire, blackpool):
        board.overlapping_commissioners.add(commissioner)
    BoardFactory().overlapping_commissioners.add(OrganisationFactory())
    assert list(boards_overlapping(commissioner)) == [blackpool, lancashire]


def test_a_board_lists_the_commissioners_it_overlaps_by_name(commissioner):
    board, fylde = BoardFactory(), OrganisationFactory(name="NHS Fylde & Wyre")
    board.overlapping_commissioners.add(fylde, commissioner)
    OrganisationFactory()
    assert list(board_commissioners(board)) == [commissioner, fylde]


def test_the_senate_of_a_commissioner_is_the_one_covering_its_area_team(commissioner):
    senate = SenateFactory()
    senate.senate_area_teams.add(commissioner.area_team, AreaTeamFactory())
    SenateFactory().senate_area_teams.add(AreaTeamFactory())
    assert senate_for(commissioner) == senate


def test_a_commissioner_whose_area_team_no_senate_covers_has_no_senate(commissioner):
    SenateFactory().senate_area_teams.add(AreaTeamFactory())
    assert senate_for(commissioner) is None
    assert senate_for(OrganisationFactory(area_team=None)) is None


def test_the_member_practices_of_a_commissioner_are_listed_by_name_without_others(commissioner):
    zetland, abbey = (
        PracticeFactory(name="Zetland Surgery", member_of=commissioner),
        PracticeFactory(name="Abbey Surgery", member_of=commissioner),
    )
    PracticeFactory()
    assert list(member_practices(commissioner)) == [abbey, zetland]


def test_the_area_team_organisation_of_a_commissioner_is_its_area_teams(commissioner):
    face = AreaTeamOrganisationFactory(area_team=commissioner.area_team)
    AreaTeamOrganisationFactory()
    assert area_team_organisation(commissioner) == face


def test_a_commissioner_without_an_area_team_organisation_has_none(commissioner):
    AreaTeamOrganisationFactory()
    assert area_team_organisation(commissioner) is None
    assert area_team_organisation(OrganisationFactory(area_team=None)) is None
