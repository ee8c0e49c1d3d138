"""The pooled indexing run: worker processes that structure, enrich and embed.

With ``workers`` > 0, that many worker processes (one thread each, so the cores are
never oversubscribed) take three kinds of task: a pack's STRUCTURE
(:func:`extract.structure_pack`: pages, layout, structure; no spaCy), its ENRICHMENT
(:func:`extract.enrich_pack`: spaCy entities, figures, tables) and the EMBEDDING of a chunk of
passages (``EMBED_CHUNK`` texts). Passages come from structure alone, so their embedding
starts as soon as a pack is structured, beside its enrichment. Worker 0 prefers enrichment
and the others structure and embedding, so on a small batch only one worker pays for loading
spaCy; any worker takes any task rather than idle. The indexer builds passages and stores
each pack (one transaction) once enriched and embedded.

A worker that dies on a task (a PDF that crashes pdfium, say) is replaced; the task is
tried once more, then the file fails with a reason.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from extract import ExtractResult, ExtractSettings, enrich_pack, structure_pack
from extract.model import ErrorItem
from extract.pipeline import add_errors
from service.errors import one_line
from service.index.batch import FileOutcome, PackJob, RunVectors

if TYPE_CHECKING:
    from service.index.embed import PassageModel
    from service.index.indexer import Indexer

log = logging.getLogger(__name__)

EMBED_CHUNK = 16  # passages per task: small enough to balance the cores at the end
MAX_OPEN = 4  # packs structured but not yet stored, at most: bounds memory, finishes packs early
CRASH_RETRIES = 1  # a task whose worker died is tried this many more times
PARENT_POLL_S = 0.5  # how often a worker checks that the indexer still runs

# What a worker runs for each kind of task (module attributes, looked up when a task starts).
structure_task: Callable[[str, ExtractSettings], ExtractResult] = structure_pack
enrich_task: Callable[[ExtractResult, ExtractSettings], ExtractResult] = enrich_pack


def _init_worker(parent: int, allow_torch: bool = False) -> None:
    """Worker initializer.

    * Exit when the indexing process is gone (killed, even by SIGKILL). Without this,
      workers of a killed batch finish their file (OCR can take minutes), then wait forever
      for work that never comes.
    * Keep torch out unless the passage model is torch: thinc (under spaCy) imports it
      whenever it is installed, ~1 s of CPU and ~180 MB per worker, for nothing. (The
      torch-bf16 passage model lets it back in when the worker first embeds.)
    """
    if not allow_torch:
        sys.modules.setdefault("torch", None)  # type: ignore[arg-type]
    atexit.register(_exit_at_once)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="boardpapers-parent-watch", daemon=True).start()


def _exit_at_once() -> None:
    """A worker's last act: its results are sent (synchronously) and nothing it holds needs
    finalising, so it leaves without tearing down spaCy and torch module by module (~0.5 s
    a worker, which the indexing process would wait for)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)


def embed_chunk(model: PassageModel, texts: list[str]) -> np.ndarray:
    """Runs in a worker process: the model is loaded once per worker."""
    from service.index.embed import embed_passages

    return np.asarray(embed_passages(model, texts), dtype=np.float32)


@dataclass(slots=True, eq=False)
class _Task:
    kind: str  # "structure" | "enrich" | "embed"
    path: Path | None = None  # structure
    job: PackJob | None = None  # enrich
    keys: list[bytes] = field(default_factory=list)  # embed
    texts: list[str] = field(default_factory=list)
    crashes: int = 0


