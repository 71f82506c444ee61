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

from support.database import on_throwaway_database
from support.surveys import CHOICE, OPTIONS, responses_insert, synthetic_wave
from support.timing import print_ratio, timed

BENCH_DB = "exchange_bench_analysis"
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "700000"))
QUESTIONS = int(os.environ.get("BENCH_QUESTIONS", "40"))
LABELS = ["Strongly agree", "Agree", "Neither", "Disagree", "Don't know"]
ROLES = "(ARRAY['clinical_lead','managerial_lead','finance_lead'])[r % 3 + 1]"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure() -> None:
    import duckdb
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from exchange.accounts.tests.factories import UserFactory
    from exchange.analysis.results import Options
    from exchange.analysis.selectors import wave_results
    from exchange.analysis.services import tallies_rebuild
    from exchange.surveys.models import QuestionKind
    from exchange.surveys.services.authoring import OptionSpec

    options = [
        OptionSpec(f"o{k}", label, is_positive=k < 2, excluded_from_base=k == 4) for k, label in enumerate(LABELS)
    ]
    synthetic = synthetic_wave(
        title="NHS Staff Survey scale",
        confidentiality="confidential",
        questions=[
            {"code": f"q{q:02d}", "kind": QuestionKind.LIKERT, "text": f"Statement {q}", "options": options}
            for q in range(1, QUESTIONS + 1)
        ],
    )
    series, wave = synthetic.series, synthetic.wave
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
            responses_insert(cursor, synthetic, responses=RESPONSES, role_sql=ROLES)
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
    print_ratio("full analysis / DuckDB", ours, duck_seconds, note="target: within 3")
    print_ratio("raw PostgreSQL GROUP BY / DuckDB", raw_seconds, duck_seconds, places=1)

    client = Client()
    client.force_login(UserFactory(is_staff=True))
    page = reverse("analysis:question", kwargs={"series_slug": series.slug, "wave_slug": wave.slug, "code": "q01"})
    client.get(page)
    response, page_seconds = timed(
        "one question's dashboard page, by region", lambda: client.get(page, {"by": "region"})
    )
    assert response.status_code == 200
    print(f"  {'under' if page_seconds < 1 else 'OVER'} the 1 second target")


if __name__ == "__main__":
    on_throwaway_database(BENCH_DB, measure)
