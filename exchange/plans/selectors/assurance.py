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


def _figures(name: str, figures: dict[int, dict[str, float]], given: Counter) -> ConductFigures:
    """Figures over commissioners: each counts once (its own mean over its reviews), so none outweighs the rest."""
    means = {}
    for behaviour in Behaviour.values:
        values = [own[behaviour] for own in figures.values() if behaviour in own]
        if values:
            means[behaviour] = sum(values) / len(values)
    return ConductFigures(
        name=name,
        commissioners=len(figures),
        means=means,
        assurance={rating: given[rating] for rating in AssuranceRating.values},
    )


def conduct_by_area_team(*, threshold: int | None = None) -> ConductReport:
    threshold = threshold or settings.PLANS_DISCLOSURE_THRESHOLD
    scores: dict[int, dict[int, dict[str, list[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    names: dict[int, str] = {}
    given: dict[int, Counter] = defaultdict(Counter)
    ratings = ConductRating.objects.filter(reviewer__power=Power.ASSURE).values_list(
        "reviewer__organisation_id",
        "reviewer__organisation__name",
        "reviewer__review__plan__commissioner_id",
        "behaviour",
        "score",
    )
    for area_team, name, commissioner, behaviour, score in ratings:
        names[area_team] = name
        scores[area_team][commissioner][behaviour].append(score)
    for area_team, name, rating in Assurance.objects.values_list(
        "reviewer__organisation_id", "reviewer__organisation__name", "rating"
    ):
        names[area_team] = name
        given[area_team][rating] += 1
    # each commissioner's own figure per area team and behaviour: the mean of its ratings
    figures = {
        area_team: {
            commissioner: {behaviour: sum(values) / len(values) for behaviour, values in by_behaviour.items()}
            for commissioner, by_behaviour in by_commissioner.items()
        }
        for area_team, by_commissioner in scores.items()
    }
    teams = sorted(names, key=lambda pk: (names[pk], pk))
    suppression = suppress({pk: len(figures.get(pk, {})) for pk in teams}, threshold=threshold)
    everyone: dict[tuple[int, int], dict[str, float]] = {
        (pk, commissioner): own for pk in teams for commissioner, own in figures.get(pk, {}).items()
    }
    national = _figures("England", dict(enumerate(everyone.values())), sum(given.values(), Counter()))
    if suppression.total_hidden or len(everyone) < threshold:
        national = ConductFigures("England", None, None, None)
    area_teams = [
        ConductFigures(names[pk], None, None, None)
        if pk in suppression.hidden
        else _figures(names[pk], figures.get(pk, {}), given[pk])
        for pk in teams
    ]
    return ConductReport(threshold=threshold, area_teams=area_teams, national=national)
