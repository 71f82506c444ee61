"""Writing an XLSForm (`services.xlsform.writing`): a wave exports to a workbook that reads back to the same
questionnaire, with no live formula in it."""

import io

import openpyxl
import pytest

from exchange.surveys.models import QuestionKind
from exchange.surveys.services.authoring import OptionSpec, question_create, section_create, wave_create
from exchange.surveys.services.xlsform import wave_export_xlsform, wave_import_xlsform

from ..helpers import structure
from ..xlsforms import FORMS, workbook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_fixture_form_imports_and_round_trips(series, name):
    survey, choices = FORMS[name]
    wave = wave_import_xlsform(
        series=series, label=name, data=workbook(survey, choices), confidentiality="confidential"
    )
    assert wave.questions.exists()
    again = wave_import_xlsform(
        series=series, label=f"{name} again", data=wave_export_xlsform(wave=wave), confidentiality="confidential"
    )
    assert structure(again) == structure(wave)


def test_labels_that_look_like_formulas_are_text_in_the_workbook_and_come_back_unchanged(series):
    wave = wave_create(series=series, label="risky", confidentiality="confidential")
    section = section_create(wave=wave, title="=SUM(1)", code="risky")
    question_create(
        section=section,
        code="pick",
        kind=QuestionKind.SINGLE,
        text='=HYPERLINK("http://evil.example","x")',
        help_text="@SUM(1)",
        options=[OptionSpec("-9", "- None of these -"), OptionSpec("a", "+1 more")],
    )
    exported = wave_export_xlsform(wave=wave)
    cells = [
        cell for sheet in openpyxl.load_workbook(io.BytesIO(exported)) for row in sheet.iter_rows() for cell in row
    ]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert {"'=SUM(1)", '\'=HYPERLINK("http://evil.example","x")', "'@SUM(1)", "'- None of these -"} <= values
    assert "-9" in values  # a numeric code is not text a spreadsheet could run
    again = wave_import_xlsform(series=series, label="risky again", data=exported, confidentiality="confidential")
    assert structure(again) == structure(wave)
