"""Dates and times in a wave's results, pages and reports: a distribution by month and by hour with the usual bases
and suppression; notes nowhere; and a confidential wave never shows an exact date, nor a month or hour that fewer
than k people gave, nor dates or times by group, filtered or weighted."""

import pytest
from django.urls import reverse

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.analysis.exports import analysis_csv
from exchange.analysis.results import Options
from exchange.analysis.selectors import organisation_comparison, wave_results
from exchange.analysis.when import WITHHELD
from exchange.organisations.models import Organisation

from .when_waves import when_wave

pytestmark = pytest.mark.django_db

NAMED = [("2013-03-05", "09:10")] * 5 + [("2013-04-17", "09:50")] * 4 + [("2014-01-02", "14:30")] * 3
# 30 confidential answers over six months, 4 to 6 a month; the times over three hours.
MONTHS = [4, 4, 4, 6, 6, 6]
CONFIDENTIAL = [
    (f"2013-{month:02d}-{10 + n:02d}", f"{8 + n % 3:02d}:{n + 1:02d}")
    for month, count in enumerate(MONTHS, start=1)
    for n in range(count)
]


def _result(wave, code, **options):
    return next(r for r in wave_results(wave=wave, options=Options(**options)) if r.question.code == code)


def _cells(group) -> dict:
    return {cell.label: (cell.count, round(cell.percent, 3)) for cell in group.cells}


def test_dates_are_counted_by_month_and_times_by_hour():
    wave = when_wave(NAMED, threshold=0)
    started = _result(wave, "started_on")
    assert _cells(started.overall) == {"March 2013": (5, 0.417), "April 2013": (4, 0.333), "January 2014": (3, 0.25)}
    assert [cell.code for cell in started.overall.cells] == ["2013-03", "2013-04", "2014-01"]
    assert (started.overall.base, started.overall.answered) == (12, 12)
    assert _cells(_result(wave, "meets_at").overall) == {"09:00 to 09:59": (9, 0.75), "14:00 to 14:59": (3, 0.25)}


def test_a_breakdown_gives_each_group_the_same_months():
    wave = when_wave(NAMED, threshold=0)
    groups = {group.label: group for group in _result(wave, "started_on", by="region").groups}
    assert [cell.code for cell in groups["North"].cells] == ["2013-03", "2013-04", "2014-01"]
    assert sum(cell.count for cell in groups["North"].cells) == groups["North"].base == 6


def test_a_note_has_no_result_anywhere():
    wave = when_wave(NAMED, threshold=0)
    assert "about_dates" not in {result.question.code for result in wave_results(wave=wave)}
    assert "about_dates" not in analysis_csv(wave).decode()


def test_a_group_of_fewer_than_k_is_suppressed_in_a_named_wave():
    # Each role gave 4 answers; with k = 7 every role is hidden, everyone's 12 is shown (no role follows from it).
    wave = when_wave(NAMED, threshold=7)
    result = _result(wave, "started_on", by="role")
    assert not result.overall.suppressed
    assert len(result.groups) == 3 and all(group.suppressed for group in result.groups)


def test_two_groups_that_would_give_each_other_away_hide_everyones_figures_too():
    # North 6 and South 6 under k = 7: both hidden, and everyone's 12 would give them (6 + 6), so it is hidden too.
    result = _result(when_wave(NAMED, threshold=7), "started_on", by="region")
    assert result.overall.suppressed and all(group.suppressed for group in result.groups)


def test_a_confidential_wave_shows_everyones_months_in_ranges_of_at_least_k():
    wave = when_wave(CONFIDENTIAL, confidential=True)
    started = _result(wave, "started_on")
    assert _cells(started.overall) == {
        "January 2013 to March 2013": (12, 0.4),
        "April 2013 to June 2013": (18, 0.6),
    }
    assert all(cell.count >= 10 for cell in started.overall.cells)
    times = _result(wave, "meets_at").overall.cells
    assert all(cell.count >= 10 for cell in times) and sum(cell.count for cell in times) == 30


@pytest.mark.parametrize(
    ("options", "overall_hidden"),
    [({"by": "region"}, False), ({"by": "q:info"}, False), ({"roles": (Role.CLINICAL_LEAD,)}, True)],
)
def test_a_confidential_wave_shows_no_date_by_group_or_filtered(options, overall_hidden):
    wave = when_wave(CONFIDENTIAL, confidential=True)
    result = _result(wave, "started_on", **options)
    assert result.withheld == WITHHELD.format(k=10)
    assert all(group.suppressed for group in result.groups)
    assert result.overall.suppressed is overall_hidden


def test_a_confidential_wave_never_shows_an_exact_date_or_time_in_its_pages_and_files(client):
    wave = when_wave(CONFIDENTIAL, confidential=True)
    analyst = MembershipFactory(organisation=wave.series.owner, roles=[Role.ANALYST]).user
    client.force_login(analyst)
    kwargs = {"series_slug": wave.series.slug, "wave_slug": wave.slug}
    pages = [
        client.get(reverse("analysis:dashboard", kwargs=kwargs)).content.decode(),
        client.get(reverse("analysis:dashboard", kwargs=kwargs), {"by": "region"}).content.decode(),
        client.get(reverse("analysis:question", kwargs={**kwargs, "code": "started_on"})).content.decode(),
        analysis_csv(wave).decode(),
        analysis_csv(wave, by="role").decode(),
    ]
    assert "January 2013 to March 2013" in pages[0]
    for page in pages:
        for day, moment in CONFIDENTIAL:
            assert day not in page and moment not in page
        assert "10 January 2013" not in page and "January 2013<" not in page


def test_an_organisation_report_leaves_dates_and_times_out():
    wave = when_wave(NAMED, threshold=0)
    comparisons = organisation_comparison(wave=wave, organisation=Organisation.objects.get(name="NHS North"))
    codes = {comparison.code for comparison in comparisons}
    assert "info" in codes
    assert not codes & {"started_on", "meets_at", "about_dates"}


def test_the_dashboard_draws_the_months_and_lists_them_in_the_table(client):
    wave = when_wave(NAMED, threshold=0)
    client.force_login(MembershipFactory(organisation=wave.series.owner, roles=[Role.ANALYST]).user)
    html = client.get(
        reverse("analysis:dashboard", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    ).content.decode()
    panel = html[html.index('id="q-started_on"') :]
    panel = panel[: panel.index("</section>")]
    assert 'role="img"' in panel
    assert "March 2013" in panel and "41.7%" in panel
    assert 'id="q-about_dates"' not in html


def test_a_crosstab_by_another_answer_splits_the_months_by_that_answer():
    wave = when_wave(NAMED, threshold=0)
    result = _result(wave, "started_on", by="q:info")
    [yes] = result.groups  # everyone answered "yes"
    assert [(cell.code, cell.count) for cell in yes.cells] == [("2013-03", 5), ("2013-04", 4), ("2014-01", 3)]


def test_weighted_months_are_shares_of_the_weighted_base():
    wave = when_wave(NAMED, threshold=0)
    result = _result(wave, "started_on", weighted=True)
    assert result.overall.effective_base is not None
    assert sum(cell.percent for cell in result.overall.cells) == pytest.approx(1.0)
    assert sum(cell.count for cell in result.overall.cells) == pytest.approx(result.overall.base)
