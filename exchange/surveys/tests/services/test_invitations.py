"""Invitations, reminders and opt-outs (`services.invitations`): every e-mail by task, each with its personal and
opt-out links, reminders only to those still to answer."""

import re

import pytest
from django.core import mail

from exchange.surveys.models import Contact, ContactStatus
from exchange.surveys.services import invitations
from exchange.surveys.services.authoring import wave_open
from exchange.surveys.services.contacts import contacts_import_csv

from ..helpers import csv_bytes

pytestmark = pytest.mark.django_db


def test_invitations_go_by_task_with_personal_and_opt_out_links(
    wave, ccgs, transactional_db
):  # e-mail is queued on commit
    contacts_import_csv(
        wave=wave,
        actor=None,
        data=csv_bytes("A Person,a@example.nhs.uk,clinical_lead,00R", "B Person,b@example.nhs.uk,finance_lead,07R"),
    )
    wave_open(wave=wave)
    assert invitations.invitations_send(wave=wave) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nhs.uk", "b@example.nhs.uk"]
    contact = Contact.objects.get(email="a@example.nhs.uk")
    body = next(m.body for m in mail.outbox if m.to == ["a@example.nhs.uk"])
    assert f"/surveys/respond/{contact.token}/" in body
    assert f"/surveys/respond/{contact.token}/opt-out/" in body
    assert invitations.invitations_send(wave=wave) == 0


def test_reminders_go_only_to_those_who_have_not_completed_or_opted_out(
    wave, ccgs, transactional_db
):  # e-mail is queued on commit
    contacts_import_csv(
        wave=wave,
        actor=None,
        data=csv_bytes(*[f"P{i},p{i}@example.nhs.uk,clinical_lead,00R" for i in range(6)]),
    )
    wave_open(wave=wave)
    invitations.invitations_send(wave=wave)
    statuses = [
        ContactStatus.COMPLETED,
        ContactStatus.OPTED_OUT,
        ContactStatus.BOUNCED,
        ContactStatus.STARTED,
        ContactStatus.OPENED,
    ]
    for index, status in enumerate(statuses):
        Contact.objects.filter(email=f"p{index}@example.nhs.uk").update(status=status)
    mail.outbox.clear()
    assert invitations.reminders_send(wave=wave) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["p3@example.nhs.uk", "p4@example.nhs.uk", "p5@example.nhs.uk"]
    assert all(m.subject.startswith("Reminder: ") for m in mail.outbox)
    assert Contact.objects.get(email="p5@example.nhs.uk").reminders_sent == 1


def test_scheduled_reminders_respect_interval_and_limit(wave, ccgs, transactional_db):  # e-mail is queued on commit
    from datetime import timedelta

    from django.utils import timezone

    contacts_import_csv(wave=wave, actor=None, data=csv_bytes("A,a@example.nhs.uk,clinical_lead,00R"))
    wave_open(wave=wave)
    invitations.invitations_send(wave=wave)
    wave.reminder_interval_days, wave.max_reminders = 7, 1
    wave.save()
    mail.outbox.clear()
    assert invitations.reminders_send_due() == 0
    Contact.objects.update(invited_at=timezone.now() - timedelta(days=8))
    assert invitations.reminders_send_due() == 1
    Contact.objects.update(last_reminded_at=timezone.now() - timedelta(days=8))
    assert invitations.reminders_send_due() == 0  # limit of one reached
    assert len(mail.outbox) == 1


def test_the_opt_out_link_in_an_email_works(client, wave, ccgs, transactional_db):  # e-mail is queued on commit
    contacts_import_csv(wave=wave, actor=None, data=csv_bytes("A,a@example.nhs.uk,clinical_lead,00R"))
    wave_open(wave=wave)
    invitations.invitations_send(wave=wave)
    path = re.search(r"http://127.0.0.1:8000(\S+/opt-out/)", mail.outbox[0].body).group(1)
    assert "Opt out" in client.get(path).content.decode()
    client.post(path)
    assert Contact.objects.get().status == ContactStatus.OPTED_OUT
