"""The JSON of every command and route, built in one place so CLI and API agree."""

from __future__ import annotations

from typing import Any

from service.query.search import search
from service.store.base import Store


def health(store: Store) -> dict[str, Any]:
    return {"status": "ok", **store.counts()}


def meetings(store: Store) -> dict[str, Any]:
    return {"meetings": store.meetings()}


def packs(store: Store) -> dict[str, Any]:
    return {"packs": [r.to_dict() for r in store.list_packs()]}


def pack(store: Store, pack_id: str) -> dict[str, Any]:
    return store.pack_json(pack_id)


def _given(options: dict[str, Any]) -> dict[str, Any]:
    """The options a caller set (``None``: not given, the function's default applies)."""
    return {k: v for k, v in options.items() if v is not None}


def search_view(store: Store, query: str, **options: Any) -> dict[str, Any]:
    """``service.query.search.search(store, query, **options)`` as JSON."""
    return search(store, query, **_given(options)).to_dict()


def ask_view(store: Store, question: str, **options: Any) -> dict[str, Any]:
    """``service.query.answer.ask(store, question, **options)`` as JSON."""
    from service.query import answer  # imported on first question: it brings numpy-heavy scoring

    return answer.ask(store, question, **_given(options)).to_dict()
