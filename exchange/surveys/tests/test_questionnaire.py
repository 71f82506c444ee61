"""The questionnaire's routing worked out in one pass agrees with asking question by question, and at submission
a question's routing sees the read-only defaults and calculated values worked out before it."""

from itertools import product

import pytest

from exchange.surveys.models import ConditionOperator, QuestionKind
from exchange.surveys.questionnaire import Questionnaire, condition_holds
from exchange.surveys.services.authoring import ConditionSpec, OptionSpec, RulesSpec, question_create, section_create

from .factories import rules_section

pytestmark = pytest.mark.django_db


def _asked_one_by_one(questionnaire: Questionnaire, answers: dict) -> set[int]:
    return {
        question.id
        for question in questionnaire.questions
        if all(
            condition_holds(condition, questionnaire.effective_answers(answers, upto=question))
            for condition in question.conditions.all()
        )
    }


def test_routing_in_one_pass_agrees_with_asking_each_question_for_every_combination_of_answers(wave):
    rules_section(wave)
    questionnaire = Questionnaire.load(wave)
    infos = [{}, {"info": "yes"}, {"info": "no", "satisfied": "satisfied"}]
    reasons = [{}, {"reasons": ["too_busy"]}, {"reasons": ["price", "relationships"]}, {"reasons": []}]
    extras = [{}, {"why_not": "No time", "comments": "Fine"}, {"role": "gp", "gmc": "123"}]
    for parts in product(infos, reasons, extras):
        answers = {key: value for part in parts for key, value in part.items()}
        effective, asked = questionnaire.routing(answers)
        assert effective == questionnaire.effective_answers(answers)
        assert asked == _asked_one_by_one(questionnaire, answers)
        by_section = {s.id: questionnaire.asked_questions(s, answers) for s in questionnaire.sections}
        assert {q.id for questions in by_section.values() for q in questions} == asked


def test_a_read_only_default_routes_the_calculation_after_it_at_submission(wave):
    section = section_create(wave=wave, title="Where you work")
    question_create(
        section=section,
        code="setting",
        kind=QuestionKind.SINGLE,
        text="Setting",
        options=[OptionSpec("urban", "Urban"), OptionSpec("rural", "Rural")],
        rules=RulesSpec(readonly=True, default="urban"),
    )
    question_create(
        section=section,
        code="urban_flag",
        kind=QuestionKind.CALCULATE,
        text="Urban",
        required=False,
        conditions=[ConditionSpec("setting", ConditionOperator.EQUALS, ("urban",))],
        rules=RulesSpec(calculation="'yes'"),
    )
    complete = Questionnaire.load(wave).complete_answers({"info": "yes"})
    assert complete["setting"] == "urban" and complete["urban_flag"] == "yes"
