"""Completed survey submissions per second through the real view, against PostgreSQL, beside two baselines: the
bare ORM transaction that writes what a submission writes, and a bare bulk insert of the same rows.

For a named wave and then a confidential one (whose answers wait for the series' threshold of others and enter
analysis in batches), each of N contacts has a complete draft (set up untimed); C threads then each POST "Submit
answers" through Django's full request stack (middleware, sessions, CSRF off as in tests, the view, the service, the
row locks) for their share of the contacts. In the same threads and the same wave, the bare ORM transaction writes
a response and its answers, marks the contact completed, deletes the draft and adds to the tallies (last, as the
view does: every submission adds to the same tally rows), for N other contacts, with nothing read first. The bulk
insert writes N responses and their answer rows in one transaction with psycopg's executemany. Absolute rates vary
between machines; the ratios are the figures (targets: view / ORM >= 0.5, view / bulk insert >= 0.1). SQL
statements are counted per submission (BEGIN and COMMIT are not statements Django sends).

Environment: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_SUBMISSIONS (default 400 per
wave), BENCH_THREADS (default 8), BENCH_SUBMISSIONS_DB (default exchange_bench_submissions: the database created and
dropped).
"""

import os
import threading
import time
import uuid
from collections.abc import Callable

import psycopg
from support.database import database_url, on_throwaway_database
from support.timing import print_ratio

BENCH_DB = os.environ.get("BENCH_SUBMISSIONS_DB", "exchange_bench_submissions")
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "400"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))
ANSWERS = {
    "info": "no",
    "satisfied": "dissatisfied",
    "reasons": ["too_busy", "relationships"],
    "behaviours": {"common_purpose": "agree", "local_leadership": "disagree", "honesty": "agree"},
    "staff": "12",
    "why_not": "No time",
    "comments": "Thank you",
}
VIEW_TO_ORM_TARGET = 0.5
VIEW_TO_BULK_TARGET = 0.1


def in_threads(shares: list[list], work: Callable) -> tuple[float, int]:
    """Run `work(item)` for every item, each share in a thread of its own; return the seconds taken and the SQL
    statements sent."""
    from django.db import connection

    connection.close()
    counts = [0] * len(shares)
    errors: list[BaseException] = []

    def run(index: int, share: list) -> None:
        def count(execute, sql, params, many, context):
            counts[index] += 1
            return execute(sql, params, many, context)

        try:
            with connection.execute_wrapper(count):
                for item in share:
                    work(item)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, share)) for index, share in enumerate(shares)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    if errors:
        raise errors[0]
    return seconds, sum(counts)


