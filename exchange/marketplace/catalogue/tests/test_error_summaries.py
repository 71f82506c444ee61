"""Every form page of the catalogue, posted empty or refused: each message of the error summary links to a box of
the form on the page (exchange/core/tests/error_summaries.py), never to the summary itself."""

import datetime

import pytest

from exchange.core import clock
from exchange.core.tests.error_summaries import assert_error_summary_links_to_fields
from exchange.marketplace.catalogue.tests.helpers import rate

pytestmark = pytest.mark.django_db


def _targets(response) -> list[str]:
    return [target for _, target in assert_error_summary_links_to_fields(response.content.decode())]


def test_an_offering_edited_to_nothing_links_each_message_to_its_box(client, world):
    offering = world.offering()
    client.force_login(world.us)
    targets = _targets(client.post(f"/marketplace/offerings/{offering.pk}/edit/", {}))
    assert targets[:2] == ["id_title", "id_summary"]
    assert {"id_service_lines", "id_regions", "id_pricing_model", "id_status"} <= set(targets)


def test_a_new_offering_with_nothing_links_each_message_to_its_box(client, world):
    client.force_login(world.us)
    targets = _targets(client.post(f"/marketplace/providers/{world.ours.slug}/offerings/new/", {}))
    assert targets[:2] == ["id_title", "id_summary"]


def test_a_profile_with_a_region_that_does_not_exist_links_to_the_regions(client, world):
    client.force_login(world.us)
    targets = _targets(client.post(f"/marketplace/providers/{world.ours.slug}/edit/", {"regions_served": ["nowhere"]}))
    assert targets == ["id_regions_served"]


def test_an_engagement_without_a_start_links_to_the_start_box(client, world):
    offering = world.offering()
    client.force_login(world.lead)
    assert _targets(client.post(f"/marketplace/offerings/{offering.pk}/engagement/", {})) == ["id_started_on"]


def test_an_engagement_refused_by_the_rules_links_to_the_box_it_is_about(client, world):
    offering = world.offering()
    client.force_login(world.lead)
    too_late = (clock.today() + datetime.timedelta(days=400)).isoformat()
    targets = _targets(client.post(f"/marketplace/offerings/{offering.pk}/engagement/", {"started_on": too_late}))
    assert targets == ["id_started_on"]


def test_an_empty_rating_links_to_each_score(client, world, engaged):
    offering, engagement = engaged
    client.force_login(world.lead)
    targets = _targets(client.post(f"/marketplace/offerings/{offering.pk}/rate/", {"engagement": engagement.pk}))
    assert targets == ["id_quality", "id_responsiveness", "id_value_for_money", "id_relationship"]


def test_a_second_rating_in_a_quarter_links_the_refusal_to_the_first_box_of_the_form(client, world, engaged):
    offering, engagement = engaged
    rate(world, engagement, today=clock.today())
    client.force_login(world.lead)
    scores = {"quality": 4, "responsiveness": 4, "value_for_money": 4, "relationship": 4}
    response = client.post(f"/marketplace/offerings/{offering.pk}/rate/", {"engagement": engagement.pk, **scores})
    assert _targets(response) == ["id_engagement"]


def test_asking_for_recommendations_without_a_service_line_links_to_the_service_lines(client, world):
    client.force_login(world.lead)
    targets = _targets(client.get("/marketplace/recommend/", {"submitted": "1"}))
    assert targets == ["id_service_lines"]
