"""The whole review through the pages, without JavaScript, as each person would: NHS Blackpool opens a review of its
plan; its Health and Wellbeing Board refers it back; the senate advises; three of five practices endorse; Blackpool
answers with a new version, responds to the advice and decides; the area team assures; Blackpool rates the
reviewers; the public page shows it all. And the pages refuse whoever has no part in it."""

import datetime
import re

from django.test import Client
from django.utils import timezone

from exchange.plans.models import Behaviour, Plan, Review


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, url, data, *, expect=302):
    response = client.post(url, data)
    assert response.status_code == expect, response.content.decode()[:3000]
    return response


def test_the_review_journey_works_through_the_pages_without_javascript(system, time_machine):
    lead = _as(system.lead)
    today = timezone.localdate()
    _post(
        lead,
        "/plans/new/",
        {
            "title": "Blackpool operating plan",
            "period_start": (today + datetime.timedelta(days=90)).isoformat(),
            "period_end": (today + datetime.timedelta(days=820)).isoformat(),
            "sections": "## Childhood weight\nA weight service in every school.\n\n## Urgent care\nOne centre.",
            "priorities": [str(system.priorities[0].pk)],
        },
    )
    plan = Plan.objects.get()
    reviewers = [system.board, system.senate, *system.practices, system.area_team]
    _post(
        lead,
        f"/plans/{plan.pk}/review/",
        {
            "closes_on": (today + datetime.timedelta(days=28)).isoformat(),
            "reviewers": [str(org.pk) for org in reviewers],
        },
    )
    review = Review.objects.get()
    base = f"/plans/reviews/{review.pk}"
    board = _as(system.board_lead)
    assert "Refer the plan back" in board.get(f"{base}/").content.decode()
    _post(board, f"{base}/refer_back/", {"priorities": [str(system.priorities[1].pk)], "reasons": "Alcohol harm."})
    assert "Refer the plan back" not in board.get(f"{base}/").content.decode(), "once per version"
    again = board.post(
        f"{base}/refer_back/", {"priorities": [str(system.priorities[1].pk)], "reasons": "Again."}, follow=True
    )
    assert "already done this for this version" in again.content.decode()
    assert review.reviewers.get(organisation=system.board).referrals.count() == 1
    senate = _as(system.senate_lead)
    assert "Refer the plan back" not in senate.get(f"{base}/").content.decode()
    _post(senate, f"{base}/advise/", {"text": "Add a stroke pathway."})
    refused = senate.get(f"{base}/refer_back/", follow=True).content.decode()
    assert "A clinical senate advises only" in refused
    _post(
        lead,
        f"/plans/{plan.pk}/revise/",
        {
            "sections": "## Childhood weight\nAs before.\n\n## Alcohol\nAn alcohol liaison nurse at the hospital.",
            "note": "Alcohol harm added, as the board asked.",
        },
    )
    seen = board.get(f"{base}/").content.decode()
    assert "Version 2 under review" in seen and "Version 1, as it was" in seen and "One centre." in seen
    for n in range(5):
        _post(_as(system.practice_leads[n]), f"{base}/endorse/", {"endorses": "yes" if n < 3 else "no", "comment": ""})
    page = lead.get(f"{base}/").content.decode()
    referral_url, advice_url = (
        re.search(rf'href="({base}/{kind}/\d+/\w+/)"', page).group(1) for kind in ("referrals", "advice")
    )
    _post(lead, referral_url, {"how": "new_version", "reasons": "Version 2 adds an alcohol service."})
    _post(lead, advice_url, {"outcome": "partly_accepted", "reasons": "The network leads on stroke."})
    early = lead.post(f"{base}/decide/", {"decision": "Agreed as version 2."})
    assert early.status_code == 400, "version 2 is new: the reviewers may still give their view of it"
    time_machine.move_to(review.closes_at + datetime.timedelta(hours=1), tick=True)
    lead.force_login(system.lead)
    _post(lead, f"{base}/decide/", {"decision": "Agreed as version 2."})
    _post(_as(system.area_team_lead), f"{base}/assure/", {"rating": "good", "reasons": "Well led."})
    for reviewer in review.reviewers.filter(power__in=["opine", "advise", "assure"]):
        _post(
            lead,
            f"{base}/reviewers/{reviewer.pk}/rate/",
            {"common_purpose": "4", "local_leadership": "4", "honesty": "5"},
        )
    public = Client().get(f"/plans/{plan.pk}/public/").content.decode()
    for said in (
        "Referred version 1 back",
        "Advice on version 1",
        "Endorsed version 2",
        "Version 2",
        "Answered Blackpool Health and Wellbeing Board",
        "partly accepted",
        "Decided",
        "Assurance: Good",
        "Member practices endorsing version 2: 3 of 5",
    ):
        assert said in public, said


def test_a_half_valid_form_shows_its_errors_and_saves_nothing(system, review):
    base = f"/plans/reviews/{review.pk}"
    response = _as(system.board_lead).post(f"{base}/refer_back/", {"priorities": [], "reasons": "Because."})
    assert response.status_code == 400
    assert "Name the strategy priorities the plan conflicts with." in response.content.decode()
    assert not review.reviewers.get(organisation=system.board).referrals.exists()


def test_people_with_no_part_in_the_review_see_nothing_of_it(system, review):
    for person in (system.other_board_lead, system.elsewhere_lead, system.blackpool_buyer):
        assert _as(person).get(f"/plans/reviews/{review.pk}/").status_code == 404
        assert _as(person).get(f"/plans/{review.plan.pk}/").status_code == 404
    assert Client().get(f"/plans/{review.plan.pk}/public/").status_code == 404  # not until it is decided


