from django.db.models import Q, QuerySet

from . import permissions
from .models import Confidentiality, Contact, ContactStatus, Question, QuestionKind, SurveySeries, Wave, WaveStatus

OPENED = Q(status__in=[ContactStatus.OPENED, ContactStatus.STARTED, ContactStatus.COMPLETED]) | Q(
    opened_at__isnull=False
)
STARTED = Q(status__in=[ContactStatus.STARTED, ContactStatus.COMPLETED]) | Q(started_at__isnull=False)
COMPLETED = Q(status=ContactStatus.COMPLETED)


def series_managed_list(*, user) -> QuerySet[SurveySeries]:
    if not user.is_authenticated:
        return SurveySeries.objects.none()
    series = SurveySeries.objects.select_related("owner").prefetch_related("waves")
    if user.is_staff:
        return series
    return series.filter(
        owner__memberships__user=user, owner__memberships__roles__role__in=permissions.MANAGING_ROLES
    ).distinct()


def series_managed_get(*, user, slug: str) -> SurveySeries | None:
    series = SurveySeries.objects.select_related("owner").filter(slug=slug).first()
    if series is None or not permissions.can_manage_series(user, series):
        return None
    return series


def wave_managed_get(*, user, series_slug: str, wave_slug: str) -> Wave | None:
    series = series_managed_get(user=user, slug=series_slug)
    if series is None:
        return None
    return Wave.objects.select_related("series", "series__owner").filter(series=series, slug=wave_slug).first()


def wave_by_path(path: str) -> Wave | None:
    """A wave named as SERIES_SLUG/WAVE_SLUG, the form management commands take."""
    series_slug, _, wave_slug = path.partition("/")
    return (
        Wave.objects.select_related("series", "series__owner").filter(series__slug=series_slug, slug=wave_slug).first()
    )


def wave_frame_includes(*, wave: Wave, organisation) -> bool:
    """Whether `organisation` took part in `wave`: at least one of its people is in the wave's sample frame."""
    return Contact.objects.filter(wave=wave, organisation=organisation).exists()


def wave_get(*, series_slug: str, wave_slug: str) -> Wave | None:
    """A wave by its series' slug and its own, whoever asks: callers decide who may see what of it."""
    return (
        Wave.objects.select_related("series", "series__owner").filter(series__slug=series_slug, slug=wave_slug).first()
    )


def text_question_get(*, wave: Wave, code: str) -> Question | None:
    """The free-text question `code` of `wave`, if it is one."""
    return wave.questions.filter(code=code, kind__in=[QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT]).first()


def closed_confidential_waves() -> QuerySet[Wave]:
    return Wave.objects.filter(status=WaveStatus.CLOSED, confidentiality=Confidentiality.CONFIDENTIAL)
