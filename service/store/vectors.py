"""The dense index: a faiss index over the stored vectors, cached on disk, kept in step lazily.

The source of truth is the store (float16 blobs). This module builds and loads a
faiss index from it and applies what changed since (added passages have higher
ids; removed ones are logged with a sequence number), so a stale cache costs an
incremental update, not a rebuild.

* up to ``FLAT_MAX`` vectors: exact inner product (``IndexFlatIP`` in an id map);
* beyond: ``IndexIVFScalarQuantizer`` with 8-bit codes (384 bytes a vector, so
  1M passages take ~0.4 GB), ``nprobe`` lists probed per query. It is retrained
  when the store has grown ``RETRAIN_GROWTH`` times past its training size.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

FLAT_MAX = 50_000
RETRAIN_GROWTH = 8
NPROBE = 32
TRAIN_MAX = 100_000

VectorBatches = Callable[[int], Iterator[tuple[np.ndarray, np.ndarray]]]  # after_id -> (ids, vecs)
Deletions = Callable[[int], tuple[np.ndarray, int]]  # after_seq -> (ids, last_seq)


def _left_by_dead_process(name: str) -> bool:
    """Whether a temp file (``vectors.<...>.<pid>.<faiss|json>.tmp``) belongs to no running
    process: one killed while saving leaves it, and no later save would otherwise remove it."""
    found = re.search(r"\.(\d+)\.(?:faiss|json)\.tmp$", name)
    if found is None:
        return False
    try:
        os.kill(int(found[1]), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return False
    return False


@dataclass(slots=True)
class IndexState:
    kind: str  # "flat" | "ivf"
    dim: int
    max_id: int  # highest passage id added
    del_seq: int  # last deletion applied
    trained_n: int  # vectors present when the index was (re)built
    file: str = ""


@dataclass(slots=True)
class SourceState:
    """What the store holds now."""

    count: int
    max_id: int  # high-water mark of passage ids ever issued
    del_seq: int


class _ReadWriteLock:
    """Many readers at once, or one writer: dense searches share the index, an update in
    place takes it alone (briefly)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class VectorIndex:
    """Thread-safe wrapper: one faiss index, synced from the store on demand.

    Searches run side by side (a shared lock). A sync runs one at a time (its own lock): a
    rebuild is made off to the side while searches go on with the old index, then swapped
    in; only a small in-place update (the vectors one pack added or removed) holds searches
    back, for as long as it takes."""

    def __init__(self, directory: Path, dim: int) -> None:
        self.directory = directory
        self.dim = dim
        self._index: Any = None
        self._state: IndexState | None = None
        self._sync_lock = threading.Lock()
        self._rw = _ReadWriteLock()
        self._loaded_from_disk = False

    # ----------------------------------------------------------------- public
    @property
    def state(self) -> IndexState | None:
        return self._state

    def sync(
        self,
        source: SourceState,
        batches: VectorBatches,
        deletions: Deletions,
        *,
        save: bool,
        wait: bool = True,
    ) -> bool:
        """Make the index match ``source``. Returns True if anything changed. ``wait=False``
        (a search's check): when another thread is syncing, return at once and search the
        index as it is."""
        if not self._sync_lock.acquire(blocking=wait or self._state is None):
            return False  # another thread is bringing it up to date: search what there is
        try:
            if self._index is None and not self._loaded_from_disk:
                self._load()
            st = self._state
            if st is not None and st.max_id == source.max_id and st.del_seq == source.del_seq:
                return False
            if self._index is None or st is None or self._needs_rebuild(st, source):
                index, state = self._build(source, batches, deletions)  # off the search lock
                with self._rw.writing():
                    self._index, self._state = index, state
            else:
                with self._rw.writing():
                    self._apply(st, batches, deletions)
                    st.max_id = max(st.max_id, source.max_id)
            if save:
                self._save()
            return True
        finally:
            self._sync_lock.release()

    def search(
        self, vector: np.ndarray, k: int, mask: np.ndarray | None = None, nprobe: int = NPROBE
    ) -> tuple[np.ndarray, np.ndarray]:
        """(ids, scores) best first; ``mask`` (bool by id) restricts the ids searched;
        ``nprobe``: lists probed by an IVF index."""
        import faiss

        with self._rw.reading():
            faiss.omp_set_num_threads(1)  # one query: threads only add contention
            index = self._index
            if index is None or k <= 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            q = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
            k = min(k, max(1, int(index.ntotal)))  # type: ignore[attr-defined]
            params: Any
            if self._state is not None and self._state.kind == "ivf":
                params = faiss.SearchParametersIVF()
                params.nprobe = nprobe
            else:
                params = faiss.SearchParameters()
            if mask is not None:  # the bitmap must outlive the search call
                bitmap = np.packbits(mask, bitorder="little")
                params.sel = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bitmap))
            scores, ids = index.search(q, k, params=params)
            keep = ids[0] >= 0
            return ids[0][keep], scores[0][keep]

    @property
    def size(self) -> int:
        return int(self._index.ntotal) if self._index is not None else 0  # type: ignore[attr-defined]

    # ---------------------------------------------------------------- private
    def _needs_rebuild(self, st: IndexState, source: SourceState) -> bool:
        if st.dim != self.dim:
            return True
        if st.kind == "flat":
            return source.count > FLAT_MAX
        return source.count > RETRAIN_GROWTH * max(st.trained_n, 1)

    def _build(
        self, source: SourceState, batches: VectorBatches, deletions: Deletions
    ) -> tuple[Any, IndexState]:
        """A new index of everything the store holds (the current one is left alone)."""
        import faiss

        faiss.omp_set_num_threads(os.cpu_count() or 1)

        _, last_seq = deletions(0)
        index: Any
        if source.count <= FLAT_MAX:
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dim))
            kind = "flat"
            max_id = self._add_all(index, batches, 0)
        else:
            nlist = int(min(4096, max(256, round(math.sqrt(source.count)))))
            quantizer = faiss.IndexFlatIP(self.dim)
            index = faiss.IndexIVFScalarQuantizer(
                quantizer,
                self.dim,
                nlist,
                faiss.ScalarQuantizer.QT_8bit,
                faiss.METRIC_INNER_PRODUCT,
            )
            index.train(
                self._sample(batches, source.count, min(TRAIN_MAX, max(nlist * 40, 20_000)))
            )
            kind = "ivf"
            max_id = self._add_all(index, batches, 0)
        state = IndexState(
            kind=kind,
            dim=self.dim,
            max_id=max(max_id, source.max_id),
            del_seq=last_seq,
            trained_n=source.count,
        )
        return index, state

    def _apply(self, st: IndexState, batches: VectorBatches, deletions: Deletions) -> None:
        import faiss

        index = self._index
        ids, last_seq = deletions(st.del_seq)
        if len(ids):
            index.remove_ids(faiss.IDSelectorBatch(ids.astype(np.int64)))  # type: ignore[attr-defined]
        max_id = self._add_all(index, batches, st.max_id)
        st.max_id = max(st.max_id, max_id)
        st.del_seq = last_seq

    @staticmethod
    def _add_all(index: Any, batches: VectorBatches, after_id: int) -> int:
        max_id = after_id
        for ids, vecs in batches(after_id):
            if not len(ids):
                continue
            index.add_with_ids(  # type: ignore[attr-defined]
                np.ascontiguousarray(vecs, dtype=np.float32), ids.astype(np.int64)
            )
            max_id = max(max_id, int(ids.max()))
        return max_id

    @staticmethod
    def _sample(batches: VectorBatches, count: int, want: int) -> np.ndarray:
        """An evenly spread training sample without holding every vector in memory."""
        step = max(1, count // want)
        parts: list[np.ndarray] = []
        offset = 0
        for _ids, vecs in batches(0):
            first = (-offset) % step
            parts.append(np.asarray(vecs[first::step], dtype=np.float32))
            offset += len(vecs)
        return np.ascontiguousarray(np.concatenate(parts)[:want] if parts else np.zeros((0, 1)))

    # ------------------------------------------------------------ persistence
    def _state_path(self) -> Path:
        return self.directory / "vectors.json"

    def _load(self) -> None:
        import faiss

        self._loaded_from_disk = True
        try:
            raw = json.loads(self._state_path().read_text())
            state = IndexState(**raw)
            path = self.directory / state.file
            if state.dim != self.dim or not path.exists():
                return
            self._index = faiss.read_index(str(path))
            self._state = state
        except (OSError, ValueError, TypeError, RuntimeError) as exc:
            if not isinstance(exc, FileNotFoundError):
                log.warning("the cached vector index is unreadable (%s); rebuilding it", exc)
            self._index = None
            self._state = None

    def _save(self) -> None:
        import faiss

        if self._index is None or self._state is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        st = self._state
        name = f"vectors.{st.kind}.{st.max_id}.{st.del_seq}.{os.getpid()}.faiss"
        tmp = self.directory / (name + ".tmp")
        faiss.write_index(self._index, str(tmp))
        tmp.replace(self.directory / name)
        st.file = name
        state_tmp = self.directory / f"vectors.{os.getpid()}.json.tmp"  # one per process
        state_tmp.write_text(json.dumps(asdict(st)))
        state_tmp.replace(self._state_path())
        for old in self.directory.glob("vectors.*.faiss"):
            if old.name != name:
                old.unlink(missing_ok=True)
        for tmp_file in self.directory.glob("vectors.*.tmp"):
            if _left_by_dead_process(tmp_file.name):  # killed while saving
                tmp_file.unlink(missing_ok=True)
