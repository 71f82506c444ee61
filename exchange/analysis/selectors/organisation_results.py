"""One organisation's results beside all respondents', for up to three waves of a series side by side.
The organisation's own figures come from its few answers directly (a small GROUP BY); suppression applies
to them exactly as to any group."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from exchange.organisations.models import Organisation
from exchange.surveys.models import Answer, Wave, WaveStatus

from ..models import BASE_ROW, COUNTED_ROW
from ..protection import wave_protection
from ..results import ALL, Group, Options, Result, group_figures
from ..when import WHEN
from .results import wave_results


def _organisation_counts(wave: Wave, organisation: Organisation) -> dict:
    answers = Answer.objects.filter(response__wave=wave, response__organisation=organisation)
    counts: dict = defaultdict(lambda: defaultdict(int))
    for row in (
        answers.filter(option__isnull=False).values("question_id", "grid_item_id", "option_id").annotate(n=Count("id"))
    ):
        counts[(row["question_id"], row["grid_item_id"] or 0, row["option_id"])]["org"] = row["n"]
    in_base = Q(option__isnull=True) | Q(option__excluded_from_base=False)
    for bases in answers.values("question_id", "grid_item_id").annotate(
        answered=Count("response", distinct=True), counted=Count("response", distinct=True, filter=in_base)
    ):
        counts[(bases["question_id"], bases["grid_item_id"] or 0, BASE_ROW)]["org"] = bases["answered"]
        counts[(bases["question_id"], bases["grid_item_id"] or 0, COUNTED_ROW)]["org"] = bases["counted"]
    return counts


@dataclass
class Comparison:
    code: str
    text: str
    waves: list[tuple[Wave, Group | None, Group | None]]  # (wave, organisation's figures, all respondents')


def organisation_comparison(*, wave: Wave, organisation: Organisation, waves_back: int = 3) -> list[Comparison]:
    # Earlier waves only once closed: an open wave's figures reach no organisation's report.
    waves = (
        list(
            Wave.objects.filter(series=wave.series, fieldwork_start__lte=wave.fieldwork_start)
            .filter(Q(status=WaveStatus.CLOSED) | Q(pk=wave.pk))
            .order_by("-fieldwork_start")[:waves_back]
        )
        if wave.fieldwork_start
        else [wave]
    )
    waves.reverse()
    threshold = wave.series.suppression_threshold
    per_wave: dict[int, tuple[dict, dict]] = {}
    for each in waves:
        everyone = {result.code: result for result in wave_results(wave=each, options=Options())}
        counts = _organisation_counts(each, organisation)
        protection = wave_protection(each)
        own = {}
        for code, result in everyone.items():
            item_id = next((i.pk for i in result.question.grid_items.all() if i.code == result.item_code), 0)
            group = group_figures(result.question, item_id, "org", organisation.name, counts, None)
            # A confidential wave: the disclosure layer decides, with every other table of the wave in view.
            hidden = protection is not None and protection.is_hidden(
                "organisation", organisation.pk, question_id=result.question.pk, item_id=item_id
            )
            group.suppressed = group.base < threshold or hidden
            own[code] = group
        per_wave[each.pk] = (own, everyone)
    own_now, everyone_now = per_wave[wave.pk]
    comparisons = []
    for code, result in everyone_now.items():
        if not result.overall.cells or result.question.kind in WHEN:
            continue  # choices only: one organisation's months or hours would be a handful of dates
        row = []
        for each in waves:
            own, everyone = per_wave[each.pk]
            other: Result | None = everyone.get(code)
            row.append((each, own.get(code), other.overall if other else None))
        label = f"{result.question.text}: {result.item_text}" if result.item_text else result.question.text
        comparisons.append(Comparison(code=code, text=label, waves=row))
    return comparisons


__all__ = ["ALL", "Comparison", "organisation_comparison"]
