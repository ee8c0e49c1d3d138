"""Saved-search routes: ``POST /alerts`` (token-guarded, like uploads), ``GET /alerts``,
``GET /alerts/{id}``, ``DELETE /alerts/{id}`` (token-guarded) and ``GET /alerts/{id}/feed``
(Atom 1.0). The JSON is :mod:`service.alerts`' own, so ``boardpapers alerts`` prints the
same; matching happens when packs are indexed, never here."""

# no `from __future__ import annotations`: the body model is made at run time (it takes the
# API's date pattern), and FastAPI reads the route's annotation as the class itself
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from service import alerts
from service.config import ServiceSettings
from service.errors import AlertNotFoundError
from service.store.base import KINDS, Store
from service.web import export, feed
from service.web.auth import token_guard, token_responses

MAX_ID = 2**53  # a larger id is no alert's (and would overflow the store's integers)
# "contains a character that is not white space", in Python's sense of white space (the
# search strips it): q="" and q="   " are refused by the schema, not only by the search
NOT_BLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
BODY_HELP = "only bodies whose name holds this (any case)"


def alert_body(date_pattern: str) -> type[BaseModel]:
    """The JSON body of ``POST /alerts`` (the search's parameters, checked as it checks them)."""

    class NewAlert(BaseModel):
        model_config = ConfigDict(
            populate_by_name=True,
            json_schema_extra={"example": {"query": "youth centres", "kind": "recommendation"}},
        )

        query: str = Field(
            ...,
            min_length=1,
            max_length=alerts.MAX_QUERY_CHARS,
            pattern=NOT_BLANK,
            description="the words to search for, as `q` of `GET /search`",
        )
        body: str | None = Field(
            None,
            max_length=alerts.MAX_BODY_CHARS,
            description=BODY_HELP,
        )
        kind: str | None = Field(
            None,
            description="only passages of this kind",
            json_schema_extra={"enum": ["", *KINDS, None]},
        )
        date_from: str | None = Field(
            None,
            alias="from",
            pattern=date_pattern,
            description="meetings on or after this date: YYYY-MM-DD, YYYY-MM or YYYY",
        )
        date_to: str | None = Field(
            None,
            alias="to",
            pattern=date_pattern,
            description="meetings on or before this date: YYYY-MM-DD, YYYY-MM or YYYY",
        )

    return NewAlert


ALERT_EXAMPLE: dict[str, Any] = {
    "id": 3,
    "query": "youth centres",
    "body": None,
    "kind": "recommendation",
    "from": "2024",
    "to": None,
    "created_at": "2024-07-01T09:00:00+00:00",
    "matches": 4,
    "unseen": 1,
    "feed": "/alerts/3/feed",
}
ENTRY_EXAMPLE: dict[str, Any] = {
    "id": 17,
    "meeting_date": "2024-04-22",
    "body": "Children's Services Scrutiny Committee",
    "agenda_item": "6",
    "item_title": "Youth Service Review: Proposed Changes to Council-run Youth Centres",
    "kind": "recommendation",
    "quote": "That Cabinet approve the closure of the six youth centres listed in Table 1 with"
    " effect from 31 August 2024.",
    "pack": "7103b40fbe32ea4e",
    "page": 7,
    "pdf_url": "/packs/7103b40fbe32ea4e/pdf#page=7",
    "meeting_url": "/meeting/7103b40fbe32ea4e",
    "matched_at": "2024-07-09T10:15:19+00:00",
    "matches": [17, 18],
}
FEED_EXAMPLE = (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    "<id>urn:uuid:b77e19e0-a5f8-51f4-9ddc-81e9db601243</id>"
    "<title>boardpapers alert: “youth centres”</title>"
    "<updated>2024-07-09T10:15:19+00:00</updated><author><name>boardpapers</name></author>"
    '<link rel="self" type="application/atom+xml" href="http://127.0.0.1:8000/alerts/3/feed"/>'
    "<entry><id>urn:uuid:187bef03-1afb-5181-a6bb-db3355271040</id>"
    "<title>22 April 2024, Children's Services Scrutiny Committee: item 6, Youth Service"
    " Review</title><updated>2024-07-09T10:15:19+00:00</updated>"
    '<link rel="alternate" type="application/pdf"'
    ' href="http://127.0.0.1:8000/packs/7103b40fbe32ea4e/pdf#page=7"/>'
    '<summary type="text">That Cabinet approve the closure of the six youth centres ...</summary>'
    "</entry></feed>"
)


def _ok(example: Any, description: str, status: int = 200) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"description": description, "content": {"application/json": {"example": example}}}
    }


NO_ALERT: dict[int | str, dict[str, Any]] = {
    404: {
        "description": "No such saved search.",
        "content": {
            "application/json": {
                "example": {
                    "error": {"code": "alert_not_found", "message": "no saved search with id 7"}
                }
            }
        },
    }
}
FEED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The Atom 1.0 feed.",
        "content": {feed.MEDIA_TYPE: {"schema": {"type": "string"}, "example": FEED_EXAMPLE}},
    }
}


def _alert_id() -> Any:
    return Path(..., description="the saved search's id (a whole number)", examples=["1"])


