"""Reading series and waves: those a person manages, and a wave by its slugs whoever asks."""

from django.db.models import QuerySet

from exchange.accounts.permissions import organisations_with_role

from .. import permissions
from ..models import Confidentiality, SurveySeries, Wave, WaveStatus


def series_managed_list(*, user) -> QuerySet[SurveySeries]:
    if not user.is_authenticated:
        return SurveySeries.objects.none()
    series = SurveySeries.objects.select_related("owner").prefetch_related("waves")
    if user.is_staff:
        return series
    return series.filter(owner_id__in=organisations_with_role(user, permissions.MANAGING_ROLES))


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
    return wave_get(series_slug=series_slug, wave_slug=wave_slug)


def wave_get(*, series_slug: str, wave_slug: str) -> Wave | None:
    """A wave by its series' slug and its own, whoever asks: callers decide who may see what of it."""
    return (
        Wave.objects.select_related("series", "series__owner").filter(series__slug=series_slug, slug=wave_slug).first()
    )


def closed_confidential_waves() -> QuerySet[Wave]:
    return Wave.objects.filter(status=WaveStatus.CLOSED, confidentiality=Confidentiality.CONFIDENTIAL)
