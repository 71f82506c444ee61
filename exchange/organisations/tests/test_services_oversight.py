"""Good files of oversight bodies are loaded whole and, loaded again, change nothing. (Bad files: the refusal tests.)"""

import pytest
from django.conf import settings

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError
from exchange.organisations.models import AreaTeam, Organisation, OrganisationKind
from exchange.organisations.selectors import (
    area_team_organisation,
    board_commissioners,
    boards_overlapping,
    member_practices,
    senate_for,
)
from exchange.organisations.services import (
    ImportResult,
    area_team_organisations_ensure,
    organisations_import,
    oversight_bodies_import,
)

from .factories import AreaTeamFactory, BoardFactory, OrganisationFactory
from .helpers import csv_file, oversight_snapshot

pytestmark = pytest.mark.django_db

BOARDS = [
    "ons_code,name,commissioner_ons_codes",
    "E06000009,Blackpool Health and Wellbeing Board,E38000015",
    "E10000017,Lancashire Health and Wellbeing Board,E38000060; E38000015",
]
SENATES = [
    "name,area_team_ons_codes",
    '"Greater Manchester, Lancashire and South Cumbria Clinical Senate",E39000003;E39000004',
    "London Clinical Senate,E39000018",
]
PRACTICES = [
    "ods_code,name,commissioner_ons_code",
    "P81901,Promenade Medical Practice,E38000015",
    "P81902,North Shore Surgery,E38000015",
    "P82001,Thornton Surgery,E38000060",
]
GOOD_FILES = {"boards": BOARDS, "senates": SENATES, "practices": PRACTICES}


def names(organisations) -> list[str]:
    return [organisation.name for organisation in organisations]


def test_a_good_boards_file_creates_each_board_with_its_local_authority_code_and_commissioners(
    little_registry, tmp_path
):
    result = oversight_bodies_import(boards=csv_file(tmp_path, "boards.csv", *BOARDS))
    assert result.boards == ImportResult(created=2, updated=0, unchanged=0)
    lancashire = Organisation.objects.get(ons_code="E10000017")
    assert lancashire.kind == OrganisationKind.HEALTH_AND_WELLBEING_BOARD
    assert names(board_commissioners(lancashire)) == ["NHS Blackpool", "NHS Fylde & Wyre"]
    assert lancashire.region == little_registry["lancashire"].region


def test_a_good_senates_file_creates_each_senate_with_the_area_teams_it_covers(little_registry, tmp_path):
    result = oversight_bodies_import(senates=csv_file(tmp_path, "senates.csv", *SENATES))
    assert result.senates == ImportResult(created=2, updated=0, unchanged=0)
    senate = Organisation.objects.get(name="Greater Manchester, Lancashire and South Cumbria Clinical Senate")
    assert senate.kind == OrganisationKind.CLINICAL_SENATE
    assert set(senate.senate_area_teams.all()) == {little_registry["lancashire"], little_registry["manchester"]}


def test_a_good_practices_file_makes_each_practice_a_member_of_its_commissioner_in_its_place(little_registry, tmp_path):
    result = oversight_bodies_import(practices=csv_file(tmp_path, "practices.csv", *PRACTICES))
    assert result.practices == ImportResult(created=3, updated=0, unchanged=0)
    practice = Organisation.objects.get(ods_code="P81901")
    assert practice.kind == OrganisationKind.GP_PRACTICE
    assert practice.member_of == little_registry["blackpool"]
    assert (practice.area_team, practice.region) == (little_registry["lancashire"], little_registry["blackpool"].region)


@pytest.mark.parametrize("kind", ["boards", "senates", "practices"])
def test_importing_a_good_file_twice_changes_nothing(little_registry, tmp_path, kind):
    path = csv_file(tmp_path, f"{kind}.csv", *GOOD_FILES[kind])
    oversight_bodies_import(**{kind: path})
    before = oversight_snapshot()
    result = oversight_bodies_import(**{kind: path})
    counts = getattr(result, kind)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, len(GOOD_FILES[kind]) - 1)
    assert oversight_snapshot() == before


def test_a_changed_boards_file_renames_and_replaces_the_commissioners_of_only_the_boards_that_changed(
    little_registry, tmp_path
):
    oversight_bodies_import(boards=csv_file(tmp_path, "boards.csv", *BOARDS))
    changed = [
        BOARDS[0],
        "E06000009,Blackpool HWB,E38000015",
        "E10000017,Lancashire Health and Wellbeing Board,E38000060",
    ]
    result = oversight_bodies_import(boards=csv_file(tmp_path, "changed.csv", *changed))
    assert result.boards == ImportResult(created=0, updated=2, unchanged=0)
    assert Organisation.objects.get(ons_code="E06000009").name == "Blackpool HWB"
    assert names(boards_overlapping(little_registry["blackpool"])) == ["Blackpool HWB"]


