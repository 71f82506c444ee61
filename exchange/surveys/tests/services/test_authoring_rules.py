"""A question's rules when it is written (`services.authoring.rules`): expressions checked by the same parser,
naming only earlier questions; a default that is a possible answer; a calculated value with a calculation and no
answer rules; a question named by another's rules neither deleted nor moved after it; and the authoring page shows a
bad expression as the field's error."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import QuestionKind
from exchange.surveys.services.authoring import RulesSpec, question_create, question_delete, question_move
from exchange.surveys.services.authoring.rules import CALCULATION_NEEDED, CALCULATION_ONLY, default_fits

from ..factories import ROLES, rules_section
from ..helpers import wave_url

pytestmark = pytest.mark.django_db


def _add(section, code, kind=QuestionKind.SHORT_TEXT, **rules):
    options = ROLES if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else ()
    return question_create(section=section, code=code, kind=kind, text=code, options=options, rules=RulesSpec(**rules))


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"constraint": ". > ${later}"}, "${later} is not an earlier question of the form"),
        ({"required_if": "${nowhere} = 1"}, "${nowhere} is not an earlier question of the form"),
        ({"required_if": ". = 1"}, "'.' (this answer) can only be used in a constraint"),
        ({"constraint": "eval('1')"}, "eval() is not supported"),
        ({"calculation": "1 + 1"}, CALCULATION_ONLY),
        ({"default": "2024-02-30"}, "is not a possible answer"),
    ],
)
def test_a_rule_that_cannot_be_carried_out_is_refused(wave, rules, message):
    section = rules_section(wave)
    with pytest.raises(ApplicationError) as error:
        _add(section, "extra", QuestionKind.DATE if "default" in rules else QuestionKind.SHORT_TEXT, **rules)
    assert message in error.value.message


def test_a_calculated_value_needs_a_calculation_and_takes_no_answer_rules(wave):
    section = rules_section(wave)
    with pytest.raises(ApplicationError, match=CALCULATION_NEEDED):
        _add(section, "c1", QuestionKind.CALCULATE)
    with pytest.raises(ApplicationError, match="takes no answer"):
        _add(section, "c2", QuestionKind.CALCULATE, calculation="1", default="2")
    question = _add(section, "c3", QuestionKind.CALCULATE, calculation="${team_size} div 2")
    assert (question.required, question.analysed_as) == (False, QuestionKind.NUMBER)


def test_a_read_only_question_is_never_required(wave):
    question = question_create(
        section=rules_section(wave),
        code="ro",
        kind="short_text",
        text="Ro",
        required=True,
        rules=RulesSpec(readonly=True),
    )
    assert question.required is False


@pytest.mark.parametrize(
    ("kind", "value", "fits"),
    [
        (QuestionKind.SINGLE, "gp", True),
        (QuestionKind.SINGLE, "surgeon", False),
        (QuestionKind.MULTIPLE, "gp nurse", True),
        (QuestionKind.MULTIPLE, "gp surgeon", False),
        (QuestionKind.NUMBER, "4", True),
        (QuestionKind.NUMBER, "4.5", False),
        (QuestionKind.NUMBER, "NaN", False),
        (QuestionKind.TIME, "25:00", False),
        (QuestionKind.SHORT_TEXT, "anything", True),
    ],
)
def test_a_default_must_be_a_possible_answer(kind, value, fits):
    assert default_fits(kind, value, True, ROLES) is fits


def test_a_question_named_by_anothers_rules_is_not_deleted_or_moved_after_it(wave):
    section = rules_section(wave)
    team_size = wave.questions.get(code="team_size")
    with pytest.raises(ApplicationError, match="doubled, tag"):
        question_delete(question=team_size)
    question_move(question=wave.questions.get(code="gmc"), direction=-1)  # above nhs_number: its rule allows it
    with pytest.raises(ApplicationError, match="gmc's rules name role"):
        question_move(question=wave.questions.get(code="gmc"), direction=-1)
    assert [q.code for q in section.questions.order_by("position")][:3] == ["role", "gmc", "nhs_number"]


def test_the_authoring_page_shows_a_bad_expression_as_the_fields_error(client, analyst, wave):
    client.force_login(analyst)
    analyst_client = client
    section = rules_section(wave)
    url = wave_url(wave, "question-new", section_code=section.code)
    data = {"code": "x", "kind": "short_text", "text": "X?", "constraint": "string-length(. > 3"}
    response = analyst_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_constraint"' in html and "This expression cannot be used: expected &#39;)&#39; at the end" in html
    response = analyst_client.post(url, {**data, "constraint": ". != ${nowhere}"})
    assert 'href="#id_constraint"' in response.content.decode()
    assert not wave.questions.filter(code="x").exists()
    response = analyst_client.post(url, {**data, "constraint": "string-length(.) > 3", "constraint_message": "Longer"})
    assert response.status_code == 302
    assert wave.questions.get(code="x").constraint_message == "Longer"


def test_a_rule_naming_a_calculated_value_is_refused_as_it_never_sees_it(wave):
    section = rules_section(wave)  # `doubled` is a calculated value
    for rules in ({"constraint": ". = ${doubled}"}, {"required_if": "${doubled} > 5"}):
        with pytest.raises(ApplicationError, match="cannot name a calculated value \\(doubled\\)"):
            _add(section, "guess", QuestionKind.NUMBER, **rules)


def test_a_calculation_cannot_carry_a_date_or_a_time_into_a_number(wave):
    from ..factories import when_section

    rules_section(wave)
    section = when_section(wave)  # `started_on` is a date, `meets_at` a time
    with pytest.raises(ApplicationError, match="cannot use a date or a time \\(started_on\\)"):
        _add(section, "started_days", QuestionKind.CALCULATE, calculation="${started_on} + 0")
    hours = _add(section, "size_times", QuestionKind.CALCULATE, calculation="${team_size} * 2")
    assert hours.calculation
    with pytest.raises(ApplicationError, match="cannot use a date or a time \\(meets_at\\)"):
        _add(section, "minutes", QuestionKind.CALCULATE, calculation="round(${meets_at} * 1440)")
