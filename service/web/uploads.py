"""Upload routes: ``POST /packs`` (index a PDF in the background) and ``GET /jobs/{id}``.

Safety, in the order a request meets it:

1. ``POST /packs`` needs ``Authorization: Bearer <token>``, the token the server was started
   with (:mod:`service.web.auth`). With no token configured, every write is refused (403
   ``writes_disabled``); a missing or wrong token is 401.
2. The body must be ``multipart/form-data`` (else 415); a declared ``Content-Length`` over the
   limit is refused before anything is read (413).
3. The body is parsed as it streams in (never held in memory) and the ``file`` part is written
   to ``DATA_DIR/uploads/<job id>.part``; past the size limit (``BOARDPAPERS_MAX_UPLOAD_MB``,
   default 100) the request stops with 413, and a file whose first KiB has no ``%PDF-`` magic
   stops with 415. Either way the partial file is deleted.
4. The complete file is renamed ``<job id>.pdf`` (a name the service chose: the client's file
   name is only displayed, never used as a path) and a background job indexes it
   (:mod:`service.web.jobs`). The answer is 202 ``{id, status}``.

The CLI counterpart of ``POST /packs`` is ``boardpapers index FILE``: the job's ``result`` is the
entry ``boardpapers index --json`` prints for the file.
"""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from python_multipart.multipart import MultipartParser, parse_options_header

from service.config import ServiceSettings
from service.errors import (
    BoardpapersError,
    InvalidRequestError,
    PayloadTooLargeError,
    UnsupportedMediaError,
)
from service.web.auth import token_guard, token_responses
from service.web.jobs import JobManager, new_job_id, upload_dir

log = logging.getLogger(__name__)

FIELD = "file"
MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # PDF readers accept the header anywhere in the first KiB
FORM_OVERHEAD = 64 * 1024  # multipart headers and small fields allowed on top of the file
MAX_OTHER_FIELDS = 64 * 1024  # bytes of non-file fields accepted (and ignored)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def display_name(raw: bytes | None) -> str:
    """The client's file name reduced to a printable base name, for display only."""
    text = (raw or b"").decode("utf-8", "replace")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = re.sub(r"[\x00-\x1f\x7f]", "", text).strip()
    return text[:200] or "upload.pdf"


# ------------------------------------------------------------------ streaming


class _FormSink:
    """Callbacks of the streaming multipart parser: the ``file`` part goes to ``out``."""

    def __init__(self, part_path: Path, limit: int) -> None:
        self.part_path = part_path
        self.limit = limit
        self.out: BinaryIO | None = None
        self.size = 0
        self.other = 0
        self.head = b""
        self.checked = False
        self.found = False
        self.filename = "upload.pdf"
        self._writing = False
        self._headers: dict[bytes, bytes] = {}
        self._field = b""
        self._value = b""

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": self.header_field,
            "on_header_value": self.header_value,
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def part_begin(self) -> None:
        self._headers = {}
        self._field = self._value = b""
        self._writing = False

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def header_end(self) -> None:
        self._headers[self._field.strip().lower()] = self._value.strip()
        self._field = self._value = b""

    def headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get(b"content-disposition", b""))
        if params.get(b"name", b"").decode("utf-8", "replace") != FIELD:
            return
        if self.found:
            raise InvalidRequestError(f"send one PDF per upload (one {FIELD!r} field)")
        self.found = True
        self.filename = display_name(params.get(b"filename"))
        self.out = self.part_path.open("xb")  # a fresh name the service chose
        self._writing = True

    def part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if not self._writing:
            self.other += len(chunk)
            if self.other > MAX_OTHER_FIELDS:
                raise PayloadTooLargeError("the form fields besides 'file' are too large")
            return
        self.size += len(chunk)
        if self.size > self.limit:
            raise PayloadTooLargeError(
                f"the upload is larger than the {_mb(self.limit)} limit (BOARDPAPERS_MAX_UPLOAD_MB)"
            )
        if not self.checked:
            self.head = (self.head + chunk)[:MAGIC_WINDOW]
            if len(self.head) >= MAGIC_WINDOW:
                self.check_magic()
        assert self.out is not None
        self.out.write(chunk)

    def part_end(self) -> None:
        if self._writing:
            if not self.checked:
                self.check_magic()
            self._writing = False
            self.close()

    def check_magic(self) -> None:
        self.checked = True
        if MAGIC not in self.head:
            what = "the file is empty" if not self.head else "it has no %PDF- header"
            raise UnsupportedMediaError(f"the upload is not a PDF: {what}")

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None


