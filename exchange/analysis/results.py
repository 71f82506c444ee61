"""What a table of results is (`Result`: an overall `Group` and one per group of a breakdown, each with its `Cell`s)
and how a group's figures are worked out from counts: percentages with Wilson intervals, '% positive', numbers'
summaries, dates' and times' months and hours. Pure: the counts are read by `selectors.counts`, the tables
assembled by `selectors.results`."""

from dataclasses import dataclass, field

from exchange.surveys.models import Question, QuestionKind

from .models import ASKED_ROW, BASE_ROW, COUNTED_ROW
from .stats import Interval, mean_interval, quantile, wilson_interval
from .when import WHEN, bucket_label

BREAKDOWNS = {
    "region": ("region_id", "Region"),
    "area_team": ("area_team_id", "Area team"),
    "role": ("role", "Role"),
    "organisation_kind": ("organisation_kind", "Kind of organisation"),
}
ALL = "All respondents"
CHOICE = {QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.MULTIPLE, QuestionKind.LIKERT_GRID}


@dataclass
class Cell:
    code: str
    label: str
    count: int
    percent: float | None
    interval: Interval | None
    in_base: bool = True


@dataclass
class Group:
    key: object
    label: str
    base: int
    answered: int
    cells: list[Cell] = field(default_factory=list)
    positive: Cell | None = None
    suppressed: bool = False
    summary: dict | None = None  # numbers: mean, median, quartiles
    effective_base: float | None = None  # set when weighted: Kish's (Σw)² / Σw²
    respondents: int | None = None  # set when weighted: the unweighted base, which suppression uses
    asked: float | None = None  # the number asked the question (routed in); None where it is not published


@dataclass
class Result:
    question: Question
    item_code: str
    item_text: str
    overall: Group
    groups: list[Group]
    breakdown_label: str = ""
    withheld: str = ""  # why this view of the question shows no figures, where the reason is not the base

    @property
    def code(self) -> str:
        return f"{self.question.code}_{self.item_code}" if self.item_code else self.question.code


@dataclass(frozen=True)
class Options:
    by: str = ""  # a key of BREAKDOWNS, or "q:CODE" for a crosstab by a single-choice question
    roles: tuple[str, ...] = ()
    finite_population: bool = True
    weighted: bool = False  # rake to the frame by region and role (see weighting.py)


def summary_of(values: list[tuple[float, int]]) -> dict:
    n = sum(count for _, count in values)
    interval = mean_interval(values)
    return {
        "n": n,
        "mean": sum(value * count for value, count in values) / n,
        "mean_low": interval.low if interval else None,
        "mean_high": interval.high if interval else None,
        "lower_quartile": quantile(values, 0.25),
        "median": quantile(values, 0.5),
        "upper_quartile": quantile(values, 0.75),
    }


def group_figures(question, item_id, key, label, counts, population, number_summary=None) -> Group:
    def count(option_id):
        return counts.get((question.pk, item_id, option_id), {}).get(key, 0)

    base, answered = count(COUNTED_ROW), count(BASE_ROW)
    group = Group(key=key, label=label, base=base, answered=answered, summary=number_summary, asked=count(ASKED_ROW))
    squares = counts.get(("squares", question.pk, item_id), {}).get(key)
    if squares:
        group.respondents = counts[("respondents", question.pk, item_id)][key]
        # Weighted: intervals use Kish's effective base, and no finite population correction.
        group.effective_base = base * base / squares
        population = None

    def interval(successes, denominator):
        if group.effective_base and denominator:
            return wilson_interval(successes / denominator * group.effective_base, group.effective_base)
        return wilson_interval(successes, denominator, population=population)

    if question.kind in CHOICE:
        positive = 0
        for option in question.options.all():
            n = count(option.pk)
            denominator = answered if option.excluded_from_base else base
            group.cells.append(
                Cell(
                    code=option.code,
                    label=option.label,
                    count=n,
                    in_base=not option.excluded_from_base,
                    percent=n / denominator if denominator else None,
                    interval=interval(n, denominator),
                )
            )
            if option.is_positive and not option.excluded_from_base:  # authoring refuses both; older data may not
                positive += n
        if any(option.is_positive for option in question.options.all()) and question.kind != QuestionKind.MULTIPLE:
            group.positive = Cell(
                code="positive",
                label="Positive",
                count=positive,
                percent=positive / base if base else None,
                interval=interval(positive, base),
            )
    if question.kind in WHEN:
        # Months or hours (or their ranges, see `when`), as options: those of everyone answering, in order.
        buckets = counts.get(("buckets", question.pk, item_id), {})
        own = buckets.get(key, {})
        for code in sorted(buckets.get(None, {})):
            n = own.get(code, 0)
            group.cells.append(
                Cell(
                    code=code,
                    label=bucket_label(question.kind, code),
                    count=n,
                    percent=n / base if base else None,
                    interval=interval(n, base),
                )
            )
    return group
