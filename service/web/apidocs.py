"""OpenAPI for every route: summaries, descriptions and response examples, and ``/docs``.

``describe(router)`` fills in the summary, description and example responses (success and
the one error shape) of the read routes defined in :mod:`service.web.api`; the upload routes carry
their own (:mod:`service.web.uploads`). ``install_schema(app)`` makes ``/openapi.json`` say
what the API does: the shape of every answer (:mod:`.shapes`), every status a route can
answer with (400 for a bad parameter, not the framework's 422; 500 with the error shape),
CSV beside JSON for the list routes, and that an upload's ``file`` is a PDF.
``install_docs(app)`` serves Swagger UI at ``/docs`` from the ``swagger-ui-py`` package's
files (the network may be closed: no CDN), falling back to FastAPI's CDN page only when that
package is absent.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles

from service.web import shapes

ASSETS = "/docs-assets"

_PACK = "24b79cddb734333b"
_RESULT = {
    "rank": 1,
    "score": 0.032787,
    "text": "That Cabinet approve the closure of the six youth centres listed in Table 1"
    " with effect from 31 August 2024.",
    "kind": "recommendation",
    "body": "Children's Services Scrutiny Committee",
    "meeting_date": "2024-04-22",
    "agenda_item": "6",
    "item_title": "Youth Service Review: Proposed Changes to Council-run Youth Centres",
    "pack": "7103b40fbe32ea4e",
    "page": 7,
}
_ANSWER = {
    "meeting_date": "2024-04-22",
    "body": "Children's Services Scrutiny Committee",
    "agenda_item": "3",
    "item_title": "37. YOUTH SERVICE REVIEW: PROPOSED CHANGES TO COUNCIL-RUN YOUTH CENTRES",
    "text": "That the Committee support the recommendations to Cabinet, subject to Cabinet"
    " being asked to ensure that no youth centre closes until any viable community asset"
    " transfer proposal for that building has been considered.",
    "kind": "resolution",
    "pack": _PACK,
    "page": 4,
    "pdf_url": f"/packs/{_PACK}/pdf#page=4",
}
_MEETING = {
    "pack": _PACK,
    "source": "borsetshire-childrens-services-scrutiny-2024-07-08.pdf",
    "council": "Borsetshire County Council",
    "body": "Children's Services Scrutiny Committee",
    "date": "2024-07-08",
    "time": "14:00",
    "place": "Council Chamber, County Hall, Felpersham",
    "minutes_of": ["2024-04-22"],
    "counts": {
        "agenda_items": 8,
        "documents": 4,
        "minutes": 1,
        "reports": 3,
        "resolutions": 5,
        "recommendations": 4,
        "pages": 16,
        "passages": 64,
    },
}
_PACK_RECORD = {
    "id": _PACK,
    "sha256": _PACK + "c4f0" * 12,
    "source": "borsetshire-childrens-services-scrutiny-2024-07-08.pdf",
    "council": "Borsetshire County Council",
    "body": "Children's Services Scrutiny Committee",
    "meeting_date": "2024-07-08",
    "status": "success",
    "page_count": 16,
    "passages": 64,
    "indexed_at": "2024-07-09T10:15:19+00:00",
}


def _json(example: Any, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"example": example}}}


def _error(code: str, message: str, description: str) -> dict[str, Any]:
    return _json({"error": {"code": code, "message": message}}, description)


_BAD = _error(
    "invalid_request", "from: dates are YYYY-MM-DD, not 'last tuesday'", "A bad parameter."
)
_TIMEOUT = _error(
    "query_timeout", "query took longer than 2.00s", "The store's time limit was reached."
)
_NO_PACK = _error("pack_not_found", "no pack with id '0123456789abcdef'", "No such pack.")

ROUTES: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/healthz"): {
        "summary": "Health and size of the store",
        "description": "`status` is `ok` when the store answers; with the number of packs and"
        " passages indexed. CLI: `boardpapers status --json`.",
        "responses": {200: _json({"status": "ok", "packs": 3, "passages": 187}, "The store.")},
    },
    ("GET", "/search"): {
        "summary": "Search passages (hybrid keyword + semantic)",
        "description": "Ranks passages (agenda items, minutes, resolutions, recommendations,"
        " report sections, pages) for `q`: BM25 and dense similarity fused, exact phrases and"
        " references first. Filters: `body` (substring), `from`/`to` (YYYY-MM-DD), `kind`."
        " `facets` counts the passages the search matches (with the largest `limit`, above"
        " its relevance floor) by body, year and kind. `format=csv` downloads the results"
        " as CSV. CLI: `boardpapers search Q --json` (`--format csv`).",
        "responses": {
            200: _json(
                {
                    "query": "youth centres",
                    "results": [_RESULT],
                    "facets": {
                        "body": [{"value": _RESULT["body"], "count": 12}],
                        "year": [{"value": "2024", "count": 12}],
                        "kind": [
                            {"value": "report", "count": 7},
                            {"value": "recommendation", "count": 5},
                        ],
                    },
                },
                "Ranked passages, and their counts by body, year and kind.",
            ),
            400: _BAD,
            503: _TIMEOUT,
        },
    },
    ("GET", "/ask"): {
        "summary": "Answer a question, with its timeline and evidence",
        "description": "Understands the question (when last / what was decided / how many /"
        " who / topic), answers with the meeting date, body, item and the verbatim resolution"
        " or recommendation, and `pdf_url` opening the pack at that page; `answer` is null"
        " when nothing relevant is indexed. `timeline` lists every meeting where the topic"
        " came up (newest first); `results` the ranked evidence. `partial` is true when a"
        " ranking was skipped for its time limit (a loaded server; `notes` says which): the"
        " answer is from the rankings that ran. CLI: `boardpapers ask Q --json`.",
        "responses": {
            200: _json(
                {
                    "question": "What did the committee decide about the youth centre closures?",
                    "understood": {
                        "intent": "decision",
                        "topic": "youth centre closures",
                        "body": None,
                        "role": None,
                    },
                    "answer": _ANSWER,
                    "timeline": [
                        {
                            "meeting_date": "2024-04-22",
                            "body": "Children's Services Scrutiny Committee",
                            "item_title": _ANSWER["item_title"],
                            "pack": _PACK,
                            "page": 4,
                        }
                    ],
                    "results": [_RESULT],
                    "partial": False,
                },
                "The answer (or null), the timeline and the evidence.",
            ),
            400: _BAD,
            503: _TIMEOUT,
        },
    },
    ("GET", "/meetings"): {
        "summary": "List indexed meetings",
        "description": "One entry per pack: council, body, date, time, place, the dates of any"
        " minutes it prints, and counts. `format=csv` downloads them as CSV (`counts.*`"
        " columns). CLI: `boardpapers meetings --json` (`--format csv`).",
        "responses": {200: _json({"meetings": [_MEETING]}, "Meetings, newest first.")},
    },
    ("GET", "/packs"): {
        "summary": "List indexed packs",
        "description": "Every stored pack with its id (first 16 hex digits of the file's"
        " sha256), source file name, meeting and size. `format=csv` downloads them as CSV."
        " CLI: `boardpapers packs --json` (`--format csv`).",
        "responses": {200: _json({"packs": [_PACK_RECORD]}, "Packs, newest meeting first.")},
    },
    ("GET", "/packs/{pack_id}"): {
        "summary": "One pack's structured record (Pack JSON)",
        "description": "The meeting, agenda, documents, minutes (attendance, items,"
        " resolutions), reports (recommendations, sections), entities, figures and tables, with"
        " physical page numbers. CLI: `boardpapers packs ID`.",
        "responses": {
            200: _json(
                {
                    "source": _PACK_RECORD["source"],
                    "sha256": _PACK_RECORD["sha256"],
                    "page_count": 16,
                    "meeting": {
                        k: _MEETING[k] for k in ("council", "body", "date", "time", "place")
                    },
                    "agenda": [
                        {
                            "number": "6",
                            "title": "FOSTER CARER RECRUITMENT AND RETENTION: SIX-MONTH UPDATE",
                            "description": "To receive an update from the Director of"
                            " Children's Services.",
                            "pages": [7, 10],
                        }
                    ],
                    "figures": [
                        {
                            "text": "£2.9m",
                            "value": 2900000.0,
                            "unit": "GBP",
                            "about": "running cost",
                            "page": 4,
                            "agenda_item": "3",
                        }
                    ],
                    "...": "documents, minutes, reports, entities, tables, pages",
                },
                "The Pack JSON (abridged here).",
            ),
            404: _NO_PACK,
        },
    },
    ("GET", "/packs/{pack_id}/figures"): {
        "summary": "A meeting's figures",
        "description": "The figures quoted in the pack (money, percentages, counts, with what"
        " they are about, their sentence and page), in page order: those whose `about` says"
        " what they measure, or every one with `all=true`; `total` and `omitted` say how many"
        " there are and how many were left out. `format=csv` downloads them as CSV. CLI:"
        " `boardpapers figures ID --json` (`--all`, `--format csv`).",
        "responses": {
            200: _json(
                {
                    "pack": _PACK,
                    "figures": [
                        {
                            "text": "£2.9m",
                            "value": 2900000.0,
                            "unit": "GBP",
                            "about": "running cost",
                            "context": "The six centres cost £2.9m a year to run.",
                            "page": 4,
                            "agenda_item": "3",
                            "period": None,
                            "value_max": None,
                            "per": None,
                        }
                    ],
                    "total": 49,
                    "omitted": 3,
                },
                "The figures.",
            ),
            404: _NO_PACK,
        },
    },
    ("GET", "/followups"): {
        "summary": "Promised updates and whether they were kept",
        "description": 'Every commitment found in the indexed minutes and reports ("a further'
        ' update to the Committee in January 2025") with its `status`: `met` (a later meeting'
        " of the same body, or of the body it was addressed to, took an item on the topic:"
        " `met_by` cites it), `overdue` (its due date has passed: a meeting of the body on or"
        " after it is indexed, and no such item), `due` (not yet due by the latest indexed"
        " meeting of the body, `checked_until`), `open` (no due date). Filters: `body`"
        " (substring), `status`, `from`/`to` (the meeting the promise was made at)."
        " `format=csv` downloads them as CSV (`met_by.*` columns). CLI: `boardpapers"
        " followups --json` (`--format csv`).",
        "responses": {
            200: _json(
                {
                    "followups": [
                        {
                            "id": 7,
                            "status": "met",
                            "text": "That the Committee support the proposed refresh of the"
                            " Foster for Borsetshire campaign and receive a further update on"
                            " its impact at its meeting in July 2024.",
                            "body": "Children's Services Scrutiny Committee",
                            "meeting_date": "2024-01-15",
                            "due": "2024-07",
                            "due_text": "July 2024",
                            "to_body": "Children's Services Scrutiny Committee",
                            "by": None,
                            "source_kind": "recommendation",
                            "pack": "0a5d5fb1d36e9d2f",
                            "agenda_item": "6",
                            "minute_item": None,
                            "item_title": "Foster Carer Recruitment and Retention",
                            "page": 7,
                            "pdf": "/packs/0a5d5fb1d36e9d2f/pdf#page=7",
                            "checked_until": "2024-07-08",
                            "met_by": {
                                "pack": _PACK,
                                "meeting_date": "2024-07-08",
                                "body": "Children's Services Scrutiny Committee",
                                "agenda_item": "6",
                                "item_title": "FOSTER CARER RECRUITMENT AND RETENTION:"
                                " SIX-MONTH UPDATE",
                                "kind": "agenda",
                                "page": 2,
                                "text": "To receive an update from the Director of"
                                " Children's Services on the recruitment and retention of"
                                " foster carers.",
                                "pdf": f"/packs/{_PACK}/pdf#page=2",
                            },
                        }
                    ],
                    "counts": {"met": 1, "due": 0, "overdue": 0, "open": 0},
                    "filters": {"body": None, "status": None, "from": None, "to": None},
                    "method": "stand-in: ...",
                },
                "Follow-ups, oldest promise first, with counts by status.",
            ),
            400: _BAD,
            503: _TIMEOUT,
        },
    },
    ("GET", "/packs/{pack_id}/pdf"): {
        "summary": "The pack's PDF",
        "description": "The stored copy of the indexed PDF, served inline: append `#page=N` to"
        " open it at a page (answers carry such a `pdf_url`). CLI: `boardpapers packs ID --pdf"
        " OUT`.",
        "responses": {
            200: {
                "description": "The PDF.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            },
            404: _NO_PACK,
        },
    },
}


def describe(target: FastAPI | APIRouter) -> None:
    """Fill in summary, description and example responses of the routes in :data:`ROUTES`
    declared on ``target`` (a router before it is included: an app lists the routes of its
    included routers lazily, not in ``app.routes``)."""
    for route in target.routes:
        if not isinstance(route, APIRoute):
            continue
        for method in route.methods or ():
            doc = ROUTES.get((method, route.path))
            if doc is None:
                continue
            route.tags = route.tags or ["read"]
            route.summary = route.summary or doc["summary"]
            route.description = route.description or doc["description"]
            route.responses = {**doc["responses"], **(route.responses or {})}
    if isinstance(target, FastAPI):
        target.openapi_schema = None  # rebuilt on the next request


_LISTS = {  # routes whose answer is a list, downloadable as CSV
    "/search",
    "/meetings",
    "/packs",
    "/packs/{pack_id}/figures",
    "/alerts",
    "/followups",
}
_INTERNAL = _error("internal_error", "internal error", "An unexpected failure (logged).")


def _invalid(op: dict[str, Any]) -> dict[str, Any]:
    """The 400 of an operation that takes query parameters or a body, with an example."""
    names = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
    message = f"{names[-1]}: this value is not allowed here" if names else "invalid request"
    return _error("invalid_request", message, "A bad parameter.")


# OpenAPI links: where a success names the id another route takes (clients and
# schemathesis' stateful phase follow them). Only from JSON-only answers: a list route may
# answer CSV, from which no id can be read by JSON pointer.
LINKS: dict[tuple[str, str], dict[str, tuple[str, str]]] = {
    ("POST", "/packs"): {"job": ("GET /jobs/{job_id}", "$response.body#/id")},
    ("POST", "/alerts"): {
        "alert": ("GET /alerts/{alert_id}", "$response.body#/id"),
        "feed": ("GET /alerts/{alert_id}/feed", "$response.body#/id"),
        "remove": ("DELETE /alerts/{alert_id}", "$response.body#/id"),
    },
    ("GET", "/packs/{pack_id}"): {
        "figures": ("GET /packs/{pack_id}/figures", "$request.path.pack_id"),
        "pdf": ("GET /packs/{pack_id}/pdf", "$request.path.pack_id"),
    },
}
# an example of each path parameter (a pack of the sample corpus: `make run` indexes it)
PATH_EXAMPLES = {"pack_id": _PACK}


def _links(method: str, path: str) -> dict[str, Any]:
    out = {}
    for name, (target, value) in LINKS.get((method.upper(), path), {}).items():
        target_method, target_path = target.split(" ", 1)
        param = re.findall(r"\{(\w+)\}", target_path)[-1]
        out[name] = {
            "operationRef": "#/paths/"
            + target_path.replace("~", "~0").replace("/", "~1")
            + "/"
            + target_method.lower(),
            "parameters": {param: value},
        }
    return out


def _with_error_schema(response: dict[str, Any]) -> None:
    content = response.setdefault("content", {}).setdefault("application/json", {})
    content["schema"] = shapes.ref("Error")


def _complete_operation(method: str, path: str, op: dict[str, Any]) -> None:
    """One operation as the API answers it (see the module docstring)."""
    responses: dict[str, Any] = op.setdefault("responses", {})
    responses.pop("422", None)  # bad parameters are 400 in the one error shape
    if op.get("requestBody") or any(p.get("in") == "query" for p in op.get("parameters", [])):
        responses.setdefault("400", _invalid(op))  # a path parameter alone is never malformed
    responses.setdefault("500", _INTERNAL)
    for status, response in responses.items():
        if status.startswith(("4", "5")):
            _with_error_schema(response)
    ok = next((s for s in responses if s.startswith("2")), None)
    name = shapes.SUCCESS.get((method.upper(), path))
    if ok is not None and name is not None:
        content = responses[ok].setdefault("content", {})
        content.setdefault("application/json", {})["schema"] = shapes.ref(name)
        links = _links(method, path)
        if links:
            responses[ok]["links"] = links
        if path in _LISTS and method.upper() == "GET":
            content["text/csv"] = {
                "schema": {"type": "string"},
                "example": "rank,score,meeting_date,body,kind,...\r\n",
            }
    for param in op.get("parameters", []):
        if param.get("in") == "path" and param["name"] in PATH_EXAMPLES:
            param.setdefault("example", PATH_EXAMPLES[param["name"]])
    body = op.get("requestBody", {}).get("content", {}).get("multipart/form-data")
    if body is not None:  # the upload: its file must be a PDF (else 415)
        body.setdefault("encoding", {})["file"] = {"contentType": "application/pdf"}


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    """The framework's OpenAPI made to say what the API does (see the module docstring)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    components.update(shapes.SCHEMAS)
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            _complete_operation(method, path, op)
    return schema


def install_schema(app: FastAPI) -> None:
    """``/openapi.json`` built once, then completed by :func:`complete`."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def swagger_ui_dir() -> Path | None:
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "static"
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def install_docs(app: FastAPI, path: str = "/docs") -> None:
    """Swagger UI at ``path``, from local files when ``swagger-ui-py`` is installed."""
    assets = swagger_ui_dir()
    openapi_url = app.openapi_url or "/openapi.json"
    title = f"{app.title} API"
    if assets is not None:
        app.mount(ASSETS, StaticFiles(directory=assets), name="docs-assets")

    @app.get(path, include_in_schema=False)
    def swagger_docs() -> HTMLResponse:
        if assets is None:  # pragma: no cover - swagger-ui-py is a dependency
            return get_swagger_ui_html(openapi_url=openapi_url, title=title)
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=title,
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )
