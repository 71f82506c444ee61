"""Writing series and waves: creating, opening, closing and copying them."""

import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from exchange.core.exceptions import ApplicationError

from ...models import SurveySeries, Wave, WaveAccess, WaveStatus
from ...questionnaire import Questionnaire
from ...signals import wave_closed
from ..responses import responses_release
from .questions import sections_create
from .rules import rules_of
from .specs import ConditionSpec, OptionSpec, QuestionSpec, SectionSpec

EMPTY_WAVE = "Add at least one question before opening the wave."
WAVE_NAME_TAKEN = "Another wave of this series was just given this name: choose another."


def _free_slug(text: str, fallback: str, taken: QuerySet) -> str:
    """The slug of `text` (or `fallback`), numbered -2, -3, … until no row of `taken` has it."""
    base = slugify(text)[:70] or fallback
    slug, counter = base, 2
    while taken.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def series_create(*, owner, title: str, description: str = "", suppression_threshold: int = 10) -> SurveySeries:
    series = SurveySeries(
        owner=owner,
        title=title,
        slug=_free_slug(title, "survey", SurveySeries.objects.all()),
        description=description,
        suppression_threshold=suppression_threshold,
    )
    series.full_clean()
    series.save()
    return series


@transaction.atomic
def wave_create(
    *,
    series: SurveySeries,
    label: str,
    confidentiality: str,
    access: str = WaveAccess.INVITED,
    fieldwork_start: date | None = None,
    fieldwork_end: date | None = None,
    introduction: str = "",
    reconstructed_note: str = "",
) -> Wave:
    wave = Wave(
        series=series,
        label=label,
        slug=_free_slug(label, "wave", Wave.objects.filter(series=series)),
        confidentiality=confidentiality,
        access=access,
        fieldwork_start=fieldwork_start,
        fieldwork_end=fieldwork_end,
        introduction=introduction,
        reconstructed_note=reconstructed_note,
        open_link_key=secrets.token_urlsafe(32) if access == WaveAccess.OPEN_LINK else "",
    )
    wave.full_clean()
    try:
        with transaction.atomic():
            wave.save()
    except IntegrityError as error:  # another wave of the same name was saved a moment before
        raise ApplicationError(WAVE_NAME_TAKEN) from error
    return wave


@transaction.atomic
def wave_open(*, wave: Wave) -> Wave:
    if not wave.questions.exists():
        raise ApplicationError(EMPTY_WAVE)
    wave.status = WaveStatus.OPEN
    wave.save(update_fields=["status", "updated_at"])
    return wave


@transaction.atomic
def wave_close(*, wave: Wave) -> Wave:
    """Closing releases a confidential wave's last waiting responses into analysis, however few."""
    wave.status = WaveStatus.CLOSED
    wave.save(update_fields=["status", "updated_at"])
    responses_release(wave=wave, at_close=True)
    wave_closed.send(sender=Wave, wave=wave)
    return wave


@transaction.atomic
def wave_copy(*, wave: Wave, label: str, confidentiality: str | None = None) -> Wave:
    """A new draft wave with the same sections, questions, options and routing, and the same codes."""
    copy = wave_create(
        series=wave.series,
        label=label,
        confidentiality=confidentiality or wave.confidentiality,
        access=wave.access,
        introduction=wave.introduction,
    )
    questionnaire = Questionnaire.load(wave)
    sections_create(
        wave=copy,
        sections=[
            SectionSpec(
                code=section.code,
                title=section.title,
                introduction=section.introduction,
                questions=[_question_spec(question) for question in questionnaire.questions_by_section[section.id]],
            )
            for section in questionnaire.sections
        ],
    )
    return copy


def _question_spec(question) -> QuestionSpec:
    return QuestionSpec(
        code=question.code,
        kind=question.kind,
        text=question.text,
        help_text=question.help_text,
        required=question.required,
        options=[
            OptionSpec(o.code, o.label, o.is_positive, o.excluded_from_base, tuple(sorted(o.filters.items())))
            for o in question.options.all()
        ],
        grid_items=[(item.code, item.text) for item in question.grid_items.all()],
        conditions=[ConditionSpec(c.source.code, c.operator, tuple(c.values)) for c in question.conditions.all()],
        min_value=question.min_value,
        max_value=question.max_value,
        whole_number=question.whole_number,
        choice_filter=[(column, source) for column, source in question.choice_filter],
        rules=rules_of(question),
    )
