"""HTTP API over the store: every route returns the JSON its CLI command prints.

One router per wing: the store's records (:func:`store_router`: health, meetings, packs,
their figures and PDFs), questions and search (:func:`query_router`), uploads that index
(:func:`service.web.uploads.build_router`) and the web UI (:mod:`service.web.ui`);
``create_app`` puts them together with ``/docs``. Every list route takes ``?format=csv``
(or ``json``) and answers a download (:mod:`service.web.export`).

Errors have one shape, ``{"error": {"code": ..., "message": ...}}``, made by one
handler from BoardpapersError subclasses (each carries its HTTP status), and
from the framework's own errors (unknown route, bad parameter) too; a 405 names the
methods the path takes in ``Allow`` (RFC 9110).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from service.alerts import AlertMatcher
from service.config import ServiceSettings
from service.errors import BoardpapersError, InvalidRequestError
from service.query.answer import Answerer
from service.query.followups import STATUSES
from service.query.search import MAX_LIMIT, MODES
from service.store import Store, open_store
from service.store.base import KINDS
from service.web import alerts as alert_routes
from service.web import apidocs, export, ui, uploads, views
from service.web.alerts import BODY_HELP, NOT_BLANK
from service.web.jobs import JobManager

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": " ".join(str(message).split())}}


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> str:
    """The methods some route of the app takes at this path (the ``Allow`` of a 405): each
    method is tried against every route, as the router would match it."""
    allowed = []
    # a mount (static files) rewrote root_path on the way in: match from the app's root
    root = request.scope.get("app_root_path", request.scope.get("root_path", ""))
    for method in METHODS:
        scope = {**request.scope, "method": method, "root_path": root}
        for route in request.app.router.routes:
            if isinstance(route, Mount):  # static files: read-only
                hit = method in ("GET", "HEAD") and route.matches(scope)[0] is not Match.NONE
            else:
                hit = route.matches(scope)[0] is Match.FULL
            if hit:
                allowed.append(method)
                break
    return ", ".join(allowed)


# what a parameter declared with a pattern must look like (said instead of the pattern)
PARAM_FORMS = {
    "q": "some words",
    "query": "some words",
    "from": "a date YYYY-MM-DD (or a month YYYY-MM, a year YYYY)",
    "to": "a date YYYY-MM-DD (or a month YYYY-MM, a year YYYY)",
}


def _invalid(err: Any) -> str:
    """One framework validation error as a line: ``from: ... , not '8 July'``."""
    loc = list(err.get("loc", ()))
    if loc and loc[0] in ("query", "path", "body"):  # where the parameter was, not its name
        loc = loc[1:]
    where = ".".join(str(x) for x in loc)
    msg = str(err.get("msg", "invalid"))
    if err.get("type") == "string_pattern_mismatch":
        msg = (
            f"must be {PARAM_FORMS.get(where, 'in the documented form')}, not {err.get('input')!r}"
        )
    return f"{where}: {msg}" if where else msg


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    """The one handler: every failure becomes ``{"error": {"code", "message"}}``."""
    headers: dict[str, str] = {}
    if isinstance(exc, BoardpapersError):
        status, code, message = exc.status, exc.code, exc.message
    elif isinstance(exc, RequestValidationError):
        parts = [_invalid(err) for err in exc.errors()]
        status, code, message = 400, "invalid_request", "; ".join(parts) or "invalid request"
    elif isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        code = _HTTP_CODES.get(status, "http_error")
        message = str(exc.detail) if exc.detail else code
        if status == 404 and message == "Not Found":
            message = f"no route {request.url.path}"
        headers.update(exc.headers or {})
        if status == 405:
            headers["Allow"] = allowed_methods(request)
            if message == "Method Not Allowed":
                message = f"{request.method} is not allowed on {request.url.path}"
    else:
        log.exception("internal error on %s", request.url.path, exc_info=exc)
        status, code, message = 500, "internal_error", "internal error"
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


# ------------------------------------------------------------------ parameters

_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_LEAP = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
# a calendar date YYYY-MM-DD, a month YYYY-MM, a year YYYY, or empty (no limit)
DATE_PATTERN = rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP}-02-29)?$"
FORMAT_HELP = (
    "`csv` for a CSV download (a header row, then one row per item) or `json` for the JSON"
    " as a download; absent: the JSON"
)


def _date(name: str, edge: str) -> Any:
    return Query(
        "",
        alias=name,
        pattern=DATE_PATTERN,
        description=f"meetings on or {edge} this date: YYYY-MM-DD, or YYYY-MM / YYYY for the"
        " whole month / year; empty: no limit",
    )


def _kind() -> Any:
    return Query(
        "",
        description="only passages of this kind; empty: any kind",
        json_schema_extra={"enum": ["", *KINDS]},
    )


def _format() -> Any:
    return Query(
        None,
        alias="format",
        description=FORMAT_HELP,
        json_schema_extra={"enum": list(export.FORMATS)},
    )


def listed(view: export.ListView, data: dict[str, Any], fmt: str | None, *name: str | None) -> Any:
    """The JSON of a list route, or with ``?format=`` its download (CSV, or JSON) under a
    file name made of the view and ``name``."""
    if fmt is None:
        return data
    if fmt not in export.FORMATS:
        raise InvalidRequestError(f"format must be one of {', '.join(export.FORMATS)}, not {fmt!r}")
    disposition = {"Content-Disposition": f'attachment; filename="{view.filename(fmt, *name)}"'}
    if fmt == "csv":
        return Response(
            export.csv_text(view, data), media_type=export.CSV_TYPE, headers=disposition
        )
    return JSONResponse(data, headers=disposition)


# ------------------------------------------------------------------ the wings' routers


def store_router(store: Store) -> APIRouter:
    """What the store keeps: its health, meetings, packs and the packs' PDFs."""
    router = APIRouter()

    @router.get("/healthz")
    def healthz() -> dict[str, Any]:
        return views.health(store)

    @router.get("/meetings")
    def meetings_route(fmt: str | None = _format()) -> Any:
        return listed(export.MEETINGS, views.meetings(store), fmt)

    @router.get("/packs")
    def packs_route(fmt: str | None = _format()) -> Any:
        return listed(export.PACKS, views.packs(store), fmt)

    @router.get("/packs/{pack_id}")
    def pack_route(pack_id: str) -> dict[str, Any]:
        return views.pack(store, pack_id)

    @router.get("/packs/{pack_id}/figures")
    def figures_route(
        pack_id: str,
        everything: bool = Query(
            False,
            alias="all",
            description="every figure, also those whose `about` does not say what they measure",
        ),
        fmt: str | None = _format(),
    ) -> Any:
        data = views.figures(store, pack_id, everything=everything)
        return listed(export.FIGURES, data, fmt, pack_id, "all" if everything else None)

    @router.get("/packs/{pack_id}/pdf")
    def pack_pdf_route(pack_id: str) -> FileResponse:
        return FileResponse(
            store.pack_pdf(pack_id),
            media_type="application/pdf",
            filename=f"{pack_id}.pdf",
            content_disposition_type="inline",  # opens in the browser, at #page=N
        )

    return router


