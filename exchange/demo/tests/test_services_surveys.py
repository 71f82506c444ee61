"""The demo's survey waves come from the XLSForm files and waves.yaml in exchange/demo/data/surveys."""

from collections import Counter

import pytest
from django.conf import settings

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import UserFactory
from exchange.demo.services.surveys import SURVEYS_DATA, surveys_content, surveys_demo_load
from exchange.organisations.models import Organisation, OrganisationKind
from exchange.organisations.services import organisation_create, organisations_import
from exchange.surveys.models import Answer, Contact, QuestionKind, Response, SurveySeries, Wave, WaveStatus
from exchange.surveys.services.xlsform import read_xlsform, wave_export_xlsform

TEXT_KINDS = [QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT]
WAVES = [(series["title"], spec) for series in surveys_content()["series"] for spec in series["waves"]]


@pytest.fixture
def registry(db):
    """The CCGs the waves sample and the bodies that own the series: all that the survey part of the demo needs."""
    organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
    for name in {series["owner"] for series in surveys_content()["series"]}:
        organisation_create(name=name, kind=OrganisationKind.MEMBERSHIP_BODY)


@pytest.fixture
def person(registry):
    user = UserFactory(full_name="Dr Amanda Hughes", email="clinical.lead@demo.example")
    return user, Organisation.objects.get(name="NHS Blackpool"), Role.CLINICAL_LEAD


@pytest.mark.parametrize("path", sorted(SURVEYS_DATA.glob("*.xlsx")), ids=lambda path: path.name)
def test_every_demo_form_passes_the_app_s_own_reader_with_no_problems(path):
    assert read_xlsform(path.read_bytes()).sections


def test_the_waves_use_every_form_in_the_folder_and_no_other():
    assert {spec["form"] for _, spec in WAVES} == {path.name for path in SURVEYS_DATA.glob("*.xlsx")}


def test_every_loaded_questionnaire_is_what_its_form_says(registry):
    """Read back through the app's exporter, which writes every property the reader knows (the surveys tests
    round-trip it), so that the two sides are compared as the same FormSpec."""
    surveys_demo_load(people=[])
    for title, spec in WAVES:
        wave = Wave.objects.get(series__title=title, label=spec["label"])
        loaded = read_xlsform(wave_export_xlsform(wave=wave))
        assert loaded.sections == read_xlsform((SURVEYS_DATA / spec["form"]).read_bytes()).sections, wave


def test_every_wave_has_the_dates_status_confidentiality_and_note_of_the_data(registry):
    surveys_demo_load(people=[])
    for title, spec in WAVES:
        wave = Wave.objects.get(series__title=title, label=spec["label"])
        assert [wave.fieldwork_start.isoformat(), wave.fieldwork_end.isoformat()] == spec["fieldwork"]
        assert (wave.status, wave.confidentiality) == (spec["status"], spec["confidentiality"])
        assert wave.reconstructed_note == spec.get("reconstructed_note", "")


def test_the_open_wave_invites_the_demo_people_and_returns_the_first_one_s_contact(person):
    contact = surveys_demo_load(people=[person])
    assert contact == Contact.objects.get(email="clinical.lead@demo.example")
    assert (contact.wave.label, contact.wave.status) == ("2014", WaveStatus.OPEN)
    assert (contact.organisation.name, contact.role, contact.full_name) == (
        "NHS Blackpool",
        Role.CLINICAL_LEAD,
        "Dr Amanda Hughes",
    )


def test_loading_twice_adds_nothing_and_returns_the_same_contact(person):
    first = surveys_demo_load(people=[person])
    counts = (SurveySeries.objects.count(), Wave.objects.count(), Contact.objects.count())
    assert surveys_demo_load(people=[person]) == first
    assert (SurveySeries.objects.count(), Wave.objects.count(), Contact.objects.count()) == counts


def test_no_two_free_text_answers_of_the_demo_waves_are_the_same(registry):
    surveys_demo_load(people=[])
    texts = list(Answer.objects.filter(question__kind__in=TEXT_KINDS).values_list("text", flat=True))
    assert len(texts) >= 33 + 3
    assert [text for text, times in Counter(texts).items() if times > 1] == []


def test_every_third_respondent_the_routing_asks_gives_a_comment_of_the_pool_while_they_last(registry):
    """Only those who disagree are asked what would improve primary care, so only they comment; one in three of
    them, each with a comment of the file's pool."""
    surveys_demo_load(people=[])
    (entry,) = (
        answer
        for _, spec in WAVES
        for answer in spec.get("answers", [])
        if answer.get("question") == "primary_care_improve"
    )
    wave = Wave.objects.get(series__title="Appraisal of NHS England", label="2013")
    disagreeing = Response.objects.filter(
        wave=wave,
        answers__question__code="shared_vision_primary_care",
        answers__option__code__in=["disagree", "strongly_disagree"],
    )
    comments = Answer.objects.filter(question__wave=wave, question__code="primary_care_improve")
    assert set(comments.values_list("response", flat=True)) <= set(disagreeing.values_list("pk", flat=True))
    asked = disagreeing.count()
    assert comments.count() == min(-(-asked // entry["every"]), len(entry["texts"])) >= 33
    assert set(comments.values_list("text", flat=True)) <= set(entry["texts"])
