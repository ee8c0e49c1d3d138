"""Crash safety: ``kill -9`` of ``boardpapers index`` at many points of a batch loses nothing.

One data dir, one folder of small generated packs, ten rounds: each round runs the same command
(the folder grows once, after a round that gets through all of it) and SIGKILLs it: at a random
moment (seeded), just after or a random moment after a pack is stored, or at an exact point (a
hook in the killed process: inside a pack's transaction with its PDF copied, right after a commit,
between writing the vector index file and renaming it). After every kill:

* the SQLite file passes ``PRAGMA integrity_check`` and the FTS5 index its own check;
* it holds only whole packs: every pack row has all its passages (as many as its stored Pack JSON
  yields) and a vector for each; no passage, vector or copied PDF lacks its pack;
* the extraction workers of the killed process exit by themselves;
* the next open of the store removes PDF copies no pack owns, and the vector index loads.

Then the same command, uninterrupted, indexes only what is missing, and a third run skips all.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import pytest

from benchmarks.load import write_packs
from extract.model import Pack
from service.index.passages import build_passages
from service.store import open_store

ROOT = Path(__file__).resolve().parent.parent
FIRST = 12  # packs in the folder at first
MORE = 16  # packs added to the folder after the round that indexes all the first ones
PACKS = FIRST + MORE
SEED = 20240615

# Runs `boardpapers ...` (argv[2:]); argv[1] = "none" or "<point>:<n>": SIGKILL itself at the n-th
# time the process reaches that point.
_RUNNER = r"""
import os, signal, sys
point, _, nth = sys.argv[1].partition(":")
calls = {"n": 0}

def reached():
    calls["n"] += 1
    if calls["n"] == int(nth):
        os.kill(os.getpid(), signal.SIGKILL)

def after(owner, name):
    original = getattr(owner, name)
    def wrapped(*args, **kwargs):
        out = original(*args, **kwargs)
        reached()
        return out
    setattr(owner, name, wrapped)

if point == "in-transaction":  # the pack's rows inserted and its PDF copied, before COMMIT
    from service.store.sqlite import SQLiteStore
    after(SQLiteStore, "_insert_pack")
elif point == "after-commit":  # the pack committed, before the PDFs it replaced are removed
    from service.store.sqlite import SQLiteStore
    after(SQLiteStore, "_add_many")
elif point == "vector-save":  # the faiss index file written, not yet renamed nor recorded
    import faiss
    after(faiss, "write_index")
elif point != "none":
    raise SystemExit(f"unknown kill point {point}")
