"""Reading the sample frame: where a contact has got to, and who took part."""

from django.db.models import Q

from ..models import Contact, ContactStatus, Wave

OPENED = Q(status__in=[ContactStatus.OPENED, ContactStatus.STARTED, ContactStatus.COMPLETED]) | Q(
    opened_at__isnull=False
)
STARTED = Q(status__in=[ContactStatus.STARTED, ContactStatus.COMPLETED]) | Q(started_at__isnull=False)
COMPLETED = Q(status=ContactStatus.COMPLETED)


def wave_frame_includes(*, wave: Wave, organisation) -> bool:
    """Whether `organisation` took part in `wave`: at least one of its people is in the wave's sample frame."""
    return Contact.objects.filter(wave=wave, organisation=organisation).exists()
