"""Rate limits counted in the database: `rate_limit_hit` counts one more of something and says whether it is
allowed. The limits are settings (RATE_LIMITS: scope -> (how many, per seconds)).

Not the cache: production's cache tolerates a Redis outage by missing, and a limit that an outage lifts is no
limit. Each key has one row per scope, whose window opens with the key's first hit and lasts the scope's seconds;
one statement (an upsert that PostgreSQL and SQLite both know) counts the hit or opens a new window, so concurrent
requests never lose a count. A hit counts inside the caller's transaction: a request that is refused, or fails, and
rolls back does not use up the allowance. Rows of windows that closed a day before are deleted whenever a key opens
a new window, after the caller's transaction commits.
"""

import datetime

from django.db import connection, transaction
from django.db.models import F

from .. import clock
from ..exceptions import TooManyRequests
from ..models import RateCount
from ..selectors.rate_limits import RateDecision, key_hash, rate_limit, retry_after

_UPSERT = """
INSERT INTO {table} (scope, key_hash, window_start, window_end, count) VALUES (%s, %s, %s, %s, 1)
ON CONFLICT (scope, key_hash) DO UPDATE SET
    count = CASE WHEN {table}.window_end <= excluded.window_start THEN 1 ELSE {table}.count + 1 END,
    window_start = CASE WHEN {table}.window_end <= excluded.window_start
        THEN excluded.window_start ELSE {table}.window_start END,
    window_end = CASE WHEN {table}.window_end <= excluded.window_start
        THEN excluded.window_end ELSE {table}.window_end END
RETURNING count
"""


# Rows are deleted a while after their window closed, not at once: a key that comes back soon after reuses its row.
PRUNE_AFTER = datetime.timedelta(days=1)


def _prune(now: datetime.datetime) -> None:
    """Delete rows whose window closed a day ago, skipping any another request holds (it is reusing the row), so
    that pruning never waits for, or deadlocks with, the requests it clears up after."""
    with transaction.atomic():
        closed = RateCount.objects.select_for_update(skip_locked=True).filter(window_end__lte=now - PRUNE_AFTER)
        RateCount.objects.filter(pk__in=list(closed.values_list("pk", flat=True)[:1000])).delete()


def rate_limit_hit(*, scope: str, key: str, now: datetime.datetime | None = None) -> RateDecision:
    """Count one hit of `scope` by `key`: allowed while the hits of the key's window are no more than the limit."""
    limit, window = rate_limit(scope)
    now = clock.or_now(now).replace(microsecond=0)  # whole seconds: SQLite compares the stored text
    hashed = key_hash(key)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT.format(table=connection.ops.quote_name(RateCount._meta.db_table)),
            [scope, hashed, adapt(now), adapt(now + window)],
        )
        (count,) = cursor.fetchone()
    if count == 1:
        # After the caller's commit, in a transaction of its own: pruned inside the caller's (a service's
        # @transaction.atomic) the deleted rows would stay locked until that commit. Run at once outside one.
        transaction.on_commit(lambda: _prune(now), robust=True)
    if count <= limit:
        return RateDecision(allowed=True, retry_after=0)
    window_end = RateCount.objects.filter(scope=scope, key_hash=hashed).values_list("window_end", flat=True).get()
    return RateDecision(allowed=False, retry_after=retry_after(window_end, now))


def rate_limit_enforce(*, scope: str, key: str, message: str, now: datetime.datetime | None = None) -> None:
    """Count one hit; past the limit raise `TooManyRequests` (answered 429 with Retry-After and `message`)."""
    decision = rate_limit_hit(scope=scope, key=key, now=now)
    if not decision.allowed:
        raise TooManyRequests(message, retry_after=decision.retry_after)


def rate_limit_give_back(*, scope: str, key: str, counted_at: datetime.datetime) -> None:
    """Give back a hit counted at `counted_at` (by `rate_limit_hit`), for limits counted before the attempt and
    meant only for attempts that fail: one statement, so that concurrent requests lose no count. Nothing is given
    back to a window that closed, or that opened after the hit."""
    counted_at = counted_at.replace(microsecond=0)
    RateCount.objects.filter(
        scope=scope, key_hash=key_hash(key), count__gt=0, window_start__lte=counted_at, window_end__gt=counted_at
    ).update(count=F("count") - 1)


def rate_limit_clear(*, scope: str, key: str) -> None:
    """Forget the key's hits of `scope`: its allowance is whole again (a password reset lifts an account's limit)."""
    RateCount.objects.filter(scope=scope, key_hash=key_hash(key)).delete()