def _filters(
    body: str | None, date_from: str | None, date_to: str | None, kind: str | None
) -> dict[str, Any]:
    return {
        "body": body or None,
        "date_from": date_from or None,
        "date_to": date_to or None,
        "kind": kind or None,
    }


def query_router(answerer: Answerer) -> APIRouter:
    """Asking: ``/search``, ``/ask`` and ``/followups`` (judged by the meeting model), with the
    same model (the answerer's embedder)."""
    router = APIRouter()
    store = answerer.store

    @router.get("/search")
    def search_route(
        q: str = Query(..., min_length=1, pattern=NOT_BLANK, description="the query"),
        body: str = Query("", description=BODY_HELP),
        date_from: str = _date("from", "after"),
        date_to: str = _date("to", "before"),
        kind: str = _kind(),
        limit: int = Query(10, ge=1, le=MAX_LIMIT, description="how many results"),
        mode: str = Query(
            "hybrid", description="the ranking", json_schema_extra={"enum": list(MODES)}
        ),
        fmt: str | None = _format(),
    ) -> Any:
        embedder = answerer.embedder  # the model /ask uses (loaded on first use)
        data = views.search_view(
            store,
            q,
            mode=mode,
            limit=limit,
            embedder=embedder,
            **_filters(body, date_from, date_to, kind),
        )
        return listed(export.SEARCH, data, fmt, q)

    @router.get("/followups")
    def followups_route(
        body: str = Query("", description=BODY_HELP),
        status: str = Query(
            "",
            description="only follow-ups with this status; empty: any",
            json_schema_extra={"enum": ["", *STATUSES]},
        ),
        date_from: str = _date("from", "after"),
        date_to: str = _date("to", "before"),
        fmt: str | None = _format(),
    ) -> Any:
        data = views.followups_view(
            store,
            answerer=answerer,
            body=body or None,
            status=status or None,
            date_from=date_from or None,
            date_to=date_to or None,
        )
        return listed(export.FOLLOWUPS, data, fmt, body or None, status or None)

    @router.get("/ask")
    def ask_route(
        q: str = Query(..., min_length=1, pattern=NOT_BLANK, description="the question"),
        body: str = Query("", description=BODY_HELP),
        date_from: str = _date("from", "after"),
        date_to: str = _date("to", "before"),
        kind: str = _kind(),
    ) -> dict[str, Any]:
        return views.ask_view(answerer, q, **_filters(body, date_from, date_to, kind))

    return router