def test_an_area_team_may_move_between_two_senates_named_in_the_same_file(little_registry, tmp_path):
    oversight_bodies_import(senates=csv_file(tmp_path, "senates.csv", *SENATES))
    moved = [SENATES[0], SENATES[1].replace(";E39000004", ""), "London Clinical Senate,E39000018;E39000004"]
    result = oversight_bodies_import(senates=csv_file(tmp_path, "moved.csv", *moved))
    assert result.senates == ImportResult(created=0, updated=2, unchanged=0)
    assert senate_for(little_registry["blackpool"]).name == "London Clinical Senate"


def test_a_board_entered_by_name_without_its_code_is_given_the_code_not_duplicated(little_registry, tmp_path):
    board = BoardFactory(name="Blackpool Health and Wellbeing Board", ons_code=None)
    result = oversight_bodies_import(boards=csv_file(tmp_path, "boards.csv", *BOARDS[:2]))
    assert result.boards == ImportResult(created=0, updated=1, unchanged=0)
    board.refresh_from_db()
    assert board.ons_code == "E06000009"
    assert Organisation.objects.filter(kind=OrganisationKind.HEALTH_AND_WELLBEING_BOARD).count() == 1


def test_all_three_files_load_in_one_import_with_one_audit_event_of_counts(little_registry, tmp_path):
    files = {kind: csv_file(tmp_path, f"{kind}.csv", *lines) for kind, lines in GOOD_FILES.items()}
    oversight_bodies_import(**files)
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATIONS_IMPORTED)
    assert event.details["files"] == {kind: str(path) for kind, path in files.items()}
    assert event.details["practices"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert event.details["source"] == "oversight bodies"


def test_each_area_team_gets_one_organisation_named_and_coded_after_it(little_registry):
    result = area_team_organisations_ensure()
    assert result == ImportResult(created=3, updated=0, unchanged=0)
    face = area_team_organisation(little_registry["blackpool"])
    assert face.name == "NHS England Lancashire Area Team"
    assert (face.ons_code, face.ods_code, face.area_team) == ("E39000004", "Q47", little_registry["lancashire"])
    assert area_team_organisations_ensure() == ImportResult(created=0, updated=0, unchanged=3)


def test_an_area_team_renamed_in_the_registry_renames_its_organisation(little_registry):
    area_team_organisations_ensure()
    AreaTeam.objects.filter(ons_code="E39000004").update(name="Lancashire and South Cumbria")
    assert area_team_organisations_ensure() == ImportResult(created=0, updated=1, unchanged=2)
    assert area_team_organisation(little_registry["fylde"]).name == "NHS England Lancashire and South Cumbria Area Team"


def test_the_import_makes_the_area_team_organisations_when_asked(little_registry, tmp_path):
    result = oversight_bodies_import(area_teams=True)
    assert result.area_teams == ImportResult(created=3, updated=0, unchanged=0)
    assert Organisation.objects.filter(kind=OrganisationKind.AREA_TEAM).count() == 3


def test_an_area_team_whose_code_another_organisation_holds_gets_no_organisation(little_registry):
    OrganisationFactory(name="Misfiled", kind=OrganisationKind.NATIONAL_BODY, ods_code="Q71")
    AreaTeamFactory()
    with pytest.raises(ApplicationError, match="Area team London: the code Q71 belongs to 'Misfiled' already"):
        area_team_organisations_ensure()
    assert not Organisation.objects.filter(kind=OrganisationKind.AREA_TEAM).exists()


def test_the_shipped_demo_files_load_onto_the_2013_registry(db):
    organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
    folder = settings.BASE_DIR / "data" / "organisations"
    oversight_bodies_import(
        boards=folder / "boards.csv",
        senates=folder / "senates.csv",
        practices=folder / "practices.csv",
        area_teams=True,
    )
    blackpool = Organisation.objects.get(name="NHS Blackpool")
    assert names(boards_overlapping(blackpool)) == ["Blackpool Health and Wellbeing Board"]
    assert Organisation.objects.get(name="Blackpool Health and Wellbeing Board").ons_code == "E06000009"
    assert senate_for(blackpool).name == "Greater Manchester, Lancashire and South Cumbria Clinical Senate"
    assert member_practices(blackpool).count() == 5
    assert area_team_organisation(blackpool).name == "NHS England Lancashire Area Team"
