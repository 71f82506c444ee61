"""The admin has no sign-in page of its own: /admin/login/ sends everyone to the service's sign-in page, whose
limits, lock-out and audit of failures would otherwise be bypassed by posting passwords to the admin's."""

import pytest
from django.test import Client
from django.urls import reverse

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent
from exchange.core.models import RateCount

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
SIGN_IN = reverse("accounts:sign-in")


def test_a_password_posted_to_the_admin_login_is_not_checked_and_the_poster_is_sent_to_the_sign_in_page():
    UserFactory(email="victim@demo.example", is_staff=True)
    client = Client()
    for guess in range(10):
        response = client.post("/admin/login/", {"username": "victim@demo.example", "password": f"guess{guess}"})
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
    right = client.post("/admin/login/?next=/admin/", {"username": "victim@demo.example", "password": PASSWORD})
    assert right.status_code == 302 and right["Location"] == f"{SIGN_IN}?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_guesses_through_the_admin_login_cannot_escape_the_lock_out():
    """The reviewer's attack: guesses at the admin login between the attacker's own good sign-ins. None is checked,
    and the guesses that are checked (at the sign-in page) lock the account at the fifth."""
    UserFactory(email="victim@demo.example")
    UserFactory(email="attacker@demo.example")
    for round_ in range(3):
        for guess in range(4):
            Client().post("/admin/login/", {"username": "victim@demo.example", "password": f"g{round_}{guess}"})
        assert Client().post(SIGN_IN, {"email": "attacker@demo.example", "password": PASSWORD}).status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).exists()
    guess = {"email": "victim@demo.example", "password": "x"}
    codes = [Client().post(SIGN_IN, guess).status_code for _ in range(5)]
    assert codes == [400, 400, 400, 400, 429]
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED, actor_label="victim@demo.example").count() == 5
    assert RateCount.objects.filter(scope="sign-in.address").exists()


def test_staff_who_sign_in_from_the_admin_come_back_to_the_admin_page_they_asked_for():
    UserFactory(email="staff@demo.example", is_staff=True)
    client = Client()
    to_sign_in = client.get("/admin/marketplace/offering/", follow=True)
    assert to_sign_in.redirect_chain[-1][0] == f"{SIGN_IN}?next=%2Fadmin%2Fmarketplace%2Foffering%2F"
    signed_in = client.post(
        SIGN_IN, {"email": "staff@demo.example", "password": PASSWORD, "next": "/admin/marketplace/offering/"}
    )
    assert signed_in["Location"] == "/admin/marketplace/offering/"
    assert client.get("/admin/marketplace/offering/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"
    assert client.get("/admin/login/?next=https://evil.example/")["Location"] == "/"


def test_a_signed_in_member_who_is_not_staff_is_sent_to_sign_in_not_into_the_admin():
    client = Client()
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(SIGN_IN)
    assert "_auth_user_id" in client.session
