"""Recommended: offerings serving the commissioner's region, ranked by a score explained part by part."""

from decimal import Decimal

import pytest

from exchange.marketplace.catalogue.models import ServiceLine
from exchange.marketplace.catalogue.selectors.recommend import recommended_offerings

pytestmark = pytest.mark.django_db


def test_the_recommended_shortlist_only_holds_offerings_serving_the_commissioners_region(world):
    for n in range(4):
        world.offering(title=f"North {n}", regions=[world.north], price=Decimal("0.30") + n)
        world.offering(world.theirs, title=f"London {n}", regions=[world.london], price=Decimal("0.10"))
    lines = list(ServiceLine.objects.filter(code="business-intelligence"))
    picks = recommended_offerings(commissioner=world.blackpool, population=172_000, service_lines=lines)
    assert [pick.offering.title for pick in picks] == ["North 0", "North 1", "North 2", "North 3"]
    london = recommended_offerings(commissioner=world.camden, population=250_000, service_lines=lines)
    assert {pick.offering.title for pick in london} == {f"London {n}" for n in range(4)}


def test_each_place_is_explained_and_the_parts_add_up_to_the_score(world):
    both = world.offering(title="Both lines", lines=("business-intelligence", "communications"), price=Decimal("0.50"))
    one = world.offering(title="One line", price=Decimal("0.25"))
    lines = list(ServiceLine.objects.filter(code__in=["business-intelligence", "communications"]))
    picks = recommended_offerings(commissioner=world.blackpool, population=172_000, service_lines=lines)
    assert [pick.offering for pick in picks] == [both, one]
    first, second = picks
    # Both lines: 40 coverage + 15 (unrated, as 3 of 5) + 30 × 43,000 / 86,000 = 70.0
    assert (first.coverage, first.rating_part, first.cost_part, first.score) == (40, 15, 15, 70.0)
    # One line: 20 coverage + 15 + 30 (the cheapest) = 65.0
    assert (second.coverage, second.cost_part, second.score) == (20, 30, 65.0)
    assert first.reasons[0] == "Serves North of England, your region."
    assert "Covers 2 of the 2 service lines you chose" in first.reasons[1]
    assert "Not yet rated" in first.reasons[2]
    assert "£86,000 a year" in first.reasons[3] and "£43,000" in first.reasons[3]
