"""The attack on a confidential wave's aggregate outputs, taken together (issue 11, acceptance item 1).

Hypothesis builds a confidential wave with tiny groups: regions of several area teams and one area team alone in its
region, organisations of two kinds, roles of 0 to 5 people per organisation, respondents with no organisation ("Not
known"), a single-choice question, a Likert question with a "don't know" outside the base and a multiple-choice
question some skip. The attacker is the survey owner's analyst: they collect every figure the platform publishes for
the wave — every breakdown (region, area team, role, kind), every role filter it offers, every organisation's
report, the tracking page, the k-anonymous response-level export and the contacts page's frame (who was invited,
from which organisation, in which role), and which groups each table lists (a listed group, its figures hidden or
not, has at least one respondent; a group left out has nobody answering) — and write each as an equation over unknown
counts per organisation and role. Integer programming (HiGHS through scipy) then gives, for every small group or
crossing of two classifications (1 to k − 1 respondents) and every count about it — respondents, answered, counted,
each answer — the least and the most it can be. The property holds when no such count is pinned to one value, except
where it follows from what holds for whole groups of K or more that together hold it, shown or worked out — none of
them ("no clinical lead chose it") or all of them ("everyone invited from this organisation responded"): the 0% or
100% any published table may show, which says nothing of a small group that it does not say of K people.

The attack model is written from the platform's outputs, independently of `protection`: what the attacker collects
is in `linked_tables_collect`, how they solve it in `linked_tables_solve`.
"""

import os

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from exchange.analysis.tests.generated_waves import KINDS, ROLES, build_wave
from exchange.analysis.tests.linked_tables_collect import (
    Model,
    _cells,
    _collect,
    _truth,
)
from exchange.analysis.tests.linked_tables_solve import (
    Attack,
    _said_of_a_large_group,
    _shares,
)

pytestmark = pytest.mark.django_db


# A wave's shape: per region, its area teams; per area team, its organisations as (kind, {role: (invited, answered)}).
organisation = st.tuples(
    st.sampled_from(KINDS),
    st.fixed_dictionaries(
        {role: st.integers(0, 5).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))) for role in ROLES}
    ),
)
area_team = st.lists(organisation, min_size=1, max_size=3)
shapes = st.tuples(
    st.lists(st.lists(area_team, min_size=2, max_size=3), min_size=1, max_size=2),  # regions of several area teams
    area_team,  # an area team alone in its region
    st.integers(0, 3),  # respondents with no organisation (with none, the tracking page's completions show)
    st.integers(0, 2**32 - 1),  # the answers
)


def _recovered(wave) -> list[str]:
    model = Model(wave)
    _collect(wave, model)
    truth = _truth(wave)
    attack = Attack(model)
    large = _cells(model, truth, small=False) + [("all", frozenset(model.atoms))]
    shares = _shares(model)
    problems = []
    everyone = sum(truth[("respondents", atom)] for atom in model.atoms)
    for key, atoms in _cells(model, truth):
        if sum(truth[("respondents", atom)] for atom in atoms) == everyone:
            continue  # a "group" that is everyone: a wave of fewer than K, whose response count the tracking page gives
        for measure in model.measures:
            low, high = attack.interval(measure, atoms)
            actual = sum(truth[(measure, atom)] for atom in atoms)
            assert low <= actual <= high
            if low == high and not _said_of_a_large_group(attack, large, shares, measure, atoms, low):
                problems.append(f"{key}: {measure} = {low}")
    return problems


@settings(
    # Each example takes 3 to 20 s (a thousand or more linear programmes); CX_ATTACK_EXAMPLES=100 for a long hunt.
    max_examples=int(os.environ.get("CX_ATTACK_EXAMPLES", "8")),
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure prints its shape; shrinking takes hours
    # The same examples on every run, so CI is a regression test; a hunt for new shapes sets CX_ATTACK_RANDOM=1 (and
    # CX_ATTACK_EXAMPLES). Hunts of 30-80 examples still find about one shape in 40 that integer bounds pin: see
    # issue 11's note.
    derandomize=os.environ.get("CX_ATTACK_RANDOM") != "1",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(shape=shapes)
def test_no_small_group_is_recovered_from_everything_a_confidential_wave_publishes(db, shape):
    cache.clear()  # rolled-back keys come round again
    with transaction.atomic():
        wave = build_wave(shape)
        problems = _recovered(wave)
        transaction.set_rollback(True)
    assert problems == [], f"recovered from {shape!r}"
