"""The checks every saved or submitted answer goes through (`services.answer_checks`), attacked directly as a crafted
request would reach them: an answer to a note, to a calculated or read-only question, a cascading choice that does
not fit, and a constraint broken on the answers so far."""

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.answer_checks import answers_checked, rules_checked

from ..factories import full_wave, rules_section, when_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire():
    wave = full_wave(confidentiality="named")
    rules_section(wave)
    when_section(wave)
    return Questionnaire.load(wave)


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ({"about_dates": "hello"}, ""),
        ({"doubled": "12"}, "doubled is worked out, not answered."),
        ({"region_name": "Elsewhere"}, "region_name is worked out, not answered."),
        ({"started_on": "31/02/2013"}, ""),
    ],
)
def test_an_answer_no_question_of_its_kind_takes_is_refused(questionnaire, answers, reason):
    with pytest.raises(ApplicationError) as refused:
        answers_checked(questionnaire, answers)
    assert reason in refused.value.message


def test_a_constraint_is_judged_on_all_the_answers_so_far(questionnaire):
    with pytest.raises(ApplicationError, match="nhs_number: Enter a 10-digit NHS number"):
        rules_checked(questionnaire, {"role": "gp", "nhs_number": "12"}, {"nhs_number": "12"})
    rules_checked(questionnaire, {"role": "gp", "nhs_number": "0123456789"}, {"nhs_number": "0123456789"})
