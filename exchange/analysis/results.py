"""Results per question: counts, bases, percentages with Wilson intervals, '% positive', numbers' summaries,
breakdowns and suppression. Counts come from AnswerTally (GROUP BY over a few thousand rows) or, for a
crosstab by another question's answer, from CrossTally (the same, by that answer); both are kept at submission."""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, F, FilteredRelation, Q, Sum

from exchange.organisations.models import AreaTeam, OrganisationKind, Region
from exchange.surveys.models import Answer, Contact, Question, QuestionKind, Wave, WaveStatus
from exchange.surveys.questionnaire import Questionnaire

from .models import ASKED_ROW, BASE_ROW, COUNTED_ROW, RESPONSES, AnswerTally, CrossTally
from .protection import PARTITIONS, RESULTS_AFTER_CLOSE, Protection, Refused, wave_protection
from .stats import Interval, mean_interval, quantile, wilson_interval
from .suppression import suppress
from .tallies import items_of
from .weighting import cell_weights

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

    @property
    def code(self) -> str:
        return f"{self.question.code}_{self.item_code}" if self.item_code else self.question.code


@dataclass(frozen=True)
class Options:
    by: str = ""  # a key of BREAKDOWNS, or "q:CODE" for a crosstab by a single-choice question
    roles: tuple[str, ...] = ()
    finite_population: bool = True
    weighted: bool = False  # rake to the frame by region and role (see weighting.py)


def _role_labels() -> dict:
    from exchange.accounts.models import Role

    return dict(Role.choices)


def group_labels(by: str) -> dict:
    if by == "region":
        return dict(Region.objects.values_list("id", "name"))
    if by == "area_team":
        return dict(AreaTeam.objects.values_list("id", "name"))
    if by == "role":
        return _role_labels()
    if by == "organisation_kind":
        return dict(OrganisationKind.choices)
    return {}


def _populations(wave: Wave, by: str, roles: tuple[str, ...]) -> dict:
    """The frame size overall (key None) and per group, from the wave's invited contacts; empty if none."""
    contacts = Contact.objects.filter(wave=wave, invited_at__isnull=False)
    if roles:
        contacts = contacts.filter(role__in=roles)
    sizes = {None: contacts.count()}
    column = {
        "region": "organisation__region_id",
        "area_team": "organisation__area_team_id",
        "role": "role",
        "organisation_kind": "organisation__kind",
    }.get(by)
    if column and sizes[None]:
        for row in contacts.values(group=F(column)).annotate(n=Count("id")):
            sizes[row["group"] or (0 if by in ("region", "area_team") else "")] = row["n"]
    return sizes if sizes[None] else {}


def _tally_counts(wave: Wave, options: Options, weights: dict | None = None) -> dict:
    """{(question_id, grid_item_id, option_id): {group: count}} with group None for the overall figure.
    Weighted, counts are sums of weights, and ("squares", question, item) keys hold Σ n·w² for the base rows."""
    rows = AnswerTally.objects.filter(wave_id=wave.pk)
    if options.roles:
        rows = rows.filter(role__in=options.roles)
    counts: dict = defaultdict(lambda: defaultdict(int))
    column = BREAKDOWNS[options.by][0] if options.by in BREAKDOWNS else None
    values = ["question_id", "grid_item_id", "option_id"] + ([column] if column else [])
    if weights is not None:
        values += [name for name in ("region_id", "role") if name not in values]
    for row in rows.values(*values).annotate(n=Sum("count")):
        key = (row["question_id"], row["grid_item_id"], row["option_id"])
        weight = weights.get((row["region_id"], row["role"]), 0.0) if weights is not None else 1
        groups = [None] + ([row[column]] if column else [])
        for group in groups:
            counts[key][group] += row["n"] * weight
            if weights is not None and row["option_id"] == COUNTED_ROW:
                counts[("squares", row["question_id"], row["grid_item_id"])][group] += row["n"] * weight * weight
                counts[("respondents", row["question_id"], row["grid_item_id"])][group] += row["n"]
    return counts


