import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models

from exchange.core.models import BaseModel


class Lot(models.Model):
    """A group of service lines bought together, as in NHS England's Lead Provider Framework."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceLine(models.Model):
    """A kind of commissioning support (business intelligence, procurement…). Data an admin edits, not code."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="service_lines")
    position = models.PositiveSmallIntegerField(default=0)
    cpv = models.JSONField(
        default=list,
        blank=True,
        help_text='Its Common Procurement Vocabulary codes, the main one first: [{"id": "72316000", '
        '"description": "Data analysis services"}]. Published open data classifies requirements by them.',
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not isinstance(self.cpv, list) or not all(
            isinstance(code, dict)
            and set(code) == {"id", "description"}
            and isinstance(code["id"], str)
            and re.fullmatch(r"\d{8}", code["id"])
            and isinstance(code["description"], str)
            and code["description"].strip()
            for code in self.cpv
        ):
            raise ValidationError(
                {"cpv": "Give a list of CPV codes, each an 8-digit id (no check digit) and its description."}
            )


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


class EngagementSource(models.TextChoices):
    RECORDED = "recorded", "Recorded by the commissioner"
    AWARD = "award", "Awarded through the exchange"


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def confirmed(self) -> "EngagementQuerySet":
        return self.filter(confirmed_at__isnull=False)

    def awaiting_confirmation(self) -> "EngagementQuerySet":
        return self.filter(confirmed_at__isnull=True)


class Engagement(BaseModel):
    """A commissioner buys an offering. Only people of a commissioner with a confirmed engagement may rate it: one
    that came from an award on the exchange (confirmed at once) or one its buyers recorded that the provider has
    since confirmed."""

    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="engagements")
    commissioner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="engagements")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=16, choices=EngagementSource.choices, default=EngagementSource.RECORDED)
    recorded_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=models.F("started_on")),
                name="engagement_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commissioner} buys {self.offering}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


RATING_DIMENSIONS = [
    ("quality", "Quality"),
    ("responsiveness", "Responsiveness"),
    ("value_for_money", "Value for money"),
    ("relationship", "Relationship"),
]


def _one_to_five(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"rating_{name}_one_to_five"
    )


class Rating(BaseModel):
    """One commissioner's rating of a service it buys, at most once a quarter however many engagements it has."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="ratings")
    # Both denormalised from the engagement: per-offering aggregates need no join, and the database holds a
    # commissioner to one rating of an offering a quarter.
    offering = models.ForeignKey(Offering, on_delete=models.PROTECT, related_name="ratings")
    commissioner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="ratings_given"
    )
    quarter = models.DateField(help_text="First day of the quarter the rating belongs to.")
    quality = models.PositiveSmallIntegerField()
    responsiveness = models.PositiveSmallIntegerField()
    value_for_money = models.PositiveSmallIntegerField()
    relationship = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    author = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offering", "commissioner", "quarter"], name="rating_once_per_commissioner_quarter"
            ),
            *(_one_to_five(name) for name, _ in RATING_DIMENSIONS),
        ]

    def __str__(self) -> str:
        return f"Rating of {self.offering} for {self.quarter:%Y-%m}"

    @property
    def overall(self) -> float:
        return (self.quality + self.responsiveness + self.value_for_money + self.relationship) / 4


class RatingReply(BaseModel):
    rating = models.OneToOneField(Rating, on_delete=models.CASCADE, related_name="reply")
    text = models.TextField()
    author = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return f"Reply to {self.rating}"


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
