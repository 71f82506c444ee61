"""The counts a wave's tables are made of: from AnswerTally (GROUP BY over a few thousand rows) or, for a crosstab by
another question's answer, from CrossTally (the same, by that answer), both kept at submission; the frame's sizes;
numbers' values and dates' and times' months and hours; and the labels of a breakdown's groups."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, cast

from django.db.models import Count, F, FilteredRelation, Q, Sum

from exchange.organisations.models import AreaTeam, OrganisationKind, Region
from exchange.surveys.models import Answer, Contact, Question, QuestionKind, Wave
from exchange.surveys.questionnaire import Questionnaire

from ..models import ASKED_ROW, BASE_ROW, COUNTED_ROW, RESPONSES, AnswerTally, CrossTally
from ..results import BREAKDOWNS, Options, summary_of
from ..tallies import items_of
from ..when import bucket_of


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
    sizes: dict = {None: contacts.count()}
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


def _number_summaries(wave: Wave, question: Question, options: Options, by_question: Question | None) -> dict:
    """n, mean with its 95% interval, median and quartiles: overall (key None, everyone who answered) and per group
    of the breakdown, keyed as the tallies key them (0 or "" for "Not known")."""
    answers = Answer.objects.filter(question=question, number__isnull=False, response__wave=wave)
    if options.roles:
        answers = answers.filter(response__role__in=options.roles)
    overall = [
        (float(cast(Decimal, row["number"])), row["n"]) for row in answers.values("number").annotate(n=Count("id"))
    ]
    summaries = {None: summary_of(overall)} if overall else {}
    frequencies: dict = defaultdict(list)
    rows: Iterable[Mapping[str, Any]]
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
        frequencies[group].append((float(cast(Decimal, row["number"])), row["n"]))
    summaries.update({group: summary_of(values) for group, values in frequencies.items()})
    return summaries


def _bucket_counts(
    wave: Wave, question: Question, options: Options, by_question: Question | None, weights: dict | None = None
) -> dict:
    """A date or time question's answers by month or hour (`when`): {group: {bucket: count}}, overall (key None,
    everyone who answered) and per group of the breakdown, keyed as the tallies key them; weighted like them."""
    answers = Answer.objects.filter(question=question, response__wave=wave).exclude(text="")
    if options.roles:
        answers = answers.filter(response__role__in=options.roles)
    weighting = ["response__region_id", "response__role"] if weights is not None else []
    counts: dict = defaultdict(lambda: defaultdict(int))

    def add(rows: Iterable[Mapping[str, Any]], grouped: bool) -> None:
        for row in rows:
            bucket = bucket_of(question.kind, row["text"])
            if bucket is None:
                continue
            group = (row["group"] if row["group"] is not None else NOT_KNOWN.get(options.by)) if grouped else None
            weight = (
                weights.get((row["response__region_id"] or 0, row["response__role"] or ""), 0.0)
                if weights is not None
                else 1
            )
            counts[group][bucket] += row["n"] * weight

    add(answers.values("text", *weighting).annotate(n=Count("id")), grouped=False)
    if by_question is not None:
        grouped = answers.annotate(
            by=FilteredRelation("response__answers", condition=Q(response__answers__question=by_question))
        ).exclude(by__option_id=None)
        add(grouped.values("text", group=F("by__option_id")).annotate(n=Count("id")), grouped=True)
    elif options.by in NUMBER_COLUMNS:
        column = NUMBER_COLUMNS[options.by]
        add(answers.values("text", *weighting, group=F(column)).annotate(n=Count("id")), grouped=True)
    return counts


def respondents_choosing_any(*, wave: Wave, question: Question, option_codes: list[str]) -> int:
    """How many respondents chose at least one of `option_codes` at a multiple-choice question: each counted once."""
    chosen = Answer.objects.filter(response__wave=wave, question=question, option__code__in=option_codes)
    return chosen.values("response_id").distinct().count()
