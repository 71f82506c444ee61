"""The sample frame's pages and command keep to the service's rules: nothing added once the wave opens, and nobody
outside the surveyed organisations listed (the rules themselves: services/test_contacts.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.audit.actions import AuditAction
from exchange.core.exceptions import ApplicationError
from exchange.organisations.models import OrganisationKind
from exchange.surveys.models import Contact
from exchange.surveys.services.contacts import FRAME_LOCKED, contacts_add_from_memberships

from .helpers import csv_bytes, events, wave_url

pytestmark = pytest.mark.django_db

AMANDA = "Amanda Hughes,amanda@example.nhs.uk,clinical_lead,00R"


# The frame is fixed once the wave opens


def test_the_upload_page_of_an_open_wave_refuses_the_file_and_says_why(client, open_wave, orgs, analyst):
    client.force_login(analyst)
    assert FRAME_LOCKED in client.get(wave_url(open_wave, "contacts-upload")).content.decode()
    upload = SimpleUploadedFile("contacts.csv", csv_bytes(AMANDA), content_type="text/csv")
    response = client.post(wave_url(open_wave, "contacts-upload"), {"file": upload})
    assert response.status_code == 400
    assert FRAME_LOCKED in response.content.decode()
    assert not Contact.objects.exists()
    assert [event.actor for event in events(AuditAction.SURVEY_CONTACTS_IMPORT_REFUSED)] == [analyst]


def test_the_import_command_refuses_an_open_wave(open_wave, orgs, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(csv_bytes(AMANDA))
    with pytest.raises(CommandError, match="sample frame can no longer change"):
        call_command("import_contacts", f"{open_wave.series.slug}/{open_wave.slug}", str(path))
    assert not Contact.objects.exists()
    assert len(events(AuditAction.SURVEY_CONTACTS_IMPORT_REFUSED)) == 1


def test_the_page_of_an_open_wave_offers_no_way_to_add_contacts(client, open_wave, analyst):
    client.force_login(analyst)
    page = client.get(wave_url(open_wave, "wave-detail")).content.decode()
    assert wave_url(open_wave, "contacts-upload") not in page
    assert wave_url(open_wave, "contacts-from-members") not in page


def test_adding_members_after_the_wave_opens_is_refused_and_audited(client, open_wave, orgs, analyst):
    MembershipFactory(organisation=orgs.blackpool, roles=[Role.CLINICAL_LEAD])
    with pytest.raises(ApplicationError, match=FRAME_LOCKED):
        contacts_add_from_memberships(wave=open_wave, kind="commissioner", roles=[Role.CLINICAL_LEAD], actor=analyst)
    client.force_login(analyst)
    response = client.post(
        wave_url(open_wave, "contacts-from-members"), {"kind": "commissioner", "roles": [Role.CLINICAL_LEAD]}
    )
    assert response.status_code == 400
    assert FRAME_LOCKED in response.content.decode()
    assert not Contact.objects.exists()
    assert [event.details for event in events(AuditAction.SURVEY_CONTACTS_FROM_MEMBERS_REFUSED)] == [
        {"reason": "wave_locked", "kind": "commissioner", "roles": [Role.CLINICAL_LEAD]}
    ] * 2


# Only the organisations the series surveys; nobody else's people listed


def test_the_members_form_offers_commissioners_only_and_never_the_provider_representative_role(client, wave, analyst):
    client.force_login(analyst)
    response = client.get(wave_url(wave, "contacts-from-members"))
    form = response.context["form"]
    assert [value for value, _ in form.fields["kind"].choices] == [OrganisationKind.COMMISSIONER]
    assert Role.PROVIDER_REPRESENTATIVE not in [value for value, _ in form.fields["roles"].choices]
    page = response.content.decode()
    assert OrganisationKind.SUPPORT_PROVIDER not in page
    assert Role.PROVIDER_REPRESENTATIVE not in page


def test_asking_for_support_providers_adds_and_shows_none_of_their_people(client, wave, orgs, analyst, provider_people):
    client.force_login(analyst)
    pages = [client.get(wave_url(wave, "contacts-from-members"), {"kind": OrganisationKind.SUPPORT_PROVIDER})]
    for roles in ([Role.PROVIDER_REPRESENTATIVE], [Role.MANAGERIAL_LEAD]):
        response = client.post(
            wave_url(wave, "contacts-from-members"), {"kind": OrganisationKind.SUPPORT_PROVIDER, "roles": roles}
        )
        assert response.status_code == 400
        pages.append(response)
    pages.append(client.get(wave_url(wave, "contact-list")))
    assert not Contact.objects.exists()
    for page in pages:
        html = page.content.decode()
        for person in provider_people:
            assert person.email not in html
            assert person.full_name not in html
    assert [event.details["reason"] for event in events(AuditAction.SURVEY_CONTACTS_FROM_MEMBERS_REFUSED)] == [
        "outside_population",
        "outside_population",
    ]


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
