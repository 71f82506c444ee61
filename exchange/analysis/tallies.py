"""Keeping AnswerTally in step with responses: increments on submission, and a rebuild from the answers."""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction

from .models import BASE_ROW, COUNTED_ROW, AnswerTally

KEY = ["wave_id", "question_id", "grid_item_id", "option_id", "region_id", "area_team_id", "role", "organisation_kind"]
TABLE = AnswerTally._meta.db_table
CHUNK = 1000  # rows per statement, well under SQLite's limit on bound parameters


def tally_increments(responses: Iterable[tuple]) -> Counter:
    """`responses`: (response, answers, organisation kind). Returns the count to add per tally key."""
    increments: Counter = Counter()
    for response, answers, kind in responses:
        attributes = (response.region_id or 0, response.area_team_id or 0, response.role or "", kind or "")
        answered: set[tuple] = set()
        counted: set[tuple] = set()
        for answer in answers:
            item = answer.grid_item_id or 0
            question_key = (answer.question_id, item)
            if answer.option_id:
                increments[(response.wave_id, answer.question_id, item, answer.option_id, *attributes)] += 1
                if not answer.option.excluded_from_base:
                    counted.add(question_key)
            else:
                counted.add(question_key)
            answered.add(question_key)
        for question_id, item in answered:
            increments[(response.wave_id, question_id, item, BASE_ROW, *attributes)] += 1
        for question_id, item in counted:
            increments[(response.wave_id, question_id, item, COUNTED_ROW, *attributes)] += 1
    return increments


def tallies_add(increments: Counter) -> None:
    """Add the increments in one statement; concurrent submissions add to the same rows safely."""
    items = list(increments.items())
    columns = ", ".join(KEY + ["count"])
    row = "(" + ", ".join(["%s"] * (len(KEY) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {TABLE} ({columns}) VALUES {', '.join([row] * len(chunk))} "  # noqa: S608
                f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET count = {TABLE}.count + EXCLUDED.count",
                [value for key, count in chunk for value in (*key, count)],
            )


# One pass over the answers for the option counts; the base rows of every question that takes one answer per
# respondent are sums of those counts. Only multiple choice needs respondents counted distinctly.
REBUILD = f"""
WITH agg AS (
    SELECT r.wave_id, a.question_id, COALESCE(a.grid_item_id, 0) AS grid_item_id, a.option_id,
           COALESCE(r.region_id, 0) AS region_id, COALESCE(r.area_team_id, 0) AS area_team_id, r.role,
           COALESCE(o.kind, '') AS kind, COUNT(*) AS n
    FROM surveys_answer a
    JOIN surveys_response r ON r.id = a.response_id
    LEFT JOIN organisations_organisation o ON o.id = r.organisation_id
    WHERE r.wave_id = %(wave)s
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
), single AS (
    SELECT agg.*, COALESCE(op.excluded_from_base, FALSE) AS excluded
    FROM agg JOIN surveys_question q ON q.id = agg.question_id
    LEFT JOIN surveys_option op ON op.id = agg.option_id
    WHERE q.kind <> 'multiple'
), multiple AS (
    SELECT r.wave_id, a.question_id, 0 AS grid_item_id, r.id AS response_id,
           COALESCE(r.region_id, 0) AS region_id, COALESCE(r.area_team_id, 0) AS area_team_id, r.role,
           COALESCE(o.kind, '') AS kind, MAX(CASE WHEN op.excluded_from_base THEN 0 ELSE 1 END) AS counted
    FROM surveys_answer a
    JOIN surveys_question q ON q.id = a.question_id AND q.kind = 'multiple'
    JOIN surveys_option op ON op.id = a.option_id
    JOIN surveys_response r ON r.id = a.response_id
    LEFT JOIN organisations_organisation o ON o.id = r.organisation_id
    WHERE r.wave_id = %(wave)s
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
)
INSERT INTO {TABLE} ({", ".join(KEY)}, count)
SELECT wave_id, question_id, grid_item_id, option_id, region_id, area_team_id, role, kind, n
FROM agg WHERE option_id IS NOT NULL
UNION ALL
SELECT wave_id, question_id, grid_item_id, {BASE_ROW}, region_id, area_team_id, role, kind, SUM(n)
FROM single GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
UNION ALL
SELECT wave_id, question_id, grid_item_id, {COUNTED_ROW}, region_id, area_team_id, role, kind, SUM(n)
FROM single WHERE NOT excluded GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
UNION ALL
SELECT wave_id, question_id, grid_item_id, {BASE_ROW}, region_id, area_team_id, role, kind, COUNT(*)
FROM multiple GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
UNION ALL
SELECT wave_id, question_id, grid_item_id, {COUNTED_ROW}, region_id, area_team_id, role, kind, SUM(counted)
FROM multiple GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING SUM(counted) > 0
"""


@transaction.atomic
def tallies_rebuild(*, wave_id: int) -> int:
    """Recount a wave's tallies from its answers in the database (after a bulk load, or to check them)."""
    AnswerTally.objects.filter(wave_id=wave_id).delete()
    with connection.cursor() as cursor:
        cursor.execute(REBUILD, {"wave": wave_id})
    return AnswerTally.objects.filter(wave_id=wave_id).count()
