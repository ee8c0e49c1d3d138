"""Replace the stored vector of every passage of a SQLite corpus store (experiments that try
another passage model on a copy of the evaluation stores: ``benchmarks.e5_experiment``,
``benchmarks.finetune_experiment``)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

BATCH = 64

Encode = Callable[[Sequence[str]], np.ndarray]


def revector_store(store_dir: Path, encode: Encode) -> tuple[int, float]:
    """Rewrite ``store_dir/store.db``'s vector of every passage with ``encode`` of the text the
    indexer embeds (:meth:`Passage.embed_text`), stored as float16 like the indexer's, and drop
    the vector index cache so it is rebuilt from them. Returns (passages, seconds)."""
    from service.store.base import Passage

    conn = sqlite3.connect(store_dir / "store.db")
    try:
        rows = conn.execute(
            "SELECT id, kind, text, body, meeting_date, agenda_item, item_title, page"
            " FROM passages ORDER BY id"
        ).fetchall()
        t = time.perf_counter()
        for at in range(0, len(rows), BATCH):
            chunk = rows[at : at + BATCH]
            texts = [Passage(*r[1:], id=r[0]).embed_text() for r in chunk]
            vecs = np.asarray(encode(texts), dtype=np.float16).reshape(len(chunk), -1)
            conn.executemany(
                "UPDATE vectors SET vec = ? WHERE passage_id = ?",
                [(v.tobytes(), r[0]) for v, r in zip(vecs, chunk, strict=True)],
            )
            conn.commit()
        seconds = time.perf_counter() - t
    finally:
        conn.close()
    shutil.rmtree(store_dir / "index", ignore_errors=True)
    return len(rows), seconds
