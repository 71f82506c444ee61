"""Lock-out behind a trusted proxy (issue 19, acceptance 1): gunicorn with the production settings and
TRUSTED_PROXIES=127.0.0.1, the address this test's requests come from, as they would from the load balancer. Each
"client" is a cookie jar of its own with the X-Forwarded-For its proxy would have written. Failures from other
addresses do not lock a person out; five failures for one account lock that account only; five from one shared address
lock nobody else out; a client that is not the proxy (connecting from 127.0.0.2) cannot choose its address by writing
the header.

PostgreSQL and Redis, as tests/test_two_machines.py (whose machine helpers this reuses); the same behaviour on any
database through Django's test client is in exchange/accounts/tests/test_lock_out.py."""

import os
import uuid

import pytest
import redis
import requests
from requests.adapters import HTTPAdapter

from exchange.accounts.tests.factories import PASSWORD, UserFactory

from .test_two_machines import ON_POSTGRESQL, SETTINGS, Machine, _database_url, _start, _stop, _token, _wait

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRESQL, reason="production's settings run on PostgreSQL"),
    pytest.mark.django_db(transaction=True),  # the server sees only what is committed
]
PROXY = "127.0.0.1"
NOT_THE_PROXY = "127.0.0.2"


@pytest.fixture(scope="module")
def server(django_db_setup, redis_url, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("behind-a-proxy")
    (workdir / "behind_a_proxy_settings.py").write_text(SETTINGS)
    release = f"behind-a-proxy-{uuid.uuid4().hex}"
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "behind_a_proxy_settings",
        "PYTHONPATH": os.pathsep.join([str(workdir), str(workdir.parent.parent), os.getcwd()]),
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "RELEASE": release,
        "SECRET_KEY": "behind-a-proxy-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "OCDS_PREFIX": "ocds-proxys",
        "SECURE_SSL_REDIRECT": "false",
        "TRUSTED_PROXIES": PROXY,
    }
    machine = _start("web", workdir, env)
    try:
        _wait(machine, workdir)
        yield machine
    finally:
        _stop(machine)
        store = redis.Redis.from_url(redis_url)
        keys = store.keys(f"{release}:*")
        if keys:
            store.delete(*keys)


def _person(email: str):
    """Hashed as production checks passwords (the test settings' MD5 hasher is not among production's)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    person = UserFactory(email=email)
    person.password = PBKDF2PasswordHasher().encode(PASSWORD, "behind-a-proxy-salt", iterations=1000)
    person.save(update_fields=["password"])
    return person


@pytest.fixture
def buyer():
    return _person("buyer@demo.example")


@pytest.fixture
def commissioner():
    return _person("commissioner@demo.example")


class _From(HTTPAdapter):
    """Connections from a loopback address of our choosing."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def sign_in(server: Machine, email: str, password: str, forwarded_for: str, source: str = PROXY) -> int:
    """One client's attempt, with a cookie jar of its own, as the proxy forwards it (or, from `source`, as a client
    that reached the server directly and wrote X-Forwarded-For itself)."""
    browser = requests.Session()
    browser.mount("http://", _From(source))
    browser.headers["X-Forwarded-For"] = forwarded_for
    token = _token(browser.get(server.url("/accounts/sign-in/"), timeout=30))
    fields = {"email": email, "password": password, "csrfmiddlewaretoken": token}
    return browser.post(server.url("/accounts/sign-in/"), data=fields, allow_redirects=False, timeout=30).status_code


def test_failures_from_five_addresses_do_not_lock_out_the_person_who_then_signs_in(server, buyer):
    for number in range(5):
        assert sign_in(server, f"guess{number}@demo.example", "not-the-password", f"203.0.113.{number}") == 400
    assert sign_in(server, "buyer@demo.example", PASSWORD, "198.51.100.20") == 302


def test_five_failures_for_one_account_lock_that_account_only(server, buyer, commissioner):
    failures = [sign_in(server, "buyer@demo.example", "x", f"203.0.113.{number}") for number in range(5)]
    assert failures == [400, 400, 400, 400, 429]  # the fifth failure is answered with the lock-out
    assert sign_in(server, "buyer@demo.example", PASSWORD, "198.51.100.20") == 429
    for number in range(5):
        assert sign_in(server, "commissioner@demo.example", PASSWORD, f"203.0.113.{number}") == 302


def test_a_forwarded_for_written_by_a_client_that_is_not_the_proxy_is_ignored(server, buyer):
    """Failures from one address, across accounts, are limited (sign-in.address): a client that reached the server
    directly gets no fresh allowance by writing a fresh X-Forwarded-For each time."""
    failures = [
        sign_in(server, f"guess{number}@demo.example", "x", f"203.0.113.{number}", source=NOT_THE_PROXY)
        for number in range(21)
    ]
    assert failures == [400] * 20 + [429]  # all counted against 127.0.0.2, whatever the header said
    assert sign_in(server, "buyer@demo.example", PASSWORD, "198.51.100.20", source=NOT_THE_PROXY) == 429
    assert sign_in(server, "buyer@demo.example", PASSWORD, "198.51.100.20") == 302


def test_a_colleagues_five_failures_from_the_shared_address_lock_nobody_else_out(server, buyer):
    for number in range(5):
        assert sign_in(server, f"nobody{number}@demo.example", "x", "203.0.113.9") == 400
    assert sign_in(server, "buyer@demo.example", PASSWORD, "203.0.113.9") == 302
