import uuid

from django.db import models


class Draft(models.Model):
    """Answers saved so far by someone still answering; it becomes a Response on submission and is then deleted."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="drafts")
    contact = models.OneToOneField(
        "surveys.Contact", null=True, blank=True, on_delete=models.CASCADE, related_name="draft"
    )
    browser_key_hash = models.CharField(
        max_length=64, blank=True, help_text="Open-link waves: the browser's key, hashed."
    )
    answers = models.JSONField(default=dict)
    started_at = models.DateTimeField(auto_now_add=True)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "browser_key_hash"],
                condition=~models.Q(browser_key_hash=""),
                name="draft_one_per_browser_per_wave",
            ),
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False) | ~models.Q(browser_key_hash=""),
                name="draft_belongs_to_contact_or_browser",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft for {self.wave}"


class PendingResponse(models.Model):
    """A confidential wave's submitted answers waiting to enter analysis with at least the threshold of others, in
    random order (see `services.responses.responses_release`). A random key and no timestamp: nothing in the row
    says when it arrived or whose it is; it is deleted when its batch is released."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="pending_responses")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=32, blank=True)
    via_open_link = models.BooleanField(default=False)
    answers = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"Pending response to {self.wave}"


class Response(models.Model):
    """A submitted response. The key is random and there is no timestamp, so in a confidential wave neither the
    order of rows nor their times can be matched against contacts; organisation, region and role are kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="responses")
    contact = models.OneToOneField(
        "surveys.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
        help_text="Named waves only.",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area_team = models.ForeignKey(
        "organisations.AreaTeam", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(max_length=32, blank=True)
    submitted_on = models.DateField(null=True, blank=True, help_text="Named waves only.")
    via_open_link = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["wave", "region"]), models.Index(fields=["wave", "organisation"])]

    def __str__(self) -> str:
        return f"Response to {self.wave}"


class Answer(models.Model):
    """One answer: a chosen option (one row per option for multiple choice), a number, or text. A date or a time is
    text in ISO form, "2024-03-17" or "14:30" (24-hour): it sorts and compares as written, and reads back exactly."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("surveys.Question", on_delete=models.CASCADE, related_name="answers")
    grid_item = models.ForeignKey(
        "surveys.GridItem", null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    option = models.ForeignKey(
        "surveys.Option", null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return f"{self.question.code} answer"


class OpenLinkSubmission(models.Model):
    """Marks that a browser has submitted an open-link wave, so the same browser cannot submit twice."""

    wave = models.ForeignKey("surveys.Wave", on_delete=models.CASCADE, related_name="+")
    browser_key_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "browser_key_hash"], name="open_link_submission_once_per_browser")
        ]

    def __str__(self) -> str:
        return f"Open-link submission to {self.wave}"
