"""Keeping: storage behind one interface (:class:`Store`); the embedded SQLite store is the
default (:mod:`.sqlite`, with :mod:`.vectors` for the dense index and :mod:`.attrs` for
filters). The store imports nothing of indexing, asking or serving: it receives everything it
writes (:class:`PackInput`)."""

from __future__ import annotations

from pathlib import Path

from service.errors import SettingsError
from service.store.base import (
    KINDS,
    AddResult,
    Alert,
    AlertMatch,
    Hit,
    KeywordQuery,
    PackInput,
    PackRecord,
    Passage,
    PassageFilter,
    Store,
    pack_id_for,
)


def open_store(data_dir: Path, *, url: str | None = None, **options: object) -> Store:
    """The store of ``data_dir`` (created if absent): by default its own SQLite file; ``url``
    (the ``store`` setting, :class:`service.config.ServiceSettings`) names another:
    ``sqlite:///PATH`` or ``postgresql://...`` (:mod:`.postgres`; ``data_dir`` then keeps
    only local copies of PDFs and the model files)."""
    from service.store.sqlite import SQLiteStore

    db_path = None
    if url:
        from service.config import ServiceSettings

        settings = ServiceSettings(data_dir=Path(data_dir), store=url)
        if settings.store_scheme == "postgresql":
            try:
                from service.store.postgres import PostgresStore
            except ImportError as exc:  # psycopg is a pinned dependency; a broken install
                raise SettingsError(f"the PostgreSQL store needs psycopg: {exc}") from exc
            return PostgresStore(url, Path(data_dir), **options)  # type: ignore[arg-type]
        db_path = settings.sqlite_path
    return SQLiteStore(Path(data_dir), db_path=db_path, **options)  # type: ignore[arg-type]


__all__ = [
    "AddResult",
    "Alert",
    "AlertMatch",
    "Hit",
    "KINDS",
    "KeywordQuery",
    "PackInput",
    "PackRecord",
    "Passage",
    "PassageFilter",
    "Store",
    "open_store",
    "pack_id_for",
]
