"""A question's rules written as XLSForm expressions, carried out on a respondent's answers: its constraint (with
its message), `required` decided by an expression, and a calculated value. Pure reads: nothing here writes.

Answers are typed for expressions as ODK types them: a number as Decimal, a date as `date`, a time as `time`, a
single choice as its option code and a multiple choice as its codes separated by spaces (what `selected()` reads);
a question with no answer is the empty string. Every expression was parsed when it was written (`expression_refusal`),
so none fails here.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .answers import date_from_iso, time_from_iso
from .expressions import (
    ExpressionError,
    Node,
    evaluate,
    holds,
    is_empty,
    is_numeric,
    number,
    parse,
    references,
    uses_here,
)
from .expressions import string as as_string
from .models import Question, QuestionKind

RULE_BROKEN = "Enter an answer that meets the question's rule"
NOT_EARLIER = "{name} is not an earlier question of the form"
HERE_ONLY_IN_CONSTRAINT = "'.' (this answer) can only be used in a constraint"
TAKES_NO_ANSWER = {QuestionKind.NOTE, QuestionKind.CALCULATE, QuestionKind.LIKERT_GRID}


@lru_cache(maxsize=1024)
def parsed(text: str) -> Node:
    return parse(text)


def typed(question: Question, value: Any) -> Any:
    """An answer as expressions see it (see the module)."""
    if is_empty(value):
        return ""
    kind = question.kind
    if kind == QuestionKind.NUMBER:
        result = number(str(value))
        return "" if result.is_nan() else result
    if kind == QuestionKind.DATE:
        return date_from_iso(str(value)) or ""
    if kind == QuestionKind.TIME:
        return time_from_iso(str(value)) or ""
    if kind == QuestionKind.MULTIPLE:
        return " ".join(str(code) for code in value) if isinstance(value, list) else str(value)
    if kind == QuestionKind.LIKERT_GRID:
        return ""  # a grid's items are not questions an expression can name
    return value if isinstance(value, Decimal) else str(value)


def typed_answers(questions: Iterable[Question], answers: Mapping[str, Any]) -> dict[str, Any]:
    return {question.code: typed(question, answers.get(question.code)) for question in questions}


def constraint_refusal(question: Question, value: Any, answers: Mapping[str, Any]) -> str | None:
    """The question's constraint message if `value` (a non-empty answer) breaks its constraint; else None."""
    if not question.constraint or is_empty(value):
        return None
    if holds(parsed(question.constraint), answers, here=typed(question, value)):
        return None
    return question.constraint_message or RULE_BROKEN


def is_required(question: Question, answers: Mapping[str, Any]) -> bool:
    """Required by its expression when it has one, else by its flag; a read-only question never is."""
    if question.readonly or question.kind in (QuestionKind.NOTE, QuestionKind.CALCULATE):
        return False
    if question.required_if:
        return holds(parsed(question.required_if), answers)
    return question.required


def calculated(question: Question, answers: Mapping[str, Any]) -> Decimal | str:
    """A calculated value: a Decimal when its expression is numeric (NaN, infinite and empty are ''), else text."""
    node = parsed(question.calculation)
    value = evaluate(node, answers)
    if is_numeric(node):
        result = number(value)
        return "" if result.is_nan() or result.is_infinite() else result
    return as_string(value)


def default_value(question: Question) -> Any:
    """The default in the draft's shape: a list of codes for a multiple choice, text otherwise."""
    if not question.default:
        return None
    return question.default.split() if question.kind == QuestionKind.MULTIPLE else question.default


def expression_refusal(text: str, *, earlier: Iterable[str], here: bool) -> str | None:
    """Why `text` cannot be a question's expression: outside the subset, naming a question that is not earlier in
    the form, or using `.` where there is no answer of its own (`here` False). None if it can."""
    try:
        node = parsed(text)
    except ExpressionError as error:
        return f"{text!r}: {error}"
    known = set(earlier)
    unknown = [name for name in references(node) if name not in known]
    if unknown:
        return f"{text!r}: " + NOT_EARLIER.format(name="${" + unknown[0] + "}")
    if not here and uses_here(node):
        return f"{text!r}: {HERE_ONLY_IN_CONSTRAINT}"
    return None
