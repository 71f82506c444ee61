"""Bad files of oversight bodies are refused whole: nothing is written, and every problem is listed with its line.

Each bad file starts with a good line that would change the registry (a rename of what the first import made),
so that a half-done import would show."""

import pytest

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.organisations.oversight_files import BOARD_CODE_INVALID
from exchange.organisations.services import OversightImportRefused, oversight_bodies_import

from .factories import OrganisationFactory, SenateFactory
from .helpers import csv_file, oversight_snapshot
from .test_services_oversight import GOOD_FILES

pytestmark = pytest.mark.django_db

BOARD_HEADER, SENATE_HEADER, PRACTICE_HEADER = (GOOD_FILES[kind][0] for kind in ["boards", "senates", "practices"])
RENAMED = {
    "boards": "E06000009,Blackpool Renamed Board,E38000015",
    "senates": '"Greater Manchester, Lancashire and South Cumbria Clinical Senate",E39000003',
    "practices": "P81901,Promenade Renamed Practice,E38000015",
}

BAD_FILES = {
    "board of an unknown commissioner": (
        "boards",
        [BOARD_HEADER, RENAMED["boards"], "E10000017,Lancashire Health and Wellbeing Board,E38000060;E38000999"],
        ["line 3: commissioner E38000999 is not in the registry"],
    ),
    "board of a lower-tier authority's and a CCG's code": (
        "boards",
        [BOARD_HEADER, RENAMED["boards"], "E07000119,Fylde Board,E38000060", "E38000015,Odd Board,E38000015"],
        [
            f"line 3: {BOARD_CODE_INVALID.format(code='E07000119')}",
            f"line 4: {BOARD_CODE_INVALID.format(code='E38000015')}",
        ],
    ),
    "board twice, and a commissioner listed twice": (
        "boards",
        [
            BOARD_HEADER,
            RENAMED["boards"],
            "E10000017,Lancashire Board,E38000060;E38000060",
            "E06000009,Again,E38000015",
        ],
        ["line 3: commissioner E38000060 is listed twice", "line 4: board 'E06000009' appears twice (first on line 2)"],
    ),
    "board with a missing column": (
        "boards",
        ["ons_code,name", "E06000009,Blackpool Health and Wellbeing Board"],
        ["line 1: missing column(s): commissioner_ons_codes"],
    ),
    "board with an empty name and no commissioners": (
        "boards",
        [BOARD_HEADER, RENAMED["boards"], "E10000017, ,", "E06000008,Blackburn Board,;"],
        [
            "line 3: name is empty",
            "line 3: commissioner_ons_codes is empty",
            "line 4: commissioner_ons_codes is empty",
        ],
    ),
    "board with a bad commissioner code and a field too many": (
        "boards",
        [BOARD_HEADER, RENAMED["boards"], "E10000017,Lancashire Board,00R", "E06000008,Blackburn,E38000014,extra"],
        [
            "line 3: commissioner code '00R' is not a CCG code (E38 and 6 digits)",
            "line 4: expected 3 fields, found 4",
        ],
    ),
    "area team in two senates": (
        "senates",
        [SENATE_HEADER, RENAMED["senates"], "North Clinical Senate,E39000004", "Other Clinical Senate,E39000004"],
        [
            "line 4: area team E39000004 is already in 'North Clinical Senate' (line 3)",
        ],
    ),
    "senate of an unknown and a malformed area team": (
        "senates",
        [SENATE_HEADER, RENAMED["senates"], "London Clinical Senate,E39000099;Q71"],
        [
            "line 3: area team E39000099 is not in the registry",
            "line 3: area team code 'Q71' is not an area team code (E39 and 6 digits)",
        ],
    ),
    "senate twice and a senate without a name": (
        "senates",
        [
            SENATE_HEADER,
            RENAMED["senates"],
            "London Clinical Senate,E39000018",
            "London Clinical Senate,E39000004",
            ",E39000004",
        ],
        [
            "line 4: senate 'London Clinical Senate' appears twice (first on line 3)",
            "line 5: name is empty",
            "line 5: area team E39000004 is already in 'London Clinical Senate' (line 4)",
        ],
    ),
    "senate with a missing column": (
        "senates",
        ["name,area_teams", "London Clinical Senate,E39000018"],
        ["line 1: missing column(s): area_team_ons_codes", "line 1: unexpected column(s): area_teams"],
    ),
    "practice of an unknown commissioner and of a non-CCG code": (
        "practices",
        [PRACTICE_HEADER, RENAMED["practices"], "P81903,Stanley Surgery,E38000999", "P81904,Moss Surgery,00R"],
        [
            "line 3: commissioner E38000999 is not in the registry",
            "line 4: commissioner code '00R' is not a CCG code (E38 and 6 digits)",
        ],
    ),
    "practice codes of the wrong shape": (
        "practices",
        [PRACTICE_HEADER, RENAMED["practices"], "P8190,Short Surgery,E38000015", "p81905,Lower Surgery,E38000015"],
        [
            "line 3: ods_code 'P8190' is not a GP practice code (a capital letter and 5 digits)",
            "line 4: ods_code 'p81905' is not a GP practice code (a capital letter and 5 digits)",
        ],
    ),
    "practice twice and a practice without a name": (
        "practices",
        [
            PRACTICE_HEADER,
            RENAMED["practices"],
            "P81903,Stanley Surgery,E38000015",
            "P81903,Again,E38000015",
            "P81906,,E38000015",
        ],
        ["line 4: practice 'P81903' appears twice (first on line 3)", "line 5: name is empty"],
    ),
    "practice with a missing column": (
        "practices",
        ["ods_code,name", "P81901,Promenade Medical Practice"],
        ["line 1: missing column(s): commissioner_ons_code"],
    ),
}


