"""The release history: every event a reader should see appends a release, and nothing published is ever changed
or removed — shown by walking one joint procurement through every stage and comparing the feed's text, by the
database refusing to rewrite a release, and by the clock's events (bids opened, contract ended) being published by
the scheduled job, never by someone reading the feed."""

import datetime

import ocdsmerge
import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from exchange.accounts.models import Role
from exchange.marketplace.procurement.models import Release, ReleaseEvent
from exchange.marketplace.procurement.ocds import EXTENSIONS
from exchange.marketplace.procurement.ocds_schema import release_schema
from exchange.marketplace.procurement.services import bidding, evaluation
from exchange.marketplace.procurement.services.releases import release_record, releases_publish_due
from exchange.marketplace.procurement.tests.factories import EvaluatorAssignmentFactory, buyer
from exchange.marketplace.procurement.tests.ocds_schema import record_package_errors, validate
from exchange.marketplace.procurement.tests.procurement_flow import (
    AFTER_BIDS_CLOSE,
    BEFORE_BIDS_CLOSE,
    DRAFTED,
    bid,
    score_both,
)

pytestmark = pytest.mark.django_db


def _releases_text(client, ocid: str) -> str:
    """The releases of `ocid` exactly as the feed writes them (the text inside the package's `releases` array)."""
    text = client.get(f"/ocds/releases/{ocid}.json").content.decode()
    start = text.index('"releases": [\n') + len('"releases": [\n')
    return text[start : text.rindex("\n]\n}")]


def _walk(world, requirement, quality, social, client):
    """Take the published joint procurement through every later stage, keeping the feed's text after each."""
    texts = {"published": _releases_text(client, requirement.ocid)}
    asked = bidding.question_ask(
        actor=world.us,
        requirement=requirement,
        provider=world.ours,
        question="Is the data warehouse hosted by the buyers?",
        now=DRAFTED + datetime.timedelta(hours=1),
    )
    bidding.question_answer(
        actor=world.lead, question=asked, answer="Yes, by NHS Blackpool.", now=DRAFTED + datetime.timedelta(hours=2)
    )
    texts["answered"] = _releases_text(client, requirement.ocid)
    ours = bid(world, requirement, world.ours, world.us, "0.40")
    theirs = bid(world, requirement, world.theirs, world.them, "0.32")
    one = EvaluatorAssignmentFactory(requirement=requirement, evaluator=buyer(world.blackpool, Role.EVALUATOR))
    two = EvaluatorAssignmentFactory(requirement=requirement, evaluator=buyer(world.camden, Role.EVALUATOR))
    texts["bids submitted, sealed"] = _releases_text(client, requirement.ocid)
    releases_publish_due(now=AFTER_BIDS_CLOSE)
    texts["bids opened"] = _releases_text(client, requirement.ocid)
    evaluated = (requirement, quality, social, ours, theirs, (one.evaluator, one), (two.evaluator, two))
    scores = score_both(evaluated)
    for each in (ours, theirs):
        for criterion in (quality, social):
            evaluation.moderation_record(
                actor=world.lead,
                bid=each,
                criterion=criterion,
                score=scores[each.pk][criterion.pk],
                rationale="Consensus",
                now=AFTER_BIDS_CLOSE,
            )
    award = evaluation.award_make(
        actor=world.lead, requirement=requirement, bid=ours, rationale="Highest score", now=AFTER_BIDS_CLOSE
    )
    texts["awarded"] = _releases_text(client, requirement.ocid)
    evaluation.award_conclude(actor=world.lead, requirement=requirement, now=award.standstill_ends_at)
    texts["standstill over"] = _releases_text(client, requirement.ocid)
    signed = award.standstill_ends_at + datetime.timedelta(days=1)
    today = timezone.localdate(signed)
    evaluation.contract_sign(
        actor=world.lead,
        requirement=requirement,
        signed_on=today,
        starts_on=today + datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=90),
        now=signed,
    )
    texts["contract signed"] = _releases_text(client, requirement.ocid)
    releases_publish_due(now=signed + datetime.timedelta(days=92))
    texts["contract ended"] = _releases_text(client, requirement.ocid)
    return texts


def test_every_stage_appends_a_release_and_every_earlier_release_stays_byte_for_byte_the_same(client, world, joint):
    requirement, quality, social = joint
    texts = list(_walk(world, requirement, quality, social, client).items())
    for (earlier_stage, earlier), (stage, later) in zip(texts, texts[1:], strict=False):
        assert later == earlier or later.startswith(earlier + ",\n"), f"{earlier_stage} changed by {stage}"
    assert texts[2][1] == texts[1][1], "a sealed bid publishes nothing"
    package = client.get(f"/ocds/releases/{requirement.ocid}.json").json()
    validate(package)
    releases = package["releases"]
    assert [release["tag"] for release in releases] == [
        ["tender"],
        ["tenderUpdate"],
        ["tenderUpdate"],
        ["award"],
        ["awardUpdate", "contract"],
        ["contractUpdate"],
        ["contractTermination"],
    ]
    assert len({release["id"] for release in releases}) == len(releases)
    assert [release["date"] for release in releases] == sorted(release["date"] for release in releases)
    assert releases[1]["tender"]["hasEnquiries"] and not releases[0]["tender"]["hasEnquiries"]
    assert [release["contracts"][0]["status"] for release in releases[4:]] == ["pending", "active", "terminated"]


