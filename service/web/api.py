"""HTTP API over the store: every route returns the JSON its CLI command prints.

One router per wing: the store's records (:func:`store_router`: health, meetings, packs and
their PDFs), questions and search (:func:`query_router`), uploads that index
(:func:`service.web.uploads.build_router`) and the web UI (:mod:`service.web.ui`);
``create_app`` puts them together with ``/docs``.

Errors have one shape, ``{"error": {"code": ..., "message": ...}}``, made by one
handler from BoardpapersError subclasses (each carries its HTTP status), and
from the framework's own errors (unknown route, bad parameter) too.
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
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.config import ServiceSettings
from service.errors import BoardpapersError
from service.query.answer import Answerer
from service.query.search import MAX_LIMIT, MODES
from service.store import Store, open_store
from service.web import apidocs, ui, uploads, views
from service.web.jobs import JobManager, sweep_uploads

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


async def handle_error(request: Request, exc: Exception) -> JSONResponse:
    """The one handler: every failure becomes ``{"error": {"code", "message"}}``."""
    if isinstance(exc, BoardpapersError):
        status, code, message = exc.status, exc.code, exc.message
    elif isinstance(exc, RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", ""))
        status, code, message = 400, "invalid_request", "; ".join(parts) or "invalid request"
    elif isinstance(exc, StarletteHTTPException):
        status = exc.status_code
        code = _HTTP_CODES.get(status, "http_error")
        message = str(exc.detail) if exc.detail else code
        if status == 404 and message == "Not Found":
            message = f"no route {request.url.path}"
    else:
        log.exception("internal error on %s", request.url.path, exc_info=exc)
        status, code, message = 500, "internal_error", "internal error"
    return JSONResponse(error_body(code, message), status_code=status)


# ------------------------------------------------------------------ the wings' routers


def store_router(store: Store) -> APIRouter:
    """What the store keeps: its health, meetings, packs and the packs' PDFs."""
    router = APIRouter()

    @router.get("/healthz")
    def healthz() -> dict[str, Any]:
        return views.health(store)

    @router.get("/meetings")
    def meetings_route() -> dict[str, Any]:
        return views.meetings(store)

    @router.get("/packs")
    def packs_route() -> dict[str, Any]:
        return views.packs(store)

    @router.get("/packs/{pack_id}")
    def pack_route(pack_id: str) -> dict[str, Any]:
        return views.pack(store, pack_id)

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
    return {"body": body, "date_from": date_from, "date_to": date_to, "kind": kind}


def query_router(answerer: Answerer) -> APIRouter:
    """Asking: ``/search`` and ``/ask``, with the same model (the answerer's embedder)."""
    router = APIRouter()
    store = answerer.store

    @router.get("/search")
    def search_route(
        q: str = Query(..., description="the query"),
        body: str | None = Query(None, description="only this body (case-insensitive substring)"),
        date_from: str | None = Query(None, alias="from", description="YYYY-MM-DD, inclusive"),
        date_to: str | None = Query(None, alias="to", description="YYYY-MM-DD, inclusive"),
        kind: str | None = Query(None, description="passage kind"),
        limit: int = Query(10, ge=1, le=MAX_LIMIT),
        mode: str = Query("hybrid", description=" | ".join(MODES)),
    ) -> dict[str, Any]:
        embedder = answerer.embedder  # the model /ask uses (loaded on first use)
        return views.search_view(
            store,
            q,
            mode=mode,
            limit=limit,
            embedder=embedder,
            **_filters(body, date_from, date_to, kind),
        )

    @router.get("/ask")
    def ask_route(
        q: str = Query(..., description="the question"),
        body: str | None = Query(None),
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        kind: str | None = Query(None, description="only passages of this kind"),
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
    jobs = JobManager(store, settings.data_dir, settings=settings)
    return _Parts(settings, store, own_store, answerer, jobs)


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
        sweep_uploads(parts.settings.data_dir)  # uploads a stopped server left half-received
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
    ui.install(app, parts.store)
    apidocs.install_docs(app)
    return app
