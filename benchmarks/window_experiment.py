"""Experiment (issue 11, not adopted unless the README says so): passages embedded as windows.

    python -m benchmarks.window_experiment lengths --data-dir DIR
    python -m benchmarks.window_experiment build --data-dir DIR [--words 48] [--stride 24]
    python -m benchmarks.window_experiment evaluate --data-dir DIR [--words 48] [--stride 24]
        [--agg max|full+win|mean] [--beside WEIGHT] [--cosine] [benchmarks.evaluate options]
    python -m benchmarks.window_experiment short --data-dir NEWDIR [--min-words 50]
        [--max-words 100] [benchmarks.evaluate options]

``lengths``: the distribution of the embedded texts' lengths (:meth:`Passage.embed_text`) in
the model's word pieces, untruncated, per corpus store in ``DIR`` (a copy of the evaluation
stores), and how many are longer than the passage model reads (``MAX_TOKENS``).

``build``: every passage whose text is longer than ``--words`` words is also embedded as
windows of ``--words`` words every ``--stride`` words (each window prefixed with the item
title, as ``embed_text`` prefixes the passage), by the passage model the indexer uses
(:func:`service.index.embed.passage_model`); the window vectors and their passage ids are kept
beside the store (``DIR/<corpus>/windows-W-S.npz``), the store itself untouched.

``evaluate``: :mod:`benchmarks.evaluate` with the store's dense ranking scoring each passage
by its own vector and its windows' (``--agg max``: the best of them; ``full+win``: the mean
of its own cosine and its best window's; ``mean``: its own cosine and the mean of its
windows'). The cosines the answer's relevance, the floor and the meeting model read stay the
passage's own (their calibration holds); only which passages the dense rankings find moves.
``--beside WEIGHT``: the store's dense ranking is kept and the answer (only) fuses one more
ranking, the windowed one, at that weight (the search systems unchanged). ``--cosine``: the
answer's cosine of each candidate (its ranking, relevance, floor and meeting model read it)
is scored with the windows the same way (``max``: the best of its own and its windows'
cosines; ``full+win``: the mean of its own and its best window's vector).

``short``: :mod:`benchmarks.evaluate` on stores indexed afresh in ``NEWDIR`` (an empty folder)
with long texts split into passages of ``--min-words``-``--max-words`` words instead of
``MIN_WORDS``-``MAX_WORDS`` (:func:`service.index.passages.split_words`): the passages split
shorter at indexing, every vector one passage's, both stores unchanged.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

AGGS = ("max", "full+win", "mean")


def _passages(store_dir: Path) -> list[Any]:
    from service.store.base import Passage

    conn = sqlite3.connect(f"file:{store_dir / 'store.db'}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT id, kind, text, body, meeting_date, agenda_item, item_title, page"
            " FROM passages ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return [Passage(*r[1:], id=r[0]) for r in rows]


def lengths(data_dir: Path) -> None:
    from tokenizers import Tokenizer

    from service.index.embed import MAX_TOKENS, model_dir

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_truncation()
    print(f"word pieces of the embedded texts (the passage model reads {MAX_TOKENS})")
    for db in sorted(data_dir.glob("*/store.db")):
        texts = [p.embed_text() for p in _passages(db.parent)]
        n = np.array([len(e.ids) for e in tok.encode_batch(texts)])
        p50, p90, p99 = np.percentile(n, [50, 90, 99])
        print(
            f"{db.parent.name:12} {len(n):5} passages  p50 {p50:.0f}  p90 {p90:.0f}  "
            f"p99 {p99:.0f}  max {n.max()}  >128 {np.mean(n > 128):.3f}  "
            f">{MAX_TOKENS} {np.mean(n > MAX_TOKENS):.3f}  word pieces unread "
            f"{np.clip(n - MAX_TOKENS, 0, None).sum() / n.sum():.3f}"
        )


def windows_of(p: Any, words: int, stride: int) -> list[str]:
    """The passage's windows (none when it is no longer than one window)."""
    ws = p.text.split()
    if len(ws) <= words:
        return []
    title = (p.item_title or "").strip()
    out = []
    for start in range(0, len(ws), stride):
        chunk = ws[start : start + words]
        if start and len(chunk) < stride:  # the tail is inside the window before
            break
        text = " ".join(chunk)
        out.append(f"{title}: {text}" if title else text)
        if start + words >= len(ws):
            break
    return out


