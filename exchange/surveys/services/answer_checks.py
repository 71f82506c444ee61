"""The checks every saved or submitted answer goes through, whichever page or file it came from: an answer a
question can take (`answers.answer_refusal`), never one to a question that is worked out, a cascading choice that
fits, and the question's constraint on all the answers so far."""

from exchange.core.exceptions import ApplicationError

from ..answers import answer_refusal
from ..choice_filters import choice_refusal
from ..expressions import is_empty
from ..models import QuestionKind
from ..questionnaire import Answers, Questionnaire
from ..rules import constraint_refusal, typed_answers

NOT_ANSWERED = "{code} is worked out, not answered."


def answers_checked(questionnaire: Questionnaire, answers: Answers, known: Answers | None = None) -> None:
    """Refuse an answer to a note, a calculated or read-only question, a date or time not in ISO text, and a cascading
    choice that does not fit the answers it depends on (`known`: the draft's with these)."""
    for code, value in answers.items():
        if (question := questionnaire.by_code.get(code)) is None:
            continue
        refusal = answer_refusal(question, value) or choice_refusal(question, value, known or answers)
        worked_out = question.kind == QuestionKind.CALCULATE or question.readonly
        if refusal is None and worked_out and not is_empty(value):
            refusal = NOT_ANSWERED.format(code=code)
        if refusal:
            raise ApplicationError(refusal)


def rules_checked(questionnaire: Questionnaire, merged: Answers, saved: Answers) -> None:
    """Refuse a saved answer that breaks its question's constraint, judged on all the answers so far."""
    effective = questionnaire.effective_answers(merged)
    values = typed_answers(questionnaire.questions, effective)
    for code in saved:
        question = questionnaire.by_code.get(code)
        refusal = constraint_refusal(question, effective.get(code), values) if question is not None else None
        if refusal:
            raise ApplicationError(f"{code}: {refusal}")
