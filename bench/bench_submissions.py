"""Completed survey submissions per second through the real view, against PostgreSQL, beside a bare bulk insert.

Each of N contacts has a complete draft (set up untimed); C threads then each POST "Submit answers" through
Django's full request stack (middleware, sessions, CSRF off as in tests, the view, the service, the row locks)
for their share of the contacts. The baseline writes the same response and answer rows in one transaction
with psycopg's executemany, in the same run. Absolute rates vary between machines; the ratio is the figure.

Environment: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_SUBMISSIONS (default 400),
BENCH_THREADS (default 8). A database named exchange_bench is created and dropped.
"""

import os
import threading
import time
import uuid

import psycopg
from support.database import database_url, on_throwaway_database
from support.timing import print_ratio

BENCH_DB = "exchange_bench"
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "400"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))


def measure() -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory
    from exchange.surveys.models import Answer, Contact, Response
    from exchange.surveys.questionnaire import Questionnaire
    from exchange.surveys.services.authoring import wave_close, wave_open
    from exchange.surveys.services.contacts import new_token
    from exchange.surveys.services.responding import answer_rows, draft_for_contact, draft_save_answers
    from exchange.surveys.tests.factories import full_wave

    wave = wave_open(wave=full_wave())
    region = RegionFactory(name="North of England")
    organisations = [OrganisationFactory(region=region) for _ in range(20)]
    answers = {
        "info": "no",
        "satisfied": "dissatisfied",
        "reasons": ["too_busy", "relationships"],
        "behaviours": {"common_purpose": "agree", "local_leadership": "disagree", "honesty": "agree"},
        "staff": "12",
        "why_not": "No time",
        "comments": "Thank you",
    }
    now = timezone.now()
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                wave=wave,
                full_name=f"P{i}",
                email=f"p{i}@example.nhs.uk",
                role="clinical_lead",
                organisation=organisations[i % 20],
                token=new_token(),
                invited_at=now,
            )
            for i in range(SUBMISSIONS)
        ]
    )
    for contact in contacts:
        draft_save_answers(draft=draft_for_contact(contact=contact), answers=answers)
    check_url = reverse("surveys:answer-check", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})

    def prepare(share):
        clients = []
        for contact in share:
            client = Client()
            client.get(reverse("surveys:respond", kwargs={"token": contact.token}))
            clients.append(client)
        return clients

    shares = [contacts[i::THREADS] for i in range(THREADS)]
    prepared = [prepare(share) for share in shares]
    connection.close()
    failures = []

    def run(clients):
        try:
            for client in clients:
                response = client.post(check_url)
                if response.status_code != 302 or not response["Location"].endswith("/done/"):
                    failures.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(clients,)) for clients in prepared]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    view_seconds = time.perf_counter() - start
    wave_close(wave=wave)  # a confidential wave's last answers (fewer than the threshold) wait for its close
    submitted = Response.objects.filter(wave=wave).count()
    answer_count = Answer.objects.filter(response__wave=wave).count()
    assert not failures and submitted == SUBMISSIONS, (failures[:5], submitted)

    questionnaire = Questionnaire.load(wave)
    template = answer_rows(questionnaire, Response(wave=wave), answers)
    response_rows = [
        (uuid.uuid4(), wave.pk, organisations[i % 20].pk, region.pk, "clinical_lead") for i in range(SUBMISSIONS)
    ]
    answer_values = [
        (response_id, a.question_id, a.grid_item_id, a.option_id, a.number, a.text)
        for response_id, *_ in response_rows
        for a in template
    ]
    connection.close()
    with psycopg.connect(database_url(BENCH_DB)) as raw:
        start = time.perf_counter()
        with raw.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO surveys_response (id, wave_id, organisation_id, region_id, role, via_open_link) "
                "VALUES (%s, %s, %s, %s, %s, false)",
                response_rows,
            )
            cursor.executemany(
                "INSERT INTO surveys_answer (response_id, question_id, grid_item_id, option_id, number, text) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                answer_values,
            )
        raw.commit()
        bulk_seconds = time.perf_counter() - start

    view_rate = SUBMISSIONS / view_seconds
    bulk_rate = SUBMISSIONS / bulk_seconds
    print(f"{SUBMISSIONS} submissions ({answer_count // SUBMISSIONS} answer rows each), {THREADS} threads, PostgreSQL")
    print(f"through the view: {view_rate:.0f} submissions/s ({view_seconds:.2f} s)")
    print(f"bare bulk insert of the same rows: {bulk_rate:.0f} submissions/s ({bulk_seconds:.2f} s)")
    cost = f"a submission through the view costs {bulk_rate / view_rate:.1f}x its rows' bulk insert"
    print_ratio("view / bulk insert", view_rate, bulk_rate, places=3, note=cost)


if __name__ == "__main__":
    on_throwaway_database(BENCH_DB, measure)
