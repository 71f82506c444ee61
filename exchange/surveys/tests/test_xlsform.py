import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from exchange.surveys.models import ConditionOperator, Question, QuestionKind, Wave
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.authoring import OptionSpec, question_create, section_create, series_create, wave_create
from exchange.surveys.services.xlsform import XLSFormError, wave_export_xlsform, wave_import_xlsform

from .xlsforms import AGREE, FORMS, YES_NO, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(owner_and_analyst):
    return series_create(owner=owner_and_analyst[0], title="Test series")


def structure(wave: Wave) -> list:
    """Everything that defines a questionnaire, without database ids."""
    questionnaire = Questionnaire.load(wave)
    return [
        (
            section.code,
            section.title,
            [
                (
                    q.code,
                    q.kind,
                    q.text,
                    q.help_text,
                    q.required,
                    q.min_value,
                    q.max_value,
                    q.whole_number,
                    [(o.code, o.label, o.is_positive, o.excluded_from_base) for o in q.options.all()],
                    [(i.code, i.text) for i in q.grid_items.all()],
                    sorted((c.source.code, c.operator, tuple(sorted(c.values))) for c in q.conditions.all()),
                )
                for q in questionnaire.questions_by_section[section.id]
            ],
        )
        for section in questionnaire.sections
    ]


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


def test_every_type_and_routing_form_is_mapped(series):
    wave = wave_import_xlsform(series=series, label="all", data=workbook(*FORMS["every_type"]), confidentiality="named")
    kinds = dict(wave.questions.values_list("code", "kind"))
    assert kinds == {
        "info": QuestionKind.SINGLE,
        "satisfied": QuestionKind.LIKERT,
        "why": QuestionKind.MULTIPLE,
        "staff": QuestionKind.NUMBER,
        "budget": QuestionKind.NUMBER,
        "name_of_csu": QuestionKind.SHORT_TEXT,
        "comments": QuestionKind.LONG_TEXT,
        "behaviours": QuestionKind.LIKERT_GRID,
    }
    satisfied = Question.objects.get(wave=wave, code="satisfied")
    assert [(c.source.code, c.operator, c.values) for c in satisfied.conditions.all()] == [
        ("info", ConditionOperator.EQUALS, ["no"])
    ]
    why = Question.objects.get(wave=wave, code="why").conditions.get()
    assert (why.operator, sorted(why.values)) == (ConditionOperator.ANY_OF, ["no", "yes"])
    assert Question.objects.get(wave=wave, code="comments").conditions.get().operator == ConditionOperator.NOT
    staff = Question.objects.get(wave=wave, code="staff")
    assert (staff.min_value, staff.max_value, staff.whole_number, staff.required) == (0, 500, True, True)
    assert not Question.objects.get(wave=wave, code="budget").whole_number
    grid = Question.objects.get(wave=wave, code="behaviours")
    assert [i.code for i in grid.grid_items.all()] == ["common_purpose", "honesty"]
    assert grid.options.get(code="dk").excluded_from_base
    assert grid.options.get(code="sa").is_positive
    assert Question.objects.get(wave=wave, code="info").help_text == "Pick one"


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([["date", "when", "When?"]], "survey sheet, row 2: question type 'date' is not supported"),
        (
            [
                ["select_one yn", "a", "A?"],
                ["select_one yn", "b", "B?"],
                ["text", "c", "C", "", "", "${a} = 'yes' or ${b} = 'no'"],
            ],
            "survey sheet, row 4: relevant \"${a} = 'yes' or ${b} = 'no'\" cannot be represented: "
            "'or' may only join options of the same question",
        ),
        (
            [["text", "t", "T?", "", "", "", "", "string-length(.) < 10"]],
            "survey sheet, row 2: constraints are only supported on numbers",
        ),
        (
            [["integer", "n", "N?", "", "", "", "", ". > 3"]],
            "survey sheet, row 2: constraint '. > 3' is not supported (use '. >= a and . <= b')",
        ),
        ([["geopoint", "where", "Where?"]], "survey sheet, row 2: question type 'geopoint' is not supported"),
    ],
)
def test_an_unsupported_construct_is_refused_with_sheet_row_and_reason(series, rows, reason):
    with pytest.raises(XLSFormError) as error:
        wave_import_xlsform(series=series, label="bad", data=workbook(rows, YES_NO + AGREE), confidentiality="named")
    assert reason in [str(problem) for problem in error.value.problems]
    assert not Wave.objects.filter(label="bad").exists()


def test_every_problem_is_listed_at_once(series):
    rows = [["date", "d", "D?"], ["select_one yn", "ok", "OK?"], ["geopoint", "g", "G?"]]
    with pytest.raises(XLSFormError) as error:
        wave_import_xlsform(series=series, label="bad", data=workbook(rows, YES_NO), confidentiality="named")
    assert [problem.row for problem in error.value.problems] == [2, 4]


def test_a_file_that_is_not_a_workbook_is_refused(series):
    with pytest.raises(XLSFormError, match="not an .xlsx workbook"):
        wave_import_xlsform(series=series, label="bad", data=b"not a spreadsheet", confidentiality="named")


def test_the_command_imports_and_reports_problems(series, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(*FORMS["numbers"]))
    call_command("import_xlsform", str(good), "--series", series.slug, "--wave", "2014")
    assert "with 3 questions" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([["date", "when", "When?"]], []))
    with pytest.raises(CommandError, match="survey sheet, row 2: question type 'date' is not supported"):
        call_command("import_xlsform", str(bad), "--series", series.slug, "--wave", "2015")


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
