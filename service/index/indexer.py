"""Index PDF packs into a store: extract -> passages -> embed -> store.

A bad file never stops the batch: each file ends as indexed, skipped (same
sha256 already stored) or failed with a one-line reason naming it. Each pack is
stored in one transaction, so a later failure loses nothing already indexed.

With ``workers`` > 0, that many worker processes (one thread each, so the cores are
never oversubscribed) take three kinds of task: a pack's STRUCTURE (pages, layout,
structure: no spaCy), its ENRICHMENT (spaCy entities, figures, tables) and the EMBEDDING
of a chunk of passages (``EMBED_CHUNK`` texts). Passages come from structure alone, so
their embedding starts as soon as a pack is structured, beside its enrichment. Worker 0
prefers enrichment and the others structure and embedding, so on a small batch only one
worker pays for loading spaCy; any worker takes any task rather than idle. The parent
builds passages and stores each pack (one transaction) once enriched and embedded. A
passage text seen before in the run (boilerplate repeats across packs) is embedded once.

A worker that dies on a task (a PDF that crashes pdfium, say) is replaced; the task is
tried once more, then the file fails with a reason.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import multiprocessing
import os
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from extract import ExtractResult, ExtractSettings, Status, extract
from extract.errors import BoardpapersError
from extract.model import Entity, ErrorItem, Figure, Pack, Table
from service.index.passages import Passage, build_passages
from service.store.base import PackInput, Store, pack_id_for

if TYPE_CHECKING:
    from service.index.embed import PassageModel

DIM = 384
EMBED_CHUNK = 16  # passages per task: small enough to balance the cores at the end
MAX_OPEN = 4  # packs structured but not yet stored, at most: bounds memory, finishes packs early
CRASH_RETRIES = 1  # a task whose worker died is tried this many more times
PARENT_BATCH = 32  # texts per encode call when the parent embeds (given embedder, no pool)
VECTOR_CACHE = 20_000  # vectors of recent passage texts kept to skip re-embedding repeats
MAX_WARNINGS = 5
PARENT_POLL_S = 0.5  # how often a worker checks that the indexer still runs


@dataclass(slots=True)
class FileOutcome:
    file: str
    status: str  # "indexed" | "skipped" | "failed"
    pack: str | None = None
    passages: int = 0
    reason: str | None = None
    replaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "status": self.status, "pack": self.pack}
        if self.status == "indexed":
            out["passages"] = self.passages
        if self.reason:
            out["reason"] = self.reason
        if self.replaced:
            out["replaced"] = self.replaced
        if self.warnings:
            out["warnings"] = self.warnings
        return out

    def line(self) -> str:
        """One human line: what happened to the file."""
        if self.status == "indexed":
            extra = f", replaced {', '.join(self.replaced)}" if self.replaced else ""
            return f"indexed {self.file} as {self.pack} ({self.passages} passages{extra})"
        if self.status == "skipped":
            return f"skipped {self.file}: {self.reason}"
        return f"failed {self.file}: {self.reason}"


@dataclass(slots=True)
class IndexSummary:
    files: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "indexed": self.count("indexed"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "files": [f.to_dict() for f in self.files],
        }


Progress = Callable[[FileOutcome, int, int], None]  # outcome, done, total


def collect_pdfs(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Files as given, and every *.pdf under each folder (sorted); missing paths fail."""
    files: list[Path] = []
    missing: list[FileOutcome] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
        elif path.is_file():
            found = [path]
        else:
            missing.append(FileOutcome(str(raw), "failed", reason="no such file or folder"))
            continue
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, missing


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _extract_one(path: str, settings: ExtractSettings | None) -> ExtractResult:
    """Runs in a worker process: every stage."""
    return extract(Path(path), settings)


def _structure_one(path: str, settings: ExtractSettings) -> ExtractResult:
    """Runs in a worker process: pages, layout and structure, no enrichment (no spaCy)."""
    return extract(Path(path), settings.replace(enrich=False))


@dataclass(slots=True)
class _Enriched:
    entities: list[Entity]
    figures: list[Figure]
    tables: list[Table]
    errors: list[ErrorItem]
    seconds: float


def _enrich_one(pack: Pack, path: str, settings: ExtractSettings) -> _Enriched:
    """Runs in a worker process: the enrich stage of :func:`extract.extract`, as it runs it."""
    from extract.enrich import enrich

    t = time.perf_counter()
    try:
        errors = enrich(pack, Path(path), settings)
    except Exception as exc:  # noqa: BLE001 - as the pipeline does: an error item, not a raise
        errors = [ErrorItem("enrich", f"enrichment failed: {_one_line(exc)}")]
    return _Enriched(pack.entities, pack.figures, pack.tables, errors, time.perf_counter() - t)


