"""The page cache that every web machine shares in production: Redis, through Django's own backend, made tolerant.

What the cache holds (result pages, the header and footer) can always be worked out again, and the footer is read on
every page, so Redis being down, full or slow must cost speed, never a page: an error or a timeout counts as a miss
(reads give the default, writes do nothing). Sockets give up after a fraction of a second, and after a failure this
process leaves Redis alone for a few seconds, so a Redis that drops packets does not add its timeout to every read
of every page. One warning per outage, and one line when Redis answers again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis import exceptions

logger = logging.getLogger(__name__)

# Failures that mean "Redis cannot serve this now" (down, unreachable, slow, loading, full, a read-only replica),
# not a mistake in our code, which should still raise.
UNAVAILABLE = (
    exceptions.ConnectionError,
    exceptions.TimeoutError,
    exceptions.OutOfMemoryError,
    exceptions.ReadOnlyError,
)
SOCKET_SECONDS = 0.3
PAUSE_SECONDS = 5.0

T = TypeVar("T")


class TolerantRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` where Redis being unavailable is a miss, not an error.

    OPTIONS may set `socket_timeout` and `socket_connect_timeout` (seconds, default 0.3 each) and `pause` (seconds
    this process skips Redis after a failure, default 5); the rest go to redis-py's connection pool as usual."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self._pause = float(options.pop("pause", PAUSE_SECONDS))
        options.setdefault("socket_timeout", SOCKET_SECONDS)
        options.setdefault("socket_connect_timeout", SOCKET_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self._paused_until = 0.0
        self._down = False

    def _tolerant(self, call: Callable[[], T], fallback: T) -> T:
        if self._down and time.monotonic() < self._paused_until:
            return fallback
        try:
            result = call()
        except UNAVAILABLE as error:
            self._paused_until = time.monotonic() + self._pause
            if not self._down:
                self._down = True
                logger.warning("The cache (Redis) is unavailable; pages are worked out without it: %s", error)
            return fallback
        if self._down:
            self._down = False
            logger.warning("The cache (Redis) answers again.")
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._tolerant(lambda: super(TolerantRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key, default=None, version=None) -> Any:
        return self._tolerant(lambda: super(TolerantRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._tolerant(lambda: super(TolerantRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._tolerant(lambda: super(TolerantRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None) -> bool:
        return self._tolerant(lambda: super(TolerantRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None) -> dict:
        return self._tolerant(lambda: super(TolerantRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None) -> bool:
        return self._tolerant(lambda: super(TolerantRedisCache, self).has_key(key, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        # Django's contract: the keys that were not stored.
        return self._tolerant(lambda: super(TolerantRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys, version=None) -> None:
        self._tolerant(lambda: super(TolerantRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> bool:
        return self._tolerant(lambda: super(TolerantRedisCache, self).clear(), False)
