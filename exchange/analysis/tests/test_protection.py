"""The disclosure layer against the attacks issue 11 found by hand, each on a wave built to have it, and through the
pages and downloads an analyst uses. The general attack (everything at once, generated waves) is in
`test_linked_tables_attack.py`."""

import pytest
from django.db.models import Count
from django.urls import reverse

from exchange.accounts.models import Role
from exchange.accounts.tests.factories import MembershipFactory
from exchange.analysis.protection import (
    FILTER_WITH_BREAKDOWN,
    RESULTS_AFTER_CLOSE,
    WEIGHTING_REFUSED,
    Refused,
    wave_protection,
)
from exchange.analysis.results import Options
from exchange.analysis.selectors import organisation_comparison, wave_results, wave_tracking
from exchange.analysis.tests.generated_waves import build_wave
from exchange.organisations.models import Organisation
from exchange.surveys.models import Contact, WaveStatus

pytestmark = pytest.mark.django_db

C, M, F = Role.CLINICAL_LEAD, Role.MANAGERIAL_LEAD, Role.FINANCE_LEAD
COMMISSIONER = "commissioner"


def _org(clinical=(0, 0), managerial=(0, 0), finance=(0, 0)):
    return (COMMISSIONER, {C: clinical, M: managerial, F: finance})


BIG_TEAM = [_org((8, 6), (8, 6), (2, 1)), _org((8, 6), (8, 5))]


def _groups(wave, by, **options):
    """{group key: suppressed} for the first question, by `by`."""
    result = wave_results(wave=wave, options=Options(by=by, **options))[0]
    return {group.key: group.suppressed for group in result.groups}


def _region_of(wave, area_team_id):
    return Organisation.objects.filter(area_team_id=area_team_id).values_list("region_id", flat=True).first()


def _analyst(wave):
    return MembershipFactory(organisation=wave.series.owner, roles=[Role.ANALYST]).user


def _with_respondents(wave, field, count):
    """The keys of groups (by a field of the response) with exactly `count` respondents."""
    rows = wave.responses.values(field).annotate(n=Count("pk")).filter(n=count)
    return [row[field] or 0 for row in rows]


def test_a_region_of_one_small_area_team_and_the_not_known_group_stay_hidden_and_cannot_be_subtracted():
    # London: one area team, 4 respondents; 2 respondents with no organisation; the rest in one big region.
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((6, 4))], 2, 1))
    [london] = _with_respondents(wave, "region_id", 4)
    [london_team] = _with_respondents(wave, "area_team_id", 4)
    regions = _groups(wave, "region")
    assert regions[0] and regions[london]  # neither is overall minus the rest: both hidden
    teams = _groups(wave, "area_team")
    assert teams[0] and teams[london_team]


def test_an_area_team_under_the_threshold_takes_a_sibling_with_it_so_region_minus_the_rest_gives_nothing():
    # "Devon = South minus its other area teams": a small team beside two big ones in a published region.
    wave = build_wave(([[[_org((5, 3))], BIG_TEAM, BIG_TEAM]], [_org((20, 12))], 0, 2))
    [devon] = _with_respondents(wave, "area_team_id", 3)
    south = _region_of(wave, devon)
    assert _groups(wave, "region")[south] is False
    teams = _groups(wave, "area_team")
    assert teams[devon]
    assert [key for key, hidden in teams.items() if hidden and key != devon and _region_of(wave, key) == south]


def test_a_role_filter_that_would_isolate_a_hidden_role_by_subtraction_is_refused_with_the_roles_to_choose():
    # Finance leads: 1 + 1 respondents in all, hidden in the role table.
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((20, 14), (20, 13))], 0, 3))
    hidden = wave_protection(wave).hidden_in("role")
    assert F in hidden
    refused, allowed = [], []
    for roles in [(C,), (M,), (F,), (C, M), (C, F), (M, F), (C, M, F)]:
        try:
            wave_results(wave=wave, options=Options(roles=roles))
            allowed.append(set(roles))
        except Refused as refusal:
            refused.append(set(roles))
            assert "Finance lead" in str(refusal)
    # Every filter allowed holds all the hidden roles or none: (C + M + F) - (C + M) is never on offer.
    assert all(roles >= hidden or not roles & hidden for roles in allowed)
    assert {C, M, F} in allowed
    assert refused


