"""Two web machines that share only PostgreSQL and Redis (issue 17): two gunicorn servers with the production
settings, each with folders of its own, behind no load balancer but the test's cookie jar, which (like a browser
behind one) sends the same cookies to both. What one does, the other sees at once: a sign-in, a change to the
catalogue, an uploaded attachment, a lock-out.

PostgreSQL only (SQLite is one machine's file), and Redis at 127.0.0.1:6379 (database 15, under a key prefix of this
run's own); without Redis the tests are skipped, except with CI=true, where they fail."""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from exchange.accounts.tests.factories import PASSWORD
from exchange.core.tests import documents
from exchange.marketplace.catalogue.services.service_lines import service_lines_ensure
from exchange.marketplace.catalogue.tests.factories import OfferingFactory, ProviderFactory, representative
from exchange.marketplace.procurement.models import BidAttachment
from exchange.marketplace.procurement.tests.factories import BidFactory, RequirementFactory
from exchange.organisations.tests.factories import OrganisationFactory, RegionFactory

ROOT = Path(__file__).resolve().parent.parent
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
pytestmark = [
    pytest.mark.skipif(not ON_POSTGRESQL, reason="two machines share PostgreSQL; SQLite is one machine's file"),
    pytest.mark.django_db(transaction=True),  # the servers see only what is committed
]
# Production's settings, but for plain HTTP on loopback: cookies without the Secure flag (which no client sends over
# http), static file names without the manifest that collectstatic would write.
SETTINGS = """from config.settings.production import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
"""
# A real PDF (attachments are opened as what their name says), then 64 kB of random bytes after its end, which
# PDF readers ignore: binary content of more than one chunk, to come back byte for byte from the other machine
PDF = documents.pdf() + os.urandom(64 * 1024)


