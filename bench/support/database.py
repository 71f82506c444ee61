"""A throwaway database for one benchmark run, and Django set up on it."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import psycopg

SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def database_url(name: str) -> str:
    """The URL of the database `name` on the PostgreSQL server of POSTGRES_URL."""
    return SERVER.rsplit("/", 1)[0] + f"/{name}"


def database_drop(name: str) -> None:
    """Close Django's connections, if Django is set up, and drop the database, whoever still holds it."""
    import sys

    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def throwaway_database(name: str) -> Iterator[str | None]:
    """Create the PostgreSQL database `name` afresh and yield its URL; drop it on the way out, also on error.

    Yields None, having said that the benchmark is skipped, when PostgreSQL does not answer."""
    try:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as error:
        print(f"PostgreSQL does not answer at {SERVER}: {error}. Benchmark skipped.")
        yield None
        return
    try:
        yield database_url(name)
    finally:
        database_drop(name)


def django_setup(url: str, *, settings: str = "config.settings.test", migrate: bool = True) -> None:
    """Point Django at the database of `url` with the given settings, set it up and migrate the database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def on_throwaway_database(name: str, measure: Callable[[], None]) -> None:
    """Run `measure` with Django set up on a fresh PostgreSQL database `name`, dropped afterwards; skip (saying
    so) when PostgreSQL does not answer."""
    with throwaway_database(name) as url:
        if url is None:
            return
        django_setup(url)
        measure()
