"""The one exception root of boardpapers, and the errors extraction raises.

Every error the project raises derives from :class:`BoardpapersError`. Each
carries an HTTP status so the API has one handler and one JSON error shape,
and a one-line ``str()`` that names the file and the reason, for the CLI.
The service's own errors (requests, tokens, uploads, the store) derive from it
in :mod:`service.errors`; ``extract/`` knows nothing of HTTP routes.
"""

from __future__ import annotations

from typing import Any


def one_line(exc: BaseException) -> str:
    """The reason an exception gives, on one line (its type's name when it gives none)."""
    if isinstance(exc, BoardpapersError):
        return exc.message or type(exc).__name__
    return " ".join(str(exc).split()) or type(exc).__name__


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
