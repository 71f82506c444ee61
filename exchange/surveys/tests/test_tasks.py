"""Survey invitations and reminders made in the worker from the contact's id (`surveys.tasks`): a retry sends the same
personal link; a contact who has since answered, opted out or bounced gets nothing."""

import pytest
from django.core import mail

from exchange.surveys.models import ContactStatus
from exchange.surveys.models.contacts import TokenLost
from exchange.surveys.tasks import survey_email

pytestmark = pytest.mark.django_db


def test_a_reminder_run_twice_sends_the_same_personal_and_opt_out_links(contact):
    survey_email.call(contact_id=contact.pk, reminder=True)
    survey_email.call(contact_id=contact.pk, reminder=True)
    first, second = (message.body for message in mail.outbox)
    assert first == second
    assert f"http://127.0.0.1:8000/surveys/respond/{contact.token}/\n" in first
    assert f"http://127.0.0.1:8000/surveys/respond/{contact.token}/opt-out/\n" in first
    assert mail.outbox[0].subject.startswith("Reminder: ")
    assert "A reminder: we would still value your answers" in first


def test_an_invitation_names_the_survey_s_owner_and_says_whether_answers_are_confidential(contact):
    survey_email.call(contact_id=contact.pk, reminder=False)
    wave = contact.wave
    assert mail.outbox[0].subject == f"{wave.series.title}, {wave.label}"
    assert f"{wave.series.owner.name} invites you to take part" in mail.outbox[0].body
    assert "Your answers are confidential" in mail.outbox[0].body


@pytest.mark.parametrize("status", [ContactStatus.COMPLETED, ContactStatus.OPTED_OUT, ContactStatus.BOUNCED])
def test_a_contact_who_answered_opted_out_or_bounced_since_the_e_mail_was_queued_gets_nothing(contact, status):
    contact.status = status
    contact.save()
    assert survey_email.call(contact_id=contact.pk, reminder=True) is None
    assert mail.outbox == []


def test_a_reminder_after_a_key_rotation_carries_the_same_link_while_the_old_key_is_a_fallback(settings, contact):
    token = contact.token
    settings.SECRET_KEY_FALLBACKS, settings.SECRET_KEY = [settings.SECRET_KEY], "a-new-secret-key"
    survey_email.call(contact_id=contact.pk, reminder=True)
    assert f"/surveys/respond/{token}/" in mail.outbox[0].body
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(TokenLost, match="cannot be rebuilt") as lost:
        survey_email.call(contact_id=contact.pk, reminder=True)
    assert token not in str(lost.value)
