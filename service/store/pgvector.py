"""Dense ranking on pgvector, with filters that stay exact.

Unfiltered: the HNSW index (cosine distance; vectors are unit length, so 1 - distance is the
inner product). Filtered: when few passages pass the filter (``EXACT_FILTER_MAX``) they are
scanned exactly (an ``ORDER BY`` on a computed score, which no index serves); otherwise the HNSW
index with a wider candidate list (``hnsw.ef_search``), the filter applied to its candidates,
and an exact scan when that leaves fewer than asked for. Filters by body (case-insensitive
substring of the body's name), date range (inclusive), kind and pack ids, as the SQLite
store applies them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from service.store.base import Hit, PassageFilter

EXACT_FILTER_MAX = 2_000  # a filter this selective is scanned exactly
WIDE_EF_SEARCH = 400  # hnsw.ef_search for a filtered index search


def literal(vec: np.ndarray) -> str:
    """pgvector's text form of one vector: ``[0.1,0.2,...]``."""
    # rounded as float64, each repr is short ("0.012345"); repr is C-fast, unlike formatting
    rounded = np.asarray(vec, dtype=np.float64).reshape(-1).round(7)
    return "[" + ",".join(map(repr, rounded.tolist())) + "]"


def filter_sql(filt: PassageFilter) -> tuple[str, list[Any]]:
    """`` AND ...`` conditions on ``passages`` for a filter, and their parameters."""
    parts: list[str] = []
    params: list[Any] = []
    if filt.body:
        parts.append("body_key IN (SELECT key FROM bodies WHERE strpos(key, %s) > 0)")
        params.append(filt.body.strip().lower())
    if filt.date_from:
        parts.append("meeting_date >= %s")
        params.append(filt.date_from)
    if filt.date_to:
        parts.append("meeting_date <= %s")
        params.append(filt.date_to)
    if isinstance(filt.kind, str):
        parts.append("kind = %s")
        params.append(filt.kind)
    elif filt.kind:
        parts.append("kind = ANY(%s)")
        params.append(list(filt.kind))
    if filt.packs is not None:  # as PassageFilter: an empty tuple passes nothing
        parts.append("pack_id = ANY(%s)")
        params.append(list(filt.packs))
    return "".join(f" AND {p}" for p in parts), params


def _hits(rows: list[Any]) -> list[Hit]:
    return [Hit(int(pid), float(score)) for pid, score in rows]


def dense_search(conn: Any, vector: np.ndarray, filt: PassageFilter, limit: int) -> list[Hit]:
    """The ``limit`` passages nearest ``vector`` among those passing ``filt``."""
    q = literal(np.asarray(vector, dtype=np.float32).reshape(-1))
    where, params = filter_sql(filt)
    if filt.is_empty():
        return _index_search(conn, q, "", [], limit, None)
    row = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM passages WHERE true{where} LIMIT %s) s",
        [*params, EXACT_FILTER_MAX + 1],
    ).fetchone()
    matching = int(row[0])
    if matching == 0:
        return []
    if matching <= EXACT_FILTER_MAX:
        return _exact(conn, q, where, params, limit)
    hits = _index_search(conn, q, where, params, limit, max(WIDE_EF_SEARCH, limit))
    if len(hits) < limit:  # the filter removed too many of the index's candidates
        return _exact(conn, q, where, params, limit)
    return hits


def _index_search(
    conn: Any, q: str, where: str, params: list[Any], limit: int, ef_search: int | None
) -> list[Hit]:
    from service.store.pgpool import EF_SEARCH

    ef = max(ef_search or 0, limit)
    sql = (
        f"SELECT id, 1 - (embedding <=> %s::vector) FROM passages WHERE true{where}"
        " ORDER BY embedding <=> %s::vector LIMIT %s"
    )
    args = [q, *params, q, limit]
    if ef <= EF_SEARCH:
        return _hits(conn.execute(sql, args).fetchall())
    with conn.transaction():
        conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(min(ef, 1000)),))
        return _hits(conn.execute(sql, args).fetchall())


def _exact(conn: Any, q: str, where: str, params: list[Any], limit: int) -> list[Hit]:
    """Every passing passage scored: the ORDER BY is on a computed column, so the HNSW index
    (approximate) is never used for it."""
    sql = (
        "SELECT id, s FROM (SELECT id, 1 - (embedding <=> %s::vector) AS s FROM passages"
        f" WHERE true{where} OFFSET 0) x ORDER BY s DESC, id LIMIT %s"
    )
    return _hits(conn.execute(sql, [q, *params, limit]).fetchall())
