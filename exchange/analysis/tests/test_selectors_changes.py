import pytest
from django.urls import reverse
from statsmodels.stats.proportion import proportions_ztest

from exchange.analysis.selectors import wave_changes
from exchange.demo.services import demo_load
from exchange.surveys.models import Wave
from exchange.surveys.services.authoring import wave_close
from exchange.surveys.services.recording import RecordedResponse, responses_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(db):
    demo_load(marketplace=False)
    wave_2014 = Wave.objects.get(series__title="Appraisal of NHS England", label="2014")
    answers = {
        "area_team_working": "agree",
        "behaviours": {"common_purpose": "agree", "local_leadership": "agree", "honesty_transparency": "agree"},
        "shared_vision_primary_care": "agree",
    }
    responses = [
        RecordedResponse(None, "clinical_lead", {**answers, "support_development": "agree" if i < 120 else "disagree"})
        for i in range(200)
    ]
    responses_record(wave=wave_2014, responses=responses)
    return wave_close(wave=wave_2014)  # a confidential wave's results are published when it closes


def test_change_in_percentage_points_with_a_significance_flag_and_both_bases(two_years):
    changes = {c.figure: c for c in wave_changes(wave=two_years)["support_development"]}
    positive = changes["positive"]
    assert positive.previous_wave.label == "2013"
    assert (positive.previous_base, positive.current_base) == (264, 200)
    assert round(positive.points, 1) == round((120 / 200 - 88 / 264) * 100, 1)
    _, p_value = proportions_ztest([120, 88], [200, 264])
    assert p_value < 0.05
    assert positive.significant


def test_the_dashboard_shows_the_change(client, two_years):
    from exchange.accounts.models import User

    client.force_login(User.objects.get(email="analyst@demo.example"))
    url = reverse("analysis:dashboard", kwargs={"series_slug": two_years.series.slug, "wave_slug": two_years.slug})
    html = client.get(url).content.decode()
    assert "Change since 2013" in html
    assert "+26.7 points" in html
    assert "significant at 95%" in html
