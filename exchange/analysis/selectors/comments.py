"""Free-text comments: browsing and searching them, and counting the themes analysts tagged them with.
Comments show at most region and role beside them, never the organisation or person — in a confidential wave only
those of the two its k-anonymous export keeps — and are hidden when fewer than the suppression threshold answered
the question. A comment is named in pages and URLs by an opaque reference (a keyed hash of its row), listed in that
reference's order, so neither reveals when it was written or which batch of responses brought it."""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from exchange.surveys.models import Answer, Question, QuestionKind, Wave

from ..disclosure import MicrodataRefused
from ..models import Theme
from .responses import export_plan

TOO_FEW = "Fewer than {threshold} people answered this question, so their comments are not shown."


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    count: int
    base: int

    @property
    def percent(self) -> float | None:
        return self.count / self.base if self.base else None


def comment_list(*, wave: Wave, question: Question, search: str = "", theme_id: int | None = None) -> QuerySet[Answer]:
    answers = (
        Answer.objects.filter(question=question, response__wave=wave)
        .exclude(text="")
        .select_related("response__region", "coding")
        .prefetch_related("coding__themes")
        .order_by("id")
    )
    if search:
        answers = answers.filter(text__icontains=search)
    if theme_id:
        answers = answers.filter(coding__themes__id=theme_id)
    return answers


def comment_reference(answer_id: int) -> str:
    """An identifier for a comment that reveals nothing of the order answers were stored in."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"comment:{answer_id}".encode(), hashlib.sha256).hexdigest()[:20]


@dataclass(frozen=True)
class CommentEntry:
    reference: str
    answer: Answer
    label: str  # region and role, as far as the wave allows


def comment_entries(*, wave: Wave, question: Question, search: str = "", theme_id: int | None = None) -> list:
    """The comments for the listing, in reference order, each with the attributes it may show."""
    shows = {"region", "role"}
    if wave.is_confidential:
        try:
            plan = export_plan(wave)
            shows = {name for name in shows if plan.keeps(name)}
        except MicrodataRefused:
            shows = set()
    entries = []
    for answer in comment_list(wave=wave, question=question, search=search, theme_id=theme_id):
        parts = []
        if "region" in shows:
            parts.append(answer.response.region.name if answer.response.region else "Region not known")
        if "role" in shows and answer.response.role:
            parts.append(answer.response.role.replace("_", " "))
        entries.append(CommentEntry(comment_reference(answer.pk), answer, ", ".join(parts)))
    return sorted(entries, key=lambda entry: entry.reference)


def comment_find(*, wave: Wave, question: Question, reference: str) -> Answer | None:
    ids = Answer.objects.filter(question=question, response__wave=wave).exclude(text="").values_list("pk", flat=True)
    found = next((pk for pk in ids if hmac.compare_digest(comment_reference(pk), reference)), None)
    return Answer.objects.select_related("response").get(pk=found) if found else None


def comments_hidden(*, wave: Wave, question: Question) -> bool:
    return comment_list(wave=wave, question=question).count() < wave.series.suppression_threshold


def theme_counts(*, wave: Wave, question: Question) -> list[ThemeCount]:
    base = comment_list(wave=wave, question=question).count()
    themes = Theme.objects.filter(wave=wave).annotate(
        n=Count("codings", filter=Q(codings__answer__question=question), distinct=True)
    )
    return [ThemeCount(theme=theme, count=theme.n, base=base) for theme in themes]


def quotes(*, wave: Wave, question: Question) -> list[str]:
    if comments_hidden(wave=wave, question=question):
        return []
    chosen = Answer.objects.filter(question=question, response__wave=wave, coding__quote=True).values_list("pk", "text")
    return [text for _, text in sorted(chosen, key=lambda row: comment_reference(row[0]))]  # no storage order


def wave_quotes(*, wave: Wave) -> dict[str, list[str]]:
    """The quotes of each free-text question of a wave, by its code (see `quotes`)."""
    text = wave.questions.filter(kind__in=[QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT])
    return {question.code: quotes(wave=wave, question=question) for question in text}
