from django.db import models
from django.db.models import Q

from exchange.accounts.models import Role
from exchange.core.tokens import token_derived, token_hash, token_rebuilt, token_salt_new

TOKEN_PURPOSE = "survey-contact"
TOKEN_LOST = "The contact's personal link cannot be rebuilt: the secret key it was made under is gone."


class ContactStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    OPENED = "opened", "Opened"
    STARTED = "started", "Started"
    COMPLETED = "completed", "Completed"
    OPTED_OUT = "opted_out", "Opted out"
    BOUNCED = "bounced", "Bounced"


PENDING_STATUSES = [ContactStatus.INVITED, ContactStatus.OPENED, ContactStatus.STARTED]


class ContactQuerySet(models.QuerySet):
    def by_token(self, token: str) -> "ContactQuerySet":
        """The contact whose personal link carries `token` (at most one), found by the token's hash."""
        digest = token_hash(token)
        return self.filter(Q(token_hash=digest) | Q(legacy_token_hash=digest))


class TokenLost(Exception):
    pass


class Contact(models.Model):
    """A person in a wave's sample frame. No automatic 'updated' timestamp: in a confidential wave the moment of
    completion must not be recoverable, so completion is recorded as a status only."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(max_length=150)
    email = models.EmailField()
    # A registry role: responses copy it and results are broken down by it, so free text could tag a respondent.
    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    # The personal link's token is not stored: it is an HMAC under the SECRET_KEY of `token_salt` (core.tokens), so
    # the worker rebuilds it for each reminder, and a database read (a dump, the admin, the task table) gives no link.
    # Contacts are found by the token's SHA-256.
    token_hash = models.CharField(max_length=64, unique=True)
    token_salt = models.CharField(max_length=32)
    # For contacts made when tokens were random and stored in clear: the SHA-256 of that token, so a link sent then
    # still opens. Their reminders carry the derived token (migration 0007 gave them a salt).
    legacy_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(max_length=16, choices=ContactStatus.choices, default=ContactStatus.INVITED)
    invited_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, help_text="Named waves only.")
    opted_out_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "full_name"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "email"], name="contact_email_unique_in_wave"),
            models.CheckConstraint(
                condition=models.Q(role="") | models.Q(role__in=Role.values), name="contact_role_known"
            ),
        ]
        indexes = [models.Index(fields=["wave", "status"])]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @staticmethod
    def token_fields() -> dict[str, str]:
        """A new contact's `token_salt` and `token_hash`: pass them when creating one."""
        salt = token_salt_new()
        return {"token_salt": salt, "token_hash": token_hash(token_derived(purpose=TOKEN_PURPOSE, salt=salt))}

    @property
    def token(self) -> str:
        """The token of the contact's personal link, rebuilt from its salt (never stored). Raises TokenLost if the
        secret key it was made under is neither the SECRET_KEY nor one of the SECRET_KEY_FALLBACKS."""
        token = token_rebuilt(purpose=TOKEN_PURPOSE, salt=self.token_salt, stored_hash=self.token_hash)
        if token is None:
            raise TokenLost(TOKEN_LOST)
        return token
