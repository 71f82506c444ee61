import re

import pytest
from django.urls import reverse

from exchange.accounts.models import User
from exchange.accounts.tests.factories import MembershipFactory
from exchange.analysis.models import HeadlineStatement
from exchange.demo.services import demo_load
from exchange.surveys.models import Wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    demo_load(marketplace=False)
    return Wave.objects.get(series__title="Appraisal of NHS England", label="2013")


def dashboard_url(wave, **extra):
    return reverse("analysis:dashboard", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug, **extra})


def test_the_dashboard_shows_every_question_with_chart_table_and_base(client, demo):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    response = client.get(dashboard_url(demo), {"by": "region"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') >= 5
    assert "<title id=" in html and "<desc id=" in html
    assert "33.3%" in html  # one in three positive overall
    assert "North of England" in html
    assert "Base" in html


def test_small_groups_are_shown_as_a_star(client, demo):
    demo.series.suppression_threshold = 80
    demo.series.save()
    client.force_login(User.objects.get(email="analyst@demo.example"))
    html = client.get(dashboard_url(demo), {"by": "region"}).content.decode()
    assert ">*<" in html
    assert "fewer than 80 people" in html.lower()


def test_a_headline_statement_is_added_and_listed(client, demo):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    url = reverse("analysis:headline-create", kwargs={"series_slug": demo.series.slug, "wave_slug": demo.slug})
    HeadlineStatement.objects.filter(wave=demo).delete()
    client.post(
        url,
        {
            "result_code": "support_development",
            "option_codes": ["strongly_agree", "agree"],
            "predicate": "agreed that NHS England offered the support and development they needed.",
        },
    )
    assert HeadlineStatement.objects.filter(wave=demo).count() == 1
    html = client.get(dashboard_url(demo)).content.decode()
    assert (
        "33.3% of respondents (88 of 264) agreed that NHS England offered the support and development they needed."
        in html
    )


def test_the_headline_form_offers_a_chosen_questions_answers_by_their_labels(client, demo):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    html = client.get(dashboard_url(demo)).content.decode()
    assert 'id="id_result_code"' in html and "Choose its answers" in html
    assert "option code" not in html.lower()
    html = client.get(dashboard_url(demo), {"result_code": "support_development"}).content.decode()
    assert 'name="option_codes" type="checkbox" value="strongly_agree"' in html
    assert re.search(r">\s*Strongly agree\s*</label>", html)
    assert 'type="hidden" name="result_code" value="support_development"' in html


def test_an_answer_of_another_question_in_a_headline_is_refused_and_what_was_typed_is_kept(client, demo):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    url = reverse("analysis:headline-create", kwargs={"series_slug": demo.series.slug, "wave_slug": demo.slug})
    response = client.post(url, {"result_code": "support_development", "option_codes": ["yes"], "predicate": "said x"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and 'href="#id_option_codes"' in html and 'id="id_option_codes"' in html
    assert "Choose answers of the question chosen" in html
    assert 'value="said x"' in html  # what was typed is kept
    assert not HeadlineStatement.objects.filter(predicate="said x").exists()
    response = client.post(url, {"result_code": "", "option_codes": ["agree"], "predicate": "said y"})
    html = response.content.decode()
    assert response.status_code == 400 and 'href="#id_result_code"' in html and "Choose a question" in html
    response = client.post(url, {"result_code": "support_development", "predicate": "said z"})
    assert "Choose at least one answer to count" in response.content.decode()
    assert not HeadlineStatement.objects.filter(wave=demo, predicate__startswith="said").exists()


def test_one_question_has_its_own_page(client, demo):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    url = reverse(
        "analysis:question", kwargs={"series_slug": demo.series.slug, "wave_slug": demo.slug, "code": "behaviours"}
    )
    html = client.get(url, {"by": "role"}).content.decode()
    assert "Common purpose" in html and "Honesty and transparency" in html
    assert "Clinical lead" in html


def test_results_are_private_to_the_owners_analysts(client, demo):
    client.force_login(MembershipFactory(roles=["analyst"]).user)
    assert client.get(dashboard_url(demo)).status_code == 404


def test_the_weighted_dashboard_reports_the_effective_base(client, demo):
    client.force_login(User.objects.get(email="analyst@demo.example"))
    html = client.get(dashboard_url(demo), {"weighted": "on", "by": "region"}).content.decode()
    assert "Effective base (weighted)" in html
