import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Contact, ContactStatus
from exchange.surveys.services import invitations
from exchange.surveys.services.authoring import wave_open
from exchange.surveys.services.contacts import ContactImportError, contacts_import_csv

from .helpers import csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def ccgs(north):
    return [
        OrganisationFactory(name="NHS Blackpool", ods_code="00R", region=north),
        OrganisationFactory(name="NHS Camden", ods_code="07R", region=north),
    ]


def links():
    return (
        lambda token: f"http://testserver/surveys/respond/{token}/",
        lambda token: f"http://testserver/surveys/respond/{token}/opt-out/",
    )


def test_contacts_import_with_duplicates_merged(wave, ccgs):
    result = contacts_import_csv(
        wave=wave,
        actor=None,
        data=csv_bytes(
            "Amanda Hughes,amanda@example.nhs.uk,clinical_lead,00R",
            "Tom Whitaker,tom@example.nhs.uk,managerial_lead,00r",
            "Amanda J Hughes,AMANDA@example.nhs.uk,clinical_lead,00R",
        ),
    )
    assert (result.added, result.merged) == (2, 1)
    assert Contact.objects.get(email="amanda@example.nhs.uk").full_name == "Amanda J Hughes"
    tokens = list(Contact.objects.values_list("token", flat=True))
    assert all(len(token) >= 43 for token in tokens) and len(set(tokens)) == 2


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(wave, ccgs):
    data = csv_bytes(
        "Amanda Hughes,amanda@example.nhs.uk,clinical_lead,00R",
        "Bad Email,not-an-email,clinical_lead,00R",
        "Unknown Org,someone@example.nhs.uk,finance_lead,ZZZ",
        ",,,",
        ",nobody@example.nhs.uk,analyst,",
    )
    with pytest.raises(ContactImportError) as error:
        contacts_import_csv(wave=wave, actor=None, data=data)
    assert [str(p) for p in error.value.problems] == [
        "line 3: email 'not-an-email' is not a valid address",
        "line 4: organisation code 'ZZZ' is unknown",
        "line 6: name is empty; organisation_code is empty",
    ]
    assert not Contact.objects.exists()


def test_a_missing_column_is_refused(wave, ccgs):
    with pytest.raises(ContactImportError, match="line 1: missing column"):
        contacts_import_csv(wave=wave, actor=None, data=b"name,email\nA,a@example.nhs.uk\n")


