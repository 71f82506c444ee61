"""Value like for like: the estimated annual cost of an offering for one commissioner, whatever its pricing
model, and a rating mean that small numbers of ratings cannot dominate."""

from decimal import ROUND_HALF_UP, Decimal

from exchange.marketplace.catalogue.models import PricingModel

PENNY = Decimal("0.01")


class CostUnknown(ValueError):
    """A per-head price needs the commissioner's registered population."""


def estimated_annual_cost(
    *, pricing_model: str, price: Decimal, estimated_days: int | None = None, population: int | None = None
) -> Decimal:
    """Per head × registered population; a fixed annual fee as it is; day rate × estimated days a year."""
    if pricing_model == PricingModel.PER_HEAD:
        if not population:
            raise CostUnknown("the commissioner's registered population is needed for a per-head price")
        cost = price * population
    elif pricing_model == PricingModel.FIXED_ANNUAL:
        cost = price
    elif pricing_model == PricingModel.DAY_RATE:
        if not estimated_days:
            raise ValueError("a day-rate offering needs its estimated days a year")
        cost = price * estimated_days
    else:
        raise ValueError(f"unknown pricing model {pricing_model!r}")
    return cost.quantize(PENNY, rounding=ROUND_HALF_UP)


def bayesian_mean(*, total: float, count: int, prior_mean: float, prior_weight: float = 10.0) -> float | None:
    """The rating mean shrunk towards `prior_mean` (the service line's mean) as if `prior_weight` ratings at
    that mean had been given too: (C·m + Σ ratings) / (C + n). Two 5s do not outrank forty 4.6s."""
    if count == 0 and prior_weight == 0:
        return None
    return (prior_weight * prior_mean + total) / (prior_weight + count)