def measure_wave(confidentiality: str, organisations: list) -> None:
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from exchange.analysis.services import tallies_record
    from exchange.surveys.models import Answer, Contact, ContactStatus, Draft, Response
    from exchange.surveys.questionnaire import Questionnaire
    from exchange.surveys.services.authoring import wave_close, wave_open
    from exchange.surveys.services.contacts import new_token
    from exchange.surveys.services.responding import draft_for_contact, draft_save_answers
    from exchange.surveys.services.responses import answer_rows
    from exchange.surveys.tests.factories import full_wave

    wave = wave_open(wave=full_wave(confidentiality=confidentiality, label=confidentiality))
    named = confidentiality == "named"
    now = timezone.now()
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                wave=wave,
                full_name=f"P{i}",
                email=f"p{i}@example.nhs.uk",
                role="clinical_lead",
                organisation=organisations[i % len(organisations)],
                token=new_token(),
                invited_at=now,
            )
            for i in range(2 * SUBMISSIONS)
        ]
    )
    by_view, by_orm = contacts[:SUBMISSIONS], contacts[SUBMISSIONS:]
    for contact in by_view:
        draft_save_answers(draft=draft_for_contact(contact=contact), answers=ANSWERS)
    drafts = {draft.contact_id: draft.pk for draft in Draft.objects.filter(wave=wave)}
    drafts.update(
        (draft.contact_id, draft.pk)
        for draft in Draft.objects.bulk_create([Draft(wave=wave, contact=c, answers=ANSWERS) for c in by_orm])
    )
    check_url = reverse("surveys:answer-check", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    questionnaire = Questionnaire.for_wave(wave)
    template = answer_rows(questionnaire, Response(wave=wave), ANSWERS)

    def orm_submit(contact: Contact) -> None:
        organisation = contact.organisation
        with transaction.atomic():
            response = Response(
                wave=wave,
                contact=contact if named else None,
                organisation=organisation,
                region_id=organisation.region_id,
                area_team_id=organisation.area_team_id,
                role=contact.role,
                submitted_on=timezone.localdate() if named else None,
            )
            response.save()
            rows = [
                Answer(
                    response=response,
                    question=a.question,
                    grid_item=a.grid_item,
                    option=a.option,
                    number=a.number,
                    text=a.text,
                )
                for a in template
            ]
            Answer.objects.bulk_create(rows)
            Contact.objects.filter(pk=contact.pk).update(status=ContactStatus.COMPLETED, completed_at=timezone.now())
            Draft.objects.filter(pk=drafts[contact.pk]).delete()
            tallies_record(responses=[(response, rows, organisation.kind)], questionnaire=questionnaire)

    def client_for(contact: Contact) -> Client:
        client = Client()
        client.post(reverse("surveys:respond", kwargs={"token": contact.token}))
        return client

    def view_submit(client: Client) -> None:
        response = client.post(check_url)
        assert response.status_code == 302 and response["Location"].endswith("/done/"), response.status_code

    clients = [client_for(contact) for contact in by_view]
    orm_seconds, orm_statements = in_threads([by_orm[i::THREADS] for i in range(THREADS)], orm_submit)
    view_seconds, view_statements = in_threads([clients[i::THREADS] for i in range(THREADS)], view_submit)
    wave_close(wave=wave)  # a confidential wave's last answers (fewer than the threshold) wait for its close
    submitted = Response.objects.filter(wave=wave).count()
    answer_count = Answer.objects.filter(response__wave=wave).count()
    assert submitted == 2 * SUBMISSIONS and answer_count == 2 * SUBMISSIONS * len(template), (submitted, answer_count)
    bulk_seconds = bulk_insert(wave, organisations, template)

    view_rate, orm_rate, bulk_rate = (SUBMISSIONS / s for s in (view_seconds, orm_seconds, bulk_seconds))
    threshold = f", released in batches of {wave.series.suppression_threshold}" if not named else ""
    print(f"-- {confidentiality} wave: {SUBMISSIONS} submissions of {len(template)} answer rows, {THREADS} threads")
    print(
        f"through the view: {view_rate:.0f} submissions/s ({view_seconds:.2f} s, "
        f"{view_statements / SUBMISSIONS:.1f} SQL statements per submission{threshold})"
    )
    print(
        f"bare ORM transaction: {orm_rate:.0f} submissions/s ({orm_seconds:.2f} s, "
        f"{orm_statements / SUBMISSIONS:.1f} SQL statements per submission)"
    )
    print(f"bare bulk insert of the same rows: {bulk_rate:.0f} submissions/s ({bulk_seconds:.2f} s)")
    for label, baseline, target in (
        ("view / ORM transaction", orm_rate, VIEW_TO_ORM_TARGET),
        ("view / bulk insert", bulk_rate, VIEW_TO_BULK_TARGET),
    ):
        met = "met" if view_rate / baseline >= target else "NOT met"
        print_ratio(f"{confidentiality} {label}", view_rate, baseline, places=3, note=f"target >= {target}: {met}")


def bulk_insert(wave, organisations: list, template: list) -> float:
    from django.db import connection

    response_rows = [
        (uuid.uuid4(), wave.pk, organisations[i % len(organisations)].pk, organisations[0].region_id, "clinical_lead")
        for i in range(SUBMISSIONS)
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
        return time.perf_counter() - start


def measure() -> None:
    from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory

    region = RegionFactory(name="North of England")
    organisations = [OrganisationFactory(region=region) for _ in range(20)]
    for confidentiality in ("named", "confidential"):
        measure_wave(confidentiality, organisations)


if __name__ == "__main__":
    on_throwaway_database(BENCH_DB, measure)
