"""Writing responses (`services.responses`): a response's answers as rows, and a confidential wave's waiting
responses released together once there are enough of them, in a fixed number of queries however many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from exchange.analysis.models import AnswerTally
from exchange.surveys.models import Answer, PendingResponse, Response
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.responding import draft_for_contact, draft_save_answers, response_submit
from exchange.surveys.services.responses import answer_rows, responses_release

from ..factories import ContactFactory

pytestmark = pytest.mark.django_db

COMPLETE = {
    "info": "no",
    "satisfied": "dissatisfied",
    "reasons": ["too_busy", "price"],
    "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "disagree"},
    "staff": "3",
}


def _waiting(wave, count: int) -> None:
    """`count` confidential submissions left waiting (the series' threshold is above them)."""
    wave.series.suppression_threshold = 50
    wave.series.save(update_fields=["suppression_threshold"])
    for _ in range(count):
        draft = draft_save_answers(draft=draft_for_contact(contact=ContactFactory(wave=wave)), answers=COMPLETE)
        response_submit(draft_id=draft.pk)
    assert PendingResponse.objects.filter(wave=wave).count() == count


def test_a_multiple_choice_sent_twice_is_one_row_an_option(open_wave):
    questionnaire = Questionnaire.load(open_wave)
    rows = answer_rows(questionnaire, Response(wave=open_wave), {**COMPLETE, "reasons": ["price", "price"]})
    assert [row.option.code for row in rows if row.question.code == "reasons"] == ["price"]


def test_fewer_waiting_than_the_threshold_are_not_released_until_the_close(open_wave):
    _waiting(open_wave, 3)
    assert responses_release(wave=open_wave) == 0
    assert not Response.objects.exists() and not AnswerTally.objects.exists()
    assert responses_release(wave=open_wave, at_close=True) == 3
    assert Response.objects.filter(wave=open_wave).count() == 3 and not PendingResponse.objects.exists()
    assert AnswerTally.objects.filter(wave_id=open_wave.pk).exists()


def test_a_release_costs_the_same_queries_for_2_responses_as_for_9(open_wave):
    Questionnaire.for_wave(open_wave)
    counts = []
    for count in (2, 9):
        _waiting(open_wave, count)
        with CaptureQueriesContext(connection) as queries:
            assert responses_release(wave=open_wave, at_close=True) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Answer.objects.filter(response__wave=open_wave).count() == 11 * 8
