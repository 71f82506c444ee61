"""Writing the tallies: each submission's increments added in the submitting transaction, and a wave's tallies
rebuilt from its answers (see `tallies` for what they count)."""

from collections import Counter, defaultdict

from django.db import connection, transaction

from exchange.surveys.models import Answer, Response
from exchange.surveys.questionnaire import Questionnaire

from ..models import ASKED_ROW, BASE_ROW, COUNTED_ROW, CROSS_TALLY_KEY, RESPONSES, TALLY_KEY, AnswerTally, CrossTally
from ..tallies import BY_KINDS, _asked, _routed, tally_increments

KEY = list(TALLY_KEY)
TABLE = AnswerTally._meta.db_table
CROSS_KEY = list(CROSS_TALLY_KEY)
CROSS_TABLE = CrossTally._meta.db_table


@transaction.atomic(savepoint=False)
def tallies_record(*, responses: list[tuple], questionnaire) -> None:
    """Count newly written responses into the tallies, in the caller's transaction.
    `responses`: (response, its answer rows with their questions and options, organisation kind or "");
    `questionnaire`: the wave's, whose routing says which questions each respondent was asked."""
    tallies_add(*tally_increments(responses, questionnaire))


def tallies_add(increments: Counter, crossed: Counter | None = None) -> None:
    """Add the increments in one statement per table; concurrent submissions add to the same rows safely."""
    _upsert(AnswerTally, KEY, increments)
    if crossed:
        _upsert(CrossTally, CROSS_KEY, crossed)


def _upsert(model, key: list[str], increments: Counter) -> None:
    # In key order, so that concurrent submissions lock the rows they share in the same order and cannot deadlock.
    rows = [(*item, count) for item, count in sorted(increments.items())]
    if not rows:
        return
    table = model._meta.db_table
    insert = f"INSERT INTO {table} ({', '.join(key + ['count'])})"
    conflict = f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET count = {table}.count + EXCLUDED.count"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array a column: one statement whose text is the same however many rows, so the driver parses it
            # once per process rather than a placeholder per value on every submission (a millisecond each).
            arrays = ", ".join(f"%s::{model._meta.get_field(name).db_type(connection)}[]" for name in key + ["count"])
            columns = [list(column) for column in zip(*rows, strict=True)]
            cursor.execute(f"{insert} SELECT * FROM UNNEST({arrays}) {conflict}", columns)  # noqa: S608
        else:
            cursor.executemany(f"{insert} VALUES ({', '.join(['%s'] * len(rows[0]))}) {conflict}", rows)  # noqa: S608


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
UNION ALL
SELECT r.wave_id, {RESPONSES}, 0, {BASE_ROW}, COALESCE(r.region_id, 0), COALESCE(r.area_team_id, 0), r.role,
       COALESCE(o.kind, ''), COUNT(*)
FROM surveys_response r LEFT JOIN organisations_organisation o ON o.id = r.organisation_id
WHERE r.wave_id = %(wave)s GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
"""

# Each respondent's answers joined to their own answers at every breakdown question: option rows for every question,
# and respondents counted distinctly for the questions that take several answers or none of an option.
_BY_ANSWER = """
WITH by_answer AS (
    SELECT a.response_id, a.question_id AS by_question_id, a.option_id AS by_option_id, r.role
    FROM surveys_answer a
    JOIN surveys_question q ON q.id = a.question_id AND q.kind IN ('single', 'likert')
    JOIN surveys_response r ON r.id = a.response_id
    WHERE r.wave_id = %(wave)s AND a.option_id IS NOT NULL
)"""
CROSS_OPTIONS = f"""{_BY_ANSWER}
INSERT INTO {CROSS_TABLE} ({", ".join(CROSS_KEY)}, count)
SELECT %(wave)s, b.by_question_id, b.by_option_id, a.question_id, COALESCE(a.grid_item_id, 0), a.option_id, b.role,
       COUNT(*)
