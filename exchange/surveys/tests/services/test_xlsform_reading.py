"""Reading an XLSForm (`services.xlsform.reading`): every construct mapped, or every problem named by sheet and row
and nothing imported; the import_xlsform command reports them."""

import pytest
from django.core.management import CommandError, call_command

from exchange.surveys.models import ConditionOperator, Question, QuestionKind, Wave
from exchange.surveys.services.xlsform import XLSFormError, read_xlsform, wave_export_xlsform, wave_import_xlsform

from ..helpers import structure
from ..xlsforms import AGREE, FORMS, YES_NO, workbook

pytestmark = pytest.mark.django_db


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
        ([["datetime", "when", "When?"]], "survey sheet, row 2: question type 'datetime' is not supported"),
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
            [["text", "t", "T?", "", "", "", "", "pulldata('staff', 'id', .) != ''"]],
            "survey sheet, row 2: constraint \"pulldata('staff', 'id', .) != ''\": pulldata() is not supported",
        ),
        (
            [["integer", "n", "N?", "", "", "", "", ". > ${n}"]],
            "survey sheet, row 2: constraint '. > ${n}': ${n} is not an earlier question of the form",
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
    rows = [["datetime", "d", "D?"], ["select_one yn", "ok", "OK?"], ["geopoint", "g", "G?"]]
    with pytest.raises(XLSFormError) as error:
        wave_import_xlsform(series=series, label="bad", data=workbook(rows, YES_NO), confidentiality="named")
    assert [problem.row for problem in error.value.problems] == [2, 4]


def test_a_file_that_is_not_a_workbook_is_refused(series):
    with pytest.raises(XLSFormError, match=r"not an Excel workbook \(.xls, .xlsx or .xlsm\)"):
        wave_import_xlsform(series=series, label="bad", data=b"not a spreadsheet", confidentiality="named")


def test_the_command_imports_and_reports_problems(series, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(*FORMS["numbers"]))
    call_command("import_xlsform", str(good), "--series", series.slug, "--wave", "2014")
    assert "with 3 questions" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([["datetime", "when", "When?"]], []))
    with pytest.raises(CommandError, match="survey sheet, row 2: question type 'datetime' is not supported"):
        call_command("import_xlsform", str(bad), "--series", series.slug, "--wave", "2015")


def test_groups_inside_groups_become_sections_titled_after_both_and_a_groups_routing_applies_to_its_questions(series):
    rows = [
        ["select_one yn", "uses", "Do you use a support unit?"],
        ["begin_group", "unit", "Your support unit", "", "", "${uses} = 'yes'"],
        ["text", "name", "Its name"],
        ["begin_group", "contract", "Its contract"],
        ["integer", "years", "Years left", "", "", "", "", ". >= 0 and . <= 10"],
        ["end_group"],
        ["text", "contact", "Who is your contact?", "", "", "not(${uses} = 'no')"],
        ["end_group"],
    ]
    wave = wave_import_xlsform(series=series, label="nested", data=workbook(rows, YES_NO), confidentiality="named")
    sections = [(s.code, s.title, [q.code for q in s.questions.all()]) for s in wave.sections.all()]
    assert sections == [
        ("part-1", "Questions", ["uses"]),
        ("unit", "Your support unit", ["name"]),
        ("contract", "Your support unit: Its contract", ["years"]),
        ("unit-4", "Your support unit", ["contact"]),
    ]
    again = wave_import_xlsform(
        series=series, label="again", data=wave_export_xlsform(wave=wave), confidentiality="named"
    )
    assert structure(again) == structure(wave)
    routed = {q.code: [(c.source.code, c.operator, c.values) for c in q.conditions.all()] for q in wave.questions.all()}
    assert routed["years"] == [("uses", ConditionOperator.EQUALS, ["yes"])]
    assert routed["contact"] == [("uses", ConditionOperator.EQUALS, ["yes"]), ("uses", ConditionOperator.NOT, ["no"])]


def test_pyxforms_own_refusals_come_at_their_row_without_its_prefix(series):
    rows = [["select_one yn", "ok", "OK?"], ["begin_group", "open", "Never closed"], ["text", "t", "T?"]]
    with pytest.raises(XLSFormError) as error:
        wave_import_xlsform(series=series, label="bad", data=workbook(rows, YES_NO), confidentiality="named")
    (problem,) = error.value.problems
    assert (problem.sheet, problem.row) == ("survey", 3) and "begin_group" in problem.reason
    assert "pyxform" not in str(problem) and "[row" not in str(problem)


def test_an_unsupported_type_is_named_as_written_not_as_pyxform_renames_it(series):
    with pytest.raises(XLSFormError) as error:
        read_xlsform(workbook([["image", "photo_of_site", "A photo"]], []))
    assert [str(p) for p in error.value.problems] == ["survey sheet, row 2: question type 'image' is not supported"]
