from decimal import Decimal

import pytest

from exchange.marketplace.procurement.scoring import (
    BidMarks,
    WeightsDoNotTotal100,
    criterion_points,
    evaluate,
    population_shares,
    price_points,
)

# Quality 1 (weight 40), quality 2 (20), social value 3 (10), price 30.
WEIGHTS = {1: 40, 2: 20, 3: 10}


def test_a_score_earns_its_share_of_the_criterions_weight():
    assert [criterion_points(score=s, weight=40) for s in range(5)] == [0, 10, 20, 30, 40]
    with pytest.raises(ValueError):
        criterion_points(score=5, weight=40)


def test_price_scores_against_the_lowest_bid():
    # £80,000 lowest; a £100,000 bid gets 80,000 / 100,000 × 30 = 24 points.
    assert price_points(price=Decimal("100000"), lowest=Decimal("80000"), weight=30) == Decimal(24)
    assert price_points(price=Decimal("80000"), lowest=Decimal("80000"), weight=30) == Decimal(30)


def test_worked_example_of_three_bids():
    bids = [
        BidMarks(1, Decimal("100000"), {1: 4, 2: 3, 3: 2}),  # 40 + 15 + 5 = 60; price 24; total 84
        BidMarks(2, Decimal("80000"), {1: 3, 2: 2, 3: 4}),  # 30 + 10 + 10 = 50; price 30; total 80
        BidMarks(3, Decimal("120000"), {1: 4, 2: 4, 3: 4}),  # 70; price 20; total 90
    ]
    results = evaluate(bids=bids, weights=WEIGHTS, price_weight=30)
    assert [(r.bid_id, r.quality_points, r.price_points, r.total, r.rank) for r in results] == [
        (3, Decimal("70.00"), Decimal("20.00"), Decimal("90.00"), 1),
        (1, Decimal("60.00"), Decimal("24.00"), Decimal("84.00"), 2),
        (2, Decimal("50.00"), Decimal("30.00"), Decimal("80.00"), 3),
    ]
    assert results[1].criterion_points == {1: Decimal("40.00"), 2: Decimal("15.00"), 3: Decimal("5.00")}


def test_a_price_ratio_that_does_not_divide_evenly_is_rounded_half_up_to_pennies():
    # 90,000 / 110,000 × 30 = 24.5454…
    results = evaluate(
        bids=[BidMarks(1, Decimal("90000"), {1: 2, 2: 2, 3: 2}), BidMarks(2, Decimal("110000"), {1: 2, 2: 2, 3: 2})],
        weights=WEIGHTS,
        price_weight=30,
    )
    assert [(r.bid_id, r.price_points, r.total) for r in results] == [
        (1, Decimal("30.00"), Decimal("65.00")),
        (2, Decimal("24.55"), Decimal("59.55")),
    ]


def test_equal_totals_share_a_rank_and_the_next_rank_is_skipped():
    bids = [
        BidMarks(7, Decimal("100000"), {1: 4, 2: 4, 3: 4}),  # 70 + 30 = 100
        BidMarks(8, Decimal("100000"), {1: 4, 2: 4, 3: 4}),  # 100
        BidMarks(9, Decimal("200000"), {1: 4, 2: 4, 3: 4}),  # 70 + 15 = 85
    ]
    results = evaluate(bids=bids, weights=WEIGHTS, price_weight=30)
    assert [(r.bid_id, r.rank, r.tied) for r in results] == [(7, 1, True), (8, 1, True), (9, 3, False)]


def test_a_single_bid_earns_the_whole_price_weight():
    (only,) = evaluate(bids=[BidMarks(1, Decimal("250000"), {1: 2, 2: 1, 3: 0})], weights=WEIGHTS, price_weight=30)
    assert (only.quality_points, only.price_points, only.total, only.rank, only.tied) == (
        Decimal("25.00"),
        Decimal("30.00"),
        Decimal("55.00"),
        1,
        False,
    )


def test_weights_must_total_100():
    with pytest.raises(WeightsDoNotTotal100, match="total 95"):
        evaluate(bids=[], weights={1: 40, 2: 25}, price_weight=30)


def test_quality_only_evaluation_with_no_price_weight():
    results = evaluate(
        bids=[BidMarks(1, Decimal("1"), {1: 4}), BidMarks(2, Decimal("2"), {1: 2})], weights={1: 100}, price_weight=0
    )
    assert [(r.bid_id, r.total) for r in results] == [(1, Decimal("100.00")), (2, Decimal("50.00"))]


def test_a_missing_score_is_refused():
    with pytest.raises(ValueError, match="no score"):
        evaluate(bids=[BidMarks(1, Decimal("1"), {1: 4})], weights=WEIGHTS, price_weight=30)


def test_joint_buyers_share_cost_by_population_and_the_shares_total_one():
    # Blackpool 172,000 and Fylde and Wyre 153,000 and a third of 100,000: combined 425,000.
    shares = population_shares({1: 172_000, 2: 153_000, 3: 100_000})
    assert shares == {1: Decimal("0.4047"), 2: Decimal("0.3600"), 3: Decimal("0.2353")}
    assert sum(shares.values()) == 1
