"""The one exception root of boardpapers.

Every error the project raises derives from :class:`BoardpapersError`. Each
carries an HTTP status so the API has one handler and one JSON error shape,
and a one-line ``str()`` that names the file and the reason, for the CLI.
"""

from __future__ import annotations

from typing import Any


class BoardpapersError(Exception):
    status: int = 500
    code: str = "internal_error"

    def __init__(self, message: str, *, source: str | None = None, **detail: Any) -> None:
        self.message = " ".join(message.split())  # always one line
        self.source = source
        self.detail = detail
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.source:
            out["source"] = self.source
        if self.detail:
            out["detail"] = self.detail
        return out


class BadInputError(BoardpapersError):
    """The file cannot be read as a PDF pack (not a PDF, empty, encrypted...)."""

    status = 422
    code = "bad_input"


class SettingsError(BoardpapersError):
    status = 400
    code = "bad_settings"


class NotFoundError(BoardpapersError):
    status = 404
    code = "not_found"


class InvalidRequestError(BoardpapersError):
    status = 400
    code = "invalid_request"


class UnauthorizedError(BoardpapersError):
    status = 401
    code = "unauthorized"


class PayloadTooLargeError(BoardpapersError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaError(BoardpapersError):
    status = 415
    code = "unsupported_media_type"


class QueryTimeoutError(BoardpapersError):
    status = 503
    code = "query_timeout"


class StoreError(BoardpapersError):
    status = 500
    code = "store_error"
