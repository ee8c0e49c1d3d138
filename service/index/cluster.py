"""Batch indexing on Dask: ``boardpapers index --cluster local:N|tcp://HOST:8786 PATHS``.

How the work is split: the indexing process hashes every file and skips what the store holds
already (and repeats within the batch) BEFORE anything is sent; each remaining file is ONE
task (:func:`index_file`: extraction with enrichment, passages, embedding by the passage model
the worker loads once), so a pack is never split across workers and a task's result is a
whole pack. Then:

* PostgreSQL store: the worker stores its pack itself (one transaction; a store per worker
  process) and returns only the outcome. Writers scale with workers.
* SQLite store: the worker returns the pack, its passages and vectors, and the indexing
  process (the one writer) stores it whole.

Faults: a worker that dies mid-task (killed, out of memory) loses nothing: the scheduler
gives its tasks to the remaining workers, and since packs are stored whole and by content hash
(a pack already stored is never stored again, on either store) a task run twice stores nothing
twice. A file that fails extraction fails alone with its reason, as without ``--cluster``; a
file that kills every worker it is given (``distributed.scheduler.allowed-failures``) fails
with that reason too. Progress comes from the futures as they complete.

On a ``tcp://`` cluster the workers must reach the files, the model folder and the store at
the same paths and URL (a shared filesystem; a PostgreSQL store); ``local:N`` starts a
:class:`distributed.LocalCluster` of N single-threaded worker processes on this machine.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from extract import ExtractSettings, Status, extract
from service.errors import SettingsError, one_line
from service.index.batch import FileOutcome
from service.index.passages import build_passages, pack_input
from service.store.base import PackInput, Store, pack_id_for

if TYPE_CHECKING:
    from service.index.embed import PassageModel

log = logging.getLogger(__name__)

MAX_WARNINGS = 5
_stores: dict[tuple[str, str], Store] = {}  # per worker process: the store it writes to


@dataclass(slots=True)
class TaskResult:
    """What a task returns: the outcome, the pack to store when the caller writes
    (SQLite), and the task's own timings (seconds) for the overhead figures."""

    outcome: FileOutcome
    item: PackInput | None = None
    seconds: float = 0.0
    worker: int = 0


def parse_cluster(spec: str) -> tuple[str, int | str]:
    """``local:N`` -> ("local", N); ``tcp://host:port`` -> ("tcp", address)."""
    spec = spec.strip()
    if spec.startswith("local:"):
        try:
            n = int(spec.split(":", 1)[1])
        except ValueError:
            n = 0
        if n < 1:
            raise SettingsError(f"--cluster local:N needs a worker count of 1 or more: {spec!r}")
        return "local", n
    if spec.startswith("tcp://"):
        return "tcp", spec
    raise SettingsError(f"--cluster takes local:N or tcp://HOST:PORT, not {spec!r}")


def connect(spec: str) -> Any:
    """A Dask client for ``spec`` (a LocalCluster it owns for ``local:N``)."""
    from distributed import Client, LocalCluster

    kind, value = parse_cluster(spec)
    # Dask sets its loggers to INFO: keep them at the CLI's level (warnings by default)
    quiet = max(logging.WARNING, logging.getLogger().getEffectiveLevel())
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(quiet)
    # "Worker process still alive after 4.0 seconds, killing" when a local cluster closes
    # (workers unloading spaCy and torch): expected, not worth a warning
    logging.getLogger("distributed.nanny").setLevel(max(quiet, logging.ERROR))
    if kind == "local":
        cluster = LocalCluster(
            n_workers=int(value),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        )
        return Client(cluster, set_as_default=False)
    try:
        return Client(str(value), timeout=30, set_as_default=False)
    except OSError as exc:
        raise SettingsError(f"cannot reach the Dask scheduler at {value}: {exc}") from exc


