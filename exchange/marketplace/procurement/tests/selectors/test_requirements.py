"""Which requirements each person may open, the partners' shares of the cost and the published answers."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.core import clock
from exchange.marketplace.procurement.selectors.requirements import (
    published_answers,
    requirement_get,
    requirement_list,
    requirement_shares,
)
from exchange.marketplace.procurement.services import requirements
from exchange.marketplace.procurement.tests.factories import ClarificationQuestionFactory, RequirementFactory
from exchange.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SEES_THE_DRAFT = {
    "lead": True,
    "partner_buyer": True,
    "partner_analyst": True,
    "invited_buyer": True,
    "invited_analyst": False,
    "other_buyer": False,
    "provider": False,
    "staff": True,
    "anonymous": False,
}
SEES_IT_PUBLISHED = SEES_THE_DRAFT | {"invited_buyer": False, "provider": True}


@pytest.fixture
def people(world):
    """Blackpool's draft, which Camden has joined and NHS Elsewhere is invited to join; and who is who."""
    elsewhere = OrganisationFactory(name="NHS Elsewhere")
    requirement = RequirementFactory(
        lead=world.blackpool, owner=world.lead, partners=[(world.camden, world.london_lead)]
    )
    requirements.requirement_partner_invite(actor=world.lead, requirement=requirement, commissioner=elsewhere)
    world.offering()

    def member(organisation, role):
        return MembershipFactory(organisation=organisation, roles=[role]).user

    return requirement, {
        "lead": world.lead,
        "partner_buyer": world.london_lead,
        "partner_analyst": member(world.camden, Role.ANALYST),
        "invited_buyer": member(elsewhere, Role.BUYER),
        "invited_analyst": member(elsewhere, Role.ANALYST),
        "other_buyer": member(OrganisationFactory(name="NHS Unrelated"), Role.BUYER),
        "provider": world.us,
        "staff": world.staff,
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("who", list(SEES_THE_DRAFT))
def test_a_draft_is_listed_and_opened_only_by_its_partners_people_invited_buyers_and_staff(people, who):
    requirement, persons = people
    person = persons[who]
    assert (requirement in requirement_list(user=person)) is SEES_THE_DRAFT[who]
    assert (requirement_get(user=person, pk=requirement.pk) == requirement) is SEES_THE_DRAFT[who]


@pytest.mark.parametrize("who", list(SEES_IT_PUBLISHED))
def test_once_published_providers_see_it_too_and_a_commissioner_that_never_joined_does_not(people, who):
    requirement, persons = people
    requirements.requirement_publish(actor=persons["lead"], requirement=requirement)
    person = persons[who]
    assert (requirement in requirement_list(user=person)) is SEES_IT_PUBLISHED[who]
    assert (requirement_get(user=person, pk=requirement.pk) == requirement) is SEES_IT_PUBLISHED[who]


def test_each_partner_pays_its_share_of_the_combined_population_the_lead_first(world, joint):
    requirement, *_ = joint
    shares = [(partner.commissioner, share) for partner, share in requirement_shares(requirement)]
    assert shares == [(world.blackpool, Decimal("0.4076")), (world.camden, Decimal("0.5924"))]


def test_only_answered_questions_are_published_and_who_asked_is_not_read(world, joint):
    requirement, *_ = joint
    answered = ClarificationQuestionFactory(
        requirement=requirement,
        provider=world.ours,
        asked_by=world.us,
        answer="Monthly",
        answered_at=clock.now(),
        answered_by=world.lead,
    )
    ClarificationQuestionFactory(requirement=requirement, provider=world.theirs, asked_by=world.them)
    published = list(published_answers(requirement))
    assert published == [answered]
    assert {"provider_id", "asked_by_id"} <= published[0].get_deferred_fields()
