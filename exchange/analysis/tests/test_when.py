"""Dates and times in results (`analysis.when`): months and hours, and in a confidential wave neighbouring ones
merged until every range holds k answers."""

import pytest

from exchange.analysis.when import bucket_label, bucket_of, ranges_of, recoded
from exchange.surveys.models import QuestionKind


def test_a_date_counts_in_its_month_and_a_time_in_its_hour():
    assert bucket_of(QuestionKind.DATE, "2013-04-17") == "2013-04"
    assert bucket_of(QuestionKind.TIME, "09:41") == "09:00"
    assert bucket_of(QuestionKind.DATE, "17/04/2013") is None


@pytest.mark.parametrize(
    ("kind", "code", "label"),
    [
        (QuestionKind.DATE, "2013-04", "April 2013"),
        (QuestionKind.DATE, "2013-01/2013-06", "January 2013 to June 2013"),
        (QuestionKind.TIME, "09:00", "09:00 to 09:59"),
        (QuestionKind.TIME, "09:00/11:00", "09:00 to 11:59"),
    ],
)
def test_months_hours_and_their_ranges_read_as_words(kind, code, label):
    assert bucket_label(kind, code) == label


def test_neighbours_merge_in_order_until_each_range_holds_k():
    counts = {"2013-01": 12, "2013-02": 3, "2013-03": 8, "2013-04": 15}
    assert ranges_of(counts, 10) == {
        "2013-01": "2013-01",
        "2013-02": "2013-02/2013-03",
        "2013-03": "2013-02/2013-03",
        "2013-04": "2013-04",
    }


def test_a_short_last_range_joins_the_one_before():
    ranges = ranges_of({"08:00": 10, "09:00": 4, "10:00": 7, "11:00": 2}, 10)
    assert set(ranges.values()) == {"08:00", "09:00/11:00"}


def test_fewer_than_k_in_all_make_one_range():
    assert set(ranges_of({"2013-01": 2, "2014-06": 3}, 10).values()) == {"2013-01/2014-06"}


def test_every_range_of_any_counts_holds_k_when_k_are_there():
    import random

    rng = random.Random(7)
    for _ in range(200):
        counts = {f"2013-{month:02d}": rng.randint(1, 12) for month in range(1, rng.randint(2, 13))}
        merged = recoded({None: counts}, 10)[None]
        if sum(counts.values()) >= 10:
            assert min(merged.values()) >= 10
        assert sum(merged.values()) == sum(counts.values())


def test_groups_are_recoded_into_the_ranges_of_everyone():
    merged = recoded({None: {"2013-01": 6, "2013-02": 6}, "north": {"2013-01": 6}}, 10)
    assert merged["north"] == {"2013-01/2013-02": 6}
