"""Writing a questionnaire (`services.authoring.questions`): codes unique in a wave, routing only on earlier choice
questions and their options, options that make sense, and nothing changes once the wave opens."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import ConditionOperator, QuestionKind, WaveStatus
from exchange.surveys.services.authoring import (
    CODE_TAKEN,
    OPTIONS_NEEDED,
    POSITIVE_OUT_OF_BASE,
    SOURCE_LATER,
    UNKNOWN_OPTION,
    WAVE_LOCKED,
    ConditionSpec,
    OptionSpec,
    QuestionSpec,
    SectionSpec,
    question_create,
    question_delete,
    question_move,
    section_create,
    sections_create,
    wave_create,
)

from ..helpers import structure

pytestmark = pytest.mark.django_db

YES_NO = [OptionSpec("yes", "Yes"), OptionSpec("no", "No")]


@pytest.fixture
def section(series):
    return section_create(wave=wave_create(series=series, label="2014", confidentiality="named"), title="About you")


def _single(section, code: str, **extra):
    return question_create(
        section=section, code=code, kind=QuestionKind.SINGLE, text=f"{code}?", options=YES_NO, **extra
    )


def test_a_second_question_with_the_same_code_in_a_wave_is_refused(section):
    _single(section, "info")
    with pytest.raises(ApplicationError) as error:
        _single(section_create(wave=section.wave, title="More"), "info")
    assert error.value.message == CODE_TAKEN.format(code="info")


def test_routing_on_a_question_that_does_not_come_earlier_is_refused(section):
    with pytest.raises(ApplicationError) as error:
        _single(section, "first", conditions=[ConditionSpec("later", ConditionOperator.EQUALS, ("yes",))])
    assert error.value.message == SOURCE_LATER


def test_routing_on_an_option_the_question_does_not_have_is_refused(section):
    _single(section, "info")
    with pytest.raises(ApplicationError) as error:
        _single(section, "more", conditions=[ConditionSpec("info", ConditionOperator.EQUALS, ("maybe",))])
    assert error.value.message == UNKNOWN_OPTION.format(code="info", value="maybe")


def test_a_choice_question_with_one_option_is_refused(section):
    with pytest.raises(ApplicationError) as error:
        question_create(section=section, code="q", kind=QuestionKind.SINGLE, text="Q?", options=YES_NO[:1])
    assert error.value.message == OPTIONS_NEEDED


def test_an_option_both_positive_and_kept_out_of_the_base_is_refused(section):
    options = [OptionSpec("yes", "Yes", is_positive=True), OptionSpec("dk", "Don't know", True, True)]
    with pytest.raises(ApplicationError) as error:
        question_create(section=section, code="q", kind=QuestionKind.SINGLE, text="Q?", options=options)
    assert error.value.message == POSITIVE_OUT_OF_BASE


def test_the_questionnaire_of_an_open_wave_cannot_change(section):
    _single(section, "info")
    section.wave.status = WaveStatus.OPEN
    section.wave.save()
    with pytest.raises(ApplicationError) as error:
        _single(section, "more")
    assert error.value.message == WAVE_LOCKED


def test_a_question_cannot_move_above_the_question_it_is_routed_on(section):
    _single(section, "info")
    routed = _single(section, "more", conditions=[ConditionSpec("info", ConditionOperator.EQUALS, ("no",))])
    with pytest.raises(ApplicationError, match="more is routed on info"):
        question_move(question=routed, direction=-1)


def test_a_question_others_are_routed_on_cannot_be_deleted(section):
    source = _single(section, "info")
    _single(section, "more", conditions=[ConditionSpec("info", ConditionOperator.NOT, ("yes",))])
    with pytest.raises(ApplicationError, match="routed on this one"):
        question_delete(question=source)
    assert section.questions.count() == 2


def test_a_whole_questionnaire_is_written_from_specs_in_order(series):
    wave = wave_create(series=series, label="2015", confidentiality="named")
    sections_create(
        wave=wave,
        sections=[
            SectionSpec(
                code="you",
                title="About you",
                introduction="A few questions.",
                questions=[QuestionSpec("info", QuestionKind.SINGLE, "Info?", required=True, options=YES_NO)],
            ),
            SectionSpec(
                code="more",
                title="More",
                questions=[
                    QuestionSpec(
                        "why",
                        QuestionKind.SHORT_TEXT,
                        "Why?",
                        conditions=[ConditionSpec("info", ConditionOperator.EQUALS, ("no",))],
                    )
                ],
            ),
        ],
    )
    assert structure(wave) == [
        (
            "you",
            "About you",
            [
                (
                    "info",
                    "single",
                    "Info?",
                    "",
                    True,
                    None,
                    None,
                    True,
                    [("yes", "Yes", False, False), ("no", "No", False, False)],
                    [],
                    [],
                )
            ],
        ),
        (
            "more",
            "More",
            [("why", "short_text", "Why?", "", False, None, None, True, [], [], [("info", "equals", ("no",))])],
        ),
    ]
    assert wave.sections.get(code="you").introduction == "A few questions."
