"""The commissioner's plan: only its own leads draft, revise and open its review; every version stays readable;
a review goes only to the organisations that cover its area, each with the power of its kind."""

import datetime

import pytest
from django.conf import settings

from exchange.core.exceptions import ApplicationError
from exchange.plans import services
from exchange.plans.models import Plan, PlanVersion, Review
from exchange.plans.permissions import NOT_COMMISSIONER
from exchange.plans.services import plans as plan_services
from exchange.plans.tests.conftest import NOW, SECTIONS


def _create(system, actor, **changes):
    fields = {
        "commissioner": system.blackpool,
        "title": "Operating plan",
        "period_start": (NOW + datetime.timedelta(days=100)).date(),
        "period_end": (NOW + datetime.timedelta(days=465)).date(),
        "sections": SECTIONS,
        "priorities": [],
    } | changes
    return services.plan_create(actor=actor, **fields)


@pytest.mark.parametrize(
    "person", ["blackpool_buyer", "board_lead", "senate_lead", "area_team_lead", "elsewhere_lead", "staff"]
)
def test_only_the_commissioners_own_leads_draft_its_plan(system, person):
    with pytest.raises(ApplicationError) as refused:
        _create(system, getattr(system, person))
    assert refused.value.message == NOT_COMMISSIONER and not Plan.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"title": " "}, plan_services.NO_TITLE),
        ({"sections": []}, plan_services.NO_SECTIONS),
        ({"sections": [{"heading": "Only a heading", "text": ""}]}, plan_services.SECTION_INCOMPLETE),
        ({"period_end": (NOW + datetime.timedelta(days=50)).date()}, plan_services.PERIOD_OUT_OF_ORDER),
    ],
)
def test_a_plan_that_is_not_whole_is_refused_and_nothing_is_saved(system, changes, message):
    with pytest.raises(ApplicationError) as refused:
        _create(system, system.lead, **changes)
    assert refused.value.message == message
    assert not Plan.objects.exists() and not PlanVersion.objects.exists()


def test_priorities_come_only_from_the_strategies_of_the_boards_that_overlap_the_area(system):
    with pytest.raises(ApplicationError) as refused:
        _create(system, system.lead, priorities=[system.other_priority])
    assert refused.value.message == plan_services.PRIORITY_NOT_OURS and not Plan.objects.exists()
    plan = _create(system, system.lead, priorities=system.priorities)
    assert set(plan.versions.get().priorities.all()) == set(system.priorities)


def test_every_version_stays_readable_as_it_was(system, review):
    first = review.plan.versions.get()
    services.plan_revise(
        actor=system.lead,
        plan=review.plan,
        sections=[{"heading": "Alcohol", "text": "A new alcohol liaison service."}],
        note="Added alcohol, as the board asked.",
        now=NOW + datetime.timedelta(hours=1),
    )
    first.refresh_from_db()
    assert first.sections == SECTIONS
    assert [v.number for v in review.plan.versions.order_by("number")] == [1, 2]
    with pytest.raises(ApplicationError) as refused:
        services.plan_revise(actor=system.lead, plan=review.plan, sections=SECTIONS, note=" ")
    assert refused.value.message == plan_services.NO_NOTE


def test_a_review_goes_to_each_organisation_with_the_power_of_its_kind(system, review):
    powers = {reviewer.organisation.name: reviewer.power for reviewer in review.reviewers.all()}
    assert powers[system.board.name] == "opine" and powers[system.senate.name] == "advise"
    assert powers[system.area_team.name] == "assure"
    assert [powers[practice.name] for practice in system.practices] == ["endorse"] * 5
    review.plan.refresh_from_db()
    assert review.plan.status == "in_review"


@pytest.mark.parametrize("outsider", ["other_board", "elsewhere"])
def test_a_review_cannot_go_to_an_organisation_that_does_not_cover_the_area(system, plan, outsider):
    organisation = getattr(system, outsider)
    with pytest.raises(ApplicationError) as refused:
        services.review_open(
            actor=system.lead,
            plan=plan,
            closes_at=NOW + datetime.timedelta(days=28),
            reviewers=[system.board, organisation],
            now=NOW,
        )
    assert refused.value.message == plan_services.NOT_ELIGIBLE.format(name=organisation.name)
    assert not Review.objects.exists()


def test_a_review_needs_every_required_reviewer_a_long_enough_window_and_is_opened_once(system, plan):
    def open_(reviewers, closes_at, actor=system.lead):
        return services.review_open(actor=actor, plan=plan, closes_at=closes_at, reviewers=reviewers, now=NOW)

    later = NOW + datetime.timedelta(days=28)
    everyone = [system.board, *system.practices, system.area_team]  # the senate is the commissioner's choice
    too_soon = NOW + datetime.timedelta(days=settings.PLANS_REVIEW_MIN_DAYS) - datetime.timedelta(seconds=1)
    for reviewers, closes_at, message in [
        ([], later, plan_services.NO_REVIEWERS),
        (everyone, NOW, "Give the reviewers at least"),
        (everyone, too_soon, "Give the reviewers at least"),
        ([system.senate, *system.practices, system.area_team], later, f"must also go to {system.board.name}"),
        ([system.board, *system.practices[1:], system.area_team], later, system.practices[0].name),
        ([system.board, *system.practices], later, system.area_team.name),
    ]:
        with pytest.raises(ApplicationError) as refused:
            open_(reviewers, closes_at)
        assert message in refused.value.message
    assert not Review.objects.exists()
    with pytest.raises(ApplicationError) as refused:
        open_(everyone, later, actor=system.board_lead)
    assert refused.value.message == NOT_COMMISSIONER
    open_(everyone, NOW + datetime.timedelta(days=settings.PLANS_REVIEW_MIN_DAYS))
    with pytest.raises(ApplicationError) as refused:
        open_(everyone, later)
    assert refused.value.message == plan_services.IN_REVIEW
    assert Review.objects.count() == 1


def test_a_version_written_after_the_window_reopens_it_so_it_is_never_decided_over_the_reviewers_heads(system, review):
    from exchange.plans.tests.conftest import reviewer_of

    late = review.closes_at + datetime.timedelta(days=2)
    services.plan_revise(actor=system.lead, plan=review.plan, sections=SECTIONS, note="After the window.", now=late)
    review.refresh_from_db()
    assert review.closes_at == late + datetime.timedelta(days=settings.PLANS_REVIEW_MIN_DAYS)
    with pytest.raises(ApplicationError, match="some reviewers have not yet given their view"):
        services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=late)
    board = reviewer_of(review, system.board)
    referral = services.referral_make(
        actor=system.board_lead, reviewer=board, priorities=system.priorities[1:], reasons="Still no alcohol.", now=late
    )
    assert referral.version.number == 2