def _crosstab_counts(wave: Wave, by_question: Question, options: Options, questionnaire: Questionnaire) -> dict:
    """The same shape as `_tally_counts`, grouped by the option each respondent chose at `by_question`, from
    CrossTally. The overall figure (group None) is left out: it comes from AnswerTally, for everyone."""
    rows = CrossTally.objects.filter(wave_id=wave.pk, by_question_id=by_question.pk)
    if options.roles:
        rows = rows.filter(role__in=options.roles)
    counts: dict = defaultdict(lambda: defaultdict(int))
    for row in rows.values("question_id", "grid_item_id", "option_id", "by_option_id").annotate(n=Sum("count")):
        counts[(row["question_id"], row["grid_item_id"], row["option_id"])][row["by_option_id"]] += row["n"]
    # A question with one answer per respondent keeps only option rows: its bases are their sums.
    for question in questionnaire.questions:
        if question.kind not in (QuestionKind.SINGLE, QuestionKind.LIKERT, QuestionKind.LIKERT_GRID):
            continue
        for item in items_of(question):
            for option in question.options.all():
                for group, n in counts.get((question.pk, item, option.pk), {}).items():
                    counts[(question.pk, item, BASE_ROW)][group] += n
                    if not option.excluded_from_base:
                        counts[(question.pk, item, COUNTED_ROW)][group] += n
    # Everyone in a group answered the breakdown question with its option: the number asked of an unrouted question.
    responses = counts[(RESPONSES, 0, BASE_ROW)]
    for option in by_question.options.all():
        n = counts.get((by_question.pk, 0, option.pk), {}).get(option.pk, 0)
        if n:
            responses[option.pk] = n
    return counts


def _asked_everyone(counts: dict, questionnaire: Questionnaire) -> None:
    """A question without routing was asked of every respondent: its ASKED_ROW is the RESPONSES row."""
    responses = counts.get((RESPONSES, 0, BASE_ROW), {})
    for question in questionnaire.questions:
        if question.conditions.all():
            continue
        for item in items_of(question):
            counts[(question.pk, item, ASKED_ROW)] = defaultdict(int, responses)


NUMBER_COLUMNS = {
    "region": "response__region_id",
    "area_team": "response__area_team_id",
    "role": "response__role",
    "organisation_kind": "response__organisation__kind",
}
NOT_KNOWN = {"region": 0, "area_team": 0, "role": "", "organisation_kind": ""}


def _summary(values: list[tuple[float, int]]) -> dict:
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


def _number_summaries(wave: Wave, question: Question, options: Options, by_question: Question | None) -> dict:
    """n, mean with its 95% interval, median and quartiles: overall (key None, everyone who answered) and per group
    of the breakdown, keyed as the tallies key them (0 or "" for "Not known")."""
    answers = Answer.objects.filter(question=question, number__isnull=False, response__wave=wave)
    if options.roles:
        answers = answers.filter(response__role__in=options.roles)
    overall = [(float(row["number"]), row["n"]) for row in answers.values("number").annotate(n=Count("id"))]
    summaries = {None: _summary(overall)} if overall else {}
    frequencies: dict = defaultdict(list)
    if by_question is not None:
        grouped = answers.annotate(
            by=FilteredRelation("response__answers", condition=Q(response__answers__question=by_question))
        ).exclude(by__option_id=None)
        rows = grouped.values("number", group=F("by__option_id")).annotate(n=Count("id"))
    elif options.by in NUMBER_COLUMNS:
        rows = answers.values("number", group=F(NUMBER_COLUMNS[options.by])).annotate(n=Count("id"))
    else:
        rows = []
    for row in rows:
        group = row["group"] if row["group"] is not None else NOT_KNOWN.get(options.by)
        frequencies[group].append((float(row["number"]), row["n"]))
    summaries.update({group: _summary(values) for group, values in frequencies.items()})
    return summaries


def respondents_choosing_any(*, wave: Wave, question: Question, option_codes: list[str]) -> int:
    """How many respondents chose at least one of `option_codes` at a multiple-choice question: each counted once."""
    chosen = Answer.objects.filter(response__wave=wave, question=question, option__code__in=option_codes)
    return chosen.values("response_id").distinct().count()


def _group(question, item_id, key, label, counts, population, number_summary=None) -> Group:
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
    return group


