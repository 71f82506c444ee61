"""'Too busy to explore?': up to five offerings that serve the commissioner's region, ranked by a value score
whose parts are shown with every place.

Score out of 100 = 40 × coverage (the share of the chosen service lines the offering covers)
                 + 30 × rating ((adjusted rating − 1) ÷ 4; an offering not yet rated counts as 3 out of 5)
                 + 30 × cost (the lowest estimated annual cost among the candidates ÷ this one's).
Ties go to the lower cost, then the title.
"""

from dataclasses import dataclass
from decimal import Decimal

from exchange.marketplace.catalogue.content import catalogue_content
from exchange.marketplace.catalogue.models import Offering, OfferingStatus, ServiceLine
from exchange.marketplace.catalogue.selectors.search import annual_cost
from exchange.organisations.models import Organisation

LIMIT = 5
WEIGHTS = catalogue_content().recommendation_weights
UNRATED_AS = 3.0


@dataclass
class Recommendation:
    offering: Offering
    cost: Decimal
    coverage: float
    rating_part: float
    cost_part: float
    covered: list[str]
    reasons: list[str]

    @property
    def score(self) -> float:
        return round(self.coverage + self.rating_part + self.cost_part, 1)


def recommended_offerings(
    *, commissioner: Organisation, population: int, service_lines: list[ServiceLine]
) -> list[Recommendation]:
    if not service_lines or commissioner.region_id is None:
        return []
    chosen = {line.pk: line.name for line in service_lines}
    candidates = list(
        Offering.objects.filter(
            status=OfferingStatus.PUBLISHED, regions=commissioner.region_id, service_lines__in=list(chosen)
        )
        .distinct()
        .annotate(annual_cost=annual_cost(population))
        .select_related("provider")
        .prefetch_related("service_lines")
    )
    if not candidates:
        return []
    cheapest = min(offering.annual_cost for offering in candidates)
    ranked = [_assess(offering, chosen, cheapest, commissioner, population) for offering in candidates]
    ranked.sort(key=lambda item: (-item.score, item.cost, item.offering.title))
    return ranked[:LIMIT]


def _assess(offering, chosen: dict[int, str], cheapest: Decimal, commissioner, population) -> Recommendation:
    offered = {line.pk for line in offering.service_lines.all()}
    covered = [name for pk, name in chosen.items() if pk in offered]
    coverage = WEIGHTS["coverage"] * len(covered) / len(chosen)
    rating = offering.rating_adjusted if offering.rating_adjusted is not None else UNRATED_AS
    rating_part = WEIGHTS["rating"] * (rating - 1) / 4
    cost = offering.annual_cost
    cost_part = WEIGHTS["cost"] * float(cheapest / cost) if cost else WEIGHTS["cost"]
    reasons = [
        f"Serves {commissioner.region.name}, your region.",
        f"Covers {len(covered)} of the {len(chosen)} service lines you chose ({', '.join(covered)}): "
        f"{coverage:.1f} of {WEIGHTS['coverage']} points.",
        (
            f"Adjusted rating {offering.rating_adjusted:.2f} from {offering.rating_count} "
            f"rating{'s' if offering.rating_count != 1 else ''}: {rating_part:.1f} of {WEIGHTS['rating']} points."
            if offering.rating_adjusted is not None
            else f"Not yet rated, counted as {UNRATED_AS:.0f} out of 5: "
            f"{rating_part:.1f} of {WEIGHTS['rating']} points."
        ),
        f"Estimated £{cost:,.0f} a year for a population of {population:,}; the lowest among "
        f"{'the candidates' if cost != cheapest else 'the candidates, this one'} is £{cheapest:,.0f}: "
        f"{cost_part:.1f} of {WEIGHTS['cost']} points.",
    ]
    return Recommendation(offering, cost, coverage, rating_part, cost_part, covered, reasons)
