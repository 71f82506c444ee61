"""Mutual assurance reported by area team and nationally: commissioners' ratings of their area team's conduct (the
three behaviours, 1–5) beside the area team's assurance of them. A figure rests on the commissioners who rated; an
area team rated by fewer than the threshold is hidden, with enough others that its figures cannot be worked out
from the national ones (the surveys' disclosure control, `analysis.suppression`), so no single commissioner's
rating can be read or inferred."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings

from exchange.analysis.suppression import suppress

from ..models import Assurance, AssuranceRating, Behaviour, ConductRating, Power


@dataclass(frozen=True)
class ConductFigures:
    name: str
    commissioners: int | None  # None when hidden
    means: dict[str, float] | None  # by behaviour
    assurance: dict[str, int] | None  # the area team's ratings of these commissioners, by rating


@dataclass(frozen=True)
class ConductReport:
    threshold: int
    area_teams: list[ConductFigures]
    national: ConductFigures


def _figures(name: str, scores: dict[str, list[int]], raters: set, given: Counter) -> ConductFigures:
    return ConductFigures(
        name=name,
        commissioners=len(raters),
        means={
            behaviour: sum(scores[behaviour]) / len(scores[behaviour])
            for behaviour in Behaviour.values
            if scores[behaviour]
        },
        assurance={rating: given[rating] for rating in AssuranceRating.values},
    )


def conduct_by_area_team(*, threshold: int | None = None) -> ConductReport:
    threshold = threshold or settings.PLANS_DISCLOSURE_THRESHOLD
    scores: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    raters: dict[str, set] = defaultdict(set)
    given: dict[str, Counter] = defaultdict(Counter)
    ratings = ConductRating.objects.filter(reviewer__power=Power.ASSURE).values_list(
        "reviewer__organisation__name", "reviewer__review__plan__commissioner_id", "behaviour", "score"
    )
    for area_team, commissioner, behaviour, score in ratings:
        scores[area_team][behaviour].append(score)
        raters[area_team].add(commissioner)
    for area_team, rating in Assurance.objects.values_list("reviewer__organisation__name", "rating"):
        given[area_team][rating] += 1
    names = sorted(set(raters) | set(given))
    hidden = suppress({name: len(raters[name]) for name in names}, threshold=threshold).hidden
    national_scores: dict[str, list[int]] = defaultdict(list)
    for name in names:
        for behaviour, values in scores[name].items():
            national_scores[behaviour] += values
    all_raters = set().union(*raters.values()) if raters else set()
    national = _figures("England", national_scores, all_raters, sum(given.values(), Counter()))
    if len(all_raters) < threshold:
        national = ConductFigures("England", None, None, None)
    area_teams = [
        ConductFigures(name, None, None, None)
        if name in hidden
        else _figures(name, scores[name], raters[name], given[name])
        for name in names
    ]
    return ConductReport(threshold=threshold, area_teams=area_teams, national=national)
