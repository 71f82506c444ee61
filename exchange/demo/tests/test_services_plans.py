"""The demo has a finished review of a plan and one in progress, made through the services."""

import pytest

from exchange.demo.services import demo_load
from exchange.plans.models import Plan, Review
from exchange.plans.selectors.plans import endorsement_share, plan_public_get, plan_timeline

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_finished_review_and_one_in_progress():
    demo_load(marketplace=False)
    finished, in_progress = Review.objects.order_by("opens_at")
    assert finished.decided_at is not None and in_progress.decided_at is None
    assert finished.closes_at < in_progress.opens_at < in_progress.closes_at
    plan = plan_public_get(pk=finished.plan.pk)
    whats = [entry.what for entry in plan_timeline(plan)]
    assert any(what.startswith("Referred version 1 back") for what in whats) and "Assurance: Good" in whats
    assert endorsement_share(plan.reviews.get()) == (3, 5, 2)
    demo_load(marketplace=False)  # twice adds nothing
    assert Plan.objects.count() == 2
