"""Writing responses: the answer rows a response's answers are kept as (`answer_rows`), and the release of a
confidential wave's waiting responses into analysis, in batches (`responses_release`)."""

import random
from decimal import Decimal

from django.db import transaction

from ..models import Answer, PendingResponse, QuestionKind, Response, Wave
from ..questionnaire import Answers, Questionnaire
from ..signals import responses_written
from .answer_checks import answers_checked

CALCULATED_LIMIT = Decimal(10) ** 12  # Answer.number holds 14 digits, 2 of them decimals; larger is kept as text


def _cents(value: Decimal) -> Decimal:  # rounded first, so 999999999999.995 is too large, as it is once stored
    return value.quantize(Decimal("0.01")) if value.is_finite() and abs(value) < CALCULATED_LIMIT * 10 else value


def answer_rows(questionnaire: Questionnaire, response: Response, answers: Answers) -> list[Answer]:
    rows: list[Answer] = []
    answers_checked(questionnaire, answers)
    effective = questionnaire.complete_answers(answers)  # with read-only defaults and calculated values
    for question in questionnaire.questions:
        value = effective.get(question.code)
        if value in (None, "", [], {}):
            continue
        options = questionnaire.options_by_code[question.id]
        if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            rows.append(Answer(response=response, question=question, option=options[value]))
        elif question.kind == QuestionKind.MULTIPLE:
            # Each option once, however often it was sent: a respondent chooses an option or does not.
            rows.extend(
                Answer(response=response, question=question, option=options[code]) for code in dict.fromkeys(value)
            )
        elif question.kind == QuestionKind.LIKERT_GRID:
            items = questionnaire.grid_items_by_code[question.id]
            rows.extend(
                Answer(response=response, question=question, grid_item=items[item], option=options[code])
                for item, code in value.items()
                if item in items and code in options
            )
        elif question.kind == QuestionKind.NUMBER:
            rows.append(Answer(response=response, question=question, number=value))
        elif question.kind == QuestionKind.NOTE:
            continue  # a note takes no answer
        elif (
            question.kind == QuestionKind.CALCULATE
            and isinstance(value, Decimal)
            and abs(_cents(value)) < CALCULATED_LIMIT
        ):
            rows.append(Answer(response=response, question=question, number=_cents(value)))
        else:  # text, and dates and times as ISO text (see `surveys.answers`)
            rows.append(Answer(response=response, question=question, text=str(value)))
    return rows


@transaction.atomic(savepoint=False)
def responses_release(*, wave: Wave, questionnaire: Questionnaire | None = None, at_close: bool = False) -> int:
    """Release a confidential wave's waiting responses into analysis once there are at least the series' threshold
    of them (or all that are left when the wave closes), in random order, under one transaction: responses,
    answers and tallies of a batch share their transaction id and their order says nothing. Returns how many.
    A constant number of statements, however many are released."""
    pending = list(
        # Locked in key order, so that two submissions releasing at once cannot deadlock.
        PendingResponse.objects.select_for_update(of=("self",))
        .filter(wave=wave)
        .select_related("organisation")
        .order_by("pk")
    )
    if not pending or (len(pending) < wave.series.suppression_threshold and not at_close):
        return 0
    random.SystemRandom().shuffle(pending)
    questionnaire = questionnaire or Questionnaire.for_wave(wave)
    responses = [
        Response(
            wave=wave,
            organisation=waiting.organisation,
            region_id=waiting.organisation.region_id if waiting.organisation else None,
            area_team_id=waiting.organisation.area_team_id if waiting.organisation else None,
            role=waiting.role,
            via_open_link=waiting.via_open_link,
        )
        for waiting in pending
    ]
    Response.objects.bulk_create(responses)
    written = [
        (response, answer_rows(questionnaire, response, waiting.answers), getattr(waiting.organisation, "kind", ""))
        for response, waiting in zip(responses, pending, strict=True)
    ]
    Answer.objects.bulk_create([answer for _, answers, _ in written for answer in answers])
    PendingResponse.objects.filter(pk__in=[waiting.pk for waiting in pending]).delete()
    responses_written.send(sender=Response, wave=wave, responses=written, questionnaire=questionnaire)
    return len(pending)
