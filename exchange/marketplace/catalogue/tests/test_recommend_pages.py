from decimal import Decimal

import pytest

pytestmark = pytest.mark.django_db


def test_at_most_five_are_recommended_and_the_page_saves_them_as_a_shortlist(client, world):
    for n in range(7):
        world.offering(title=f"Offer {n}", price=Decimal("0.30") + n)
    client.force_login(world.lead)
    page = client.get("/marketplace/recommend/", {"service_lines": "business-intelligence", "submitted": "1"})
    assert len(page.context["recommendations"]) == 5
    assert "Why it is number 1" in page.content.decode()
    picks = page.context["recommendations"]
    saved = client.post(
        "/marketplace/shortlists/new/",
        {
            "name": "Recommended",
            "offering": [pick.offering.pk for pick in picks],
            "reason": [f"Number {i}" for i in range(5)],
            "rule": "Score = ...",
        },
    )
    detail = client.get(saved["Location"])
    assert [entry.reason for entry in detail.context["entries"]] == [f"Number {i}" for i in range(5)]
