import re

import pytest
from django.core import mail
from django.urls import reverse

from exchange.audit.actions import AuditAction
from exchange.audit.models import AuditEvent

from .factories import UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-much-longer-new-passphrase"


def test_a_reset_link_is_emailed_and_sets_a_new_password(client, transactional_db):  # e-mail is queued on commit
    user = UserFactory(email="lead@example.nhs.uk")
    response = client.post(reverse("accounts:password-reset"), {"email": "lead@example.nhs.uk"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lead@example.nhs.uk"]
    link = re.search(r"http://127.0.0.1:8000(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert "Set a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_RESET_DONE, actor=user).exists()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.nhs.uk"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []
    assert AuditEvent.objects.get(action=AuditAction.PASSWORD_RESET_REQUESTED).details == {"account_exists": False}


def test_a_used_or_forged_link_is_refused(client):
    UserFactory(email="lead@example.nhs.uk")
    response = client.get("/accounts/password-reset/MQ/forged-token/")
    assert "This link has expired" in response.content.decode()
