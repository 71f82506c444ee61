import pytest
from django.urls import reverse

from exchange.surveys.models import Answer, ContactStatus, Draft, Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _each_response_its_own_batch(request):
    """These tests are about answering; with a threshold of 1 each confidential response is released at once.
    Batching has its own tests (test_batches.py)."""
    if "contact" in request.fixturenames:
        series = request.getfixturevalue("contact").wave.series
        series.suppression_threshold = 1
        series.save(update_fields=["suppression_threshold"])


def url(wave, name, **kwargs):
    return reverse(f"surveys:{name}", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, **kwargs})


def start(client, contact):
    """Press Start on the link's page (a POST: only looking at the page changes nothing)."""
    response = client.post(reverse("surveys:respond", kwargs={"token": contact.token}))
    assert response.status_code == 302
    return response


FIRST = {"info": "no", "satisfied": "dissatisfied", "reasons": ["too_busy", "relationships"], "action": "continue"}
SECOND = {
    "behaviours__common_purpose": "agree",
    "behaviours__local_leadership": "disagree",
    "behaviours__honesty": "dont_know",
    "staff": "12",
    "why_not": "No time",
    "action": "continue",
}


def answer_all(client, wave):
    assert client.post(url(wave, "answer-section", section_code="your-support"), FIRST).status_code == 302
    assert client.post(url(wave, "answer-section", section_code="about-your-relationship"), SECOND).status_code == 302
    response = client.post(
        url(wave, "answer-section", section_code="anything-else"), {"comments": "Thanks", "action": "continue"}
    )
    assert response["Location"] == url(wave, "answer-check")


def test_a_contact_answers_every_section_checks_and_submits(client, contact):
    wave = contact.wave
    start(client, contact)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.STARTED and contact.opened_at is not None
    assert Draft.objects.filter(contact=contact).exists()
    answer_all(client, wave)
    check = client.get(url(wave, "answer-check")).content.decode()
    for text in [
        "Dissatisfied",
        "Too busy to explore alternatives, Good relationships",
        "Honesty and transparency: Don&#39;t know",
        "12",
    ]:
        assert text in check
    response = client.post(url(wave, "answer-check"))
    assert response["Location"] == url(wave, "answer-done")
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question__code="reasons").count() == 2
    assert Answer.objects.filter(question__code="behaviours").count() == 3
    assert Answer.objects.get(question__code="staff").number == 12
    contact.refresh_from_db()
    assert contact.status == ContactStatus.COMPLETED
    assert not Draft.objects.exists()


def test_routing_skips_questions_whose_conditions_fail(client, contact):
    wave = contact.wave
    start(client, contact)
    client.post(
        url(wave, "answer-section", section_code="your-support"),
        {"info": "yes", "reasons": ["relationships"], "action": "continue"},
    )
    page = client.get(url(wave, "answer-section", section_code="about-your-relationship")).content.decode()
    assert "What stopped you exploring alternatives?" not in page
    client.post(url(wave, "answer-section", section_code="about-your-relationship"), {**SECOND, "why_not": ""})
    # Comments are asked only if info is not 'yes', so the whole last section is skipped.
    assert client.get(url(wave, "answer-section", section_code="anything-else"))["Location"] == url(
        wave, "answer-check"
    )
    client.post(url(wave, "answer-check"))
    assert not Answer.objects.filter(question__code__in=["satisfied", "why_not", "comments"]).exists()


def test_a_changed_answer_drops_answers_to_questions_no_longer_asked(client, contact):
    wave = contact.wave
    start(client, contact)
    answer_all(client, wave)
    client.post(
        url(wave, "answer-section", section_code="your-support") + "?return=check",
        {"info": "yes", "reasons": [], "action": "continue"},
    )
    client.post(url(wave, "answer-check"))
    codes = set(Answer.objects.values_list("question__code", flat=True))
    assert "satisfied" not in codes
    assert "comments" not in codes


def test_errors_are_listed_and_earlier_answers_are_kept(client, contact):
    wave = contact.wave
    start(client, contact)
    client.post(url(wave, "answer-section", section_code="your-support"), FIRST)
    response = client.post(
        url(wave, "answer-section", section_code="about-your-relationship"), {"staff": "9000", "action": "continue"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Select an answer for: Common purpose" in html
    assert "Enter a whole number between 0 and 500" in html
    assert 'href="#id_staff"' in html
    assert Draft.objects.get().answers["info"] == "no"


def test_save_and_come_back_later_resumes_with_the_same_link(client, contact):
    wave = contact.wave
    start(client, contact)
    response = client.post(
        url(wave, "answer-section", section_code="your-support"), {**FIRST, "action": "save-and-leave"}
    )
    assert "Your answers are saved" in response.content.decode()
    client.logout()
    client.cookies.clear()
    start(client, contact)
    page = client.get(url(wave, "answer-start")).content.decode()
    assert "Continue where you left off" in page
    assert url(wave, "answer-section", section_code="about-your-relationship") in page
    form = client.get(url(wave, "answer-section", section_code="your-support")).content.decode()
    assert 'value="no" checked' in form


def test_submitting_twice_or_replaying_creates_one_response(client, contact):
    wave = contact.wave
    start(client, contact)
    answer_all(client, wave)
    first = client.post(url(wave, "answer-check"))
    second = client.post(url(wave, "answer-check"))
    assert first["Location"] == second["Location"] == url(wave, "answer-done")
    assert Response.objects.count() == 1
    start(client, contact)
    assert client.get(url(wave, "answer-start"))["Location"] == url(wave, "answer-done")


def test_submission_before_every_required_answer_goes_back_to_the_gap(client, contact):
    wave = contact.wave
    start(client, contact)
    client.post(url(wave, "answer-section", section_code="your-support"), FIRST)
    response = client.post(url(wave, "answer-check"))
    assert response["Location"] == url(wave, "answer-section", section_code="about-your-relationship")
    assert not Response.objects.exists()


def test_answer_pages_need_the_link_first(client, contact):
    assert client.get(url(contact.wave, "answer-start")).status_code == 404


def test_an_unknown_token_is_refused(client, db):
    assert client.get(reverse("surveys:respond", kwargs={"token": "x" * 43})).status_code == 404


def test_opting_out_deletes_the_draft_and_blocks_answering(client, contact):
    start(client, contact)
    client.post(url(contact.wave, "answer-section", section_code="your-support"), FIRST)
    client.post(reverse("surveys:opt-out", kwargs={"token": contact.token}))
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPTED_OUT
    assert not Draft.objects.exists()
    assert client.get(url(contact.wave, "answer-start")).status_code == 409
