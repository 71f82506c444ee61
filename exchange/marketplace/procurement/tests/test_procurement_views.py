"""The procurement rules hold at the pages too: the wrong person, or the right person at the wrong time, gets
nothing (tests call the views directly)."""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from exchange.core import uploads
from exchange.core.tests import documents
from exchange.marketplace.procurement.models import Bid, BidAttachment, Requirement, Score
from exchange.marketplace.procurement.services import bidding

pytestmark = pytest.mark.django_db
PDF = documents.pdf()  # a real one: attachments are opened as what their name says


@pytest.fixture
def live(world, joint):
    """The joint requirement with deadlines in the real future, and a submitted bid with an attachment."""
    requirement, quality, social = joint
    now = datetime.datetime.now(tz=datetime.UTC).replace(minute=0, second=0, microsecond=0)
    Requirement.objects.filter(pk=requirement.pk).update(
        clarification_deadline=now + datetime.timedelta(days=1), bid_deadline=now + datetime.timedelta(days=2)
    )
    requirement.refresh_from_db()
    bid = bidding.bid_save(
        actor=world.us,
        requirement=requirement,
        provider=world.ours,
        price="0.40",
        answers={quality.pk: "Our approach", social.pk: "Local jobs"},
    )
    bidding.bid_attachment_add(actor=world.us, bid=bid, uploaded=SimpleUploadedFile("plan.pdf", PDF))
    bidding.bid_submit(actor=world.us, bid=bid)
    return requirement, bid


def test_nobody_on_the_buying_side_reads_a_bid_or_its_attachment_before_the_deadline(close_bids, client, world, live):
    requirement, bid = live
    attachment = BidAttachment.objects.get()
    client.force_login(world.lead)
    assert client.get(f"/marketplace/attachments/{attachment.pk}/").status_code == 404
    assert client.get(f"/marketplace/requirements/{requirement.pk}/bid/").status_code == 404
    assert "Bids are sealed" in client.get(f"/marketplace/requirements/{requirement.pk}/moderation/").content.decode()
    close_bids(requirement)
    response = client.get(f"/marketplace/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_another_provider_cannot_read_a_bids_attachment(client, world, live):
    attachment = BidAttachment.objects.get()
    client.force_login(world.them)
    assert client.get(f"/marketplace/attachments/{attachment.pk}/").status_code == 404
    client.force_login(world.us)
    assert client.get(f"/marketplace/attachments/{attachment.pk}/").status_code == 200


@pytest.fixture
def database_storage(settings):
    """Attachments kept as production keeps them: in the database, shared by every web machine."""
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "exchange.core.storage.DatabaseStorage"}}


def test_an_attachment_kept_in_the_database_is_uploaded_and_downloaded_through_the_pages(
    database_storage, client, world, live
):
    from exchange.core.models import StoredFile

    requirement, _ = live
    client.force_login(world.us)
    client.post(
        f"/marketplace/requirements/{requirement.pk}/bid/attachments/", {"file": SimpleUploadedFile("p.pdf", PDF)}
    )
    attachment = BidAttachment.objects.get(name="p.pdf")
    assert StoredFile.objects.filter(name=attachment.file.name, size=len(PDF)).exists()
    response = client.get(f"/marketplace/attachments/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="p.pdf"'
    client.force_login(world.them)
    assert client.get(f"/marketplace/attachments/{attachment.pk}/").status_code == 404


def test_a_renamed_executable_is_refused_as_an_attachment(client, world, live):
    requirement, _ = live
    client.force_login(world.us)
    response = client.post(
        f"/marketplace/requirements/{requirement.pk}/bid/attachments/",
        {"file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00binary")},
        follow=True,
    )
    assert "do not match its type" in response.content.decode()
    assert BidAttachment.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.pdf", b"%PDF-1.7\n<html><body>Not a PDF</body></html>", uploads.NOT_A_PDF),
        ("plan.docx", documents.zip_bomb_docx(megabytes=120), uploads.UNPACKS_TOO_BIG.format(limit=100)),
    ],
    ids=["html behind %PDF-", "zip bomb docx"],
)
def test_an_attachment_that_is_not_what_its_name_says_is_refused_at_the_page_with_why(
    client, world, live, name, data, message
):
    requirement, _ = live
    client.force_login(world.us)
    response = client.post(
        f"/marketplace/requirements/{requirement.pk}/bid/attachments/",
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )
    assert html.escape(message) in response.content.decode()
    assert BidAttachment.objects.count() == 1  # the one attached before


