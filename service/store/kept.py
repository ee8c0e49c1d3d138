"""Keyword rankings kept in the server's memory for a repeated search (SQLite store).

A /search runs its search twice: for its results, and deeper for the facet counts
(:mod:`service.query.facets`). The SQLite keyword ranking is exact and totally ordered (BM25
score, then passage id; a phrase lookup: newest passage first), so the first rows of a
deeper ranking are the shallower one: a ranking is kept with the depth it was read to, keyed
by the query, the filter and the store's version (:meth:`SQLiteStore.generation` and the
filter attributes' version), and a later search of the same key no deeper than that (or one
whose ranking ended before its depth) is served from memory. A changed store is ranked
afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from service.store.base import Hit

KEEP = 300  # a ranked keyword query is read at least this deep (its cost is scoring every match)
KEPT = 64  # ... for this many recent searches


class KeptRankings:
    def __init__(self, size: int = KEPT) -> None:
        self._kept: OrderedDict[Hashable, tuple[int, list[Hit]]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, limit: int) -> list[Hit] | None:
        """The first ``limit`` hits kept for ``key``, when kept deep enough; else ``None``."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            depth, hits = kept
            if limit > depth and len(hits) >= depth:
                return None  # kept shallower than asked, and the ranking went on
            self._kept.move_to_end(key)
            return hits[:limit]

    def put(self, key: Hashable, depth: int, hits: list[Hit]) -> None:
        """Keep ``hits``: a ranking read ``depth`` deep (fewer hits: it ended there)."""
        with self._lock:
            self._kept[key] = (depth, list(hits))
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
