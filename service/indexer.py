"""Index PDF packs into a store: extract (process pool) -> passages -> embed -> store.

A bad file never stops the batch: each file ends as indexed, skipped (same
sha256 already stored) or failed with a one-line reason naming it. Each pack is
stored in one transaction, so a later failure loses nothing already indexed.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extract import ExtractResult, ExtractSettings, Status, extract
from extract.errors import BoardpapersError
from service.passages import build_passages
from service.store.base import PackInput, Store, pack_id_for

EMBED_BATCH = 64
MAX_WARNINGS = 5
PARENT_POLL_S = 0.5  # how often an extraction worker checks that the indexer still runs


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
    """Runs in a worker process."""
    return extract(Path(path), settings)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: exit when the indexing process is gone (killed, even by SIGKILL).

    Without this, workers of a killed batch finish their file (OCR can take minutes), then
    wait forever for work that never comes.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)

    threading.Thread(target=watch, name="boardpapers-parent-watch", daemon=True).start()


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, BoardpapersError):
        return exc.message
    return " ".join(str(exc).split()) or type(exc).__name__


class Indexer:
    def __init__(
        self,
        store: Store,
        *,
        embedder: Any = None,
        workers: int = 2,
        settings: ExtractSettings | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self._embedder = embedder
        self.workers = workers
        self.settings = settings
        self.progress = progress

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from service.embed import get_embedder

            # stored vectors always come from the float model; queries may use int8
            self._embedder = get_embedder("torch")
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

        for path, result in self._extract_all(todo):
            self._record(summary, self._store_one(path, result), total)
        if summary.count("indexed"):
            self.store.refresh_vectors(save=True)
        return summary

    def _record(self, summary: IndexSummary, outcome: FileOutcome, total: int) -> None:
        summary.files.append(outcome)
        if self.progress is not None:
            self.progress(outcome, len(summary.files), total)

    # ---------------------------------------------------------------- extract
    def _extract_all(
        self, paths: list[Path]
    ) -> Iterable[tuple[Path, ExtractResult | BaseException]]:
        if not paths:
            return
        if self.workers <= 0:
            for path in paths:
                try:
                    yield path, _extract_one(str(path), self.settings)
                except Exception as exc:  # noqa: BLE001 - the batch goes on
                    yield path, exc
            return
        pending = list(paths)
        isolate = False
        while pending:
            workers = 1 if isolate else min(self.workers, len(pending))
            batch = pending[:1] if isolate else pending
            ctx = multiprocessing.get_context("spawn")
            broken: list[Path] = []
            with ProcessPoolExecutor(
                max_workers=workers,
                mp_context=ctx,
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            ) as pool:
                futures: dict[Future[ExtractResult], Path] = {
                    pool.submit(_extract_one, str(p), self.settings): p for p in batch
                }
                for fut in as_completed(futures):
                    path = futures[fut]
                    try:
                        yield path, fut.result()
                    except BrokenProcessPool:
                        broken.append(path)
                    except Exception as exc:  # noqa: BLE001
                        yield path, exc
            done = set(batch) - set(broken)
            pending = [p for p in pending if p not in done]
            if broken and isolate:
                # this file alone brings the worker down
                yield pending[0], BoardpapersError("extraction crashed the worker process")
                pending = pending[1:]
            isolate = bool(broken) or isolate

    # ------------------------------------------------------------------ store
    def _store_one(self, path: Path, result: ExtractResult | BaseException) -> FileOutcome:
        name = str(path)
        if isinstance(result, BaseException):
            return FileOutcome(name, "failed", reason=_one_line(result))
        if result.status is Status.FAILURE or result.pack is None:
            return FileOutcome(name, "failed", reason=" ".join(result.reason.split()))
        pack = result.pack
        pid = pack_id_for(pack.sha256)
        try:
            passages = build_passages(pack, pid)
            vectors = self._embed([p.embed_text() for p in passages])
            added = self.store.add_pack(
                PackInput(
                    pack=pack,
                    passages=passages,
                    vectors=vectors,
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

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        parts = [
            self.embedder.encode(texts[i : i + EMBED_BATCH], batch_size=EMBED_BATCH)
            for i in range(0, len(texts), EMBED_BATCH)
        ]
        return np.concatenate(parts, axis=0)


def index_paths(store: Store, paths: Sequence[str | Path], **options: Any) -> IndexSummary:
    """Index files and folders into ``store``; see :class:`Indexer` for options."""
    return Indexer(store, **options).run(paths)
