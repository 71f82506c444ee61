"""The open contracting releases, as published: one row per release, written when the event it reports happens
and never changed or removed after (database triggers refuse UPDATE and DELETE). The feed serves these rows'
text as it was written, so a release a reader fetched once reads the same, byte for byte, ever after."""

from django.db import models

from exchange.core.append_only import AppendOnly

from .requirements import Requirement


class ReleaseEvent(models.TextChoices):
    """What a release reports, and the OCDS tags it carries."""

    PUBLISHED = "published", "Tender published (UK4 tender notice)"
    ANSWERED = "answered", "Clarification question answered"
    BIDS_OPENED = "bids_opened", "Bid deadline passed: bids opened"
    AWARDED = "awarded", "Award decision; standstill begins (UK6 contract award notice)"
    STANDSTILL_OVER = "standstill_over", "Standstill over: award final, contract to be signed"
    CONTRACT_SIGNED = "contract_signed", "Contract signed (UK7 contract details notice)"
    CONTRACT_ENDED = "contract_ended", "Contract ended"


TAGS = {
    ReleaseEvent.PUBLISHED: ["tender"],
    ReleaseEvent.ANSWERED: ["tenderUpdate"],
    ReleaseEvent.BIDS_OPENED: ["tenderUpdate"],
    ReleaseEvent.AWARDED: ["award"],
    ReleaseEvent.STANDSTILL_OVER: ["awardUpdate", "contract"],
    ReleaseEvent.CONTRACT_SIGNED: ["contractUpdate"],
    ReleaseEvent.CONTRACT_ENDED: ["contractTermination"],
}


class Release(models.Model):
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="releases")
    ocid = models.CharField(max_length=64, db_index=True)
    sequence = models.PositiveIntegerField()
    release_id = models.CharField(max_length=80, unique=True)
    event = models.CharField(max_length=32, choices=ReleaseEvent.choices)
    # The release's own `date`, in whole seconds (OCDS readers order releases by comparing these as text)
    date = models.DateTimeField(db_index=True)
    # When it entered the feed: the feed's order and what `since` and `until` filter, so that a reader who follows
    # the feed also gets a release dated earlier (bids opened at the deadline) but published after it last read
    published_at = models.DateTimeField(db_index=True)
    # The release as published: compact JSON, served as it is
    body = models.TextField()

    class Meta:
        ordering = ["published_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["requirement", "sequence"], name="release_sequence_once"),
        ]

    def __str__(self) -> str:
        return self.release_id


RELEASES = AppendOnly(table="marketplace_release", name="ocds_release", noun="published releases")
