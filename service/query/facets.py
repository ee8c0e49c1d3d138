"""Facets: how many of a search's passages fall under each body, year and kind.

The counts are taken over the passages the search itself would return with the largest
limit (:data:`service.query.MAX_LIMIT`), with the same filters: whatever keeps a passage out
of the results (a filter, the search's relevance floor) keeps it out of the counts, so a
facet never promises passages that clicking it would not show. Counting the whole store
instead would list every body for any query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from service.query import MAX_LIMIT
from service.query.search import RequestReads, SearchResult, search
from service.store.base import Passage, Store

FACETS = ("body", "year", "kind")


class _QueryVectors:
    """The embedder of one request, encoding each text once: the facet search and the
    results' search ask for the same query vector."""

    def __init__(self, embedder: Any) -> None:
        self._embedder = embedder
        self._seen: dict[tuple[str, ...], Any] = {}

    def encode(self, texts: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        key = tuple(texts)
        if key not in self._seen:
            self._seen[key] = self._embedder.encode(texts, *args, **kwargs)
        return self._seen[key]


def remembering(embedder: Any) -> Any:
    """``embedder`` wrapped so that a second search of the same request reuses its vector
    (``None`` stays ``None``: the search's default model)."""
    return None if embedder is None else _QueryVectors(embedder)


def _value(p: Passage, facet: str) -> str | None:
    if facet == "year":
        return (p.meeting_date or "")[:4] or None
    value = getattr(p, facet)
    return str(value) if value else None


def facet_counts(passages: Iterable[Passage]) -> dict[str, list[dict[str, Any]]]:
    """``{facet: [{value, count}]}`` for body, year and kind. Bodies and kinds are listed
    most common first, years newest first; passages without a value (undated, no body)
    are not counted under that facet."""
    counters = {f: Counter[str]() for f in FACETS}
    for p in passages:
        for facet in FACETS:
            value = _value(p, facet)
            if value is not None:
                counters[facet][value] += 1
    out: dict[str, list[dict[str, Any]]] = {}
    for facet, counter in counters.items():
        if facet == "year":
            items = sorted(counter.items(), key=lambda kv: kv[0], reverse=True)
        else:
            items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        out[facet] = [{"value": v, "count": n} for v, n in items]
    return out


def search_facets(
    store: Store,
    query: str,
    *,
    embedder: Any = None,
    reads: RequestReads | None = None,
    **options: Any,
) -> dict[str, list[dict[str, Any]]]:
    """The facet counts of ``search(store, query, **options)``: counted over the passages it
    returns with ``limit`` = :data:`MAX_LIMIT` (``options``' own limit is ignored). ``reads``:
    the results' search's (what it read is not read again)."""
    options = {**options, "limit": MAX_LIMIT}
    results: list[SearchResult] = search(
        store, query, embedder=embedder, reads=reads, **options
    ).results
    return facet_counts(results)