def index_file(
    path: str,
    settings: ExtractSettings | None,
    model: PassageModel,
    store_url: str | None,
    data_dir: str,
) -> TaskResult:
    """One task, on a worker: extract, build passages, embed; store the pack when the store
    is a server store (``store_url``), else hand it back. Never raises for a bad file."""
    started = time.perf_counter()
    try:
        result = extract(Path(path), settings)
    except Exception as exc:  # noqa: BLE001 - the batch goes on
        return _done(FileOutcome(path, "failed", reason=one_line(exc)), started)
    if result.status is Status.FAILURE or result.pack is None:
        return _done(FileOutcome(path, "failed", reason=" ".join(result.reason.split())), started)
    pack = result.pack
    pid = pack_id_for(pack.sha256)
    try:
        passages = build_passages(pack, pid)
        vectors = _embed(model, [p.embed_text() for p in passages])
    except Exception as exc:  # noqa: BLE001
        return _done(FileOutcome(path, "failed", pid, reason=one_line(exc)), started)
    source = Path(path)
    item = pack_input(pack, passages, vectors, str(source.resolve()), result.status.value, source)
    warnings = [" ".join(e.message.split()) for e in result.errors[:MAX_WARNINGS]]
    outcome = FileOutcome(path, "indexed", pid, passages=len(passages), warnings=warnings)
    if store_url is None:
        return _done(outcome, started, item)
    return _done(store_item(_worker_store(store_url, data_dir), item, outcome), started)


def _embed(model: PassageModel, texts: list[str]) -> np.ndarray:
    from service.index.embed import embed_passages

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(embed_passages(model, texts), dtype=np.float32)


def _done(outcome: FileOutcome, started: float, item: PackInput | None = None) -> TaskResult:
    return TaskResult(outcome, item, time.perf_counter() - started, os.getpid())


def _worker_store(url: str, data_dir: str) -> Store:
    from service.store import open_store

    key = (url, data_dir)
    store = _stores.get(key)
    if store is None:
        store = _stores.setdefault(key, open_store(Path(data_dir), url=url, readers=1))
    return store


def store_item(store: Store, item: PackInput, outcome: FileOutcome) -> FileOutcome:
    """Store one pack whole; a pack another run (or a retried task) stored already counts as
    indexed with what is stored, never stored twice."""
    try:
        added = store.add_pack(item)
    except Exception as exc:  # noqa: BLE001 - one file's failure is reported, not raised
        return FileOutcome(outcome.file, "failed", outcome.pack, reason=one_line(exc))
    outcome.pack, outcome.replaced = added.pack_id, added.replaced
    if added.passages == 0 and item.passages:
        outcome.passages = store.pack_record(added.pack_id).passages
    return outcome


def run(
    client: Any,
    store: Store,
    paths: list[Path],
    settings: ExtractSettings | None,
    model: PassageModel,
    store_url: str | None,
    stats: list[TaskResult] | None = None,
) -> Iterator[FileOutcome]:
    """Index ``paths`` (already triaged: none of them stored) on the cluster of ``client``;
    yields each file's outcome as its task completes. ``store_url``: workers write to it
    (a PostgreSQL store); None: this process stores each pack (SQLite)."""
    from distributed import as_completed

    data_dir = str(getattr(store, "data_dir", "."))
    futures = {
        client.submit(
            index_file,
            str(p),
            settings,
            model,
            store_url,
            data_dir,
            key=f"index-{n}-{p.name}",
            pure=False,
        ): str(p)
        for n, p in enumerate(paths)
    }
    for future in as_completed(futures, loop=client.loop):
        name = futures[future]
        try:
            result: TaskResult = future.result()
        except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: the file killed workers
            log.warning("%s: task failed on the cluster: %s", name, one_line(exc))
            yield FileOutcome(name, "failed", reason=f"worker failed: {one_line(exc)}")
            continue
        finally:
            future.release()
        if stats is not None:
            stats.append(TaskResult(result.outcome, None, result.seconds, result.worker))
        if result.item is not None:
            yield store_item(store, result.item, result.outcome)
        else:
            yield result.outcome
