import pytest

from exchange.accounts.models import Role

from .factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def organisation_a():
    return OrganisationFactory(name="NHS Alpha", slug="nhs-alpha")


@pytest.fixture
def organisation_b():
    return OrganisationFactory(name="NHS Beta", slug="nhs-beta")


@pytest.fixture
def admin_a(organisation_a):
    return MembershipFactory(organisation=organisation_a, roles=[Role.ORGANISATION_ADMIN, Role.CLINICAL_LEAD]).user


@pytest.fixture
def member_a(organisation_a):
    return MembershipFactory(organisation=organisation_a, roles=[Role.FINANCE_LEAD]).user


@pytest.fixture
def admin_b(organisation_b):
    return MembershipFactory(organisation=organisation_b, roles=[Role.ORGANISATION_ADMIN]).user


@pytest.fixture
def member_b(organisation_b):
    return MembershipFactory(organisation=organisation_b, roles=[Role.BUYER]).user
