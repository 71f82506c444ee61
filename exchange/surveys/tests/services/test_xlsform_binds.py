"""A question's rules in XLSForms (`services.xlsform.binds`): constraint (bounds on a number, an expression
otherwise) with its message, required as an expression with its message, default, read_only and calculate rows are
imported; an export that carries them is read by pyxform and imports back to the same questionnaire; an expression
outside the subset, or naming a question that is not earlier, is refused at its row."""

from decimal import Decimal

import pytest

from exchange.surveys.models import Question
from exchange.surveys.services.xlsform import XLSFormError, read_xlsform, wave_export_xlsform, wave_import_xlsform
from exchange.surveys.services.xlsform.binds import constraint_cell, number_bounds

from ..factories import full_wave, rules_section
from ..helpers import structure
from .test_xlsform_kinds import _pyxform_reads
from .test_xlsform_workbook import problems, xlsx

pytestmark = pytest.mark.django_db
HEADER = ["type", "name", "label", "required", "constraint", "constraint_message", "required_message", "default"]
HEADER += ["read_only", "calculation"]
CHOICES = [["list_name", "name", "label"], ["role", "gp", "GP"], ["role", "nurse", "Nurse"]]
SURVEY = [
    HEADER,
    ["select_one role", "role", "Your role?", "yes"],
    ["integer", "age", "Age?", "yes", ". >= 18 and . <= 120 and . != 99", "Not 99", "Give your age", "40"],
    ["text", "gmc", "GMC number?", "${role} = 'gp'", "regex(., '[0-9]{7}')", "7 digits"],
    ["date", "seen", "Seen on?", "", ". <= today()", "", "", "2024-01-31", "yes"],
    ["calculate", "twice", "", "", "", "", "", "", "", "${age} * 2"],
]


def test_every_rule_column_is_imported(series):
    wave = wave_import_xlsform(
        series=series, label="w", data=xlsx({"survey": SURVEY, "choices": CHOICES}), confidentiality="named"
    )
    questions = {q.code: q for q in Question.objects.filter(wave=wave)}
    age, gmc, seen, twice = (questions[code] for code in ("age", "gmc", "seen", "twice"))
    # with a message of the author's, the whole constraint is kept (so the message shows for any answer it refuses)
    assert (age.min_value, age.max_value, age.constraint) == (None, None, ". >= 18 and . <= 120 and . != 99")
    assert (age.constraint_message, age.required_message, age.default, age.required) == (
        "Not 99",
        "Give your age",
        "40",
        True,
    )
    assert (gmc.required_if, gmc.required, gmc.constraint, gmc.constraint_message) == (
        "${role} = 'gp'",
        False,
        "regex(., '[0-9]{7}')",
        "7 digits",
    )
    assert (seen.readonly, seen.default, seen.constraint) == (True, "2024-01-31", ". <= today()")
    assert (twice.kind, twice.text, twice.calculation, twice.analysed_as) == (
        "calculate",
        "twice",
        "${age} * 2",
        "number",
    )


def test_an_export_with_every_rule_is_read_by_pyxform_and_imports_back_the_same(series):
    wave = full_wave(owner=series.owner)
    rules_section(wave)
    exported = wave_export_xlsform(wave=wave)
    form, xform = _pyxform_reads(exported)
    assert 'jr:constraintMsg="Enter a 10-digit NHS number"' in xform
    assert "calculate=" in xform and 'readonly="true()"' in xform
    again = wave_import_xlsform(series=series, label="again", data=exported, confidentiality="named")
    assert structure(again) == structure(wave)


def test_an_imported_form_exports_and_imports_back_identically(series):
    first = wave_import_xlsform(
        series=series, label="one", data=xlsx({"survey": SURVEY, "choices": CHOICES}), confidentiality="named"
    )
    again = wave_import_xlsform(
        series=series, label="two", data=wave_export_xlsform(wave=first), confidentiality="named"
    )
    assert structure(again) == structure(first)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            ["text", "t", "T?", "", "string-length(.) <"],
            "constraint 'string-length(.) <': the expression ends too soon",
        ),
        (["text", "t", "T?", "once(${role})"], "required 'once(${role})': once() is not supported"),
        (
            ["calculate", "c", "", "", "", "", "", "", "", "${role} + ."],
            "calculation '${role} + .': '.' (this answer) can only be used in a constraint",
        ),
        (["calculate", "c", ""], "Missing calculation"),  # pyxform's own refusal
        (["text", "t", "T?", "", "regex(., '(a+)+')"], "a repetition inside a repetition"),
    ],
)
def test_a_rule_outside_the_subset_is_refused_at_its_row(row, reason):
    found = problems(xlsx({"survey": [HEADER, ["select_one role", "role", "Role?"], row], "choices": CHOICES}))
    assert len(found) == 1 and found[0].startswith("survey sheet, row 3: ") and reason in found[0]