def _known_id(raw: str) -> int:
    """A saved search's id from the path: anything that is not one names no saved search
    (404, as an unknown pack id does; a path parameter alone is never malformed)."""
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        raise AlertNotFoundError(f"no saved search with id {raw!r}")
    return int(text)


def build_router(
    store: Store, settings: ServiceSettings, date_pattern: str, listed: Any
) -> APIRouter:
    """The saved-search routes over ``store``; writes need the token of ``settings``.
    ``listed`` answers a list route's ``?format=`` (:func:`service.web.api.listed`)."""
    require_token = token_guard(settings, "saved searches")
    router = APIRouter(tags=["alerts"])
    NewAlert = alert_body(date_pattern)  # noqa: N806 - a class

    @router.post(
        "/alerts",
        status_code=201,
        summary="Save a search (an alert)",
        description="Saves `query` with its filters (`body`, `kind`, `from`, `to`, as `GET"
        " /search` takes them). Every pack indexed from then on (`boardpapers index`, an"
        " upload, `boardpapers watch`) is searched for it, and the passages above the"
        " search's relevance floor are recorded once each: `GET /alerts/{id}/feed` lists"
        " them. Needs `Authorization: Bearer <BOARDPAPERS_TOKEN>`. CLI: `boardpapers alerts"
        " add QUERY --json`.",
        responses={
            **_ok(ALERT_EXAMPLE, "The saved search.", 201),
            **token_responses("saved searches"),
        },
        dependencies=[Depends(require_token)],
    )
    def add_alert(new: NewAlert) -> JSONResponse:  # type: ignore[valid-type]
        data = alerts.add_view(
            store,
            query=new.query,  # type: ignore[attr-defined]
            body=new.body,  # type: ignore[attr-defined]
            kind=new.kind,  # type: ignore[attr-defined]
            date_from=new.date_from,  # type: ignore[attr-defined]
            date_to=new.date_to,  # type: ignore[attr-defined]
        )
        return JSONResponse(data, status_code=201, headers={"Location": f"/alerts/{data['id']}"})

    @router.delete(
        "/alerts/{alert_id}",
        summary="Remove a saved search",
        description="Removes the saved search and what it matched. Needs `Authorization:"
        " Bearer <BOARDPAPERS_TOKEN>`. CLI: `boardpapers alerts remove ID --json`.",
        responses={
            **_ok({"id": 3, "deleted": True}, "Removed."),
            **token_responses("saved searches"),
            **NO_ALERT,
        },
        dependencies=[Depends(require_token)],
    )
    def remove_alert(alert_id: str = _alert_id()) -> dict[str, Any]:
        return alerts.remove_view(store, _known_id(alert_id))

    _read_routes(router, store, listed)
    return router


def _read_routes(router: APIRouter, store: Store, listed: Any) -> None:
    """``GET /alerts``, ``GET /alerts/{id}`` and its feed, on ``router``."""

    @router.get(
        "/alerts",
        summary="List saved searches",
        description="Every saved search with its filters, how many passages it has matched"
        " (`matches`), how many `boardpapers alerts show --new` has not shown (`unseen`) and"
        " its feed. `format=csv` downloads them as CSV. CLI: `boardpapers alerts list --json`.",
        responses=_ok({"alerts": [ALERT_EXAMPLE]}, "The saved searches, oldest first."),
    )
    def list_alerts(
        fmt: str | None = Query(
            None,
            alias="format",
            description="`csv` for a CSV download or `json` for the JSON as a download",
            json_schema_extra={"enum": list(export.FORMATS)},
        ),
    ) -> Any:
        return listed(export.ALERTS, alerts.list_view(store), fmt)

    @router.get(
        "/alerts/{alert_id}",
        summary="A saved search and what it matched",
        description="The saved search and its entries, newest first: one per agenda item of"
        " a meeting with matches (the meeting, the item, the best passage quoted, `pdf_url`"
        " opening the PDF at its page). `new=true`: only entries `boardpapers alerts show"
        " --new` has not shown yet. CLI: `boardpapers alerts show ID --json`.",
        responses={
            **_ok({"alert": ALERT_EXAMPLE, "entries": [ENTRY_EXAMPLE]}, "The entries."),
            **NO_ALERT,
        },
    )
    def show_alert(
        alert_id: str = _alert_id(),
        new: bool = Query(False, description="only entries not yet shown by `--new`"),
    ) -> dict[str, Any]:
        return alerts.show_view(store, _known_id(alert_id), new=new)

    @router.get(
        "/alerts/{alert_id}/feed",
        summary="A saved search's matches as an Atom feed",
        description="An Atom 1.0 feed (`application/atom+xml`) with one entry per matching"
        " agenda item (as `GET /alerts/{id}`): title (meeting date, body, item), the passage"
        " quoted, a link to the PDF page and one to the meeting. Follow it in any feed"
        " reader. CLI: `boardpapers alerts show ID`.",
        response_class=Response,
        responses={**FEED, **NO_ALERT},
    )
    def alert_feed(request: Request, alert_id: str = _alert_id()) -> Response:
        data = alerts.show_view(store, _known_id(alert_id))
        base = str(request.base_url).rstrip("/")
        return Response(feed.atom_feed(data, base), media_type=feed.MEDIA_TYPE)
