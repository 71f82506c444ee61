"""Writing a requirement: weights that total 100, partners who join only when invited and before publication, and
publication."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from exchange.core import clock
from exchange.core.exceptions import ApplicationError
from exchange.marketplace.procurement.models import Requirement
from exchange.marketplace.procurement.services import requirements
from exchange.marketplace.procurement.tests.factories import RequirementFactory, on_the_hour
from exchange.marketplace.procurement.tests.procurement_flow import (
    DRAFTED,
)

pytestmark = pytest.mark.django_db


def test_publication_needs_weights_totalling_100(world):
    requirement = RequirementFactory(
        lead=world.blackpool, owner=world.lead, title="Short of weight", pricing_model="fixed_annual", criteria=[]
    )
    requirements.criterion_add(actor=world.lead, requirement=requirement, title="Approach", weight=60)
    with pytest.raises(ApplicationError, match="The weights total 90; they must total 100."):
        requirements.requirement_publish(actor=world.lead, requirement=requirement, now=DRAFTED)


def test_a_commissioner_joins_only_when_invited_and_only_through_its_own_buyers(world):
    requirement = RequirementFactory(lead=world.blackpool, owner=world.lead, title="BI")
    with pytest.raises(ApplicationError, match=requirements.NOT_INVITED):
        requirements.requirement_partner_join(
            actor=world.london_lead, requirement=requirement, commissioner=world.camden
        )
    requirements.requirement_partner_invite(actor=world.lead, requirement=requirement, commissioner=world.camden)
    with pytest.raises(ApplicationError, match=requirements.NOT_ITS_BUYER):
        requirements.requirement_partner_join(actor=world.lead, requirement=requirement, commissioner=world.camden)
    requirements.requirement_partner_join(actor=world.london_lead, requirement=requirement, commissioner=world.camden)
    assert requirement.partners.count() == 2


def test_partners_join_only_before_publication_and_only_by_their_own_buyers(world, joint):
    requirement, *_ = joint
    assert [p.commissioner for p in requirement.partners.all()] == [world.blackpool, world.camden]
    assert set(requirement.regions.all()) == {world.north, world.london}
    with pytest.raises(ApplicationError, match="published"):
        requirements.requirement_partner_join(
            actor=world.london_lead, requirement=requirement, commissioner=world.camden
        )


def test_publication_emails_every_eligible_providers_representatives(world, django_capture_on_commit_callbacks):
    world.offering(regions=[world.north])
    requirement = RequirementFactory(lead=world.blackpool, owner=world.lead, title="BI", criteria=[("Approach", 70)])
    with django_capture_on_commit_callbacks(execute=True):
        requirements.requirement_publish(actor=world.lead, requirement=requirement, now=DRAFTED)
    assert [message.to for message in mail.outbox] == [[world.us.email]]
    assert "Business intelligence" not in mail.outbox[0].subject and "BI" in mail.outbox[0].subject


@pytest.mark.parametrize(
    "off_the_hour",
    [datetime.timedelta(minutes=59), datetime.timedelta(seconds=1), datetime.timedelta(microseconds=1)],
    ids=["a minute short of the hour", "a second past", "a microsecond past"],
)
@pytest.mark.parametrize("deadline", ["clarification_deadline", "bid_deadline"])
def test_a_deadline_off_the_hour_is_refused_and_nothing_is_written(world, deadline, off_the_hour):
    questions_close = on_the_hour(clock.now() + datetime.timedelta(days=3))
    deadlines = {
        "clarification_deadline": questions_close,
        "bid_deadline": questions_close + datetime.timedelta(days=4),
    }
    deadlines[deadline] += off_the_hour
    with pytest.raises(ApplicationError, match=requirements.DEADLINE_NOT_ON_THE_HOUR):
        RequirementFactory(lead=world.blackpool, owner=world.lead, **deadlines)
    assert not Requirement.objects.exists()


def test_a_deadline_on_the_hour_in_london_is_accepted_whatever_zone_it_is_given_in(world):
    """3pm in London is 7:30pm in India (UTC+5:30): on the hour where the rule is kept, whatever the offset says."""
    london = on_the_hour(clock.now() + datetime.timedelta(days=3)).astimezone(ZoneInfo("Europe/London"))
    india = (london + datetime.timedelta(days=4)).astimezone(ZoneInfo("Asia/Kolkata"))
    assert india.minute == 30
    requirement = RequirementFactory(
        lead=world.blackpool, owner=world.lead, clarification_deadline=london, bid_deadline=india
    )
    assert requirement.bid_deadline == india
    assert requirements.deadline_on_the_hour(requirement.bid_deadline)
