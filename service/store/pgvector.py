"""Dense ranking on pgvector, with filters that stay exact.

Unfiltered: the HNSW index (cosine distance; vectors are unit length, so 1 - distance is the
inner product). Filtered: when few passages pass the filter (``EXACT_FILTER_MAX``) they are
scanned exactly (an ``ORDER BY`` on a computed score, which no index serves); otherwise the HNSW
index with a wider candidate list (``hnsw.ef_search`` 1,000, pgvector's largest), the filter
applied to its candidates, and an exact scan when that leaves fewer than asked for and at most
``EXACT_SCAN_MAX`` passages pass (as the SQLite store: a wider filter keeps what the index
found, every one of which passes it). Filters by body (case-insensitive substring of the
body's name, resolved to the stored bodies' keys first), date range (inclusive), kind and
pack ids, as the SQLite store applies them. A filter whose kinds each have an HNSW index of
their own (every kind but ``report``: schema step 12) searches those indexes instead of the
whole one, so the kind does not thin its candidates out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

import numpy as np

from service.store.base import Hit, PassageFilter
from service.store.pgkept import KEEP, KeptRankings
from service.store.pgschema import KIND_INDEXES

EXACT_FILTER_MAX = 2_000  # a filter this selective is scanned exactly
EXACT_SCAN_MAX = 20_000  # ... and up to this many when the index finds too few (as SQLite)
WIDE_EF_SEARCH = 1_000  # hnsw.ef_search for a filtered index search (pgvector's largest)


def literal(vec: np.ndarray) -> str:
    """pgvector's text form of one vector: ``[0.1,0.2,...]``."""
    # rounded as float64, each repr is short ("0.012345"); repr is C-fast, unlike formatting
    rounded = np.asarray(vec, dtype=np.float64).reshape(-1).round(7)
    return "[" + ",".join(map(repr, rounded.tolist())) + "]"


def from_binary(data: bytes | memoryview) -> np.ndarray:
    """A vector from pgvector's binary form: its dimensions and a reserved word (uint16
    each), then the values (float32), all big-endian."""
    raw = bytes(data)
    dim = int.from_bytes(raw[:2], "big")
    if len(raw) != 4 + 4 * dim:
        raise ValueError(f"not a pgvector binary value: {len(raw)} bytes for {dim} dimensions")
    return np.frombuffer(raw, dtype=">f4", offset=4).astype(np.float32)


def body_keys(conn: Any, body: str) -> list[str]:
    """The keys of the stored bodies whose name holds ``body`` (any case)."""
    rows = conn.execute(
        "SELECT key FROM bodies WHERE strpos(key, %s) > 0 ORDER BY key", (body.strip().lower(),)
    ).fetchall()
    return [str(r[0]) for r in rows]


class Where(NamedTuple):
    """A filter as SQL: ``cond`` and ``params`` (:func:`filter_sql`), and the keys of the
    stored bodies its body names (``None``: no body)."""

    cond: str
    params: list[Any]
    keys: list[str] | None


def where(conn: Any, filt: PassageFilter) -> Where | None:
    """:func:`filter_sql` of a filter, its body resolved to the bodies' keys first (so the
    planner sees them and uses the index on ``body_key``; a subquery there made it scan
    every passage); ``None`` when no stored body matches."""
    keys = body_keys(conn, filt.body) if filt.body else None
    if keys is not None and not keys:
        return None
    return Where(*filter_sql(filt, keys), keys)


def filter_sql(filt: PassageFilter, keys: list[str] | None = None) -> tuple[str, list[Any]]:
    """`` AND ...`` conditions on ``passages`` (or ``passage_words``, which holds the same
    columns) for a filter, and their parameters (the body as the keys of the bodies it
    names, when given)."""
    parts: list[str] = []
    params: list[Any] = []
    if filt.body and keys is not None:
        parts.append("body_key = ANY(%s)")
        params.append(list(keys))
    elif filt.body:
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


def dense_search(
    conn: Any, vector: np.ndarray, filt: PassageFilter, limit: int, kept: KeptRankings | None = None
) -> list[Hit]:
    """The ``limit`` passages nearest ``vector`` among those passing ``filt`` (an exact scan
    kept in ``kept`` for a repeated search)."""
    q = literal(np.asarray(vector, dtype=np.float32).reshape(-1))
    if filt.is_empty():
        return _index_search(conn, q, "", [], limit, None)
    found = where(conn, filt)
    if found is None:
        return []
    cond, params, keys = found
    matching, version = _capped_count(conn, cond, params, EXACT_FILTER_MAX)
    if matching == 0:
        return []
    if matching <= EXACT_FILTER_MAX:
        return _exact(conn, q, cond, params, limit, kept, version)
    kinds = own_index_kinds(filt)
    if kinds:
        hits = _kinds_search(conn, q, filt, keys, kinds, limit, kept, version)
    else:
        wide = max(WIDE_EF_SEARCH, limit)
        hits = _index_search(conn, q, cond, params, limit, wide, kept, version)
    # the filter removed too many of the index's candidates: exact when few enough pass
    if len(hits) < limit and _capped_count(conn, cond, params, EXACT_SCAN_MAX)[0] <= EXACT_SCAN_MAX:
        return _exact(conn, q, cond, params, limit, kept, version)
    return hits


