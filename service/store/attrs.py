"""Passage attributes in memory (body, date, kind, pack by passage id) for fast filters.

Filtering a million passages by SQL row lookups costs a random page read per
candidate; these arrays (13 bytes a passage) turn a filter into a numpy mask used
by both rankings: FTS5 rows are kept by a SQL function that reads the mask, and
the vector index searches only the ids the mask selects. Kept in step with the
store like the vector index: new passages have higher ids, removed ones are
logged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from service.store.base import KINDS

# (id, body key, date, kind) or (id, body key, date, kind, pack id)
AttrRow = tuple[int, str | None, str | None, str] | tuple[int, str | None, str | None, str, str]
AttrRows = Callable[[int], Iterator[list[AttrRow]]]
Deletions = Callable[[int], tuple[np.ndarray, int]]

_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
_GONE = -2  # body code of a removed passage: passes no filter


def date_int(value: str | None) -> int:
    """YYYY-MM-DD -> YYYYMMDD (0 when absent or malformed)."""
    if not value or len(value) < 10:
        return 0
    try:
        return int(value[:4]) * 10_000 + int(value[5:7]) * 100 + int(value[8:10])
    except ValueError:
        return 0


class PassageAttributes:
    def __init__(self) -> None:
        self.body = np.zeros(0, dtype=np.int32)  # -1: no body; _GONE: removed
        self.date = np.zeros(0, dtype=np.int32)
        self.kind = np.zeros(0, dtype=np.int8)
        self.present = np.zeros(0, dtype=bool)
        self.pack = np.zeros(0, dtype=np.int32)  # -1: not known
        self.body_codes: dict[str, int] = {}
        self.pack_codes: dict[str, int] = {}
        self.max_id = 0
        self.del_seq = 0
        self.version = 0
        self.loaded = False
        self._lock = threading.Lock()  # held briefly: arrays replaced (grown) or read
        self._sync_lock = threading.Lock()  # one sync at a time

    def sync(
        self, max_id: int, del_seq: int, rows: AttrRows, deletions: Deletions, wait: bool = True
    ) -> None:
        """Bring the arrays up to date. ``wait=False`` (a search's check): when another thread
        is syncing, return at once (the arrays as they are answer meanwhile)."""
        if not self._sync_lock.acquire(blocking=wait or not self.loaded):
            return
        try:
            if self.loaded and self.max_id == max_id and self.del_seq == del_seq:
                return
            ids, last_seq = deletions(self.del_seq)
            for batch in rows(self.max_id):
                self._add(batch)
            self._grow(max_id + 1)
            if len(ids):
                ids = ids[ids < len(self.body)]
                self.body[ids] = _GONE
                self.present[ids] = False
            self.max_id = max(self.max_id, max_id)
            self.del_seq = last_seq
            self.loaded = True
            self.version += 1
        finally:
            self._sync_lock.release()

    def _grow(self, size: int) -> None:
        if size <= len(self.body):
            return
        size = max(size, int(len(self.body) * 1.25))
        grown = {}
        for name, fill in (
            ("body", -1),
            ("date", 0),
            ("kind", -1),
            ("present", False),
            ("pack", -1),
        ):
            old = getattr(self, name)
            grown[name] = np.full(size, fill, dtype=old.dtype)
            grown[name][: len(old)] = old
        with self._lock:  # mask() sees all the old arrays or all the new ones
            for name, new in grown.items():
                setattr(self, name, new)

    def _add(self, batch: Sequence[AttrRow]) -> None:
        if not batch:
            return
        self._grow(batch[-1][0] + 1)
        for row in batch:
            pid, body_key, date, kind = row[:4]
            if len(row) > 4:
                self.pack[pid] = self.pack_codes.setdefault(str(row[4]), len(self.pack_codes))
            if body_key is None:
                code = -1
            else:
                code = self.body_codes.setdefault(body_key, len(self.body_codes))
            self.body[pid] = code
            self.date[pid] = date_int(date)
            self.kind[pid] = _KIND_CODE.get(kind, -1)
            self.present[pid] = True
        self.max_id = max(self.max_id, batch[-1][0])

    def mask(
        self,
        body_keys: Sequence[str] | None,
        date_from: str | None,
        date_to: str | None,
        kind: str | tuple[str, ...] | None,
        packs: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Boolean array by passage id: True where every given condition holds."""
        with self._lock:  # a concurrent sync() replaces the arrays one by one as they grow
            present, body, date, kinds = self.present, self.body, self.date, self.kind
            pack = self.pack
            codes = [self.body_codes[k] for k in body_keys or () if k in self.body_codes]
            pack_codes = [self.pack_codes[p] for p in packs or () if p in self.pack_codes]
            n_packs, n_bodies = len(self.pack_codes), len(self.body_codes)
        m = present.copy()
        if packs is not None:
            m &= _among(pack, pack_codes, n_packs)
        if body_keys is not None:
            m &= _among(body, codes, n_bodies)
        if date_from:
            m &= date >= date_int(date_from)
        if date_to:
            m &= (date <= date_int(date_to)) & (date > 0)
        if isinstance(kind, str):
            m &= kinds == _KIND_CODE.get(kind, -99)
        elif kind:
            m &= _among(kinds, [_KIND_CODE.get(k, -99) for k in kind], len(KINDS))
        return m


FEW_CODES = 8  # up to this many codes are compared one by one; more through a lookup table


def _among(values: np.ndarray, codes: Sequence[int], n_codes: int) -> np.ndarray:
    """``np.isin(values, codes)`` for codes below ``n_codes`` (values below -2 never match):
    each code compared in turn, or many through a lookup table. np.isin took 4-24 ms on a
    million passages for one or two codes (these: 0.1-0.2 ms), ~10 ms for 400 (~6 ms)."""
    if len(codes) <= FEW_CODES:
        out = np.zeros(len(values), dtype=bool)
        for code in dict.fromkeys(codes):
            out |= values == code
        return out
    # index value + 2 (values from -2); a value a concurrent sync added past ``n_codes`` is
    # clipped to the last entry, which no code sets
    table = np.zeros(n_codes + 3, dtype=bool)
    table[[c + 2 for c in codes if -2 <= c < n_codes]] = True
    return np.take(table, values.astype(np.intp) + 2, mode="clip")
