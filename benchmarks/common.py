"""What the timing benchmarks share: the default packs and best-of-N timing."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the corpus packs beside the project, else the fictional sample packs it carries
DEFAULT = sorted((ROOT.parent / "shared" / "corpus").glob("*.pdf")) or sorted(
    (ROOT / "corpora" / "sample").glob("*.pdf")
)


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Seconds of the fastest of ``repeat`` calls (other work only ever slows a run)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
