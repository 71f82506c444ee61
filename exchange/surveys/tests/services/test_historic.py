import pytest
from django.core.management import CommandError, call_command

from exchange.analysis.models import AnswerTally
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Response
from exchange.surveys.services.historic import ResponseImportError, responses_import_csv

pytestmark = pytest.mark.django_db
HEADER = (
    "organisation_code,role,info,satisfied,reasons,behaviours_common_purpose,behaviours_local_leadership,"
    "behaviours_honesty,staff,why_not,comments"
)
GOOD = "00R,clinical_lead,no,dissatisfied,too_busy;price,agree,disagree,agree,12,No time,Thanks"


@pytest.fixture
def ccg(north):
    return OrganisationFactory(name="NHS Blackpool", ods_code="00R", region=north)


def data(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_good_rows_are_loaded_and_counted(wave, ccg):
    assert responses_import_csv(wave=wave, data=data(GOOD, "00R,finance_lead,yes,,,agree,agree,agree,3,,")) == 2
    assert Response.objects.count() == 2
    assert AnswerTally.objects.filter(wave_id=wave.pk).exists()


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("00R,clinical_lead,maybe,,,agree,agree,agree,3,,", "'maybe' is not an option of info"),
        (
            "00R,clinical_lead,yes,satisfied,,agree,agree,agree,3,,",
            "satisfied is answered but its routing says it was not asked",
        ),
        ("00R,clinical_lead,no,,,agree,agree,agree,3,,", "satisfied is required but not answered"),
        ("00R,clinical_lead,yes,,,agree,agree,agree,9000,,", "9000 is outside the bounds of staff"),
        ("ZZZ,clinical_lead,yes,,,agree,agree,agree,3,,", "organisation code 'ZZZ' is unknown"),
        # A free-text role could tag one respondent in every breakdown by role.
        ("00R,tag_carol_7f3a,yes,,,agree,agree,agree,3,,", "role 'tag_carol_7f3a' is not a registry role"),
        ("00R,=1+1,yes,,,agree,agree,agree,3,,", "role '=1+1' is not a registry role"),
    ],
)
def test_one_bad_row_loads_nothing_and_names_line_and_reason(wave, ccg, row, reason):
    with pytest.raises(ResponseImportError) as error:
        responses_import_csv(wave=wave, data=data(GOOD, row, GOOD))
    assert [(p.line, p.reason) for p in error.value.problems] == [(3, reason)]
    assert not Response.objects.exists()
    assert not AnswerTally.objects.exists()


def test_a_role_may_be_given_by_its_label_and_is_stored_as_the_registry_code(wave, ccg):
    responses_import_csv(wave=wave, data=data(GOOD.replace("clinical_lead", "Clinical lead")))
    assert list(Response.objects.values_list("role", flat=True)) == ["clinical_lead"]


def test_an_unknown_column_is_refused(wave, ccg):
    with pytest.raises(ResponseImportError, match="line 1: unknown column"):
        responses_import_csv(wave=wave, data=b"organisation_code,mystery\n00R,x\n")


def test_the_command_reports_the_line(wave, ccg, tmp_path):
    path = tmp_path / "historic.csv"
    path.write_bytes(data(GOOD, "00R,clinical_lead,maybe,,,agree,agree,agree,3,,"))
    with pytest.raises(CommandError, match="line 3: 'maybe' is not an option of info"):
        call_command("import_responses", f"{wave.series.slug}/{wave.slug}", str(path))
    assert not Response.objects.exists()


def _with_when(wave, *rows: str) -> bytes:
    from ..factories import when_section

    when_section(wave)
    return ("\n".join([HEADER + ",started_on,meets_at", *rows]) + "\n").encode()


def test_dates_and_times_are_loaded_as_iso_text(wave, ccg):
    from exchange.surveys.models import Answer

    responses_import_csv(wave=wave, data=_with_when(wave, GOOD + ",2013-04-01,9.05"))
    assert dict(Answer.objects.filter(text__contains="0").values_list("question__code", "text")) == {
        "started_on": "2013-04-01",
        "meets_at": "09:05",
    }


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        ("2013-02-31,", "'2013-02-31' is not a real date as YYYY-MM-DD (started_on)"),
        ("01/04/2013,", "'01/04/2013' is not a real date as YYYY-MM-DD (started_on)"),
        ("2013-04-01,25:00", "'25:00' is not a time as HH:MM (meets_at)"),
        (",09:00", "started_on is required but not answered"),
    ],
)
def test_a_date_or_time_that_cannot_be_is_refused_by_line(wave, ccg, when, reason):
    with pytest.raises(ResponseImportError) as error:
        responses_import_csv(wave=wave, data=_with_when(wave, f"{GOOD},{when}"))
    assert [(p.line, p.reason) for p in error.value.problems] == [(2, reason)]


def test_a_note_has_no_column(wave, ccg):
    with pytest.raises(ResponseImportError, match="unknown column"):
        responses_import_csv(wave=wave, data=_with_when(wave).replace(b"meets_at", b"meets_at,about_dates"))
