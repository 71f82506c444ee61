"""Invitations, reminders and opt-outs. Every email goes out through the background task queue."""

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from exchange.core.exceptions import ApplicationError
from exchange.core.mail import email_queue

from ..models import Contact, ContactStatus, Draft, Wave, WaveStatus
from ..models.contacts import PENDING_STATUSES

LinkBuilder = Callable[[str], str]
NOT_OPEN = "Open the wave before sending invitations or reminders."


def _email_body(contact: Contact, wave: Wave, link: str, opt_out: str, reminder: bool) -> str:
    opening = (
        f"A reminder: we would still value your answers to the {wave.series.title} ({wave.label})."
        if reminder
        else f"{wave.series.owner.name} invites you to take part in the {wave.series.title} ({wave.label})."
    )
    confidentiality = (
        "Your answers are confidential: once you submit them, they are no longer linked to you."
        if wave.is_confidential
        else "Your answers will be linked to your name."
    )
    return (
        f"Dear {contact.full_name},\n\n{opening}\n\n{confidentiality}\n\n"
        f"Answer here (the link is personal to you; you can save and come back later):\n{link}\n\n"
        f"If you do not want to take part or to receive reminders:\n{opt_out}\n"
    )


def _send(contact: Contact, wave: Wave, link: LinkBuilder, opt_out_link: LinkBuilder, reminder: bool) -> None:
    prefix = "Reminder: " if reminder else ""
    email_queue(
        to=[contact.email],
        subject=f"{prefix}{wave.series.title}, {wave.label}",
        body=_email_body(contact, wave, link(contact.token), opt_out_link(contact.token), reminder),
    )


@transaction.atomic
def invitations_send(*, wave: Wave, link: LinkBuilder, opt_out_link: LinkBuilder) -> int:
    """Invite every contact not yet invited. Returns how many were invited."""
    if wave.status != WaveStatus.OPEN:
        raise ApplicationError(NOT_OPEN)
    contacts = list(wave.contacts.select_for_update().filter(invited_at__isnull=True, status=ContactStatus.INVITED))
    now = timezone.now()
    for contact in contacts:
        _send(contact, wave, link, opt_out_link, reminder=False)
        contact.invited_at = now
    Contact.objects.bulk_update(contacts, ["invited_at"])
    return len(contacts)


def _reminder_candidates(wave: Wave):
    return wave.contacts.select_for_update().filter(
        status__in=PENDING_STATUSES, invited_at__isnull=False, reminders_sent__lt=wave.max_reminders
    )


@transaction.atomic
def reminders_send(*, wave: Wave, link: LinkBuilder, opt_out_link: LinkBuilder) -> int:
    """Remind everyone invited who has not completed, opted out or bounced, up to the wave's limit."""
    if wave.status != WaveStatus.OPEN:
        raise ApplicationError(NOT_OPEN)
    return _remind(list(_reminder_candidates(wave)), wave, link, opt_out_link)


@transaction.atomic
def reminders_send_due(*, link: LinkBuilder, opt_out_link: LinkBuilder) -> int:
    """Scheduled reminders: for each open wave with an interval, remind those whose last email is that old."""
    sent = 0
    now = timezone.now()
    for wave in Wave.objects.filter(status=WaveStatus.OPEN, reminder_interval_days__isnull=False):
        cutoff = now - timedelta(days=wave.reminder_interval_days or 0)  # not null: filtered above
        due = _reminder_candidates(wave).filter(
            Q(last_reminded_at__lte=cutoff) | Q(last_reminded_at__isnull=True, invited_at__lte=cutoff)
        )
        sent += _remind(list(due), wave, link, opt_out_link)
    return sent


def _remind(contacts: list[Contact], wave: Wave, link: LinkBuilder, opt_out_link: LinkBuilder) -> int:
    now = timezone.now()
    for contact in contacts:
        _send(contact, wave, link, opt_out_link, reminder=True)
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