@pytest.fixture
def imported(little_registry, tmp_path) -> list[tuple]:
    """The good files imported once; the registry as it then stood."""
    oversight_bodies_import(
        **{kind: csv_file(tmp_path, f"good-{kind}.csv", *lines) for kind, lines in GOOD_FILES.items()}
    )
    return oversight_snapshot()


@pytest.mark.parametrize(("kind", "lines", "problems"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_whole_with_every_problem_and_its_line(imported, tmp_path, kind, lines, problems):
    path = csv_file(tmp_path, f"{kind}.csv", *lines)
    with pytest.raises(OversightImportRefused) as refusal:
        oversight_bodies_import(**{kind: path})
    assert [str(problem) for problem in refusal.value.problems] == [f"{path} {problem}" for problem in problems]
    assert refusal.value.message == f"Nothing was imported: {len(problems)} problem(s) in the files."
    assert oversight_snapshot() == imported
    assert AuditEvent.objects.filter(action=AuditAction.ORGANISATIONS_IMPORTED).count() == 1


def test_a_problem_in_one_file_refuses_the_good_files_given_with_it(little_registry, tmp_path):
    boards = csv_file(tmp_path, "boards.csv", *GOOD_FILES["boards"])
    senates = csv_file(tmp_path, "senates.csv", *GOOD_FILES["senates"])
    practices = csv_file(
        tmp_path, "practices.csv", PRACTICE_HEADER, "P81901,Good Surgery,E38000015", "P1,Bad,E38000015"
    )
    before = oversight_snapshot()
    with pytest.raises(OversightImportRefused) as refusal:
        oversight_bodies_import(boards=boards, senates=senates, practices=practices)
    assert [problem.line for problem in refusal.value.problems] == [3]
    assert oversight_snapshot() == before


def test_problems_of_several_files_are_all_listed_file_by_file(little_registry, tmp_path):
    boards = csv_file(tmp_path, "boards.csv", BOARD_HEADER, "E06000009,,E38000015")
    practices = csv_file(tmp_path, "practices.csv", PRACTICE_HEADER, "P81901,Surgery,E38000999")
    with pytest.raises(OversightImportRefused) as refusal:
        oversight_bodies_import(boards=boards, practices=practices)
    assert [str(problem) for problem in refusal.value.problems] == [
        f"{boards} line 2: name is empty",
        f"{practices} line 2: commissioner E38000999 is not in the registry",
    ]


def test_an_area_team_held_by_a_senate_the_file_does_not_name_is_refused(little_registry, tmp_path):
    SenateFactory(name="Older Clinical Senate").senate_area_teams.add(little_registry["london"])
    path = csv_file(tmp_path, "senates.csv", SENATE_HEADER, "London Clinical Senate,E39000018")
    with pytest.raises(OversightImportRefused) as refusal:
        oversight_bodies_import(senates=path)
    assert [problem.reason for problem in refusal.value.problems] == [
        "area team E39000018 is in 'Older Clinical Senate', which this file does not name"
    ]


def test_a_code_held_by_an_organisation_of_another_kind_is_refused(little_registry, tmp_path):
    OrganisationFactory(name="A Provider", kind="support_provider", ods_code="P81901")
    path = csv_file(tmp_path, "practices.csv", PRACTICE_HEADER, "P81901,Promenade Medical Practice,E38000015")
    with pytest.raises(OversightImportRefused) as refusal:
        oversight_bodies_import(practices=path)
    assert [problem.reason for problem in refusal.value.problems] == [
        "P81901 belongs to 'A Provider', which is not a GP practice"
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, ": the file is missing"),
        ("", ": the file is empty"),
        (BOARD_HEADER + "\n", ": the file has no data rows"),
    ],
)
def test_a_missing_or_empty_file_is_refused(little_registry, tmp_path, content, problem):
    path = tmp_path / "boards.csv"
    if content is not None:
        path.write_text(content)
    with pytest.raises(OversightImportRefused) as refusal:
        oversight_bodies_import(boards=path)
    assert [str(problem) for problem in refusal.value.problems] == [f"{path}{problem}"]
