"""Offerings, their prices and their providers' profiles."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from exchange.core.models import BaseModel

from .service_lines import ServiceLine


class PricingModel(models.TextChoices):
    PER_HEAD = "per_head", "Per head of registered population per year"
    FIXED_ANNUAL = "fixed_annual", "Fixed annual fee"
    DAY_RATE = "day_rate", "Day rate with estimated days per year"


class OfferingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Offering(BaseModel):
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="offerings")
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    outcomes = models.TextField(blank=True, help_text="Outcomes the provider promises.")
    service_lines = models.ManyToManyField(ServiceLine, related_name="offerings")
    regions = models.ManyToManyField("organisations.Region", related_name="offerings", blank=True)
    pricing_model = models.CharField(max_length=16, choices=PricingModel.choices)
    price = models.DecimalField(
        max_digits=12, decimal_places=2, help_text="Per head per year, per year, or per day, by the pricing model."
    )
    estimated_days = models.PositiveIntegerField(null=True, blank=True, help_text="Day-rate offerings: days a year.")
    minimum_term_months = models.PositiveSmallIntegerField(default=12)
    status = models.CharField(
        max_length=16, choices=OfferingStatus.choices, default=OfferingStatus.DRAFT, db_index=True
    )
    # Kept up to date by the rating services, so that search can filter and sort on them.
    rating_count = models.PositiveIntegerField(default=0)
    rating_mean = models.FloatField(null=True, blank=True)
    rating_adjusted = models.FloatField(null=True, blank=True, db_index=True)
    # What full-text search reads: the offering's words, its provider's name and its service lines.
    search_text = models.TextField(blank=True, editable=False)
    # PostgreSQL's tsvector of search_text (GIN-indexed there); unused on SQLite.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="offering_price_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(pricing_model="day_rate")
                | models.Q(estimated_days__isnull=False, estimated_days__gt=0),
                name="offering_day_rate_has_days",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OfferingPrice(models.Model):
    """Every price an offering has had, so a change never rewrites what buyers saw."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="price_history")
    pricing_model = models.CharField(max_length=16, choices=PricingModel.choices)
    price = models.DecimalField(max_digits=12, decimal_places=2)
    estimated_days = models.PositiveIntegerField(null=True, blank=True)
    valid_from = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["offering", "-valid_from", "-id"]

    def __str__(self) -> str:
        return f"{self.offering}: {self.price} ({self.pricing_model})"


class ProviderProfile(BaseModel):
    """What a commissioning support provider tells buyers about itself; its sector lives on the organisation."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="provider_profile"
    )
    regions_served = models.ManyToManyField("organisations.Region", blank=True, related_name="+")
    area_teams_served = models.ManyToManyField("organisations.AreaTeam", blank=True, related_name="+")
    accreditations = models.TextField(blank=True, help_text="One per line, e.g. ISO 27001, Cyber Essentials Plus.")
    case_studies = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Profile of {self.organisation}"
