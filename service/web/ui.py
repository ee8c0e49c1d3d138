"""The web UI: one HTML shell, plain JS and CSS from ``service/web/static``, no build step.

``GET /`` is the search page, ``GET /meeting/{pack_id}`` a meeting's page and
``GET /promised-updates`` the follow-ups; all serve the same shell and ``static/app.js``
renders them from the JSON routes (``/ask``, ``/search``, ``/meetings``, ``/packs/{id}``,
``/followups``). Nothing is loaded from outside the server: the Content
Security Policy allows this origin only.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from service.errors import NotFoundError
from service.store.base import Store

STATIC_DIR = Path(__file__).resolve().parent / "static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self';"
    " form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


def _shell() -> str:
    """Read per request (a few KB) so an edited page is served without a restart."""
    return (STATIC_DIR / "index.html").read_text(encoding="utf-8")


def _page(status: int = 200) -> HTMLResponse:
    return HTMLResponse(_shell(), status_code=status, headers=HEADERS)


def build_router(store: Store) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def search_page() -> HTMLResponse:
        return _page()

    @router.get("/favicon.ico")
    def favicon() -> FileResponse:  # browsers ask for it, PDF tabs included
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    @router.get("/promised-updates", response_class=HTMLResponse)
    def followups_page() -> HTMLResponse:
        return _page()

    @router.get("/meeting/{pack_id}", response_class=HTMLResponse)
    def meeting_page(pack_id: str) -> HTMLResponse:
        try:
            store.pack_record(pack_id)
        except NotFoundError:
            return _page(404)  # the page itself says the meeting is not indexed
        return _page()

    return router


def install(app: FastAPI, store: Store) -> None:
    """Add the UI routes and ``/static`` to ``app``."""
    app.include_router(build_router(store))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