def _merge_enriched(result: ExtractResult, got: _Enriched) -> None:
    """What :func:`extract.extract` would have returned with enrichment on."""
    assert result.pack is not None
    result.pack.entities, result.pack.figures, result.pack.tables = (
        got.entities,
        got.figures,
        got.tables,
    )
    result.errors.extend(got.errors)
    result.status = Status.PARTIAL if result.errors else Status.SUCCESS
    result.timings["enrich"] = got.seconds
    result.timings["total"] = result.timings.get("total", 0.0) + got.seconds


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


def _embed_chunk(model: PassageModel, texts: list[str]) -> np.ndarray:
    """Runs in a worker process: the model is loaded once per worker."""
    from service.index.embed import embed_passages

    return np.asarray(embed_passages(model, texts), dtype=np.float32)


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, BoardpapersError):
        return exc.message
    return " ".join(str(exc).split()) or type(exc).__name__


def _text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(slots=True, eq=False)
class _PackJob:
    """An extracted pack waiting for its passage vectors (and, in the pool, enrichment)."""

    path: Path
    result: ExtractResult
    passages: list[Passage]
    vectors: np.ndarray
    waiting: dict[bytes, list[int]]  # text key -> rows still without a vector
    enriched: bool = True
    failed: bool = False  # reported as failed: never stored

    @property
    def complete(self) -> bool:
        return self.enriched and not self.waiting and not self.failed


class _Vectors:
    """Passage vectors of the run, each distinct text embedded once.

    ``done``: recent vectors (LRU, ``VECTOR_CACHE``); ``flight``: texts being embedded now,
    with the packs waiting for them.
    """

    def __init__(self, cap: int = VECTOR_CACHE) -> None:
        self.cap = cap
        self.done: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self.flight: dict[bytes, list[_PackJob]] = {}

    def start(self, job: _PackJob, texts: list[str]) -> list[tuple[bytes, str]]:
        """Fill what is known; return the (key, text) pairs nobody is embedding yet,
        shortest first (chunks of similar length pad least)."""
        new: dict[bytes, str] = {}
        for row, text in enumerate(texts):
            key = _text_key(text)
            vec = self.done.get(key)
            if vec is not None:
                self.done.move_to_end(key)
                job.vectors[row] = vec
                continue
            rows = job.waiting.setdefault(key, [])
            rows.append(row)
            if len(rows) == 1:
                waiters = self.flight.get(key)
                if waiters is None:
                    self.flight[key] = [job]
                    new[key] = text
                else:
                    waiters.append(job)
        return sorted(new.items(), key=lambda kv: len(kv[1]))

    def deliver(self, keys: Sequence[bytes], vectors: np.ndarray) -> list[_PackJob]:
        """Store a chunk's vectors; return the packs that got their last one."""
        filled: list[_PackJob] = []
        for key, vec in zip(keys, vectors, strict=True):
            self.done[key] = vec
            self.done.move_to_end(key)
            for job in self.flight.pop(key, []):
                for row in job.waiting.pop(key, []):
                    job.vectors[row] = vec
                if not job.waiting:
                    filled.append(job)
        while len(self.done) > self.cap:
            self.done.popitem(last=False)
        return filled


@dataclass(slots=True, eq=False)
class _Task:
    kind: str  # "structure" | "enrich" | "embed"
    path: Path | None = None  # structure
    job: _PackJob | None = None  # enrich
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


class Indexer:
    def __init__(
        self,
        store: Store,
        *,
        embedder: Any = None,
        workers: int = 2,
        settings: ExtractSettings | None = None,
        progress: Progress | None = None,
        passage_backend: str | None = None,
    ) -> None:
        """``embedder``: embed passages with this object in this process (tests, benchmarks);
        by default the passage model (:func:`service.index.embed.passage_model`, float ONNX) runs
        in the worker pool. ``passage_backend`` overrides ``BOARDPAPERS_PASSAGE_BACKEND``."""
        self.store = store
        self._embedder = embedder
        self.workers = workers
        self.settings = settings
        self.progress = progress
        self.passage_backend = passage_backend
        self._model: PassageModel | None = None

    def passage_model(self) -> PassageModel:
        """The passage model (exported on first use), resolved once per indexer."""
        if self._model is None:
            from service.index.embed import passage_model

            self._model = passage_model(backend=self.passage_backend)
        return self._model

    @property
    def embedder(self) -> Any:
        """What embeds passages in this process (the pool builds its own copies)."""
        if self._embedder is None:
            from dataclasses import replace

            model = self.passage_model()
            self._embedder = replace(model, threads=min(2, os.cpu_count() or 1)).build()
        return self._embedder

    def run(self, paths: Sequence[str | Path]) -> IndexSummary:
        files, missing = collect_pdfs(paths)
        summary = IndexSummary()
        total = len(files) + len(missing)
        for outcome in missing:
            self._record(summary, outcome, total)

        todo: list[Path] = []
        batch_shas: dict[str, str] = {}
        for path in files:
            try:
                sha = sha256_file(path)
            except OSError as exc:
                self._record(
                    summary, FileOutcome(str(path), "failed", reason=_one_line(exc)), total
                )
                continue
            existing = self.store.pack_id_by_sha(sha)
            if existing is not None:
                outcome = FileOutcome(str(path), "skipped", existing, reason="already indexed")
                self._record(summary, outcome, total)
            elif sha in batch_shas:
                outcome = FileOutcome(
                    str(path), "skipped", pack_id_for(sha), reason=f"same file as {batch_shas[sha]}"
                )
                self._record(summary, outcome, total)
            else:
                batch_shas[sha] = str(path)
                todo.append(path)

        vectors = _Vectors()
        if self.workers <= 0:
            outcomes = self._sequential(todo, vectors)
        else:
            outcomes = self._pooled(todo, vectors)
        for outcome in outcomes:
            self._record(summary, outcome, total)
        if summary.count("indexed"):
            self.store.refresh_vectors(save=True)
        return summary

    def _record(self, summary: IndexSummary, outcome: FileOutcome, total: int) -> None:
        summary.files.append(outcome)
        if self.progress is not None:
            self.progress(outcome, len(summary.files), total)

    # ------------------------------------------------------------- in process
    def _sequential(self, paths: list[Path], vectors: _Vectors) -> Iterator[FileOutcome]:
        for path in paths:
            try:
                result: ExtractResult | BaseException = _extract_one(str(path), self.settings)
            except Exception as exc:  # noqa: BLE001 - the batch goes on
                result = exc
            begun = self._begin(path, result, vectors)
            if isinstance(begun, FileOutcome):
                yield begun
            elif begun[0].complete:
                yield self._finish(begun[0])
            else:
                todo = begun[1]
                yield from self._embed_here_and_deliver(
                    [k for k, _ in todo], [t for _, t in todo], vectors
                )

    def _embed_here(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        embedder = self.embedder
        parts = [
            np.asarray(embedder.encode(texts[i : i + PARENT_BATCH], batch_size=PARENT_BATCH))
            for i in range(0, len(texts), PARENT_BATCH)
        ]
        return np.concatenate(parts, axis=0).astype(np.float32, copy=False)

    def _embed_here_and_deliver(
        self, keys: list[bytes], texts: list[str], vectors: _Vectors
    ) -> Iterator[FileOutcome]:
        """Embed in this process; the packs this completes are stored."""
        try:
            vecs = self._embed_here(texts)
        except Exception as exc:  # noqa: BLE001
            yield from self._fail_waiting(keys, vectors, exc)
            return
        for job in vectors.deliver(keys, vecs):
            if job.complete:
                yield self._finish(job)

    def _fail_waiting(
        self, keys: Sequence[bytes], vectors: _Vectors, exc: BaseException
    ) -> Iterator[FileOutcome]:
        """Packs waiting for ``keys`` whose embedding failed: each fails, once."""
        for key in keys:
            for job in vectors.flight.pop(key, []):
                if not job.failed:
                    job.failed = True
                    yield self._failed(job, f"embedding failed: {_one_line(exc)}")

    # ------------------------------------------------------------------ pooled
    def _pooled(self, paths: list[Path], vectors: _Vectors) -> Iterator[FileOutcome]:
        if not paths:
            return
        model: PassageModel | None = None
        if self._embedder is None:
            try:
                model = self.passage_model()  # exported here, once, before any worker needs it
            except Exception as exc:  # noqa: BLE001 - every file fails with the reason
                for path in paths:
                    reason = f"embedding model unavailable: {_one_line(exc)}"
                    yield FileOutcome(str(path), "failed", reason=reason)
                return
        yield from _Scheduler(self, paths, vectors, model).run()

    # ------------------------------------------------------------------ store
    def _begin(
        self,
        path: Path,
        result: ExtractResult | BaseException,
        vectors: _Vectors,
        enriched: bool = True,
    ) -> FileOutcome | tuple[_PackJob, list[tuple[bytes, str]]]:
        """A failure outcome, or the pack's job and the texts to embed for it."""
        name = str(path)
        if isinstance(result, BaseException):
            return FileOutcome(name, "failed", reason=_one_line(result))
        if result.status is Status.FAILURE or result.pack is None:
            return FileOutcome(name, "failed", reason=" ".join(result.reason.split()))
        pid = pack_id_for(result.pack.sha256)
        try:
            passages = build_passages(result.pack, pid)
        except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not raised
            return FileOutcome(name, "failed", pid, reason=_one_line(exc))
        vecs = np.zeros((len(passages), DIM), np.float32)
        job = _PackJob(path, result, passages, vecs, {}, enriched=enriched)
        return job, vectors.start(job, [p.embed_text() for p in passages])

    def _failed(self, job: _PackJob, reason: str) -> FileOutcome:
        assert job.result.pack is not None
        return FileOutcome(
            str(job.path), "failed", pack_id_for(job.result.pack.sha256), reason=reason
        )

    def _finish(self, job: _PackJob) -> FileOutcome:
        result, path = job.result, job.path
        pack = result.pack
        assert pack is not None
        name = str(path)
        pid = pack_id_for(pack.sha256)
        try:
            added = self.store.add_pack(
                PackInput(
                    pack=pack,
                    passages=job.passages,
                    vectors=job.vectors,
                    source_key=str(path.resolve()),
                    status=result.status.value,
                    pdf=path,
                )
            )
        except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not raised
            return FileOutcome(name, "failed", pid, reason=_one_line(exc))
        warnings = [" ".join(e.message.split()) for e in result.errors[:MAX_WARNINGS]]
        return FileOutcome(
            name,
            "indexed",
            added.pack_id,
            passages=added.passages,
            replaced=added.replaced,
            warnings=warnings,
        )


class _Scheduler:
    """The pooled run: hands each idle worker the task it suits best, never idling one
    while there is work (see the module docstring)."""

    def __init__(
        self,
        indexer: Indexer,
        paths: list[Path],
        vectors: _Vectors,
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
                slot.start(task, _structure_one, str(task.path), self.settings)
            elif kind == "enrich":
                assert task.job is not None
                job = task.job
                slot.start(task, _enrich_one, job.result.pack, str(job.path), self.settings)
            else:
                slot.start(task, _embed_chunk, self.model, task.texts)
            return

    def _final(self, outcome: FileOutcome) -> FileOutcome:
        self.open -= 1
        return outcome

    def _crashed(self, task: _Task, slot: _Slot) -> bool:
        """Replace the dead worker; True when the task is to be tried again."""
        slot.replace()
        task.crashes += 1
        if task.crashes <= CRASH_RETRIES:
            self.queues[task.kind].appendleft(task)
            return True
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
        begun = self.ix._begin(task.path, result, self.vectors, enriched=not self.settings.enrich)
        if isinstance(begun, FileOutcome):
            yield self._final(begun)
            return
        job, todo = begun
        if not job.enriched:
            self.queues["enrich"].append(_Task("enrich", job=job))
        if job.complete:
            yield self._final(self.ix._finish(job))
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
            got: _Enriched = fut.result()
        except BrokenProcessPool:
            if not self._crashed(task, slot) and not job.failed:
                job.failed = True
                yield self._final(self.ix._failed(job, "enrichment crashed the worker process"))
            return
        except Exception as exc:  # noqa: BLE001 - e.g. a result that would not unpickle
            reason = f"enrichment failed: {_one_line(exc)}"
            got = _Enriched([], [], [], [ErrorItem("enrich", reason)], 0.0)
        _merge_enriched(job.result, got)
        job.enriched = True
        if job.complete:
            yield self._final(self.ix._finish(job))

    def _embed_done(self, task: _Task, fut: Future[Any], slot: _Slot) -> Iterator[FileOutcome]:
        try:
            vecs = fut.result()
        except BrokenProcessPool:
            slot.replace()
            yield from self._embed_here(task.keys, task.texts)
            return
        except Exception:  # noqa: BLE001 - embed here instead
            yield from self._embed_here(task.keys, task.texts)
            return
        for job in self.vectors.deliver(task.keys, vecs):
            if job.complete:
                yield self._final(self.ix._finish(job))

    def _embed_here(self, keys: list[bytes], texts: list[str]) -> Iterator[FileOutcome]:
        for outcome in self.ix._embed_here_and_deliver(keys, texts, self.vectors):
            yield self._final(outcome)


def index_paths(store: Store, paths: Sequence[str | Path], **options: Any) -> IndexSummary:
    """Index files and folders into ``store``; see :class:`Indexer` for options."""
    return Indexer(store, **options).run(paths)
