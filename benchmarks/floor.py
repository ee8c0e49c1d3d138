"""Calibrate the relevance floor of search (service/query/vocab/floor.json) on the dev set.

    python -m benchmarks.floor --data-dir DIR [--write]

For each mode, asks the dev questions (``benchmarks.evaluate.load_set("dev")``, each of its own
corpus' store, built in ``DIR/<corpus>`` as the evaluation does) with the floor off and
measures :func:`service.query.floor.relevances`: for an answerable question, the relevance of
its first result that holds the evidence (top 10); for an unanswerable one
(``benchmarks/unanswerable.json``), the best relevance of its top 10. The floor is the
highest threshold that keeps ``KEEP`` (95%) of the evidence hits: a search that loses what
answers the question is worse than one that shows a weak match; the share of unanswerable
questions it leaves empty is printed beside it. ``--write`` stores it. Only dev questions: the test sets report the
floor (``python -m benchmarks.evaluate``), they never set it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.evaluate import Systems, evidence_match, load_set

MODES = ("hybrid", "dense", "bm25")
KEEP = 0.95  # share of the dev questions' evidence hits the floor must keep


def measure(
    runner: Systems, questions: list[dict[str, Any]], mode: str
) -> tuple[list[float], list[float]]:
    """(relevance of the first evidence hit per answerable question that has one,
    best relevance per unanswerable question)."""
    from service.query import floor
    from service.query.search import search

    kept: list[float] = []
    empty: list[float] = []
    for q in questions:
        store = runner.store(q["corpus"])
        emb = runner.answerer(q["corpus"]).embedder if mode != "bm25" else None
        res = search(
            store, q["question"], mode=mode, limit=10, embedder=emb, floor=False, exhaustive=True
        ).results
        rel = floor.relevances(store, q["question"], res, mode, embedder=emb)
        if not q["evidence"]:
            empty.append(max(rel, default=0.0))
            continue
        for r, v in zip(res, rel, strict=True):
            if any(evidence_match(r.text, e) for e in q["evidence"]):
                kept.append(v)
                break
    return kept, empty


def best_threshold(kept: list[float], empty: list[float]) -> tuple[float, float, float]:
    """(threshold, share of evidence kept, share of unanswerable emptied): the highest
    threshold that keeps at least ``KEEP`` of the evidence hits."""
    best = (0.0, 1.0, 0.0)
    for step in range(0, 101):
        t = step / 100
        k = sum(1 for v in kept if v >= t) / max(1, len(kept))
        e = sum(1 for v in empty if v < t) / max(1, len(empty))
        if k >= KEEP:
            best = (t, k, e)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--write", action="store_true", help="store the thresholds")
    args = ap.parse_args(argv)

    from service.query import floor

    runner = Systems(args.data_dir)
    questions = load_set("dev")
    chosen: dict[str, float] = {}
    for mode in MODES:
        kept, empty = measure(runner, questions, mode)
        t, k, e = best_threshold(kept, empty)
        chosen[mode] = t
        print(
            f"{mode:7} floor {t:.2f}: evidence kept {k:.3f} of {len(kept)}, "
            f"unanswerable emptied {e:.3f} of {len(empty)}"
        )
    if args.write:
        data = json.loads(floor.FLOOR_FILE.read_text(encoding="utf-8"))
        data["floor"] = chosen
        floor.FLOOR_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"written to {floor.FLOOR_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
