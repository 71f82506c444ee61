"""`analyse_wave` broken down by another question's answer, against the same command broken down by region, on a
50,000-response wave in PostgreSQL; and the command's start-up against `manage.py check`. Ratios from one run.

Environment: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_RESPONSES (50000),
BENCH_QUESTIONS (12). A database named exchange_bench_breakdowns is created and dropped.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "exchange_bench_breakdowns"
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "50000"))
QUESTIONS = int(os.environ.get("BENCH_QUESTIONS", "12"))
OPTIONS = 5
CHOICE = "(((r * 2654435761 + q * 40503) % 2147483647) % {options})"


def timed(label: str, action, repeat: int = 3):
    """The best of `repeat` runs (the machine is shared and noisy)."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    print(f"{label}: {best:.3f} s (best of {repeat})", flush=True)
    return result, best


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
    from django.core.management import call_command
    from django.db import connection

    from exchange.analysis.exports import analysis_csv
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
    series = series_create(owner=OrganisationFactory(kind="national_body"), title="Breakdown benchmark")
    wave = wave_create(series=series, label="Benchmark", confidentiality="named")
    section = section_create(wave=wave, title="Questions")
    question_ids, option_bases = [], []
    for q in range(1, QUESTIONS + 1):
        question = question_create(
            section=section,
            code="provider_type" if q == 1 else f"q{q:02d}",
            kind=QuestionKind.SINGLE if q == 1 else QuestionKind.LIKERT,
            text=f"Statement {q}",
            options=[OptionSpec(f"o{k}", f"Option {k}", is_positive=k < 2) for k in range(OPTIONS)],
        )
        ids = sorted(question.options.values_list("id", flat=True))
        question_ids.append(question.pk)
        option_bases.append(ids[0])
    wave.status = WaveStatus.CLOSED
    wave.save()
    region_ids = [region.pk for region in regions]
    qmap = ", ".join(
        f"({q}, {qid}, {base})" for q, (qid, base) in enumerate(zip(question_ids, option_bases, strict=True), start=1)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO surveys_response (id, wave_id, region_id, role, via_open_link) "
            f"SELECT md5(r::text)::uuid, {wave.pk}, (ARRAY{region_ids})[r % 4 + 1], 'clinical_lead', false "
            f"FROM generate_series(1, {RESPONSES}) r"
        )
        cursor.execute(
            "INSERT INTO surveys_answer (response_id, question_id, option_id, text) "
            f"SELECT md5(r::text)::uuid, m.question_id, m.option_base + {CHOICE.format(options=OPTIONS)}, '' "
            f"FROM generate_series(1, {RESPONSES}) r CROSS JOIN (VALUES {qmap}) AS m(q, question_id, option_base)"
        )
        cursor.execute("ANALYZE surveys_answer; ANALYZE surveys_response")
    tallies_rebuild(wave_id=wave.pk)
    print(f"{RESPONSES:,} responses x {QUESTIONS} questions", flush=True)
    _, by_region = timed("analyse_wave --by region", lambda: analysis_csv(wave, by="region"))
    rows, by_question = timed("analyse_wave --by provider_type", lambda: analysis_csv(wave, by="q:provider_type"))
    assert rows.count(b"\n") > QUESTIONS * OPTIONS
    print(f"ratio by question / by region: {by_question / by_region:.2f} (target: within 2)")

    manage = [sys.executable, str(ROOT / "manage.py")]
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test"}

    def run(*arguments):
        return lambda: subprocess.run([*manage, *arguments], check=True, capture_output=True, env=env)

    _, check = timed("manage.py check", run("check"))
    _, startup = timed("manage.py analyse_wave --help", run("analyse_wave", "--help"))
    print(f"ratio analyse_wave start-up / manage.py check: {startup / check:.2f}")

    from django.db import connections

    connections.close_all()
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


if __name__ == "__main__":
    main()
