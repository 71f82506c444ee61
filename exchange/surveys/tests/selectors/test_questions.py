"""Reading a wave's questions (`selectors.questions`): a free-text question by its code, and nothing else."""

import pytest

from exchange.surveys.selectors import text_question_get

pytestmark = pytest.mark.django_db


def test_a_free_text_question_is_found_by_its_code(wave):
    assert text_question_get(wave=wave, code="comments") == wave.questions.get(code="comments")
    assert text_question_get(wave=wave, code="why_not") == wave.questions.get(code="why_not")


def test_a_choice_question_or_an_unknown_code_is_not_a_free_text_question(wave):
    assert text_question_get(wave=wave, code="info") is None
    assert text_question_get(wave=wave, code="nothing") is None