def test_a_request_carrying_more_files_than_any_form_takes_is_refused_before_they_are_stored(client, world, live):
    requirement, _ = live
    client.force_login(world.us)
    files = {f"file{n}": SimpleUploadedFile(f"p{n}.pdf", PDF) for n in range(3)}
    response = client.post(f"/marketplace/requirements/{requirement.pk}/bid/attachments/", files)
    assert response.status_code == 400
    assert BidAttachment.objects.count() == 1  # the one attached before


def test_a_late_bid_is_refused_at_the_page_and_changes_nothing(close_bids, client, world, live):
    requirement, bid = live
    close_bids(requirement)
    client.force_login(world.us)
    page = client.get(f"/marketplace/requirements/{requirement.pk}/bid/").content.decode()
    assert "Bids are closed" in page
    fields = {"price": "0.10", "submit": "1"} | {f"answer_{c.pk}": "Late" for c in requirement.criteria.all()}
    client.post(f"/marketplace/requirements/{requirement.pk}/bid/", fields)
    assert Bid.objects.get(pk=bid.pk).price == bid.price


def test_scoring_pages_refuse_the_wrong_person_and_a_conflicted_evaluator(close_bids, client, world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    close_bids(requirement)
    client.force_login(world.them)
    assert client.get(f"/marketplace/requirements/{requirement.pk}/evaluation/").status_code == 404
    assert client.get(f"/marketplace/requirements/{requirement.pk}/moderation/").status_code == 404
    client.force_login(second)
    assert client.get(f"/marketplace/requirements/{requirement.pk}/moderation/").status_code == 404
    scored = {
        f"score_{quality.pk}": "4",
        f"justification_{quality.pk}": "Strong",
        f"score_{social.pk}": "4",
        f"justification_{social.pk}": "Strong",
    }
    evaluate = f"/marketplace/requirements/{requirement.pk}/evaluation/"
    # Scores before any declaration are refused, and the bid is not shown.
    assert client.post(f"{evaluate}{ours.pk}/", scored).status_code == 404
    page = client.get(f"{evaluate}{ours.pk}/").content.decode()
    assert "will deliver" not in page and "0.40" not in page
    client.post(f"{evaluate}{theirs.pk}/", {"declare": "1", "conflicted": "yes", "conflict_note": "Former employer"})
    assert client.post(f"{evaluate}{theirs.pk}/", scored).status_code == 404
    assert Score.objects.filter(assignment=two, bid=theirs).count() == 0
    client.post(f"{evaluate}{ours.pk}/", {"declare": "1", "conflicted": "no"})
    client.post(f"{evaluate}{ours.pk}/", scored)
    assert Score.objects.filter(assignment=two, bid=ours).count() == 2


def test_an_evaluator_sees_only_their_own_scores_until_they_submit(close_bids, client, world, evaluated):
    from exchange.marketplace.procurement.tests.procurement_flow import score_all

    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    close_bids(requirement)
    scores = {ours.pk: {quality.pk: 4, social.pk: 3}, theirs.pk: {quality.pk: 2, social.pk: 2}}
    score_all(first, one, [ours, theirs], [quality, social], scores)
    client.force_login(second)
    page = client.get(f"/marketplace/requirements/{requirement.pk}/evaluation/").content.decode()
    assert "Because 4" not in page and "Every evaluator" not in page
    client.force_login(first)
    page = client.get(f"/marketplace/requirements/{requirement.pk}/evaluation/").content.decode()
    assert "Every evaluator" in page and "Because 4" in page


def test_a_draft_is_private_to_the_lead_partners_and_invited_commissioners(client, world):
    from exchange.marketplace.procurement.services.requirements import requirement_partner_invite
    from exchange.marketplace.procurement.tests.factories import RequirementFactory, buyer
    from exchange.organisations.tests.factories import OrganisationFactory

    draft = RequirementFactory(
        lead=world.blackpool,
        owner=world.lead,
        title="Private draft",
        service_lines=["finance"],
        pricing_model="fixed_annual",
    )
    stranger = buyer(OrganisationFactory(name="NHS Elsewhere"))
    for person, status in [(world.us, 404), (stranger, 404), (world.london_lead, 404), (world.lead, 200)]:
        client.force_login(person)
        assert client.get(f"/marketplace/requirements/{draft.pk}/").status_code == status
    requirement_partner_invite(actor=world.lead, requirement=draft, commissioner=world.camden)
    client.force_login(world.london_lead)
    page = client.get(f"/marketplace/requirements/{draft.pk}/")
    assert page.status_code == 200 and "Join as a partner for NHS Camden" in page.content.decode()


def test_the_evaluation_report_pdf_tells_the_whole_story_to_the_buyers_only(close_bids, client, world, concluded):
    import pypdfium2

    client.force_login(world.lead)
    close_bids(concluded)
    response = client.get(f"/marketplace/requirements/{concluded.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.content)
    text = " ".join(" ".join(document[i].get_textpage().get_text_range() for i in range(len(document))).split())
    for words in [
        "Evaluation report",
        "NHS Camden",
        "Meridian Health Analytics Ltd",
        "Consensus",
        "89.00",
        "Highest score",
        "Awarded",
        "Score moderated",
        "Bid submitted",
    ]:
        assert words in text, words
    page = client.get(f"/marketplace/requirements/{concluded.pk}/report/").content.decode()
    assert "Community Voice Partnership" in page and "Award concluded" in page
    client.force_login(world.us)
    assert client.get(f"/marketplace/requirements/{concluded.pk}/report.pdf").status_code == 404


def test_nonsense_in_posted_forms_gets_a_message_not_a_server_error(close_bids, client, world, evaluated):
    requirement, quality, social, ours, theirs, (first, one), (second, two) = evaluated
    close_bids(requirement)
    client.force_login(world.lead)
    assert client.post(f"/marketplace/requirements/{requirement.pk}/evaluators/", {"evaluator": "x"}).status_code == 404
    assert (
        client.post(f"/marketplace/requirements/{requirement.pk}/invite/", {"commissioner": "1e9"}).status_code == 404
    )
    response = client.post(
        f"/marketplace/requirements/{requirement.pk}/moderation/",
        {f"score_{ours.pk}_{quality.pk}": "9", f"rationale_{ours.pk}_{quality.pk}": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Every evaluator must submit" in response.content.decode()


def test_a_losing_bidder_gets_an_assessment_summary_with_the_winners_scores_and_reasons(client, world, concluded):
    from exchange.marketplace.procurement.models import ModeratedScore

    ModeratedScore.objects.filter(bid__provider=world.ours).update(rationale="Strong local evidence")
    ModeratedScore.objects.filter(bid__provider=world.theirs).update(rationale="Thin on outcomes")
    client.force_login(world.them)
    page = client.get(f"/marketplace/requirements/{concluded.pk}/feedback/").content.decode()
    assert "Assessment summary of your bid" in page
    assert "Thin on outcomes" in page and "Strong local evidence" in page and "Why (winning bid)" in page
    client.force_login(world.us)
    won = client.get(f"/marketplace/requirements/{concluded.pk}/feedback/").content.decode()
    assert "Your bid won." in won and "Thin on outcomes" not in won


def test_the_lead_records_the_signed_contract_on_its_page_and_nobody_else_can(client, world, concluded):
    from django.utils import timezone

    url = f"/marketplace/requirements/{concluded.pk}/contract/"
    starts = timezone.localdate(concluded.award.awarded_at) + datetime.timedelta(days=10)
    form = {
        "signed_on": timezone.localdate().isoformat(),
        "starts_on": starts.isoformat(),
        "ends_on": (starts + datetime.timedelta(days=364)).isoformat(),
    }
    for outsider in (world.london_lead, world.us, world.staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404 and client.post(url, form).status_code == 404
    client.force_login(world.lead)
    wrong = client.post(url, {**form, "ends_on": (starts - datetime.timedelta(days=1)).isoformat()})
    assert wrong.status_code == 400 and "The last day must be on or after the first day" in wrong.content.decode()
    concluded.award.refresh_from_db()
    assert concluded.award.contract_signed_on is None
    assert client.post(url, form).status_code == 302
    concluded.award.refresh_from_db()
    assert concluded.award.contract_starts_on == starts
    assert client.get(url).status_code == 404  # recorded once
    report = client.get(f"/marketplace/requirements/{concluded.pk}/report/").content.decode()
    assert f"running from {starts:%-d %B %Y}" in report
