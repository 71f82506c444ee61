"""Date and time questions in results: answers counted by month ("2013-04") or by hour ("09:00"), never by day or
minute.

In a confidential wave a date is treated as the export treats the quasi-identifiers (organisation, area team,
region, role): it can name the person who gave it (the day a colleague took up post), so it is coarsened by global
recoding until every class holds at least k answers — neighbouring months (or hours) are merged into ranges such as
"2013-01/2013-06" — and it is published for all respondents only, unweighted. Every range shown holds k or more and
none is hidden, so no range can be worked out from the others; a breakdown, a role filter or weighting would cut the
ranges into groups of fewer than k (or, compared with the overall table, give them by subtraction), so those views
hide the question's figures. The response-level export of a confidential wave leaves dates and times out (see
`selectors.responses`), so no table links them to other answers either.
"""

from collections import defaultdict
from collections.abc import Mapping

from exchange.surveys.answers import hour_label, hour_of, month_label, month_of
from exchange.surveys.models import QuestionKind

WHEN = (QuestionKind.DATE, QuestionKind.TIME)
RANGE = "/"  # between the first and last month (or hour) of a range: ISO 8601's interval notation
WITHHELD = (
    "This is a confidential wave: dates and times are shown for all respondents only, unweighted, in ranges of at "
    "least {k} answers, because a date can name the person who gave it. Breakdowns, role filters and weighting do "
    "not show them."
)


def bucket_of(kind: str, text: str) -> str | None:
    """The month of a date answer or the hour of a time answer; None for text that is neither."""
    return month_of(text) if kind == QuestionKind.DATE else hour_of(text)


def bucket_label(kind: str, code: str) -> str:
    """ "April 2013", "09:00 to 09:59", or for a range "January 2013 to June 2013", "09:00 to 11:59"."""
    first, _, last = code.partition(RANGE)
    if kind == QuestionKind.DATE:
        return month_label(first) if not last else f"{month_label(first)} to {month_label(last)}"
    return hour_label(first) if not last else f"{first} to {last[:2]}:59"


def ranges_of(counts: Mapping[str, float], k: int) -> dict[str, str]:
    """Each bucket's range: neighbours merged, in order, until every range holds at least `k` answers (the last
    short one joins the one before). Fewer than `k` in all: one range, which suppression then hides."""
    ranges: list[list[str]] = []
    held: list[float] = []
    for bucket in sorted(counts):
        if not ranges or held[-1] >= k:
            ranges.append([])
            held.append(0)
        ranges[-1].append(bucket)
        held[-1] += counts[bucket]
    if len(ranges) > 1 and held[-1] < k:
        ranges[-2].extend(ranges.pop())
    return {
        bucket: members[0] if len(members) == 1 else f"{members[0]}{RANGE}{members[-1]}"
        for members in ranges
        for bucket in members
    }


def recoded(by_group: Mapping, k: int) -> dict:
    """`{group: {bucket: count}}` with its buckets merged into the ranges the overall counts (group None) give."""
    ranges = ranges_of(by_group.get(None, {}), k)
    merged: dict = defaultdict(lambda: defaultdict(int))
    for group, buckets in by_group.items():
        for bucket, n in buckets.items():
            merged[group][ranges.get(bucket, bucket)] += n
    return merged
