"""Two submissions of the same draft at the same moment, on real PostgreSQL row locks, make one response."""

import threading

import pytest
from django.db import connection

from exchange.surveys.models import Answer, Draft, Response
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.responding import draft_for_contact, draft_save_answers, response_submit

COMPLETE = {
    "info": "no",
    "satisfied": "dissatisfied",
    "reasons": ["too_busy"],
    "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "disagree"},
    "staff": "3",
}


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_create_one_response(contact):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers anyway (run `make test-postgres`)")
    contact.wave.series.suppression_threshold = 1  # each response its own batch (batching: test_batches.py)
    contact.wave.series.save(update_fields=["suppression_threshold"])
    draft = draft_save_answers(draft=draft_for_contact(contact=contact), answers=COMPLETE)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            questionnaire = Questionnaire.load(contact.wave)
            barrier.wait(timeout=10)
            results.append(response_submit(draft_id=draft.pk, questionnaire=questionnaire))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; leave none open

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(result is None for result in results) == [False, True]
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question__code="reasons").count() == 1
    assert not Draft.objects.exists()
