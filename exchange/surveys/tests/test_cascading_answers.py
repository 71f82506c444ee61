"""Cascading choices in the answering pages and services: a question filtered on an earlier answer offers only the
options that fit it; an option that does not fit is refused whether it is posted by hand, saved to a draft or left
stale by a changed earlier answer; and a filter on the same page, where the earlier answer is not yet known without
JavaScript, offers every option and checks the answer once it is sent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.core.exceptions import ApplicationError
from exchange.surveys.models import Draft
from exchange.surveys.services.authoring import OptionSpec, question_create, section_create, wave_create, wave_open
from exchange.surveys.services.responding import draft_save_answers

from .factories import ContactFactory

pytestmark = pytest.mark.django_db
PRACTICES = [("P1", "Promenade", "00R"), ("P2", "Kirkham", "02M"), ("P3", "North Shore", "00R")]


def _wave(series, *, same_page: bool):
    wave = wave_create(series=series, label="cascade", confidentiality="named")
    first = section_create(wave=wave, title="Commissioner", code="commissioner")
    question_create(
        section=first,
        code="ccg",
        kind="single",
        text="Which commissioner?",
        options=[OptionSpec("00R", "NHS Blackpool"), OptionSpec("02M", "NHS Fylde and Wyre")],
    )
    second = first if same_page else section_create(wave=wave, title="Practice", code="practice")
    question_create(
        section=second,
        code="practice",
        kind="single",
        text="Which practice?",
        options=[OptionSpec(code, label, filters=(("ccg", ccg),)) for code, label, ccg in PRACTICES],
        choice_filter=[("ccg", "ccg")],
    )
    contact = ContactFactory(wave=wave, invited_at=timezone.now())
    wave_open(wave=wave)
    return contact


def _url(wave, section):
    kwargs = {"series_slug": wave.series.slug, "wave_slug": wave.slug, "section_code": section}
    return reverse("surveys:answer-section", kwargs=kwargs)


def _start(client, contact):
    client.post(reverse("surveys:respond", kwargs={"token": contact.token}))


def test_a_later_page_offers_only_the_options_that_fit_the_earlier_answer(client, series):
    contact = _wave(series, same_page=False)
    wave = contact.wave
    _start(client, contact)
    client.post(_url(wave, "commissioner"), {"ccg": "02M", "action": "continue"})
    page = client.get(_url(wave, "practice")).content.decode()
    assert "Kirkham" in page and "Promenade" not in page and "North Shore" not in page
    refused = client.post(_url(wave, "practice"), {"practice": "P1", "action": "continue"})
    assert refused.status_code == 400, "an option not offered, posted by hand"
    assert Draft.objects.get().answers.get("practice") in (None, "")


def test_the_service_refuses_an_option_that_does_not_fit_however_it_arrives(series):
    contact = _wave(series, same_page=False)
    draft = Draft.objects.create(wave=contact.wave, contact=contact, answers={"ccg": "02M"})
    with pytest.raises(ApplicationError, match="fits your earlier answers"):
        draft_save_answers(draft=draft, answers={"practice": "P1"})
    assert draft_save_answers(draft=draft, answers={"practice": "P2"}).answers["practice"] == "P2"


def test_on_the_same_page_every_option_is_offered_and_the_answer_checked_once_sent(client, series):
    contact = _wave(series, same_page=True)
    wave = contact.wave
    _start(client, contact)
    page = client.get(_url(wave, "commissioner")).content.decode()
    assert "Kirkham" in page and "Promenade" in page
    response = client.post(_url(wave, "commissioner"), {"ccg": "02M", "practice": "P1", "action": "continue"})
    assert response.status_code == 400
    assert "Choose an option that fits your earlier answers: Which practice?" in response.content.decode()
    assert not Draft.objects.get().answers
    ok = client.post(_url(wave, "commissioner"), {"ccg": "02M", "practice": "P2", "action": "continue"})
    assert ok.status_code == 302


def test_changing_the_earlier_answer_clears_a_cascading_answer_that_no_longer_fits(series):
    contact = _wave(series, same_page=False)
    draft = Draft.objects.create(wave=contact.wave, contact=contact, answers={})
    draft = draft_save_answers(draft=draft, answers={"ccg": "00R"})
    draft = draft_save_answers(draft=draft, answers={"practice": "P1"})
    draft = draft_save_answers(draft=draft, answers={"ccg": "02M"})  # the respondent went back and changed it
    assert draft.answers == {"ccg": "02M"}, "P1 is Blackpool's: asked again, never submitted stale"
    from exchange.surveys.questionnaire import Questionnaire

    questionnaire = Questionnaire.for_wave(contact.wave)
    assert questionnaire.first_unanswered_section(draft.answers).code == "practice"


def test_a_choice_filter_on_a_question_with_several_answers_is_refused(series):
    wave = wave_create(series=series, label="multi", confidentiality="named")
    section = section_create(wave=wave, title="S", code="s")
    options = [OptionSpec("00R", "Blackpool"), OptionSpec("02M", "Fylde")]
    question_create(section=section, code="ccgs", kind="multiple", text="Which?", options=options)
    with pytest.raises(ApplicationError, match="needs one answer to match: ccgs takes several"):
        question_create(
            section=section,
            code="practice",
            kind="single",
            text="Practice?",
            options=[OptionSpec(c, label, filters=(("ccg", g),)) for c, label, g in PRACTICES],
            choice_filter=[("ccg", "ccgs")],
        )
