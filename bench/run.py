"""Runs every bench/bench_*.py in turn. Each prints its own ratios against a baseline measured in the same run."""

import subprocess
import sys
from pathlib import Path

scripts = sorted(Path(__file__).parent.glob("bench_*.py"))
if not scripts:
    print("No benchmarks yet.")
for script in scripts:
    print(f"== {script.name}", flush=True)
    subprocess.run([sys.executable, str(script)], check=True)
