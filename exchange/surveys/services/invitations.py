"""Invitations, reminders and opt-outs. Every email goes out through the background task queue as
`surveys.tasks.survey_email`, which carries the contact's id and builds the personal link in the worker."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from exchange.core.exceptions import ApplicationError
from exchange.core.tasks import enqueue_on_commit

from ..models import Contact, ContactStatus, Draft, Wave, WaveStatus
from ..models.contacts import PENDING_STATUSES
from ..tasks import survey_email

NOT_OPEN = "Open the wave before sending invitations or reminders."


def _send(contact: Contact, reminder: bool) -> None:
    enqueue_on_commit(survey_email, contact_id=contact.pk, reminder=reminder)


@transaction.atomic
def invitations_send(*, wave: Wave) -> int:
    """Invite every contact not yet invited. Returns how many were invited."""
    if wave.status != WaveStatus.OPEN:
        raise ApplicationError(NOT_OPEN)
    contacts = list(wave.contacts.select_for_update().filter(invited_at__isnull=True, status=ContactStatus.INVITED))
    now = timezone.now()
    for contact in contacts:
        _send(contact, reminder=False)
        contact.invited_at = now
    Contact.objects.bulk_update(contacts, ["invited_at"])
    return len(contacts)


def _reminder_candidates(wave: Wave):
    return wave.contacts.select_for_update().filter(
        status__in=PENDING_STATUSES, invited_at__isnull=False, reminders_sent__lt=wave.max_reminders
    )


@transaction.atomic
def reminders_send(*, wave: Wave) -> int:
    """Remind everyone invited who has not completed, opted out or bounced, up to the wave's limit."""
    if wave.status != WaveStatus.OPEN:
        raise ApplicationError(NOT_OPEN)
    return _remind(list(_reminder_candidates(wave)))


@transaction.atomic
def reminders_send_due() -> int:
    """Scheduled reminders: for each open wave with an interval, remind those whose last email is that old."""
    sent = 0
    now = timezone.now()
    for wave in Wave.objects.filter(status=WaveStatus.OPEN, reminder_interval_days__isnull=False):
        cutoff = now - timedelta(days=wave.reminder_interval_days or 0)  # not null: filtered above
        due = _reminder_candidates(wave).filter(
            Q(last_reminded_at__lte=cutoff) | Q(last_reminded_at__isnull=True, invited_at__lte=cutoff)
        )
        sent += _remind(list(due))
    return sent


def _remind(contacts: list[Contact]) -> int:
    now = timezone.now()
    for contact in contacts:
        _send(contact, reminder=True)
        contact.reminders_sent += 1
        contact.last_reminded_at = now
    Contact.objects.bulk_update(contacts, ["reminders_sent", "last_reminded_at"])
    return len(contacts)


@transaction.atomic
def contact_opt_out(*, contact: Contact) -> Contact:
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    if contact.status == ContactStatus.COMPLETED:
        return contact
    contact.status = ContactStatus.OPTED_OUT
    contact.opted_out_at = timezone.now()
    contact.save(update_fields=["status", "opted_out_at"])
    Draft.objects.filter(contact=contact).delete()
    return contact


@transaction.atomic
def contact_mark_bounced(*, contact: Contact) -> Contact:
    if contact.status != ContactStatus.COMPLETED:
        contact.status = ContactStatus.BOUNCED
        contact.save(update_fields=["status"])
    return contact
