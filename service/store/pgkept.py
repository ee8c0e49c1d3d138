"""Rankings kept in the server's memory for a repeated search (PostgreSQL store).

A /search runs its search twice: for its results, and deeper for the facet counts
(:mod:`service.query.facets`). Where a ranking is exact (every match scored, ordered to the
passage id: the keyword ranking, an exact dense scan) the deeper one starts with the same
rows, so it is read :data:`KEEP` deep once and kept (so is a filtered HNSW search: its
candidate list is as wide whatever its limit, so a deeper one starts with the same rows), keyed by its statement, parameters and
the store's version (``store_counts.writes``, bumped by every pack stored, replaced or
deleted): a changed store is ranked afresh.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

KEEP = 300  # a kept ranking is read at least this deep ...
KEPT = 64  # ... for this many recent searches


class KeptRankings:
    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[str, str, int], tuple[int, list[Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def rows(
        self,
        conn: Any,
        sql: str,
        args: list[Any],
        limit: int,
        version: int,
        read: Callable[[list[Any]], list[Any]] | None = None,
    ) -> list[Any]:
        """The first ``limit`` rows of ``sql`` (ending ``LIMIT %s``) with ``args``: from
        memory when kept at this version and deep enough, else read :data:`KEEP` deep (by
        ``read(args)`` when given: a statement that needs settings of its own)."""
        key = (sql, repr(args), version)
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and (limit <= kept[0] or len(kept[1]) < kept[0]):
            return list(kept[1][:limit])
        deep = max(limit, KEEP)
        if read is not None:
            rows = read([*args, deep])
        else:
            rows = conn.execute(sql, [*args, deep]).fetchall()
        with self._lock:
            self._kept[key] = (deep, rows)
            self._kept.move_to_end(key)
            while len(self._kept) > KEPT:
                self._kept.popitem(last=False)
        return list(rows[:limit])


class RecentTimeouts:
    """Statements that ran out of their time limit a moment ago (:data:`FORGET_S`), by
    statement, parameters and store version: run again with no longer a limit (the facet
    search repeats the results' search at once) they are not sent, they time out at once.
    A longer limit, a changed store or a later moment runs them again."""

    FORGET_S = 2.0
    SIZE = 256

    def __init__(self) -> None:
        self._seen: OrderedDict[tuple[str, str, int], tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def recent(self, sql: str, args: list[Any], version: int, limit_s: float) -> bool:
        """Whether this statement ran out of a limit at least ``limit_s`` just now."""
        with self._lock:
            seen = self._seen.get((sql, repr(args), version))
        return (
            seen is not None and time.monotonic() - seen[0] < self.FORGET_S and seen[1] >= limit_s
        )

    def forget(self, sql: str, args: list[Any], version: int) -> None:
        with self._lock:
            self._seen.pop((sql, repr(args), version), None)

    def note(self, sql: str, args: list[Any], version: int, limit_s: float) -> None:
        with self._lock:
            self._seen[(sql, repr(args), version)] = (time.monotonic(), limit_s)
            while len(self._seen) > self.SIZE:
                self._seen.popitem(last=False)
