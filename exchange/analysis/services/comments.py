"""Coding free-text comments: an analyst's themes for a wave, and each comment's themes, quote and clearance."""

from django.db import transaction

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import Answer, Wave

from ..models import CommentCoding, Theme


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
