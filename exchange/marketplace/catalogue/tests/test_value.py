"""Estimated annual cost for each pricing model, with worked numbers, and the Bayesian-adjusted mean."""

from decimal import Decimal

import pytest

from exchange.marketplace.catalogue.models import PricingModel
from exchange.marketplace.catalogue.value import CostUnknown, bayesian_mean, estimated_annual_cost


def test_per_head_is_price_times_registered_population():
    # NHS Blackpool's registered population of about 170,000 at £3.40 a head a year.
    assert estimated_annual_cost(
        pricing_model=PricingModel.PER_HEAD, price=Decimal("3.40"), population=170_000
    ) == Decimal("578000.00")


def test_per_head_rounds_to_the_penny():
    assert estimated_annual_cost(pricing_model=PricingModel.PER_HEAD, price=Decimal("0.125"), population=3) == Decimal(
        "0.38"
    )


def test_a_fixed_annual_fee_is_the_same_for_every_commissioner():
    for population in (None, 50_000, 900_000):
        cost = estimated_annual_cost(
            pricing_model=PricingModel.FIXED_ANNUAL, price=Decimal("250000"), population=population
        )
        assert cost == Decimal("250000.00")


def test_day_rate_is_rate_times_estimated_days():
    assert estimated_annual_cost(
        pricing_model=PricingModel.DAY_RATE, price=Decimal("650"), estimated_days=120
    ) == Decimal("78000.00")


def test_a_per_head_price_without_a_population_cannot_be_costed():
    with pytest.raises(CostUnknown):
        estimated_annual_cost(pricing_model=PricingModel.PER_HEAD, price=Decimal("3"), population=None)


def test_a_per_head_and_a_fixed_offer_compare_directly():
    per_head = estimated_annual_cost(pricing_model=PricingModel.PER_HEAD, price=Decimal("1.20"), population=250_000)
    fixed = estimated_annual_cost(pricing_model=PricingModel.FIXED_ANNUAL, price=Decimal("280000"))
    # 1.20 × 250,000 = £300,000 a year, so the £280,000 fixed fee is the cheaper for this commissioner.
    assert per_head == Decimal("300000.00")
    assert fixed < per_head


def test_two_fives_do_not_outrank_forty_ratings_of_four_point_six():
    few = bayesian_mean(total=10, count=2, prior_mean=3.8)
    many = bayesian_mean(total=40 * 4.6, count=40, prior_mean=3.8)
    assert round(few, 4) == round((10 * 3.8 + 10) / 12, 4) == 4.0
    assert round(many, 4) == round((10 * 3.8 + 184) / 50, 4) == 4.44
    assert many > few


def test_with_no_ratings_the_mean_is_the_service_lines():
    assert bayesian_mean(total=0, count=0, prior_mean=3.8) == 3.8


@pytest.mark.django_db
def test_the_twelve_service_lines_and_three_lots_are_loaded_as_data():
    from exchange.marketplace.catalogue.models import Lot, ServiceLine

    assert ServiceLine.objects.count() == 12
    assert set(Lot.objects.values_list("code", flat=True)) == {"end-to-end", "medicines", "ifr-chc"}
    assert ServiceLine.objects.get(code="medicines-management").lot.code == "medicines"
