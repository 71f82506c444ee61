"""Catalogue search under load: p50/p95 latency and requests/s beside a static page of the same size, same server.

20,000 offerings from 2,000 providers in all four sectors and 200,000 ratings from the 211 CCGs of 2013 are
loaded into a throwaway PostgreSQL database with bulk_create (fixed random seed), then indexed by the
marketplace's own services (search text and tsvector; rating counts and Bayesian-adjusted means) and vacuumed
and analysed, as autovacuum would have left a live database. Titles, summaries and descriptions are drawn from
each service line's own words ("risk stratification", "medicines optimisation", "continuing healthcare"…), so a
text query matches a realistic share of the catalogue rather than all of it or nothing.

The server is gunicorn with 2 sync workers on 127.0.0.1 (as `make serve-production`) with the production
settings: DEBUG off, persistent database connections, WhiteNoise with the manifest storage. Two things differ:
a temporary STATIC_ROOT and no HTTPS redirect (the load is plain HTTP on loopback). Search pages are cached in
the production cache, Redis (keyed by the catalogue's token, so never stale; a visitor's whole page, with each
process keeping recent pages in memory too): the search load runs first with that cache warmed by one request per
URL of the mix, then again on a server started with CATALOGUE_CACHE_SECONDS=0, so that every request searches (over
each worker's index of the catalogue), counts facets and renders its page. Redis must answer at 127.0.0.1:6379
(BENCH_REDIS_URL to change it; database 13 is used).
wrk, in a second process, keeps 20 connections busy for BENCH_SECONDS (default 15) per page after 3 untimed
seconds: each connection sends its next request as soon as the last answer arrives, so 20 users with no think
time. The search load cycles through 100 anonymous search pages: 10 typical ones written out in
bench/data/catalogue.toml and 90 drawn with a fixed seed (a text query or none, up to three facets among service
line, sector, region, pricing model, price band and rating, sorted by relevance, cost or rating, pages 1 to 3).
Titles, summaries, descriptions, provider names and the search words are in that file too.

The baseline is one of the typical search pages, the one of median size, rendered once and saved as a static
file, so it has the same bytes; the same gunicorn workers serve it through WhiteNoise in the same run. That
request goes through gunicorn, Django's WSGI handler and the first two middlewares, then WhiteNoise sends the
file: what this server does for a page of that size when it does not search, query facets or render
templates, so the ratio is what those cost. Before the load, one warm request per typical URL in process shows
the page size, the number of SQL queries and the time spent in them against the whole request; after the load,
the same search mix from a single connection shows how long a search takes when it does not queue.

Environment: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_OFFERINGS (20000),
BENCH_RATINGS (200000), BENCH_USERS (20), BENCH_SECONDS (15), BENCH_WORKERS (2). wrk (the Debian package of
that name) must be installed beforehand: a benchmark installs nothing, and without wrk it says so and is skipped.
A database named benchhelper_bench_catalogue is created and dropped; the server is stopped and the temporary files
removed, also on error.
"""

import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from support.catalogue import TYPICAL_URLS, load_catalogue, search_mix
from support.database import django_setup, throwaway_database
from support.load import print_load_table, wrk_or_skip, wrk_run
from support.profile import print_profile, profile_urls
from support.server import free_port, get, production_env, start_server, stop_server

