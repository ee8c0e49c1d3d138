"""The relevance floor: a search returns passages about its query, not merely the least
unrelated ones in the store.

Ranks (BM25, cosine, their fusion) only order passages; a filter that leaves few candidates
(``kind=resolution``) would otherwise return every one of them. Relevance is absolute, the
measure the answer code uses too: in hybrid mode ``0.5 * cosine + 0.5 * coverage``, in
dense mode the cosine, in bm25 mode the coverage, where the cosine is the query's vector
against the passage's stored vector and the coverage is the IDF-weighted share of the
query's content words (its frame words such as "when did we last discuss" dropped) found in
the passage or its item title.

The thresholds are data (``vocab/floor.json``), calibrated by ``benchmarks/floor.py`` on the
dev questions against the unanswerable ones (``benchmarks/unanswerable.json``). The work per
search is bounded by the results judged: their stored vectors and their words, never the
store. Where the store overlaps its reads (:attr:`Store.overlapped_reads`), the results' stored
vectors are read in one of its stage threads while their words are weighed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from service.query.lexicon import Lexicon
from service.query.questions import strip_scaffold
from service.store.base import Passage, Store

log = logging.getLogger(__name__)

FLOOR_FILE = Path(__file__).resolve().parent / "vocab" / "floor.json"
NO_STRONG_MATCHES = "no strong matches: nothing in the store is relevant enough to the query"


class _Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> Any: ...


@lru_cache(maxsize=1)
def thresholds() -> dict[str, float]:
    """The calibrated floor per mode (``vocab/floor.json``)."""
    data = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    return {m: float(data["floor"][m]) for m in ("hybrid", "dense", "bm25")}


def lexicon_for(store: Store) -> Lexicon:
    """The store's lexicon as it is now: kept on the store (:meth:`Store.derived`) and made
    again once packs were added, replaced or removed; search, the floor and answers share
    it."""
    return store.derived("lexicon", lambda: Lexicon(store))


VectorReader = Callable[[Sequence[int]], dict[int, np.ndarray]]


def cosines(
    store: Store,
    query_vector: np.ndarray,
    results: Sequence[Passage],
    vectors: VectorReader | None = None,
) -> list[float]:
    """Cosine of the query vector with each passage's stored vector (0 when none is stored),
    read by ``vectors`` (default: ``store.vectors_for``)."""
    if not results:
        return []
    found = (vectors or store.vectors_for)([p.id for p in results])
    qv = np.asarray(query_vector, dtype=np.float32).reshape(-1)
    return [float(found[p.id] @ qv) if p.id in found else 0.0 for p in results]


def relevances(
    store: Store,
    query: str,
    results: Sequence[Passage],
    mode: str,
    *,
    embedder: _Encoder | None = None,
    query_vector: np.ndarray | None = None,
    lexicon: Lexicon | None = None,
    vectors: VectorReader | None = None,
) -> list[float]:
    """The relevance of each result to ``query`` (see the module docstring)."""
    if not results:
        return []
    read = vectors or store.vectors_for
    if mode != "bm25" and store.overlapped_reads:
        # the stored vectors are read while the words are weighed (in this thread)
        ahead = store.stage_threads().submit(read, [p.id for p in results])
        read = lambda _ids: ahead.result()  # noqa: E731
    topic = strip_scaffold(query) or query
    lex = lexicon or lexicon_for(store)
    covs = lex.coverages(topic, [f"{p.item_title or ''} {p.text}" for p in results])
    if mode == "bm25":
        return covs
    if query_vector is None:
        if embedder is None:
            from service.query.search import default_embedder

            embedder = default_embedder(store)
        query_vector = np.asarray(embedder.encode([query])[0], dtype=np.float32)
    coss = cosines(store, query_vector, results, read)
    if mode == "dense":
        return coss
    return [0.5 * a + 0.5 * b for a, b in zip(coss, covs, strict=True)]


def passing(
    store: Store,
    query: str,
    results: Sequence[Any],
    mode: str,
    *,
    embedder: _Encoder | None = None,
    query_vector: np.ndarray | None = None,
    threshold: float | None = None,
    vectors: VectorReader | None = None,
) -> list[Any]:
    """The results (in their order) whose relevance reaches the floor of ``mode``."""
    floor = thresholds()[mode] if threshold is None else threshold
    rel = relevances(
        store,
        query,
        results,
        mode,
        embedder=embedder,
        query_vector=query_vector,
        vectors=vectors,
    )
    return [r for r, v in zip(results, rel, strict=True) if v >= floor]
