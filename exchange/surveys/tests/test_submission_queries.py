"""Submitting through the real view costs a fixed number of queries: the same for a short questionnaire as for a
long one, and in a confidential wave the same for every submission that leaves the answers waiting, and a fixed
number more for the one that releases a batch, however many are released. The questionnaire is read once per
wave (per process), not on each submission."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory
from exchange.surveys.models import Answer, ConditionOperator, Confidentiality, PendingResponse, QuestionKind, Response
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.services.authoring import (
    ConditionSpec,
    OptionSpec,
    question_create,
    section_create,
    series_create,
    wave_create,
    wave_open,
)
from exchange.surveys.services.responding import draft_for_contact, draft_save_answers

from .factories import AGREE, ContactFactory

pytestmark = pytest.mark.django_db

YES_NO = [OptionSpec("yes", "Yes"), OptionSpec("no", "No")]
KINDS = [
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.LIKERT_GRID,
    QuestionKind.NUMBER,
    QuestionKind.LONG_TEXT,
]


def _wave(*, questions: int, confidentiality: str, threshold: int = 10):
    """An open wave of `questions` questions over five kinds, in sections of five, each after the first routed on
    the first; and the answers of a respondent who answers them all."""
    series = series_create(owner=OrganisationFactory(kind="membership_body"), title=f"{questions} questions")
    series.suppression_threshold = threshold
    series.save(update_fields=["suppression_threshold"])
    wave = wave_create(series=series, label="2024", confidentiality=confidentiality)
    answers: dict = {}
    for number in range(questions):
        if number % 5 == 0:
            section = section_create(wave=wave, title=f"Part {number // 5 + 1}")
        code, kind = f"q{number}", KINDS[number % 5]
        question_create(
            section=section,
            code=code,
            kind=kind,
            text=f"Question {number}",
            options=AGREE if kind == QuestionKind.LIKERT_GRID else YES_NO if kind != QuestionKind.NUMBER else [],
            grid_items=[("a", "A"), ("b", "B")] if kind == QuestionKind.LIKERT_GRID else [],
            conditions=[ConditionSpec("q0", ConditionOperator.EQUALS, ("yes",))] if number else [],
        )
        answers[code] = {
            QuestionKind.SINGLE: "yes",
            QuestionKind.MULTIPLE: ["yes", "no"],
            QuestionKind.LIKERT_GRID: {"a": "agree", "b": "disagree"},
            QuestionKind.NUMBER: "7",
            QuestionKind.LONG_TEXT: "Thank you",
        }[kind]
    return wave_open(wave=wave), answers


def _respondents(wave, answers: dict, count: int) -> list[Client]:
    """`count` contacts, each with a complete draft and a browser that opened their link."""
    organisation = OrganisationFactory(region=RegionFactory())
    clients = []
    for _ in range(count):
        contact = ContactFactory(wave=wave, organisation=organisation)
        draft_save_answers(draft=draft_for_contact(contact=contact), answers=answers)
        client = Client()
        client.post(reverse("surveys:respond", kwargs={"token": contact.token}))
        clients.append(client)
    Questionnaire.for_wave(wave)  # read once per wave and process, as on a server that has served it before
    return clients


def _queries_to_submit(client: Client, wave) -> int:
    url = reverse("surveys:answer-check", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("/done/")
    return len(queries)


@pytest.mark.parametrize("confidentiality", [Confidentiality.NAMED, Confidentiality.CONFIDENTIAL])
def test_a_submission_costs_the_same_queries_for_5_questions_as_for_50(confidentiality):
    counts = []
    for questions in (5, 50):
        wave, answers = _wave(questions=questions, confidentiality=confidentiality)
        client = _respondents(wave, answers, 1)[0]
        counts.append(_queries_to_submit(client, wave))
    assert counts[0] == counts[1]


def test_a_named_submission_reads_its_draft_wave_and_contact_in_one_query_and_writes_in_bulk():
    wave, answers = _wave(questions=50, confidentiality=Confidentiality.NAMED)
    client = _respondents(wave, answers, 1)[0]
    # The session read; in one transaction the draft with its wave, series, contact and organisation, the response,
    # its answers, the contact, the draft and the tallies (two tables); the session write in a transaction of its
    # own. In a test each transaction's start and end show as a savepoint and its release.
    assert _queries_to_submit(client, wave) == 2 + 8 + 3
    assert Answer.objects.filter(response__wave=wave).count() > 50


def test_every_confidential_submission_that_waits_costs_the_same_and_the_one_that_releases_a_constant_more():
    wave, answers = _wave(questions=20, confidentiality=Confidentiality.CONFIDENTIAL, threshold=10)
    clients = _respondents(wave, answers, 20)
    counts = [_queries_to_submit(client, wave) for client in clients]
    # The session read; the draft, the waiting answers written, the draft deleted and the count of those waiting;
    # the contact's status on its own; the session write (transactions' start and end: see above).
    assert counts[0] == 1 + 6 + 1 + 3
    assert len(set(counts[:9])) == 1 and len(set(counts[10:19])) == 1 and counts[0] == counts[10]
    assert counts[9] == counts[19] > counts[0]  # the 10th and the 20th release their batch
    assert Response.objects.filter(wave=wave).count() == 20 and not PendingResponse.objects.exists()


def test_releasing_a_larger_batch_costs_no_more_queries():
    released = []
    for threshold in (3, 8):  # ten questions: one insert of answer rows on SQLite too (Django splits past 999 values)
        wave, answers = _wave(questions=10, confidentiality=Confidentiality.CONFIDENTIAL, threshold=threshold)
        clients = _respondents(wave, answers, threshold)
        counts = [_queries_to_submit(client, wave) for client in clients]
        assert Response.objects.filter(wave=wave).count() == threshold
        released.append((counts[0], counts[-1]))
    assert released[0] == released[1]
