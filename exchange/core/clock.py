"""The one clock. Code that needs the time takes `now` (or `today`) as an argument where it can, and otherwise asks
here, so that tests can pass a moment explicitly or move every clock at once (time-machine)."""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate()


def or_now(moment: datetime.datetime | None) -> datetime.datetime:
    """`moment` if given, else the current time: the default of every service that takes `now=`."""
    return moment if moment is not None else now()