@dataclass
class Machine:
    name: str
    port: int
    folder: Path  # its own: PRIVATE_MEDIA_ROOT and CACHE_DIR point here, and nothing may be written in it
    server: subprocess.Popen

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(name: str, workdir: Path, env: dict[str, str]) -> Machine:
    folder = workdir / name
    (folder / "private-media").mkdir(parents=True)
    (folder / "cache").mkdir()
    port = _free_port()
    machine_env = {**env, "PRIVATE_MEDIA_ROOT": str(folder / "private-media"), "CACHE_DIR": str(folder / "cache")}
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--chdir", str(ROOT), "--log-level", "warning"]
    log = (workdir / f"{name}.log").open("w")
    server = subprocess.Popen(
        command, env=machine_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    return Machine(name=name, port=port, folder=folder, server=server)


def _wait(machine: Machine, workdir: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if machine.server.poll() is not None:
            break
        try:
            if requests.get(machine.url("/healthz"), timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(
        f"machine {machine.name} did not start:\n{(workdir / f'{machine.name}.log').read_text()[-3000:]}"
    )


def _stop(machine: Machine) -> None:
    """SIGTERM to the server this test started (its own process group), SIGKILL after 20 s."""
    if machine.server.poll() is None:
        os.killpg(machine.server.pid, signal.SIGTERM)
        try:
            machine.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(machine.server.pid, signal.SIGKILL)
            machine.server.wait()


@pytest.fixture(scope="module")
def machines(django_db_setup, redis_url, tmp_path_factory):
    """Machines A and B, for the tests of this module; their cache entries are removed after each test."""
    workdir = tmp_path_factory.mktemp("two-machines")
    (workdir / "two_machines_settings.py").write_text(SETTINGS)
    release = f"two-machines-{uuid.uuid4().hex}"
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "two_machines_settings",
        "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "RELEASE": release,
        "SECRET_KEY": "two-machines-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "OCDS_PREFIX": "ocds-twomac",
        "SECURE_SSL_REDIRECT": "false",
    }
    started: list[Machine] = []
    try:
        started = [_start("a", workdir, env), _start("b", workdir, env)]
        for machine in started:
            _wait(machine, workdir)
        yield started[0], started[1], release
    finally:
        for machine in started:
            _stop(machine)


@pytest.fixture
def a_and_b(machines, redis_url):
    a, b, release = machines
    yield a, b, release
    store = redis.Redis.from_url(redis_url)
    keys = store.keys(f"{release}:*")
    if keys:
        store.delete(*keys)
    for machine in (a, b):
        assert [path for path in machine.folder.rglob("*") if path.is_file()] == [], f"{machine.name} kept a file"


@pytest.fixture
def bidder():
    """A provider's person with a published offering and a saved bid for an open requirement."""
    service_lines_ensure()  # a transactional test before this one emptied the migration's rows
    region = RegionFactory()
    provider = ProviderFactory(region=region)
    person = representative(provider)
    # Hashed as production checks passwords (the test settings' MD5 hasher is not among production's).
    person.password = PBKDF2PasswordHasher().encode(PASSWORD, "two-machines-salt", iterations=1000)
    person.save(update_fields=["password"])
    offering = OfferingFactory(provider=provider, regions=[region], title="Dashboards for the north")
    requirement = RequirementFactory(lead=OrganisationFactory(region=region), published=True)
    bid = BidFactory(requirement=requirement, provider=provider, by=person, submit=False)
    return person, offering, bid


def _token(response: requests.Response) -> str:
    assert response.status_code == 200, response.status_code
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


def _sign_in(browser: requests.Session, machine: Machine, email: str, password: str = PASSWORD) -> requests.Response:
    token = _token(browser.get(machine.url("/accounts/sign-in/"), timeout=30))
    fields = {"email": email, "password": password, "csrfmiddlewaretoken": token}
    return browser.post(machine.url("/accounts/sign-in/"), data=fields, allow_redirects=False, timeout=30)


def test_a_person_signed_in_through_one_machine_is_signed_in_on_the_other(a_and_b, bidder):
    a, b, _ = a_and_b
    person, *_ = bidder
    browser = requests.Session()
    assert browser.get(b.url("/accounts/account/"), allow_redirects=False, timeout=30).status_code == 302
    assert _sign_in(browser, a, person.email).status_code == 302
    page = browser.get(b.url("/accounts/account/"), allow_redirects=False, timeout=30)
    assert page.status_code == 200 and person.email in page.text


def test_a_change_made_through_one_machine_is_seen_through_the_other_at_once(a_and_b, bidder, redis_url):
    a, b, release = a_and_b
    person, offering, _ = bidder
    browser = requests.Session()
    assert _sign_in(browser, a, person.email).status_code == 302
    search = "/marketplace/?q=dashboards"
    before = browser.get(b.url(search), timeout=30)
    assert "Dashboards for the north" in before.text
    # B's results page is now in Redis, where A reads it too.
    assert redis.Redis.from_url(redis_url).keys(f"{release}:*catalogue:*")
    fields = {
        "title": "Dashboards for the whole north",
        "summary": offering.summary,
        "service_lines": ["business-intelligence"],
        "regions": [region.ons_code for region in offering.regions.all()],
        "pricing_model": "per_head",
        "price": "0.55",
        "minimum_term_months": "12",
        "status": "published",
        "csrfmiddlewaretoken": _token(browser.get(a.url(f"/marketplace/offerings/{offering.pk}/edit/"), timeout=30)),
    }
    edited = browser.post(
        a.url(f"/marketplace/offerings/{offering.pk}/edit/"), data=fields, allow_redirects=False, timeout=30
    )
    assert edited.status_code == 302
    after = browser.get(b.url(search), timeout=30)
    assert "Dashboards for the whole north" in after.text and "Dashboards for the north<" not in after.text
    assert "0.55" in browser.get(b.url(f"/marketplace/offerings/{offering.pk}/"), timeout=30).text


def test_an_attachment_uploaded_through_one_machine_downloads_through_the_other(a_and_b, bidder):
    a, b, _ = a_and_b
    person, _, bid = bidder
    browser = requests.Session()
    assert _sign_in(browser, a, person.email).status_code == 302
    form = browser.get(a.url(f"/marketplace/requirements/{bid.requirement_id}/bid/"), timeout=30)
    uploaded = browser.post(
        a.url(f"/marketplace/requirements/{bid.requirement_id}/bid/attachments/"),
        data={"csrfmiddlewaretoken": _token(form)},
        files={"file": ("plan.pdf", PDF, "application/pdf")},
        allow_redirects=False,
        timeout=30,
    )
    assert uploaded.status_code == 302
    attachment = BidAttachment.objects.get(bid=bid)
    downloaded = browser.get(b.url(f"/marketplace/attachments/{attachment.pk}/"), timeout=30)
    assert downloaded.status_code == 200 and downloaded.content == PDF
    assert downloaded.headers["Content-Disposition"] == 'attachment; filename="plan.pdf"'


def test_a_lock_out_earned_through_both_machines_holds_on_each(a_and_b, bidder):
    """Five failures in the hour lock an address out: three through A and two through B do."""
    a, b, _ = a_and_b
    person, *_ = bidder
    browser = requests.Session()
    token = _token(browser.get(a.url("/accounts/sign-in/"), timeout=30))  # one cookie jar: good on both machines

    def sign_in(machine: Machine, password: str) -> requests.Response:
        fields = {"email": person.email, "password": password, "csrfmiddlewaretoken": token}
        return browser.post(machine.url("/accounts/sign-in/"), data=fields, allow_redirects=False, timeout=30)

    for machine in (a, b, a, b):
        assert sign_in(machine, "not-the-password").status_code == 400  # the form again, with its error
    sign_in(a, "not-the-password")
    for machine in (b, a):
        refused = sign_in(machine, PASSWORD)
        assert refused.status_code == 429 and "Too many attempts" in refused.text
