"""What platform staff see of every procurement at once (the admin): exactly what each procurement's evaluation
report shows them (`ProcurementAccess.can_see_in_report`), written in SQL so that a list needs no query per
requirement. While a requirement's bids are sealed nothing of them is listed, not even that they exist; afterwards
a submitted bid's line (bidder, price, when submitted), never its answers or attachments, which only the buying
side's procurement people and evaluators read."""

import datetime

from django.db.models import QuerySet

from exchange.core import clock
from exchange.marketplace.procurement.access import procurement_access
from exchange.marketplace.procurement.models import Award, Bid, BidStatus, bids_open


def _staff(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def bids_in_reports(*, user, now: datetime.datetime | None = None) -> QuerySet[Bid]:
    """Every bid line of every evaluation report `user` may read as platform staff at `now`; none for anyone
    else."""
    if not _staff(user):
        return Bid.objects.none()
    return Bid.objects.filter(bids_open(clock.or_now(now), via="requirement"), status=BidStatus.SUBMITTED)


def bid_in_report(*, user, bid: Bid, now: datetime.datetime | None = None) -> bool:
    """One bid, asked of the rule itself: may `user` see its line in its requirement's evaluation report?"""
    return procurement_access(user=user, requirement=bid.requirement, now=now).can_see_in_report(bid)


def awards_in_reports(*, user, now: datetime.datetime | None = None) -> QuerySet[Award]:
    """Every award platform staff may read at `now` (each is in its report once made); none for anyone else."""
    if not _staff(user):
        return Award.objects.none()
    return Award.objects.filter(bids_open(clock.or_now(now), via="requirement"))
