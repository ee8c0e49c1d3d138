"""A linear adapter on query vectors, fitted on the packs' own (item title, passage) pairs
(an experiment of issue 11, NOT adopted).

    python -m benchmarks.query_adapter --data-dir DIR [--lambdas 1,10,100,1000]
                                       [--sets dev] [--systems dense,hybrid,answer]

Instead of fine-tuning all-MiniLM-L6-v2 (weights to ship), a 384x384 matrix ``W`` maps the
frozen model's query vector towards the passages it should find: for every passage of a
store whose item title has two words or more, the pair (title's vector, passage's stored
vector); ``W`` is the ridge solution pulled towards the identity,
``argmin ||T W - P||^2 + lambda ||W - I||^2``, fitted per store (self-supervised: no
evaluation label is read; it could be computed at index time), and a query's vector becomes
``normalise(q W)``. Every system of ``benchmarks.evaluate`` then runs with the adapted
query vectors (the passages' stored vectors are unchanged).

Measured (2026-12-05, the evaluation stores; dev only, since no lambda helped dev):
unchanged dense 0.537 / 0.400 / 0.741 (hit@5 / MRR@10 / date), hybrid 0.537 / 0.405 / 0.685,
answer 0.817 / 0.597 / 0.870;

    lambda   dense                hybrid               answer
    1        0.512 0.387 0.704    0.622 0.494 0.796    0.768 0.594 0.870   (*)
    10       0.524 0.381 0.722    0.610 0.468 0.759    0.768 0.581 0.889   (*)
    100      0.549 0.413 0.741    0.561 0.403 0.685    0.780 0.604 0.889
    1000     0.512 0.394 0.759    0.549 0.407 0.685    0.817 0.594 0.852

(*) hybrid measured with the search reranker of ``benchmarks/train_rerank.py`` in place.
The dense side moves by one or two questions either way and the answer loses hit@5 at every
lambda that changes anything: no gain, not adopted. Cost if adopted: one 384x384 product per
query; at index time one encoding per distinct item title and a 384x384 solve.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

MIN_TITLE_WORDS = 2


class Adapted:
    """An embedder whose vectors are mapped by ``w`` and normalised."""

    def __init__(self, inner: Any, w: np.ndarray) -> None:
        self.inner, self.w = inner, w

    def encode(self, texts: Any, batch_size: int = 32) -> np.ndarray:
        v = np.asarray(self.inner.encode(list(texts), batch_size=batch_size), dtype=np.float32)
        a = v @ self.w
        return np.asarray(a / np.linalg.norm(a, axis=1, keepdims=True), dtype=np.float32)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def pairs(store: Any, embedder: Any) -> tuple[np.ndarray, np.ndarray]:
    """(title vectors, passage vectors): one row per passage whose item title has words."""
    by_title: dict[str, list[int]] = {}
    for batch in store.iter_passages():
        for p in batch:
            title = (p.item_title or "").strip()
            if len(title.split()) >= MIN_TITLE_WORDS:
                by_title.setdefault(title, []).append(p.id)
    titles = list(by_title)
    tv = np.asarray(embedder.encode(titles), dtype=np.float64)
    found = store.vectors_for([i for t in titles for i in by_title[t]])
    t_rows, p_rows = [], []
    for title, v in zip(titles, tv, strict=True):
        for i in by_title[title]:
            if i in found:
                t_rows.append(v)
                p_rows.append(np.asarray(found[i], dtype=np.float64))
    return np.asarray(t_rows), np.asarray(p_rows)


def fit(t: np.ndarray, p: np.ndarray, lam: float) -> np.ndarray:
    """Ridge regression of passage vectors on title vectors, pulled towards the identity."""
    d = t.shape[1]
    eye = np.eye(d)
    return np.asarray(np.linalg.solve(t.T @ t + lam * eye, t.T @ p + lam * eye), dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    from benchmarks import evaluate as ev

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True, help="stores to build or reuse")
    ap.add_argument("--lambdas", default="1,10,100,1000")
    ap.add_argument("--sets", default="dev")
    ap.add_argument("--systems", default="dense,hybrid,answer")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    corpora = sorted({q["corpus"] for s in sets for q in ev.load_set(s)})
    for lam in [float(x) for x in args.lambdas.split(",") if x]:
        runner = ev.Systems(args.data_dir)
        for corpus in corpora:
            answerer = runner.answerer(corpus)
            base = answerer.embedder
            t, p = pairs(runner.store(corpus), base)
            answerer._embedder = Adapted(base, fit(t, p, lam))
            print(f"lambda={lam} {corpus}: {len(t)} pairs", file=sys.stderr)
        for s in sets:
            for system in [x for x in args.systems.split(",") if x]:
                summary = ev.summarise(ev.run_questions(ev.load_set(s), runner.system(system)))
                figures = {k: summary.to_dict()[k] for k in ("hit@5", "mrr@10", "date")}
                print(f"lambda={lam} {s} {system} {json.dumps(figures)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