def test_no_release_dated_before_the_bid_deadline_names_a_bidder_or_carries_bid_figures(client, world, joint):
    requirement, quality, social = joint
    _walk(world, requirement, quality, social, client)
    deadline = requirement.bid_deadline.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    for release in client.get(f"/ocds/releases/{requirement.ocid}.json").json()["releases"]:
        named = {party["name"] for party in release["parties"]}
        if release["date"] < deadline:
            assert "tenderers" not in release["tender"] and "bids" not in release
            assert not named & {"Community Voice Partnership", "Meridian Health Analytics Ltd"}
        else:
            assert release["tender"]["numberOfTenderers"] == 2


def test_the_record_compiles_the_releases_as_ocdsmerge_does_and_meets_the_official_schema(client, world, joint):
    requirement, quality, social = joint
    _walk(world, requirement, quality, social, client)
    releases = client.get(f"/ocds/releases/{requirement.ocid}.json").json()["releases"]
    package = client.get(f"/ocds/records/{requirement.ocid}.json").json()
    assert record_package_errors(package) == []
    (record,) = package["records"]
    expected = ocdsmerge.Merger(schema=release_schema(tuple(EXTENSIONS))).create_compiled_release(releases)
    assert record["compiledRelease"] == expected
    assert record["compiledRelease"]["contracts"][0]["status"] == "terminated"
    assert record["compiledRelease"]["tender"]["numberOfTenderers"] == 2
    assert [linked["url"].rsplit("#", 1)[1] for linked in record["releases"]] == [r["id"] for r in releases]
    (listed,) = package["packages"]
    assert listed.endswith(f"/ocds/releases/{requirement.ocid}.json")
    assert record["releases"][0]["url"].startswith(listed + "#")


def test_the_database_refuses_to_change_or_remove_a_published_release(world, joint):
    requirement, *_ = joint
    (release,) = Release.objects.filter(requirement=requirement)
    release.body = release.body.replace("Business intelligence", "Something else")
    with pytest.raises(DatabaseError), transaction.atomic():
        release.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        Release.objects.filter(pk=release.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE marketplace_release SET body = '{}'")
    assert "Business intelligence" in Release.objects.get(pk=release.pk).body


def test_reading_the_feed_after_the_deadline_writes_nothing_until_the_scheduled_job_runs(
    client, world, evaluated, time_machine
):
    requirement, *_ = evaluated
    time_machine.move_to(AFTER_BIDS_CLOSE + datetime.timedelta(hours=2), tick=False)
    before = Release.objects.count()
    for url in ("/ocds/releases.json", f"/ocds/releases/{requirement.ocid}.json", "/ocds/records.json"):
        assert "tenderers" not in client.get(url).content.decode()
    assert Release.objects.count() == before
    assert releases_publish_due() == 1
    opened = Release.objects.get(requirement=requirement, event=ReleaseEvent.BIDS_OPENED)
    assert opened.date == requirement.bid_deadline  # dated when it happened, not when the job ran
    assert releases_publish_due() == 0  # and only once


def test_an_award_made_before_the_job_ran_publishes_the_bids_opened_release_first(world, awarded):
    events = list(Release.objects.filter(requirement=awarded).order_by("sequence").values_list("event", flat=True))
    assert events == [ReleaseEvent.PUBLISHED, ReleaseEvent.BIDS_OPENED, ReleaseEvent.AWARDED]


def test_an_event_that_happens_once_cannot_be_published_twice(world, awarded):
    with pytest.raises(ValueError, match="already has its awarded release"):
        release_record(requirement=awarded, event=ReleaseEvent.AWARDED, now=AFTER_BIDS_CLOSE)


def test_a_release_is_never_dated_before_the_one_it_follows(world, joint):
    requirement, *_ = joint
    earlier = release_record(requirement=requirement, event=ReleaseEvent.ANSWERED, now=BEFORE_BIDS_CLOSE)
    later = release_record(
        requirement=requirement, event=ReleaseEvent.ANSWERED, now=BEFORE_BIDS_CLOSE - datetime.timedelta(days=1)
    )
    assert later.date == earlier.date and later.sequence == earlier.sequence + 1


def test_a_reader_following_the_feed_gets_the_bids_opened_release_the_job_published_after_it_last_read(
    client, world, evaluated
):
    requirement, *_ = evaluated
    last_read = AFTER_BIDS_CLOSE + datetime.timedelta(minutes=5)
    seen = client.get("/ocds/releases.json", {"until": last_read.isoformat()}).json()["releases"]
    releases_publish_due(now=last_read + datetime.timedelta(minutes=10))  # the job runs late
    new = client.get("/ocds/releases.json", {"since": last_read.isoformat()}).json()["releases"]
    assert [release["tag"] for release in seen] == [["tender"]]
    assert [release["tag"] for release in new] == [["tenderUpdate"]]
    assert new[0]["date"] < last_read.isoformat()  # dated at the deadline, when the bids opened