class _Slot:
    """One worker process, in a pool of its own: a task goes to the worker chosen for it."""

    def __init__(self, initargs: tuple[Any, ...]) -> None:
        self.initargs = initargs
        self.pool: ProcessPoolExecutor | None = None
        self.task: _Task | None = None
        self.future: Future[Any] | None = None

    def start(self, task: _Task, fn: Callable[..., Any], *args: Any) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=self.initargs,
            )
        self.task, self.future = task, self.pool.submit(fn, *args)

    def finish(self) -> _Task:
        task = self.task
        assert task is not None
        self.task = self.future = None
        return task

    def replace(self) -> None:
        """The worker died: a fresh one on the next task."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class Scheduler:
    """The pooled run: hands each idle worker the task it suits best, never idling one
    while there is work (see the module docstring)."""

    def __init__(
        self,
        indexer: Indexer,
        paths: list[Path],
        vectors: RunVectors,
        model: PassageModel | None,  # None: embed in this process with indexer.embedder
    ) -> None:
        self.ix = indexer
        self.vectors = vectors
        self.model = model
        self.settings = indexer.settings or ExtractSettings()
        # torch-bf16 imports torch itself when a worker first embeds (service.index.minibert)
        allow_torch = model is not None and model.backend == "torch"
        self.slots = [_Slot((os.getpid(), allow_torch)) for _ in range(max(1, indexer.workers))]
        self.queues: dict[str, deque[_Task]] = {
            "structure": deque(_Task("structure", path=p) for p in paths),
            "enrich": deque(),
            "embed": deque(),
        }
        self.open = 0  # packs taken for structure and not yet stored or failed

    def run(self) -> Iterator[FileOutcome]:
        try:
            while True:
                for i, slot in enumerate(self.slots):
                    if slot.task is None:
                        self._start(i, slot)
                busy = {slot.future: slot for slot in self.slots if slot.future is not None}
                if not busy:
                    return
                done, _ = wait(busy, return_when=FIRST_COMPLETED)
                for fut in done:
                    slot = busy[fut]
                    task = slot.finish()
                    yield from getattr(self, f"_{task.kind}_done")(task, fut, slot)
        finally:
            # the workers shut down side by side (each takes ~0.5 s to exit with spaCy and
            # torch loaded; one after the other that was ~10% of a small batch)
            closing = [threading.Thread(target=slot.close) for slot in self.slots]
            for t in closing:
                t.start()
            for t in closing:
                t.join()

    def _start(self, index: int, slot: _Slot) -> None:
        order = ("enrich", "structure", "embed") if index == 0 else ("structure", "embed", "enrich")
        for kind in order:
            queue = self.queues[kind]
            if not queue or (kind == "structure" and self.open >= MAX_OPEN):
                continue
            task = queue.popleft()
            if kind == "structure":
                self.open += 1
                slot.start(task, structure_task, str(task.path), self.settings)
            elif kind == "enrich":
                assert task.job is not None
                slot.start(task, enrich_task, task.job.result, self.settings)
            else:
                slot.start(task, embed_chunk, self.model, task.texts)
            return

    def _final(self, outcome: FileOutcome) -> FileOutcome:
        self.open -= 1
        return outcome

    def _crashed(self, task: _Task, slot: _Slot) -> bool:
        """Replace the dead worker; True when the task is to be tried again."""
        slot.replace()
        task.crashes += 1
        what = task.path or (task.job.path if task.job else f"{len(task.texts)} passages")
        if task.crashes <= CRASH_RETRIES:
            log.warning("a worker died on the %s task of %s; trying once more", task.kind, what)
            self.queues[task.kind].appendleft(task)
            return True
        log.warning("a worker died again on the %s task of %s; giving up", task.kind, what)
        return False

    def _structure_done(self, task: _Task, fut: Future[Any], slot: _Slot) -> Iterator[FileOutcome]:
        assert task.path is not None
        try:
            result: ExtractResult | BaseException = fut.result()
        except BrokenProcessPool:
            if self._crashed(task, slot):
                self.open -= 1  # counted again when it starts
            else:
                yield self._final(
                    FileOutcome(
                        str(task.path), "failed", reason="extraction crashed the worker process"
                    )
                )
            return
        except Exception as exc:  # noqa: BLE001
            result = exc
        begun = self.ix.begin(task.path, result, self.vectors, enriched=not self.settings.enrich)
        if isinstance(begun, FileOutcome):
            yield self._final(begun)
            return
        job, todo = begun
        if not job.enriched:
            self.queues["enrich"].append(_Task("enrich", job=job))
        if job.complete:
            yield self._final(self.ix.store_pack(job))
        for i in range(0, len(todo), EMBED_CHUNK):
            keys = [k for k, _ in todo[i : i + EMBED_CHUNK]]
            texts = [t for _, t in todo[i : i + EMBED_CHUNK]]
            if self.model is not None:
                self.queues["embed"].append(_Task("embed", keys=keys, texts=texts))
            else:
                yield from self._embed_here(keys, texts)

    def _enrich_done(self, task: _Task, fut: Future[Any], slot: _Slot) -> Iterator[FileOutcome]:
        job = task.job
        assert job is not None
        try:
            job.result = fut.result()  # the same envelope, enriched (extract.enrich_pack)
        except BrokenProcessPool:
            if not self._crashed(task, slot) and not job.failed:
                job.failed = True
                yield self._final(self.ix.fail(job, "enrichment crashed the worker process"))
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a result that would not unpickle
            reason = f"enrichment failed: {one_line(exc)}"
            log.warning("%s: %s (stored without entities, figures and tables)", job.path, reason)
            add_errors(job.result, [ErrorItem("enrich", reason)])
        job.enriched = True
        if job.complete:
            yield self._final(self.ix.store_pack(job))

    def _embed_done(self, task: _Task, fut: Future[Any], slot: _Slot) -> Iterator[FileOutcome]:
        try:
            vecs = fut.result()
        except BrokenProcessPool:
            log.warning("a worker died embedding %d passages; embedding them here", len(task.texts))
            slot.replace()
            yield from self._embed_here(task.keys, task.texts)
            return
        except Exception as exc:  # noqa: BLE001 - embed here instead
            log.warning(
                "a worker failed to embed %d passages (%s); embedding them here",
                len(task.texts),
                one_line(exc),
            )
            yield from self._embed_here(task.keys, task.texts)
            return
        for job in self.vectors.deliver(task.keys, vecs):
            if job.complete:
                yield self._final(self.ix.store_pack(job))

    def _embed_here(self, keys: list[bytes], texts: list[str]) -> Iterator[FileOutcome]:
        for outcome in self.ix.embed_here(keys, texts, self.vectors):
            yield self._final(outcome)
