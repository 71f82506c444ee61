"""Loading responses collected elsewhere: one CSV row per respondent, columns named by question code.

Coded values: an option code for single choice and Likert; option codes separated by ';' for multiple choice;
one column per grid item named <grid code>_<item code>; numbers; text; dates as YYYY-MM-DD and times as HH:MM (24-hour
clock). Notes take no answer, so they have no column. `organisation_code` (ODS) and `role`
describe the respondent. Every row is checked (unknown column, bad value, routing) and nothing is loaded if any
row is bad; each problem names its line."""

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from exchange.organisations.models import Organisation

from ..answers import date_from_iso, date_iso, time_from_typed, time_iso
from ..models import QuestionKind, Wave
from ..questionnaire import Questionnaire, is_answered
from .contacts import RowProblem, role_from_text
from .recording import RecordedResponse, responses_record

ATTRIBUTE_COLUMNS = {"organisation_code", "role"}


class ResponseImportError(Exception):
    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _columns(questionnaire: Questionnaire) -> dict[str, tuple]:
    columns: dict[str, tuple] = {}
    for question in questionnaire.questions:
        if question.kind == QuestionKind.LIKERT_GRID:
            for item in question.grid_items.all():
                columns[f"{question.code}_{item.code}"] = (question, item.code)
        elif question.kind not in (QuestionKind.NOTE, QuestionKind.CALCULATE) and not question.readonly:
            columns[question.code] = (question, None)  # calculated values and read-only ones are worked out
    return columns


def _value(question, raw: str) -> tuple[object, str | None]:
    codes = {option.code for option in question.options.all()}
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.LIKERT_GRID):
        return (raw, None) if raw in codes else (None, f"{raw!r} is not an option of {question.code}")
    if question.kind == QuestionKind.MULTIPLE:
        chosen = [code.strip() for code in raw.split(";") if code.strip()]
        unknown = [code for code in chosen if code not in codes]
        return (chosen, None) if not unknown else (None, f"{', '.join(unknown)} not options of {question.code}")
    if question.kind == QuestionKind.NUMBER:
        try:
            number = Decimal(raw)
        except InvalidOperation:
            return None, f"{raw!r} is not a number ({question.code})"
        if question.whole_number and number != number.to_integral_value():
            return None, f"{raw!r} is not a whole number ({question.code})"
        if (question.min_value is not None and number < question.min_value) or (
            question.max_value is not None and number > question.max_value
        ):
            return None, f"{raw} is outside the bounds of {question.code}"
        return str(number), None
    if question.kind == QuestionKind.DATE:
        day = date_from_iso(raw)
        return (date_iso(day), None) if day else (None, f"{raw!r} is not a real date as YYYY-MM-DD ({question.code})")
    if question.kind == QuestionKind.TIME:
        moment = time_from_typed(raw)
        return (time_iso(moment), None) if moment else (None, f"{raw!r} is not a time as HH:MM ({question.code})")
    return raw, None


@transaction.atomic
def responses_import_csv(*, wave: Wave, data: bytes) -> int:
    questionnaire = Questionnaire.load(wave)
    columns = _columns(questionnaire)
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    unknown = [name for name in header if name not in columns and name not in ATTRIBUTE_COLUMNS]
    if unknown:
        raise ResponseImportError([RowProblem(1, f"unknown column(s): {', '.join(unknown)}")])
    reader.fieldnames = header
    organisations = {(o.ods_code or "").upper(): o for o in Organisation.objects.exclude(ods_code=None)}
    problems, records = [], []
    for row in reader:
        line, reasons, rejected = reader.line_num, [], set()
        answers: dict[str, Any] = {}
        for name, raw in row.items():
            raw = (raw or "").strip()
            if name in ATTRIBUTE_COLUMNS or not raw:
                continue
            question, item = columns[name]
            value, reason = _value(question, raw)
            if reason:
                reasons.append(reason)
                rejected.add(question.code)
            elif item:
                answers.setdefault(question.code, {})[item] = value
            else:
                answers[question.code] = value
        # A registry role (code or label), as for contacts: free text could tag a respondent in the results.
        role_text = (row.get("role") or "").strip()
        role = role_from_text(role_text) if role_text else ""
        if role is None:
            reasons.append(f"role {role_text!r} is not a registry role")
        code = (row.get("organisation_code") or "").strip().upper()
        organisation = organisations.get(code) if code else None
        if code and organisation is None:
            reasons.append(f"organisation code {code!r} is unknown")
        reasons += _routing_problems(questionnaire, answers, skip=rejected)
        if reasons or role is None:
            problems.append(RowProblem(line, "; ".join(reasons)))
        else:
            records.append(RecordedResponse(organisation=organisation, role=role, answers=answers))
    if problems:
        raise ResponseImportError(problems)
    if not records:
        raise ResponseImportError([RowProblem(2, "the file has no responses")])
    return responses_record(wave=wave, responses=records)


def _routing_problems(questionnaire: Questionnaire, answers: dict, *, skip: set[str]) -> list[str]:
    """Answers to questions routing says were not asked, and required asked questions left empty; questions
    whose value was already refused are not reported twice."""
    reasons = []
    effective, asked_ids = questionnaire.routing(answers)
    for question in questionnaire.questions:
        if question.code in skip:
            continue
        asked = question.id in asked_ids
        given = question.code in answers
        if given and not asked:
            reasons.append(f"{question.code} is answered but its routing says it was not asked")
        elif asked and question.required and not is_answered(question, effective.get(question.code)):
            reasons.append(f"{question.code} is required but not answered")
    return reasons
