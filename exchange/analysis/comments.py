"""Free-text comments: browsing and searching them, and counting the themes analysts tagged them with.
Comments show only region and role beside them, never the organisation or person, and are hidden when fewer
than the suppression threshold answered the question."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import Answer, Question, Wave

from .models import CommentCoding, Theme

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
    return list(
        Answer.objects.filter(question=question, response__wave=wave, coding__quote=True).values_list("text", flat=True)
    )


@transaction.atomic
def theme_create(*, wave: Wave, name: str) -> Theme:
    name = name.strip()
    if not name:
        raise ApplicationError("Enter a name for the theme")
    theme, _ = Theme.objects.get_or_create(wave=wave, name=name)
    return theme


@transaction.atomic
def comment_code(
    *, answer: Answer, theme_ids: list[int], quote: bool, cleared_for_export: bool = False
) -> CommentCoding:
    if not answer.text:
        raise ApplicationError("Only free-text answers can be tagged")
    themes = list(Theme.objects.filter(wave_id=answer.response.wave_id, pk__in=theme_ids))
    coding, _ = CommentCoding.objects.get_or_create(answer=answer)
    coding.quote, coding.cleared_for_export = quote, cleared_for_export
    coding.save(update_fields=["quote", "cleared_for_export"])
    coding.themes.set(themes)
    return coding
