"""The service's errors: subclasses of the one root (:class:`extract.errors.BoardpapersError`),
each with the HTTP status and code the API answers with (one handler, one JSON shape)."""

from __future__ import annotations

from extract.errors import BadInputError, BoardpapersError, SettingsError, one_line


class NotFoundError(BoardpapersError):
    status = 404
    code = "not_found"


class PackNotFoundError(NotFoundError):
    code = "pack_not_found"


class JobNotFoundError(NotFoundError):
    code = "job_not_found"


class AlertNotFoundError(NotFoundError):
    code = "alert_not_found"


class InvalidRequestError(BoardpapersError):
    status = 400
    code = "invalid_request"


class UnauthorizedError(BoardpapersError):
    status = 401
    code = "unauthorized"


class WritesDisabledError(BoardpapersError):
    status = 403
    code = "writes_disabled"


class PayloadTooLargeError(BoardpapersError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaError(BoardpapersError):
    status = 415
    code = "unsupported_media_type"


class QueryTimeoutError(BoardpapersError):
    status = 503
    code = "query_timeout"


class ShuttingDownError(BoardpapersError):
    status = 503
    code = "shutting_down"


class StoreError(BoardpapersError):
    status = 500
    code = "store_error"


class EmbeddingError(BoardpapersError):
    status = 500
    code = "embedding_error"


__all__ = [
    "AlertNotFoundError",
    "BadInputError",
    "BoardpapersError",
    "EmbeddingError",
    "InvalidRequestError",
    "JobNotFoundError",
    "NotFoundError",
    "PackNotFoundError",
    "PayloadTooLargeError",
    "QueryTimeoutError",
    "SettingsError",
    "ShuttingDownError",
    "StoreError",
    "UnauthorizedError",
    "UnsupportedMediaError",
    "WritesDisabledError",
    "one_line",
]
