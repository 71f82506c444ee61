"""The published releases, as stored: the feed, a process's history, and pages of processes for records. Every
reader of open contracting data goes through here; none of them builds a release."""

import datetime

from django.db.models import Min, QuerySet

from exchange.marketplace.procurement.models import Release


def releases_published(*, since: datetime.datetime | None = None, until: datetime.datetime | None = None) -> QuerySet:
    """Every release published from `since` (inclusive) to `until` (exclusive), in the order they were published
    (by when they entered the feed, not by their date: a release can report an event of a few minutes before)."""
    releases = Release.objects.only("id", "published_at", "body")
    if since:
        releases = releases.filter(published_at__gte=since)
    if until:
        releases = releases.filter(published_at__lt=until)
    return releases.order_by("published_at", "id")


def process_releases(ocid: str) -> list[Release]:
    """The releases of one contracting process, in the order they were published."""
    return list(Release.objects.filter(ocid=ocid).only("id", "ocid", "date", "body").order_by("sequence"))


def processes_changed(*, since: datetime.datetime | None = None, until: datetime.datetime | None = None) -> QuerySet:
    """The ocid of every process with a release published from `since` to `until`, first published first."""
    releases = Release.objects.all()
    if since:
        releases = releases.filter(published_at__gte=since)
    if until:
        releases = releases.filter(published_at__lt=until)
    return (
        releases.values("ocid")
        .annotate(first=Min("requirement__published_at"))
        .order_by("first", "ocid")
        .values_list("ocid", flat=True)
    )


def releases_of(ocids: list[str]) -> dict[str, list[Release]]:
    """The releases of each of `ocids`, in one query."""
    grouped: dict[str, list[Release]] = {ocid: [] for ocid in ocids}
    for release in Release.objects.filter(ocid__in=ocids).only("id", "ocid", "date", "body").order_by("sequence"):
        grouped[release.ocid].append(release)
    return grouped
