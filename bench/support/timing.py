"""Timing a step and printing it, and printing a ratio of two timings from the same run."""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(
    label: str, action: Callable[[], T], *, repeat: int = 1, places: int = 2, indent: str = ""
) -> tuple[T, float]:
    """Run `action` `repeat` times and print the best time (the machine is shared and noisy); return the last
    result and that time in seconds."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    assert best is not None, "repeat must be at least 1"
    of = f" (best of {repeat})" if repeat > 1 else ""
    print(f"{indent}{label}: {best:.{places}f} s{of}", flush=True)
    return result, best


def print_ratio(label: str, measured: float, baseline: float, *, places: int = 2, note: str = "") -> float:
    """Print `ratio <label>: measured / baseline`, with a note in brackets (a target, say), and return the ratio."""
    ratio = measured / baseline
    print(f"ratio {label}: {ratio:.{places}f}" + (f" ({note})" if note else ""))
    return ratio
