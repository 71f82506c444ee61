"""One e-mail path: queued on commit through `core.mail.email_queue`, sent by the `core.tasks.email_send` task."""

import contextlib
import re
from pathlib import Path

from django.core import mail
from django.db import transaction

from exchange.core.mail import email_queue


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
    assert found == ["core/tasks.py"]