def _file(store_dir: Path, words: int, stride: int) -> Path:
    return store_dir / f"windows-{words}-{stride}.npz"


def build(data_dir: Path, words: int, stride: int) -> None:
    from service.index.embed import embed_passages, passage_model

    for db in sorted(data_dir.glob("*/store.db")):
        store_dir = db.parent
        model = passage_model(store_dir / "models")
        passages = _passages(store_dir)
        ids: list[int] = []
        texts: list[str] = []
        for p in passages:
            for w in windows_of(p, words, stride):
                ids.append(p.id)
                texts.append(w)
        t = time.process_time()
        vecs = embed_passages(model, texts) if texts else np.zeros((0, 384), np.float32)
        cpu = time.process_time() - t
        np.savez(
            _file(store_dir, words, stride),
            ids=np.asarray(ids, dtype=np.int64),
            vecs=np.asarray(vecs, dtype=np.float16),
        )
        print(
            f"{store_dir.name}: {len(passages)} passages, {len(set(ids))} windowed, "
            f"{len(texts)} window vectors ({len(texts) / max(len(passages), 1):.2f} a passage), "
            f"{cpu:.1f} CPU s ({model.backend}), {len(texts) * 384 * 2 / 1e6:.1f} MB as float16"
        )


def windowed(words: int, stride: int, agg: str, original: Any) -> Any:
    """A ``dense_search(store, vector, filt, limit)`` scoring passages with their windows too
    (``original``: the store's own, for the passages that pass the filter and their cosines)."""
    from service.store.base import Hit

    loaded: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def dense_search(self: Any, vector: np.ndarray, filt: Any, limit: int) -> list[Hit]:
        store_dir = Path(self.data_dir)
        key = str(store_dir)
        if key not in loaded:
            f = np.load(_file(store_dir, words, stride))
            loaded[key] = (f["ids"], f["vecs"].astype(np.float32))
        wid, wvec = loaded[key]
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        every = original(self, vector, filt, 1_000_000)  # the store's own, all that pass
        full = {h.passage_id: h.score for h in every}
        wins: dict[int, list[float]] = {}
        for pid, s in zip(wid.tolist(), (wvec @ vector).tolist(), strict=True):
            if pid in full:
                wins.setdefault(pid, []).append(s)
        scored: dict[int, float] = {}
        for pid, s in full.items():
            w = wins.get(pid)
            if not w:
                scored[pid] = s
            elif agg == "max":
                scored[pid] = max(s, *w)
            elif agg == "full+win":
                scored[pid] = 0.5 * (s + max(w))
            else:
                scored[pid] = 0.5 * (s + sum(w) / len(w))
        top = sorted(scored, key=lambda i: (-scored[i], i))[:limit]
        return [Hit(i, scored[i]) for i in top]

    return dense_search


def patch(words: int, stride: int, agg: str) -> None:
    """The SQLite store's ``dense_search`` scoring passages with their windows too."""
    from service.store.sqlite import SQLiteStore

    SQLiteStore.dense_search = windowed(  # type: ignore[method-assign]
        words, stride, agg, SQLiteStore.dense_search
    )


