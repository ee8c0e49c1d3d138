"""Index PDF packs into a store: extract -> passages -> embed -> store.

A bad file never stops the batch: each file ends as indexed, skipped (same
sha256 already stored) or failed with a one-line reason naming it. Each pack is
stored in one transaction, so a later failure loses nothing already indexed.

The stages are :mod:`extract`'s own (:func:`extract.extract`, or
:func:`extract.structure_pack` then :func:`extract.enrich_pack` in worker processes, see
:mod:`service.index.scheduler`); the indexer adds passages (:mod:`service.index.passages`),
their vectors (a passage text seen before in the run is embedded once) and the store.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from extract import ExtractResult, ExtractSettings, Status, extract
from service.config import ServiceSettings
from service.errors import one_line
from service.index.batch import (
    FileOutcome,
    IndexSummary,
    PackJob,
    Progress,
    RunVectors,
    collect_pdfs,
    sha256_file,
)
from service.index.passages import build_passages, pack_input
from service.index.scheduler import Scheduler
from service.store.base import Store, pack_id_for

if TYPE_CHECKING:
    from service.index.embed import PassageModel

__all__ = ["FileOutcome", "IndexSummary", "Indexer", "collect_pdfs", "index_paths"]

log = logging.getLogger(__name__)

DIM = 384
PARENT_BATCH = 32  # texts per encode call when the parent embeds (given embedder, no pool)
MAX_WARNINGS = 5


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
        service: ServiceSettings | None = None,
        cluster: str | None = None,
        on_stored: Callable[[str], Any] | None = None,
    ) -> None:
        """``on_stored``: called with the id of each pack once it is committed (saved searches
        are matched against it: :class:`service.alerts.AlertMatcher`); its failure is logged,
        never the file's. ``embedder``: embed passages with this object in this process (tests, benchmarks);
        by default the passage model (:func:`service.index.embed.passage_model`) runs in the
        worker pool. ``service``: the service settings (models folder, passage backend; read
        from the environment for the store's data dir when not given); ``passage_backend``
        overrides theirs. ``cluster``: run on Dask (``local:N`` or ``tcp://HOST:PORT``,
        :mod:`service.index.cluster`) instead of the worker pool."""
        self.store = store
        self.cluster = cluster
        self._embedder = embedder
        self.workers = workers
        self.settings = settings
        self.progress = progress
        if service is None:
            data_dir = getattr(store, "data_dir", None)
            service = ServiceSettings.from_env(data_dir=data_dir)
        self.service = service
        self.passage_backend = passage_backend or service.passage_backend
        self.on_stored = on_stored
        self._model: PassageModel | None = None
        self.cluster_stats: list[Any] | None = None  # a benchmark's list for task timings

    def passage_model(self) -> PassageModel:
        """The passage model (exported on first use), resolved once per indexer."""
        if self._model is None:
            from service.index.embed import passage_model

            folder = self.service.models_dir
            assert folder is not None
            self._model = passage_model(folder, self.passage_backend, self.service.model_cache)
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
                self._record(summary, FileOutcome(str(path), "failed", reason=one_line(exc)), total)
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

        vectors = RunVectors()
        if self.cluster:
            outcomes = self._clustered(todo)
        elif self.workers <= 0:
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
    def _sequential(self, paths: list[Path], vectors: RunVectors) -> Iterator[FileOutcome]:
        for path in paths:
            try:
                result: ExtractResult | BaseException = extract(path, self.settings)
            except Exception as exc:  # noqa: BLE001 - the batch goes on
                result = exc
            begun = self.begin(path, result, vectors)
            if isinstance(begun, FileOutcome):
                yield begun
            elif begun[0].complete:
                yield self.store_pack(begun[0])
            else:
                todo = begun[1]
                yield from self.embed_here([k for k, _ in todo], [t for _, t in todo], vectors)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        embedder = self.embedder
        parts = [
            np.asarray(embedder.encode(texts[i : i + PARENT_BATCH], batch_size=PARENT_BATCH))
            for i in range(0, len(texts), PARENT_BATCH)
        ]
        return np.concatenate(parts, axis=0).astype(np.float32, copy=False)

    # ------------------------------------------------- the steps a run composes
    def begin(
        self,
        path: Path,
        result: ExtractResult | BaseException,
        vectors: RunVectors,
        enriched: bool = True,
    ) -> FileOutcome | tuple[PackJob, list[tuple[bytes, str]]]:
        """A failure outcome, or the pack's job (its passages) and the texts to embed for it.
        ``enriched``: False when ``result`` is only structured (enrichment comes later)."""
        name = str(path)
        if isinstance(result, BaseException):
            return FileOutcome(name, "failed", reason=one_line(result))
        if result.status is Status.FAILURE or result.pack is None:
            return FileOutcome(name, "failed", reason=" ".join(result.reason.split()))
        pid = pack_id_for(result.pack.sha256)
        try:
            passages = build_passages(result.pack, pid)
        except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not raised
            log.info("%s: building passages failed: %s", name, one_line(exc))
            return FileOutcome(name, "failed", pid, reason=one_line(exc))
        vecs = np.zeros((len(passages), DIM), np.float32)
        job = PackJob(path, result, passages, vecs, {}, enriched=enriched)
        return job, vectors.start(job, [p.embed_text() for p in passages])

    def embed_here(
        self, keys: list[bytes], texts: list[str], vectors: RunVectors
    ) -> Iterator[FileOutcome]:
        """Embed in this process; the packs this completes are stored, and the packs waiting
        for texts whose embedding failed fail (each once)."""
        try:
            vecs = self._encode(texts)
        except Exception as exc:  # noqa: BLE001
            log.warning("embedding %d passages failed: %s", len(texts), one_line(exc))
            for key in keys:
                for job in vectors.flight.pop(key, []):
                    if not job.failed:
                        job.failed = True
                        yield self.fail(job, f"embedding failed: {one_line(exc)}")
            return
        for job in vectors.deliver(keys, vecs):
            if job.complete:
                yield self.store_pack(job)

    def fail(self, job: PackJob, reason: str) -> FileOutcome:
        """The outcome of a pack that will not be stored."""
        assert job.result.pack is not None
        return FileOutcome(
            str(job.path), "failed", pack_id_for(job.result.pack.sha256), reason=reason
        )

    def store_pack(self, job: PackJob) -> FileOutcome:
        """Store a complete pack (one transaction) and say what happened."""
        result, path = job.result, job.path
        pack = result.pack
        assert pack is not None
        name = str(path)
        pid = pack_id_for(pack.sha256)
        item = pack_input(
            pack, job.passages, job.vectors, str(path.resolve()), result.status.value, path
        )
        try:
            added = self.store.add_pack(item)
        except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not raised
            log.info("%s: storing failed: %s", name, one_line(exc))
            return FileOutcome(name, "failed", pid, reason=one_line(exc))
        if added.passages:
            self._stored(name, added.pack_id)
        warnings = [" ".join(e.message.split()) for e in result.errors[:MAX_WARNINGS]]
        return FileOutcome(
            name,
            "indexed",
            added.pack_id,
            passages=added.passages,
            replaced=added.replaced,
            warnings=warnings,
        )

    def _stored(self, name: str, pack_id: str) -> None:
        """Tell ``on_stored`` of a pack just committed; its failure never fails the file."""
        if self.on_stored is None:
            return
        try:
            self.on_stored(pack_id)
        except Exception as exc:  # noqa: BLE001 - the pack is stored: it stays indexed
            log.warning("%s: saved searches not matched: %s", name, one_line(exc))

    # ------------------------------------------------------------------ pooled
    def _pooled(self, paths: list[Path], vectors: RunVectors) -> Iterator[FileOutcome]:
        if not paths:
            return
        model: PassageModel | None = None
        if self._embedder is None:
            try:
                model = self.passage_model()  # exported here, once, before any worker needs it
            except Exception as exc:  # noqa: BLE001 - every file fails with the reason
                log.error("no passage model: %s", one_line(exc))
                for path in paths:
                    reason = f"embedding model unavailable: {one_line(exc)}"
                    yield FileOutcome(str(path), "failed", reason=reason)
                return
        yield from Scheduler(self, paths, vectors, model).run()

    # ------------------------------------------------------------------ on Dask
    def _clustered(self, paths: list[Path]) -> Iterator[FileOutcome]:
        """The files on a Dask cluster: one task per file; workers write to a server store,
        this process to SQLite (see :mod:`service.index.cluster`)."""
        from service.index import cluster

        assert self.cluster
        cluster.parse_cluster(self.cluster)  # a bad spec fails before any work
        if not paths:
            return
        model = self.passage_model()  # exported here, once, before any worker needs it
        # a server store is written by the workers; SQLite by this process, the one writer
        store_url = getattr(self.store, "url", None) if self.store.shared_writers else None
        client = cluster.connect(self.cluster)
        try:
            for outcome in cluster.run(
                client, self.store, paths, self.settings, model, store_url, self.cluster_stats
            ):
                if outcome.status == "indexed" and outcome.pack:
                    self._stored(outcome.file, outcome.pack)
                yield outcome
        finally:
            owned = client.cluster if self.cluster.startswith("local:") else None
            client.close()
            if owned is not None:
                owned.close()


def index_paths(store: Store, paths: Sequence[str | Path], **options: Any) -> IndexSummary:
    """Index files and folders into ``store``; see :class:`Indexer` for options."""
    return Indexer(store, **options).run(paths)