def test_the_upload_page_lists_problems_by_line(client, wave, ccgs, owner_and_analyst):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(owner_and_analyst[1])
    url = reverse("surveys:contacts-upload", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    upload = SimpleUploadedFile("contacts.csv", csv_bytes("A,bad,clinical_lead,00R"), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "Line 2: email &#39;bad&#39; is not a valid address" in response.content.decode()


def test_the_import_command_names_bad_lines(wave, ccgs, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_bytes("A,bad,clinical_lead,00R"))
    with pytest.raises(CommandError, match="line 2: email 'bad'"):
        call_command("import_contacts", f"{wave.series.slug}/{wave.slug}", str(path))


def test_invitations_go_by_task_with_personal_and_opt_out_links(
    wave, ccgs, transactional_db
):  # e-mail is queued on commit
    contacts_import_csv(
        wave=wave,
        actor=None,
        data=csv_bytes("A Person,a@example.nhs.uk,clinical_lead,00R", "B Person,b@example.nhs.uk,finance_lead,07R"),
    )
    wave_open(wave=wave)
    link, opt_out = links()
    assert invitations.invitations_send(wave=wave, link=link, opt_out_link=opt_out) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.nhs.uk", "b@example.nhs.uk"]
    contact = Contact.objects.get(email="a@example.nhs.uk")
    body = next(m.body for m in mail.outbox if m.to == ["a@example.nhs.uk"])
    assert f"/surveys/respond/{contact.token}/" in body
    assert f"/surveys/respond/{contact.token}/opt-out/" in body
    assert invitations.invitations_send(wave=wave, link=link, opt_out_link=opt_out) == 0


def test_reminders_go_only_to_those_who_have_not_completed_or_opted_out(
    wave, ccgs, transactional_db
):  # e-mail is queued on commit
    contacts_import_csv(
        wave=wave,
        actor=None,
        data=csv_bytes(*[f"P{i},p{i}@example.nhs.uk,clinical_lead,00R" for i in range(6)]),
    )
    wave_open(wave=wave)
    link, opt_out = links()
    invitations.invitations_send(wave=wave, link=link, opt_out_link=opt_out)
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
    assert invitations.reminders_send(wave=wave, link=link, opt_out_link=opt_out) == 3
    assert sorted(m.to[0] for m in mail.outbox) == ["p3@example.nhs.uk", "p4@example.nhs.uk", "p5@example.nhs.uk"]
    assert all(m.subject.startswith("Reminder: ") for m in mail.outbox)
    assert Contact.objects.get(email="p5@example.nhs.uk").reminders_sent == 1


def test_scheduled_reminders_respect_interval_and_limit(wave, ccgs, transactional_db):  # e-mail is queued on commit
    from datetime import timedelta

    from django.utils import timezone

    contacts_import_csv(wave=wave, actor=None, data=csv_bytes("A,a@example.nhs.uk,clinical_lead,00R"))
    wave_open(wave=wave)
    link, opt_out = links()
    invitations.invitations_send(wave=wave, link=link, opt_out_link=opt_out)
    wave.reminder_interval_days, wave.max_reminders = 7, 1
    wave.save()
    mail.outbox.clear()
    assert invitations.reminders_send_due(link=link, opt_out_link=opt_out) == 0
    Contact.objects.update(invited_at=timezone.now() - timedelta(days=8))
    assert invitations.reminders_send_due(link=link, opt_out_link=opt_out) == 1
    Contact.objects.update(last_reminded_at=timezone.now() - timedelta(days=8))
    assert invitations.reminders_send_due(link=link, opt_out_link=opt_out) == 0  # limit of one reached
    assert len(mail.outbox) == 1


def test_the_opt_out_link_in_an_email_works(client, wave, ccgs, transactional_db):  # e-mail is queued on commit
    contacts_import_csv(wave=wave, actor=None, data=csv_bytes("A,a@example.nhs.uk,clinical_lead,00R"))
    wave_open(wave=wave)
    link, opt_out = links()
    invitations.invitations_send(wave=wave, link=link, opt_out_link=opt_out)
    path = re.search(r"http://testserver(\S+/opt-out/)", mail.outbox[0].body).group(1)
    assert "Opt out" in client.get(path).content.decode()
    client.post(path)
    assert Contact.objects.get().status == ContactStatus.OPTED_OUT


def test_members_with_the_chosen_roles_become_contacts(client, wave, ccgs, owner_and_analyst):
    from exchange.accounts.models import Role
    from exchange.accounts.tests.factories import MembershipFactory

    lead = MembershipFactory(organisation=ccgs[0], roles=[Role.CLINICAL_LEAD]).user
    MembershipFactory(organisation=ccgs[1], roles=[Role.BUYER])
    client.force_login(owner_and_analyst[1])
    kwargs = {"series_slug": wave.series.slug, "wave_slug": wave.slug}
    response = client.post(
        reverse("surveys:contacts-from-members", kwargs=kwargs), {"kind": "commissioner", "roles": [Role.CLINICAL_LEAD]}
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert (contact.email, contact.role, contact.organisation) == (lead.email, Role.CLINICAL_LEAD, ccgs[0])
    page = client.get(reverse("surveys:contact-list", kwargs=kwargs)).content.decode()
    assert lead.email in page
    assert "Not yet" in page  # invited? (a confidential wave's page shows no other status)
