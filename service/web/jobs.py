"""Background upload jobs: each uploaded PDF is indexed by one worker thread, in order.

A job is submitted once its upload is complete and stored under the service's own name
(``DATA_DIR/uploads/<job id>.pdf``). The worker indexes it exactly as ``boardpapers index FILE``
does (:class:`service.index.indexer.Indexer`: extraction, passages, embeddings, one transaction),
then deletes the upload file, whatever happened.

A failed job leaves nothing behind: the store adds a pack whole or not at all, and a pack added
just before a later failure (refreshing the vector index) is deleted again.

Jobs and their progress are rows of the store (``Store.save_job``; the newest :data:`KEEP`
finished ones are kept), so with ``serve --workers N`` (or several machines sharing a
PostgreSQL store) ``GET /jobs/{id}`` answers from whichever process the request reaches; the
job runs in the process that received the upload (its ``owner``, host:pid).

When a server starts it sweeps what a stopped one left (:meth:`JobManager.start`): only the
first server process on the data dir does (an exclusive lock on ``DATA_DIR/.servers.lock``,
then held shared while it runs), so a process started beside running ones never deletes their
uploads. It deletes the upload files and marks this host's unfinished jobs failed.
"""

from __future__ import annotations

import dataclasses
import fcntl
import logging
import os
import queue
import secrets
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.config import ServiceSettings
from service.errors import BoardpapersError, JobNotFoundError, ShuttingDownError, one_line
from service.store.base import Store

log = logging.getLogger(__name__)

UPLOAD_DIR = "uploads"  # under the data dir
KEEP = 1000  # finished jobs remembered
STATUSES = ("queued", "running", "done", "failed")
LOCK_NAME = ".servers.lock"  # in the data dir: held by every server process using it
STOPPED = "the server stopped before the job finished; upload the file again"


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def new_job_id() -> str:
    """32 hex digits from the OS's CSPRNG: the upload's file name and the job's id."""
    return secrets.token_hex(16)


def upload_dir(data_dir: Path) -> Path:
    path = Path(data_dir) / UPLOAD_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def sweep_uploads(data_dir: Path) -> int:
    """Remove upload files a stopped server left behind; returns how many."""
    removed = 0
    for path in upload_dir(data_dir).iterdir():
        if path.is_file() and path.suffix in (".pdf", ".part"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


@dataclass(slots=True)
class Job:
    id: str
    file: str  # the client's file name, for display only (never a path)
    size: int  # bytes received
    status: str = "queued"
    progress: float = 0.0  # 0..1
    stage: str = "queued"
    error: str | None = None
    pack: str | None = None
    result: dict[str, Any] | None = None  # the `boardpapers index --json` entry of the file
    submitted_at: str = field(default_factory=_now)
    finished_at: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Job:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})

    def row(self, owner: str) -> dict[str, Any]:
        """The job as the store keeps it."""
        return {**{f.name: getattr(self, f.name) for f in dataclasses.fields(self)}, "owner": owner}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "progress": round(self.progress, 3),
            "stage": self.stage,
            "file": self.file,
            "size": self.size,
            "submitted_at": self.submitted_at,
            "finished_at": self.finished_at,
        }
        if self.pack is not None:
            out["pack"] = self.pack
        if self.error is not None:
            out["error"] = self.error
        if self.result is not None:
            out["result"] = self.result
        return out


