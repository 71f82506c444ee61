"""`manage.py import_oversight_bodies`: the exit status and what it prints."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from exchange.organisations.management.commands.import_oversight_bodies import Command
from exchange.organisations.models import Organisation, OrganisationKind

from .helpers import csv_file, oversight_snapshot
from .test_services_oversight import GOOD_FILES

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_oversight_bodies", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_the_files_given_and_prints_the_counts(little_registry, tmp_path):
    boards = csv_file(tmp_path, "boards.csv", *GOOD_FILES["boards"])
    practices = csv_file(tmp_path, "practices.csv", *GOOD_FILES["practices"])
    out, err = run("--boards", str(boards), "--practices", str(practices), "--area-teams")
    assert out.splitlines() == [
        "Boards: 2 created, 0 updated, 0 unchanged.",
        "Practices: 3 created, 0 updated, 0 unchanged.",
        "Area teams: 3 created, 0 updated, 0 unchanged.",
    ]
    assert err == ""
    assert not Organisation.objects.filter(kind=OrganisationKind.CLINICAL_SENATE).exists()


def test_a_refused_import_prints_every_problem_as_file_line_reason_and_exits_non_zero(little_registry, tmp_path):
    boards = csv_file(tmp_path, "boards.csv", *GOOD_FILES["boards"])
    senates = csv_file(
        tmp_path, "senates.csv", "name,area_team_ons_codes", "North,E39000004", "South,E39000004", ",E39000099"
    )
    before = oversight_snapshot()
    err = StringIO()
    with pytest.raises(CommandError, match=r"^Nothing was imported: 3 problem\(s\) in the files\.$") as error:
        call_command("import_oversight_bodies", "--boards", str(boards), "--senates", str(senates), stderr=err)
    assert error.value.returncode == 1  # what `manage.py` exits with
    assert err.getvalue().splitlines() == [
        f"{senates} line 3: area team E39000004 is already in 'North' (line 2)",
        f"{senates} line 4: name is empty",
        f"{senates} line 4: area team E39000099 is not in the registry",
    ]
    assert oversight_snapshot() == before


def test_the_command_without_any_file_asks_for_one(db):
    with pytest.raises(CommandError, match="Give at least one of --boards, --senates, --practices or --area-teams"):
        run()


def test_a_missing_file_is_named_and_nothing_imported(little_registry, tmp_path):
    boards = csv_file(tmp_path, "boards.csv", *GOOD_FILES["boards"])
    missing, err = tmp_path / "none.csv", StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_oversight_bodies", "--boards", str(boards), "--practices", str(missing), stderr=err)
    assert err.getvalue() == f"{missing}: the file is missing\n"
    assert not Organisation.objects.filter(kind=OrganisationKind.HEALTH_AND_WELLBEING_BOARD).exists()


def test_the_help_gives_the_format_of_each_file():
    help_text = Command().create_parser("manage.py", "import_oversight_bodies").format_help()
    for header in [
        "ons_code,name,commissioner_ons_codes",
        "name,area_team_ons_codes",
        "ods_code,name,commissioner_ons_code",
    ]:
        assert header in help_text
