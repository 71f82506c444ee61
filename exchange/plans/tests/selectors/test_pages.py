"""The pages' reads refuse whoever has no part: a plan for its commissioner's leads only, a review for them and its
reviewers' leads only; the priorities offered are those of the boards overlapping the commissioner."""

from exchange.plans.selectors.pages import plan_for_commissioner, priorities_for, review_for


def test_a_plan_is_read_by_its_commissioners_leads_only(system, plan):
    assert plan_for_commissioner(user=system.lead, pk=plan.pk) == plan
    for person in (system.board_lead, system.blackpool_buyer, system.elsewhere_lead, system.staff):
        assert plan_for_commissioner(user=person, pk=plan.pk) is None


def test_a_review_is_read_by_the_commissioner_and_its_reviewers_only(system, review):
    for person in (system.lead, system.board_lead, system.senate_lead, system.practice_leads[4], system.area_team_lead):
        assert review_for(user=person, pk=review.pk) == review
    for person in (system.other_board_lead, system.elsewhere_lead, system.blackpool_buyer, system.staff):
        assert review_for(user=person, pk=review.pk) is None


def test_the_priorities_offered_are_the_overlapping_boards_own(system):
    assert set(priorities_for(commissioner=system.blackpool)) == set(system.priorities)
    assert list(priorities_for(commissioner=system.elsewhere)) == [system.other_priority]