class JobManager:
    """A queue of upload jobs, kept in the store, and the one thread that indexes them."""

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        *,
        workers: int = 0,
        embedder: Any = None,
        keep: int = KEEP,
        settings: ServiceSettings | None = None,
        on_stored: Callable[[str], Any] | None = None,
    ) -> None:
        """``settings``: the service's (the passage model's folder and backend);
        ``on_stored``: called with each pack stored (saved searches are matched)."""
        self.store = store
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.workers = workers  # extraction processes, as `boardpapers index --workers`
        self.embedder = embedder  # passage embedder (None: the indexer's float model)
        self.keep = keep
        self.on_stored = on_stored
        self.owner = f"{socket.gethostname()}:{os.getpid()}"
        self._jobs: dict[str, Job] = {}  # this process's queued and running jobs
        self._lock = threading.Lock()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._server_lock: int | None = None

    # ------------------------------------------------------------ public
    def start(self) -> int:
        """Take this process's share of the data dir's server lock; the first server process
        sweeps what a stopped one left. Returns how many upload files it removed."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        removed = 0
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("other server processes use %s: nothing swept", self.data_dir)
        else:
            removed = sweep_uploads(self.data_dir)
            self._fail_stopped()
        fcntl.flock(fd, fcntl.LOCK_SH)
        self._server_lock = fd
        return removed

    def _fail_stopped(self) -> None:
        """Jobs this host's stopped servers left queued or running end as failed."""
        host = f"{socket.gethostname()}:"
        for row in self.store.unfinished_jobs():
            if str(row.get("owner") or "").startswith(host):
                job = Job.from_row(row)
                job.status, job.stage, job.error = "failed", "failed", STOPPED
                job.progress, job.finished_at = 1.0, _now()
                self.store.save_job(job.row(str(row.get("owner"))))

    def submit(self, job_id: str, file: str, size: int) -> Job:
        """Queue the upload stored at ``upload_path(job_id)``."""
        if self._closed:
            raise ShuttingDownError("the server is shutting down; upload again later")
        job = Job(id=job_id, file=file, size=size)
        self.store.save_job(job.row(self.owner))
        self.store.prune_jobs(self.keep)
        with self._lock:
            self._jobs[job_id] = job
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="boardpapers-jobs", daemon=True
                )
                self._thread.start()
        self._queue.put(job_id)
        return job

    def get(self, job_id: str) -> dict[str, Any]:
        row = self.store.load_job(job_id)
        if row is None:
            raise JobNotFoundError(f"no job with id {job_id!r}")
        return Job.from_row(row).to_dict()

    def upload_path(self, job_id: str) -> Path:
        return upload_dir(self.data_dir) / f"{job_id}.pdf"

    def close(self, timeout: float = 30.0) -> None:
        """Stop taking jobs; let the running one finish (up to ``timeout`` seconds)."""
        self._closed = True
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout)
        if self._server_lock is not None:
            os.close(self._server_lock)
            self._server_lock = None

    # ------------------------------------------------------------ worker
    def _update(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)
            row = job.row(self.owner)
        try:
            self.store.save_job(row)
        except BoardpapersError as exc:  # progress not saved: the job itself carries on
            log.warning("could not save the progress of job %s: %s", job.id, one_line(exc))

    def _run(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None or self._closed:
                return
            with self._lock:
                job = self._jobs.get(job_id)
            if job is not None:
                try:
                    self._index(job)
                finally:
                    with self._lock:
                        self._jobs.pop(job_id, None)

    def _index(self, job: Job) -> None:
        from service.index.indexer import FileOutcome, Indexer

        path = self.upload_path(job.id)
        self._update(job, status="running", progress=0.1, stage="extracting and indexing")
        outcomes: list[FileOutcome] = []

        def seen(outcome: FileOutcome, done: int, total: int) -> None:
            outcomes.append(outcome)
            self._update(job, progress=0.9, stage="updating the search index")

        try:
            indexer = Indexer(
                self.store,
                embedder=self.embedder,
                workers=self.workers,
                progress=seen,
                service=self.settings,
                on_stored=self.on_stored,
            )
            summary = indexer.run([path])
            outcome = summary.files[0]
        except Exception as exc:  # noqa: BLE001 - a job reports its failure, never raises
            for o in outcomes:  # stored, then a later step failed: leave nothing behind
                if o.status == "indexed" and o.pack:
                    self._delete(o.pack)
            log.exception("upload job %s failed", job.id)
            self._finish(job, error=one_line(exc))
        else:
            result = outcome.to_dict()
            result["file"] = job.file  # the client's name, not the service's path
            if outcome.status == "failed":
                self._finish(job, error=outcome.reason or "indexing failed", result=result)
            else:
                self._finish(job, pack=outcome.pack, result=result)
        finally:
            path.unlink(missing_ok=True)

    def _delete(self, pack_id: str) -> None:
        delete = getattr(self.store, "delete_pack", None)
        if callable(delete):
            try:
                delete(pack_id)
            except BoardpapersError as exc:
                log.warning("could not remove pack %s of a failed job: %s", pack_id, one_line(exc))

    def _finish(
        self,
        job: Job,
        *,
        error: str | None = None,
        pack: str | None = None,
        result: dict[str, Any] | None = None,
    ) -> None:
        self._update(
            job,
            status="failed" if error else "done",
            progress=1.0,
            stage="failed" if error else "done",
            error=error,
            pack=None if error else pack,
            result=result,
            finished_at=_now(),
        )
