"""Every form page of surveys, posted empty or wrong: each message of the error summary links to a box of the form on
the page (exchange/core/tests/error_summaries.py), never to the summary itself."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange.core.tests.error_summaries import assert_error_summary_links_to_fields

from .helpers import csv_bytes, wave_url

pytestmark = pytest.mark.django_db


def _targets(response) -> list[str]:
    assert response.status_code == 400
    return [target for _, target in assert_error_summary_links_to_fields(response.content.decode())]


def test_an_empty_section_of_the_questionnaire_links_each_message_to_its_box(client, contact):
    wave = contact.wave
    assert client.post(reverse("surveys:respond", kwargs={"token": contact.token})).status_code == 302
    section = wave_url(wave, "answer-section", section_code="about-your-relationship")
    targets = _targets(client.post(section, {"staff": "9000", "action": "continue"}))
    assert "id_staff" in targets and len(targets) >= 2


@pytest.mark.parametrize(("name", "extra"), [("section-new", {}), ("question-new", {"section_code": "your-support"})])
def test_authoring_a_section_or_a_question_with_nothing_links_to_its_boxes(client, wave, analyst, name, extra):
    client.force_login(analyst)
    assert _targets(client.post(wave_url(wave, name, **extra), {}))


def test_editing_a_question_to_nothing_links_to_its_boxes(client, wave, analyst):
    client.force_login(analyst)
    assert _targets(client.post(wave_url(wave, "question-edit", code="info"), {}))


def test_copying_a_wave_without_a_label_links_to_the_label(client, wave, analyst):
    client.force_login(analyst)
    assert _targets(client.post(wave_url(wave, "wave-copy"), {})) == ["id_label"]


def test_uploading_no_contacts_file_links_to_the_file_box(client, wave, analyst):
    client.force_login(analyst)
    assert _targets(client.post(wave_url(wave, "contacts-upload"), {})) == ["id_file"]


def test_a_contacts_file_with_a_bad_line_links_to_the_file_box(client, wave, analyst):
    client.force_login(analyst)
    upload = SimpleUploadedFile("contacts.csv", csv_bytes("Amanda Hughes,not-an-address,clinical_lead,00R"))
    assert set(_targets(client.post(wave_url(wave, "contacts-upload"), {"file": upload}))) == {"id_file"}


def test_adding_contacts_from_members_with_nothing_links_to_its_boxes(client, wave, analyst):
    client.force_login(analyst)
    assert _targets(client.post(wave_url(wave, "contacts-from-members"), {}))


def test_importing_no_xlsform_links_to_the_file_box(client, wave, analyst):
    client.force_login(analyst)
    page = reverse("surveys:xlsform-upload", kwargs={"series_slug": wave.series.slug})
    assert _targets(client.post(page, {}))[0] == "id_file"


def test_an_xlsform_that_is_not_a_workbook_links_to_the_file_box(client, wave, analyst):
    client.force_login(analyst)
    page = reverse("surveys:xlsform-upload", kwargs={"series_slug": wave.series.slug})
    upload = SimpleUploadedFile("form.xlsm", b"a,b")
    assert _targets(client.post(page, {"file": upload, "label": "2015", "language": ""})) == ["id_file"]
