"""Turning stored answers into words for people: check-your-answers and previews."""

from .answers import date_display
from .models import Question, QuestionKind


def answer_display(question: Question, value) -> str:
    if value in (None, "", [], {}):
        return "Not answered"
    labels = {option.code: option.label for option in question.options.all()}
    if question.kind in (QuestionKind.SINGLE, QuestionKind.LIKERT):
        return labels.get(value, str(value))
    if question.kind == QuestionKind.MULTIPLE:
        return ", ".join(labels.get(code, code) for code in value)
    if question.kind == QuestionKind.LIKERT_GRID:
        return "; ".join(
            f"{item.text}: {labels.get(value.get(item.code), 'Not answered')}" for item in question.grid_items.all()
        )
    if question.kind == QuestionKind.DATE:
        return date_display(value)
    return str(value)