FROM by_answer b JOIN surveys_answer a ON a.response_id = b.response_id
WHERE a.option_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7
"""
CROSS_BASES = f"""{_BY_ANSWER}
INSERT INTO {CROSS_TABLE} ({", ".join(CROSS_KEY)}, count)
SELECT %(wave)s, b.by_question_id, b.by_option_id, a.question_id, COALESCE(a.grid_item_id, 0), {BASE_ROW}, b.role,
       COUNT(DISTINCT a.response_id)
FROM by_answer b JOIN surveys_answer a ON a.response_id = b.response_id
JOIN surveys_question q ON q.id = a.question_id AND q.kind NOT IN ('single', 'likert', 'likert_grid')
GROUP BY 1, 2, 3, 4, 5, 6, 7
UNION ALL
SELECT %(wave)s, b.by_question_id, b.by_option_id, a.question_id, COALESCE(a.grid_item_id, 0), {COUNTED_ROW}, b.role,
       COUNT(DISTINCT a.response_id)
FROM by_answer b JOIN surveys_answer a ON a.response_id = b.response_id
JOIN surveys_question q ON q.id = a.question_id AND q.kind NOT IN ('single', 'likert', 'likert_grid')
LEFT JOIN surveys_option op ON op.id = a.option_id
WHERE op.id IS NULL OR NOT op.excluded_from_base
GROUP BY 1, 2, 3, 4, 5, 6, 7
"""


def _asked_rebuild(wave_id: int) -> tuple[Counter, Counter]:
    """The ASKED_ROW rows of both tables, from each respondent's recorded choices (only waves with routing)."""
    from exchange.surveys.models import Wave

    questionnaire = Questionnaire.load(Wave.objects.get(pk=wave_id))
    routed = _routed(questionnaire)
    if not routed:
        return Counter(), Counter()
    codes = {question.pk: question.code for question in questionnaire.questions}
    option_codes = {option.pk: option.code for question in questionnaire.questions for option in question.options.all()}
    by_ids = {question.pk for question in questionnaire.questions if question.kind in BY_KINDS}
    sources = {condition.source_id for question in routed for condition in question.conditions.all()}
    chosen: dict = defaultdict(lambda: defaultdict(list))
    by: dict = defaultdict(list)
    answers = Answer.objects.filter(
        response__wave_id=wave_id, option__isnull=False, question_id__in=sources | by_ids
    ).values_list("response_id", "question_id", "option_id")
    for response_id, question_id, option_id in answers.iterator(chunk_size=10000):
        if question_id in sources:
            chosen[response_id][codes[question_id]].append(option_codes[option_id])
        if question_id in by_ids:
            by[response_id].append((question_id, option_id))
    increments: Counter = Counter()
    crossed: Counter = Counter()
    respondents = Response.objects.filter(wave_id=wave_id).values_list(
        "id", "region_id", "area_team_id", "role", "organisation__kind"
    )
    for response_id, region, area_team, role, kind in respondents.iterator(chunk_size=10000):
        attributes = (region or 0, area_team or 0, role or "", kind or "")
        for question_id, item in _asked(routed, chosen.get(response_id, {})):
            increments[(wave_id, question_id, item, ASKED_ROW, *attributes)] += 1
            for by_question, by_option in by.get(response_id, ()):
                crossed[(wave_id, by_question, by_option, question_id, item, ASKED_ROW, role or "")] += 1
    return increments, crossed


@transaction.atomic
def tallies_rebuild(*, wave_id: int) -> int:
    """Recount a wave's tallies from its answers in the database (after a bulk load, or to check them)."""
    AnswerTally.objects.filter(wave_id=wave_id).delete()
    CrossTally.objects.filter(wave_id=wave_id).delete()
    with connection.cursor() as cursor:
        cursor.execute(REBUILD, {"wave": wave_id})
        cursor.execute(CROSS_OPTIONS, {"wave": wave_id})
        cursor.execute(CROSS_BASES, {"wave": wave_id})
    tallies_add(*_asked_rebuild(wave_id))
    return AnswerTally.objects.filter(wave_id=wave_id).count()
