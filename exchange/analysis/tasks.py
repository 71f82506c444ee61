from django_tasks import task

from exchange.surveys.models import Wave

from .protection import wave_protection


@task()
def protection_prepare(*, wave_id: int) -> bool:
    """Work out a closed confidential wave's disclosure decision ahead of the first visitor: its integer audit takes
    tens of seconds on a wave of a few hundred organisations, too long for a request. True if it was worked out."""
    wave = Wave.objects.filter(pk=wave_id).select_related("series").first()
    return wave is not None and wave_protection(wave) is not None
