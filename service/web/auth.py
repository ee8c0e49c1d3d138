"""The bearer token of write routes (``POST /packs``, ``POST /alerts``, ``DELETE /alerts/{id}``).

Every write needs ``Authorization: Bearer <token>``, the token the server was started with
(the ``token`` setting: ``BOARDPAPERS_TOKEN`` or ``create_app(token=...)``). With no token
configured every write is refused (403 ``writes_disabled``); a missing or wrong token is 401.
The comparison takes the same time whatever the token given.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.config import ServiceSettings
from service.errors import UnauthorizedError, WritesDisabledError


def _error_example(code: str, message: str) -> dict[str, Any]:
    return {"application/json": {"example": {"error": {"code": code, "message": message}}}}


def token_responses(what: str) -> dict[int | str, dict[str, Any]]:
    """The 401 and 403 of a write route, for its OpenAPI."""
    return {
        401: {
            "description": "Missing or wrong bearer token.",
            "content": _error_example(
                "unauthorized", "this route needs the header 'Authorization: Bearer <token>'"
            ),
        },
        403: {
            "description": "Writes are disabled: the server was started without a token.",
            "content": _error_example(
                "writes_disabled",
                f"{what} are disabled: the write token is not configured (start the server"
                " with BOARDPAPERS_TOKEN set)",
            ),
        },
    }


def token_guard(settings: ServiceSettings, what: str) -> Callable[..., None]:
    """A dependency refusing a request without the server's write token; ``what`` names the
    writes in the 403 ("uploads", "saved searches")."""
    write_token = settings.token
    bearer = HTTPBearer(auto_error=False, description="the server's BOARDPAPERS_TOKEN")

    def require_token(
        creds: HTTPAuthorizationCredentials | None = Depends(bearer),  # noqa: B008
    ) -> None:
        if write_token is None:
            raise WritesDisabledError(
                f"{what} are disabled: the write token is not configured (start the server"
                " with BOARDPAPERS_TOKEN set)"
            )
        given = creds.credentials if creds is not None else ""
        if not given:
            raise UnauthorizedError(
                "this route needs the header 'Authorization: Bearer <token>'"
                " (the BOARDPAPERS_TOKEN the server was started with)"
            )
        if not hmac.compare_digest(given.encode(), write_token.encode()):
            raise UnauthorizedError("the bearer token is wrong")

    return require_token
