"""Results per question: counts, bases, percentages with Wilson intervals, '% positive', numbers' summaries,
breakdowns and suppression, for every table, chart, export and report of a wave. A confidential wave's tables also
ask the disclosure layer (`protection`) which groups they may show."""

from dataclasses import replace

from exchange.surveys.models import Question, QuestionKind, Wave, WaveStatus
from exchange.surveys.questionnaire import Questionnaire

from ..models import ASKED_ROW, RESPONSES
from ..protection import PARTITIONS, RESULTS_AFTER_CLOSE, Protection, Refused, wave_protection
from ..results import ALL, BREAKDOWNS, Group, Options, Result, group_figures
from ..suppression import suppress
from ..weighting import cell_weights
from ..when import WHEN, WITHHELD, recoded
from .counts import (
    _asked_everyone,
    _bucket_counts,
    _crosstab_counts,
    _number_summaries,
    _populations,
    _tally_counts,
    group_labels,
)

_EVERYONE = Options()  # no breakdown, filter or weighting


def wave_results(*, wave: Wave, options: Options = _EVERYONE, codes: set[str] | None = None) -> list[Result]:
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
    by_question, weights = None, None
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
        if question.kind == QuestionKind.NOTE or (codes is not None and question.code not in codes):
            continue  # a note takes no answer
        if question.kind in WHEN:
            counts[("buckets", question.pk, 0)] = _when_counts(
                wave, question, options, by_question, weights, protection
            )
        if question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            items = [(0, "", "")]
        elif question.kind == QuestionKind.LIKERT_GRID:
            items = [(item.pk, item.code, item.text) for item in question.grid_items.all()]
        else:
            items = [(0, "", "")]
        summaries = (
            _number_summaries(wave, question, options, by_question)
            if question.analysed_as == QuestionKind.NUMBER
            else {}
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
            overall = group_figures(question, item_id, None, ALL, counts, populations.get(None), summaries.get(None))
            groups = [
                group_figures(
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
            result = Result(question, item_code, item_text, overall, groups, breakdown_label)
            if protection is not None and question.kind in WHEN and (options.by or options.roles or options.weighted):
                _withhold(result, options, protection.k)
            results.append(result)
    return results


def _when_counts(
    wave: Wave,
    question: Question,
    options: Options,
    by_question: Question | None,
    weights: dict | None,
    protection: Protection | None,
) -> dict:
    """A date or time question's months or hours; in a confidential wave everyone's, unweighted, in ranges of k, and
    none at all for a filtered or weighted table, which `_withhold` hides."""
    if protection is None:
        return _bucket_counts(wave, question, options, by_question, weights)
    if options.roles or options.weighted:
        return {}
    return recoded(_bucket_counts(wave, question, _EVERYONE, None), protection.k)


def _withhold(result: Result, options: Options, k: int) -> None:
    """A confidential wave's date or time in any view but everyone's, unweighted: its groups (and, filtered or
    weighted, everyone's figures) are hidden, and the table says why (see `when`)."""
    result.withheld = WITHHELD.format(k=k)
    for group in result.groups:
        group.suppressed = True
    if options.roles or options.weighted:
        result.overall.suppressed = True


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
    cells: list[dict] = []
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