def test_a_role_filter_with_a_breakdown_and_weighting_without_region_by_role_in_the_export_are_refused():
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((20, 14), (20, 13))], 0, 4))
    with pytest.raises(Refused, match="cannot be combined with a breakdown"):
        wave_results(wave=wave, options=Options(by="region", roles=(C,)))
    if not {"region", "role"} <= set(wave_protection(wave).microdata or ()):
        with pytest.raises(Refused) as refusal:
            wave_results(wave=wave, options=Options(weighted=True))
        assert str(refusal.value) == WEIGHTING_REFUSED


def test_an_open_confidential_wave_publishes_no_results_until_it_closes(client):
    # Results before and after a batch, or before and after the last few answers that closing releases, would
    # show those few people's answers; so nothing is published while the wave is open.
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((20, 14))], 0, 5), close=False)
    assert wave.status == WaveStatus.OPEN
    for options in [Options(), Options(by="region"), Options(by="q:info"), Options(roles=(C,))]:
        with pytest.raises(Refused) as refusal:
            wave_results(wave=wave, options=options)
        assert str(refusal.value) == RESULTS_AFTER_CLOSE
    client.force_login(_analyst(wave))
    kwargs = {"series_slug": wave.series.slug, "wave_slug": wave.slug}
    for name, status in [("analysis:results-csv", 409), ("analysis:wave-report", 409), ("analysis:dashboard", 200)]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == status
        assert "results are published when it closes" in response.content.decode()
    page = client.get(reverse("analysis:question", kwargs=kwargs | {"code": "info"})).content.decode()
    assert "results are published when it closes" in page and "nhsuk-table" not in page


def test_weighting_is_offered_only_overall_by_region_or_by_role_where_the_export_shows_region_by_role():
    wave = build_wave(([[BIG_TEAM, BIG_TEAM], [BIG_TEAM, BIG_TEAM]], [_org((20, 14), (20, 13))], 0, 10))
    if {"region", "role"} <= set(wave_protection(wave).microdata or ()):
        for by in ["", "region", "role"]:
            wave_results(wave=wave, options=Options(by=by, weighted=True))
    for by in ["area_team", "organisation_kind"]:
        with pytest.raises(Refused) as refusal:
            wave_results(wave=wave, options=Options(by=by, weighted=True))
        assert str(refusal.value) == WEIGHTING_REFUSED


def test_the_tracking_page_hides_a_group_of_few_completions_even_while_their_answers_wait_in_a_batch():
    # The lone finance lead of a region completes; her answers wait for the batch, so the results know nothing of
    # her yet, but her contact status says "completed".
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((20, 14))], 0, 11), close=False)
    finance = Contact.objects.filter(wave=wave, role=F).first()
    Contact.objects.filter(wave=wave, role=F).exclude(pk=finance.pk).update(status="invited")
    Contact.objects.filter(pk=finance.pk).update(status="completed")
    rows = {row.label: row for row in wave_tracking(wave=wave).by_role}
    assert rows["Finance lead"].suppressed


def test_organisations_responding_is_shown_overall_only_and_not_where_it_pins_each_organisations_count():
    # Twelve organisations with one response each: "12 completed, 12 of 12 organisations" says each had one.
    team = [_org((2, 1)) for _ in range(6)]
    wave = build_wave(([[team, team]], team, 0, 12))
    tracking = wave_tracking(wave=wave)
    assert all(row.coverage_hidden for row in tracking.by_region + tracking.by_role)
    assert tracking.overall.completed == tracking.overall.organisations_completed
    assert tracking.overall.coverage_hidden


def test_the_dashboard_explains_a_refused_filter_in_an_error_summary_linked_to_the_roles_field(client):
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((20, 14), (20, 13))], 0, 6))
    client.force_login(_analyst(wave))
    url = reverse("analysis:dashboard", kwargs={"series_slug": wave.series.slug, "wave_slug": wave.slug})
    page = client.get(url, {"by": "region", "roles": [C]}).content.decode()
    assert "There is a problem" in page
    assert FILTER_WITH_BREAKDOWN.split(":")[0] in page
    assert 'href="#id_roles' in page
    assert "nhsuk-table" not in page.split("There is a problem")[1].split("<h2")[0]


def test_completions_are_not_shown_when_responses_came_from_outside_the_contact_list(client):
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((20, 14))], 3, 7))
    tracking = wave_tracking(wave=wave)
    assert tracking.overall.suppressed
    assert all(row.suppressed for row in tracking.by_region + tracking.by_role)
    client.force_login(_analyst(wave))
    kwargs = {"series_slug": wave.series.slug, "wave_slug": wave.slug}
    page = client.get(reverse("surveys:wave-tracking", kwargs=kwargs)).content.decode()
    assert "came from outside the contact list" in page
    assert f"{Contact.objects.filter(wave=wave).count()} people were invited" in page


