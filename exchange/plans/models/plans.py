"""Plans, their versions (every one stays readable) and the priorities of a joint health and wellbeing strategy."""

from django.conf import settings
from django.db import models

from exchange.core.models import BaseModel


class StrategyPriority(BaseModel):
    """A priority of a Health and Wellbeing Board's joint health and wellbeing strategy."""

    board = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="strategy_priorities"
    )
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["board", "code"]
        constraints = [models.UniqueConstraint(fields=["board", "code"], name="strategy_priority_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    DECIDED = "decided", "Decided"


class Plan(BaseModel):
    commissioner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")), name="plan_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def latest_version(self) -> "PlanVersion":
        return self.versions.order_by("-number").first()


class PlanVersion(BaseModel):
    """One version of a plan, never changed once written: sections of plain text under headings, and the strategy
    priorities it says it serves."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(help_text='[{"heading": "…", "text": "…"}, …]')
    priorities = models.ManyToManyField(StrategyPriority, blank=True, related_name="plan_versions")
    note = models.TextField(blank=True, help_text="What changed from the version before, and why.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_once")]

    def __str__(self) -> str:
        return f"{self.plan} (version {self.number})"
