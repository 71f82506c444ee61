"""Calculated values in results and exports: a calculation that always gives a number is a number result (mean,
median, base) and a number column in the CSV, XLSX and SPSS files; one that gives text is free text, which a
confidential wave's response-level files leave blank."""

import csv
import io

import openpyxl
import pyreadstat
import pytest

from exchange.analysis.exports import export_csv, export_sav, export_xlsx
from exchange.analysis.results import Options
from exchange.analysis.selectors import wave_results
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Confidentiality
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.authoring import wave_close, wave_open
from exchange.surveys.services.responding import draft_for_contact, draft_save_answers, response_submit
from exchange.surveys.tests.factories import ContactFactory, full_wave, rules_section

pytestmark = pytest.mark.django_db
TEAMS = [4, 6, 6, 10, 14, 20]  # `doubled` is twice each; `tag` is the role and the team size


def _answered(confidentiality: str):
    """A closed wave whose respondents each gave a team size; the calculated values worked out at submission."""
    wave = full_wave(confidentiality=confidentiality)
    rules_section(wave)
    wave.series.suppression_threshold = 1
    wave.series.save()
    wave_open(wave=wave)
    for size in TEAMS:
        draft = draft_for_contact(contact=ContactFactory(wave=wave, organisation=OrganisationFactory()))
        answers = {
            "info": "yes",
            "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"},
            "staff": "3",
            "role": "gp",
            "nhs_number": "0123456789",
            "gmc": "7654321",
            "team_size": str(size),
        }
        draft_save_answers(draft=draft, answers=answers)
        response_submit(draft_id=draft.pk, questionnaire=Questionnaire.for_wave(wave))
    return wave_close(wave=wave)


def test_a_numeric_calculation_is_a_number_result():
    wave = _answered(Confidentiality.NAMED)
    doubled = next(r for r in wave_results(wave=wave, options=Options()) if r.question.code == "doubled")
    summary = doubled.overall.summary
    assert summary["n"] == len(TEAMS)
    assert summary["mean"] == pytest.approx(2 * sum(TEAMS) / len(TEAMS))
    assert summary["median"] == pytest.approx(2 * 8)


def test_a_named_waves_files_carry_numeric_and_text_calculations(tmp_path):
    wave = _answered(Confidentiality.NAMED)
    rows = list(csv.DictReader(io.StringIO(export_csv(wave).decode("utf-8-sig"))))
    assert sorted(float(row["doubled"]) for row in rows) == [2.0 * size for size in sorted(TEAMS)]
    assert sorted(row["tag"] for row in rows) == sorted(f"gp-{size}" for size in TEAMS)
    sheet = list(openpyxl.load_workbook(io.BytesIO(export_xlsx(wave)), read_only=True)["responses"].values)
    header = list(sheet[0])
    assert sorted(float(row[header.index("doubled")]) for row in sheet[1:]) == [2.0 * s for s in sorted(TEAMS)]
    path = tmp_path / "wave.sav"
    path.write_bytes(export_sav(wave))
    frame, _ = pyreadstat.read_sav(str(path))
    assert sorted(frame["doubled"]) == [2.0 * size for size in sorted(TEAMS)]


def test_a_confidential_waves_files_leave_a_text_calculation_blank():
    wave = _answered(Confidentiality.CONFIDENTIAL)
    rows = list(csv.DictReader(io.StringIO(export_csv(wave).decode("utf-8-sig"))))
    assert len(rows) == len(TEAMS)
    assert {row["tag"] for row in rows} == {""}, "text worked out from answers is free text: withheld"


def test_a_question_coded_like_a_respondent_attribute_never_overwrites_it_in_the_files(tmp_path):
    wave = _answered(Confidentiality.NAMED)  # its questions include one coded `role`, beside the respondent's role
    rows = list(csv.DictReader(io.StringIO(export_csv(wave).decode("utf-8-sig"))))
    assert {row["q_role"] for row in rows} == {"gp"}
    assert "gp" not in {row["role"] for row in rows}
    path = tmp_path / "wave.sav"
    path.write_bytes(export_sav(wave))
    frame, _ = pyreadstat.read_sav(str(path))
    assert len(frame) == len(TEAMS), "one row per response, not one per column of a repeated name"
