"""E-mails about a review go to the right people only: the reviewers' leads when it opens, the commissioner's when
a board refers back, the board's when the referral is answered, and reminders only to reviewers yet to speak."""

import datetime

from exchange.plans import services
from exchange.plans.services.notices import review_reminders_send
from exchange.plans.tests.conftest import NOW, reviewer_of


def _to(mailoutbox) -> set[str]:
    return {address for message in mailoutbox for address in message.to}


def test_a_review_opening_tells_each_reviewers_leads_and_nobody_else(
    system, plan, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_open(
            actor=system.lead,
            plan=plan,
            closes_at=NOW + datetime.timedelta(days=28),
            reviewers=[system.board, system.senate, *system.practices, system.area_team],
            now=NOW,
        )
    reviewers = [system.board_lead, system.senate_lead, *system.practice_leads, system.area_team_lead]
    assert _to(mailoutbox) == {person.email for person in reviewers}


def test_a_referral_tells_the_commissioner_and_its_answer_tells_the_board(
    system, review, mailoutbox, django_capture_on_commit_callbacks
):
    at = NOW + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_make(
            actor=system.board_lead,
            reviewer=reviewer_of(review, system.board),
            priorities=system.priorities[1:],
            reasons="Alcohol harm.",
            now=at,
        )
    assert _to(mailoutbox) == {system.lead.email}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_answer(actor=system.lead, referral=referral, reasons="It is in section 2.", now=at)
    assert _to(mailoutbox) == {system.board_lead.email}


def test_reminders_go_three_days_before_the_window_closes_to_reviewers_yet_to_speak(
    system, review, mailoutbox, django_capture_on_commit_callbacks
):
    services.advice_give(actor=system.senate_lead, reviewer=reviewer_of(review, system.senate), text="Stroke.", now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert review_reminders_send(now=NOW) == 0  # weeks before the window closes
        review_reminders_send(now=review.closes_at - datetime.timedelta(days=2))
    reminded = _to(mailoutbox)
    assert system.senate_lead.email not in reminded
    assert {system.board_lead.email, system.area_team_lead.email, *[p.email for p in system.practice_leads]} == reminded
