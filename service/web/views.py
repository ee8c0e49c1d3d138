"""The JSON of every command and route, built in one place so CLI and API agree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from service.query.facets import search_with_facets
from service.query.figures import meeting_figures
from service.query.followups import followups
from service.query.search import make_filter
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


def figures(store: Store, pack_id: str, *, everything: bool = False) -> dict[str, Any]:
    """A meeting's figures: those whose ``about`` says what they measure (``everything``:
    all of them), with how many there are and how many were left out."""
    return {"pack": pack_id, **meeting_figures(store.pack_json(pack_id), everything=everything)}


def followups_view(
    store: Store,
    *,
    body: str | None = None,
    status: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    answerer: Answerer | None = None,
) -> dict[str, Any]:
    """Every promised update with its status (:mod:`service.query.followups`), judged by the
    meeting model when ``answerer`` is given."""
    data = followups(
        store,
        body=body or None,
        status=status or None,
        date_from=date_from,
        date_to=date_to,
        answerer=answerer,
    ).to_dict()
    return _noted_if_empty(store, data, {"date_from": date_from, "date_to": date_to})


def _given(options: dict[str, Any]) -> dict[str, Any]:
    """The options a caller set (``None``: not given, the function's default applies)."""
    return {k: v for k, v in options.items() if v is not None}


def _noted_if_empty(
    store: Store, data: dict[str, Any], options: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An empty store, or a date range no meeting can fall in, says so (``notes``), so no
    answer is not taken for no match."""
    if not data.get("results") and not store.counts().get("packs"):
        data.setdefault("notes", []).append(EMPTY_STORE)
    filt = make_filter(
        date_from=(options or {}).get("date_from"), date_to=(options or {}).get("date_to")
    )
    if filt.date_from and filt.date_to and filt.date_from > filt.date_to:
        data.setdefault("notes", []).append(
            f"from ({filt.date_from}) is after to ({filt.date_to}): no meeting is in that range"
        )
    return data


def search_view(store: Store, query: str, **options: Any) -> dict[str, Any]:
    """``service.query.search.search(store, query, **options)`` as JSON, with the counts by
    body, year and kind of the passages it matches (``facets``, see
    :mod:`service.query.facets`)."""
    given = _given(options)
    response, facets = search_with_facets(store, query, **given)
    data = response.to_dict()
    data["facets"] = facets
    return _noted_if_empty(store, data, given)


def ask_view(answerer: Answerer, question: str, **options: Any) -> dict[str, Any]:
    """``answerer.ask(question, **options)`` as JSON."""
    data = answerer.ask(question, **_given(options)).to_dict()
    return _noted_if_empty(answerer.store, data, options)
