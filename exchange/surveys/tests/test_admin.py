"""Surveys in the admin: no personal link or open-link key on any admin page or through any URL lookup; in a
confidential wave nothing tells a contact who answered from one who did not (column, filter, form, lookup), as on
the owner's contacts page; no response is in the admin at all."""

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.utils import timezone

from exchange.accounts.tests.factories import UserFactory
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Answer, Contact, ContactStatus, Draft, PendingResponse, Response
from exchange.surveys.services.authoring import wave_open

from .factories import ContactFactory, full_wave
from .test_answering import FIRST, answer_all, start, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def _frame(wave) -> dict[str, Contact]:
    """Four people of one organisation, each invited: one answers, one stops after a section (a draft), one opts
    out, one does nothing; each has been reminded as the reminders would have it."""
    organisation = OrganisationFactory(name="NHS Blackpool")
    people = {}
    for name in ("answered", "started", "opted out", "silent"):
        people[name] = ContactFactory(
            wave=wave,
            full_name=f"Person {name}",
            email=f"{name.replace(' ', '.')}@example.nhs.uk",
            organisation=organisation,
            invited_at=timezone.now(),
        )
    answering = Client()  # the respondents' own browser
    start(answering, people["answered"])
    answer_all(answering, wave)
    answering.post(url(wave, "answer-check"))
    answering = Client()
    start(answering, people["started"])
    answering.post(url(wave, "answer-section", section_code="your-support"), FIRST)
    Contact.objects.filter(pk=people["opted out"].pk).update(status=ContactStatus.OPTED_OUT)
    Contact.objects.filter(pk=people["silent"].pk).update(reminders_sent=2)
    return {name: Contact.objects.get(pk=contact.pk) for name, contact in people.items()}


@pytest.fixture
def confidential(db):
    wave = wave_open(wave=full_wave(confidentiality="confidential"))
    wave.series.suppression_threshold = 1
    wave.series.save(update_fields=["suppression_threshold"])
    return _frame(wave)


@pytest.fixture
def named(db):
    return _frame(wave_open(wave=full_wave(confidentiality="named", label="2014")))


