"""In a confidential wave nothing ties a submitted response to a person: not the pages, not the XLSForm or
tracking exports, not the audit log, and not the database rows themselves."""

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from exchange.audit.models import AuditEvent
from exchange.surveys.models import Contact, ContactStatus, Response

from .factories import ContactFactory
from .test_answering import answer_all, start, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, contact):
    contact.wave.series.suppression_threshold = 1  # each response its own batch; batching: test_batches.py
    contact.wave.series.save(update_fields=["suppression_threshold"])
    start(client, contact)
    answer_all(client, contact.wave)
    client.post(url(contact.wave, "answer-check"))
    contact.refresh_from_db()
    return contact, Response.objects.get()


def test_the_response_keeps_attributes_but_no_link_to_the_contact(submitted):
    contact, response = submitted
    assert response.contact_id is None
    assert response.submitted_on is None
    assert (response.organisation, response.region, response.role) == (
        contact.organisation,
        contact.organisation.region,
        "clinical_lead",
    )
    assert contact.status == ContactStatus.COMPLETED
    assert (contact.opened_at, contact.started_at, contact.completed_at, contact.last_reminded_at) == (
        None,
        None,
        None,
        None,
    )


def test_no_database_row_of_the_response_holds_anything_of_the_person(submitted):
    contact, response = submitted
    personal = {contact.email, contact.full_name, contact.token, str(contact.pk)}
    response_tables = {
        "surveys_response",
        "surveys_answer",
        "surveys_draft",
        "surveys_openlinksubmission",
        "audit_auditevent",
    }
    with connection.cursor() as cursor:
        for table in response_tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                record = dict(zip(columns, row, strict=True))
                text = " ".join(str(value) for value in record.values())
                for secret in personal - {str(contact.pk)}:
                    assert secret not in text, (table, record)
                for column in ("contact_id",):
                    assert record.get(column) in (None,), (table, record)


def test_no_model_points_from_a_response_to_a_contact_or_user(submitted):
    for field in Response._meta.get_fields():
        if field.is_relation and field.related_model is not None and field.concrete:
            value = getattr(submitted[1], field.attname, None)
            if field.related_model in (Contact, apps.get_model("accounts", "User")):
                assert value is None


def test_no_audit_event_records_the_submission(submitted):
    contact, _ = submitted
    assert not AuditEvent.objects.filter(details__icontains=contact.email).exists()
    assert not AuditEvent.objects.filter(object_type__startswith="surveys.").exists()


def test_the_token_is_not_in_any_url_after_the_first(client, contact):
    first = start(client, contact)
    assert contact.token not in first["Location"]
    page = client.get(first["Location"]).content.decode()
    assert contact.token not in page


def test_the_analyst_pages_and_exports_show_no_respondent(client, submitted, owner_and_analyst):
    contact, response = submitted
    wave = contact.wave
    client.force_login(owner_and_analyst[1])
    kwargs = {"series_slug": wave.series.slug, "wave_slug": wave.slug}
    for name in ["wave-detail", "wave-tracking", "questionnaire", "questionnaire-preview", "xlsform-download"]:
        body = client.get(reverse(f"surveys:{name}", kwargs=kwargs)).content
        assert contact.email.encode() not in body, name
        assert contact.full_name.encode() not in body, name
        assert str(response.pk).encode() not in body, name


def test_a_named_wave_keeps_the_link(client, db, north):
    from django.utils import timezone

    from exchange.organisations.tests.factories import OrganisationFactory
    from exchange.surveys.services.authoring import wave_open

    from .factories import full_wave

    wave = wave_open(wave=full_wave(confidentiality="named"))
    contact = ContactFactory(
        wave=wave,
        full_name="N",
        email="n@example.nhs.uk",
        role="buyer",
        organisation=OrganisationFactory(region=north),
        invited_at=timezone.now(),
    )
    start(client, contact)
    answer_all(client, wave)
    client.post(url(wave, "answer-check"))
    assert Response.objects.get().contact == contact
    contact.refresh_from_db()
    assert contact.completed_at is not None


def test_the_owner_never_sees_whether_a_named_contact_of_a_confidential_wave_answered_or_was_reminded(
    client, submitted, owner_and_analyst
):
    contact, _ = submitted
    other = ContactFactory(
        wave=contact.wave,
        full_name="Tom Whitaker",
        email="tom@example.nhs.uk",
        role="managerial_lead",
        organisation=contact.organisation,
        **Contact.token_fields(),
        invited_at=contact.invited_at,
        reminders_sent=2,
    )
    client.logout()
    client.force_login(owner_and_analyst[1])
    wave = contact.wave
    page = client.get(
        reverse("surveys:contact-list", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    ).content.decode()
    assert contact.full_name in page and other.full_name in page  # the frame itself is the owner's
    table = page[page.index("<table") : page.index("</table>")]
    for status in ("Completed", "Opted out", "Opened", "Started", "Bounced", "Reminders"):
        assert status not in table


def test_the_session_forgets_the_contact_once_the_answers_are_submitted(client, submitted):
    from django.contrib.sessions.models import Session

    contact, _ = submitted
    for session in Session.objects.all():
        decoded = session.get_decoded()
        entries = decoded.get("survey_respondents", {})
        assert entries.get(str(contact.wave_id)) == {"done": True}, decoded
    # Coming back with the same browser says the answers are in, and asks nothing again.
    response = client.get(url(contact.wave, "answer-start"), follow=True)
    assert "already submitted" in response.content.decode() or "Thank you" in response.content.decode()


def test_the_tracking_page_of_a_confidential_wave_does_not_give_away_a_lone_finance_leads_completion(
    client, contact, owner_and_analyst
):
    from exchange.analysis.selectors import wave_tracking

    wave = contact.wave
    contact.delete()
    people = [("clinical_lead", 12, 7), ("managerial_lead", 11, 5), ("finance_lead", 1, 1)]
    for role, invited, completed in people:
        for number in range(invited):
            ContactFactory(
                wave=wave,
                full_name=f"{role} {number}",
                email=f"{role}.{number}@example.nhs.uk",
                role=role,
                organisation=contact.organisation,
                **Contact.token_fields(),
                invited_at=wave.created_at,
                status=ContactStatus.COMPLETED if number < completed else ContactStatus.INVITED,
            )
    tracking = wave_tracking(wave=wave)
    shown = [row for row in tracking.by_role if not row.suppressed]
    hidden = [row for row in tracking.by_role if row.suppressed]
    assert {row.label for row in hidden} >= {"Finance lead"} and len(hidden) >= 2
    # What the overall row minus the shown rows leaves must not pin the finance lead's outcome.
    left_invited = tracking.overall.invited - sum(row.invited for row in shown)
    left_completed = tracking.overall.completed - sum(row.completed for row in shown)
    assert 0 < left_completed < left_invited
    client.force_login(owner_and_analyst[1])
    page = client.get(
        reverse("surveys:wave-tracking", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    ).content.decode()
    assert "hidden: too few people" in page
