"""The tallies' arithmetic: what one batch of responses adds to them (`tally_increments`), and which questions a
respondent was asked. `services.tallies` writes them (on submission, and in a rebuild from the answers).

Two tables, both upserted in the submitting transaction: AnswerTally (by the respondent's attributes) and
CrossTally (by the respondent's answer to each single-choice or Likert question). Both also count, for every routed
question, the respondents it was asked of; AnswerTally counts respondents (question RESPONSES), which is the number
asked of every question without routing. "Asked" is worked out from the recorded answers, which are those to
questions the respondent was asked (see `Questionnaire.effective_answers`), with the questionnaire's own conditions.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable

from exchange.surveys.models import QuestionKind
from exchange.surveys.questionnaire import Questionnaire, condition_holds

from .models import ASKED_ROW, BASE_ROW, COUNTED_ROW, RESPONSES

BY_KINDS = (QuestionKind.SINGLE, QuestionKind.LIKERT)  # questions a table can be broken down by
ONE_ANSWER = (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.LIKERT_GRID)  # bases are sums of options


def items_of(question) -> list[int]:
    """The grid items a question's rows are kept for: its items for a Likert grid, else the one key 0."""
    return [item.pk for item in question.grid_items.all()] if question.kind == QuestionKind.LIKERT_GRID else [0]


def _routed(questionnaire: Questionnaire) -> list:
    return [question for question in questionnaire.questions if question.conditions.all()]


def _asked(routed: list, chosen: dict) -> list[tuple[int, int]]:
    """(question, grid item) of each routed question asked of a respondent whose recorded choices are `chosen`
    ({question code: [option codes]}): its conditions hold on the answers to questions that were asked."""
    keys = []
    for question in routed:
        if all(condition_holds(condition, chosen) for condition in question.conditions.all()):
            keys.extend((question.pk, item) for item in items_of(question))
    return keys


def _chosen(answers) -> dict:
    chosen: dict = defaultdict(list)
    for answer in answers:
        if answer.option_id:
            chosen[answer.question.code].append(answer.option.code)
    return chosen


def tally_increments(responses: Iterable[tuple], questionnaire: Questionnaire) -> tuple[Counter, Counter]:
    """`responses`: (response, answers, organisation kind). Returns the counts to add per AnswerTally key and per
    CrossTally key."""
    increments: Counter = Counter()
    crossed: Counter = Counter()
    routed = _routed(questionnaire)
    for response, answers, kind in responses:
        wave = response.wave_id
        attributes = (response.region_id or 0, response.area_team_id or 0, response.role or "", kind or "")
        answered: set[tuple] = set()
        counted: set[tuple] = set()
        rows: list[tuple] = []  # what the crosstabs count for this respondent, once per breakdown answer
        by: list[tuple] = []
        for answer in answers:
            item = answer.grid_item_id or 0
            question_key = (answer.question_id, item)
            if answer.option_id:
                increments[(wave, answer.question_id, item, answer.option_id, *attributes)] += 1
                rows.append((answer.question_id, item, answer.option_id))
                if not answer.option.excluded_from_base:
                    counted.add(question_key)
                if answer.question.kind in BY_KINDS:
                    by.append((answer.question_id, answer.option_id))
            else:
                counted.add(question_key)
            answered.add(question_key)
        kinds = {answer.question_id: answer.question.kind for answer in answers}
        for question_id, item in answered:
            increments[(wave, question_id, item, BASE_ROW, *attributes)] += 1
            if kinds[question_id] not in ONE_ANSWER:
                rows.append((question_id, item, BASE_ROW))
        for question_id, item in counted:
            increments[(wave, question_id, item, COUNTED_ROW, *attributes)] += 1
            if kinds[question_id] not in ONE_ANSWER:
                rows.append((question_id, item, COUNTED_ROW))
        increments[(wave, RESPONSES, 0, BASE_ROW, *attributes)] += 1
        for question_id, item in _asked(routed, _chosen(answers)):
            increments[(wave, question_id, item, ASKED_ROW, *attributes)] += 1
            rows.append((question_id, item, ASKED_ROW))
        for by_question, by_option in by:
            for row in rows:
                crossed[(wave, by_question, by_option, *row, response.role or "")] += 1
    return increments, crossed
