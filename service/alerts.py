"""Saved searches that alert: a query with its filters, matched against every pack indexed.

Composes asking and keeping (like :mod:`service.commands`): a saved search is checked with
the search's own rules (:func:`service.query.search.make_filter`), kept by the store
(:meth:`service.store.base.Store.add_alert`), and each pack indexed after it (``boardpapers
index``, an upload, ``boardpapers watch``) is searched for it by :class:`AlertMatcher`, which
the indexer calls once the pack is committed (:class:`service.index.indexer.Indexer`'s
``on_stored``). The search is the ordinary hybrid search restricted to the new pack (so a
match never depends on what else the store holds), with the search's relevance floor; what
passes is recorded once per saved search and passage.

What a saved search has matched reads as entries (:func:`entries`): one per agenda item of a
meeting (its passages grouped), quoting the best passage and linking to its PDF page. The
Atom feed (:mod:`service.web.feed`) and ``boardpapers alerts show`` print the same entries.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from service.errors import BoardpapersError, InvalidRequestError, one_line
from service.query import MAX_LIMIT
from service.query.search import make_filter, search
from service.store.base import KINDS, Alert, AlertMatch, Store

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 500
MAX_BODY_CHARS = 200
MATCHES_READ = 2000  # the newest matches an alert's entries are made from


def _clean(value: str | None) -> str | None:
    return " ".join(str(value).split()) or None if value is not None else None


def new_alert(
    store: Store,
    query: str,
    *,
    body: str | None = None,
    kind: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Alert:
    """Check and save a search; the filters mean what they mean to ``search``."""
    text = _clean(query)
    if not text:
        raise InvalidRequestError("query: a saved search needs some words")
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidRequestError(f"query: at most {MAX_QUERY_CHARS} characters")
    body, kind = _clean(body), _clean(kind)
    date_from, date_to = _clean(date_from), _clean(date_to)
    if body and len(body) > MAX_BODY_CHARS:
        raise InvalidRequestError(f"body: at most {MAX_BODY_CHARS} characters")
    if kind and kind not in KINDS:
        raise InvalidRequestError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    make_filter(body, date_from, date_to, kind)  # bad dates are refused here
    alert = Alert(id=0, query=text, body=body, kind=kind, date_from=date_from, date_to=date_to)
    return store.add_alert(alert)


def alert_dict(alert: Alert) -> dict[str, Any]:
    """A saved search as the API and ``boardpapers alerts`` print it."""
    return {
        "id": alert.id,
        "query": alert.query,
        "body": alert.body,
        "kind": alert.kind,
        "from": alert.date_from,
        "to": alert.date_to,
        "created_at": alert.created_at,
        "matches": alert.matches,
        "unseen": alert.unseen,
        "feed": f"/alerts/{alert.id}/feed",
    }


def list_view(store: Store) -> dict[str, Any]:
    """``GET /alerts``, ``boardpapers alerts list --json``."""
    return {"alerts": [alert_dict(a) for a in store.alerts()]}


def add_view(store: Store, **fields: Any) -> dict[str, Any]:
    """``POST /alerts``, ``boardpapers alerts add --json``."""
    return alert_dict(new_alert(store, **fields))


def remove_view(store: Store, alert_id: int) -> dict[str, Any]:
    """``DELETE /alerts/{id}``, ``boardpapers alerts remove ID --json``."""
    store.delete_alert(alert_id)
    return {"id": alert_id, "deleted": True}


# ------------------------------------------------------------------ matching


def match_pack(store: Store, pack_id: str, embedder: Any = None) -> dict[int, int]:
    """Search the pack for every saved search and record what passes the search's relevance
    floor; returns ``{alert id: new matches}`` (a saved search whose search fails is logged
    and left out: one bad query never stops the others)."""
    found: dict[int, int] = {}
    for alert in store.alerts():
        try:
            response = search(
                store,
                alert.query,
                mode="hybrid",
                body=alert.body,
                kind=alert.kind,
                date_from=alert.date_from,
                date_to=alert.date_to,
                packs=(pack_id,),
                limit=MAX_LIMIT,
                embedder=embedder,
            )
        except BoardpapersError as exc:
            log.warning("saved search %d not matched on %s: %s", alert.id, pack_id, one_line(exc))
            continue
        hits = [(r.id, float(r.score)) for r in response.results]
        found[alert.id] = store.record_matches(alert.id, hits)
    return found


class AlertMatcher:
    """What the indexer calls with each pack it commits: matches it against every saved
    search. The query model is loaded on the first pack that has a saved search to match
    (``embedder``: a ready one, or a function making it)."""

    def __init__(self, store: Store, embedder: Any = None) -> None:
        self.store = store
        self._embedder = embedder
        self._lock = threading.Lock()
        self.seconds = 0.0  # time spent matching, for the benchmark and the log
        self.packs = 0

    def embedder(self) -> Any:
        with self._lock:
            if callable(self._embedder) and not hasattr(self._embedder, "encode"):
                self._embedder = self._embedder()
            return self._embedder

    def __call__(self, pack_id: str) -> dict[int, int]:
        if not self.store.alerts():
            return {}
        started = time.perf_counter()
        # the filters' view of the store must hold the new pack before it is searched (a
        # search never waits for it: here, with the pack just committed, the matcher does)
        self.store.refresh_vectors(save=False)
        found = match_pack(self.store, pack_id, self.embedder())
        spent = time.perf_counter() - started
        self.seconds += spent
        self.packs += 1
        for alert_id, new in found.items():
            if new:
                log.info("saved search %d: %d new match(es) in pack %s", alert_id, new, pack_id)
        log.debug("matched pack %s against %d saved searches in %.3f s", pack_id, len(found), spent)
        return found


def matcher_for(store: Store, embedder: Any | Callable[[], Any] = None) -> AlertMatcher:
    return AlertMatcher(store, embedder)


# ------------------------------------------------------------------ entries


def _item_key(m: AlertMatch) -> tuple[str, str]:
    p = m.passage
    return p.pack, p.agenda_item or p.item_title or f"page {p.page}"


def entries(store: Store, alert_id: int, *, unseen: bool = False) -> list[dict[str, Any]]:
    """What a saved search matched, one entry per agenda item of a meeting (newest match
    first): the meeting, the item, the best passage quoted, links to its PDF page and to
    the meeting; ``unseen``: only items with matches ``--new`` has not shown yet."""
    groups: dict[tuple[str, str], list[AlertMatch]] = {}
    for m in store.alert_matches(alert_id, unseen=unseen, limit=MATCHES_READ):
        groups.setdefault(_item_key(m), []).append(m)
    out: list[dict[str, Any]] = []
    for group in groups.values():
        best = max(group, key=lambda m: (m.score, -m.id))
        p = best.passage
        page = f"#page={p.page}" if p.page else ""
        out.append(
            {
                "id": min(m.id for m in group),
                "meeting_date": p.meeting_date,
                "body": p.body,
                "agenda_item": p.agenda_item,
                "item_title": p.item_title,
                "kind": p.kind,
                "quote": p.text,
                "pack": p.pack,
                "page": p.page,
                "pdf_url": f"/packs/{p.pack}/pdf{page}",
                "meeting_url": f"/meeting/{p.pack}",
                "matched_at": max(m.matched_at for m in group),
                "matches": sorted(m.id for m in group),
            }
        )
    out.sort(key=lambda e: (e["matched_at"], e["meeting_date"] or "", -int(e["id"])), reverse=True)
    return out


def show_view(store: Store, alert_id: int, *, new: bool = False) -> dict[str, Any]:
    """``GET /alerts/{id}`` (``?new=true``), ``boardpapers alerts show ID --json``: the
    saved search and its entries (``new``: only those not yet shown by ``--new``)."""
    alert = store.alert(alert_id)
    return {"alert": alert_dict(alert), "entries": entries(store, alert_id, unseen=new)}


def mark_shown(store: Store, shown: list[dict[str, Any]]) -> None:
    """Remember that these entries were shown (``boardpapers alerts show --new``)."""
    store.mark_shown([i for e in shown for i in e["matches"]])
