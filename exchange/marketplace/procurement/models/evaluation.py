"""Evaluators, conflicts of interest, scores, moderation and the award."""

import datetime

from django.db import models

from exchange.core.models import BaseModel

from .bids import Bid
from .requirements import Criterion, Requirement


class EvaluatorAssignment(BaseModel):
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="evaluators")
    evaluator = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="evaluations")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")
    scores_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requirement", "id"]
        constraints = [models.UniqueConstraint(fields=["requirement", "evaluator"], name="evaluator_once")]

    def __str__(self) -> str:
        return f"{self.evaluator} evaluates {self.requirement}"


class ConflictDeclaration(BaseModel):
    assignment = models.ForeignKey(EvaluatorAssignment, on_delete=models.CASCADE, related_name="declarations")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="+")
    conflicted = models.BooleanField()
    note = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "bid"], name="conflict_declared_once")]

    def __str__(self) -> str:
        return f"{self.assignment.evaluator}: {'conflict' if self.conflicted else 'no conflict'} with {self.bid}"


class Score(BaseModel):
    """One evaluator's score of one criterion of one bid, on the 0–4 scale, with the reason."""

    assignment = models.ForeignKey(EvaluatorAssignment, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField()
    justification = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "bid", "criterion"], name="score_once"),
            models.CheckConstraint(condition=models.Q(score__lte=4), name="score_zero_to_four"),
        ]

    def __str__(self) -> str:
        return f"{self.score} for {self.criterion} of {self.bid}"


class ModeratedScore(BaseModel):
    """The consensus the evaluators reach in moderation; the weighted totals use these."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="moderated_scores")
    score = models.PositiveSmallIntegerField()
    rationale = models.TextField()
    moderator = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion"], name="moderated_once"),
            models.CheckConstraint(condition=models.Q(score__lte=4), name="moderated_zero_to_four"),
        ]

    def __str__(self) -> str:
        return f"Moderated {self.score} for {self.criterion} of {self.bid}"


class Award(BaseModel):
    requirement = models.OneToOneField(Requirement, on_delete=models.PROTECT, related_name="award")
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField()
    awarded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    awarded_at = models.DateTimeField()
    standstill_ends_at = models.DateTimeField()
    concluded_at = models.DateTimeField(null=True, blank=True)
    # The contract, once the lead records that it is signed: pending until then, active from then, ended after its
    # last day.
    contract_signed_on = models.DateField(null=True, blank=True)
    contract_starts_on = models.DateField(null=True, blank=True)
    contract_ends_on = models.DateField(null=True, blank=True)
    contract_recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contract_signed_on__isnull=True)
                | models.Q(contract_starts_on__isnull=False, contract_ends_on__gte=models.F("contract_starts_on")),
                name="award_contract_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"Award of {self.requirement} to {self.bid.provider}"

    def contract_status(self, today: datetime.date) -> str:
        """OCDS's contract status: pending until signed, active while it runs, terminated after its last day."""
        if self.contract_signed_on is None or self.contract_ends_on is None:
            return "pending"
        return "terminated" if today > self.contract_ends_on else "active"
