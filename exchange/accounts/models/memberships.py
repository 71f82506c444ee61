from django.conf import settings
from django.db import models

from exchange.core.models import BaseModel


class Role(models.TextChoices):
    CLINICAL_LEAD = "clinical_lead", "Clinical lead"
    MANAGERIAL_LEAD = "managerial_lead", "Managerial lead"
    FINANCE_LEAD = "finance_lead", "Finance lead"
    BUYER = "buyer", "Buyer"
    EVALUATOR = "evaluator", "Evaluator"
    PROVIDER_REPRESENTATIVE = "provider_representative", "Provider representative"
    ANALYST = "analyst", "Analyst"
    ORGANISATION_ADMIN = "organisation_admin", "Organisation admin"


class Membership(BaseModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_per_user")]

    def __str__(self) -> str:
        return f"{self.user} at {self.organisation}"

    @property
    def role_codes(self) -> list[str]:
        return sorted(role.role for role in self.roles.all())

    @property
    def role_labels(self) -> list[str]:
        return [Role(code).label for code in self.role_codes]


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="membership_role_unique"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_known"),
        ]

    def __str__(self) -> str:
        return Role(self.role).label


class Invitation(BaseModel):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    roles = models.JSONField(default=list)
    # Only a SHA-256 of the token is stored, so a database leak yields no usable links. The token is derived from
    # `token_salt` under the SECRET_KEY (core.tokens), so the worker rebuilds the link when it sends the e-mail.
    # Invitations made before that have no salt: their links (already sent) still open them by their hash.
    token_hash = models.CharField(max_length=64, unique=True)
    token_salt = models.CharField(max_length=32, blank=True, default="")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    TOKEN_PURPOSE = "invitation"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"
