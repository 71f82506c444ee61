from django.db import models

from exchange.accounts.models import Role


class ContactStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    OPENED = "opened", "Opened"
    STARTED = "started", "Started"
    COMPLETED = "completed", "Completed"
    OPTED_OUT = "opted_out", "Opted out"
    BOUNCED = "bounced", "Bounced"


PENDING_STATUSES = [ContactStatus.INVITED, ContactStatus.OPENED, ContactStatus.STARTED]


class Contact(models.Model):
    """A person in a wave's sample frame. No automatic 'updated' timestamp: in a confidential wave the moment of
    completion must not be recoverable, so completion is recorded as a status only."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(max_length=150)
    email = models.EmailField()
    # A registry role: responses copy it and results are broken down by it, so free text could tag a respondent.
    role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    # 256 bits from `secrets`; stored as sent because reminders must repeat the same personal link.
    token = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=ContactStatus.choices, default=ContactStatus.INVITED)
    invited_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True, help_text="Named waves only.")
    opted_out_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)

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
