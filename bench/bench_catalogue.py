"""Catalogue search under load: p50/p95 latency and requests/s beside a static page of the same size, same server.

20,000 offerings from 2,000 providers in all four sectors and 200,000 ratings from the 211 CCGs of 2013 are
loaded into a throwaway PostgreSQL database with bulk_create (fixed random seed), then indexed by the
marketplace's own services (search text and tsvector; rating counts and Bayesian-adjusted means) and vacuumed
and analysed, as autovacuum would have left a live database. Titles, summaries and descriptions are drawn from
each service line's own words ("risk stratification", "medicines optimisation", "continuing healthcare"…), so a
text query matches a realistic share of the catalogue rather than all of it or nothing.

The server is gunicorn with 2 sync workers on 127.0.0.1 (as `make serve-production`) with the production
settings: DEBUG off, persistent database connections, WhiteNoise with the manifest storage. Two things differ:
a temporary STATIC_ROOT and no HTTPS redirect (the load is plain HTTP on loopback). Search result pages are
cached in the production file cache shared by the workers (keyed by the catalogue's token, so never stale): the
search load runs first with that cache warmed by one request per URL of the mix, then again on a server started
with CATALOGUE_CACHE_SECONDS=0, so that every request searches, counts facets and renders its results.
wrk, in a second process, keeps 20 connections busy for BENCH_SECONDS (default 15) per page after 3 untimed
seconds: each connection sends its next request as soon as the last answer arrives, so 20 users with no think
time. The search load cycles through 100 anonymous search pages: 10 typical ones written out below and 90
drawn with a fixed seed (a text query or none, up to three facets among service line, sector, region, pricing
model, price band and rating, sorted by relevance, cost or rating, pages 1 to 3).

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
A database named exchange_bench_catalogue is created and dropped; the server is stopped and the temporary files
removed, also on error.
"""