def test_a_rule_naming_a_later_question_is_refused_at_its_row():
    survey = [HEADER, ["text", "a", "A?", "", ". != ${b}"], ["text", "b", "B?"]]
    assert problems(xlsx({"survey": survey})) == [
        "survey sheet, row 2: constraint '. != ${b}': ${b} is not an earlier question of the form"
    ]


def test_a_default_that_is_no_answer_of_its_question_is_refused_at_its_row(series):
    survey = [HEADER, ["select_one role", "role", "Role?", "", "", "", "", "surgeon"]]
    data = xlsx({"survey": survey, "choices": CHOICES})
    assert read_xlsform(data).sections[0].questions[0].rules.default == "surgeon"
    with pytest.raises(XLSFormError) as refused:
        wave_import_xlsform(series=series, label="w", data=data, confidentiality="named")
    assert [str(problem) for problem in refused.value.problems] == [
        "survey sheet, row 2: role: The default 'surgeon' is not a possible answer to this question."
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (". >= 0 and . <= 5", (Decimal(0), Decimal(5), "")),
        (". >= 1 and . != 3", (Decimal(1), None, ". != 3")),
        (". <= 9 and (. = 1 or . = 2)", (None, Decimal(9), ". = 1 or . = 2")),
        (". > 3", (None, None, ". > 3")),
        ("(. > 3) and (. < 9)", (None, None, "(. > 3) and (. < 9)")),
    ],
)
def test_a_numbers_constraint_cell_splits_into_bounds_and_the_rest_and_is_written_back_the_same(cell, expected):
    assert number_bounds(cell) == expected
    assert number_bounds(constraint_cell(*expected)) == expected


def test_an_export_that_escaped_cells_against_formulas_imports_back_as_written(series):
    survey = [
        HEADER,
        ["integer", "n", "N?", "", "", "", "", "-1"],
        ["text", "plus", "Phone?", "", "", "", "", "+44"],
        ["calculate", "neg", "", "", "", "", "", "", "", "-1 * ${n}"],
    ]
    wave = wave_import_xlsform(series=series, label="escaped", data=xlsx({"survey": survey}), confidentiality="named")
    again = wave_import_xlsform(
        series=series, label="again", data=wave_export_xlsform(wave=wave), confidentiality="named"
    )
    assert structure(again) == structure(wave)
    assert (again.questions.get(code="plus").default, again.questions.get(code="neg").calculation) == (
        "+44",
        "-1 * ${n}",
    )


def test_bounds_are_lifted_only_where_that_changes_nothing():
    survey = [
        HEADER,
        ["integer", "a", "A?", "", ". >= 1 and . <= 10 or . = 0"],
        ["integer", "b", "B?", "", ". >= 18 and . <= 65", "Between 18 and 65"],
        ["integer", "c", "C?", "", ". >= 18 and . <= 65"],
    ]
    questions = {q.code: q for q in read_xlsform(xlsx({"survey": survey})).sections[0].questions}
    assert (questions["a"].min_value, questions["a"].rules.constraint) == (None, ". >= 1 and . <= 10 or . = 0")
    b = questions["b"]
    assert (b.min_value, b.rules.constraint, b.rules.constraint_message) == (
        None,
        ". >= 18 and . <= 65",
        "Between 18 and 65",
    )
    assert (questions["c"].min_value, questions["c"].max_value, questions["c"].rules.constraint) == (18, 65, "")


def test_a_default_worked_out_from_answers_or_a_read_only_rule_is_refused_not_taken_literally():
    survey = [
        HEADER,
        ["text", "name", "Name?"],
        ["text", "greeting", "Greeting?", "", "", "", "", "${name}"],
        ["text", "shown", "Shown?", "", "", "", "", "", "${name} = 'x'"],
    ]
    assert problems(xlsx({"survey": survey})) == [
        "survey sheet, row 3: defaults worked out from other answers are not supported",
        "survey sheet, row 4: read_only given as an expression is not supported",
    ]
