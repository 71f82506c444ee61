"""Survey invitations and reminders, built in the worker: the task carries the contact's id and whether it is a
reminder, never the personal link, so no task row, queued or finished, holds it."""

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from exchange.core.mail import email_deliver

from .models import Contact, Wave
from .models.contacts import PENDING_STATUSES


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


@task()
def survey_email(*, contact_id: int, reminder: bool) -> None:
    """E-mail a contact their personal link (an invitation, or a reminder), unless they have since completed, opted
    out or bounced. Links start with the configured SITE_URL. Running it again sends the same link again. It returns
    nothing: a count kept in the task row would tell whether the contact answered between queueing and sending."""
    contact = (
        Contact.objects.select_related("wave__series__owner").filter(pk=contact_id, status__in=PENDING_STATUSES).first()
    )
    if contact is None:
        return
    wave = contact.wave
    base = settings.SITE_URL.rstrip("/")
    link = base + reverse("surveys:respond", kwargs={"token": contact.token})
    opt_out = base + reverse("surveys:opt-out", kwargs={"token": contact.token})
    email_deliver(
        to=[contact.email],
        subject=f"{'Reminder: ' if reminder else ''}{wave.series.title}, {wave.label}",
        body=_email_body(contact, wave, link, opt_out, reminder),
    )
