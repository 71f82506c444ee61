"""Recording responses that were collected elsewhere (historic waves, reconstructed demo waves), in bulk."""

from dataclasses import dataclass

from django.db import transaction

from exchange.organisations.models import Organisation

from ..models import Answer, Response, Wave
from ..questionnaire import Answers, Questionnaire
from ..signals import responses_written
from .responses import answer_rows


@dataclass(frozen=True)
class RecordedResponse:
    organisation: Organisation | None
    role: str
    answers: Answers


@transaction.atomic
def responses_record(*, wave: Wave, responses: list[RecordedResponse]) -> int:
    """Write responses and their answers in bulk. Answers must already be valid for the questionnaire."""
    questionnaire = Questionnaire.load(wave)
    rows = [
        Response(
            wave=wave,
            organisation=item.organisation,
            region_id=getattr(item.organisation, "region_id", None),
            area_team_id=getattr(item.organisation, "area_team_id", None),
            role=item.role,
        )
        for item in responses
    ]
    Response.objects.bulk_create(rows, batch_size=1000)
    answers: list[Answer] = []
    tally_input = []
    for response, item in zip(rows, responses, strict=True):
        rows_for_response = answer_rows(questionnaire, response, item.answers)
        answers.extend(rows_for_response)
        tally_input.append((response, rows_for_response, getattr(item.organisation, "kind", "")))
    Answer.objects.bulk_create(answers, batch_size=5000)
    responses_written.send(sender=Response, wave=wave, responses=tally_input, questionnaire=questionnaire)
    return len(rows)
