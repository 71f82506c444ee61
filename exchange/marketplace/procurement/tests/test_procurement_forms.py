"""Whole forms or nothing: a bid, an evaluator's scores and the moderation are each one service call in one
transaction; any invalid part saves nothing, every error is shown at once, and what was typed is kept. A submitted
bid always keeps a price and an answer to every criterion, whatever sequence of edits its bidder tries."""

import itertools
from decimal import Decimal

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.marketplace.procurement.models import Bid, BidStatus, ModeratedScore, Score
from exchange.marketplace.procurement.services import bidding, evaluation
from exchange.marketplace.procurement.tests.factories import BidFactory
from exchange.marketplace.procurement.tests.procurement_flow import score_all

pytestmark = pytest.mark.django_db


def bid_state(bid: Bid) -> tuple:
    bid.refresh_from_db()
    return bid.status, bid.price, sorted(bid.answers.values_list("criterion_id", "text"))


@pytest.fixture
def submitted(world, joint):
    requirement, quality, social = joint
    answers = {quality.pk: "Our approach", social.pk: "Local jobs"}
    bid = BidFactory(requirement=requirement, provider=world.ours, by=world.us, answers=answers)
    return requirement, quality, social, bid


def test_clearing_the_answers_of_a_submitted_bid_and_submitting_again_saves_nothing(client, world, submitted):
    requirement, quality, social, bid = submitted
    before = bid_state(bid)
    client.force_login(world.us)
    response = client.post(
        f"/marketplace/requirements/{requirement.pk}/bid/",
        {"price": "0.99", f"answer_{quality.pk}": "", f"answer_{social.pk}": "", "submit": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("a submitted bid answers every criterion") >= 2  # both answers, at once, in the summary
    assert f'href="#id_answer_{quality.pk}"' in page and f'href="#id_answer_{social.pk}"' in page
    assert 'value="0.99"' in page  # what was typed is kept
    assert bid_state(bid) == before


def test_saving_a_submitted_bid_with_a_cleared_answer_is_refused_and_it_stays_submitted_and_complete(
    client, world, submitted
):
    requirement, quality, social, bid = submitted
    before = bid_state(bid)
    client.force_login(world.us)
    page = client.post(
        f"/marketplace/requirements/{requirement.pk}/bid/",
        {"price": "0.41", f"answer_{quality.pk}": "Changed", f"answer_{social.pk}": "", "save": "1"},
    ).content.decode()
    assert "Your bid is submitted" not in page
    assert bid_state(bid) == before
    with pytest.raises(ApplicationError, match=bidding.INCOMPLETE_SUBMITTED):
        bidding.bid_save(
            actor=world.us, requirement=requirement, provider=world.ours, price=Decimal("0.41"), answers={social.pk: ""}
        )
    assert bid_state(bid) == before


def test_saving_changes_to_a_complete_submitted_bid_keeps_it_submitted_and_says_so(client, world, submitted):
    requirement, quality, social, bid = submitted
    client.force_login(world.us)
    response = client.post(
        f"/marketplace/requirements/{requirement.pk}/bid/",
        {"price": "0.39", f"answer_{quality.pk}": "Better", f"answer_{social.pk}": "More jobs", "save": "1"},
        follow=True,
    )
    assert "Your changes are saved. Your bid stays submitted." in response.content.decode()
    assert bid_state(bid) == (
        BidStatus.SUBMITTED,
        Decimal("0.39"),
        sorted([(quality.pk, "Better"), (social.pk, "More jobs")]),
    )


OPERATIONS = {
    "save complete": {"save": "1", "answers": ("A", "B")},
    "save one blank": {"save": "1", "answers": ("A", "")},
    "save all blank": {"save": "1", "answers": ("", "")},
    "submit complete": {"submit": "1", "answers": ("A", "B")},
    "submit one blank": {"submit": "1", "answers": ("", "B")},
    "withdraw": None,
}


def test_no_sequence_of_three_bid_edits_leaves_a_submitted_bid_without_a_price_or_an_answer(client, world, joint):
    """Every sequence of three of six edits (216), from no bid, through the pages: after each step a submitted bid
    has a price and every answer, and a refused step changes nothing."""
    from django.db import transaction

    requirement, quality, social = joint
    client.force_login(world.us)
    url = f"/marketplace/requirements/{requirement.pk}/bid/"
    checked = 0
    for sequence in itertools.product(OPERATIONS, repeat=3):
        with transaction.atomic():
            for step, name in enumerate(sequence):
                bid = Bid.objects.filter(requirement=requirement, provider=world.ours).first()
                before = bid_state(bid) if bid else None
                operation = OPERATIONS[name]
                if operation is None:
                    response = client.post(f"{url}withdraw/")
                else:
                    first, second = operation["answers"]
                    data = {"price": f"0.{40 + step}", f"answer_{quality.pk}": first, f"answer_{social.pk}": second}
                    response = client.post(url, data | {key: "1" for key in ("save", "submit") if key in operation})
                bid = Bid.objects.filter(requirement=requirement, provider=world.ours).first()
                if bid is None:
                    continue
                status, price, answers = bid_state(bid)
                if status == BidStatus.SUBMITTED:
                    assert price is not None and len(answers) == 2 and all(text for _, text in answers), sequence
                if response.status_code == 200 and before is not None:  # re-rendered with errors: refused
                    assert bid_state(bid) == before, (sequence, step)
                checked += 1
            transaction.set_rollback(True)
    assert checked > 400


def test_an_evaluators_half_filled_scores_save_nothing_and_show_every_missing_part(
    client, close_bids, world, evaluated
):
    requirement, quality, social, ours, theirs, (first, one), _ = evaluated
    close_bids(requirement)
    client.force_login(first)
    url = f"/marketplace/requirements/{requirement.pk}/evaluation/{ours.pk}/"
    client.post(url, {"declare": "1", "conflicted": "no"})
    page = client.post(
        url, {f"score_{quality.pk}": "4", f"justification_{quality.pk}": "Strong", f"score_{social.pk}": "3"}
    ).content.decode()
    assert "There is a problem" in page and "Give the reason for the score for Social value" in page
    assert "Strong" in page  # what was typed is kept
    assert Score.objects.count() == 0


def test_scores_recorded_together_are_all_refused_when_one_is_out_of_range(close_bids, world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), _ = evaluated
    close_bids(requirement)
    evaluation.conflict_declare(actor=first, assignment=one, bid=ours, conflicted=False)
    with pytest.raises(ApplicationError):
        evaluation.scores_record(
            actor=first, assignment=one, bid=ours, scores={quality.pk: (4, "Strong"), social.pk: (9, "Off the scale")}
        )
    assert Score.objects.count() == 0


@pytest.fixture
def ready_for_moderation(close_bids, world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    close_bids(requirement)
    scores = {ours.pk: {quality.pk: 4, social.pk: 3}, theirs.pk: {quality.pk: 2, social.pk: 2}}
    score_all(first, one, [ours, theirs], [quality, social], scores, now=None)
    score_all(second, two, [ours, theirs], [quality, social], {ours.pk: {quality.pk: 3, social.pk: 3}}, [theirs], None)
    return requirement, quality, social, ours, theirs


def test_a_moderation_form_with_one_bad_row_saves_none_of_the_rows_and_names_every_error(
    client, world, ready_for_moderation
):
    requirement, quality, social, ours, theirs = ready_for_moderation
    client.force_login(world.lead)
    data = {
        f"score_{ours.pk}_{quality.pk}": "4",
        f"rationale_{ours.pk}_{quality.pk}": "Agreed",
        f"score_{ours.pk}_{social.pk}": "3",
        f"rationale_{ours.pk}_{social.pk}": "",  # a score without its rationale
        f"score_{theirs.pk}_{quality.pk}": "",
        f"rationale_{theirs.pk}_{quality.pk}": "A rationale without a score",
    }
    response = client.post(f"/marketplace/requirements/{requirement.pk}/moderation/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Record the rationale for Community Voice Partnership&#39;s score for Social value" in page
    assert "Choose the consensus score for Meridian Health Analytics Ltd, Approach" in page
    assert f'href="#rationale_{ours.pk}_{social.pk}"' in page
    assert "A rationale without a score" in page  # kept
    assert ModeratedScore.objects.count() == 0


def test_moderation_recorded_together_is_refused_whole_when_one_cell_is_out_of_range(world, ready_for_moderation):
    requirement, quality, social, ours, theirs = ready_for_moderation
    with pytest.raises(ApplicationError):
        evaluation.moderation_record_all(
            actor=world.lead,
            requirement=requirement,
            entries=[
                evaluation.Consensus(ours, quality, 4, "Agreed"),
                evaluation.Consensus(ours, social, 7, "Too high"),
            ],
        )
    assert ModeratedScore.objects.count() == 0
