"""No link at rest: a confidential wave's answers enter analysis only in batches of at least the series'
threshold, in random order, in a transaction apart from the contacts' status changes. Watching the results while
one person submits shows nothing move; and on PostgreSQL no transaction id (`xmin`) joins a contact's status
change to a response or an answer."""

import pytest
from django.db import connection
from django.test import Client

from exchange.analysis.models import AnswerTally
from exchange.surveys.models import Answer, Contact, ContactStatus, PendingResponse, Response
from exchange.surveys.services.authoring import wave_close

from .factories import ContactFactory
from .test_answering import answer_all, start, url

THRESHOLD = 3


def _people(wave, organisation, count: int) -> list[Contact]:
    return [
        ContactFactory(
            wave=wave,
            full_name=f"Person {number}",
            email=f"person{number}@example.nhs.uk",
            role="clinical_lead",
            organisation=organisation,
            invited_at=wave.created_at,
        )
        for number in range(count)
    ]


def _submit(contact: Contact) -> None:
    client = Client()
    start(client, contact)
    answer_all(client, contact.wave)
    client.post(url(contact.wave, "answer-check"))


@pytest.fixture
def batch_wave(contact):
    series = contact.wave.series
    series.suppression_threshold = THRESHOLD
    series.save(update_fields=["suppression_threshold"])
    return contact.wave, contact.organisation


@pytest.mark.django_db
def test_answers_wait_until_the_threshold_is_reached_then_enter_analysis_together(batch_wave):
    wave, organisation = batch_wave
    people = _people(wave, organisation, THRESHOLD + 1)
    for submitted, person in enumerate(people[: THRESHOLD - 1], start=1):
        _submit(person)
        person.refresh_from_db()
        assert person.status == ContactStatus.COMPLETED  # the person is done at once
        assert Response.objects.count() == 0 and not AnswerTally.objects.exists()  # nothing moves
        assert PendingResponse.objects.count() == submitted
    _submit(people[THRESHOLD - 1])
    assert Response.objects.count() == THRESHOLD and not PendingResponse.objects.exists()
    assert AnswerTally.objects.exists()
    _submit(people[THRESHOLD])
    assert Response.objects.count() == THRESHOLD  # the next batch waits again


@pytest.mark.django_db
def test_closing_the_wave_releases_the_last_responses_however_few(batch_wave):
    wave, organisation = batch_wave
    for person in _people(wave, organisation, THRESHOLD - 1):
        _submit(person)
    assert Response.objects.count() == 0
    wave_close(wave=wave)
    assert Response.objects.count() == THRESHOLD - 1 and not PendingResponse.objects.exists()


@pytest.mark.django_db
def test_a_waiting_response_holds_no_key_time_or_person(batch_wave):
    wave, organisation = batch_wave
    person = _people(wave, organisation, 1)[0]
    _submit(person)
    waiting = PendingResponse.objects.get()
    columns = {field.attname for field in PendingResponse._meta.concrete_fields}
    assert columns == {"id", "wave_id", "organisation_id", "role", "via_open_link", "answers"}
    assert person.email not in str(waiting.answers) and person.token not in str(waiting.answers)


@pytest.mark.django_db(transaction=True)
def test_no_transaction_id_joins_a_contact_to_a_response_or_an_answer(batch_wave):
    if connection.vendor != "postgresql":
        pytest.skip("xmin is PostgreSQL's; run `make test-postgres`")
    wave, organisation = batch_wave
    people = _people(wave, organisation, THRESHOLD)
    for person in people:
        _submit(person)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM surveys_contact WHERE id = ANY(%s)", [[p.pk for p in people]])
        contact_xids = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT DISTINCT xmin::text FROM surveys_response WHERE wave_id = %s", [wave.pk])
        response_xids = {row[0] for row in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT a.xmin::text FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id "
            "WHERE r.wave_id = %s",
            [wave.pk],
        )
        answer_xids = {row[0] for row in cursor.fetchall()}
    assert len(response_xids) == 1 and answer_xids == response_xids  # one batch, one transaction
    assert not contact_xids & response_xids
    assert len(contact_xids) == THRESHOLD  # each person's status changed in a transaction of its own
    assert Answer.objects.filter(response__wave=wave).count() > 0
