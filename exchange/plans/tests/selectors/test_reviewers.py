"""Who may review a commissioner's plan, from the registry."""

from exchange.plans.selectors.reviewers import eligible_reviewers


def test_the_reviewers_of_a_plan_are_the_overlapping_boards_the_senate_the_practices_and_the_area_team(system):
    names = [organisation.name for organisation in eligible_reviewers(commissioner=system.blackpool)]
    assert names == [
        "Blackpool Health and Wellbeing Board",
        "Greater Manchester, Lancashire and South Cumbria Clinical Senate",
        *[f"Practice {n}" for n in range(1, 6)],
        "NHS England Lancashire",
    ]
    assert "Camden Health and Wellbeing Board" not in names
