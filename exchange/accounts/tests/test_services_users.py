import pytest
from django.core.exceptions import ValidationError

from exchange.accounts.services import user_create

pytestmark = pytest.mark.django_db


def test_a_person_is_created_with_a_lower_case_address_and_a_trimmed_name():
    user = user_create(email="Nia.Lead@Example.NHS.uk", full_name="  Nia Lead ", password="a-long-enough-passphrase")
    assert (user.email, user.full_name) == ("nia.lead@example.nhs.uk", "Nia Lead")
    assert user.check_password("a-long-enough-passphrase")


def test_a_person_created_without_a_password_cannot_sign_in_with_one():
    assert not user_create(email="lead@example.nhs.uk", full_name="Lead").has_usable_password()


def test_a_weak_password_is_refused():
    with pytest.raises(ValidationError):
        user_create(email="lead@example.nhs.uk", full_name="Lead", password="password")


def test_an_address_taken_in_another_case_is_refused():
    user_create(email="lead@example.nhs.uk", full_name="Lead")
    with pytest.raises(ValidationError):
        user_create(email="LEAD@example.nhs.uk", full_name="Lead again")
