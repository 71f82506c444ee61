"""The reconstructed demo waves reproduce the published response figures (acceptance: tracking shows 273 of 569)."""

import re

import pytest
from django.db.models import Count
from django.urls import reverse

from exchange.accounts.models import User
from exchange.analysis.selectors import wave_tracking
from exchange.demo.services import demo_load
from exchange.surveys.models import Answer, Response, Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return demo_load()


def test_the_2013_tracking_page_shows_273_of_569_and_177_of_211_ccgs(client, demo):
    wave = Wave.objects.get(series__title="Appraisal of NHS England", label="2013")
    tracking = wave_tracking(wave=wave)
    assert (tracking.overall.completed, tracking.overall.invited) == (273, 569)
    assert round(tracking.overall.response_rate * 100) == 48
    assert (tracking.overall.organisations_completed, tracking.overall.organisations_invited) == (177, 211)
    assert sum(row.invited for row in tracking.by_region) == 569
    assert sum(row.completed for row in tracking.by_region) == 273
    assert {row.label for row in tracking.by_region} == {
        "London",
        "North of England",
        "Midlands and East of England",
        "South of England",
    }
    assert {row.label for row in tracking.by_role} == {"Clinical lead", "Managerial lead", "Finance lead"}

    client.force_login(User.objects.get(email="analyst@demo.example"))
    html = client.get(
        reverse("surveys:wave-tracking", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    ).content.decode()
    assert "273 of 569 (48%)" in html
    assert "177 of 211 (84%)" in html
    assert "North of England" in html
    assert "Reconstructed from the published figures" in html


def test_the_2013_wave_has_one_in_three_agreeing_on_support_and_development(demo):
    wave = Wave.objects.get(series__title="Appraisal of NHS England", label="2013")
    assert Response.objects.filter(wave=wave).count() == 273
    assert Response.objects.filter(wave=wave).values("organisation").distinct().count() == 177
    agree = Answer.objects.filter(
        question__wave=wave, question__code="support_development", option__is_positive=True
    ).count()
    assert agree == 88  # one in three of the 264 who gave a view


def test_the_2012_wave_matches_the_press_release(demo):
    wave = Wave.objects.get(label="January 2012")
    responses = Response.objects.filter(wave=wave)
    assert responses.count() == 95
    by_region = dict(responses.values_list("region__name").annotate(n=Count("id")))
    assert by_region == {
        "London": 12,
        "North of England": 32,
        "Midlands and East of England": 31,
        "South of England": 20,
    }
    answers = Answer.objects.filter(question__wave=wave)
    assert answers.filter(question__code="info_sufficient", option__code="no").count() == 80
    follow_up = answers.filter(question__code="offer_satisfaction")
    assert follow_up.count() == 75
    assert follow_up.filter(option__code__in=["dissatisfied", "very_dissatisfied"]).count() == 53
    reasons = answers.filter(question__code="cluster_reasons")
    assert reasons.values("response").distinct().count() == 75
    assert reasons.filter(option__code="too_busy").count() == 15
    assert reasons.filter(option__code="relationships").count() == 20
    rollout = answers.filter(question__code="rollout_satisfaction")
    assert rollout.filter(option__code__in=["dissatisfied", "very_dissatisfied"]).count() / 95 > 0.8
    assert rollout.filter(option__is_positive=True).count() / 95 < 0.2


def test_confidential_demo_responses_are_tied_to_no_contact(demo):
    wave = Wave.objects.get(series__title="Appraisal of NHS England", label="2013")
    assert not Response.objects.filter(wave=wave, contact__isnull=False).exists()
    assert not wave.contacts.filter(status="completed", completed_at__isnull=False).exists()


def test_the_demos_platform_staff_person_opens_and_searches_the_admin(client, demo):
    client.force_login(User.objects.get(email="admin@demo.example"))
    for path, query in [
        ("/admin/marketplace/offering/", "q=Community+Voice"),
        ("/admin/marketplace/requirement/", "q=business"),
        ("/admin/surveys/wave/", "q=Appraisal"),
        ("/admin/organisations/organisation/", "q=Blackpool"),
    ]:
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, path
        found = re.search(r"(\d+) results? \(", response.content.decode())
        assert found and int(found.group(1)) > 0, path
