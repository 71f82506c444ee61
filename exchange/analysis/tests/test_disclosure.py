"""Microdata disclosure control: the quasi-identifiers a confidential export keeps are k-anonymous, at the finest
level that is."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.analysis.disclosure import LEVELS, coarsest_needed

ORGANISATIONS = [("00Q", "NHS Blackpool", "Lancashire", "North"), ("08H", "NHS Camden", "London", "London")]
ORGANISATIONS += [("99X", "NHS Elsewhere", "Devon", "South"), ("", "", "", "")]  # the last: no organisation
ROLES = ["clinical_lead", "managerial_lead", "finance_lead", ""]


def record(organisation, role) -> dict:
    code, name, area_team, region = organisation
    return {"organisation_code": code, "organisation": name, "area_team": area_team, "region": region, "role": role}


records = st.lists(st.builds(record, st.sampled_from(ORGANISATIONS), st.sampled_from(ROLES)), min_size=1, max_size=80)


@settings(max_examples=300, deadline=None)
@given(records=records, k=st.integers(min_value=2, max_value=12))
def test_every_kept_combination_is_shared_by_at_least_k_records_or_nothing_is_kept(records, k):
    label, kept = coarsest_needed(records, k=k)
    counts = Counter(tuple(r[name] for name in kept) for r in records)
    if kept:
        assert min(counts.values()) >= k
    else:
        assert label == "none"


@settings(max_examples=300, deadline=None)
@given(records=records, k=st.integers(min_value=2, max_value=12))
def test_no_finer_level_would_have_been_k_anonymous(records, k):
    label, _ = coarsest_needed(records, k=k)
    chosen = [name for name, _ in LEVELS].index(label)
    for _, attributes in LEVELS[:chosen]:
        counts = Counter(tuple(r[name] for name in attributes) for r in records)
        assert min(counts.values()) < k


def test_a_lone_finance_lead_in_a_region_takes_the_role_out_of_that_combination():
    rows = [record(ORGANISATIONS[0], "clinical_lead")] * 10 + [record(ORGANISATIONS[0], "finance_lead")]
    rows += [record(ORGANISATIONS[1], "clinical_lead")] * 10
    label, kept = coarsest_needed(rows, k=10)
    assert "role" not in kept and label == "region"
