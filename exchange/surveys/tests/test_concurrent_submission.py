"""Submissions at the same moment, on real PostgreSQL row locks: two of the same draft make one response, and a
confidential wave's answers still enter analysis only in whole batches."""

import threading

import pytest
from django.db import connection

from exchange.surveys.models import Answer, Contact, ContactStatus, Draft, PendingResponse, Response
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.responding import draft_for_contact, draft_save_answers, response_submit

from .factories import ContactFactory

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


@pytest.mark.django_db(transaction=True)
def test_confidential_submissions_at_the_same_moment_enter_analysis_only_in_batches_of_the_threshold(contact):
    """Each submission counts the waiting answers without a lock; two at once may each see one too few, but a batch
    released is never smaller than the threshold, and nothing is lost or released twice."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers anyway (run `make test-postgres`)")
    wave, threshold, people = contact.wave, 3, 8
    wave.series.suppression_threshold = threshold
    wave.series.save(update_fields=["suppression_threshold"])
    contacts = [contact] + [ContactFactory(wave=wave, organisation=contact.organisation) for _ in range(people - 1)]
    drafts = [draft_save_answers(draft=draft_for_contact(contact=c), answers=COMPLETE) for c in contacts]
    barrier = threading.Barrier(people)
    errors = []

    def submit(draft_id):
        try:
            barrier.wait(timeout=10)
            response_submit(draft_id=draft_id)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(draft.pk,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM surveys_response WHERE wave_id = %s GROUP BY xmin::text", [wave.pk])
        batches = [count for (count,) in cursor.fetchall()]
    assert all(size >= threshold for size in batches)
    assert sum(batches) + PendingResponse.objects.filter(wave=wave).count() == people
    assert Contact.objects.filter(wave=wave, status=ContactStatus.COMPLETED).count() == people
