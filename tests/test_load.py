"""Searches during indexing: 20 clients against a real ``boardpapers serve`` while another process
indexes into the same data dir. Every response is 200 JSON; the server then finds the new packs.

Timings are printed (p50/p95), never asserted: CI machines differ.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.load import LoadRun, load_while_indexing

CLIENTS = 20
REQUESTS = 15
NEW_PACKS = 10


@pytest.fixture(scope="module")
def load_run(sample_indexed_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> LoadRun:
    root = tmp_path_factory.mktemp("load")
    data_dir = root / "data"
    shutil.copytree(sample_indexed_dir, data_dir)  # the session's store stays as it was
    run = load_while_indexing(
        data_dir,
        root / "work",
        clients=CLIENTS,
        requests=REQUESTS,
        packs=NEW_PACKS,
        budget_s=60.0,
        pace_s=0.5,
    )
    print(f"\nload: {CLIENTS} clients x {REQUESTS} requests: {run.report.line()}")
    print(f"load: {run.commits_during_load} of {NEW_PACKS} new packs stored during the load")
    return run


@pytest.mark.slow
def test_concurrent_searches_while_another_process_indexes_all_succeed(load_run: LoadRun) -> None:
    report = load_run.report
    assert report.errors == [], report.errors[:10]
    assert report.sent >= CLIENTS * 2 and report.latencies  # the load did run
    assert load_run.commits_during_load >= 1  # ... while the writer was committing


@pytest.mark.slow
def test_the_writer_indexed_every_new_pack_despite_the_load(load_run: LoadRun) -> None:
    assert load_run.writer_code == 0, load_run.writer_summary
    assert load_run.writer_summary["indexed"] == NEW_PACKS


@pytest.mark.slow
def test_the_server_finds_packs_another_process_indexed(load_run: LoadRun) -> None:
    # dense search: the server's vector index must follow the other process's commits
    assert load_run.not_found == []


# ------------------------------------------------------------------ in one process


def test_filter_masks_never_fail_while_the_attributes_grow() -> None:
    """The server's filter attributes (body, date, kind by passage id) grow as another process's
    packs arrive, while request threads build filter masks from them: no mask may fail."""
    import threading

    import numpy as np

    from service.store.attrs import PassageAttributes

    attrs = PassageAttributes()
    top = {"id": 0}

    def rows(after: int):  # type: ignore[no-untyped-def]
        yield [
            (i, "place committee", "2023-01-05", "report") for i in range(after + 1, top["id"] + 1)
        ]

    def deletions(seq: int) -> tuple[np.ndarray, int]:
        return np.zeros(0, dtype=np.int64), seq

    errors: list[str] = []
    done = threading.Event()

    def grow() -> None:  # what refresh_vectors does as packs are committed
        while not done.is_set():
            top["id"] += 7
            attrs.sync(top["id"], 0, rows, deletions)

    def read() -> None:
        while not done.is_set():
            try:
                mask = attrs.mask(["place committee"], "2023-01-01", "2024-01-01", "report")
                assert mask.dtype == bool
            except Exception as exc:  # noqa: BLE001 - collected: there must be none
                errors.append(repr(exc))
                done.set()

    threads = [threading.Thread(target=grow)] + [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    done.wait(3.0)
    done.set()
    for t in threads:
        t.join(30)
    assert errors == [], errors[:3]
    assert top["id"] > 1000  # it did grow meanwhile


def test_filter_masks_select_what_isin_selects() -> None:
    """A filter's codes (bodies, packs, kinds) select exactly the passages np.isin selects,
    for a few codes (compared one by one) and for many (a lookup table), with the codes of
    removed passages (-2), unknown ones (-1) and codes a concurrent sync added past those
    the mask was asked with."""
    import numpy as np

    from service.store.attrs import FEW_CODES, _among

    rng = np.random.default_rng(3)
    values = rng.integers(-2, 60, 20_000).astype(np.int32)
    for n in (0, 1, 2, FEW_CODES, FEW_CODES + 1, 40):
        codes = [int(c) for c in rng.choice(np.arange(-2, 50), n, replace=False)]
        got = _among(values, codes, 50)  # values 50..59: added after the codes were read
        assert (got == np.isin(values, np.array(codes, dtype=np.int32))).all(), n
    kinds = rng.integers(-1, 6, 5_000).astype(np.int8)
    assert (_among(kinds, [0, 3], 6) == np.isin(kinds, [0, 3])).all()
