import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.organisations.models import AreaTeam, Organisation, OrganisationKind, Region
from exchange.organisations.reference_files import ReferenceFileError
from exchange.organisations.services import organisations_import

pytestmark = pytest.mark.django_db


def registry_snapshot() -> list[tuple]:
    return (
        list(Region.objects.order_by("ons_code").values_list("ons_code", "name", "updated_at"))
        + list(AreaTeam.objects.order_by("ons_code").values_list("ons_code", "ods_code", "name", "updated_at"))
        + list(Organisation.objects.order_by("slug").values_list("slug", "name", "ods_code", "region_id", "updated_at"))
    )


def rewrite_line(path, line_number: int, new_text: str, encoding="utf-8") -> None:
    raw = path.read_bytes().decode(encoding)
    separator = "\r\n" if "\r\n" in raw else "\r"
    lines = raw.split(separator)
    lines[line_number - 1] = new_text
    path.write_bytes(separator.join(lines).encode(encoding))


def test_import_loads_4_regions_25_area_teams_and_211_ccgs(registry):
    assert Region.objects.count() == 4
    assert AreaTeam.objects.count() == 25
    assert Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).count() == 211
    assert set(Region.objects.values_list("name", flat=True)) == {
        "North of England",
        "Midlands and East of England",
        "London",
        "South of England",
    }


def test_import_places_each_ccg_in_its_area_team_and_region(registry):
    blackpool = Organisation.objects.get(ods_code="00R")
    assert blackpool.name == "NHS Blackpool"
    assert blackpool.ons_code == "E38000015"
    assert blackpool.area_team.name == "Lancashire"
    assert blackpool.area_team.ods_code == "Q47"
    assert blackpool.region.name == "North of England"


def test_import_cleans_trailing_spaces_and_curly_apostrophes(registry):
    assert Organisation.objects.filter(name="NHS Wakefield").exists()
    assert Organisation.objects.filter(name="NHS South West Lincolnshire").exists()
    assert Organisation.objects.filter(
        name="NHS West London (Kensington and Chelsea, Queen's Park and Paddington)"
    ).exists()
    assert not Organisation.objects.filter(name__endswith=" ").exists()
    assert not Organisation.objects.filter(name__contains="\u2019").exists()


def test_area_team_codes_come_from_the_cr_only_file(registry):
    assert AreaTeam.objects.filter(ods_code__startswith="Q").count() == 25


def test_running_the_import_again_changes_nothing(registry):
    before = registry_snapshot()
    result = organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == 4 + 25 + 211
    assert registry_snapshot() == before


def test_import_writes_an_audit_event_with_counts(registry):
    event = AuditEvent.objects.get(action=AuditAction.ORGANISATIONS_IMPORTED)
    assert event.details["commissioners"] == 211
    assert event.details["created"] == 240


@pytest.mark.parametrize(
    ("file_name", "line", "bad_text", "encoding", "reason"),
    [
        ("CCG_APR_2013.csv", 10, "E38000009,TOOLONG,NHS Bad", "cp1252", "ODS code 'TOOLONG' is not valid"),
        ("CCG_APR_2013.csv", 12, "E38000011,03V", "cp1252", "expected 3 fields, found 2"),
        (
            "CCG13_NHSAT13_NHSCR13_EW_LU.csv",
            5,
            "E38000004,NHS Barking & Dagenham,E39000099,Nowhere,E40000003,London",
            "utf-8",
            "area team E39000099 is not in the area team files",
        ),
        (
            "CCG13_NHSAT13_NHSCR13_EW_LU.csv",
            7,
            "E38000006,NHS Barnsley,E39000008,South Yorkshire,E40000001,",
            "utf-8",
            "NHSCR13NM is empty",
        ),
        ("NHSAT_APR_2013_EN_NC.csv", 3, "X39000002,Durham", "utf-8", "area team code 'X39000002' is not valid"),
        ("at.csv", 4, "E39000003,Q4,Greater Manchester", "utf-8", "ODS code 'Q4' is not valid"),
    ],
)
def test_a_malformed_file_is_refused_naming_file_and_line(reference_dir, file_name, line, bad_text, encoding, reason):
    rewrite_line(reference_dir / file_name, line, bad_text, encoding)
    with pytest.raises(ReferenceFileError) as error:
        organisations_import(directory=reference_dir)
    assert str(error.value) == f"{file_name}, line {line}: {reason}"


def test_a_refused_import_leaves_the_registry_unchanged(registry, reference_dir):
    before = registry_snapshot()
    # A renamed CCG early in the file and a broken row late in it: the rename must not survive.
    rewrite_line(reference_dir / "CCG_APR_2013.csv", 2, 'E38000001,02N,"NHS Airedale Renamed"', "cp1252")
    rewrite_line(
        reference_dir / "CCG13_NHSAT13_NHSCR13_EW_LU.csv",
        2,
        'E38000001,"NHS Airedale Renamed",E39000009,West Yorkshire,E40000001,North of England',
    )
    rewrite_line(
        reference_dir / "CCG13_NHSAT13_NHSCR13_EW_LU.csv",
        200,
        "E38000199,NHS Nowhere,E39000009,West Yorkshire,E40000001,North of England",
    )
    with pytest.raises(ReferenceFileError):
        organisations_import(directory=reference_dir)
    assert registry_snapshot() == before
    assert AuditEvent.objects.filter(action=AuditAction.ORGANISATIONS_IMPORTED).count() == 1


def test_a_missing_column_is_named(reference_dir):
    path = reference_dir / "NHSAT_APR_2013_EN_NC.csv"
    rewrite_line(path, 1, "NHSAT13CD,NAME")
    with pytest.raises(ReferenceFileError, match=r"NHSAT_APR_2013_EN_NC.csv, line 1: missing column\(s\): NHSAT13NM"):
        organisations_import(directory=reference_dir)


def test_a_missing_file_is_named(reference_dir):
    (reference_dir / "at.csv").unlink()
    with pytest.raises(ReferenceFileError, match="at.csv: the file is missing"):
        organisations_import(directory=reference_dir)


def test_a_ccg_without_a_region_is_refused(reference_dir):
    path = reference_dir / "CCG13_NHSAT13_NHSCR13_EW_LU.csv"
    rewrite_line(path, 212, "")
    with pytest.raises(ReferenceFileError, match="no area team or region for CCG"):
        organisations_import(directory=reference_dir)


def test_the_command_reports_file_and_line_and_imports_nothing(reference_dir):
    rewrite_line(reference_dir / "CCG_APR_2013.csv", 20, "E38000019,0!!,NHS Bad", "cp1252")
    with pytest.raises(CommandError, match=r"Nothing was imported\. CCG_APR_2013.csv, line 20: ODS code '0!!'"):
        call_command("import_organisations", str(reference_dir))
    assert Organisation.objects.count() == 0
    assert Region.objects.count() == 0


def test_the_command_imports_the_shipped_files(capsys):
    call_command("import_organisations", str(settings.ORGANISATION_REFERENCE_DIR))
    assert "240 created, 0 updated, 0 unchanged" in capsys.readouterr().out
