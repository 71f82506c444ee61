"""The application served as in production (`make serve-production`): gunicorn on 127.0.0.1 with the production
settings, started and stopped by a benchmark."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from support import ROOT


def production_env(workdir: Path, database_url: str) -> dict[str, str]:
    """The environment for the production settings on loopback: a settings module in `workdir` that only moves
    STATIC_ROOT to `workdir/static`, Redis for the cache (database 13, a prefix of its own), no HTTPS redirect, a random
    secret key."""
    (workdir / "bench_catalogue_settings.py").write_text(
        "from pathlib import Path\n\n"
        "from config.settings.production import *  # noqa: F403\n\n"
        f"STATIC_ROOT = Path({str(workdir / 'static')!r})\n"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_catalogue_settings",
        "PYTHONPATH": os.pathsep.join([str(workdir), str(ROOT)]),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-catalogue-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "OCDS_PREFIX": "ocds-bench1",
        "SECURE_SSL_REDIRECT": "false",
        # The production cache is Redis (127.0.0.1:6379 on CI and development machines); a database number of its own
        # and a key prefix for this run, so nothing else's keys are read or cleared.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        "RELEASE": "bench-" + os.urandom(4).hex(),
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], port: int, log: Path, *, workers: int) -> subprocess.Popen:
    """gunicorn with `workers` sync workers in a session of its own, once /healthz answers 200 (60 s at most)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
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
    """SIGTERM to the server's process group, SIGKILL after 30 s."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def get(port: int, path: str, timeout: float = 60) -> bytes:
    """One request to the server on `port`, its body."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
        return response.read()
