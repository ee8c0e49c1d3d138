"""``boardpapers serve --workers 2``: a real server of two processes on 127.0.0.1. An upload
received by one is indexed there, and its job answers from either (jobs live in the store),
on both stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.live_server import free_port

TOKEN = "workers-token-5c1e"


def _serve(data_dir: Path, store: str | None, port: int) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "service.cli", "--data-dir", str(data_dir)]
    if store:
        args += ["--store", store]
    args += ["serve", "--workers", "2", "--port", str(port)]
    env = {**os.environ, "BOARDPAPERS_TOKEN": TOKEN, "BOARDPAPERS_EMBED_BACKEND": "torch"}
    return subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def _wait_until_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the server exited during startup"
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the server did not answer within {timeout:.0f}s")


def _workers(proc: subprocess.Popen[bytes]) -> list[int]:
    """The server processes answering requests (uvicorn's spawned children, not the
    multiprocessing resource tracker)."""
    kids = psutil.Process(proc.pid).children()
    return [k.pid for k in kids if "spawn_main" in " ".join(k.cmdline())]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_upload_job_answers_from_either_worker(
    backend: str, tmp_path: Path, sample_dir: Path, request: pytest.FixtureRequest
) -> None:
    store = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    pdf = sorted(sample_dir.glob("*.pdf"))[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve(tmp_path / "data", store, port)
    try:
        _wait_until_up(base, proc)
        assert len(_workers(proc)) >= 2, "serve --workers 2 runs two server processes"
        with open(pdf, "rb") as fh:
            resp = httpx.post(
                f"{base}/packs",
                files={"file": (pdf.name, fh, "application/pdf")},
                headers={"Authorization": f"Bearer {TOKEN}"},
                timeout=60,
            )
        assert resp.status_code == 202, resp.text
        job_id = resp.json()["id"]
        # each poll on a new connection: the kernel hands it to either process; with jobs in
        # one process's memory about half of these would be 404
        states = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            r = httpx.get(f"{base}/jobs/{job_id}", timeout=30, headers={"Connection": "close"})
            assert r.status_code == 200, r.text
            states.append(r.json())
            if states[-1]["status"] in ("done", "failed"):
                break
            time.sleep(0.3)
        final = states[-1]
        assert final["status"] == "done", final
        assert "owner" not in final
        for _ in range(20):  # done, whichever process answers
            r = httpx.get(f"{base}/jobs/{job_id}", timeout=30, headers={"Connection": "close"})
            assert r.status_code == 200 and r.json()["status"] == "done"
        packs = httpx.get(f"{base}/packs", timeout=30).json()["packs"]
        assert [p["id"] for p in packs] == [final["pack"]]
        found = httpx.get(f"{base}/search", params={"q": "youth centres"}, timeout=60).json()
        assert found["results"], found
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)
