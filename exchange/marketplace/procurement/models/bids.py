"""Sealed bids, their answers and attachments."""

from django.db import models

from exchange.core.models import BaseModel
from exchange.core.storage import StorageAlias

from .requirements import Criterion, Requirement


def private_storage() -> StorageAlias:
    """Bid attachments live outside the web root and are served only by a view that checks who asks: the storage
    called "private" in STORAGES (a folder, or the database in production). A callable, so that migrations record
    this function rather than one machine's storage."""
    return StorageAlias("private")


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Bid(BaseModel):
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="bids")
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="bids")
    status = models.CharField(max_length=16, choices=BidStatus.choices, default=BidStatus.DRAFT, db_index=True)
    price = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="In the requirement's pricing model."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requirement", "id"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "provider"], name="bid_once_per_provider"),
            models.CheckConstraint(
                condition=models.Q(price__gt=0) | models.Q(price__isnull=True), name="bid_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"Bid by {self.provider} for {self.requirement}"


class BidAnswer(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bid", "criterion"], name="bid_answer_once")]

    def __str__(self) -> str:
        return f"Answer to {self.criterion} in {self.bid}"


def _attachment_path(instance, filename: str) -> str:
    return f"bids/{instance.bid.requirement_id}/{instance.bid_id}/{filename}"


class BidAttachment(BaseModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=_attachment_path, max_length=300)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name