import datetime
import itertools
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
BENCH_DB = "exchange_bench_catalogue"
OFFERINGS = int(os.environ.get("BENCH_OFFERINGS", "20000"))
RATINGS = int(os.environ.get("BENCH_RATINGS", "200000"))
USERS = int(os.environ.get("BENCH_USERS", "20"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
WARM_UP_SECONDS = 3
OFFERINGS_PER_PROVIDER = 10
TARGET_P95_MS = 150
STATIC_NAME = "bench-catalogue-page.html"

NORTH, MIDLANDS, LONDON, SOUTH = "E40000001", "E40000002", "E40000003", "E40000004"
# What buyers typically ask; shown one by one in the profile. The load adds MIXED_URLS more drawn at random.
TYPICAL_URLS = [
    "/marketplace/",
    "/marketplace/?q=business+intelligence",
    f"/marketplace/?q=business+intelligence&sector=third_sector&region={LONDON}&sort=cost",
    "/marketplace/?line=procurement&sort=rating",
    "/marketplace/?q=medicines+optimisation&price=under-50k&sort=cost&page=2",
    f"/marketplace/?q=procurement&region={NORTH}&rating=4-plus",
    "/marketplace/?line=contract-management&pricing=per_head&sort=cost&page=3",
    "/marketplace/?q=risk+stratification&sector=nhs",
    "/marketplace/?q=continuing+healthcare&sort=rating&page=2",
    f"/marketplace/?line=finance&sector=independent&region={MIDLANDS}&price=50k-150k&sort=cost",
]
MIXED_URLS = 90
QUERIES = [
    "business intelligence",
    "procurement",
    "medicines optimisation",
    "risk stratification",
    "dashboards",
    "continuing healthcare",
    "contract monitoring",
    "public consultation",
    "GP IT support",
    "estates",
    "leadership development",
    "payment by results",
    "integrated care",
    "information governance",
]
FACET_VALUES = {
    "sector": ["nhs", "local_authority", "third_sector", "independent"],
    "region": [NORTH, MIDLANDS, LONDON, SOUTH],
    "pricing": ["per_head", "fixed_annual", "day_rate"],
    "price": ["under-50k", "50k-150k", "150k-500k", "500k-plus"],
    "rating": ["4-plus", "3-to-4", "under-3", "unrated"],
}

# Per service line: title stems, and sentences for summaries and descriptions, in the words buyers search with.
VOCABULARY = {
    "business-intelligence": (
        [
            "Business intelligence and analytics",
            "Population health analytics",
            "Risk stratification service",
            "Data warehouse and dashboards",
            "Secondary uses data and reporting",
        ],
        [
            "Dashboards on secondary uses service data, refreshed monthly.",
            "Risk stratification finds the patients most likely to need an emergency admission.",
            "Our analysts benchmark activity and spend against similar commissioners.",
            "Business intelligence for practices, localities and the governing body.",
        ],
    ),
    "procurement": (
        [
            "Healthcare procurement",
            "Market management and provider development",
            "Any qualified provider",
            "Tendering and competitive dialogue",
        ],
        [
            "Procurement run to the NHS procurement regulations, from market engagement to contract award.",
            "Tender evaluation with clinical and financial panels.",
            "Market analysis and provider development for community services.",
        ],
    ),
    "contract-management": (
        [
            "Contract management",
            "Provider performance management",
            "Acute contract monitoring",
            "Activity challenge and CQUIN",
        ],
        [
            "Contract monitoring of acute, community and mental health providers.",
            "Challenge of coding, counting and activity against the contract.",
            "Monthly provider performance reports with exceptions explained.",
        ],
    ),
    "service-redesign": (
        ["Service redesign", "Transformation programme support", "Pathway redesign", "Integrated care design"],
        [
            "Clinically led redesign of urgent care and elective pathways.",
            "Programme management for transformation and QIPP schemes.",
            "Integrated care models designed with local authorities and practices.",
        ],
    ),
    "communications": (
        [
            "Communications and engagement",
            "Patient and public engagement",
            "Public consultation",
            "Stakeholder communications",
        ],
        [
            "Patient and public engagement that meets the duty to involve.",
            "Public consultation on service change, with independent analysis of responses.",
            "Media handling, websites and newsletters for member practices.",
        ],
    ),
    "medicines-management": (
        ["Medicines optimisation", "Prescribing support", "Medicines management team", "Antimicrobial stewardship"],
        [
            "Medicines optimisation pharmacists working in practices.",
            "Prescribing analysis, formulary management and savings plans.",
            "Medicines management for care homes and antimicrobial stewardship.",
        ],
    ),
    "ifr-chc": (
        [
            "Individual funding requests",
            "Continuing healthcare assessments",
            "Continuing healthcare reviews",
            "Individual funding request panel",
        ],
        [
            "Continuing healthcare assessments within the national framework's 28 days.",
            "Individual funding requests handled by a panel with clinical and public health advice.",
            "Retrospective reviews of continuing healthcare claims.",
        ],
    ),
    "finance": (
        [
            "Financial management",
            "Financial planning and QIPP",
            "Payment by results validation",
            "Financial accounting and reporting",
        ],
        [
            "Financial planning, budget setting and monthly reporting to the governing body.",
            "Payment by results validation and challenge of invoices.",
            "Annual accounts and audit support.",
        ],
    ),
    "hr-od": (
        [
            "HR and organisational development",
            "Leadership development",
            "Workforce planning",
            "Governing body development",
        ],
        [
            "Human resources advice, recruitment and payroll for commissioners.",
            "Organisational development and leadership programmes for clinical leaders.",
            "Workforce planning across primary care.",
        ],
    ),
    "imt": (
        ["IM&T services", "GP IT support", "Information governance and IT", "Clinical systems support"],
        [
            "GP IT support, clinical systems training and service desk.",
            "Information governance toolkit support and data protection advice.",
            "Infrastructure, networks and secure email for practices.",
        ],
    ),
    "estates": (
        ["Estates strategy", "Primary care estates", "Property and facilities management"],
        [
            "Estates strategy and primary care premises development.",
            "Property management, lease events and facilities management.",
        ],
    ),
    "governance": (
        [
            "Governance, risk and legal",
            "Corporate governance",
            "Legal advice for commissioners",
            "Risk management and assurance",
        ],
        [
            "Corporate governance, constitution and committee support.",
            "Legal advice on contracts, procurement challenges and judicial review.",
            "Risk registers, assurance frameworks and internal audit liaison.",
        ],
    ),
}
AUDIENCES = [
    "for CCGs",
    "for clinical commissioning groups",
    "for federations of CCGs",
    "for commissioners",
    "for member practices",
    "for health and wellbeing boards",
    "",
    "",
    "",
]
GENERIC = [
    "Delivered by a team with long NHS experience.",
    "Outcomes are reported to your governing body every quarter.",
    "We work alongside your staff and hand over the skills.",
    "Flexible terms, with a named lead for each commissioner.",
    "Value for money shown against national benchmarks.",
    "Our clients include commissioners in every region of England.",
]
OUTCOMES = [
    "Savings identified and tracked against plan.",
    "Decisions taken on time with the evidence the governing body needs.",
    "Fewer emergency admissions among the patients we identify.",
    "Contracts that pay for what was delivered.",
]
PLACES = [
    "Mersey",
    "Pennine",
    "Wessex",
    "Anglia",
    "Thames",
    "Humber",
    "Tyne",
    "Severn",
    "Trent",
    "Solent",
    "Cheshire",
    "Kent",
    "Surrey",
    "Yorkshire",
    "Lancashire",
    "Cumbria",
    "Avon",
    "Chiltern",
    "Fenland",
    "Medway",
    "Cotswold",
    "Peak",
    "Dales",
    "Wirral",
    "Tamar",
    "Exmoor",
    "Mendip",
    "Arden",
    "Weald",
    "Wear",
]
PROVIDER_NAMES = {
    "nhs": ["{} Commissioning Support Unit", "{} Commissioning Support Service", "{} PCT Cluster Support"],
    "local_authority": ["{} County Council", "{} City Council Public Health", "{} Borough Council"],
    "third_sector": ["{} Community Trust", "{} Voluntary Action", "{} Health Partnership CIC"],
    "independent": ["{} Analytics Ltd", "{} Health Consulting LLP", "{} Partners Ltd", "{} Healthcare Advisory"],
}
SECTOR_WEIGHTS = {"nhs": 30, "local_authority": 15, "third_sector": 20, "independent": 35}

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def search_mix(rng: random.Random) -> list[str]:
    """TYPICAL_URLS and MIXED_URLS more: a text query or not, up to three facets, a sort, often a later page."""
    urls = list(TYPICAL_URLS)
    facets = {"line": list(VOCABULARY), **FACET_VALUES}
    while len(urls) < len(TYPICAL_URLS) + MIXED_URLS:
        text = rng.choice(QUERIES) if rng.random() < 0.7 else ""
        params = [("q", text)] if text else []
        for key in rng.sample(list(facets), rng.choices([0, 1, 2, 3], weights=[20, 40, 30, 10])[0]):
            params.append((key, rng.choice(facets[key])))
        params.append(("sort", rng.choice(["relevance", "cost", "cost", "rating"] if text else ["cost", "rating"])))
        page = rng.choices([1, 2, 3], weights=[60, 25, 15])[0]
        if page > 1:
            params.append(("page", str(page)))
        urls.append("/marketplace/?" + urllib.parse.urlencode(params))
    return urls


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"  {label}: {seconds:.1f} s", flush=True)
    return result, seconds


def sentences(rng: random.Random, pool: list[str], count: int) -> str:
    return " ".join(rng.sample(pool, min(count, len(pool))))


def load_catalogue(rng: random.Random) -> None:
    """Providers, offerings, engagements and ratings with bulk_create, then the marketplace's own refreshes."""
    from django.conf import settings
    from django.db import connection

    from exchange.marketplace.catalogue.models import (
        Engagement,
        Offering,
        OfferingStatus,
        PricingModel,
        Rating,
        ServiceLine,
    )
    from exchange.marketplace.catalogue.services.ratings import (
        next_quarter_start,
        offering_ratings_refresh,
        quarter_start,
    )
    from exchange.marketplace.catalogue.services.search_index import offerings_search_refresh
    from exchange.organisations.models import Organisation, OrganisationKind, Region
    from exchange.organisations.services import organisations_import

    timed(
        "registry: 4 regions, 25 area teams, 211 CCGs",
        lambda: organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR),
    )
    regions = list(Region.objects.order_by("ons_code"))
    commissioner_ids = list(
        Organisation.objects.filter(kind=OrganisationKind.COMMISSIONER).values_list("id", flat=True)
    )
    lines = list(ServiceLine.objects.order_by("position"))
    assert {line.code for line in lines} == set(VOCABULARY), "the service lines differ from the benchmark's words"

    def providers_and_offerings():
        provider_count = -(-OFFERINGS // OFFERINGS_PER_PROVIDER)
        sectors = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()), k=provider_count)
        providers = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=rng.choice(PROVIDER_NAMES[sector]).format(f"{rng.choice(PLACES)} {i}"),
                    slug=f"bench-provider-{i}",
                    kind=OrganisationKind.SUPPORT_PROVIDER,
                    sector=sector,
                    region=rng.choice(regions),
                )
                for i, sector in enumerate(sectors)
            ],
            batch_size=2000,
        )
        offerings, line_links, region_links = [], [], []
        for i in range(OFFERINGS):
            provider = providers[i // OFFERINGS_PER_PROVIDER]
            chosen = rng.sample(lines, rng.choices([1, 2, 3], weights=[60, 30, 10])[0])
            stems, phrases = VOCABULARY[chosen[0].code]
            words = [sentence for line in chosen for sentence in VOCABULARY[line.code][1]]
            model = rng.choices(list(PricingModel), weights=[45, 35, 20])[0]
            if model == PricingModel.PER_HEAD:
                price, days = Decimal(rng.randint(5, 250)) / 100, None
            elif model == PricingModel.FIXED_ANNUAL:
                price, days = Decimal(round(rng.lognormvariate(11.7, 0.8), -2)), None
            else:
                price, days = Decimal(rng.randrange(400, 1400, 25)), rng.randint(10, 300)
            offerings.append(
                Offering(
                    provider=provider,
                    title=f"{rng.choice(stems)} {rng.choice(AUDIENCES)}".strip(),
                    summary=sentences(rng, phrases, 1) + " " + sentences(rng, GENERIC, 1),
                    description=sentences(rng, words, 3) + " " + sentences(rng, GENERIC, 2),
                    outcomes=sentences(rng, OUTCOMES, 2),
                    pricing_model=model,
                    price=price,
                    estimated_days=days,
                    minimum_term_months=rng.choice([12, 12, 24, 36]),
                    status=rng.choices(
                        [OfferingStatus.PUBLISHED, OfferingStatus.DRAFT, OfferingStatus.WITHDRAWN], weights=[94, 4, 2]
                    )[0],
                )
            )
            line_links.append(chosen)
            served = {provider.region} | set(rng.sample(regions, rng.choices([0, 1, 3], weights=[50, 30, 20])[0]))
            region_links.append(served)
        offerings = Offering.objects.bulk_create(offerings, batch_size=2000)
        Offering.service_lines.through.objects.bulk_create(
            [
                Offering.service_lines.through(offering_id=offering.pk, serviceline_id=line.pk)
                for offering, chosen in zip(offerings, line_links, strict=True)
                for line in chosen
            ],
            batch_size=5000,
        )
        Offering.regions.through.objects.bulk_create(
            [
                Offering.regions.through(offering_id=offering.pk, region_id=region.pk)
                for offering, served in zip(offerings, region_links, strict=True)
                for region in served
            ],
            batch_size=5000,
        )
        return offerings

    offerings, _ = timed(
        f"{OFFERINGS:,} offerings of {-(-OFFERINGS // OFFERINGS_PER_PROVIDER):,} providers", providers_and_offerings
    )

    def engagements_and_ratings():
        """Few offerings are bought a lot and most little (Pareto weights); each engagement is rated 1-8 quarters,
        and a commissioner rates an offering once a quarter at most, however many engagements it has with it. The
        engagements are confirmed, as their providers would have."""
        published = [offering for offering in offerings if offering.status == OfferingStatus.PUBLISHED]
        cumulative = list(itertools.accumulate(rng.paretovariate(1.2) for _ in published))
        quality = {offering.pk: rng.gauss(3.7, 0.6) for offering in published}
        first_day = datetime.date(2013, 4, 1)
        confirmed_at = datetime.datetime(2017, 4, 1, tzinfo=datetime.UTC)
        rated = set()
        remaining = RATINGS
        while remaining:
            chunk = []
            while remaining and len(chunk) < 20_000:
                offering = rng.choices(published, cum_weights=cumulative)[0]
                started_on = first_day + datetime.timedelta(days=rng.randrange(4 * 365))
                commissioner_id = rng.choice(commissioner_ids)
                quarters, quarter = [], quarter_start(started_on)
                for _ in range(min(remaining, rng.randint(1, 8))):
                    if (offering.pk, commissioner_id, quarter) not in rated:
                        rated.add((offering.pk, commissioner_id, quarter))
                        quarters.append(quarter)
                    quarter = next_quarter_start(quarter)
                remaining -= len(quarters)
                engagement = Engagement(
                    offering=offering,
                    commissioner_id=commissioner_id,
                    started_on=started_on,
                    confirmed_at=confirmed_at,
                )
                chunk.append((engagement, quarters))
            engagements = Engagement.objects.bulk_create([engagement for engagement, _ in chunk], batch_size=5000)
            ratings = []
            for engagement, (_, quarters) in zip(engagements, chunk, strict=True):
                base = quality[engagement.offering_id]
                for quarter in quarters:
                    scores = [min(5, max(1, round(base + rng.gauss(0, 0.8)))) for _ in range(4)]
                    ratings.append(
                        Rating(
                            engagement=engagement,
                            offering_id=engagement.offering_id,
                            commissioner_id=engagement.commissioner_id,
                            quarter=quarter,
                            quality=scores[0],
                            responsiveness=scores[1],
                            value_for_money=scores[2],
                            relationship=scores[3],
                        )
                    )
            Rating.objects.bulk_create(ratings, batch_size=5000)
        return Engagement.objects.count()

    engagement_count, _ = timed(f"{RATINGS:,} ratings", engagements_and_ratings)
    print(f"    ({engagement_count:,} engagements)")
    timed(
        "search text and tsvector (offerings_search_refresh)",
        lambda: offerings_search_refresh(offerings=Offering.objects.all()),
    )
    timed("rating counts and adjusted means (offering_ratings_refresh)", offering_ratings_refresh)

    def vacuum():
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    timed("VACUUM ANALYZE", vacuum)


def profile_urls(urls: list[str]) -> list[tuple[str, int, int, int, float, float]]:
    """One warm request per URL in process: (url, status, bytes, queries, SQL ms, total ms)."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    sql: list[float] = []

    def record(execute, query, params, many, context):
        start = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql.append(time.perf_counter() - start)

    rows = []
    for url in urls:
        client.get(url)
        sql.clear()
        start = time.perf_counter()
        with connection.execute_wrapper(record):
            response = client.get(url)
        total = time.perf_counter() - start
        rows.append((url, response.status_code, len(response.content), len(sql), sum(sql) * 1000, total * 1000))
    return rows


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--chdir",
        str(ROOT),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{log.read_text()[-3000:]}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def wrk_run(wrk: str, port: int, paths: list[str], users: int, seconds: int, workdir: Path) -> dict:
    script = workdir / "mix.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    command = [
        wrk,
        f"-t{min(2, users)}",
        f"-c{users}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p50, p95, p99, bad_status, socket_errors = (int(value) for value in line.split()[1:])
    return {
        "requests": requests,
        "rate": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": bad_status + socket_errors,
    }


def main() -> None:
    started = time.perf_counter()
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk is not installed (it is the Debian package wrk: apt-get install wrk). Benchmark skipped.")
        return
    try:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {BENCH_DB}")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL does not answer at {SERVER}: {error}. Benchmark skipped.")
        return
    workdir = Path(tempfile.mkdtemp(prefix="bench-catalogue-"))
    server = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("terminated"))  # so that the cleanup below runs
    try:
        static_root = workdir / "static"
        (workdir / "bench_catalogue_settings.py").write_text(
            "from pathlib import Path\n\n"
            "from config.settings.production import *  # noqa: F403\n\n"
            f"STATIC_ROOT = Path({str(static_root)!r})\n"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench_catalogue_settings",
            "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
            "DATABASE_URL": SERVER.rsplit("/", 1)[0] + f"/{BENCH_DB}",
            "SECRET_KEY": "bench-catalogue-" + os.urandom(16).hex(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_HOST": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
        }
        env["CACHE_DIR"] = str(workdir / "cache")
        os.environ.update(env)
        sys.path.insert(0, str(workdir))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections
        from django.test import Client

        print(f"Loading {OFFERINGS:,} offerings and {RATINGS:,} ratings into PostgreSQL", flush=True)
        load_start = time.perf_counter()
        call_command("migrate", verbosity=0)
        load_catalogue(random.Random(2013))
        print(f"  loading took {time.perf_counter() - load_start:.1f} s in all", flush=True)
        call_command("collectstatic", verbosity=0, interactive=False)

        urls = search_mix(random.Random(1))
        profile = profile_urls(TYPICAL_URLS)
        print(f"\nOne warm request per URL in process, the {len(TYPICAL_URLS)} typical searches of the mix:")
        print(f"  {'status':>6} {'KB':>6} {'queries':>7} {'SQL ms':>7} {'total ms':>8}  URL")
        for url, status, size, queries, sql_ms, total_ms in profile:
            print(f"  {status:>6} {size / 1024:>6.1f} {queries:>7} {sql_ms:>7.1f} {total_ms:>8.1f}  {url}")
        failed = [row for row in profile if row[1] != 200]
        if failed:
            raise RuntimeError(f"search pages did not answer 200: {failed}")
        median_size = statistics.median(row[2] for row in profile)
        typical = min(profile, key=lambda row: abs(row[2] - median_size))
        page = Client(HTTP_HOST="127.0.0.1").get(typical[0]).content
        (static_root / STATIC_NAME).write_bytes(page)
        connections.close_all()

        port = free_port()
        server = start_server(env, port, workdir / "gunicorn.log")
        static_path = f"/static/{STATIC_NAME}"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{static_path}") as response:
            assert response.read() == page, "the static page is not served as written"
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
                server = start_server({**env, "CATALOGUE_CACHE_SECONDS": "0"}, port, workdir / "gunicorn.log")
            for label, paths, users in group:
                if group is runs and paths is urls:
                    # Popular searches are cached in production; here each URL of the mix is asked once first.
                    for path in urls:
                        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
                            response.read()
                wrk_run(wrk, port, paths, users, WARM_UP_SECONDS, workdir)
                results[f"{label} ({users})"] = (users, wrk_run(wrk, port, paths, users, SECONDS, workdir))
        header = f"{'page':<42} {'users':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7} {'requests':>8}"
        print(f"\n{header} {'errors':>6}")
        for label, (users, r) in results.items():
            print(
                f"{label:<42} {users:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['rate']:>7.0f} "
                f"{r['requests']:>8,} {r['errors']:>6}"
            )
        (_, static), (_, search), *_ = results.values()
        if not (static["requests"] and search["requests"]):
            print(f"no answer within {SECONDS} s: no ratio, and the target is NOT met")
        else:
            print(
                f"ratio search / static: p50 {search['p50'] / static['p50']:.1f}x, "
                f"p95 {search['p95'] / static['p95']:.1f}x, req/s {search['rate'] / static['rate']:.3f}"
            )
            verdict = "met" if search["p95"] < TARGET_P95_MS and not search["errors"] else "NOT met"
            print(f"target p95 under {TARGET_P95_MS} ms at {USERS} users: {verdict} (p95 {search['p95']:.0f} ms)")
        if any(r["errors"] for _, r in results.values()):
            print("  some requests failed (status 400 or more, socket errors or timeouts): see the errors column")
    finally:
        if server is not None:
            stop_server(server)
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"total runtime {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