def beside(words: int, stride: int, agg: str, weight: float) -> None:
    """The answer's rankings plus one more: the windowed dense ranking of the question, fused
    by reciprocal rank at ``weight`` (the store's own dense ranking kept)."""
    import service.query.answer as answer
    from benchmarks.common import fuse_ranking
    from service.query.search import resolve_body
    from service.store.sqlite import SQLiteStore

    search = windowed(words, stride, agg, SQLiteStore.dense_search)
    original = answer.retrieve

    def retrieve(ctx: Any, q: Any, options: Any, embedder: Any, notes: Any = None) -> Any:
        cands = original(ctx, q, options, embedder, notes)
        if options.mode == "bm25":
            return cands
        filt = options.filter()
        if filt.body:
            filt.body = resolve_body(ctx.store, filt.body)
        qv = np.asarray(embedder.encode([q.query])[0], dtype=np.float32)
        hits = search(ctx.store, qv, filt, answer.CANDIDATES)
        fuse_ranking(
            ctx.store, cands, {c.result.passage_id: c for c in cands}, hits, weight, dense=True
        )
        return sorted(cands, key=lambda c: (-c.fused, c.result.passage_id))

    answer.retrieve = retrieve  # type: ignore[assignment]


def cosines(data_dir: Path, words: int, stride: int, agg: str) -> None:
    """The answer's cosine of each candidate (what its ranking, relevance, floor and meeting
    model read) scored with the passage's windows too, as the dense ranking is (``agg``)."""
    import service.query.answer as answer

    loaded: dict[str, dict[int, np.ndarray]] = {}
    current: list[np.ndarray] = []
    original_vectors = answer._passage_vectors
    original_score = answer.score_candidates

    def passage_vectors(store: Any, results: Any, embedder: Any) -> np.ndarray:
        pv = original_vectors(store, results, embedder)
        if not current or len(results) == 0:
            return pv
        key = str(store.data_dir)
        if key not in loaded:
            f = np.load(_file(Path(store.data_dir), words, stride))
            by: dict[int, list[np.ndarray]] = {}
            for pid, v in zip(f["ids"].tolist(), f["vecs"].astype(np.float32), strict=True):
                by.setdefault(pid, []).append(v)
            loaded[key] = {pid: np.stack(vs) for pid, vs in by.items()}
        qv = current[-1]
        out = pv.copy()
        for i, r in enumerate(results):
            w = loaded[key].get(r.passage_id)
            if w is None:
                continue
            own = float(pv[i] @ qv)
            ws = w @ qv
            best = w[int(np.argmax(ws))]
            if agg == "max" and float(ws.max()) > own:
                out[i] = best
            elif agg == "full+win":
                out[i] = 0.5 * (pv[i] + best)  # its cosine: the mean of the two
        return out

    def score_candidates(ctx: Any, q: Any, cands: Any, mode: Any, embedder: Any) -> Any:
        if mode != "bm25" and cands:
            current.append(np.asarray(embedder.encode([q.query])[0], dtype=np.float32))
        try:
            return original_score(ctx, q, cands, mode, embedder)
        finally:
            current.clear()

    answer._passage_vectors = passage_vectors  # type: ignore[assignment]
    answer.score_candidates = score_candidates  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ("lengths", "build", "evaluate", "short"):
        print(__doc__, file=sys.stderr)
        return 2
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--words", type=int, default=48)
    ap.add_argument("--stride", type=int, default=24)
    ap.add_argument("--agg", choices=AGGS, default="max")
    ap.add_argument("--beside", type=float, default=0.0)
    ap.add_argument("--cosine", action="store_true")
    ap.add_argument("--min-words", type=int, default=50)
    ap.add_argument("--max-words", type=int, default=100)
    known, rest = ap.parse_known_args(args[1:])
    if args[0] == "lengths":
        lengths(known.data_dir)
        return 0
    if args[0] == "build":
        build(known.data_dir, known.words, known.stride)
        return 0
    from benchmarks import evaluate as ev

    if args[0] == "short":
        from service.index import passages

        defaults = passages.split_words.__defaults__
        passages.split_words.__defaults__ = (known.min_words, known.max_words)
        try:
            return ev.main(["--data-dir", str(known.data_dir), *rest])
        finally:
            passages.split_words.__defaults__ = defaults
    if known.cosine:
        cosines(known.data_dir, known.words, known.stride, known.agg)
    if known.beside:
        beside(known.words, known.stride, known.agg, known.beside)
    else:
        patch(known.words, known.stride, known.agg)
    return ev.main(["--data-dir", str(known.data_dir), *rest])


if __name__ == "__main__":
    raise SystemExit(main())
