"""Full analysis of a national-scale wave (NHS Staff Survey size: 700,000 responses x 40 questions) in PostgreSQL,
beside DuckDB computing the same counts over the same rows, in one run.

Both engines generate identical rows from the same integer formula, so no data is copied between them. Timed:
building the answer tallies from the 28 million answers (what submissions otherwise maintain one at a time),
the full analysis (every question, overall and by region: counts, bases, percentages, Wilson intervals,
suppression) as the dashboard computes it, a raw PostgreSQL GROUP BY over the answers for reference, DuckDB's
GROUP BY, and one question's dashboard page. The counts of all three are checked equal.

Environment: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_RESPONSES (700000),
BENCH_QUESTIONS (40). A database named exchange_bench_analysis is created and dropped.
"""

import os
import resource
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "exchange_bench_analysis"
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "700000"))
QUESTIONS = int(os.environ.get("BENCH_QUESTIONS", "40"))
OPTIONS = 5
# The option a respondent r picks at question q: a multiplicative hash both engines compute identically.
CHOICE = "(((r * 2654435761 + q * 40503) % 2147483647) % {options})"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.2f} s", flush=True)
    return result, seconds


def main() -> None:
    try:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {BENCH_DB}")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL does not answer at {SERVER}: {error}. Benchmark skipped.")
        return
    url = SERVER.rsplit("/", 1)[0] + f"/{BENCH_DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    import duckdb
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from exchange.accounts.tests.factories import UserFactory
    from exchange.analysis.results import Options
    from exchange.analysis.selectors import wave_results
    from exchange.analysis.services import tallies_rebuild
    from exchange.organisations.models import Region
    from exchange.organisations.tests.factories import OrganisationFactory
    from exchange.surveys.models import QuestionKind, WaveStatus
    from exchange.surveys.services.authoring import (
        OptionSpec,
        question_create,
        section_create,
        series_create,
        wave_create,
    )

    call_command("migrate", verbosity=0)
    regions = [Region.objects.create(ons_code=f"E4000000{i}", name=f"Region {i}") for i in range(1, 5)]
    series = series_create(owner=OrganisationFactory(kind="national_body"), title="NHS Staff Survey scale")
    wave = wave_create(series=series, label="Benchmark", confidentiality="confidential")
    section = section_create(wave=wave, title="Questions")
    labels = ["Strongly agree", "Agree", "Neither", "Disagree", "Don't know"]
    question_ids, option_bases = [], []
    for q in range(1, QUESTIONS + 1):
        question = question_create(
            section=section,
            code=f"q{q:02d}",
            kind=QuestionKind.LIKERT,
            text=f"Statement {q}",
            options=[
                OptionSpec(f"o{k}", label, is_positive=k < 2, excluded_from_base=k == 4)
                for k, label in enumerate(labels)
            ],
        )
        ids = sorted(question.options.values_list("id", flat=True))
        assert ids == list(range(ids[0], ids[0] + OPTIONS))
        question_ids.append(question.pk)
        option_bases.append(ids[0])
    wave.status = WaveStatus.CLOSED
    wave.save()
    region_ids = [region.pk for region in regions]
    qmap = ", ".join(
        f"({q}, {qid}, {base})" for q, (qid, base) in enumerate(zip(question_ids, option_bases, strict=True), start=1)
    )
    print(f"{RESPONSES:,} responses x {QUESTIONS} questions = {RESPONSES * QUESTIONS:,} answers", flush=True)

    def load():
        """As a bulk load is done: foreign-key triggers off and secondary indexes built after the rows are in."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'surveys_answer' AND indexname NOT LIKE '%%pkey'"
            )
            indexes = cursor.fetchall()
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(
                "INSERT INTO surveys_response (id, wave_id, region_id, role, via_open_link) "
                f"SELECT md5(r::text)::uuid, {wave.pk}, (ARRAY{region_ids})[r % 4 + 1], "
                "(ARRAY['clinical_lead','managerial_lead','finance_lead'])[r % 3 + 1], false "
                f"FROM generate_series(1, {RESPONSES}) r"
            )
            cursor.execute(
                "INSERT INTO surveys_answer (response_id, question_id, option_id, text) "
                f"SELECT md5(r::text)::uuid, m.question_id, m.option_base + {CHOICE.format(options=OPTIONS)}, '' "
                f"FROM generate_series(1, {RESPONSES}) r CROSS JOIN (VALUES {qmap}) AS m(q, question_id, option_base)"
            )
            cursor.execute("SET session_replication_role = DEFAULT")
            for _, definition in indexes:
                cursor.execute(definition)
            cursor.execute("ANALYZE surveys_answer; ANALYZE surveys_response")

    timed("PostgreSQL: generate and insert the answers", load)
    timed(
        "PostgreSQL: build the answer tallies from every answer (once; submissions keep them after)",
        lambda: tallies_rebuild(wave_id=wave.pk),
    )

    memory_before = peak_mb()

    def full_analysis():
        return wave_results(wave=wave), wave_results(wave=wave, options=Options(by="region"))

    (overall, by_region), ours = timed("Commissioning Exchange: full analysis, overall and by region", full_analysis)
    print(f"  peak memory of the process: {peak_mb():.0f} MB (before the analysis: {memory_before:.0f} MB)")

    def raw_group_by():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.question_id, a.option_id, r.region_id, COUNT(*) FROM surveys_answer a "
                f"JOIN surveys_response r ON r.id = a.response_id WHERE r.wave_id = {wave.pk} GROUP BY 1, 2, 3"
            )
            return cursor.fetchall()

    raw_rows, raw_seconds = timed("PostgreSQL: raw GROUP BY over the answers by region (for reference)", raw_group_by)

    duck = duckdb.connect()
    duck.execute(
        f"CREATE TABLE answers AS SELECT r, q, r % 4 AS region, {CHOICE.format(options=OPTIONS)} AS option "
        f"FROM range(1, {RESPONSES + 1}) t1(r) CROSS JOIN range(1, {QUESTIONS + 1}) t2(q)"
    )

    def duck_analysis():
        totals = duck.execute("SELECT q, option, COUNT(*) FROM answers GROUP BY 1, 2").fetchall()
        regional = duck.execute("SELECT q, option, region, COUNT(*) FROM answers GROUP BY 1, 2, 3").fetchall()
        return totals, regional

    (duck_totals, duck_regional), duck_seconds = timed("DuckDB: the same counts, overall and by region", duck_analysis)

    ours_counts = {(r.question.code, c.code): c.count for r in overall for c in r.overall.cells}
    duck_counts = {(f"q{q:02d}", f"o{option}"): n for q, option, n in duck_totals}
    assert ours_counts == duck_counts, "the engines disagree"
    assert sum(n for *_, n in raw_rows) == RESPONSES * QUESTIONS == sum(n for *_, n in duck_regional)
    assert all(len(r.groups) == 4 for r in by_region)
    print("  counts checked equal in all three")
    print(f"ratio full analysis / DuckDB: {ours / duck_seconds:.2f} (target: within 3)")
    print(f"ratio raw PostgreSQL GROUP BY / DuckDB: {raw_seconds / duck_seconds:.1f}")

    client = Client()
    client.force_login(UserFactory(is_staff=True))
    page = reverse("analysis:question", kwargs={"series_slug": series.slug, "wave_slug": wave.slug, "code": "q01"})
    client.get(page)
    response, page_seconds = timed(
        "one question's dashboard page, by region", lambda: client.get(page, {"by": "region"})
    )
    assert response.status_code == 200
    print(f"  {'under' if page_seconds < 1 else 'OVER'} the 1 second target")

    from django.db import connections

    connections.close_all()
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
