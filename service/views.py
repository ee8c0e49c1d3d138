"""The JSON of every command and route, built in one place so CLI and API agree."""

from __future__ import annotations

from typing import Any

from service.search import search
from service.store.base import Store


def health(store: Store) -> dict[str, Any]:
    return {"status": "ok", **store.counts()}


def meetings(store: Store) -> dict[str, Any]:
    return {"meetings": store.meetings()}


def packs(store: Store) -> dict[str, Any]:
    return {"packs": [r.to_dict() for r in store.list_packs()]}


def pack(store: Store, pack_id: str) -> dict[str, Any]:
    return store.pack_json(pack_id)


def search_view(
    store: Store,
    query: str,
    *,
    mode: str = "hybrid",
    body: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    limit: int = 10,
    embedder: Any = None,
) -> dict[str, Any]:
    return search(
        store,
        query,
        mode=mode,
        body=body,
        date_from=date_from,
        date_to=date_to,
        kind=kind,
        limit=limit,
        embedder=embedder,
    ).to_dict()


def ask_view(store: Store, question: str, **filters: Any) -> dict[str, Any]:
    """``service.answer.ask(store, question, **filters)`` as JSON."""
    from service import answer  # imported on first question: it brings numpy-heavy scoring

    result = answer.ask(store, question, **{k: v for k, v in filters.items() if v is not None})
    return result.to_dict()
