"""The catalogue's models, by topic."""

from .engagements import RATING_DIMENSIONS, Engagement, EngagementQuerySet, EngagementSource, Rating, RatingReply
from .offerings import Offering, OfferingPrice, OfferingStatus, PricingModel, ProviderProfile
from .service_lines import Lot, ServiceLine, cpv_codes_valid
from .shortlists import CatalogueState, SavedSearch, Shortlist, ShortlistEntry

__all__ = [
    "CatalogueState",
    "Engagement",
    "EngagementQuerySet",
    "EngagementSource",
    "Lot",
    "Offering",
    "OfferingPrice",
    "OfferingStatus",
    "PricingModel",
    "ProviderProfile",
    "RATING_DIMENSIONS",
    "Rating",
    "RatingReply",
    "SavedSearch",
    "ServiceLine",
    "Shortlist",
    "ShortlistEntry",
    "cpv_codes_valid",
]
