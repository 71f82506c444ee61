"""Bid evaluation arithmetic, after the Cabinet Office's bid evaluation guidance: each quality (or social value)
criterion is scored 0–4 and earns score ÷ 4 of its weight; price earns lowest price ÷ bid price of the price
weight; weights total 100. Totals are rounded to two places before ranking, and equal totals share a rank
(1, 1, 3). A single bid is the lowest price and earns the whole price weight."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from exchange.marketplace.procurement.content import MAX_SCORE, evaluation_scale

SCALE = evaluation_scale()
HUNDREDTH = Decimal("0.01")


class WeightsDoNotTotal100(ValueError):
    pass


@dataclass(frozen=True)
class BidMarks:
    bid_id: int
    price: Decimal
    scores: dict[int, int]  # criterion id -> score 0–4


@dataclass(frozen=True)
class BidResult:
    bid_id: int
    criterion_points: dict[int, Decimal]
    quality_points: Decimal
    price_points: Decimal
    total: Decimal
    rank: int
    tied: bool


def _round(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def criterion_points(*, score: int, weight: int) -> Decimal:
    if not 0 <= score <= MAX_SCORE:
        raise ValueError(f"a score is 0 to {MAX_SCORE}, not {score}")
    return Decimal(score) / MAX_SCORE * weight


def price_points(*, price: Decimal, lowest: Decimal, weight: int) -> Decimal:
    if price <= 0 or lowest <= 0:
        raise ValueError("prices must be above zero")
    return lowest / price * weight


def check_weights(*, criterion_weights: Sequence[int], price_weight: int) -> None:
    total = sum(criterion_weights) + price_weight
    if total != 100:
        raise WeightsDoNotTotal100(f"The weights total {total}; they must total 100.")


def evaluate(*, bids: Sequence[BidMarks], weights: dict[int, int], price_weight: int) -> list[BidResult]:
    """Weighted totals and ranks, best first. Every bid must have a score for every criterion."""
    check_weights(criterion_weights=list(weights.values()), price_weight=price_weight)
    if not bids:
        return []
    lowest = min(bid.price for bid in bids)
    rows = []
    for bid in bids:
        missing = set(weights) - set(bid.scores)
        if missing:
            raise ValueError(f"bid {bid.bid_id} has no score for criteria {sorted(missing)}")
        points = {pk: _round(criterion_points(score=bid.scores[pk], weight=w)) for pk, w in weights.items()}
        quality = _round(
            sum((criterion_points(score=bid.scores[pk], weight=w) for pk, w in weights.items()), Decimal(0))
        )
        price = (
            _round(price_points(price=bid.price, lowest=lowest, weight=price_weight))
            if price_weight
            else Decimal("0.00")
        )
        rows.append((bid, points, quality, price, _round(quality + price)))
    rows.sort(key=lambda row: (-row[4], row[0].bid_id))
    totals = [row[4] for row in rows]
    results = []
    for bid, points, quality, price, total in rows:
        rank = totals.index(total) + 1
        results.append(BidResult(bid.bid_id, points, quality, price, total, rank, totals.count(total) > 1))
    return results


def population_shares(populations: dict[int, int]) -> dict[int, Decimal]:
    """Each joint buyer's share of the cost: its population over the combined population, to 4 places, with
    the rounding difference given to the largest so that the shares total exactly 1."""
    combined = sum(populations.values())
    if not combined:
        raise ValueError("the partners' combined population is zero")
    shares = {
        pk: (Decimal(n) / combined).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) for pk, n in populations.items()
    }
    largest = max(populations, key=lambda pk: (populations[pk], -pk))
    shares[largest] += Decimal(1) - sum(shares.values())
    return shares
