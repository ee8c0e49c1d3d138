"""Storage behind one interface (:class:`Store`); the embedded SQLite store is the default."""

from __future__ import annotations

from pathlib import Path

from service.store.base import (
    AddResult,
    Hit,
    KeywordQuery,
    PackInput,
    PackRecord,
    PassageFilter,
    Store,
    StoredPassage,
    pack_id_for,
)


def open_store(data_dir: Path, **options: object) -> Store:
    """The store in ``data_dir`` (created if absent)."""
    from service.store.sqlite import SQLiteStore

    return SQLiteStore(Path(data_dir), **options)  # type: ignore[arg-type]


__all__ = [
    "AddResult",
    "Hit",
    "KeywordQuery",
    "PackInput",
    "PackRecord",
    "PassageFilter",
    "Store",
    "StoredPassage",
    "open_store",
    "pack_id_for",
]
