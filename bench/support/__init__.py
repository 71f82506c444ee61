"""What the benchmarks share: a throwaway database with Django set up on it, timing and ratio lines, a production
server, HTTP load and its percentiles, and the synthetic survey waves. Each bench/bench_*.py keeps only what it
measures and against which baseline.

Importing this package puts the project root on sys.path, so that `config` and `exchange` import from a script run
as `python bench/bench_x.py`.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "bench" / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
