"""Writing notes, dates and times in the authoring pages: a note is never required, nothing is routed on a note, a
date or a time, and the preview shows them as respondents will see them."""

import pytest

from exchange.surveys.models import Question

from .helpers import wave_url

pytestmark = pytest.mark.django_db


def _add(client, wave, code, kind, text, **extra):
    data = {"code": code, "kind": kind, "text": text, "required": "on", "whole_number": "on", **extra}
    return client.post(wave_url(wave, "question-new", section_code="anything-else"), data)


def test_a_note_a_date_and_a_time_are_written_in_the_pages(client, wave, analyst):
    client.force_login(analyst)
    assert _add(client, wave, "intro", "note", "The last questions are about dates.", help_text="Guess if unsure.")[
        "Location"
    ] == wave_url(wave, "questionnaire")
    assert _add(client, wave, "started_on", "date", "When did you start?").status_code == 302
    assert _add(client, wave, "meets_at", "time", "When do you meet?").status_code == 302
    kinds = dict(Question.objects.filter(wave=wave, section__code="anything-else").values_list("code", "kind"))
    assert kinds == {"comments": "long_text", "intro": "note", "started_on": "date", "meets_at": "time"}
    # The box was ticked, but a note takes no answer.
    assert Question.objects.get(code="intro").required is False
    page = client.get(wave_url(wave, "questionnaire")).content.decode()
    row = page[page.index("The last questions are about dates.") :]
    assert "Note (text shown, not a question)" in row[: row.index("</tr>")]
    assert "(optional)" not in row[: row.index("</tr>")]


def test_changing_a_note_keeps_it_unrequired(client, wave, analyst):
    client.force_login(analyst)
    _add(client, wave, "intro", "note", "About dates.")
    response = client.post(
        wave_url(wave, "question-edit", code="intro"), {"text": "About dates and times.", "required": "on"}
    )
    assert response.status_code == 302
    note = Question.objects.get(code="intro")
    assert (note.text, note.required) == ("About dates and times.", False)


@pytest.mark.parametrize("kind", ["note", "date", "time"])
def test_routing_on_a_note_a_date_or_a_time_is_refused_in_the_page(client, wave, analyst, kind):
    client.force_login(analyst)
    _add(client, wave, "source", kind, "Source")
    response = _add(client, wave, "later", "short_text", "Later?", routing="source equals 2013-04-01")
    assert response.status_code == 400
    assert "A question can only be routed on an earlier choice question." in response.content.decode()
    assert not Question.objects.filter(code="later").exists()


def test_the_preview_shows_the_note_the_date_boxes_and_the_time_box(client, wave, analyst):
    client.force_login(analyst)
    _add(client, wave, "intro", "note", "The last questions are about dates.")
    _add(client, wave, "started_on", "date", "When did you start?")
    _add(client, wave, "meets_at", "time", "When do you meet?")
    page = client.get(wave_url(wave, "questionnaire-preview")).content.decode()
    assert 'id="note-intro"' in page
    assert 'name="started_on-day"' in page and 'name="started_on-year"' in page
    assert 'name="meets_at"' in page
