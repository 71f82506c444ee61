"""Every form of the XLSForm corpus (`exchange/surveys/tests/xlsform_corpus.py`), imported as a survey team would,
is answered in Chromium page by page to submission by a respondent who gives the first answer offered to every
question asked: with JavaScript, checked with axe-core on every page, and for the largest form without it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from exchange.organisations.models import Organisation
from exchange.surveys.models import Answer, Response
from exchange.surveys.services.authoring import series_create, wave_open
from exchange.surveys.services.xlsform import wave_import_xlsform
from exchange.surveys.tests.factories import ContactFactory
from exchange.surveys.tests.xlsform_corpus import CORPUS, FORMATS

from .conftest import axe_violations

TYPED = {"day": "14", "month": "3", "year": "2013"}


def _contact(form: str):
    owner = Organisation.objects.create(name="NHS Clinical Commissioners", slug="nhscc", kind="membership_body")
    series = series_create(owner=owner, title="Corpus")
    wave = wave_import_xlsform(series=series, label=form, data=FORMATS["xlsx"](CORPUS[form]), confidentiality="named")
    contact = ContactFactory(wave=wave, invited_at=timezone.now())
    wave_open(wave=wave)
    return contact


def _answer_page(page) -> None:
    """The first option of every choice, and a plausible value in every box, of the questions on this page."""
    main = page.locator("main form")
    for name in dict.fromkeys(main.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)")):
        main.locator(f"input[type=radio][name='{name}']").first.check()
    for name in dict.fromkeys(main.locator("input[type=checkbox]").evaluate_all("els => els.map(e => e.name)")):
        main.locator(f"input[type=checkbox][name='{name}']").first.check()
    for box in main.locator("input[type=text], input:not([type]), input[type=number], textarea").all():
        name = box.get_attribute("name") or ""
        part = name.rsplit("-", 1)[-1].rsplit("_", 1)[-1]
        if part in TYPED:
            box.fill(TYPED[part])
        elif box.get_attribute("inputmode") in ("numeric", "decimal"):
            box.fill("12")
        elif "meet" in name:
            box.fill("10:30")
        else:
            box.fill("An answer")


def _answer_to_the_end(page, contact, *, javascript: bool) -> None:
    page.goto(f"/surveys/respond/{contact.token}/")
    page.get_by_role("button", name="Start now").click()
    for _ in range(12):
        if page.get_by_role("heading", name="Check your answers before submitting").count():
            break
        if javascript:
            assert axe_violations(page) == [], page.url
        _answer_page(page)
        page.get_by_role("button", name="Save and continue").click()
        expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    if javascript:
        assert axe_violations(page) == []
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator("main")).to_contain_text("submitted")


@pytest.mark.parametrize("form", sorted(CORPUS))
def test_each_corpus_form_is_answered_to_the_end_with_javascript(page, transactional_db, form):
    contact = _contact(form)
    _answer_to_the_end(page, contact, javascript=True)
    assert Response.objects.count() == 1 and Answer.objects.exists()


def test_the_largest_corpus_form_is_answered_to_the_end_without_javascript(page_without_javascript, transactional_db):
    contact = _contact("support")
    _answer_to_the_end(page_without_javascript, contact, javascript=False)
    answers = dict(Answer.objects.values_list("question__code", "text"))
    assert answers["signed"] == "2013-03-14" and answers["provider"] == "An answer"
    calculated = Answer.objects.get(question__code="price_for_100k")
    assert (calculated.number or calculated.text) in (1200000, "1200000"), "the calculation, worked out at submission"
    assert answers["unit"] == "Blackpool CSU", "a read-only question keeps its default"
    practice = Answer.objects.get(question__code="practice").option.code
    assert practice == "P81002", "the first practice offered is the first of the commissioner chosen (02M)"
