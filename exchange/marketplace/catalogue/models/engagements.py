"""Engagements (a commissioner buys an offering), ratings and providers' replies."""

from django.db import models

from exchange.core.models import BaseModel

from .offerings import Offering


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
