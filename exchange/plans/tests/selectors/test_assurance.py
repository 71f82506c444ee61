"""Conduct ratings by area team respect the disclosure threshold: an area team rated by too few commissioners is
hidden, and so is another, so that the national figures minus those shown never give a hidden team's ratings; and
figures are published by appraisal year once it has ended, so two visits to the page never differ by one rating."""

import datetime

import pytest

from exchange.accounts.tests.factories import UserFactory
from exchange.organisations.models import OrganisationKind
from exchange.organisations.tests.factories import AreaTeamFactory, OrganisationFactory
from exchange.plans.models import Assurance, ConductRating, Plan, PlanVersion, Review, Reviewer
from exchange.plans.selectors import assurance
from exchange.plans.selectors.assurance import appraisal_year, appraisal_years_published

pytestmark = pytest.mark.django_db
NOW = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)
LATER = NOW + datetime.timedelta(days=400)  # the appraisal year of NOW has ended


def conduct_by_area_team(**kwargs):
    """The figures of the appraisal year the ratings were given in, read once it has ended."""
    return assurance.conduct_by_area_team(year=appraisal_year(NOW), now=LATER, **kwargs)


def _rated(area_team_name: str, commissioners: int, score: int, *, area_team=None, commissioner=None, reviews=1):
    person = UserFactory()
    area_team = area_team or OrganisationFactory(
        name=area_team_name, kind=OrganisationKind.AREA_TEAM, area_team=AreaTeamFactory(name=area_team_name)
    )
    for _ in range(commissioners * reviews):
        plan = Plan.objects.create(
            commissioner=commissioner or OrganisationFactory(),
            title="Plan",
            period_start=NOW.date(),
            period_end=NOW.date() + datetime.timedelta(days=365),
            created_by=person,
        )
        version = PlanVersion.objects.create(plan=plan, number=1, sections=[], created_by=person)
        review = Review.objects.create(
            plan=plan, version=version, opens_at=NOW, closes_at=NOW + datetime.timedelta(days=1), opened_by=person
        )
        reviewer = Reviewer.objects.create(review=review, organisation=area_team, power="assure")
        for behaviour in ("common_purpose", "local_leadership", "honesty"):
            ConductRating.objects.create(reviewer=reviewer, behaviour=behaviour, score=score, rated_by=person)
        Assurance.objects.create(reviewer=reviewer, rating="good", reasons="r", given_by=person)
    return area_team


def test_an_area_team_rated_by_too_few_commissioners_is_hidden_with_another_so_no_rating_can_be_inferred():
    _rated("Lancashire", 6, 4)
    _rated("Cumbria", 1, 1)  # one commissioner: its rating must not show, nor follow from the national figure
    _rated("Merseyside", 7, 3)
    report = conduct_by_area_team(threshold=5)
    shown = {row.name: row for row in report.area_teams if row.commissioners is not None}
    hidden = [row.name for row in report.area_teams if row.commissioners is None]
    assert "Cumbria" in hidden and len(hidden) >= 2, "a second team is hidden so the first cannot be worked out"
    assert all(row.means is None and row.assurance is None for row in report.area_teams if row.name in hidden)
    national = report.national
    assert national.commissioners == 14
    # what a reader can work out: the hidden teams' combined figures, never one commissioner's
    hidden_raters = national.commissioners - sum(row.commissioners for row in shown.values())
    assert hidden_raters >= 5 + 1


def test_every_team_is_shown_when_each_is_rated_by_enough_commissioners():
    _rated("Lancashire", 5, 4)
    _rated("Merseyside", 6, 2)
    report = conduct_by_area_team(threshold=5)
    figures = {row.name: row for row in report.area_teams}
    assert figures["Lancashire"].means == {"common_purpose": 4, "local_leadership": 4, "honesty": 4}
    assert figures["Merseyside"].assurance["good"] == 6
    assert report.national.means["honesty"] == pytest.approx((5 * 4 + 6 * 2) / 11)


def test_nothing_is_shown_nationally_below_the_threshold():
    _rated("Lancashire", 2, 4)
    report = conduct_by_area_team(threshold=5)
    assert report.national.means is None and all(row.means is None for row in report.area_teams)


