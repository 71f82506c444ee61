"""Requirements posted by one or several commissioners together, clarification questions, sealed bids, scoring
by several evaluators with moderation, and the award."""

from exchange.marketplace.catalogue.models import PricingModel

from .bids import Bid, BidAnswer, BidAttachment, BidStatus, _attachment_path, private_storage
from .evaluation import Award, ConflictDeclaration, EvaluatorAssignment, ModeratedScore, Score
from .releases import RELEASES, TAGS, Release, ReleaseEvent
from .requirements import (
    AWARDED_STAGES,
    OPEN_FOR_BIDS_STAGES,
    SEALED_STAGES,
    ClarificationQuestion,
    Criterion,
    CriterionKind,
    Requirement,
    RequirementPartner,
    RequirementRoute,
    RequirementStatus,
    Stage,
    bids_open,
)

__all__ = [
    "RELEASES",
    "TAGS",
    "Release",
    "ReleaseEvent",
    "AWARDED_STAGES",
    "OPEN_FOR_BIDS_STAGES",
    "SEALED_STAGES",
    "Award",
    "Bid",
    "BidAnswer",
    "BidAttachment",
    "BidStatus",
    "ClarificationQuestion",
    "ConflictDeclaration",
    "Criterion",
    "CriterionKind",
    "EvaluatorAssignment",
    "ModeratedScore",
    "PricingModel",
    "Requirement",
    "RequirementPartner",
    "RequirementRoute",
    "RequirementStatus",
    "Score",
    "Stage",
    "bids_open",
    "_attachment_path",  # named by migration 0008
    "private_storage",  # named by migration 0008
]