def wave_results(*, wave: Wave, options: Options = Options(), codes: set[str] | None = None) -> list[Result]:
    questionnaire = Questionnaire.for_wave(wave)
    threshold = wave.series.suppression_threshold
    if wave.is_confidential and wave.status != WaveStatus.CLOSED:
        raise Refused(RESULTS_AFTER_CLOSE)  # before any work: nothing of an open confidential wave is published
    protection = wave_protection(wave)
    if protection is not None:
        refusal = protection.refusal(
            by=options.by, roles=options.roles, weighted=options.weighted, closed=wave.status == WaveStatus.CLOSED
        )
        if refusal:
            raise Refused(refusal)
    by_question = None
    if options.by.startswith("q:"):
        by_question = questionnaire.by_code.get(options.by[2:])
        if by_question is None or by_question.kind not in (QuestionKind.SINGLE, QuestionKind.LIKERT):
            raise ValueError(f"cannot break down by {options.by[2:]!r}: not a single-choice question of this wave")
        if options.weighted:
            raise ValueError("a breakdown by another question's answer is not weighted")  # the form says so first
        counts = _crosstab_counts(wave, by_question, options, questionnaire)
        # "All respondents" is everyone, with the finite population correction, as in every other output; the
        # groups are those who answered the breakdown question, by their answer.
        for key, by_group in _tally_counts(wave, replace(options, by="")).items():
            counts[key][None] = by_group[None]
        _asked_everyone(counts, questionnaire)
        labels = {option.pk: option.label for option in by_question.options.all()}
        breakdown_label = by_question.text
    else:
        weights = cell_weights(wave) if options.weighted else None
        counts = _tally_counts(wave, options, weights)
        _asked_everyone(counts, questionnaire)
        labels = group_labels(options.by) if options.by else {}
        breakdown_label = BREAKDOWNS[options.by][1] if options.by else ""
    populations = (
        _populations(wave, "" if by_question else options.by, options.roles) if options.finite_population else {}
    )
    # A confidential wave's tables list the same groups for every question, those of anyone who answered anything: a
    # group left out of one question's table would say that nobody in it answered that question.
    every_group = None
    if protection is not None and options.by in PARTITIONS:
        every_group = {
            group
            for (question_id, _, option_id), by_group in counts.items()
            if question_id != RESPONSES and option_id != ASKED_ROW
            for group in by_group
            if group is not None
        }
    results = []
    for question in questionnaire.questions:
        if codes is not None and question.code not in codes:
            continue
        if question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            items = [(0, "", "")]
        elif question.kind == QuestionKind.LIKERT_GRID:
            items = [(item.pk, item.code, item.text) for item in question.grid_items.all()]
        else:
            items = [(0, "", "")]
        summaries = (
            _number_summaries(wave, question, options, by_question) if question.kind == QuestionKind.NUMBER else {}
        )
        for item_id, item_code, item_text in items:
            keys = sorted(
                every_group
                if every_group is not None
                else {
                    group
                    for (q, i, o), by_group in counts.items()
                    if q == question.pk and i == item_id and o != ASKED_ROW
                    for group in by_group
                    if group is not None
                },
                key=lambda g: str(labels.get(g, g)),
            )
            overall = _group(question, item_id, None, ALL, counts, populations.get(None), summaries.get(None))
            groups = [
                _group(
                    question,
                    item_id,
                    key,
                    str(labels.get(key, key or "Not known")),
                    counts,
                    populations.get(key),
                    summaries.get(key),
                )
                for key in keys
            ]
            _apply_suppression(question, overall, groups, threshold)
            if protection is not None:
                _apply_protection(protection, options, question, item_id, overall, groups)
            results.append(Result(question, item_code, item_text, overall, groups, breakdown_label))
    return results


def _apply_protection(
    protection: Protection, options: Options, question: Question, item_id: int, overall: Group, groups: list[Group]
) -> None:
    """A confidential wave: hide what the disclosure layer hides for this question, whatever this table says."""
    # The number asked of a routed question counts a combination of answers that the audit does not model: published
    # for everyone only, never for a group or a set of roles.
    for group in groups:
        group.asked = None
    if options.roles:
        overall.asked = None
    if options.by in PARTITIONS:
        hidden = protection.hidden_in(options.by, question_id=question.pk, item_id=item_id)
        for group in groups:
            group.suppressed = group.suppressed or group.key in hidden
    if options.roles and protection.filter_refusal(options.roles, question_id=question.pk, item_id=item_id):
        overall.suppressed = True
        for group in groups:
            group.suppressed = True


def _apply_suppression(question: Question, overall: Group, groups: list[Group], threshold: int) -> None:
    def respondents(group: Group) -> float:
        return group.respondents if group.respondents is not None else group.base

    # Shares of the counted base (answers in the base) and of everyone answering (with "don't know").
    cells = []
    if question.kind != QuestionKind.MULTIPLE and groups and groups[0].cells and groups[0].respondents is None:
        cells = [
            {group.key: {cell.code: cell.count for cell in group.cells if cell.in_base} for group in groups},
            {group.key: {cell.code: cell.count for cell in group.cells} for group in groups},
        ]
    if question.kind == QuestionKind.MULTIPLE and groups and groups[0].cells:
        # Each option is its own yes/no question: hidden groups must not all have chosen it, or all not, unless
        # everyone did (which the overall figure says anyway).
        codes = [cell.code for cell in groups[0].cells]
        counts = {group.key: {cell.code: cell.count for cell in group.cells} for group in groups}
        cells = [
            {
                group.key: {
                    "chosen": counts[group.key].get(code, 0),
                    "not chosen": respondents(group) - counts[group.key].get(code, 0),
                }
                for group in groups
            }
            for code in codes
        ]
    decision = suppress({group.key: respondents(group) for group in groups}, threshold=threshold, cells=cells)
    for group in groups:
        group.suppressed = group.key in decision.hidden
    overall.suppressed = respondents(overall) < threshold or decision.total_hidden
