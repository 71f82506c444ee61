"""The response-level rows of a wave, for its exports: one dict per response, codes not labels, in batches so memory
stays flat at national scale; and what a confidential wave's export may carry (`export_plan`)."""

from collections import defaultdict

from exchange.surveys.models import Answer, QuestionKind, Response, Wave
from exchange.surveys.questionnaire import Questionnaire

from ..disclosure import MicrodataPlan, microdata_plan
from ..models import CommentCoding
from ..when import WHEN

BATCH = 2000
# The columns a response-level file has of its own: a question with one of these codes is exported as `q_<code>`,
# so its answers never overwrite (or sit beside, under the same name) the respondent's own attributes
RESERVED_COLUMNS = {"respondent", "organisation_code", "organisation", "region", "area_team", "role", "name", "email"}


def question_column(code: str) -> str:
    return f"q_{code}" if code in RESERVED_COLUMNS else code


def export_plan(wave: Wave) -> MicrodataPlan:
    """What this wave's response-level exports may carry (see `disclosure`); raises MicrodataRefused."""
    records = [
        dict(zip(("organisation_code", "organisation", "area_team", "region", "role"), values, strict=True))
        # Keys, not names: the same partition the disclosure layer (`protection`) reasons about.
        for values in Response.objects.filter(wave=wave).values_list(
            "organisation_id", "organisation_id", "area_team_id", "region_id", "role"
        )
    ]
    return microdata_plan(wave=wave, records=records)


def response_rows(wave: Wave, plan: MicrodataPlan | None = None):
    """Yield one dict per response (codes, not labels), in batches so memory stays flat at national scale. With a
    confidential wave's plan, quasi-identifiers it does not keep are left out, and uncleared free text, dates and times
    are blank. Dates and times are ISO text ("2013-04-01", "09:30")."""
    plan = plan or export_plan(wave)
    cleared = (
        set(
            CommentCoding.objects.filter(answer__response__wave=wave, cleared_for_export=True).values_list(
                "answer_id", flat=True
            )
        )
        if plan.confidential
        else None
    )
    questionnaire = Questionnaire.for_wave(wave)
    questions = {q.pk: q for q in questionnaire.questions}
    options = {o.pk: o.code for q in questionnaire.questions for o in q.options.all()}
    items = {i.pk: i.code for q in questionnaire.questions for i in q.grid_items.all()}
    named = not wave.is_confidential
    fields = ["id", "organisation__ods_code", "organisation__name", "region__name", "area_team__name", "role"]
    if named:
        fields += ["contact__full_name", "contact__email"]
    responses = Response.objects.filter(wave=wave).order_by("id").values_list(*fields)
    number = 0
    batch: list = []
    for record in responses.iterator(chunk_size=BATCH):
        batch.append(record)
        if len(batch) == BATCH:
            for row in _rows(batch, questions, options, items, named, number, plan, cleared):
                number += 1
                yield row
            batch = []
    for row in _rows(batch, questions, options, items, named, number, plan, cleared):
        yield row


def _rows(batch, questions, options, items, named, start, plan: MicrodataPlan, cleared: set | None):
    if not batch:
        return
    answers = defaultdict(list)
    for answer_id, response_id, question_id, item_id, option_id, value, text in Answer.objects.filter(
        response_id__in=[record[0] for record in batch]
    ).values_list("id", "response_id", "question_id", "grid_item_id", "option_id", "number", "text"):
        if text and cleared is not None and (answer_id not in cleared or questions[question_id].kind in WHEN):
            # Free text not yet reviewed and cleared for release; a date or a time, which can name the person who
            # gave it, never (a confidential wave's results show them by month or hour, in ranges of k: `when`).
            text = ""
        answers[response_id].append((question_id, item_id, option_id, value, text))
    for offset, record in enumerate(batch, start=1):
        attributes = {
            "organisation_code": record[1] or "",
            "organisation": record[2] or "",
            "region": record[3] or "",
            "area_team": record[4] or "",
            "role": record[5] or "",
        }
        row = {"respondent": start + offset} | {name: v for name, v in attributes.items() if plan.keeps(name)}
        if named:
            row.update(name=record[6] or "", email=record[7] or "")
        for question_id, item_id, option_id, value, text in answers[record[0]]:
            question = questions[question_id]
            column = question_column(question.code)
            if question.kind == QuestionKind.MULTIPLE:
                for option in question.options.all():
                    row.setdefault(f"{column}_{option.code}", 0)
                row[f"{column}_{options[option_id]}"] = 1
            elif question.kind == QuestionKind.LIKERT_GRID:
                row[f"{column}_{items[item_id]}"] = options[option_id]
            elif option_id:
                row[column] = options[option_id]
            elif value is not None:
                row[column] = float(value)
            else:
                row[column] = text
        yield row
