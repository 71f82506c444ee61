"""Writing a questionnaire (`services.authoring.questions`): codes unique in a wave, routing only on earlier choice
questions and their options, options that make sense, and nothing changes once the wave opens."""

import pytest
from django.db import IntegrityError

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import ConditionOperator, Question, QuestionKind, WaveStatus
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
    question_update,
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
                    NO_RULES,
                    "",
                )
            ],
        ),
        (
            "more",
            "More",
            [
                (
                    "why",
                    "short_text",
                    "Why?",
                    "",
                    False,
                    None,
                    None,
                    True,
                    [],
                    [],
                    [("info", "equals", ("no",))],
                    NO_RULES,
                    "",
                )
            ],
        ),
    ]
    assert wave.sections.get(code="you").introduction == "A few questions."


NO_RULES = ("", "", "", "", "", False)  # constraint, its message, required message, required rule, default, read-only


def test_a_note_is_never_required_whatever_the_author_ticks(section):
    note = question_create(
        section=section, code="intro", kind=QuestionKind.NOTE, text="About this part.", required=True
    )
    assert note.required is False
    question_update(question=note, text="About this part, again.", required=True)
    note.refresh_from_db()
    assert (note.text, note.required) == ("About this part, again.", False)


def test_the_database_refuses_a_required_note_written_past_the_services(section):
    note = question_create(section=section, code="intro", kind=QuestionKind.NOTE, text="About this part.")
    with pytest.raises(IntegrityError):
        Question.objects.filter(pk=note.pk).update(required=True)


def test_a_note_has_no_options_even_if_some_are_given(section):
    note = question_create(section=section, code="intro", kind=QuestionKind.NOTE, text="About.", options=YES_NO)
    assert not note.options.exists()


@pytest.mark.parametrize("kind", [QuestionKind.NOTE, QuestionKind.DATE, QuestionKind.TIME])
def test_nothing_can_be_routed_on_a_note_a_date_or_a_time(section, kind):
    question_create(section=section, code="source", kind=kind, text="Source")
    with pytest.raises(ApplicationError) as error:
        _single(section, "more", conditions=[ConditionSpec("source", ConditionOperator.EQUALS, ("2024-03-01",))])
    assert error.value.message == SOURCE_LATER


def test_a_note_a_date_and_a_time_can_themselves_be_routed(section):
    _single(section, "info")
    only_if = [ConditionSpec("info", ConditionOperator.EQUALS, ("yes",))]
    for code, kind in [("intro", QuestionKind.NOTE), ("when", QuestionKind.DATE), ("at", QuestionKind.TIME)]:
        question = question_create(section=section, code=code, kind=kind, text=code, conditions=only_if)
        assert [str(condition) for condition in question.conditions.all()] == ["info equals yes"]
