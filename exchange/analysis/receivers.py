"""The analysis app's answers to what the surveys app announces (`exchange.surveys.signals`)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from exchange.surveys.models import Wave
from exchange.surveys.signals import responses_written, wave_closed

from .models import AnswerTally, CrossTally
from .services import tallies_record
from .tasks import protection_prepare


@receiver(responses_written, dispatch_uid="analysis.tallies")
def count_responses(sender, *, wave, responses, questionnaire, **kwargs) -> None:
    """Count newly written responses into the tallies, in the submitting transaction."""
    tallies_record(responses=responses, questionnaire=questionnaire)


@receiver(wave_closed, dispatch_uid="analysis.protection")
def prepare_protection(sender, *, wave, **kwargs) -> None:
    """A confidential wave's disclosure decision, worked out by a task once the close has committed: its integer
    audit takes tens of seconds on a national wave, too long for the request that closed it."""
    if wave.is_confidential:
        transaction.on_commit(lambda: protection_prepare.enqueue(wave_id=wave.pk))


@receiver(post_delete, sender=Wave, dispatch_uid="analysis.tallies_of_a_deleted_wave")
def forget_tallies(sender, *, instance, **kwargs) -> None:
    """The tallies hold a wave's id, not a key to it (see AnswerTally): when the wave goes, they go too, so that a
    later wave given the same id does not start with its counts."""
    AnswerTally.objects.filter(wave_id=instance.pk).delete()
    CrossTally.objects.filter(wave_id=instance.pk).delete()
