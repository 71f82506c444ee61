"""Issue 19, acceptance 2: no task row, queued or finished, and no admin page of task results holds a reset, invitation
or survey link. The production task backend (django_tasks_db) is used, and its worker run, instead of the tests'
immediate backend: the e-mails are made in the worker from identifiers, and their links work."""

import json
import re
import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from exchange.accounts.models import Membership, Role, User
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.surveys.models import Contact
from exchange.surveys.services.authoring import wave_open
from exchange.surveys.services.contacts import contacts_import_csv

from .helpers import csv_bytes, wave_url

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LINK = re.compile(r"http://127\.0\.0\.1:8000(/\S+/)")
SECRET_PATHS = ("/accounts/password-reset/", "/accounts/invitations/", "/surveys/respond/")


class _RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message, quoting it back in its error."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPDataError(554, f"refused: {email_messages[0].body}".encode())


def rows_text() -> str:
    """Every column of every task row, as text."""
    return json.dumps(list(DBTaskResult.objects.values()), default=str)


def assert_holds_none(text: str, secrets: list[str]) -> None:
    assert not [secret for secret in secrets if secret in text]
    assert not [path for path in SECRET_PATHS if path in text]


def admin_pages_text(client) -> str:
    superuser = User.objects.filter(is_superuser=True).first()
    client.force_login(superuser or UserFactory(email="root@example.nhs.uk", is_staff=True, is_superuser=True))
    pages = [client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))]
    pages += [
        client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[row.pk]))
        for row in DBTaskResult.objects.all()
    ]
    assert [page.status_code for page in pages] == [200] * len(pages)
    client.logout()
    return "".join(page.content.decode() for page in pages)


def request_every_secret_email(client, wave) -> None:
    """A password reset, an account invitation, a survey invitation and a reminder, each through its page."""
    UserFactory(email="lead@example.nhs.uk")
    client.post(reverse("accounts:password-reset"), {"email": "lead@example.nhs.uk"})

    admin = MembershipFactory(roles=[Role.ORGANISATION_ADMIN]).user
    client.force_login(admin)
    organisation = admin.memberships.get().organisation
    client.post(
        reverse("accounts:invitation-create", kwargs={"slug": organisation.slug}),
        {"email": "new.colleague@example.nhs.uk", "roles": [Role.BUYER]},
    )

    contacts_import_csv(wave=wave, actor=None, data=csv_bytes("A Person,a@example.nhs.uk,clinical_lead,00R"))
    wave_open(wave=wave)
    analyst = wave.series.owner.memberships.get().user
    client.force_login(analyst)
    client.post(wave_url(wave, "wave-send"), {"action": "invitations"})
    client.post(wave_url(wave, "wave-send"), {"action": "reminders"})
    client.logout()


@override_settings(TASKS=DATABASE_TASKS)
def test_no_task_row_or_admin_page_holds_a_link_and_the_worker_s_e_mails_carry_working_links(
    client, wave, ccgs, transactional_db
):
    request_every_secret_email(client, wave)
    contact = Contact.objects.get()
    queued = rows_text()
    assert DBTaskResult.objects.count() == 4
    assert mail.outbox == []  # nothing is sent by the request
    assert '"contact_id"' in queued and '"user_id"' in queued and '"invitation_id"' in queued
    assert_holds_none(queued, [contact.token])
    assert_holds_none(admin_pages_text(client), [contact.token])

    call_command("db_worker", batch=True, startup_delay=False)

    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"] * 4
    survey_rows = DBTaskResult.objects.filter(task_path="exchange.surveys.tasks.survey_email")
    assert [row.return_value for row in survey_rows] == [None, None]  # nothing that tells whether they answered
    links = {message.subject: LINK.findall(message.body) for message in mail.outbox}
    assert len(links) == 4 and all(links.values())
    secrets = [path for paths in links.values() for path in paths]
    secrets += [part for path in secrets for part in path.strip("/").split("/") if len(part) > 20]  # the tokens
    assert contact.token in secrets
    assert_holds_none(rows_text(), secrets)
    assert_holds_none(admin_pages_text(client), secrets)

    reset = links["Reset your Commissioning Exchange password"][0]
    assert "Set a new password" in client.get(reset, follow=True).content.decode()
    invitation = next(paths[0] for subject, paths in links.items() if subject.startswith("You are invited"))
    response = client.post(invitation, {"full_name": "Nia Colleague", "password": "a-long-enough-passphrase"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=User.objects.get(email="new.colleague@example.nhs.uk")).exists()
    survey, opt_out = links[f"{wave.series.title}, {wave.label}"]
    assert client.get(survey).status_code in (200, 302)
    assert "Opt out" in client.get(opt_out).content.decode()
    assert links[f"Reminder: {wave.series.title}, {wave.label}"] == [survey, opt_out]


@override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND=f"{__name__}._RefusingBackend")
def test_a_failed_send_leaves_no_link_in_the_row_s_traceback_or_in_the_admin(client, wave, ccgs, transactional_db):
    request_every_secret_email(client, wave)
    call_command("db_worker", batch=True, startup_delay=False)

    failed = DBTaskResult.objects.filter(status="FAILED")
    assert failed.count() == 4
    assert {row.exception_class_path for row in failed} == {"exchange.core.mail.EmailNotSent"}
    assert all("smtplib.SMTPDataError" in row.traceback for row in failed)
    assert_holds_none(rows_text(), [Contact.objects.get().token])
    assert_holds_none(admin_pages_text(client), [Contact.objects.get().token])
