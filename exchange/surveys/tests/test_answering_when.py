"""Answering a note, a date and a time in the pages: the note shown in its place, the date in NHS.UK's three boxes
with its error messages linked to the box at fault, the time on the 24-hour clock; a page with any error saves
nothing; drafts keep and give back ISO dates and times; everything works as plain HTML forms."""

import re

import pytest
from django.urls import reverse

from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.forms.when import DateAnswerField
from exchange.surveys.models import Answer, Draft
from exchange.surveys.services.authoring import wave_open

from .factories import ContactFactory, full_wave, when_section
from .helpers import EARLIER_SECTIONS, wave_url

pytestmark = pytest.mark.django_db
SECTION = "when-you-started"
GOOD = {"started_on-day": "1", "started_on-month": "4", "started_on-year": "2013", "meets_at": "9:30"}
EARLIER = EARLIER_SECTIONS


def _respondent(client, *, date_required=True):
    wave = full_wave()
    when_section(wave, date_required=date_required)
    wave.series.suppression_threshold = 1
    wave.series.save()
    contact = ContactFactory(wave=wave_open(wave=wave), organisation=OrganisationFactory())
    client.post(reverse("surveys:respond", kwargs={"token": contact.token}))
    return wave


def _post(client, wave, data):
    return client.post(wave_url(wave, "answer-section", section_code=SECTION), {**data, "action": "continue"})


def _summary_links(html: str) -> list[str]:
    summary = html[html.index("nhsuk-error-summary") :]
    return re.findall(r'href="(#[^"]+)"', summary[: summary.index("</ul>")])


def test_the_note_is_shown_in_its_place_as_inset_text_between_the_questions(client):
    wave = _respondent(client)
    html = client.get(wave_url(wave, "answer-section", section_code=SECTION)).content.decode()
    note = html.index('class="nhsuk-inset-text"')
    assert note < html.index("When did your organisation start?") < html.index("At what time does your board")
    assert "These questions are about when your organisation started." in html[note:]
    assert "Give your best guess." in html[note:]
    for box in ("day", "month", "year"):
        assert f'id="id_started_on-{box}" name="started_on-{box}"' in html
    assert "Use the 24-hour clock, for example 14:30" in html


def test_a_date_and_a_time_are_saved_as_iso_and_given_back_in_their_boxes(client):
    wave = _respondent(client)
    response = _post(client, wave, GOOD)
    assert response.status_code == 302
    assert Draft.objects.get().answers == {"started_on": "2013-04-01", "meets_at": "09:30"}
    html = client.get(wave_url(wave, "answer-section", section_code=SECTION)).content.decode()
    assert 'name="started_on-day" type="text" value="1"' in html
    assert 'name="started_on-month" type="text" value="4"' in html
    assert 'name="started_on-year" type="text" value="2013"' in html
    assert 'value="09:30"' in html


def test_a_month_may_be_written_as_a_word(client):
    wave = _respondent(client)
    _post(client, wave, {**GOOD, "started_on-month": "Sept"})
    assert Draft.objects.get().answers["started_on"] == "2013-09-01"


@pytest.mark.parametrize(
    ("change", "message", "link"),
    [
        ({"started_on-day": "31", "started_on-month": "2"}, "Enter a real date", "#id_started_on-day"),
        ({"started_on-month": "13"}, "Enter a real date", "#id_started_on-month"),
        ({"started_on-day": "first"}, "Enter a real date", "#id_started_on-day"),
        ({"started_on-day": "²"}, "Enter a real date", "#id_started_on-day"),
        ({"started_on-day": "9" * 20}, "Enter a real date", "#id_started_on-day"),  # past C's int: OverflowError
        ({"started_on-month": "9" * 5000}, "Enter a real date", "#id_started_on-month"),  # past int()'s digits
        ({"started_on-year": "²⁰¹³"}, "Year must include 4 numbers", "#id_started_on-year"),
        ({"started_on-month": ""}, "Date must include a month", "#id_started_on-month"),
        ({"started_on-day": "", "started_on-year": ""}, "Date must include a day and year", "#id_started_on-day"),
        ({"started_on-year": "13"}, "Year must include 4 numbers", "#id_started_on-year"),
        (
            {"started_on-day": "", "started_on-month": "", "started_on-year": ""},
            "Enter a date: When did your organisation start?",
            "#id_started_on-day",
        ),
        ({"meets_at": "25:00"}, "Enter a time like 14:30", "#id_meets_at"),
        ({"meets_at": "half past nine"}, "Enter a time like 14:30", "#id_meets_at"),
    ],
)
def test_a_date_or_time_that_cannot_be_is_refused_linking_to_its_box_and_nothing_is_saved(
    client, change, message, link
):
    wave = _respondent(client)
    response = _post(client, wave, {**GOOD, **change})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert _summary_links(html) == [link]
    assert f'id="{link[1:]}"' in html
    # The valid half of the page is not kept either.
    assert not Draft.objects.filter(answers__has_key="meets_at").exists()
    assert not Draft.objects.filter(answers__has_key="started_on").exists()


def test_only_the_boxes_at_fault_are_marked(client):
    wave = _respondent(client)
    html = _post(client, wave, {**GOOD, "started_on-month": ""}).content.decode()
    assert re.search(r'class="[^"]*nhsuk-input--error[^"]*" id="id_started_on-month"', html)
    assert not re.search(r'class="[^"]*nhsuk-input--error[^"]*" id="id_started_on-day"', html)
    # What was typed stays in the boxes, to be put right.
    assert 'name="started_on-year" type="text" value="2013"' in html


def test_an_optional_date_and_time_may_be_left_empty(client):
    wave = _respondent(client, date_required=False)
    response = _post(client, wave, {"meets_at": ""})
    assert response.status_code == 302
    assert Draft.objects.get().answers == {"started_on": "", "meets_at": ""}


def test_check_your_answers_shows_the_date_in_words_and_no_note_then_submits_iso_text(client):
    wave = _respondent(client)
    for section, data in EARLIER.items():
        assert client.post(wave_url(wave, "answer-section", section_code=section), data).status_code == 302
    assert _post(client, wave, GOOD)["Location"] == wave_url(wave, "answer-check")
    check = client.get(wave_url(wave, "answer-check")).content.decode()
    assert "1 April 2013" in check and "09:30" in check
    assert "These questions are about when" not in check
    client.post(wave_url(wave, "answer-check"))
    assert dict(Answer.objects.filter(text__contains="3").values_list("question__code", "text")) == {
        "started_on": "2013-04-01",
        "meets_at": "09:30",
    }
    assert not Answer.objects.filter(question__code="about_dates").exists()


def test_a_half_filled_optional_date_is_still_refused():
    field = DateAnswerField(required_message="Enter a date", required=False)
    assert field.clean(["", "", ""]) == ""
    with pytest.raises(Exception, match="Date must include a day and month"):
        field.clean(["", "", "2013"])
    assert field.error_parts == ("day", "month")
