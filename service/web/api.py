"""HTTP API over the store: every route returns the JSON its CLI command prints.

Errors have one shape, ``{"error": {"code": ..., "message": ...}}``, made by one
handler from BoardpapersError subclasses (each carries its HTTP status), and
from the framework's own errors (unknown route, bad parameter) too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.errors import BoardpapersError
from service.query.search import MAX_LIMIT, MODES
from service.store import Store, open_store
from service.web import apidocs, ui, uploads, views
from service.web.jobs import JobManager, sweep_uploads

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
        status, code, message = 500, "internal_error", "internal error"
    return JSONResponse(error_body(code, message), status_code=status)


def create_app(
    data_dir: Path,
    *,
    store: Store | None = None,
    embedder: Any = None,
    warm: bool = True,
    token: str | None = None,
    max_upload_mb: float | None = None,
) -> FastAPI:
    """The API for the store in ``data_dir`` (or an already open ``store``).

    ``token`` (else ``$BOARDPAPERS_TOKEN``) guards the write routes; ``max_upload_mb`` (else
    ``$BOARDPAPERS_MAX_UPLOAD_MB``, else 100) caps uploads: see :mod:`service.web.uploads`.
    """
    own_store = store is None
    the_store: Store = store if store is not None else open_store(Path(data_dir))
    jobs = JobManager(the_store, Path(data_dir))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:  # load the vector index and the model before the first query
            the_store.refresh_vectors(save=False)
            from service.query.search import default_embedder

            (embedder or default_embedder(the_store)).encode(["warm up"])
        sweep_uploads(Path(data_dir))  # uploads a stopped server left half-received
        yield
        jobs.close()
        if own_store:
            the_store.close()

    app = FastAPI(
        title="boardpapers",
        description="Search what UK councils discussed and decided, from their agenda packs.",
        lifespan=lifespan,
        docs_url=None,  # served offline by service.web.apidocs.install_docs
        redoc_url=None,
    )
    app.state.store = the_store
    for exc_type in (BoardpapersError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(exc_type, handle_error)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return views.health(the_store)

    @app.get("/search")
    def search_route(
        q: str = Query(..., description="the query"),
        body: str | None = Query(None, description="only this body (case-insensitive substring)"),
        date_from: str | None = Query(None, alias="from", description="YYYY-MM-DD, inclusive"),
        date_to: str | None = Query(None, alias="to", description="YYYY-MM-DD, inclusive"),
        kind: str | None = Query(None, description="passage kind"),
        limit: int = Query(10, ge=1, le=MAX_LIMIT),
        mode: str = Query("hybrid", description=" | ".join(MODES)),
    ) -> dict[str, Any]:
        return views.search_view(
            the_store,
            q,
            mode=mode,
            body=body,
            date_from=date_from,
            date_to=date_to,
            kind=kind,
            limit=limit,
            embedder=embedder,
        )

    @app.get("/ask")
    def ask_route(
        q: str = Query(..., description="the question"),
        body: str | None = Query(None),
        date_from: str | None = Query(None, alias="from"),
        date_to: str | None = Query(None, alias="to"),
        kind: str | None = Query(None, description="only passages of this kind"),
    ) -> dict[str, Any]:
        return views.ask_view(
            the_store,
            q,
            body=body,
            date_from=date_from,
            date_to=date_to,
            kind=kind,
            embedder=embedder,  # the same model as /search (None: the store's default)
        )

    @app.get("/meetings")
    def meetings_route() -> dict[str, Any]:
        return views.meetings(the_store)

    @app.get("/packs")
    def packs_route() -> dict[str, Any]:
        return views.packs(the_store)

    @app.get("/packs/{pack_id}")
    def pack_route(pack_id: str) -> dict[str, Any]:
        return views.pack(the_store, pack_id)

    @app.get("/packs/{pack_id}/pdf")
    def pack_pdf_route(pack_id: str) -> FileResponse:
        path = the_store.pack_pdf(pack_id)
        return FileResponse(
            path,
            media_type="application/pdf",
            filename=f"{pack_id}.pdf",
            content_disposition_type="inline",  # opens in the browser, at #page=N
        )

    # ---- uploads (POST /packs, GET /jobs/{id}), the web UI and /docs: their own modules
    app.state.jobs = jobs
    app.include_router(uploads.build_router(jobs, token=token, max_upload_mb=max_upload_mb))
    ui.install(app, the_store)
    apidocs.describe(app)
    apidocs.install_docs(app)
    return app
