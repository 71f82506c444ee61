"""Questions and bids: only a provider's own people, only while open, complete when submitted, attachments
within limits."""

from decimal import Decimal

import pytest

from exchange.core.exceptions import ApplicationError
from exchange.core.tests import documents
from exchange.marketplace.procurement.services import bidding
from exchange.marketplace.procurement.tests.procurement_flow import (
    BEFORE_BIDS_CLOSE,
    BEFORE_QUESTIONS_CLOSE,
    BIDS_CLOSE,
    DRAFTED,
    QUESTIONS_CLOSE,
    bid,
)

pytestmark = pytest.mark.django_db


def test_questions_close_at_their_deadline_and_late_bids_are_refused(world, joint):
    requirement, *_ = joint
    bidding.question_ask(
        actor=world.us, requirement=requirement, provider=world.ours, question="Which data?", now=BEFORE_QUESTIONS_CLOSE
    )
    with pytest.raises(ApplicationError, match=bidding.QUESTIONS_CLOSED):
        bidding.question_ask(
            actor=world.us, requirement=requirement, provider=world.ours, question="Late?", now=QUESTIONS_CLOSE
        )
    with pytest.raises(ApplicationError, match="Late bids cannot be accepted"):
        bid(world, requirement, world.ours, world.us, "0.40", now=BIDS_CLOSE)


def test_a_provider_cannot_bid_for_another_provider(world, joint):
    requirement, *_ = joint
    with pytest.raises(ApplicationError, match=bidding.NOT_YOUR_PROVIDER):
        bid(world, requirement, world.ours, world.them, "0.40")


def test_an_incomplete_bid_cannot_be_submitted(world, joint):
    requirement, quality, _ = joint
    saved = bidding.bid_save(
        actor=world.us,
        requirement=requirement,
        provider=world.ours,
        price=Decimal("0.40"),
        answers={quality.pk: "Only one answer"},
        now=BEFORE_BIDS_CLOSE,
    )
    with pytest.raises(ApplicationError, match=bidding.INCOMPLETE):
        bidding.bid_submit(actor=world.us, bid=saved, now=BEFORE_BIDS_CLOSE)


def test_an_attachment_over_the_size_limit_is_refused(world, joint, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    requirement, quality, social = joint
    settings.BID_ATTACHMENT_MAX_BYTES = 1024 * 1024
    saved = bidding.bid_save(
        actor=world.us, requirement=requirement, provider=world.ours, price=Decimal("0.4"), answers={}, now=DRAFTED
    )
    big = SimpleUploadedFile("big.pdf", documents.pdf() + b"0" * (1024 * 1024))
    with pytest.raises(ApplicationError, match="smaller than 1 MB"):
        bidding.bid_attachment_add(actor=world.us, bid=saved, uploaded=big, now=DRAFTED)


@pytest.fixture
def database_storage(settings):
    """Attachments kept as production keeps them: in the database, shared by every web machine."""
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "exchange.core.storage.DatabaseStorage"}}


def test_an_attachment_in_the_database_is_written_with_its_row_and_rolled_back_with_it(world, joint, database_storage):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from exchange.core.models import StoredFile

    requirement, *_ = joint
    saved = bidding.bid_save(
        actor=world.us, requirement=requirement, provider=world.ours, price=Decimal("0.4"), answers={}, now=DRAFTED
    )
    pdf = documents.pdf()
    with pytest.raises(RuntimeError), transaction.atomic():
        bidding.bid_attachment_add(actor=world.us, bid=saved, uploaded=SimpleUploadedFile("a.pdf", pdf), now=DRAFTED)
        raise RuntimeError("the request failed after the upload")
    assert not saved.attachments.exists() and not StoredFile.objects.exists()
    attachment = bidding.bid_attachment_add(
        actor=world.us, bid=saved, uploaded=SimpleUploadedFile("a.pdf", pdf), now=DRAFTED
    )
    assert StoredFile.objects.get().name == attachment.file.name
    assert attachment.file.open("rb").read() == pdf
