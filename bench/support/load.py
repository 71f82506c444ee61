"""HTTP load with wrk (the Debian package of that name, installed beforehand: a benchmark installs nothing) and
its latency percentiles."""

import shutil
import subprocess
from pathlib import Path

# Cycles through the paths; at the end prints the counts and percentiles (microseconds) on one line.
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


def wrk_or_skip() -> str | None:
    """The path of wrk, or None having said that the benchmark is skipped."""
    wrk = shutil.which("wrk")
    if not wrk:
        print("wrk is not installed (it is the Debian package wrk: apt-get install wrk). Benchmark skipped.")
    return wrk


def wrk_run(wrk: str, port: int, paths: list[str], users: int, seconds: int, workdir: Path) -> dict:
    """`users` connections asking for `paths` in turn for `seconds`, each as soon as its last answer arrived:
    requests, rate (per second), p50, p95 and p99 (ms) and errors (status 400 or more, socket errors)."""
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


def print_load_table(results: dict[str, tuple[int, dict]]) -> None:
    """One row per load run: its label, users, p50/p95/p99 ms, requests per second, requests and errors."""
    header = f"{'page':<42} {'users':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7} {'requests':>8}"
    print(f"\n{header} {'errors':>6}")
    for label, (users, r) in results.items():
        print(
            f"{label:<42} {users:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['rate']:>7.0f} "
            f"{r['requests']:>8,} {r['errors']:>6}"
        )
