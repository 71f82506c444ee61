import pytest

from exchange.accounts.selectors import members_of, user_by_email, user_by_pk

from .factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_is_found_by_id():
    user = UserFactory()
    assert user_by_pk(pk=user.pk) == user


def test_no_id_or_an_unknown_one_finds_nobody():
    assert user_by_pk(pk=None) is None
    assert user_by_pk(pk=UserFactory().pk + 1) is None


def test_a_person_is_found_by_address_in_any_case():
    user = UserFactory(email="lead@example.nhs.uk")
    assert user_by_email(email="Lead@Example.NHS.uk") == user


def test_an_unknown_address_finds_nobody():
    UserFactory(email="lead@example.nhs.uk")
    assert user_by_email(email="someone@example.nhs.uk") is None


def test_members_of_organisations_are_everyone_in_any_of_them_once_by_name(organisation_a, organisation_b):
    both = UserFactory(full_name="Beth Both")
    MembershipFactory(user=both, organisation=organisation_a)
    MembershipFactory(user=both, organisation=organisation_b)
    alone = MembershipFactory(user=UserFactory(full_name="Ann Alone"), organisation=organisation_b).user
    MembershipFactory(user=UserFactory(full_name="Olly Outside"))
    assert list(members_of(organisations=[organisation_a.pk, organisation_b.pk])) == [alone, both]