async def receive_pdf(request: Request, part_path: Path, limit: int) -> tuple[str, int]:
    """Stream the multipart body's ``file`` part to ``part_path``: (client file name, bytes).

    Raises 415/413/400 errors; on any error ``part_path`` does not exist afterwards.
    """
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UnsupportedMediaError(
            f"send the PDF as multipart/form-data in the field {FIELD!r}"
            f" (got {ctype.decode('latin-1') or 'no content type'})"
        )
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + FORM_OVERHEAD:
        raise PayloadTooLargeError(
            f"the upload ({_mb(int(declared))}) is larger than the {_mb(limit)} limit"
            " (BOARDPAPERS_MAX_UPLOAD_MB)"
        )
    sink = _FormSink(part_path, limit)
    parser = MultipartParser(boundary, sink.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
        if not sink.found:
            raise InvalidRequestError(f"the multipart form has no {FIELD!r} field")
        if sink.out is not None:  # the body ended inside the file part
            raise InvalidRequestError("the upload ended before the file was complete")
    except BaseException as exc:
        sink.close()
        part_path.unlink(missing_ok=True)
        if isinstance(exc, BoardpapersError):
            raise
        if isinstance(exc, Exception) and "multipart" in type(exc).__name__.lower():
            raise InvalidRequestError(f"the multipart body is malformed: {exc}") from exc
        raise
    return sink.filename, sink.size


# ------------------------------------------------------------------- routes

JOB_EXAMPLE: dict[str, Any] = {
    "id": "3f9c2a7e5b1d4c8e9a0b6d2f4e8c1a7b",
    "status": "done",
    "progress": 1.0,
    "stage": "done",
    "file": "cabinet-2024-07-08.pdf",
    "size": 1843211,
    "submitted_at": "2024-07-09T10:15:02+00:00",
    "finished_at": "2024-07-09T10:15:19+00:00",
    "pack": "9a41c0d2e3f4b5a6",
    "result": {
        "file": "cabinet-2024-07-08.pdf",
        "status": "indexed",
        "pack": "9a41c0d2e3f4b5a6",
        "passages": 212,
    },
}


def _error_example(code: str, message: str) -> dict[str, Any]:
    return {"application/json": {"example": {"error": {"code": code, "message": message}}}}


UPLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    202: {
        "description": "Accepted: the pack is being indexed; poll `GET /jobs/{id}`.",
        "content": {
            "application/json": {
                "example": {"id": "3f9c2a7e5b1d4c8e9a0b6d2f4e8c1a7b", "status": "queued"}
            }
        },
    },
    400: {
        "description": "The multipart form has no `file` field, or is malformed.",
        "content": _error_example("invalid_request", "the multipart form has no 'file' field"),
    },
    **token_responses("uploads"),
    413: {
        "description": "The file is larger than the upload limit.",
        "content": _error_example(
            "payload_too_large",
            "the upload is larger than the 100 MB limit (BOARDPAPERS_MAX_UPLOAD_MB)",
        ),
    },
    415: {
        "description": "Not multipart/form-data, or the file is not a PDF (no `%PDF-` magic).",
        "content": _error_example(
            "unsupported_media_type", "the upload is not a PDF: it has no %PDF- header"
        ),
    },
}

JOB_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The job's state; `pack` once done, `error` once failed.",
        "content": {
            "application/json": {
                "examples": {
                    "done": {"summary": "indexed", "value": JOB_EXAMPLE},
                    "running": {
                        "summary": "running",
                        "value": {
                            **{k: JOB_EXAMPLE[k] for k in ("id", "file", "size", "submitted_at")},
                            "status": "running",
                            "progress": 0.1,
                            "stage": "extracting and indexing",
                            "finished_at": None,
                        },
                    },
                    "failed": {
                        "summary": "failed (nothing was stored)",
                        "value": {
                            **{k: JOB_EXAMPLE[k] for k in ("id", "file", "size", "submitted_at")},
                            "status": "failed",
                            "progress": 1.0,
                            "stage": "failed",
                            "finished_at": "2024-07-09T10:15:04+00:00",
                            "error": "the file is not a readable PDF",
                        },
                    },
                }
            }
        },
    },
    404: {
        "description": "No such job (ids are forgotten when the server restarts).",
        "content": _error_example("job_not_found", "no job with id '0123'"),
    },
}

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [FIELD],
                    "properties": {
                        FIELD: {
                            "type": "string",
                            "format": "binary",
                            "description": "the agenda pack PDF",
                        }
                    },
                }
            }
        },
    }
}


def build_router(jobs: JobManager, settings: ServiceSettings) -> APIRouter:
    """``POST /packs`` and ``GET /jobs/{id}`` over ``jobs`` (see the module docstring), with
    the token and upload limit of ``settings``."""
    limit = settings.max_upload_bytes
    require_token = token_guard(settings, "uploads")
    router = APIRouter(tags=["uploads"])

    @router.post(
        "/packs",
        status_code=202,
        summary="Upload a pack PDF to index",
        description=(
            "Streams the multipart field `file` to the data dir (size-capped, `%PDF-` magic"
            f" checked; limit {_mb(limit)} on this server, `BOARDPAPERS_MAX_UPLOAD_MB`) and"
            " indexes it in the background, exactly as `boardpapers index FILE`. Needs"
            " `Authorization: Bearer <BOARDPAPERS_TOKEN>`. Answers 202 with the job id; poll"
            " `GET /jobs/{id}`. A file already indexed ends as `done` with the existing pack"
            " (`result.status` = `skipped`); a failed job stores nothing."
        ),
        responses=UPLOAD_RESPONSES,
        openapi_extra=UPLOAD_BODY,
        dependencies=[Depends(require_token)],
    )
    async def upload_pack(request: Request) -> JSONResponse:
        job_id = new_job_id()
        final = jobs.upload_path(job_id)
        part = upload_dir(jobs.data_dir) / f"{job_id}.part"
        filename, size = await receive_pdf(request, part, limit)
        try:
            part.replace(final)
            job = jobs.submit(job_id, filename, size)
        except BaseException:
            part.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                final.unlink(missing_ok=True)
            raise
        return JSONResponse(
            {"id": job.id, "status": job.status},
            status_code=202,
            headers={"Location": f"/jobs/{job.id}"},
        )

    @router.get(
        "/jobs/{job_id}",
        summary="State of an upload job",
        description=(
            "`status` is `queued`, `running`, `done` or `failed`; `progress` runs 0..1 with a"
            " `stage` label. Once done: `pack` (the pack id for `/packs/{id}` and"
            " `/meeting/{id}`) and `result`, the entry `boardpapers index --json` prints for"
            " the file. Once failed: `error`, one line."
        ),
        responses=JOB_RESPONSES,
    )
    def job_state(job_id: str) -> dict[str, Any]:
        return jobs.get(job_id)

    return router