# ------------------------------------------------------------------ the app


@dataclass(slots=True)
class _Parts:
    settings: ServiceSettings
    store: Store
    own_store: bool
    answerer: Answerer
    jobs: JobManager


def _parts(
    data_dir: Path | None,
    settings: ServiceSettings | None,
    store: Store | None,
    embedder: Any,
    overrides: dict[str, Any],
) -> _Parts:
    if settings is None:  # read from the environment once, here
        settings = ServiceSettings.from_env(data_dir=data_dir)
    elif data_dir is not None and Path(data_dir) != settings.data_dir:
        settings = settings.replace(data_dir=Path(data_dir))
    settings = settings.replace(**{k: v for k, v in overrides.items() if v is not None})
    own_store = store is None
    if store is None:
        store = open_store(settings.data_dir, url=settings.store)
    if embedder is None:
        from service.index.embed import get_embedder  # cheap: the model loads on first use

        embedder = get_embedder(settings.embed_backend, settings.models_dir, settings.model_cache)
    answerer = Answerer(store, embedder)
    matcher = AlertMatcher(store, embedder)  # uploads are matched against saved searches
    jobs = JobManager(store, settings.data_dir, settings=settings, on_stored=matcher)
    return _Parts(settings, store, own_store, answerer, jobs)


def create_app_from_env() -> FastAPI:
    """The app of ``serve --workers N``: each worker process builds it from the environment
    (the CLI puts its settings there before starting them)."""
    return create_app(settings=ServiceSettings.from_env())


def create_app(
    data_dir: Path | None = None,
    *,
    settings: ServiceSettings | None = None,
    store: Store | None = None,
    embedder: Any = None,
    warm: bool = True,
    token: str | None = None,
    max_upload_mb: float | None = None,
) -> FastAPI:
    """The API for the store in ``data_dir`` (or an already open ``store``).

    ``settings``: the service settings (else read from the environment for ``data_dir``);
    ``token`` and ``max_upload_mb`` override theirs: see :mod:`service.web.uploads`.
    ``embedder``: the query model (else the one the settings name).
    """
    parts = _parts(
        data_dir, settings, store, embedder, {"token": token, "max_upload_mb": max_upload_mb}
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:  # load the vector index and the model before the first query
            parts.store.refresh_vectors(save=False)
            parts.answerer.embedder.encode(["warm up"])
        parts.jobs.start()  # the first server process sweeps what a stopped one left
        yield
        parts.jobs.close()
        parts.answerer.close()
        if parts.own_store:
            parts.store.close()

    app = FastAPI(
        title="boardpapers",
        description="Search what UK councils discussed and decided, from their agenda packs.",
        lifespan=lifespan,
        docs_url=None,  # served offline by service.web.apidocs.install_docs
        redoc_url=None,
    )
    app.state.store, app.state.jobs, app.state.settings = parts.store, parts.jobs, parts.settings
    for exc_type in (BoardpapersError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(exc_type, handle_error)
    for router in (store_router(parts.store), query_router(parts.answerer)):
        apidocs.describe(router)
        app.include_router(router)
    app.include_router(uploads.build_router(parts.jobs, parts.settings))
    app.include_router(alert_routes.build_router(parts.store, parts.settings, DATE_PATTERN, listed))
    ui.install(app, parts.store)
    apidocs.install_schema(app)
    apidocs.install_docs(app)
    return app
