"""The contract a final award leads to: pending until the lead records it signed with its real period, active
while it runs, ended after its last day — and only the lead's buyers record it, once, with dates that hold."""

import datetime

import pytest
from django.utils import timezone

from exchange.audit.models import AuditEvent
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.procurement.services import evaluation
from exchange.marketplace.procurement.tests.ocds_schema import feed_package, latest, package_errors

pytestmark = pytest.mark.django_db


def _after_conclusion(requirement, days=1) -> datetime.datetime:
    return requirement.award.concluded_at + datetime.timedelta(days=days)


def _contract(now):
    """The contract and award in the newest release, once the scheduled job has run at `now`."""
    package = feed_package(now)
    assert package_errors(package) == []
    release = package["releases"][-1]
    return release["contracts"][0], release["awards"][0]


def _sign(world, requirement, now, *, signed=0, starts=0, length=365):
    today = timezone.localdate(now)
    return evaluation.contract_sign(
        actor=world.lead,
        requirement=requirement,
        signed_on=today - datetime.timedelta(days=signed),
        starts_on=today + datetime.timedelta(days=starts),
        ends_on=today + datetime.timedelta(days=starts + length),
        now=now,
    )


def test_a_final_award_leads_to_a_pending_contract_with_no_signature(world, concluded):
    contract, award = _contract(_after_conclusion(concluded))
    assert contract["status"] == "pending" and "dateSigned" not in contract and "period" not in contract
    assert "contractPeriod" not in award


def test_the_recorded_signature_makes_the_contract_active_with_its_real_period_then_ended(world, concluded):
    now = _after_conclusion(concluded)
    award = _sign(world, concluded, now, starts=1, length=364)
    contract, published_award = _contract(now + datetime.timedelta(days=2))
    assert contract["status"] == "active"
    assert contract["dateSigned"].startswith(award.contract_signed_on.isoformat())
    assert contract["period"]["startDate"].startswith(award.contract_starts_on.isoformat())
    assert contract["period"]["endDate"].startswith(award.contract_ends_on.isoformat())
    assert published_award["contractPeriod"] == contract["period"]
    ended, _ = _contract(now + datetime.timedelta(days=400))
    assert ended["status"] == "terminated"
    (event,) = AuditEvent.objects.filter(action="procurement.contract_signed")
    assert event.actor == world.lead and event.details["ends_on"] == award.contract_ends_on.isoformat()


@pytest.mark.parametrize("when", ["in the standstill", "after it, before the award is made final"])
def test_the_contract_cannot_be_recorded_before_the_award_is_final(world, awarded, when):
    award = awarded.award
    now = award.standstill_ends_at + datetime.timedelta(days=-1 if when == "in the standstill" else 1)
    with pytest.raises(ApplicationError) as refused:
        _sign(world, awarded, now)
    assert refused.value.message == evaluation.CANNOT_RECORD_CONTRACT


def test_only_the_leads_buyers_record_the_contract(world, concluded):
    now = _after_conclusion(concluded)
    today = timezone.localdate(now)
    for person in (world.london_lead, world.us, world.staff):
        with pytest.raises(ApplicationError) as refused:
            evaluation.contract_sign(
                actor=person, requirement=concluded, signed_on=today, starts_on=today, ends_on=today, now=now
            )
        assert refused.value.message == evaluation.CANNOT_RECORD_CONTRACT


@pytest.mark.parametrize(
    "dates, message",
    [
        ({"signed": -1}, "SIGNED_IN_FUTURE"),
        ({"length": -1}, "PERIOD_OUT_OF_ORDER"),
        ({"starts": -400}, "STARTS_BEFORE_AWARD"),
    ],
)
def test_dates_that_cannot_be_true_are_refused_and_nothing_is_saved(world, concluded, dates, message):
    with pytest.raises(ApplicationError) as refused:
        _sign(world, concluded, _after_conclusion(concluded), **dates)
    assert refused.value.message == getattr(evaluation, message)
    concluded.award.refresh_from_db()
    assert concluded.award.contract_signed_on is None


def test_the_contract_is_recorded_once(world, concluded):
    now = _after_conclusion(concluded)
    _sign(world, concluded, now)
    with pytest.raises(ApplicationError) as refused:
        _sign(world, concluded, now + datetime.timedelta(days=1))
    assert refused.value.message == evaluation.CANNOT_RECORD_CONTRACT


def test_each_stage_carries_the_uk_notice_it_corresponds_to(world, concluded):
    now = _after_conclusion(concluded)
    _sign(world, concluded, now)
    package = feed_package(now)
    assert package_errors(package) == []
    release = latest(package, concluded.ocid)
    notices = [
        (document["title"], document["documentType"])
        for part in (release["tender"], release["awards"][0], release["contracts"][0])
        for document in part["documents"]
    ]
    assert notices == [
        ("UK4 tender notice", "tenderNotice"),
        ("UK6 contract award notice", "awardNotice"),
        ("UK7 contract details notice", "contractNotice"),
    ]
