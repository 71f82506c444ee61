"""One account, one spelling of its address. Django's EmailField accepts letters of any alphabet, and PostgreSQL's
case-insensitive match (UPPER of both sides) takes the long s 'ſ' for 'S' and the dotless i 'ı' for 'I', while the
lock-out and the rate limits key on the lower-cased address: each look-alike spelling found the account with fresh
allowances. Now accounts are looked up by an exact match on the normalised address, and our forms refuse an
address that is not ASCII. Shown on both databases."""

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from exchange.accounts.forms import EMAIL_NOT_ASCII, PasswordResetRequestForm, SignInForm
from exchange.accounts.models import User
from exchange.accounts.selectors.users import user_by_email
from exchange.accounts.services.authentication import password_reset_request

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:sign-in")
LOOK_ALIKES = ["ſis@nhs.net", "sıs@nhs.net", "sis@nhſ.net", "ſıſ@nhſ.net", "SıS@NHS.NET"]


@pytest.fixture
def sis():
    return UserFactory(email="sis@nhs.net")


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_a_look_alike_spelling_finds_no_account_and_the_right_password_does_not_sign_in(sis, spelling):
    assert user_by_email(email=spelling) is None
    assert authenticate(RequestFactory().post(SIGN_IN), username=spelling, password=PASSWORD) is None
    assert User.objects.get_by_natural_key("  SIS@nhs.net ") == sis


@pytest.mark.parametrize("spelling", LOOK_ALIKES)
def test_the_sign_in_and_reset_forms_refuse_an_address_that_is_not_ascii_with_a_clear_message(spelling):
    for form in (SignInForm({"email": spelling, "password": "x"}), PasswordResetRequestForm({"email": spelling})):
        assert form.errors["email"] == [EMAIL_NOT_ASCII]


def test_look_alike_spellings_get_no_guesses_past_the_accounts_lock(sis):
    """The reviewer's attack: five guesses per spelling, each from a fresh address. The canonical spelling locks at
    its fifth; no other spelling reaches the account."""
    guesses = 0
    for spelling in ["sis@nhs.net", *LOOK_ALIKES]:
        for _ in range(5):
            Client().post(
                SIGN_IN, {"email": spelling, "password": f"wrong{guesses}"}, REMOTE_ADDR=f"203.0.113.{guesses}"
            )
            guesses += 1
    for spelling in LOOK_ALIKES:
        response = Client().post(SIGN_IN, {"email": spelling, "password": PASSWORD}, REMOTE_ADDR="198.51.100.3")
        assert response.status_code == 400 and EMAIL_NOT_ASCII in response.content.decode()
    assert Client().post(SIGN_IN, {"email": "sis@nhs.net", "password": PASSWORD}).status_code == 429


def test_a_reset_asked_for_a_look_alike_spelling_sends_nothing(sis, django_capture_on_commit_callbacks):
    for spelling in LOOK_ALIKES:
        with django_capture_on_commit_callbacks(execute=True):
            password_reset_request(email=spelling)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        password_reset_request(email=" SIS@nhs.net")
    assert [message.to for message in mail.outbox] == [["sis@nhs.net"]]


def test_an_address_saved_through_a_form_of_the_model_is_stored_lower_case(sis):
    """The admin's user forms clean the model; what they save is found by the exact lookups."""
    user = User(email="Ada@Example.NHS.uk", full_name="Ada")
    user.set_unusable_password()
    user.full_clean()
    user.save()
    assert user_by_email(email="ada@example.nhs.uk") == user
    sis.email = "Sis@NHS.net"
    sis.full_clean()
    assert sis.email == "sis@nhs.net"
