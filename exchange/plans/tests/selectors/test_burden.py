"""The burden view's figures equal an independent computation over generated reviews: the generator keeps its own
account of what it made, and the selector reads only the database."""

import datetime
import random
import statistics

import pytest

from exchange.accounts.tests.factories import UserFactory
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory
from exchange.plans.models import (
    Advice,
    AdviceResponse,
    Endorsement,
    Plan,
    PlanVersion,
    Referral,
    Review,
    Reviewer,
)
from exchange.plans.selectors.burden import burden_rows, burden_summary

pytestmark = pytest.mark.django_db
NOW = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)


def _generate(seed: int):
    """Plans of 6 commissioners in two regions, each with 0–2 reviews, random referrals, advice and endorsements.
    Returns the generator's own account: per region, the figures it expects."""
    rng = random.Random(seed)
    person = UserFactory()
    regions = [RegionFactory(name="North of England"), RegionFactory(name="London")]
    board = OrganisationFactory(kind=OrganisationKind.HEALTH_AND_WELLBEING_BOARD)
    senate = OrganisationFactory(kind=OrganisationKind.CLINICAL_SENATE)
    practices = [
        OrganisationFactory(kind=OrganisationKind.GP_PRACTICE, member_of=OrganisationFactory()) for _ in range(4)
    ]
    expected = {
        region.pk: {"plans": 0, "reviews": 0, "referrals": [], "days": [], "advice": [], "endorse": []}
        for region in regions
    }
    for n in range(6):
        region = regions[n % 2]
        commissioner = OrganisationFactory(region=region)
        plan = Plan.objects.create(
            commissioner=commissioner,
            title=f"Plan {n}",
            status="decided",
            period_start=NOW.date(),
            period_end=NOW.date() + datetime.timedelta(days=365),
            created_by=person,
        )
        account = expected[region.pk]
        account["plans"] += 1
        versions = [PlanVersion.objects.create(plan=plan, number=1, sections=[], created_by=person)]
        for r in range(rng.randint(0, 2)):
            opened = NOW - datetime.timedelta(days=100 - 30 * r)
            review = Review.objects.create(
                plan=plan,
                version=versions[-1],
                opens_at=opened,
                closes_at=opened + datetime.timedelta(days=28),
                opened_by=person,
            )
            account["reviews"] += 1
            board_reviewer = Reviewer.objects.create(review=review, organisation=board, power="opine")
            senate_reviewer = Reviewer.objects.create(review=review, organisation=senate, power="advise")
            for _ in range(rng.randint(0, 2)):
                version = PlanVersion.objects.create(
                    plan=plan, number=len(versions) + 1, sections=[], created_by=person
                )
                answer = rng.choice(["", "new_version", "confirmed"])
                Referral.objects.create(
                    reviewer=board_reviewer, version=versions[-1], reasons="r", made_by=person, answer=answer
                )
                versions.append(version)
                account["referrals"].append(answer)
            for _ in range(rng.randint(0, 3)):
                advice = Advice.objects.create(
                    reviewer=senate_reviewer, version=versions[-1], text="a", given_by=person
                )
                outcome = rng.choice([None, "accepted", "partly_accepted", "not_accepted"])
                if outcome:
                    AdviceResponse.objects.create(advice=advice, outcome=outcome, reasons="x", responded_by=person)
                account["advice"].append(outcome)
            for practice in rng.sample(practices, rng.randint(1, 4)):
                reviewer = Reviewer.objects.create(review=review, organisation=practice, power="endorse")
                last = None
                for version in versions[: rng.randint(0, len(versions))]:
                    last = rng.random() < 0.6
                    Endorsement.objects.create(reviewer=reviewer, version=version, endorses=last, given_by=person)
                account["endorse"].append(bool(last))
            if rng.random() < 0.7:
                days = rng.randint(10, 60)
                review.decided_at = opened + datetime.timedelta(days=days)
                review.save()
                account["days"].append(float(days))
    return regions, expected


def _expected_summary(accounts):
    plans = sum(a["plans"] for a in accounts)
    reviews = sum(a["reviews"] for a in accounts)
    referrals = [answer for a in accounts for answer in a["referrals"]]
    days = [day for a in accounts for day in a["days"]]
    responded = [o for a in accounts for o in a["advice"] if o]
    endorse = [e for a in accounts for e in a["endorse"]]
    return {
        "plans": plans,
        "reviews": reviews,
        "referrals": len(referrals),
        "referrals_new_version": referrals.count("new_version"),
        "referrals_confirmed": referrals.count("confirmed"),
        "referrals_unanswered": referrals.count(""),
        "reviews_per_plan": reviews / plans,
        "referrals_per_plan": len(referrals) / plans,
        "median_days_to_decision": statistics.median(days) if days else None,
        "advice_responded": len(responded),
        "advice_accepted_share": responded.count("accepted") / len(responded) if responded else None,
        "advice_partly_accepted_share": responded.count("partly_accepted") / len(responded) if responded else None,
        "endorsement_share": sum(endorse) / len(endorse) if endorse else None,
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_burden_figures_equal_an_independent_count_nationally_and_by_region(seed):
    regions, expected = _generate(seed)
    national = burden_summary(burden_rows())
    assert vars(national) == pytest.approx(_expected_summary(list(expected.values())))
    for region in regions:
        figures = burden_summary(burden_rows(region_id=region.pk))
        assert vars(figures) == pytest.approx(_expected_summary([expected[region.pk]]))


def test_the_burden_rows_cost_the_same_queries_whatever_the_number_of_plans(django_assert_max_num_queries):
    _generate(4)
    with django_assert_max_num_queries(8):
        rows = burden_rows()
    assert len(rows) == 6


def test_plans_not_yet_decided_are_not_counted():
    _generate(5)
    Plan.objects.filter(title="Plan 0").update(status="in_review")
    assert "Plan 0" not in [row.title for row in burden_rows()] and len(burden_rows()) == 5
