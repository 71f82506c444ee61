"""Directory page cost relative to the cheapest page that touches the database (/healthz), in one process.

Runs on a throwaway SQLite database with the real 2013 registry loaded. Prints mean time per request
and the ratio to the baseline; absolute times drift between machines, the ratio is the figure to watch.
"""

import tempfile
import time
from pathlib import Path

from support.database import django_setup

REQUESTS = 200
PAGES = [
    ("directory, first page", "/organisations/"),
    ("directory, search 'Blackpool'", "/organisations/?q=Blackpool"),
    ("directory, region filter, page 2", "/organisations/?region=E40000001&page=2"),
    ("organisation page", "/organisations/nhs-blackpool/"),
]


def mean_ms(client, url: str) -> float:
    client.get(url)  # warm caches and templates
    start = time.perf_counter()
    for _ in range(REQUESTS):
        assert client.get(url).status_code == 200
    return (time.perf_counter() - start) * 1000 / REQUESTS


def main() -> None:
    django_setup(f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}")
    from django.conf import settings
    from django.test import Client

    from exchange.organisations.services import organisations_import

    organisations_import(directory=settings.ORGANISATION_REFERENCE_DIR)
    client = Client()
    baseline = mean_ms(client, "/healthz")
    print(f"baseline /healthz: {baseline:.2f} ms/request ({REQUESTS} requests)")
    for label, url in PAGES:
        cost = mean_ms(client, url)
        print(f"{label}: {cost:.2f} ms/request, {cost / baseline:.1f}x baseline")


if __name__ == "__main__":
    main()
