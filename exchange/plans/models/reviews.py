"""A review of a plan: its window, its reviewers (each with its power), what each gave — advice, opinions and
referrals, endorsements, assurance — the commissioner's answers and decision, and its ratings of each reviewer's
conduct. Rows are written by `plans.services` only, which checks every power."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from exchange.core.models import BaseModel

from .plans import Plan, PlanVersion, StrategyPriority


class Stage(models.TextChoices):
    """Where a review stands at a moment (`Review.stage`): nothing else compares its window."""

    OPEN = "open", "Open for review"
    CLOSED = "closed", "Window closed; awaiting the commissioner's decision"
    DECIDED = "decided", "Decided"


class Power(models.TextChoices):
    ADVISE = "advise", "Advises (never changes the plan's state)"
    OPINE = "opine", "Gives its opinion and may refer the plan back once per version (no veto)"
    ENDORSE = "endorse", "Endorses the plan or not"
    ASSURE = "assure", "Assures the commissioner"


class Review(BaseModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_version = models.ForeignKey(PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision = models.TextField(blank=True)

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="review_window_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"Review of {self.plan}"

    def stage(self, now: datetime.datetime) -> Stage:
        if self.decided_at is not None:
            return Stage.DECIDED
        return Stage.OPEN if now < self.closes_at else Stage.CLOSED


class Reviewer(BaseModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reviewers")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    power = models.CharField(max_length=16, choices=Power.choices)

    class Meta:
        ordering = ["review", "power", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["review", "organisation"], name="reviewer_once")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_power_display()})"


class Advice(BaseModel):
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="advice")
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Advice from {self.reviewer.organisation}"


class AdviceOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly_accepted", "Partly accepted"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class AdviceResponse(BaseModel):
    advice = models.OneToOneField(Advice, on_delete=models.CASCADE, related_name="response")
    outcome = models.CharField(max_length=16, choices=AdviceOutcome.choices)
    reasons = models.TextField()
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.advice}"


class Opinion(BaseModel):
    """A Health and Wellbeing Board's opinion on whether the plan takes proper account of its strategy."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="opinions")
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    takes_proper_account = models.BooleanField()
    text = models.TextField()
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reviewer", "version"], name="opinion_once_per_version")]

    def __str__(self) -> str:
        return f"Opinion of {self.reviewer.organisation}"


class ReferralAnswer(models.TextChoices):
    NEW_VERSION = "new_version", "Answered with a new version"
    CONFIRMED = "confirmed", "Plan confirmed, with reasons"


class Referral(BaseModel):
    """A Health and Wellbeing Board refers a version back, naming the strategy priorities it conflicts with."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="referrals")
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="referrals")
    priorities = models.ManyToManyField(StrategyPriority, related_name="referrals")
    reasons = models.TextField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=16, choices=ReferralAnswer.choices, blank=True)
    answer_reasons = models.TextField(blank=True)
    answer_version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="answered_referrals"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["reviewer", "version"], name="referral_once_per_version")]

    def __str__(self) -> str:
        return f"Referral by {self.reviewer.organisation}"


class Endorsement(BaseModel):
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="endorsements")
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    endorses = models.BooleanField()
    comment = models.TextField(blank=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reviewer", "version"], name="endorsement_once_per_version")]

    def __str__(self) -> str:
        return f"{'Endorsed' if self.endorses else 'Not endorsed'} by {self.reviewer.organisation}"


class AssuranceRating(models.TextChoices):
    """The ratings of NHS England's assurance of commissioners."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class Assurance(BaseModel):
    reviewer = models.OneToOneField(Reviewer, on_delete=models.CASCADE, related_name="assurance")
    rating = models.CharField(max_length=24, choices=AssuranceRating.choices)
    reasons = models.TextField()
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.get_rating_display()} by {self.reviewer.organisation}"


class Behaviour(models.TextChoices):
    """The three behaviours NHS Clinical Commissioners asked assurance to be judged on, both ways."""

    COMMON_PURPOSE = "common_purpose", "Common purpose"
    LOCAL_LEADERSHIP = "local_leadership", "Local leadership and accountability"
    HONESTY = "honesty", "Honesty and transparency"


class ConductRating(BaseModel):
    """The commissioner's rating of one reviewer's conduct in a review, on one behaviour."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conduct_ratings")
    behaviour = models.CharField(max_length=24, choices=Behaviour.choices)
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "behaviour"], name="conduct_rated_once"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="conduct_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer.organisation}: {self.get_behaviour_display()} {self.score}"
