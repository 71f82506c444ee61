import pytest
from django.urls import reverse

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory, UserFactory
from exchange.surveys.models import Question, Wave, WaveStatus

from .helpers import wave_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider(db):
    return MembershipFactory(roles=[Role.ANALYST, Role.ORGANISATION_ADMIN]).user


PAGES = [
    ("get", "wave-detail", {}),
    ("get", "wave-tracking", {}),
    ("get", "questionnaire", {}),
    ("get", "questionnaire-preview", {}),
    ("get", "xlsform-download", {}),
    ("get", "contacts-upload", {}),
    ("get", "wave-copy", {}),
    ("get", "contact-list", {}),
    ("get", "contacts-from-members", {}),
    ("get", "section-new", {}),
    ("get", "question-new", {"section_code": "your-support"}),
    ("get", "question-edit", {"code": "info"}),
    ("post", "question-move", {"code": "info"}),
    ("post", "question-delete", {"code": "comments"}),
    ("post", "wave-status", {}),
    ("post", "wave-send", {}),
]


@pytest.mark.parametrize(("method", "name", "extra"), PAGES)
def test_an_analyst_of_another_organisation_gets_404(client, wave, outsider, method, name, extra):
    client.force_login(outsider)
    response = getattr(client, method)(wave_url(wave, name, **extra), {"action": "open", "direction": "up"})
    assert response.status_code == 404
    assert Question.objects.filter(wave=wave, code="comments").exists()
    assert Wave.objects.get(pk=wave.pk).status == WaveStatus.DRAFT


@pytest.mark.parametrize(("method", "name", "extra"), [p for p in PAGES if p[0] == "get"])
def test_the_owners_analyst_can_open_every_page(client, wave, analyst, method, name, extra):
    client.force_login(analyst)
    assert client.get(wave_url(wave, name, **extra)).status_code == 200


def test_a_member_without_an_analyst_role_gets_404(client, wave, owner_and_analyst):
    member = MembershipFactory(organisation=owner_and_analyst[0], roles=[Role.BUYER]).user
    client.force_login(member)
    assert client.get(wave_url(wave, "wave-detail")).status_code == 404
    assert client.get(reverse("surveys:series-detail", kwargs={"series_slug": wave.series.slug})).status_code == 404


def test_the_series_list_shows_only_managed_series(client, wave, outsider, analyst):
    client.force_login(outsider)
    assert wave.series.title not in client.get(reverse("surveys:series-list")).content.decode()
    client.force_login(analyst)
    assert wave.series.title in client.get(reverse("surveys:series-list")).content.decode()


def test_staff_can_manage_any_series(client, wave):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(wave_url(wave, "wave-detail")).status_code == 200


def test_authoring_pages_add_a_section_and_a_routed_likert_question(client, wave, analyst):
    client.force_login(analyst)
    client.post(wave_url(wave, "section-new"), {"title": "Extra"})
    response = client.post(
        wave_url(wave, "question-new", section_code="extra"),
        {
            "code": "trust",
            "kind": "likert",
            "text": "I trust NHS England",
            "required": "on",
            "options": "agree | Agree | positive\ndisagree | Disagree\ndk | Don't know | excluded",
            "routing": "info equals no",
            "whole_number": "on",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(wave=wave, code="trust")
    assert [(o.code, o.is_positive, o.excluded_from_base) for o in question.options.all()] == [
        ("agree", True, False),
        ("disagree", False, False),
        ("dk", False, True),
    ]
    assert [(c.source.code, c.operator, c.values) for c in question.conditions.all()] == [("info", "equals", ["no"])]


def test_a_bad_option_line_is_named_and_nothing_is_saved(client, wave, analyst):
    client.force_login(analyst)
    response = client.post(
        wave_url(wave, "question-new", section_code="your-support"),
        {"code": "broken", "kind": "single", "text": "Broken?", "options": "yes | Yes\nno"},
    )
    assert response.status_code == 400
    assert "Option line 2 must be code | label" in response.content.decode()
    assert not Question.objects.filter(code="broken").exists()


def test_routing_on_a_later_question_is_refused(client, wave, analyst):
    client.force_login(analyst)
    response = client.post(
        wave_url(wave, "question-new", section_code="your-support"),
        {"code": "early", "kind": "short_text", "text": "Early?", "routing": "comments equals x"},
    )
    assert "A question can only be routed on an earlier choice question." in response.content.decode()


def test_reordering_keeps_routing_on_earlier_questions(client, wave, analyst):
    client.force_login(analyst)
    client.post(wave_url(wave, "question-move", code="satisfied"), {"direction": "up"})
    assert list(Question.objects.filter(wave=wave, section__code="your-support").values_list("code", flat=True)) == [
        "info",
        "satisfied",
        "reasons",
    ]
    client.post(wave_url(wave, "question-move", code="reasons"), {"direction": "up"})
    assert list(Question.objects.filter(wave=wave, section__code="your-support").values_list("code", flat=True)) == [
        "info",
        "reasons",
        "satisfied",
    ]


def test_an_open_wave_is_locked_and_copies_keep_the_codes(client, wave, analyst):
    client.force_login(analyst)
    client.post(wave_url(wave, "wave-status"), {"action": "open"})
    wave.refresh_from_db()
    assert wave.status == WaveStatus.OPEN
    response = client.post(
        wave_url(wave, "question-edit", code="info"), {"text": "Changed", "options": "yes | Yes\nno | No"}
    )
    assert "can no longer change" in response.content.decode()
    assert Question.objects.get(wave=wave, code="info").text != "Changed"
    client.post(wave_url(wave, "wave-copy"), {"label": "2014"})
    copy = Wave.objects.get(series=wave.series, label="2014")
    assert copy.status == WaveStatus.DRAFT
    assert sorted(copy.questions.values_list("code", flat=True)) == sorted(
        wave.questions.values_list("code", flat=True)
    )
    assert Question.objects.get(wave=copy, code="satisfied").conditions.get().source.wave == copy


def test_the_xlsform_upload_page_lists_problems(client, wave, analyst):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .xlsforms import workbook

    client.force_login(analyst)
    upload = SimpleUploadedFile("form.xlsx", workbook([["datetime", "when", "When?"]], []))
    response = client.post(
        reverse("surveys:xlsform-upload", kwargs={"series_slug": wave.series.slug}), {"file": upload, "label": "2015"}
    )
    assert response.status_code == 400
    assert "survey sheet, row 2: question type &#39;datetime&#39; is not supported" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "data_of", "status"),
    [
        ("form.xls", "xls", 302),  # Excel 97-2003, in the language chosen on the page
        ("form.xlsx", "damaged", 400),
        ("form.xlsm", "not a workbook", 400),
    ],
)
def test_the_xlsform_upload_page_takes_xls_and_refuses_anything_else_in_one_line(
    client, wave, analyst, name, data_of, status
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .services.test_xlsform_workbook import CHOICES, SURVEY, xls

    data = {
        "xls": xls({"survey": SURVEY, "choices": CHOICES}),
        "damaged": b"PK\x03\x04 damaged",
        "not a workbook": b"a,b",
    }
    client.force_login(analyst)
    response = client.post(
        reverse("surveys:xlsform-upload", kwargs={"series_slug": wave.series.slug}),
        {"file": SimpleUploadedFile(name, data[data_of]), "label": "2015", "language": ""},
    )
    assert response.status_code == status
    if status == 400:
        assert response.content.decode().count("The file:") == 1
    else:
        assert wave.series.waves.get(label="2015").questions.count() == 2
