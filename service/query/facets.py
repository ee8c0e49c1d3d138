"""Facets: how many of a search's passages fall under each body, year and kind.

The counts are taken over the passages the search itself would return with the largest
limit (:data:`service.query.MAX_LIMIT`), with the same filters: whatever keeps a passage out
of the results (a filter, the search's relevance floor) keeps it out of the counts, so a
facet never promises passages that clicking it would not show. Counting the whole store
instead would list every body for any query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from service.query import MAX_LIMIT
from service.query.search import (
    RequestReads,
    SearchOptions,
    SearchResponse,
    searches,
)
from service.store.base import Passage, Store

FACETS = ("body", "year", "kind")


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


def search_with_facets(
    store: Store,
    query: str,
    *,
    embedder: Any = None,
    reads: RequestReads | None = None,
    **options: Any,
) -> tuple[SearchResponse, dict[str, list[dict[str, Any]]]]:
    """``search(store, query, **options)`` and its facet counts: those of the passages the
    same search returns with ``limit`` = :data:`MAX_LIMIT` (``options``' own limit is only the
    results'). One call of :func:`~service.query.search.searches` for both: the same response
    and counts as the two searches one after the other, but their rankings are started at
    once (the deeper one's read after the shallower one's, so a ranking the store keeps is read
    once), the query is parsed and embedded once, and what the results read (passages,
    vectors) is not read again. ``reads``: see :class:`~service.query.search.RequestReads`."""
    opts = SearchOptions(**options)
    limits = sorted({opts.limit, MAX_LIMIT})
    found = list(searches(store, query, opts, limits, embedder=embedder, reads=reads))
    return found[0], facet_counts(found[-1].results)
