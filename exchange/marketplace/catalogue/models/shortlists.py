"""Shortlists, saved searches and the catalogue's state token."""

from django.db import models

from exchange.core.models import BaseModel

from .offerings import Offering


class SavedSearch(BaseModel):
    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=120)
    query_string = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class Shortlist(BaseModel):
    """Offerings a buyer is considering. Frozen, it keeps each offering as it stood, for audit."""

    owner = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="shortlists")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="shortlists"
    )
    name = models.CharField(max_length=120)
    reasons = models.TextField(blank=True, help_text="How the shortlist was made, e.g. the recommendation's rule.")
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class ShortlistEntry(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(blank=True)
    snapshot = models.JSONField(null=True, blank=True, help_text="The offering as it stood when frozen.")

    class Meta:
        ordering = ["shortlist", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["shortlist", "offering"], name="shortlist_offering_once")]

    def __str__(self) -> str:
        return f"{self.offering} on {self.shortlist}"


class CatalogueState(models.Model):
    """One row whose token changes whenever anything search shows changes, so cached result pages (keyed by it)
    are never stale, in whichever server process cached them."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
