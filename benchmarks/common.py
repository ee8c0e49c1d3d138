"""What the benchmarks share: the default packs and the speed benchmarks' arguments, best-of-N
timing, and one more ranking fused into an answer's candidates (the retrieval experiments)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# the corpus packs beside the project, else the fictional sample packs it carries
DEFAULT = sorted((ROOT.parent / "shared" / "corpus").glob("*.pdf")) or sorted(
    (ROOT / "corpora" / "sample").glob("*.pdf")
)


def pdfs_and_repeat(doc: str | None, argv: list[str] | None, repeat: int) -> argparse.Namespace:
    """The arguments of a speed benchmark over PDFs: ``pdfs`` (default :data:`DEFAULT`) and
    ``--repeat`` (default ``repeat``)."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=repeat)
    args = ap.parse_args(argv)
    args.pdfs = args.pdfs or DEFAULT
    return args


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Seconds of the fastest of ``repeat`` calls (other work only ever slows a run)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def fuse_ranking(
    store: Any,
    cands: list[Any],
    by_id: dict[int, Any],
    hits: Sequence[Any],
    weight: float,
    *,
    dense: bool = False,
) -> None:
    """Add one more ranking (``hits``, best first) to an answer's candidates by reciprocal
    rank at ``weight`` (:data:`service.query.answer.RRF_K`), in place: a passage not yet
    among them is read from ``store`` and appended (with ``dense``: its ``dense_rank`` set
    to its rank here); ``by_id`` maps the candidates' passage ids and is kept up to date."""
    from service.query import answer

    found = store.passages([h.passage_id for h in hits if h.passage_id not in by_id])
    for rank, h in enumerate(hits, start=1):
        c = by_id.get(h.passage_id)
        if c is None:
            p = found.get(h.passage_id)
            if p is None:
                continue
            c = by_id[h.passage_id] = answer.Candidate(result=answer.SearchResult.of(p))
            cands.append(c)
            if dense:
                c.dense_rank = rank
        c.fused += weight / (answer.RRF_K + rank)
