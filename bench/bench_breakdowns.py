"""`analyse_wave` broken down by another question's answer, against the same command broken down by region, on a
50,000-response wave in PostgreSQL; and the command's start-up against `manage.py check`. Ratios from one run.

Environment: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_RESPONSES (50000),
BENCH_QUESTIONS (12). A database named exchange_bench_breakdowns is created and dropped.
"""

import os
import subprocess
import sys

from support import ROOT
from support.database import on_throwaway_database
from support.surveys import OPTIONS, responses_insert, synthetic_wave
from support.timing import print_ratio, timed

BENCH_DB = "exchange_bench_breakdowns"
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "50000"))
QUESTIONS = int(os.environ.get("BENCH_QUESTIONS", "12"))


def measure() -> None:
    from django.db import connection

    from exchange.analysis.exports import analysis_csv
    from exchange.analysis.services import tallies_rebuild
    from exchange.surveys.models import QuestionKind
    from exchange.surveys.services.authoring import OptionSpec

    options = [OptionSpec(f"o{k}", f"Option {k}", is_positive=k < 2) for k in range(OPTIONS)]
    synthetic = synthetic_wave(
        title="Breakdown benchmark",
        confidentiality="named",
        questions=[
            {
                "code": "provider_type" if q == 1 else f"q{q:02d}",
                "kind": QuestionKind.SINGLE if q == 1 else QuestionKind.LIKERT,
                "text": f"Statement {q}",
                "options": options,
            }
            for q in range(1, QUESTIONS + 1)
        ],
    )
    with connection.cursor() as cursor:
        responses_insert(cursor, synthetic, responses=RESPONSES, role_sql="'clinical_lead'")
        cursor.execute("ANALYZE surveys_answer; ANALYZE surveys_response")
    wave = synthetic.wave
    tallies_rebuild(wave_id=wave.pk)
    print(f"{RESPONSES:,} responses x {QUESTIONS} questions", flush=True)
    best_of_3 = {"repeat": 3, "places": 3}
    _, by_region = timed("analyse_wave --by region", lambda: analysis_csv(wave, by="region"), **best_of_3)
    rows, by_question = timed(
        "analyse_wave --by provider_type", lambda: analysis_csv(wave, by="q:provider_type"), **best_of_3
    )
    assert rows.count(b"\n") > QUESTIONS * OPTIONS
    print_ratio("by question / by region", by_question, by_region, note="target: within 2")

    manage = [sys.executable, str(ROOT / "manage.py")]
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings.test"}

    def run(*arguments):
        return lambda: subprocess.run([*manage, *arguments], check=True, capture_output=True, env=env)

    _, check = timed("manage.py check", run("check"), **best_of_3)
    _, startup = timed("manage.py analyse_wave --help", run("analyse_wave", "--help"), **best_of_3)
    print_ratio("analyse_wave start-up / manage.py check", startup, check)


if __name__ == "__main__":
    on_throwaway_database(BENCH_DB, measure)
