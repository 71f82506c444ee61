"""Notes, dates and times in XLSForms (`services.xlsform.kinds`): imported as our own kinds from .xlsx and .xls, a
note never required, nothing routed on them, an appearance that changes the question refused; exported so that
pyxform accepts the workbook, and imported again to the same questionnaire."""

import tempfile
from pathlib import Path

import pytest
from pyxform.xls2json import parse_file_to_json
from pyxform.xls2xform import convert

from exchange.surveys.models import Question, QuestionKind
from exchange.surveys.services.xlsform import XLSFormError, read_xlsform, wave_export_xlsform, wave_import_xlsform

from ..factories import full_wave, when_section
from ..helpers import structure
from ..xlsforms import FORMS, SURVEY_HEADER, YES_NO, workbook
from .test_xlsform_workbook import xls

pytestmark = pytest.mark.django_db
WHEN = FORMS["notes_dates_times"]


def _problems(rows) -> list[str]:
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(workbook(rows, YES_NO))
    return [str(problem) for problem in refused.value.problems]


def _pyxform_reads(data: bytes) -> tuple[dict, str]:
    """pyxform's JSON of the workbook, and the XForm it converts it to."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "exported.xlsx"
        path.write_bytes(data)
        return parse_file_to_json(str(path)), convert(xlsform=str(path)).xform


def test_a_note_a_date_and_a_time_import_as_our_kinds(series):
    wave = wave_import_xlsform(series=series, label="w", data=workbook(*WHEN), confidentiality="named")
    questions = {q.code: q for q in Question.objects.filter(wave=wave)}
    assert {code: q.kind for code, q in questions.items()} == {
        "intro": QuestionKind.NOTE,
        "merged": QuestionKind.SINGLE,
        "merged_on": QuestionKind.DATE,
        "meets_at": QuestionKind.TIME,
        "thanks": QuestionKind.NOTE,
    }
    # `required` on a note is ignored, as pyxform ignores it; the note's hint is kept under it.
    assert (questions["intro"].required, questions["intro"].help_text) == (False, "Give your best guess.")
    assert (questions["merged_on"].required, questions["meets_at"].required) == (True, False)
    assert [str(c) for c in questions["merged_on"].conditions.all()] == ["merged equals yes"]
    assert [str(c) for c in questions["thanks"].conditions.all()] == ["merged equals no"]


def test_the_same_form_saved_by_excel_97_imports_the_same(series):
    rows = [SURVEY_HEADER, *(row + [""] * (len(SURVEY_HEADER) - len(row)) for row in WHEN[0])]
    choices = [["list_name", "name", "label"], *([row[0], row[1], row[2]] for row in YES_NO)]
    from_xls = wave_import_xlsform(
        series=series, label="xls", data=xls({"survey": rows, "choices": choices}), confidentiality="named"
    )
    from_xlsx = wave_import_xlsform(series=series, label="xlsx", data=workbook(*WHEN), confidentiality="named")
    assert structure(from_xls) == structure(from_xlsx)


@pytest.mark.parametrize("kind", ["note", "date", "time"])
def test_nothing_is_routed_on_a_note_a_date_or_a_time(kind):
    rows = [[kind, "source", "Source"], ["text", "later", "Later?", "", "", "${source} = 'x'"]]
    assert _problems(rows) == [
        "survey sheet, row 3: relevant refers to 'source', which is not an earlier choice question"
    ]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            ["date", "d", "D?", "", "", "", "month-year"],
            "date appearance 'month-year' is not supported (dates are asked as day, month and year)",
        ),
        (
            ["date", "d", "D?", "", "", "", "no-calendar year"],
            "date appearance 'year' is not supported (dates are asked as day, month and year)",
        ),
        (
            ["date", "d", "D?", "", "", "", "ethiopian"],
            "date appearance 'ethiopian' is not supported (dates are asked as day, month and year)",
        ),
        (
            ["date", "d", "D?", "", "", "", "", ". <= decimal-date-time(today())"],
            "constraint '. <= decimal-date-time(today())': decimal-date-time() is not supported",
        ),
        (
            ["time", "t", "T?", "", "", "", "", "format-date-time(., '%H') > 9"],
            "constraint \"format-date-time(., '%H') > 9\": format-date-time() is not supported",
        ),
        (["datetime", "dt", "DT?"], "question type 'datetime' is not supported"),
        (["note", "n", ""], "the question has no label"),
    ],
)
def test_what_a_date_time_or_note_cannot_carry_is_refused_at_its_row(row, reason):
    assert _problems([row]) == [f"survey sheet, row 2: {reason}"]


def test_an_export_is_read_by_pyxform_with_our_types_and_imports_back_the_same(series):
    wave = full_wave(owner=series.owner)
    when_section(wave)
    exported = wave_export_xlsform(wave=wave)
    form, xform = _pyxform_reads(exported)
    types = {
        child["name"]: child["type"]
        for group in form["children"]
        if group.get("type") == "group"
        for child in group.get("children", [])
    }
    assert (types["about_dates"], types["started_on"], types["meets_at"]) == ("note", "date", "time")
    assert 'started_on" type="date" required="true()"' in xform and 'meets_at" type="time"' in xform
    again = wave_import_xlsform(series=series, label="again", data=exported, confidentiality="named")
    assert structure(again) == structure(wave)
