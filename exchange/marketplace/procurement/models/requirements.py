"""Requirements, their partners and criteria, and clarification questions."""

import datetime

from django.db import models

from exchange.core.models import BaseModel
from exchange.marketplace.catalogue.models import PricingModel


class RequirementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    AWARDED = "awarded", "Awarded, in standstill"
    CONCLUDED = "concluded", "Award final"
    CANCELLED = "cancelled", "Cancelled"


class Stage(models.TextChoices):
    """Where a requirement stands at a moment, derived from its status and timestamps by `Requirement.stage`.
    Nothing else compares a deadline: every rule of who may see or do what asks for the stage at `now`."""

    DRAFT = "draft", "Draft"
    QUESTIONS = "questions", "Open for questions and bids"
    BIDDING = "bidding", "Open for bids; questions closed"
    EVALUATION = "evaluation", "Bids opened; in evaluation"
    STANDSTILL = "standstill", "Awarded, in standstill"
    STANDSTILL_OVER = "standstill_over", "Standstill over; award to be made final"
    FINAL = "final", "Award final"
    CANCELLED = "cancelled", "Cancelled"


SEALED_STAGES = frozenset({Stage.DRAFT, Stage.QUESTIONS, Stage.BIDDING, Stage.CANCELLED})
OPEN_FOR_BIDS_STAGES = frozenset({Stage.QUESTIONS, Stage.BIDDING})
AWARDED_STAGES = frozenset({Stage.STANDSTILL, Stage.STANDSTILL_OVER, Stage.FINAL})


class RequirementRoute(models.TextChoices):
    OPEN = "open", "Open to every provider offering these service lines in these regions"
    INVITED = "invited", "Invited from a frozen shortlist"


class Requirement(BaseModel):
    lead = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="requirements_led")
    owner = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="requirements_owned")
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    outcomes = models.TextField(blank=True, help_text="Outcomes the commissioners want.")
    essential_criteria = models.TextField(blank=True)
    desirable_criteria = models.TextField(blank=True)
    service_lines = models.ManyToManyField("marketplace.ServiceLine", related_name="requirements")
    regions = models.ManyToManyField("organisations.Region", related_name="requirements", blank=True)
    pricing_model = models.CharField(max_length=16, choices=PricingModel.choices)
    estimated_days = models.PositiveIntegerField(null=True, blank=True, help_text="Day-rate requirements only.")
    estimated_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(default=12)
    price_weight = models.PositiveSmallIntegerField(default=30)
    clarification_deadline = models.DateTimeField()
    bid_deadline = models.DateTimeField()
    standstill_days = models.PositiveSmallIntegerField(
        default=8, help_text="Working days after the award before the contract may be made (the Act's minimum is 8)."
    )
    route = models.CharField(max_length=16, choices=RequirementRoute.choices, default=RequirementRoute.OPEN)
    shortlist = models.ForeignKey(
        "marketplace.Shortlist", null=True, blank=True, on_delete=models.PROTECT, related_name="requirements"
    )
    status = models.CharField(
        max_length=16, choices=RequirementStatus.choices, default=RequirementStatus.DRAFT, db_index=True
    )
    invited_partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="requirement_invitations",
        help_text="Commissioners the lead has asked to join; their buyers can see the draft and join it.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    ocid = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bid_deadline__gt=models.F("clarification_deadline")),
                name="requirement_clarifications_close_before_bids",
            ),
            models.CheckConstraint(condition=models.Q(price_weight__lte=100), name="requirement_price_weight_max"),
        ]

    def __str__(self) -> str:
        return self.title

    def stage(self, now: datetime.datetime) -> Stage:
        """The one clock of a procurement: its stage at `now`, from its status and timestamps."""
        if self.status == RequirementStatus.DRAFT:
            return Stage.DRAFT
        if self.status == RequirementStatus.CANCELLED:
            return Stage.CANCELLED
        if self.status == RequirementStatus.CONCLUDED:
            return Stage.FINAL
        if self.status == RequirementStatus.AWARDED:
            award = getattr(self, "award", None)
            return Stage.STANDSTILL if award is None or now < award.standstill_ends_at else Stage.STANDSTILL_OVER
        if now < self.clarification_deadline:
            return Stage.QUESTIONS
        if now < self.bid_deadline:
            return Stage.BIDDING
        return Stage.EVALUATION

    def bids_sealed(self, now: datetime.datetime) -> bool:
        """Before the bid deadline nobody but a bidder's own people reads anything of its bid, or that it exists."""
        return self.stage(now) in SEALED_STAGES


def bids_open(now: datetime.datetime, *, via: str = "") -> models.Q:
    """`not Requirement.bids_sealed(now)` in SQL, for lists: the requirement (reached from a bid by `via`,
    e.g. "requirement") is awarded, or published with its bid deadline passed. `stage` is the rule; the tests hold
    the two to each other at every stage."""
    prefix = f"{via}__" if via else ""
    return models.Q(**{f"{prefix}status__in": (RequirementStatus.AWARDED, RequirementStatus.CONCLUDED)}) | models.Q(
        **{f"{prefix}status": RequirementStatus.PUBLISHED, f"{prefix}bid_deadline__lte": now}
    )


class RequirementPartner(models.Model):
    """A commissioner buying jointly. The lead is a partner too; each pays in proportion to its population."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="partners")
    commissioner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="requirement_partnerships"
    )
    population = models.PositiveIntegerField()
    joined_at = models.DateTimeField(auto_now_add=True)
    joined_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["requirement", "joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["requirement", "commissioner"], name="requirement_partner_once")]

    def __str__(self) -> str:
        return f"{self.commissioner} on {self.requirement}"


class CriterionKind(models.TextChoices):
    QUALITY = "quality", "Quality"
    SOCIAL_VALUE = "social_value", "Social value"


class Criterion(models.Model):
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=16, choices=CriterionKind.choices, default=CriterionKind.QUALITY)
    title = models.CharField(max_length=200)
    guidance = models.TextField(blank=True, help_text="What bidders should show; what evaluators look for.")
    weight = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["requirement", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1, weight__lte=100), name="criterion_weight_range")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.weight}%)"

    @property
    def label(self) -> str:
        """The title, with its kind only where the title does not say it already: "Approach", "Social value",
        "Local jobs (social value)". Quality is the usual kind and goes without saying."""
        kind = self.get_kind_display().lower()
        if self.kind == CriterionKind.QUALITY or kind in self.title.lower():
            return self.title
        return f"{self.title} ({kind})"


class ClarificationQuestion(BaseModel):
    """Asked privately; the answer is published to every bidder without saying who asked."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="questions")
    provider = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    question = models.TextField()
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["requirement", "created_at", "id"]

    def __str__(self) -> str:
        return self.question[:60]