def test_a_commissioner_with_many_reviews_counts_once_and_cannot_dominate_the_mean():
    lancashire = _rated("Lancashire", 4, 5)
    _rated("Lancashire", 1, 1, area_team=lancashire, commissioner=OrganisationFactory(), reviews=10)
    (row,) = conduct_by_area_team(threshold=5).area_teams
    assert row.commissioners == 5 and row.means["honesty"] == pytest.approx((4 * 5 + 1) / 5)


def test_the_national_figure_is_hidden_when_hiding_teams_could_not_protect_the_small_one():
    _rated("Cumbria", 1, 1)
    _rated("Lancashire", 5, 4)
    report = conduct_by_area_team(threshold=5)
    assert all(row.means is None for row in report.area_teams)
    assert report.national.means is None, "England minus nothing shown would give Cumbria's one rating"


def test_the_year_in_progress_is_never_published_so_its_figures_cannot_change_under_a_reader():
    _rated("Lancashire", 6, 4)
    assert appraisal_year(NOW) not in appraisal_years_published(now=NOW)
    with pytest.raises(ValueError, match="only once it has ended"):
        assurance.conduct_by_area_team(year=appraisal_year(NOW), now=NOW, threshold=5)
    assert appraisal_years_published(now=LATER)[-1] == appraisal_year(NOW)


def test_a_rating_given_after_a_year_is_published_changes_nothing_a_reader_can_difference(time_machine):
    lancashire = _rated("Lancashire", 6, 4)
    before = conduct_by_area_team(threshold=5)
    time_machine.move_to(LATER, tick=False)  # a seventh commissioner rates Lancashire a year later
    _rated("Lancashire", 1, 1, area_team=lancashire)
    after = conduct_by_area_team(threshold=5)
    assert after == before, "the published year is frozen: after minus before would be the new rating"
    current = assurance.conduct_by_area_team(year=appraisal_year(LATER) - 1, now=LATER, threshold=5)
    assert current.year == appraisal_year(NOW)


def test_ratings_of_different_years_are_never_pooled(time_machine):
    lancashire = _rated("Lancashire", 5, 4)
    time_machine.move_to(LATER, tick=False)
    _rated("Lancashire", 5, 2, area_team=lancashire)
    later_year = appraisal_year(LATER)
    report = assurance.conduct_by_area_team(year=later_year, now=LATER + datetime.timedelta(days=400), threshold=5)
    (row,) = report.area_teams
    assert row.commissioners == 5 and row.means["honesty"] == 2


def test_a_team_that_only_gave_assurance_in_the_year_hides_nobody_and_says_nobody_rated_it():
    _rated("Lancashire", 6, 4)
    _rated("Merseyside", 7, 3)
    cumbria = _rated("Cumbria", 1, 2)
    ConductRating.objects.filter(reviewer__organisation=cumbria).delete()  # it assured; its rating comes next year
    figures = {row.name: row for row in conduct_by_area_team(threshold=5).area_teams}
    assert figures["Cumbria"].commissioners == 0 and figures["Cumbria"].means is None
    assert figures["Lancashire"].commissioners == 6 and figures["Merseyside"].commissioners == 7


def test_a_rating_stamped_just_before_the_year_ends_is_in_before_anyone_reads_the_year(time_machine, settings):
    year = appraisal_year(NOW)
    end = assurance._year_bounds(year)[1]
    lancashire = _rated("Lancashire", 5, 4)
    time_machine.move_to(end - datetime.timedelta(seconds=1), tick=False)
    _rated("Lancashire", 1, 1, area_team=lancashire)  # committed a moment later, after midnight
    just_after = end + datetime.timedelta(days=settings.PLANS_PUBLICATION_GRACE_DAYS) - datetime.timedelta(hours=1)
    assert year not in appraisal_years_published(now=just_after)
    with pytest.raises(ValueError):
        assurance.conduct_by_area_team(year=year, now=just_after, threshold=5)
    after_grace = end + datetime.timedelta(days=settings.PLANS_PUBLICATION_GRACE_DAYS)
    (row,) = assurance.conduct_by_area_team(year=year, now=after_grace, threshold=5).area_teams
    assert row.commissioners == 6, "the last rating of the year is in the first publication, never added after"
