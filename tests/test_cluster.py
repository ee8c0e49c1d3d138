"""Batch indexing on Dask (``index --cluster``): a real LocalCluster of two worker processes
over the sample packs. Workers write to PostgreSQL; SQLite is written by the one indexing
process. A worker killed mid-task loses nothing and stores nothing twice."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from service.errors import SettingsError
from service.index.batch import IndexSummary
from service.index.cluster import parse_cluster
from service.index.indexer import Indexer
from service.store import open_store


def _folder(tmp_path: Path, sample_dir: Path, bad: bool) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    for pdf in sorted(sample_dir.glob("*.pdf")):
        shutil.copy(pdf, folder / pdf.name)
    if bad:
        (folder / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Cat")
    return folder


def test_cluster_specs_are_checked_before_any_work() -> None:
    assert parse_cluster("local:2") == ("local", 2)
    assert parse_cluster("tcp://10.0.0.5:8786") == ("tcp", "tcp://10.0.0.5:8786")
    for bad in ("local:0", "local:x", "10.0.0.5:8786"):
        with pytest.raises(SettingsError):
            parse_cluster(bad)


def test_workers_write_packs_to_postgresql_and_a_bad_file_fails_alone(
    pg_url: str, tmp_path: Path, sample_dir: Path, sample_indexed_dir: Path
) -> None:
    folder = _folder(tmp_path, sample_dir, bad=True)
    store = open_store(tmp_path / "data", url=pg_url)
    try:
        indexer = Indexer(store, cluster="local:2")
        indexer.cluster_stats = []
        summary = indexer.run([folder])
        by_file = {Path(f.file).name: f for f in summary.files}
        assert by_file["truncated.pdf"].status == "failed"
        assert by_file["truncated.pdf"].reason  # with its reason, one line
        assert "\n" not in (by_file["truncated.pdf"].reason or "")
        n = len(list(sample_dir.glob("*.pdf")))
        assert summary.count("indexed") == n, summary.to_dict()
        # the packs were stored by the worker processes, not by this one
        assert len(indexer.cluster_stats) == n + 1
        assert os.getpid() not in {s.worker for s in indexer.cluster_stats}
        with open_store(sample_indexed_dir) as reference:
            assert store.counts() == reference.counts()
            assert [m["pack"] for m in store.meetings()] == [
                m["pack"] for m in reference.meetings()
            ]
        # a re-run sends nothing: everything stored is skipped before any task
        again = Indexer(store, cluster="local:2")
        again.cluster_stats = []
        rerun = again.run([folder])
        assert rerun.count("skipped") == n and rerun.count("indexed") == 0
        # only the bad file was tried again
        assert [Path(s.outcome.file).name for s in again.cluster_stats] == ["truncated.pdf"]
        assert store.counts() == reference.counts()
    finally:
        store.close()


def test_a_worker_killed_mid_task_loses_nothing_and_stores_nothing_twice(
    tmp_path: Path, sample_dir: Path, sample_indexed_dir: Path
) -> None:
    from distributed import Client, LocalCluster

    folder = _folder(tmp_path, sample_dir, bad=False)
    store = open_store(tmp_path / "data")
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = Client(cluster, set_as_default=False)
    result: list[IndexSummary] = []
    try:
        indexer = Indexer(store, cluster=cluster.scheduler_address)
        run = threading.Thread(target=lambda: result.append(indexer.run([folder])))
        run.start()
        deadline = time.monotonic() + 300
        busy: list[str] = []
        while not busy:  # a worker has a task: give it time to be in the middle of it
            assert time.monotonic() < deadline and run.is_alive(), "no task ever started"
            busy = [w for w, tasks in client.processing().items() if tasks]
            time.sleep(0.2)
        time.sleep(2.0)
        pids = client.run(os.getpid)
        victim = pids[busy[0]]
        os.kill(victim, signal.SIGKILL)
        run.join(600)
        assert victim not in client.run(os.getpid).values()  # it really died
        assert not run.is_alive() and result, "the batch did not finish"
        summary = result[0]
        n = len(list(sample_dir.glob("*.pdf")))
        assert summary.count("indexed") == n, summary.to_dict()
        with open_store(sample_indexed_dir) as reference:
            assert store.counts() == reference.counts()  # each pack once, whole
        assert len({f.pack for f in summary.files}) == n
        # a re-run does only what is missing: nothing
        rerun = Indexer(store, cluster=cluster.scheduler_address).run([folder])
        assert rerun.count("skipped") == n
    finally:
        client.close()
        cluster.close()
        store.close()
