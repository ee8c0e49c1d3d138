"""Experiment (issue 11, not adopted unless the README says so): passages embedded as windows.

    python -m benchmarks.window_experiment lengths --data-dir DIR
    python -m benchmarks.window_experiment build --data-dir DIR [--words 48] [--stride 24]
    python -m benchmarks.window_experiment evaluate --data-dir DIR [--words 48] [--stride 24]
        [--agg max|full+win|mean] [benchmarks.evaluate options]
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


def patch(data_dir: Path, words: int, stride: int, agg: str) -> None:
    """The SQLite store's ``dense_search`` scoring passages with their windows too."""
    from service.store.base import Hit
    from service.store.sqlite import SQLiteStore

    original = SQLiteStore.dense_search
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

    SQLiteStore.dense_search = dense_search  # type: ignore[method-assign]


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
    patch(known.data_dir, known.words, known.stride, known.agg)
    return ev.main(["--data-dir", str(known.data_dir), *rest])


if __name__ == "__main__":
    raise SystemExit(main())