def _without(html: str, contact: Contact) -> str:
    """The page with what names this contact (and the form's one-time token) taken out."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for text in (contact.full_name, contact.email, f"/surveys/contact/{contact.pk}/", f'value="{contact.pk}"'):
        html = html.replace(text, "")
    return html


def test_the_fixture_made_the_four_states_it_claims(confidential):
    statuses = {name: contact.status for name, contact in confidential.items()}
    assert statuses == {"answered": "completed", "started": "started", "opted out": "opted_out", "silent": "invited"}
    assert Draft.objects.filter(contact=confidential["started"]).exists()


def test_no_admin_page_shows_a_personal_link(staff_client, confidential, named):
    contacts = [*confidential.values(), *named.values()]
    pages = ["/admin/surveys/contact/", *(f"/admin/surveys/contact/{contact.pk}/change/" for contact in contacts)]
    for page in pages:
        html = staff_client.get(page).content.decode()
        assert [contact.full_name for contact in contacts if contact.token in html] == [], page
    token = contacts[0].token
    assert "0 results" in staff_client.get(f"/admin/surveys/contact/?q={token}").content.decode()


@pytest.mark.parametrize(
    "lookup",
    [
        "token_hash__startswith={t}",
        "token_salt__startswith={t}",
        "legacy_token_hash__startswith={t}",
        "token_hash={t}",
        "wave__contacts__token_hash__startswith={t}",
    ],
)
def test_no_url_lookup_reads_a_personal_link_a_character_at_a_time(staff_client, confidential, lookup):
    first = confidential["answered"].token_hash[:1]
    assert staff_client.get(f"/admin/surveys/contact/?{lookup.format(t=first)}").status_code == 400


def test_a_confidential_waves_change_pages_are_the_same_whoever_answered(staff_client, confidential):
    pages = {
        name: _without(staff_client.get(f"/admin/surveys/contact/{contact.pk}/change/").content.decode(), contact)
        for name, contact in confidential.items()
    }
    assert len(set(pages.values())) == 1
    for word in ("Completed", "Started", "Opted out", "Reminders", "Opened"):
        assert word not in pages["answered"]


def test_a_confidential_waves_list_says_only_who_was_invited(staff_client, confidential):
    html = staff_client.get("/admin/surveys/contact/").content.decode()
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)[1:]
    cells = [_without(row, contact) for row in rows for contact in confidential.values() if contact.email in row]
    assert len(cells) == 4 and len(set(cells)) == 1
    assert "Invited" in cells[0]


@pytest.mark.parametrize("status", ContactStatus.values)
def test_the_status_filter_never_lists_a_confidential_waves_contact(staff_client, confidential, status):
    html = staff_client.get(f"/admin/surveys/contact/?progress={status}").content.decode()
    assert [name for name, contact in confidential.items() if contact.email in html] == []


@pytest.mark.parametrize(
    "lookup",
    [
        "status=completed",
        "status__exact=completed",
        "draft__isnull=False",
        "response__isnull=False",
        "reminders_sent__gt=0",
        "opted_out_at__isnull=False",
        "completed_at__isnull=False",
    ],
)
def test_no_url_lookup_filters_contacts_by_how_far_they_got(staff_client, confidential, lookup):
    assert staff_client.get(f"/admin/surveys/contact/?{lookup}").status_code == 400


def test_a_named_waves_contacts_show_and_filter_by_status(staff_client, named):
    assert "Completed" in staff_client.get(f"/admin/surveys/contact/{named['answered'].pk}/change/").content.decode()
    html = staff_client.get("/admin/surveys/contact/?progress=completed").content.decode()
    assert [name for name, contact in named.items() if contact.email in html] == ["answered"]


def test_staff_correct_a_contacts_address_but_not_the_link_the_organisation_or_the_status(staff_client, confidential):
    contact = confidential["answered"]
    response = staff_client.post(
        f"/admin/surveys/contact/{contact.pk}/change/",
        {
            "full_name": "Amanda Hughes",
            "email": "amanda.hughes@example.nhs.uk",
            "token": "chosen-by-staff",
            "status": ContactStatus.INVITED,
            "organisation": OrganisationFactory().pk,
        },
    )
    assert response.status_code == 302
    after = Contact.objects.get(pk=contact.pk)
    assert (after.full_name, after.email) == ("Amanda Hughes", "amanda.hughes@example.nhs.uk")
    assert (after.token, after.status, after.organisation) == (contact.token, contact.status, contact.organisation)
    assert staff_client.get("/admin/surveys/contact/add/").status_code == 403
    assert staff_client.get(f"/admin/surveys/contact/{contact.pk}/delete/").status_code == 403


def test_no_response_draft_or_pending_response_is_in_the_admin():
    assert {Response, Answer, Draft, PendingResponse} & set(admin.site._registry) == set()


def test_an_open_links_key_is_never_shown_nor_looked_up(staff_client):
    wave = full_wave(access="open_link")
    assert wave.open_link_key
    html = staff_client.get(f"/admin/surveys/wave/{wave.pk}/change/").content.decode()
    assert wave.open_link_key not in html
    lookup = f"/admin/surveys/wave/?open_link_key__startswith={wave.open_link_key[0]}"
    assert staff_client.get(lookup).status_code == 400


def test_once_open_a_waves_confidentiality_stays_what_its_invitations_promised(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    wave = wave_open(wave=full_wave(confidentiality="confidential"))
    form = {
        "label": wave.label,
        "slug": wave.slug,
        "confidentiality": "named",
        "access": "open_link",
        "status": "draft",
        "max_reminders": 2,
    }
    assert client.post(f"/admin/surveys/wave/{wave.pk}/change/", form).status_code == 302
    wave.refresh_from_db()
    assert (wave.confidentiality, wave.access, wave.status) == ("confidential", "invited", "open")
