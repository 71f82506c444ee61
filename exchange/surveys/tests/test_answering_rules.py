"""Answering questions with XLSForm rules in the pages and the services: a broken constraint is its message in the
NHS.UK error summary linking to the field, a required rule and a required message are carried out on this page's
answers, a default fills the field, a read-only question is shown and not posted, a calculated value is worked out
at submission (never shown, never in a draft), and a crafted POST or draft cannot get round any of it."""

import re
from html import unescape

import pytest
from django.urls import reverse

from exchange.core.exceptions import ApplicationError
from exchange.organisations.tests.factories import OrganisationFactory
from exchange.surveys.models import Answer, Confidentiality, Draft
from exchange.surveys.questionnaire import Questionnaire
from exchange.surveys.rules import RULE_BROKEN
from exchange.surveys.services.authoring import wave_open
from exchange.surveys.services.responding import INCOMPLETE, draft_for_contact, draft_save_answers, response_submit

from .factories import GMC, ContactFactory, full_wave, rules_section
from .helpers import EARLIER_SECTIONS, wave_url

pytestmark = pytest.mark.django_db
SECTION = "your-team"
EARLIER = EARLIER_SECTIONS
GOOD = {"role": "gp", "nhs_number": "0123456789", "gmc": "7654321", "team_size": "6"}


def _wave():
    wave = full_wave(confidentiality=Confidentiality.NAMED)
    rules_section(wave)
    return wave_open(wave=wave)


def _respondent(client):
    wave = _wave()
    contact = ContactFactory(wave=wave, organisation=OrganisationFactory())
    client.post(reverse("surveys:respond", kwargs={"token": contact.token}))
    return wave


def _post(client, wave, data):
    return client.post(wave_url(wave, "answer-section", section_code=SECTION), {**data, "action": "continue"})


def _summary(html: str) -> list[tuple[str, str]]:
    summary = html[html.index("nhsuk-error-summary") :]
    summary = summary[: summary.index("</ul>")]
    return [(link, unescape(text)) for link, text in re.findall(r'<a href="(#[^"]+)"[^>]*>\s*([^<]+?)\s*</a>', summary)]


def test_a_broken_constraint_is_its_message_linked_to_the_field_and_the_page_saves_nothing(client):
    wave = _respondent(client)
    response = _post(client, wave, {**GOOD, "nhs_number": "12345", "team_size": "13"})
    assert response.status_code == 400
    assert _summary(response.content.decode()) == [
        ("#id_nhs_number", "Enter a 10-digit NHS number"),
        ("#id_team_size", RULE_BROKEN),
    ]
    assert not Draft.objects.get().answers


def test_a_required_rule_that_holds_on_this_pages_answers_asks_with_the_required_message(client):
    wave = _respondent(client)
    response = _post(client, wave, {**GOOD, "gmc": ""})
    assert _summary(response.content.decode()) == [("#id_gmc", GMC)]
    assert not Draft.objects.get().answers
    assert _post(client, wave, {**GOOD, "role": "nurse", "gmc": ""}).status_code == 302


def test_a_default_fills_the_field_and_a_read_only_question_is_text_not_a_field(client):
    wave = _respondent(client)
    html = re.sub(r"\s+", " ", client.get(wave_url(wave, "answer-section", section_code=SECTION)).content.decode())
    assert re.search(r'name="team_size" type="text" [^>]*value="5"', html)
    read_only = html[html.index('id="readonly-region_name"') :]
    assert "North East" in read_only[:400]
    assert 'name="region_name"' not in html
    assert "doubled" not in html and "Twice the team" not in html


def test_a_read_only_or_calculated_value_posted_anyway_is_not_kept(client):
    wave = _respondent(client)
    _post(client, wave, {**GOOD, "region_name": "Somewhere else", "doubled": "999"})
    assert Draft.objects.get().answers == {
        "role": "gp",
        "nhs_number": "0123456789",
        "gmc": "7654321",
        "team_size": "6",
    }


def test_calculated_and_read_only_values_are_stored_at_submission_and_exported(client):
    from exchange.analysis.exports import export_csv

    wave = _respondent(client)
    for section, data in EARLIER.items():
        assert client.post(wave_url(wave, "answer-section", section_code=section), data).status_code == 302
    assert _post(client, wave, GOOD)["Location"] == wave_url(wave, "answer-check")
    check = client.get(wave_url(wave, "answer-check")).content.decode()
    assert "North East" in check and "Twice the team" not in check
    client.post(wave_url(wave, "answer-check"))
    stored = {a.question.code: a.number if a.number is not None else a.text for a in Answer.objects.all()}
    assert (stored["doubled"], stored["tag"], stored["region_name"]) == (12, "gp-6", "North East")
    exported = export_csv(wave).decode()
    header, row = exported.splitlines()[:2]
    values = dict(zip(header.split(","), row.split(","), strict=False))
    assert (values["doubled"], values["tag"], values["region_name"]) == ("12.0", "gp-6", "North East")


def _draft(wave):
    return draft_for_contact(contact=ContactFactory(wave=wave, organisation=OrganisationFactory()))


def test_the_service_refuses_a_crafted_answer_that_breaks_a_constraint_and_saves_nothing():
    wave = _wave()
    draft = _draft(wave)
    with pytest.raises(ApplicationError) as error:
        draft_save_answers(draft=draft, answers={"role": "gp", "nhs_number": "not a number"})
    assert error.value.message == "nhs_number: Enter a 10-digit NHS number"
    assert Draft.objects.get().answers == {}


@pytest.mark.parametrize("code", ["doubled", "region_name"])
def test_the_service_refuses_an_answer_to_a_calculated_or_read_only_question(code):
    draft = _draft(_wave())
    with pytest.raises(ApplicationError, match=f"{code} is worked out, not answered."):
        draft_save_answers(draft=draft, answers={code: "1"})


def test_a_draft_missing_an_answer_its_required_rule_asks_for_is_not_submitted():
    wave = _wave()
    draft = _draft(wave)
    answers = {
        "info": "yes",
        "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty": "agree"},
        "staff": "3",
        **{k: v for k, v in GOOD.items() if k != "gmc"},
    }
    Draft.objects.filter(pk=draft.pk).update(answers=answers)  # as if the pages had been got round
    questionnaire = Questionnaire.for_wave(wave)
    with pytest.raises(ApplicationError) as error:
        response_submit(draft_id=draft.pk, questionnaire=questionnaire)
    assert error.value.message == INCOMPLETE
    Draft.objects.filter(pk=draft.pk).update(answers={**answers, "gmc": "1", "team_size": "13"})
    with pytest.raises(ApplicationError):  # a broken constraint in the draft
        response_submit(draft_id=draft.pk, questionnaire=questionnaire)
    assert not Answer.objects.exists()
