"""What the rate limits allow (the counting is in `exchange.core.services.rate_limits`)."""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac

from .. import clock
from ..models import RateCount


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int  # seconds until the window closes; 0 when allowed


def rate_limit(scope: str) -> tuple[int, datetime.timedelta]:
    """The scope's limit (the RATE_LIMITS setting): how many, in what window."""
    limit, seconds = settings.RATE_LIMITS[scope]
    return limit, datetime.timedelta(seconds=seconds)


def key_hash(key: str) -> str:
    """The key as stored: an HMAC under the SECRET_KEY, so that a copy of the table reveals no email address."""
    return salted_hmac("exchange.core.rate_limits", key, algorithm="sha256").hexdigest()


def retry_after(window_end: datetime.datetime, now: datetime.datetime) -> int:
    """Whole seconds until `window_end`, at least one."""
    return max(1, math.ceil((window_end - now).total_seconds()))


def rate_limit_state(*, scope: str, key: str, now: datetime.datetime | None = None) -> RateDecision:
    """Whether one more hit of `scope` by `key` would still be within the limit, without counting it: for limits
    counted only when an attempt fails (a failed sign-in), asked before the attempt costs anything."""
    limit, _ = rate_limit(scope)
    now = clock.or_now(now)
    row = RateCount.objects.filter(scope=scope, key_hash=key_hash(key), window_end__gt=now).first()
    if row is None or row.count < limit:
        return RateDecision(allowed=True, retry_after=0)
    return RateDecision(allowed=False, retry_after=retry_after(row.window_end, now))
