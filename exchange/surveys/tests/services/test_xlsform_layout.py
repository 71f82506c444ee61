"""How groups become sections and what in a question's cells is refused (`services.xlsform.layout`), attacked with
what real and hostile forms hold: long and nested labels, names that are not slugs or collide, deep nesting,
grids among loose questions, media, guidance hints, triggers and answers piped into labels."""

import pytest

from exchange.surveys.services.xlsform import XLSFormError, read_xlsform, wave_import_xlsform
from exchange.surveys.services.xlsform.layout import section_code, section_title

from .test_xlsform_workbook import CHOICES, xlsx

pytestmark = pytest.mark.django_db
HEADER = ["type", "name", "label"]


def problems(survey, choices=CHOICES) -> list[str]:
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(xlsx({"survey": [HEADER, *survey], "choices": choices}))
    return [str(problem) for problem in refused.value.problems]


def test_a_section_code_is_a_free_slug_whatever_the_groups_are_called():
    assert section_code("unit.details", set()) == "unitdetails"
    assert section_code("a", {"a"}) == "a-2"
    assert section_code("a", {"a", "a-2", "a-3"}) == "a-4"
    assert section_code(None, {"part-2"}) == "part-3"
    assert len(section_code("x" * 200, set())) <= 64


def test_a_nested_title_is_both_labels_while_they_fit_else_the_inner_one():
    assert section_title("Outer", "Inner") == "Outer: Inner"
    assert section_title("O" * 120, "I" * 120) == "I" * 120


def test_groups_named_alike_or_not_as_slugs_import_as_separate_sections(series):
    survey = [
        ["begin_group", "a-3", "First"], ["text", "q1", "Q1?"], ["end_group"],
        ["begin_group", "a", "Second"], ["begin_group", "A", "Third"], ["text", "q2", "Q2?"], ["end_group"],
        ["text", "q3", "Q3?"], ["end_group"],
        ["begin_group", "with.dot", "Fourth " + "x" * 120], ["begin_group", "inner", "y" * 120], ["text", "q4", "Q4?"],
        ["end_group"], ["end_group"],
    ]  # fmt: skip
    wave = wave_import_xlsform(
        series=series, label="w", data=xlsx({"survey": [HEADER, *survey]}), confidentiality="named"
    )
    codes = list(wave.sections.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 4  # the second and fourth open with a group
    assert wave.sections.get(questions__code="q4").title == "y" * 120


def test_a_group_label_too_long_or_nesting_too_deep_is_refused_at_its_row():
    assert problems([["begin_group", "g", "z" * 201], ["text", "q", "Q?"], ["end_group"]]) == [
        "survey sheet, row 2: the group's label is longer than 200 characters"
    ]
    deep = [["begin_group", f"g{n}", f"G{n}"] for n in range(12)] + [["text", "q", "Q?"]] + [["end_group"]] * 12
    assert problems(deep) == ["survey sheet, row 12: groups nested more than 10 deep are not supported"]


def test_six_hundred_nested_groups_are_refused_in_one_line():
    deep = [["begin_group", f"g{n}", f"G{n}"] for n in range(600)] + [["text", "q", "Q?"]] + [["end_group"]] * 600
    (line,) = problems(deep)
    assert "nested" in line or "could not be read" in line


def test_a_group_without_a_label_in_the_chosen_language_is_titled_by_its_name():
    survey = [
        ["type", "name", "label::English", "label::Cymraeg"],
        ["begin_group", "services", "", "Gwasanaethau"],
        ["text", "q", "Q?", "C?"],
        ["end_group"],
    ]
    (section,) = read_xlsform(xlsx({"survey": survey}), language="English").sections
    assert section.title == "services"


def test_a_grid_on_its_own_keeps_the_questions_after_it_in_their_place():
    survey = [
        ["select_one yn", "q1", "Q1?"],
        ["begin_group", "grid", "Grid", "table-list"],
        ["select_one yn", "a", "A"],
        ["select_one yn", "b", "B"],
        ["end_group"],
        ["select_one yn", "q2", "Q2?"],
    ]
    header = [*HEADER, "appearance"]
    spec = read_xlsform(xlsx({"survey": [header, *survey], "choices": CHOICES}))
    assert [[q.code for q in s.questions] for s in spec.sections] == [["q1"], ["grid"], ["q2"]]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("media::image", "map.png", "images, audio and video in questions and choices are not supported"),
        ("guidance_hint", "Read it aloud", "guidance hints are not supported"),
        ("trigger", "${q1}", "triggers are not supported"),
        ("label", "Is ${q1} open at weekends?", "answers shown inside a label or hint (${…}) are not supported"),
    ],
)
def test_what_a_question_shows_or_does_beyond_its_type_is_refused_not_dropped(column, value, reason):
    header = [*HEADER, column] if column != "label" else HEADER
    row = ["text", "q2", "Q2?", value] if column != "label" else ["text", "q2", value]
    lines = problems([["text", "q1", "Q1?"], row]) if column == "label" else None
    if lines is None:
        with pytest.raises(XLSFormError) as refused:
            read_xlsform(xlsx({"survey": [header, ["text", "q1", "Q1?"], row]}))
        lines = [str(problem) for problem in refused.value.problems]
    assert lines == [f"survey sheet, row 3: {reason}"]


@pytest.mark.parametrize(
    ("choice_filter", "reason"),
    [
        ("size=${later}", "choice filter refers to 'later', which is not an earlier question"),
        ("starts-with(name, ${q1})", "choice filter 'starts-with(name, ${q1})' is not supported"),
        ("ccg=${q1} or ccg=${q1}", "choice filter 'ccg=${q1} or ccg=${q1}' is not supported"),
    ],
)
def test_a_choice_filter_that_cannot_be_carried_out_is_refused_at_its_row(choice_filter, reason):
    header = [*HEADER, "choice_filter"]
    survey = [["select_one yn", "q1", "Q1?"], ["select_one yn", "q2", "Q2?", choice_filter], ["text", "later", "L?"]]
    with pytest.raises(XLSFormError) as refused:
        read_xlsform(xlsx({"survey": [header, *survey], "choices": CHOICES}))
    (line,) = [str(problem) for problem in refused.value.problems]
    assert line.startswith("survey sheet, row 3: ") and reason in line


def test_choices_from_a_file_and_repeats_are_refused_in_one_clear_line_each():
    survey = [["select_one_from_file practices.csv", "practice", "Practice?"]]
    assert problems(survey) == ["survey sheet, row 2: choices from a file (select_one_from_file) are not supported"]
    repeat = [["begin_repeat", "visits", "Visits"], ["text", "where", "Where?"], ["end_repeat"]]
    assert problems(repeat) == ["survey sheet, row 2: question type 'begin_repeat' is not supported"]
