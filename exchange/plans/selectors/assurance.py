"""Mutual assurance reported by area team and nationally: commissioners' ratings of their area team's conduct (the
three behaviours, 1–5) beside the area team's assurance of them. A figure rests on the commissioners who rated; an
area team rated by fewer than the threshold is hidden, with enough others that its figures cannot be worked out
from the national ones (the surveys' disclosure control, `analysis.suppression`), so no single commissioner's
rating can be read or inferred.

Figures are published by appraisal year (1 April to 31 March, as NHS England's yearly 360° appraisal), each year
only once it has ended (and a grace period has let its last ratings in) and only from the ratings given in it: a
published year never changes, and no two published figures rest on overlapping sets of ratings, so a later rating
cannot be read off as the difference between two visits to the page."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from exchange.analysis.suppression import suppress
from exchange.core import clock

from ..models import Assurance, AssuranceRating, Behaviour, ConductRating, Power


@dataclass(frozen=True)
class ConductFigures:
    name: str
    commissioners: int | None  # None when hidden, 0 when nobody rated it in the year
    means: dict[str, float] | None  # by behaviour
    assurance: dict[str, int] | None  # the area team's ratings of these commissioners, by rating


@dataclass(frozen=True)
class ConductReport:
    year: int  # the appraisal year that starts on 1 April of it
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


def appraisal_year(moment: datetime.datetime) -> int:
    """The appraisal year `moment` falls in, named by the calendar year of its 1 April."""
    local = timezone.localtime(moment)
    return local.year if local.month >= 4 else local.year - 1


def appraisal_year_label(year: int) -> str:
    return f"{year}–{(year + 1) % 100:02d}"


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    return datetime.datetime(year, 4, 1, tzinfo=zone), datetime.datetime(year + 1, 4, 1, tzinfo=zone)


def _latest_open_year(now: datetime.datetime | None) -> int:
    """The earliest year not yet published: a year is published `PLANS_PUBLICATION_GRACE_DAYS` after it ends, so a
    rating stamped just before midnight on 31 March but committed after it (or by a server whose clock is a little
    behind) is in before anyone reads the year."""
    return appraisal_year(clock.or_now(now) - datetime.timedelta(days=settings.PLANS_PUBLICATION_GRACE_DAYS))


def appraisal_years_published(*, now: datetime.datetime | None = None) -> list[int]:
    """The appraisal years published since the first rating, newest first (the current one never)."""
    current = _latest_open_year(now)
    first = ConductRating.objects.order_by("created_at").values_list("created_at", flat=True).first()
    return list(range(current - 1, appraisal_year(first) - 1, -1)) if first else []


def conduct_by_area_team(
    *, year: int | None = None, threshold: int | None = None, now: datetime.datetime | None = None
) -> ConductReport:
    """The figures of appraisal year `year` (by default the last that has ended), from the ratings and assurances
    given in it. A year that has not ended is refused: its figures would change with each new rating."""
    threshold = threshold or settings.PLANS_DISCLOSURE_THRESHOLD
    current = _latest_open_year(now)
    year = current - 1 if year is None else year
    if year >= current:
        raise ValueError("An appraisal year's figures are published only once it has ended.")
    start, end = _year_bounds(year)
    scores: dict[int, dict[int, dict[str, list[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    names: dict[int, str] = {}
    given: dict[int, Counter] = defaultdict(Counter)
    ratings = ConductRating.objects.filter(
        reviewer__power=Power.ASSURE, created_at__gte=start, created_at__lt=end
    ).values_list(
        "reviewer__organisation_id",
        "reviewer__organisation__name",
        "reviewer__review__plan__commissioner_id",
        "behaviour",
        "score",
    )
    for area_team, name, commissioner, behaviour, score in ratings:
        names[area_team] = name
        scores[area_team][commissioner][behaviour].append(score)
    for area_team, name, rating in Assurance.objects.filter(created_at__gte=start, created_at__lt=end).values_list(
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
    # a team nobody rated this year (it only gave assurance) is shown as such, and takes no part in the suppression
    rated = [pk for pk in teams if figures.get(pk)]
    suppression = suppress({pk: len(figures[pk]) for pk in rated}, threshold=threshold)
    everyone: dict[tuple[int, int], dict[str, float]] = {
        (pk, commissioner): own for pk in teams for commissioner, own in figures.get(pk, {}).items()
    }
    national = _figures("England", dict(enumerate(everyone.values())), sum(given.values(), Counter()))
    if suppression.total_hidden or len(everyone) < threshold:
        national = ConductFigures("England", None, None, None)
    area_teams = [
        ConductFigures(names[pk], 0, None, None)
        if pk not in figures
        else ConductFigures(names[pk], None, None, None)
        if pk in suppression.hidden
        else _figures(names[pk], figures[pk], given[pk])
        for pk in teams
    ]
    return ConductReport(year=year, threshold=threshold, area_teams=area_teams, national=national)