def test_the_burden_view_is_for_membership_bodies_analysts_and_staff(system, review):
    assert _as(system.lead).get("/plans/burden/").status_code == 404
    response = _as(system.staff).get("/plans/burden/")
    assert response.status_code == 200 and "Reviews per plan" in response.content.decode()
    csv = _as(system.staff).get("/plans/burden.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Blackpool two-year operating plan" not in csv.content.decode()  # in review: nobody else's business yet


def test_the_burden_csv_neutralises_a_title_that_a_spreadsheet_would_run(system, review):
    from exchange.plans import services

    review.plan.title = '=HYPERLINK("https://evil.example","x")'
    review.plan.save()
    services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    text = _as(system.staff).get("/plans/burden.csv").content.decode()
    assert "\"'=HYPERLINK" in text or "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and not text.split("\n")[1].startswith("=")


def test_a_person_leading_two_practices_acts_for_the_one_they_chose(system, review):
    from exchange.accounts.tests.factories import MembershipFactory

    person = system.practice_leads[0]
    MembershipFactory(user=person, organisation=system.practices[1])
    second = review.reviewers.get(organisation=system.practices[1])
    client = _as(person)
    page = client.get(f"/plans/reviews/{review.pk}/").content.decode()
    assert f"?as={second.pk}" in page
    _post(client, f"/plans/reviews/{review.pk}/endorse/?as={second.pk}", {"endorses": "no", "comment": "Too far."})
    assert second.endorsements.get().endorses is False
    assert not review.reviewers.get(organisation=system.practices[0]).endorsements.exists()


def test_the_burden_page_shows_conduct_only_for_appraisal_years_that_have_ended(system, review, time_machine):
    from exchange.plans import services
    from exchange.plans.selectors.assurance import appraisal_year, appraisal_year_label

    services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    area_team = review.reviewers.get(organisation=system.area_team)
    services.conduct_rate(actor=system.lead, reviewer=area_team, ratings=dict.fromkeys(Behaviour.values, (4, "")))
    page = _as(system.staff).get("/plans/burden/").content.decode()
    assert "No appraisal year with ratings has ended yet." in page
    year = appraisal_year(timezone.now())
    time_machine.move_to(timezone.now() + datetime.timedelta(days=400), tick=False)
    page = _as(system.staff).get("/plans/burden/").content.decode()
    assert f"appraisal year {appraisal_year_label(year)}" in page
    assert "Not shown: too few commissioners rated it" in page  # one commissioner, below the threshold


def test_the_commissioners_forms_are_not_offered_to_reviewers(system, review):
    from exchange.plans import services

    advice = services.advice_give(
        actor=system.senate_lead,
        reviewer=review.reviewers.get(organisation=system.senate),
        text="Add a stroke pathway.",
    )
    board = _as(system.board_lead)
    for path in ("decide/", f"advice/{advice.pk}/respond/", f"reviewers/{advice.reviewer_id}/rate/"):
        response = board.get(f"/plans/reviews/{review.pk}/{path}", follow=True)
        page = response.content.decode()
        assert response.redirect_chain and '<form method="post" novalidate>' not in page, path
        assert "Only the commissioner" in page, path


def test_done_acts_and_blocked_decisions_are_not_offered_and_say_why(system, review):
    from exchange.plans import services

    senate = review.reviewers.get(organisation=system.senate)
    advice = services.advice_give(actor=system.senate_lead, reviewer=senate, text="Add a stroke pathway.")
    lead, base = _as(system.lead), f"/plans/reviews/{review.pk}"
    assert "Decide the plan" not in lead.get(f"{base}/").content.decode(), "advice is unanswered"
    refused = lead.get(f"{base}/decide/", follow=True).content.decode()
    assert "Answer every referral and respond to every piece of advice" in refused
    _post(lead, f"{base}/advice/{advice.pk}/respond/", {"outcome": "accepted", "reasons": "Done."})
    again = lead.get(f"{base}/advice/{advice.pk}/respond/", follow=True).content.decode()
    assert "A response to this advice is already recorded." in again and 'name="outcome"' not in again
    assert "Decide the plan" not in lead.get(f"{base}/").content.decode(), "reviewers are still to speak"


def test_a_person_told_no_hears_why_even_for_the_second_organisation_they_act_for(system, review):
    from exchange.accounts.tests.factories import MembershipFactory
    from exchange.plans import services

    person = system.practice_leads[0]
    MembershipFactory(user=person, organisation=system.practices[1])
    second = review.reviewers.get(organisation=system.practices[1])
    services.endorsement_give(actor=person, reviewer=second, endorses=True)
    page = _as(person).get(f"{base_of(review)}/endorse/?as={second.pk}", follow=True).content.decode()
    assert "already done this for this version" in page


def base_of(review) -> str:
    return f"/plans/reviews/{review.pk}"


def test_the_review_page_reads_the_same_number_of_times_however_many_reviewers_were_rated(system, review):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from exchange.plans import services

    services.review_decide(actor=system.lead, review=review, decision="Agreed.", now=review.closes_at)
    lead = _as(system.lead)
    with CaptureQueriesContext(connection) as before:
        lead.get(f"/plans/reviews/{review.pk}/")
    for reviewer in review.reviewers.all():
        services.conduct_rate(actor=system.lead, reviewer=reviewer, ratings=dict.fromkeys(Behaviour.values, (3, "")))
    with CaptureQueriesContext(connection) as after:
        lead.get(f"/plans/reviews/{review.pk}/")
    assert len(after) == len(before)