from service.cli import main
sys.exit(main(sys.argv[2:]))
"""


@dataclass(slots=True)
class Round:
    how: str  # "time" (seconds after start) | "stored" (after the n-th pack stored) | a hook
    arg: float
    delay: float = 0.0  # "stored": seconds more before the kill
    outcome: str = ""
    seconds: float = 0.0
    packs_after: int = 0


@dataclass(slots=True)
class Batch:
    folder: Path
    data_dir: Path
    rounds: list[Round] = field(default_factory=list)
    final: dict[str, Any] = field(default_factory=dict)
    again: dict[str, Any] = field(default_factory=dict)
    index_files: list[str] = field(default_factory=list)  # the vector index dir at the end
    checks: list[str] = field(default_factory=list)  # what failed after some round
    orphans: list[str] = field(default_factory=list)  # processes that outlived their parent
    totals: list[tuple[int, int, int]] = field(default_factory=list)  # (packs, passages, vectors)


def command(batch: Batch, *extra: str) -> list[str]:
    return ["--data-dir", str(batch.data_dir), "index", str(batch.folder), *extra]


def run_killed(batch: Batch, rnd: Round) -> None:
    """Start the batch, SIGKILL the main process as ``rnd`` says, and wait for its tree to end."""
    point = "none" if rnd.how in ("time", "stored") else f"{rnd.how}:{int(rnd.arg)}"
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUNNER, point, *command(batch)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    )
    stored = threading.Semaphore(0)
    lines: list[str] = []

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            if "] indexed " in line:
                stored.release()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    tree: dict[int, psutil.Process] = {}

    def watch() -> None:  # the indexer's workers, as they come
        try:
            main = psutil.Process(proc.pid)
            while proc.poll() is None:
                for child in main.children(recursive=True):
                    tree.setdefault(child.pid, child)
                time.sleep(0.1)
        except psutil.Error:
            pass

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    if rnd.how == "time":
        deadline = started + rnd.arg
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    elif rnd.how == "stored":
        for _ in range(int(rnd.arg)):
            while proc.poll() is None and not stored.acquire(timeout=0.1):
                pass
        time.sleep(rnd.delay)
    if proc.poll() is None and rnd.how in ("time", "stored"):
        os.kill(proc.pid, signal.SIGKILL)  # kill -9 of the indexer only, not its group
    code = proc.wait(300)
    watcher.join(10)
    rnd.seconds = time.monotonic() - started
    reader.join(10)
    rnd.outcome = "killed" if code == -signal.SIGKILL else f"exited {code}"
    if code not in (-signal.SIGKILL, 0):
        batch.checks.append(f"{rnd}: exit {code}: {''.join(lines)[-500:]}")
    # the extraction workers of a killed indexer must not outlive it
    deadline = time.monotonic() + 20
    alive = [p for p in tree.values() if _alive(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if _alive(p)]
    for p in alive:
        batch.orphans.append(f"{rnd.how}:{rnd.arg}: pid {p.pid} {' '.join(p.cmdline())[:80]}")
        p.kill()  # a process this test started (a child of the killed indexer)


def _alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def run_to_end(batch: Batch) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", *command(batch, "--json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    summary: dict[str, Any] = json.loads(proc.stdout)
    return summary


# ------------------------------------------------------------------ store checks


def db_problems(data_dir: Path) -> tuple[list[str], tuple[int, int, int]]:
    """What is wrong with the SQLite file right after a kill (before the store opens it)."""
    db = data_dir / "store.db"
    if not db.exists():
        return [], (0, 0, 0)
    problems: list[str] = []
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchall()
        if ok != [("ok",)]:
            problems.append(f"integrity_check: {ok[:5]}")
        try:
            con.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"fts5 integrity-check: {exc}")
        dup = con.execute("SELECT sha256 FROM packs GROUP BY sha256 HAVING count(*) > 1").fetchall()
        if dup:
            problems.append(f"same sha stored twice: {dup}")
        for pid, sha, n, pack_json in con.execute(
            "SELECT id, sha256, passages, pack_json FROM packs"
        ).fetchall():
            rows = con.execute("SELECT count(*) FROM passages WHERE pack_id = ?", (pid,)).fetchone()
            vecs = con.execute(
                "SELECT count(*) FROM vectors JOIN passages ON passages.id = vectors.passage_id"
                " WHERE passages.pack_id = ?",
                (pid,),
            ).fetchone()
            derived = len(build_passages(Pack.from_dict(json.loads(pack_json)), pid))
            if not (rows[0] == vecs[0] == n == derived and n > 0):
                problems.append(
                    f"pack {pid}: row says {n}, {rows[0]} passages, {vecs[0]} vectors, "
                    f"Pack JSON gives {derived}"
                )
            if not (data_dir / "pdfs" / f"{sha}.pdf").is_file():
                problems.append(f"pack {pid}: its PDF copy is missing")
        loose = con.execute(
            "SELECT count(*) FROM passages WHERE pack_id NOT IN (SELECT id FROM packs)"
        ).fetchone()[0]
        loose_vecs = con.execute(
            "SELECT count(*) FROM vectors WHERE passage_id NOT IN (SELECT id FROM passages)"
        ).fetchone()[0]
        if loose or loose_vecs:
            problems.append(f"{loose} passages and {loose_vecs} vectors without their pack")
        totals = con.execute(
            "SELECT (SELECT count(*) FROM packs), (SELECT count(*) FROM passages),"
            " (SELECT count(*) FROM vectors)"
        ).fetchone()
    finally:
        con.close()
    return problems, (int(totals[0]), int(totals[1]), int(totals[2]))


def store_problems(data_dir: Path) -> list[str]:
    """What is wrong once the store has been opened again (the next start)."""
    problems: list[str] = []
    store = open_store(data_dir)
    try:
        shas = {r.sha256 for r in store.list_packs()}
        store.refresh_vectors(save=False)
        vectors = store.counts()["passages"]
        if store.vectors.size != vectors:  # type: ignore[attr-defined]
            problems.append(f"vector index holds {store.vectors.size}, store {vectors}")  # type: ignore[attr-defined]
    finally:
        store.close()
    files = sorted(p.name for p in (data_dir / "pdfs").iterdir())
    if files != sorted(f"{sha}.pdf" for sha in shas):
        problems.append(f"PDF copies {files} do not match the stored packs {sorted(shas)}")
    return problems


def check(batch: Batch, label: str) -> None:
    problems, totals = db_problems(batch.data_dir)
    problems += store_problems(batch.data_dir)
    batch.totals.append(totals)
    batch.checks.extend(f"after {label}: {p}" for p in problems)


# ------------------------------------------------------------------ the batch


def plan(rng: random.Random) -> list[Round]:
    """Ten kill points: a random moment of startup, just after or a random moment after a pack is
    stored (extraction, embedding, storing the next), and exact points inside a pack's
    transaction, after a commit and in the vector-index save.

    Anchored to events rather than to the clock, each round stores a bounded number of packs on a
    fast machine as on a slow one, so every round finds work (see FIRST and MORE).
    """
    return [
        Round("time", round(rng.uniform(0.3, 1.0), 2)),  # while starting up
        Round("in-transaction", 1),
        Round("stored", 1),
        Round("after-commit", 1),
        Round("stored", 1, delay=round(rng.uniform(0.0, 0.3), 2)),
        Round("vector-save", 1),  # at the end of a run: every pack of the folder is stored
        Round("stored", 2),  # ... so the folder grows before this round
        Round("in-transaction", 2),
        Round("stored", 1, delay=round(rng.uniform(0.0, 0.3), 2)),
        Round("stored", 1),  # ... and packs are left for the uninterrupted run
    ]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    root = tmp_path_factory.mktemp("crash")
    b = Batch(folder=root / "packs", data_dir=root / "data")
    write_packs(b.folder, FIRST)
    for rnd in plan(random.Random(SEED)):
        if b.rounds and b.rounds[-1].how == "vector-save":
            write_packs(b.folder, MORE, first=FIRST)
        run_killed(b, rnd)
        label = f"{rnd.how} {rnd.arg}+{rnd.delay} ({rnd.outcome} at {rnd.seconds:.1f}s)"
        check(b, label)
        rnd.packs_after = b.totals[-1][0]
        b.rounds.append(rnd)
    print("\nkill points (trigger, arg, outcome, seconds, packs stored):")
    for rnd in b.rounds:
        print(
            f"  {rnd.how:<15} {rnd.arg:>6} +{rnd.delay:<4} {rnd.outcome:<8} {rnd.seconds:6.1f}s"
            f" {rnd.packs_after}"
        )
    b.final = run_to_end(b)
    check(b, "the uninterrupted run")
    b.again = run_to_end(b)
    check(b, "the third run")
    b.index_files = sorted(p.name for p in (b.data_dir / "index").iterdir())
    return b


@pytest.mark.slow
def test_every_kill_leaves_a_store_of_whole_packs(batch: Batch) -> None:
    assert batch.checks == []
    killed = [r for r in batch.rounds if r.outcome == "killed"]
    assert len(killed) >= 8, [(r.how, r.arg, r.outcome) for r in batch.rounds]
    # the kills fell at different stages of the batch
    stored = [r.packs_after for r in batch.rounds]
    assert len(set(stored)) >= 5, stored


@pytest.mark.slow
def test_workers_of_a_killed_indexer_exit_by_themselves(batch: Batch) -> None:
    assert batch.orphans == []


@pytest.mark.slow
def test_vector_index_files_of_killed_saves_are_cleaned_up(batch: Batch) -> None:
    assert any(r.how == "vector-save" and r.outcome == "killed" for r in batch.rounds)
    files = batch.index_files
    assert "vectors.json" in files and not [f for f in files if f.endswith(".tmp")], files
    assert len([f for f in files if f.endswith(".faiss")]) == 1, files


@pytest.mark.slow
def test_rerun_after_kills_indexes_only_what_is_missing(batch: Batch) -> None:
    before = batch.rounds[-1].packs_after
    final = batch.final
    assert (final["indexed"], final["skipped"], final["failed"]) == (PACKS - before, before, 0)
    assert final["indexed"] >= 1  # the kills left work for it
    assert batch.totals[-2][0] == PACKS
    names = {Path(f["file"]).name for f in final["files"]}
    assert len(names) == PACKS


@pytest.mark.slow
def test_third_run_skips_everything_and_changes_nothing(batch: Batch) -> None:
    again = batch.again
    assert (again["indexed"], again["skipped"], again["failed"]) == (0, PACKS, 0)
    assert all(re.fullmatch(r"already indexed", f["reason"]) for f in again["files"])
    assert batch.totals[-1] == batch.totals[-2]