def test_completions_of_a_region_the_results_hide_are_hidden_on_the_tracking_page_too():
    wave = build_wave(([[BIG_TEAM, BIG_TEAM]], [_org((6, 4))], 0, 8))
    hidden = wave_protection(wave).hidden_in("region")
    assert hidden
    tracking = wave_tracking(wave=wave)
    names = dict(Organisation.objects.values_list("region_id", "region__name"))
    for row in tracking.by_region:
        region = next(key for key, name in names.items() if name == row.label)
        if region in hidden:
            assert row.suppressed


def test_an_organisations_report_hides_its_own_figures_when_they_would_give_away_a_small_neighbour():
    # One area team: an organisation of 12 respondents beside one of 3. The area team (15) is published, so showing
    # the 12 would show the 3 by subtraction.
    team = [_org((8, 6), (8, 6)), _org((4, 3))]
    wave = build_wave(([[team, BIG_TEAM]], [_org((20, 14), (20, 13))], 0, 9))
    organisations = Organisation.objects.filter(area_team__region__isnull=False)
    big = next(o for o in organisations if wave.responses.filter(organisation=o).count() == 12)
    own = [comparison.waves[-1][1] for comparison in organisation_comparison(wave=wave, organisation=big)]
    assert own and all(group.suppressed for group in own)


def test_closing_a_confidential_wave_works_out_its_decision_before_anyone_asks(django_capture_on_commit_callbacks):
    from exchange.analysis import protection
    from exchange.analysis.models import DisclosureDecision
    from exchange.surveys.services.authoring import wave_close

    wave = build_wave(
        ([[[_org(clinical=(5, 5))], [_org(managerial=(5, 4))]]], [_org(finance=(3, 2))], 0, 1), close=False
    )
    assert not DisclosureDecision.objects.filter(wave=wave, per_question=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        wave_close(wave=wave)
    assert DisclosureDecision.objects.filter(wave=wave, digest=protection._digest(wave), per_question=True).exists()


def test_the_audit_hides_a_crossing_that_integer_bounds_alone_would_pin():
    """The span check passes this cell (no sum or difference gives it), integer bounds pin it; the audit must not."""
    import numpy as np

    from exchange.analysis.audit import Audit, Measures, Seen

    # Two atoms; published: their total (5) and nothing else; atom 0 can have at most 0 (frame 0 is impossible, so
    # frame 1 with the total forcing): atom 0 <= 1, atom 1 <= 4, total 5 -> both pinned at their bounds.
    respondents = np.array([1.0, 4.0])
    measures = Measures(values={"respondents": respondents}, shares={"respondents": "frame"}, options=[], in_base=[])
    audit = Audit(measures=measures, published={"respondents": [np.array([True, True])]}, bound=np.array([1.0, 4.0]))
    cells = np.array([[True, False], [False, True]])
    pinned = list(audit.pinned(cells, Seen(), []))
    assert (0, "respondents", 1) in pinned and (1, "respondents", 4) in pinned
    # With room in the frame, neither is pinned.
    audit = Audit(measures=measures, published={"respondents": [np.array([True, True])]}, bound=np.array([3.0, 6.0]))
    assert list(audit.pinned(cells, Seen(), [])) == []


def test_the_audit_knows_that_a_listed_hidden_group_holds_someone():
    """Roles of 20, 1 and 1 with the overall figure and the first role shown: the other two sum to 2, and each is
    listed in the role table (hidden as "*"), so each holds at least one: both are exactly 1."""
    import numpy as np

    from exchange.analysis.audit import Audit, Measures, Seen

    respondents = np.array([20.0, 1.0, 1.0])
    measures = Measures(values={"respondents": respondents}, shares={"respondents": "frame"}, options=[], in_base=[])
    shown = [np.array([True, True, True]), np.array([True, False, False])]
    cells = np.array([[False, True, False], [False, False, True]])
    bound = np.full(3, np.inf)
    unlisted = Audit(measures=measures, published={"respondents": shown}, bound=bound)
    assert list(unlisted.pinned(cells, Seen(), [])) == []
    listed = {"respondents": [np.array([False, True, False]), np.array([False, False, True])]}
    audit = Audit(measures=measures, published={"respondents": shown}, bound=bound, listed=listed)
    assert sorted(audit.pinned(cells, Seen(), [])) == [(0, "respondents", 1), (1, "respondents", 1)]
