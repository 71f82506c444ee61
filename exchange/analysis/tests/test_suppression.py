"""Property-based: whatever the group sizes, no hidden base can be recovered from what is shown."""

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.analysis.suppression import suppress


def achievable_values(ranges: list[range], total: int, index: int) -> set[int]:
    """Brute force by dynamic programming, independent of the code under test: every value group `index`
    can take such that all hidden groups, each within its range, add up to the known total."""
    sums = {0}
    for i, values in enumerate(ranges):
        if i != index:
            sums = {s + v for s in sums for v in values if s + v <= total}
    return {v for v in ranges[index] if total - v in sums}


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(st.sampled_from("ABCDEFGH"), st.integers(1, 40), min_size=1, max_size=8),
    st.integers(2, 15),
)
def test_no_hidden_base_can_be_recovered_from_the_total_and_the_shown_groups(bases, threshold):
    result = suppress(bases, threshold=threshold)
    assert {g for g, b in bases.items() if b < threshold} <= result.hidden
    if result.total_hidden or not result.hidden:
        return
    hidden = sorted(result.hidden)
    total = sum(bases.values())
    hidden_sum = total - sum(b for g, b in bases.items() if g not in result.hidden)
    # What a reader knows: a hidden group under the threshold has 1..t-1 respondents; one hidden to protect
    # it has at least t; together they make up the difference between the total and the shown groups.
    ranges = [range(1, threshold) if bases[g] < threshold else range(threshold, hidden_sum + 1) for g in hidden]
    for index in range(len(hidden)):
        assert len(achievable_values(ranges, hidden_sum, index)) > 1, (bases, threshold, result)


def test_nothing_is_hidden_when_every_base_is_large_enough():
    assert suppress({"London": 12, "North": 32}, threshold=10).hidden == frozenset()


def test_one_small_group_takes_the_next_smallest_with_it():
    result = suppress({"London": 4, "North": 32, "Midlands": 31, "South": 20}, threshold=10)
    assert result.hidden == {"London", "South"}


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from("ABCDEF"),
        st.lists(st.integers(0, 9), min_size=3, max_size=3).filter(lambda counts: sum(counts) > 0),
        min_size=2,
        max_size=6,
    ),
    st.integers(2, 12),
)
def test_no_hidden_percentage_can_be_recovered_from_the_totals_and_the_shown_groups(table, threshold):
    """Each group's count per answer (one answer each). Shown: every shown group's counts and the overall
    counts. A hidden group's percentage for an answer must be able to take two values, unless the overall
    figure (0% or 100%) already gives it for everyone."""
    cells = {group: dict(enumerate(counts)) for group, counts in table.items()}
    bases = {group: sum(counts) for group, counts in table.items()}
    result = suppress(bases, threshold=threshold, cells=[cells])
    if result.total_hidden or not result.hidden:
        return
    hidden = sorted(result.hidden)
    hidden_sum = sum(bases[g] for g in hidden)
    ranges = [range(1, threshold) if bases[g] < threshold else range(threshold, hidden_sum + 1) for g in hidden]
    overall = {o: sum(cells[g][o] for g in cells) for o in range(3)}
    for index, group in enumerate(hidden):
        possible_bases = achievable_values(ranges, hidden_sum, index)
        for option in range(3):
            if overall[option] in (0, sum(bases.values())):
                continue
            column = sum(cells[g][option] for g in hidden)
            # Fréchet bounds: in a table with these margins the cell takes every value between them.
            shares = {
                x / base
                for base in possible_bases
                for x in range(max(0, base + column - hidden_sum), min(base, column) + 1)
            }
            assert len(shares) > 1, (table, threshold, result, group, option)


def test_hidden_groups_of_a_multiple_choice_question_never_all_chose_an_option_or_all_did_not():
    """A lone group of 3 who all ticked an option, hidden with the next smallest whose 11 all ticked it too, would
    read 100% by subtraction: the secondary suppression goes on until it does not."""
    from types import SimpleNamespace

    from exchange.analysis.results import Cell, Group
    from exchange.analysis.selectors.results import _apply_suppression
    from exchange.surveys.models import QuestionKind

    def group(key, base, ticked):
        return Group(key, key, base, base, cells=[Cell("too_busy", "Too busy", ticked, None, None)])

    groups = [group("clinical", 20, 10), group("managerial", 11, 11), group("finance", 3, 3)]
    overall = Group("all", "All", 34, 34, cells=[Cell("too_busy", "Too busy", 24, None, None)])
    _apply_suppression(SimpleNamespace(kind=QuestionKind.MULTIPLE), overall, groups, 10)
    hidden = [g for g in groups if g.suppressed]
    if not overall.suppressed:
        left_base = overall.base - sum(g.base for g in groups if not g.suppressed)
        left_ticked = 24 - sum(g.cells[0].count for g in groups if not g.suppressed)
        assert 0 < left_ticked < left_base
    assert {g.key for g in hidden} >= {"finance", "managerial"}
