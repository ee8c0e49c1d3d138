"""The JSON of every command and route, built in one place so CLI and API agree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.query.search import search
from service.store.base import Store

if TYPE_CHECKING:
    from service.query.answer import Answerer

EMPTY_STORE = "nothing has been indexed yet: run `boardpapers index PATH` (or POST /packs) first"


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


def _noted_if_empty(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    """An empty store says so (``notes``), so no answer is not taken for no match."""
    if not data.get("results") and not store.counts().get("packs"):
        data.setdefault("notes", []).append(EMPTY_STORE)
    return data


def search_view(store: Store, query: str, **options: Any) -> dict[str, Any]:
    """``service.query.search.search(store, query, **options)`` as JSON."""
    return _noted_if_empty(store, search(store, query, **_given(options)).to_dict())


def ask_view(answerer: Answerer, question: str, **options: Any) -> dict[str, Any]:
    """``answerer.ask(question, **options)`` as JSON."""
    data = answerer.ask(question, **_given(options)).to_dict()
    return _noted_if_empty(answerer.store, data)
