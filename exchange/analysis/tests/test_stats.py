"""Our statistics against independent implementations (statsmodels, scipy, numpy), to 4 decimal places."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from exchange.analysis.stats import (
    effective_base,
    effective_sample_size,
    quantile,
    rake,
    two_proportion_z_test,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("k", "n"),
    [(80, 95), (53, 75), (15, 75), (20, 75), (91, 273), (0, 1), (1, 1), (0, 10), (10, 10), (1, 2), (273, 569)],
)
def test_wilson_matches_statsmodels(k, n):
    low, high = proportion_confint(k, n, alpha=0.05, method="wilson")
    interval = wilson_interval(k, n)
    assert round(interval.low, 4) == round(low, 4)
    assert round(interval.high, 4) == round(high, 4)


def test_a_base_of_zero_has_no_interval():
    assert wilson_interval(0, 0) is None


@pytest.mark.parametrize(("k", "n", "population"), [(80, 95, 211), (150, 177, 211), (5, 9, 20), (0, 4, 50), (7, 7, 30)])
def test_wilson_with_finite_population_correction_matches_statsmodels_on_the_effective_base(k, n, population):
    effective = n * (population - 1) / (population - n)
    low, high = proportion_confint(k / n * effective, effective, alpha=0.05, method="wilson")
    interval = wilson_interval(k, n, population=population)
    assert round(interval.low, 4) == round(low, 4)
    assert round(interval.high, 4) == round(high, 4)


def test_the_correction_narrows_the_interval_and_a_census_has_none():
    plain, corrected = wilson_interval(150, 177), wilson_interval(150, 177, population=211)
    assert corrected.high - corrected.low < plain.high - plain.low
    census = wilson_interval(150, 211, population=211)
    assert census.low == census.high == pytest.approx(150 / 211)
    assert math.isinf(effective_sample_size(211, 211))


@pytest.mark.parametrize(
    ("a", "na", "b", "nb"), [(80, 95, 60, 90), (91, 273, 120, 300), (1, 1, 0, 1), (5, 10, 5, 10), (0, 50, 3, 40)]
)
def test_two_proportion_z_test_matches_statsmodels(a, na, b, nb):
    z, p = proportions_ztest([b, a], [nb, na])
    result = two_proportion_z_test(a, na, b, nb)
    assert round(result.z, 4) == round(z, 4)
    assert round(result.p_value, 4) == round(p, 4)
    assert result.significant == (p < 0.05)


def test_z_test_with_all_same_answers_or_no_base():
    assert two_proportion_z_test(10, 10, 20, 20).p_value == 1.0
    assert two_proportion_z_test(0, 10, 0, 20).z == 0.0
    assert two_proportion_z_test(0, 0, 3, 4) is None


def numpy_ipf(table: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """An independent, matrix-form IPF to check ours against."""
    fitted = table.astype(float).copy()
    for _ in range(5000):
        fitted *= (rows / fitted.sum(axis=1))[:, None]
        fitted *= (cols / fitted.sum(axis=0))[None, :]
    return fitted


def test_raking_matches_an_independent_ipf_on_the_classic_example():
    # The worked example of Deming and Stephan's method on Wikipedia's "Iterative proportional fitting" page.
    table = np.array([[40, 30, 20, 10], [35, 50, 100, 75], [30, 80, 70, 120], [20, 30, 40, 50]])
    rows, cols = np.array([150, 300, 400, 150]), np.array([200, 300, 400, 100])
    cells = {(r, c): float(table[r, c]) for r in range(4) for c in range(4)}
    weights = rake(cells, [dict(enumerate(rows)), dict(enumerate(cols))])
    # Our weights keep the sample's size (800); the example's targets total 1,000.
    expected = numpy_ipf(table, rows, cols) * table.sum() / rows.sum()
    for (r, c), count in cells.items():
        assert round(count * weights[(r, c)], 4) == round(expected[r, c], 4)


def test_raking_regions_to_the_frame_and_effective_base():
    # 2012's 95 responses by region, raked to the share of CCGs in each region of the 211.
    cells = {("London",): 12, ("North",): 32, ("Midlands",): 31, ("South",): 20}
    frame = {"London": 32, "North": 70, "Midlands": 61, "South": 48}
    weights = rake(cells, [frame])
    for (region,), count in cells.items():
        assert round(count * weights[(region,)] / 95, 4) == round(frame[region] / 211, 4)
    base = effective_base([(count, weights[cell]) for cell, count in cells.items()])
    assert 0 < base <= 95
    assert round(base, 4) == round(
        sum(c * weights[k] for k, c in cells.items()) ** 2 / sum(c * weights[k] ** 2 for k, c in cells.items()), 4
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-50, 500), st.integers(0, 20)), min_size=1, max_size=30),
    st.sampled_from([0.25, 0.5, 0.75, 0.1, 0.9]),
)
def test_quantiles_from_frequencies_match_numpy(frequencies, q):
    values = [value for value, count in frequencies for _ in range(count)]
    result = quantile(frequencies, q)
    if not values:
        assert result is None
    else:
        assert round(result, 4) == round(float(np.percentile(values, q * 100)), 4)
