"""Load: concurrent ``/search`` and ``/ask`` clients against ``boardpapers serve`` while a second
process indexes new packs into the same data dir.

    python -m benchmarks.load [--data-dir DIR] [--clients 20] [--requests 15] [--packs 8]

Starts the server (a real uvicorn process on 127.0.0.1, a free port) over DIR, indexing
``corpora/sample`` into it first when it is empty; then starts ``boardpapers index`` of
``--packs`` freshly generated small packs into the same DIR and, from its first commit on, runs
the clients (each pausing ``--pace`` seconds on average between requests) while it writes. Every response must be 200 with a JSON body; anything else is an error. Prints p50/p95
latency, the error count, and whether the server finds every new pack by a dense (semantic) search once
the writer is done (its vector index follows the other process's commits). Exit 1 on any error.

The pack generator (:func:`write_pack`) is also used by the crash-safety and load tests: small
(three-page) packs, each about its own fictional topic, so a search can tell them apart.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample"

# ------------------------------------------------------------------ small packs

# (agenda title, what the report proposes): distinct words per topic, so searches tell packs apart
TOPICS: list[tuple[str, str]] = [
    ("Quince Lane Footbridge", "replace the corroded Quince Lane footbridge over the River Wend"),
    ("Heronsgate Allotments", "extend the Heronsgate allotments onto the old nursery field"),
    ("Marlpit Library Hours", "open Marlpit library on Sunday afternoons for a trial year"),
    ("Tollgate Bus Shelters", "install solar lighting in the Tollgate bus shelters"),
    ("Fennick Reservoir Algae", "treat blue-green algae in Fennick reservoir with barley straw"),
    ("Brackley Moor Turbines", "lease Brackley Moor for three community wind turbines"),
    ("Saltcote Sea Wall", "raise the Saltcote sea wall by half a metre before winter storms"),
    ("Elderwood Care Home Fees", "cap weekly fees at Elderwood care home for existing residents"),
    ("Pennyroyal Skate Park", "build a concrete skate park on Pennyroyal recreation ground"),
    ("Wickham Ford Flood Gauges", "fit telemetry flood gauges at Wickham Ford and Stoke Mill"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September"]


@dataclass(slots=True)
class GeneratedPack:
    path: Path
    title: str  # the agenda item the pack is about
    proposal: str  # a sentence only this pack holds
    date: str  # YYYY-MM-DD of the meeting


def write_pack(path: Path, n: int) -> GeneratedPack:
    """Write a small valid agenda pack (front sheet + agenda, a report, minutes) about topic ``n``.

    Deterministic: the same ``n`` gives the same bytes; different ``n`` different hashes.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    title, proposal = TOPICS[n % len(TOPICS)]
    if n >= len(TOPICS):
        title = f"{title} (phase {n // len(TOPICS) + 1})"
    month = n % len(MONTHS)
    day = 3 + (n * 5) % 24
    date_text = f"{day} {MONTHS[month]} 2023"
    iso = f"2023-{[1, 2, 3, 4, 5, 6, 7, 9][month]:02d}-{day:02d}"
    pages = [
        [
            "NOTICE OF MEETING",
            "Meeting    Wessex Vale District Council Place Committee",
            f"Date and Time    Monday, {date_text} at 10.00 am",
            "Place    Council Chamber, Vale House, Ambridge",
            "",
            "AGENDA",
            "1. APOLOGIES FOR ABSENCE",
            "To receive any apologies for absence.",
            "2. MINUTES OF THE PREVIOUS MEETING",
            "To confirm the minutes of the previous meeting.",
            f"3. {title.upper()}",
            f"To consider a report of the Director of Place on the proposal to {proposal}.",
        ],
        [
            "Wessex Vale District Council",
            "Decision Report",
            "Committee: Place Committee",
            f"Date: {date_text}",
            f"Title: {title}",
            "Report From: Director of Place",
            "1. Recommendations",
            f"1.1 That the committee agrees to {proposal}.",
            "2. Executive Summary",
            f"2.1 Residents asked the council to {proposal}. The cost of £{40 + n}0,000 is met",
            "from the capital programme for 2023/24 and no new borrowing is needed.",
            f"2.2 Consultation on the {title} scheme ran for six weeks and most replies agreed.",
        ],
        [
            "MINUTES of a meeting of the Place Committee held at Vale House",
            f"on Monday, {date_text}",
            "Present: Councillor A Archer (Chairman), Councillors B Grundy and C Aldridge",
            f"12. {title.upper()}",
            f"The committee considered the report on the proposal to {proposal}.",
            f"RESOLVED: that the council will {proposal}.",
        ],
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(f"Place Committee {iso}")
    for number, lines in enumerate(pages, start=1):
        c.setFont("Helvetica", 11)
        y = 780.0
        for text in lines:
            c.drawString(60, y, text)
            y -= 18
        c.drawString(285, 40, f"Page {number}")
        c.showPage()
    c.save()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return GeneratedPack(path=path, title=title, proposal=proposal, date=iso)


def write_packs(folder: Path, count: int, first: int = 0) -> list[GeneratedPack]:
    return [
        write_pack(folder / f"place-committee-{n:02d}.pdf", n) for n in range(first, first + count)
    ]


# ------------------------------------------------------------------ processes


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(data_dir: Path, *args: str) -> list[str]:
    """The ``boardpapers`` command line, run with this interpreter."""
    return [sys.executable, "-m", "service.cli", "--data-dir", str(data_dir), *args]


def start_server(data_dir: Path, port: int, log: Path, env: dict[str, str] | None = None) -> Any:
    """``boardpapers serve`` in its own process group, its output in ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            cli(data_dir, "serve", "--host", "127.0.0.1", "--port", str(port)),
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )


def wait_ready(base: str, proc: Any, timeout: float = 180.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited during startup (code {proc.returncode})")
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the server at {base} was not ready within {timeout:.0f}s")


def stop(proc: Any, timeout: float = 30.0) -> None:
    """Stop a process started here (SIGTERM, then SIGKILL), by its id."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


# ------------------------------------------------------------------ clients

SEARCHES: list[dict[str, str]] = [
    {"q": "school transport budget"},
    {"q": "children in care placements", "mode": "dense"},
    {"q": "footbridge over the river", "mode": "bm25"},
    {"q": "allotments", "from": "2023-01-01", "to": "2024-12-31"},
    {"q": "recommendations to the committee", "kind": "recommendation"},
    {"q": '"sea wall"'},
    {"q": "wind turbines on the moor", "body": "place committee"},
    {"q": "UASC"},
]
QUESTIONS: list[dict[str, str]] = [
    {"q": "What did the committee decide about the footbridge?"},
    {"q": "How much does the Saltcote sea wall cost?"},
    {"q": "Who chaired the scrutiny committee?"},
    {"q": "What was resolved about library opening hours?", "from": "2023-01-01"},
]


@dataclass(slots=True)
class LoadReport:
    latencies: list[float] = field(default_factory=list)  # seconds, answered requests
    errors: list[str] = field(default_factory=list)  # one line per failed request
    unsent: int = 0  # requests not sent because the time budget ran out
    seconds: float = 0.0

    @property
    def sent(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile of the answered requests' latency (0 when none)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        rank = max(1, round(q / 100 * len(ordered) + 0.5))
        return ordered[min(rank, len(ordered)) - 1]

    def line(self) -> str:
        return (
            f"{self.sent} requests in {self.seconds:.1f}s ({self.unsent} not sent in time):"
            f" p50 {self.percentile(50):.3f}s, p95 {self.percentile(95):.3f}s,"
            f" max {max(self.latencies, default=0.0):.3f}s, errors {len(self.errors)}"
        )


def _check(route: str, resp: Any) -> str | None:
    """None when the response is 200 with the route's JSON; else one line saying what is wrong."""
    if resp.status_code != 200:
        return f"{route}: HTTP {resp.status_code} {' '.join(resp.text.split())[:200]}"
    try:
        body = resp.json()
    except ValueError:
        return f"{route}: body is not JSON: {resp.text[:120]!r}"
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        return f"{route}: JSON without a results list: {str(body)[:120]}"
    return None


def run_load(
    base: str,
    *,
    clients: int = 20,
    requests: int = 15,
    budget_s: float = 60.0,
    timeout_s: float = 60.0,
    pace_s: float = 0.0,
) -> LoadReport:
    """``clients`` threads, each sending ``requests`` requests (searches and questions in turn)
    one after another, waiting a random 0..2 x ``pace_s`` seconds between two (so the load
    spans a writer's commits); none is sent after ``budget_s`` seconds."""
    import random

    import httpx

    report = LoadReport()
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + budget_s
    gate = threading.Barrier(clients)

    def client(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(base_url=base, timeout=timeout_s) as http:
            gate.wait()
            for i in range(requests):
                if i and pace_s:
                    time.sleep(rng.uniform(0, 2 * pace_s))
                if time.monotonic() > deadline:
                    with lock:
                        report.unsent += requests - i
                    return
                n = k * requests + i
                if n % 3 == 2:
                    route, params = "/ask", QUESTIONS[n % len(QUESTIONS)]
                else:
                    route, params = "/search", SEARCHES[n % len(SEARCHES)]
                t = time.perf_counter()
                try:
                    problem = _check(route, http.get(route, params=params))
                except httpx.HTTPError as exc:
                    problem = f"{route}: {type(exc).__name__}: {exc}"
                took = time.perf_counter() - t
                with lock:
                    if problem is None:
                        report.latencies.append(took)
                    else:
                        report.errors.append(f"{problem} (params {params})")

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(budget_s + timeout_s + 30)
    report.seconds = time.monotonic() - start
    return report


def packs_not_found(base: str, packs: dict[str, GeneratedPack]) -> list[str]:
    """Ids of new packs (id -> pack) a dense search for their own proposal does not return."""
    import httpx

    missing = []
    with httpx.Client(base_url=base, timeout=60) as http:
        for pack_id, pack in packs.items():
            resp = http.get("/search", params={"q": pack.proposal, "mode": "dense", "limit": 5})
            resp.raise_for_status()
            if pack_id not in {r["pack"] for r in resp.json()["results"]}:
                missing.append(pack_id)
    return missing


# ------------------------------------------------------------------ the benchmark


@dataclass(slots=True)
class LoadRun:
    report: LoadReport
    writer_code: int
    writer_summary: dict[str, Any]
    commits_during_load: int  # packs the writer stored while the clients were running
    not_found: list[str]  # new packs the server could not find afterwards


def _commits(log: Path) -> int:
    """Packs a ``boardpapers index`` run has stored so far, from its progress lines."""
    try:
        return log.read_text(errors="replace").count("] indexed ")
    except OSError:
        return 0


def load_while_indexing(
    data_dir: Path,
    work: Path,
    *,
    clients: int = 20,
    requests: int = 15,
    packs: int = 8,
    budget_s: float = 60.0,
    pace_s: float = 0.5,
    writer_timeout_s: float = 600.0,
) -> LoadRun:
    """Serve ``data_dir``, index ``packs`` new packs into it from a second process, and load the
    server from its first commit on. ``work`` holds the generated packs and the logs."""
    work.mkdir(parents=True, exist_ok=True)
    generated = write_packs(work / "new-packs", packs)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(data_dir, port, work / "server.log")
    writer = None
    try:
        wait_ready(base, server)
        with (work / "writer.json").open("wb") as out, (work / "writer.log").open("wb") as err:
            writer = subprocess.Popen(
                cli(data_dir, "index", *(str(g.path) for g in generated), "--json"),
                stdout=out,
                stderr=err,
                cwd=ROOT,
                start_new_session=True,
            )
        log = work / "writer.log"
        deadline = time.monotonic() + writer_timeout_s
        while _commits(log) == 0 and writer.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)  # start the clients once the writer commits: it goes on meanwhile
        before = _commits(log)
        report = run_load(
            base, clients=clients, requests=requests, budget_s=budget_s, pace_s=pace_s
        )
        during = _commits(log) - before
        code = writer.wait(writer_timeout_s)
        summary = json.loads((work / "writer.json").read_text() or "{}")
        by_path = {str(g.path): g for g in generated}
        new = {
            f["pack"]: by_path[f["file"]]
            for f in summary.get("files", [])
            if f["status"] == "indexed" and f["file"] in by_path
        }
        not_found = packs_not_found(base, new)
        return LoadRun(report, code, summary, during, not_found)
    finally:
        if writer is not None:
            stop(writer)
        stop(server)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="store to serve (default: temp)"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=15, help="requests per client")
    parser.add_argument("--packs", type=int, default=8, help="new packs indexed during the load")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds to send requests")
    parser.add_argument(
        "--pace", type=float, default=0.5, help="mean seconds a client waits between requests"
    )
    args = parser.parse_args(argv)

    import tempfile

    with tempfile.TemporaryDirectory(prefix="bp-load-") as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        if not (data_dir / "store.db").exists():
            sys.stderr.write(f"load: indexing {SAMPLE} into {data_dir}\n")
            subprocess.run(cli(data_dir, "index", str(SAMPLE)), cwd=ROOT, check=False)
        run = load_while_indexing(
            data_dir,
            Path(tmp) / "work",
            clients=args.clients,
            requests=args.requests,
            packs=args.packs,
            budget_s=args.budget,
            pace_s=args.pace,
        )
    report = run.report
    print(f"load: {args.clients} clients x {args.requests} requests, {args.packs} packs indexed")
    print(f"load: {report.line()}")
    stored = run.writer_summary.get("indexed", 0)
    print(
        f"load: writer exit {run.writer_code}, {run.commits_during_load} of its {stored} packs"
        f" stored during the load; found by the server afterwards: {stored - len(run.not_found)}"
    )
    for err in report.errors[:20]:
        print(f"error: {err}")
    return 1 if report.errors or run.not_found or run.writer_code != 0 else 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
