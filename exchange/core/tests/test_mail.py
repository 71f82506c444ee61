"""One e-mail path: queued on commit through `core.tasks.email_queue`, sent by the `core.tasks.email_send` task through
`core.mail.email_deliver`, the only code that sends e-mail."""

import contextlib
import re
import smtplib
import traceback
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import override_settings

from exchange.core.mail import EmailNotSent, email_deliver
from exchange.core.tasks import email_queue


def test_an_email_queued_in_a_change_that_rolls_back_is_never_sent(transactional_db):
    with contextlib.suppress(RuntimeError), transaction.atomic():
        email_queue(to=["lead@example.nhs.uk"], subject="Invitation", body="Join us")
        raise RuntimeError("the change fails after the e-mail was asked for")
    assert mail.outbox == []


def test_an_email_queued_in_a_change_that_commits_is_sent_once_after_the_commit(transactional_db):
    with transaction.atomic():
        email_queue(to=["lead@example.nhs.uk"], subject="Invitation", body="Join us")
        assert mail.outbox == []  # not before the commit
    assert [(m.to, m.subject) for m in mail.outbox] == [(["lead@example.nhs.uk"], "Invitation")]


def test_no_module_but_the_mail_task_sends_email_itself():
    root = Path(__file__).resolve().parents[2]
    senders = re.compile(r"\b(send_mail|send_mass_mail|EmailMessage|EmailMultiAlternatives|get_connection)\b")
    found = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "/tests/" not in str(path) and senders.search(path.read_text())
    ]
    assert found == ["core/mail.py"]


class _RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        message = email_messages[0]
        raise smtplib.SMTPDataError(554, f"rejected: {message.body}".encode())


@override_settings(EMAIL_BACKEND=f"{__name__}._RefusingBackend")
def test_a_failed_send_names_only_the_cause_and_no_traceback_line_quotes_the_message():
    body = "secret link https://x/reset/abc/"
    with pytest.raises(EmailNotSent) as failure:
        email_deliver(to=["lead@example.nhs.uk"], subject="Reset", body=body)
    text = "".join(traceback.format_exception(failure.value))
    assert "smtplib.SMTPDataError" in text
    assert "secret link" not in text and "/reset/abc/" not in text