def _capped_count(conn: Any, cond: str, params: list[Any], cap: int) -> tuple[int, int]:
    """Passages passing the filter, counted no further than ``cap + 1``, and the store's
    version (``store_counts.writes``)."""
    row = conn.execute(
        f"SELECT (SELECT count(*) FROM (SELECT 1 FROM passages WHERE true{cond} LIMIT %s) s),"
        " (SELECT writes FROM store_counts)",
        [*params, cap + 1],
    ).fetchone()
    return int(row[0]), int(row[1])


def _index_search(
    conn: Any,
    q: str,
    where: str,
    params: list[Any],
    limit: int,
    ef_search: int | None,
    kept: KeptRankings | None = None,
    version: int = 0,
) -> list[Hit]:
    """The HNSW index's nearest ``limit`` (its filter applied to its candidates). With
    ``kept``, a search whose ``ef_search`` covers :data:`~.pgkept.KEEP` is read that deep
    once and kept: its candidates are the same whatever its limit, so a deeper repeat (the
    facet search) starts with the same rows."""
    from service.store.pgpool import EF_SEARCH

    ef = max(ef_search or 0, limit)
    sql = (
        f"SELECT id, 1 - (embedding <=> %s::vector) FROM passages WHERE true{where}"
        " ORDER BY embedding <=> %s::vector LIMIT %s"
    )
    if ef <= EF_SEARCH:
        return _hits(conn.execute(sql, [q, *params, q, limit]).fetchall())
    return _hits(_read_at(conn, ef, sql, [q, *params, q], limit, kept, version))


def _read_at(
    conn: Any,
    ef: int,
    sql: str,
    args: list[Any],
    limit: int,
    kept: KeptRankings | None,
    version: int,
) -> list[Any]:
    """The first ``limit`` rows of an index search ``sql`` (its last parameter the limit)
    with ``hnsw.ef_search`` ``ef`` (at most pgvector's 1,000); with ``kept``, read
    :data:`~.pgkept.KEEP` deep once and kept when ``ef`` is that wide."""
    ef = min(ef, 1000)

    def read(full: list[Any]) -> list[Any]:
        with conn.transaction():
            conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(ef),))
            return list(conn.execute(sql, full).fetchall())

    if kept is None or ef < max(limit, KEEP):
        return read([*args, limit])
    return kept.rows(conn, sql, args, limit, version, read)


def own_index_kinds(filt: PassageFilter) -> tuple[str, ...] | None:
    """The filter's kinds when each has an HNSW index of its own (schema step 12), else
    ``None`` (no kind, or one without: the whole index is searched)."""
    kinds = (filt.kind,) if isinstance(filt.kind, str) else tuple(filt.kind or ())
    if kinds and all(k in KIND_INDEXES for k in kinds):
        return tuple(sorted(set(kinds)))
    return None


def _kinds_search(
    conn: Any,
    q: str,
    filt: PassageFilter,
    keys: list[str] | None,
    kinds: tuple[str, ...],
    limit: int,
    kept: KeptRankings | None,
    version: int,
) -> list[Hit]:
    """The nearest ``limit`` passing the filter, each kind's from its own index (one
    statement: a branch per kind, merged by distance). A filter of kinds alone passes every
    row of those indexes, so each is read as deep as asked (at least :data:`~.pgkept.KEEP`);
    with a body, dates or packs besides, as wide as a filtered search of the whole index."""
    only_kinds = replace(filt, kind=None).is_empty()
    ef = min(max(KEEP, limit) if only_kinds else max(WIDE_EF_SEARCH, limit), 1000)
    branches: list[str] = []
    args: list[Any] = []
    for kind in kinds:
        cond, params = filter_sql(replace(filt, kind=kind), keys)
        branches.append(
            f"(SELECT id, embedding <=> %s::vector AS d FROM passages WHERE true{cond}"
            " ORDER BY embedding <=> %s::vector LIMIT %s)"
        )
        args += [q, *params, q, ef]
    sql = f"SELECT id, 1 - d FROM ({' UNION ALL '.join(branches)}) u ORDER BY d, id LIMIT %s"
    return _hits(_read_at(conn, ef, sql, args, limit, kept, version))


def _exact(
    conn: Any,
    q: str,
    where: str,
    params: list[Any],
    limit: int,
    kept: KeptRankings | None,
    version: int,
) -> list[Hit]:
    """Every passing passage scored: the ORDER BY is on a computed column, so the HNSW index
    (approximate) is never used for it. The order is total (ties by id), so a deeper
    repeat of the scan is read from ``kept``."""
    sql = (
        "SELECT id, s FROM (SELECT id, 1 - (embedding <=> %s::vector) AS s FROM passages"
        f" WHERE true{where} OFFSET 0) x ORDER BY s DESC, id LIMIT %s"
    )
    if kept is None:
        return _hits(conn.execute(sql, [q, *params, limit]).fetchall())
    return _hits(kept.rows(conn, sql, [q, *params], limit, version))