BENCH_DB = "exchange_bench_catalogue"
OFFERINGS = int(os.environ.get("BENCH_OFFERINGS", "20000"))
RATINGS = int(os.environ.get("BENCH_RATINGS", "200000"))
USERS = int(os.environ.get("BENCH_USERS", "20"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
WARM_UP_SECONDS = 3
OFFERINGS_PER_PROVIDER = 10
MIXED_URLS = 90
# The targets of issue 17, each checked in report().
UNCACHED_TARGET_RATE = 150  # requests/s at USERS users, with no results cache
UNCACHED_TARGET_P95_MS = 200
ALONE_TARGET_P50_MS = 25  # one user, no results cache
CACHED_TARGET_RATIO = 0.3  # of the static page's requests/s
STATIC_NAME = "bench-catalogue-page.html"


def main() -> None:
    started = time.perf_counter()
    wrk = wrk_or_skip()
    if not wrk:
        return
    with throwaway_database(BENCH_DB) as url:
        if url is None:
            return
        workdir = Path(tempfile.mkdtemp(prefix="bench-catalogue-"))
        signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # so that the cleanup below runs
        try:
            measure(wrk, url, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"total runtime {time.perf_counter() - started:.0f} s")


def measure(wrk: str, url: str, workdir: Path) -> None:
    env = production_env(workdir, url)
    os.environ.update(env)
    sys.path.insert(0, str(workdir))
    django_setup(url, settings=env["DJANGO_SETTINGS_MODULE"], migrate=False)
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client

    print(f"Loading {OFFERINGS:,} offerings and {RATINGS:,} ratings into PostgreSQL", flush=True)
    load_start = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_catalogue(random.Random(2013), offerings=OFFERINGS, ratings=RATINGS, per_provider=OFFERINGS_PER_PROVIDER)
    print(f"  loading took {time.perf_counter() - load_start:.1f} s in all", flush=True)
    call_command("collectstatic", verbosity=0, interactive=False)

    urls = search_mix(random.Random(1), MIXED_URLS)
    from django.conf import settings

    settings.CATALOGUE_CACHE_SECONDS = 0  # what a search costs when nothing of it is cached
    profile = profile_urls(TYPICAL_URLS)
    settings.CATALOGUE_CACHE_SECONDS = int(env.get("CATALOGUE_CACHE_SECONDS", "600"))
    print(f"\nOne request per URL in process with no results cache, the {len(TYPICAL_URLS)} typical searches:")
    print_profile(profile)
    failed = [row for row in profile if row[1] != 200]
    if failed:
        raise RuntimeError(f"search pages did not answer 200: {failed}")
    median_size = statistics.median(row[2] for row in profile)
    typical = min(profile, key=lambda row: abs(row[2] - median_size))
    page = Client(HTTP_HOST="127.0.0.1").get(typical[0]).content
    (workdir / "static" / STATIC_NAME).write_bytes(page)
    connections.close_all()

    port = free_port()
    log = workdir / "gunicorn.log"
    server = start_server(env, port, log, workers=WORKERS)
    try:
        static_path = f"/static/{STATIC_NAME}"
        assert get(port, static_path) == page, "the static page is not served as written"
        print(
            f"\ngunicorn, {WORKERS} sync workers, production settings, {os.cpu_count()} CPUs; wrk: {USERS} "
            f"connections, {SECONDS} s per page after {WARM_UP_SECONDS} s of warm-up"
        )
        results = {}
        runs = [
            (f"static page, {len(page) / 1024:.1f} KB (WhiteNoise)", [static_path], USERS),
            (f"catalogue search, {len(urls)} URLs", urls, USERS),
        ]
        uncached_runs = [
            ("search, no results cache", urls, USERS),
            # Not queued behind other users: how long a search takes on its own.
            ("search, no results cache", urls, 1),
        ]
        for group in (runs, uncached_runs):
            if group is uncached_runs:
                stop_server(server)
                server = start_server({**env, "CATALOGUE_CACHE_SECONDS": "0"}, port, log, workers=WORKERS)
            for label, paths, users in group:
                if group is runs and paths is urls:
                    # Popular searches are cached in production; here each URL of the mix is asked once first.
                    for path in urls:
                        get(port, path)
                wrk_run(wrk, port, paths, users, WARM_UP_SECONDS, workdir)
                results[f"{label} ({users})"] = (users, wrk_run(wrk, port, paths, users, SECONDS, workdir))
    finally:
        stop_server(server)
    print_load_table(results)
    report(results)


def report(results: dict[str, tuple[int, dict]]) -> None:
    """Each load against the static page's, and the targets."""
    (_, static), (_, cached), (_, uncached), (_, alone) = results.values()
    if not static["requests"]:
        print("the static page did not answer: no ratios")
        return
    for label, run in (("cached search", cached), ("uncached search", uncached)):
        if run["requests"]:
            print(
                f"ratio {label} / static: req/s {run['rate'] / static['rate']:.3f}, "
                f"p50 {run['p50'] / static['p50']:.1f}x, p95 {run['p95'] / static['p95']:.1f}x"
            )
    checks = [
        (
            f"uncached search at {USERS} users: at least {UNCACHED_TARGET_RATE} requests/s",
            uncached["rate"] >= UNCACHED_TARGET_RATE,
            f"{uncached['rate']:.0f}/s",
        ),
        (
            f"uncached search at {USERS} users: p95 under {UNCACHED_TARGET_P95_MS} ms",
            uncached["p95"] < UNCACHED_TARGET_P95_MS,
            f"{uncached['p95']:.0f} ms",
        ),
        (
            f"uncached search, one user: p50 under {ALONE_TARGET_P50_MS} ms",
            alone["p50"] < ALONE_TARGET_P50_MS,
            f"{alone['p50']:.1f} ms",
        ),
        (
            f"cached search: at least {CACHED_TARGET_RATIO} of the static page's requests/s",
            cached["rate"] >= CACHED_TARGET_RATIO * static["rate"],
            f"{cached['rate'] / static['rate']:.3f}",
        ),
    ]
    errors = any(run["errors"] for _, run in results.values())
    for text, met, measured in checks:
        print(f"target {text}: {'met' if met and not errors else 'NOT met'} ({measured})")
    if errors:
        print("  some requests failed (status 400 or more, socket errors or timeouts): see the errors column")


if __name__ == "__main__":
    main()
