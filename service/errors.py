"""Service-layer errors: subclasses of the one root, each with its HTTP status."""

from __future__ import annotations

from extract.errors import (
    BadInputError,
    BoardpapersError,
    InvalidRequestError,
    NotFoundError,
    QueryTimeoutError,
    StoreError,
)


class PackNotFoundError(NotFoundError):
    code = "pack_not_found"


__all__ = [
    "BadInputError",
    "BoardpapersError",
    "InvalidRequestError",
    "NotFoundError",
    "PackNotFoundError",
    "QueryTimeoutError",
    "StoreError",
]
