"""The page cache of production (`TolerantRedisCache`): shared through Redis by every web machine, under the release's
prefix, and when Redis is down, unreachable or silent, a miss that costs a fraction of a second, never an error."""

import logging
import shutil
import socket
import subprocess
import time
import uuid

import pytest

from exchange.core.cache import TolerantRedisCache


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cache(location: str, prefix: str = "", **options) -> TolerantRedisCache:
    return TolerantRedisCache(location, {"KEY_PREFIX": prefix or uuid.uuid4().hex, "OPTIONS": options})


def test_a_redis_that_refuses_connections_is_a_miss_for_every_operation_and_never_an_error(caplog):
    cache = _cache(f"redis://127.0.0.1:{_free_port()}/0")
    with caplog.at_level(logging.WARNING, logger="exchange.core.cache"):
        assert cache.get("footer", "default") == "default"
        cache.set("footer", "<footer>")
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("a", 1) is False
        assert cache.delete("a") is False
        assert cache.has_key("a") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        cache.delete_many(["a", "b"])
        assert cache.get_or_set("page", lambda: "worked out") == "worked out"
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "unavailable" in warnings[0].getMessage()


def test_a_redis_that_never_answers_costs_one_short_wait_then_nothing_while_the_cache_pauses():
    """A host that drops packets: the connection is accepted (by the kernel) and nothing ever comes back."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        cache = _cache(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
        started = time.monotonic()
        assert cache.get("footer") is None
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            assert cache.get("footer") is None
            cache.set("footer", "<footer>")
        paused = time.monotonic() - started
    assert 0.2 <= first < 1.5
    assert paused < 0.1


def test_two_machines_share_entries_under_one_release_and_not_across_releases(redis_url):
    release = uuid.uuid4().hex
    one, other = _cache(redis_url, release), _cache(redis_url, release)
    previous_release = _cache(redis_url, uuid.uuid4().hex)
    one.set("footer", "<footer>new</footer>", 30)
    assert other.get("footer") == "<footer>new</footer>"
    assert previous_release.get("footer") is None
    other.delete("footer")
    assert one.get("footer") is None


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the redis-server program")
def test_a_redis_stopped_and_started_again_is_a_miss_meanwhile_and_used_again_after(tmp_path, caplog):
    port = _free_port()
    cache = _cache(f"redis://127.0.0.1:{port}/0", pause=0)

    def start() -> subprocess.Popen:
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and cache.add("ready", 1, 30) is False:
            time.sleep(0.05)
        return server

    server = start()
    try:
        cache.set("footer", "<footer>", 30)
        assert cache.get("footer") == "<footer>"
        server.terminate()
        server.wait(timeout=10)
        with caplog.at_level(logging.WARNING, logger="exchange.core.cache"):
            assert cache.get("footer", "worked out") == "worked out"
            server = start()
            cache.set("footer", "<footer>again</footer>", 30)
        assert cache.get("footer") == "<footer>again</footer>"
        assert [record.getMessage() for record in caplog.records][-1] == "The cache (Redis) answers again."
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db
def test_pages_are_served_while_redis_is_down(client, settings, caplog):
    """The footer is read from the cache on every page, and catalogue results are cached: both are worked out."""
    location = f"redis://127.0.0.1:{_free_port()}/0"
    settings.CACHES = {"default": {"BACKEND": "exchange.core.cache.TolerantRedisCache", "LOCATION": location}}
    for path in ("/", "/marketplace/", "/organisations/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'class="nhsuk-footer' in response.content.decode()
    assert any("unavailable" in record.getMessage() for record in caplog.records)  # the pages did ask Redis
