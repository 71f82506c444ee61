"""The relations of the oversight bodies link only the right kinds: `clean` checks the kinds at either end, the
database the rest."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from exchange.organisations.models import BoardCommissioner, Organisation, OrganisationKind, SenateAreaTeam
from exchange.organisations.models.oversight import (
    BOARD_NOT_A_BOARD,
    COMMISSIONER_NOT_A_COMMISSIONER,
    SENATE_NOT_A_SENATE,
)
from exchange.organisations.models.registry import (
    AREA_TEAM_FACE_WITHOUT_AREA_TEAM,
    BOARD_CODE_INVALID,
    KIND_KEEPS_BOARD_LINKS,
    KIND_KEEPS_COMMISSIONER_LINKS,
    KIND_KEEPS_SENATE_LINKS,
    MEMBER_OF_NOT_A_COMMISSIONER,
    MEMBER_OF_NOT_A_PRACTICE,
    PRACTICE_CODE_INVALID,
    PRACTICE_WITHOUT_COMMISSIONER,
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


def clean_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        instance.clean()
    return error.value.message_dict


def test_a_practice_of_a_commissioner_with_a_practice_code_is_clean():
    PracticeFactory.build(ods_code="P81001", member_of=OrganisationFactory()).clean()


def test_only_a_gp_practice_may_be_a_member_of_a_commissioner():
    board = BoardFactory.build(member_of=OrganisationFactory())
    assert clean_errors(board) == {"member_of": [MEMBER_OF_NOT_A_PRACTICE]}


def test_a_gp_practice_must_be_a_member_of_a_commissioner():
    assert clean_errors(PracticeFactory.build(member_of=None)) == {"member_of": [PRACTICE_WITHOUT_COMMISSIONER]}


@pytest.mark.parametrize("kind", [OrganisationKind.GP_PRACTICE, OrganisationKind.HEALTH_AND_WELLBEING_BOARD])
def test_a_gp_practice_may_not_be_a_member_of_anything_but_a_commissioner(kind):
    other = OrganisationFactory(kind=kind, member_of=OrganisationFactory() if kind == "gp_practice" else None)
    assert clean_errors(PracticeFactory.build(member_of=other)) == {"member_of": [MEMBER_OF_NOT_A_COMMISSIONER]}


@pytest.mark.parametrize("code", ["P8100", "p81001", "81001P", "00R"])
def test_a_gp_practice_code_must_be_a_letter_and_five_digits(code):
    assert clean_errors(PracticeFactory.build(ods_code=code)) == {"ods_code": [PRACTICE_CODE_INVALID]}


@pytest.mark.parametrize("code", ["E07000119", "E38000015", "E0600009"])
def test_a_board_code_must_be_an_upper_tier_local_authority_code(code):
    assert clean_errors(BoardFactory.build(ons_code=code)) == {"ons_code": [BOARD_CODE_INVALID]}


@pytest.mark.parametrize("code", ["E06000009", "E08000001", "E09000007", "E10000017", None])
def test_a_board_coded_by_an_upper_tier_local_authority_or_not_yet_coded_is_clean(code):
    BoardFactory.build(ons_code=code).clean()


def test_an_area_team_organisation_must_name_its_area_team():
    face = AreaTeamOrganisationFactory.build(area_team=None)
    assert clean_errors(face) == {"area_team": [AREA_TEAM_FACE_WITHOUT_AREA_TEAM]}


def test_a_board_overlaps_commissioners_only_and_only_a_board_does():
    commissioner, board = OrganisationFactory(), BoardFactory()
    assert clean_errors(BoardCommissioner(board=board, commissioner=BoardFactory())) == {
        "commissioner": [COMMISSIONER_NOT_A_COMMISSIONER]
    }
    assert clean_errors(BoardCommissioner(board=SenateFactory(), commissioner=commissioner)) == {
        "board": [BOARD_NOT_A_BOARD]
    }
    BoardCommissioner(board=board, commissioner=commissioner).clean()


def test_only_a_clinical_senate_covers_area_teams():
    pair = SenateAreaTeam(senate=BoardFactory(), area_team=AreaTeamFactory())
    assert clean_errors(pair) == {"senate": [SENATE_NOT_A_SENATE]}


def test_a_board_with_commissioners_keeps_its_kind():
    board = BoardFactory()
    board.overlapping_commissioners.add(OrganisationFactory())
    board.kind = OrganisationKind.NATIONAL_BODY
    assert clean_errors(board) == {"kind": [KIND_KEEPS_BOARD_LINKS]}


def test_a_senate_with_area_teams_keeps_its_kind():
    senate = SenateFactory()
    senate.senate_area_teams.add(AreaTeamFactory())
    senate.kind = OrganisationKind.MEMBERSHIP_BODY
    assert clean_errors(senate) == {"kind": [KIND_KEEPS_SENATE_LINKS]}


def test_a_commissioner_with_member_practices_keeps_its_kind():
    commissioner = PracticeFactory().member_of
    commissioner.kind = OrganisationKind.SUPPORT_PROVIDER
    assert clean_errors(commissioner) == {"kind": [KIND_KEEPS_COMMISSIONER_LINKS]}


def refused_by_the_database(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_the_database_refuses_an_area_team_in_two_senates():
    area_team = AreaTeamFactory()
    SenateFactory().senate_area_teams.add(area_team)
    refused_by_the_database(lambda: SenateFactory().senate_area_teams.add(area_team))


def test_the_database_refuses_a_second_organisation_for_an_area_team():
    face = AreaTeamOrganisationFactory()
    refused_by_the_database(lambda: AreaTeamOrganisationFactory(area_team=face.area_team))


def test_the_database_refuses_an_area_team_organisation_without_an_area_team():
    refused_by_the_database(lambda: AreaTeamOrganisationFactory(area_team=None))


def test_the_database_refuses_a_practice_without_a_commissioner_and_a_member_that_is_no_practice():
    refused_by_the_database(lambda: PracticeFactory(member_of=None))
    refused_by_the_database(lambda: OrganisationFactory(member_of=OrganisationFactory()))


def test_the_database_refuses_the_same_board_and_commissioner_twice_and_a_board_overlapping_itself():
    board, commissioner = BoardFactory(), OrganisationFactory()
    BoardCommissioner.objects.create(board=board, commissioner=commissioner)
    refused_by_the_database(lambda: BoardCommissioner.objects.create(board=board, commissioner=commissioner))
    refused_by_the_database(lambda: BoardCommissioner.objects.create(board=board, commissioner=board))


def test_commissioners_of_other_kinds_may_share_an_area_team_with_its_organisation():
    face = AreaTeamOrganisationFactory()
    OrganisationFactory(area_team=face.area_team)
    assert Organisation.objects.filter(area_team=face.area_team).count() == 2
