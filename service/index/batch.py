"""What one indexing run keeps track of: each file's outcome, the packs waiting for their
vectors, and the vectors of the run's passage texts (each distinct text embedded once).

Shared by :mod:`service.index.indexer` (the run, in process) and
:mod:`service.index.scheduler` (the run in worker processes).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from extract import ExtractResult
from service.store.base import Passage

VECTOR_CACHE = 20_000  # vectors of recent passage texts kept to skip re-embedding repeats


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


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(slots=True, eq=False)
class PackJob:
    """An extracted pack waiting for its passage vectors (and, in the pool, enrichment)."""

    path: Path
    result: ExtractResult  # structured; enriched once ``enriched``
    passages: list[Passage]
    vectors: np.ndarray
    waiting: dict[bytes, list[int]]  # text key -> rows still without a vector
    enriched: bool = True
    failed: bool = False  # reported as failed: never stored

    @property
    def complete(self) -> bool:
        return self.enriched and not self.waiting and not self.failed


class RunVectors:
    """Passage vectors of the run, each distinct text embedded once.

    ``done``: recent vectors (LRU, ``VECTOR_CACHE``); ``flight``: texts being embedded now,
    with the packs waiting for them.
    """

    def __init__(self, cap: int = VECTOR_CACHE) -> None:
        self.cap = cap
        self.done: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self.flight: dict[bytes, list[PackJob]] = {}

    def start(self, job: PackJob, texts: list[str]) -> list[tuple[bytes, str]]:
        """Fill what is known; return the (key, text) pairs nobody is embedding yet,
        shortest first (chunks of similar length pad least)."""
        new: dict[bytes, str] = {}
        for row, text in enumerate(texts):
            key = text_key(text)
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

    def deliver(self, keys: Sequence[bytes], vectors: np.ndarray) -> list[PackJob]:
        """Store a chunk's vectors; return the packs that got their last one."""
        filled: list[PackJob] = []
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
