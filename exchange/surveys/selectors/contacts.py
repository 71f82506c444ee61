"""Reading the sample frame: where a contact has got to, and who took part."""

from django.db.models import Q, QuerySet

from ..models import Confidentiality, Contact, ContactStatus, Wave

OPENED = Q(status__in=[ContactStatus.OPENED, ContactStatus.STARTED, ContactStatus.COMPLETED]) | Q(
    opened_at__isnull=False
)
STARTED = Q(status__in=[ContactStatus.STARTED, ContactStatus.COMPLETED]) | Q(started_at__isnull=False)
COMPLETED = Q(status=ContactStatus.COMPLETED)


def wave_frame_includes(*, wave: Wave, organisation) -> bool:
    """Whether `organisation` took part in `wave`: at least one of its people is in the wave's sample frame."""
    return Contact.objects.filter(wave=wave, organisation=organisation).exists()


# Where a contact has got to: whether they opened their link, started, answered or opted out, when, and how often
# they were reminded (only those who have not answered are).
PROGRESS_FIELDS = (
    "status",
    "opened_at",
    "started_at",
    "completed_at",
    "opted_out_at",
    "reminders_sent",
    "last_reminded_at",
)


def contact_progress_shown(wave: Wave) -> bool:
    """May anybody (the wave's owner, platform staff) see where a named contact has got to? Not in a confidential
    wave: there the pages, exports and admin say only whether each person was invited."""
    return not wave.is_confidential


def contacts_with_progress_shown(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """`contact_progress_shown` in SQL: those of `contacts` whose progress may be shown (and so filtered on)."""
    return contacts.exclude(wave__confidentiality=Confidentiality.CONFIDENTIAL)
