"""Serving at scale: a synthetic store of N passages, /search and /ask latency, server memory.

    python benchmarks/serve.py [--n 1000000] [--data-dir DIR] [--seed-dir DIR] [--queries 300]
                               [--backend auto|torch|onnx] [--reuse] [--postgres URL]
                               [--postgres-only]

``--postgres URL``: the same passages are also built into that PostgreSQL database (rows,
then the HNSW index once) and served the same way after SQLite, with the memory of the
PostgreSQL processes. ``--postgres-only``: the SQLite store is neither built nor served.

1. Seed: real passages and their real vectors from a store holding the corpus
   (``--seed-dir``; else ../shared/corpus is indexed into DIR/seed first).
2. Build: N passages made by perturbing seed passages (random word drops and swaps;
   random bodies, councils and dates; vectors = seed vector + noise, normalised),
   grouped into synthetic packs and written through the store's bulk API
   (``Store.add_packs``), then the vector index is built (``refresh_vectors``).
   ``--reuse`` skips the build when DIR already holds a store.
3. Serve: ``boardpapers serve`` in a subprocess on 127.0.0.1; a few hundred /search
   queries (keyword spans, questions, references; a share with body/date/kind filters),
   one at a time, after a short warm-up; then /ask with every question of the evaluation
   set (``corpora/eval/questions.json``, 72 councillors' questions, each asked once, after
   a warm-up with the sample set's questions). Prints p50/p95/p99 latency and the server's
   RSS (current and peak). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.model import Meeting, Pack  # noqa: E402
from service.index.passages import pack_input  # noqa: E402
from service.store import PackInput, Passage, open_store  # noqa: E402

SHARED = ROOT.parent / "shared"
EVAL_QUESTIONS = ROOT / "corpora" / "eval" / "questions.json"
SAMPLE_QUESTIONS = ROOT / "corpora" / "sample" / "questions.json"
COUNCILS = [
    "Borsetshire County Council",
    "Midsomer District Council",
    "Wessex County Council",
    "Barchester City Council",
    "Loamshire County Council",
    "Ambridge Parish Council",
    "Mercia Borough Council",
    "Northmoor Metropolitan Borough Council",
]
BODIES = [
    "Cabinet",
    "Full Council",
    "Corporate Parenting Board",
    "Children and Young People Select Committee",
    "Planning Committee",
    "Licensing Committee",
    "Audit Committee",
    "Health and Wellbeing Board",
    "Adults Health and Care Select Committee",
    "Children and Families Advisory Panel",
    "Economy Transport and Environment Select Committee",
    "Pension Fund Panel",
    "Standards Committee",
    "Regulatory Committee",
    "Policy and Resources Committee",
    "Schools Forum",
    "Employment in Hampshire County Council Committee",
    "Buildings Land and Procurement Panel",
    "Culture and Communities Select Committee",
    "Resources Select Committee",
    "Overview and Scrutiny Committee",
    "Housing Committee",
    "Environment Committee",
    "Transport Panel",
    "Appeals Panel",
    "Joint Committee",
    "Fire and Rescue Authority",
    "Police and Crime Panel",
    "Education Advisory Panel",
    "Community Safety Partnership",
]
KINDS = ["resolution", "recommendation", "minutes", "agenda", "report", "page"]
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")


# ------------------------------------------------------------------- seed


def load_seed(seed_dir: Path) -> tuple[list[Passage], np.ndarray]:
    store = open_store(seed_dir)
    try:
        passages = [p for batch in store.iter_passages() for p in batch]
        vecs = store.vectors_for([p.id for p in passages])  # type: ignore[attr-defined]
    finally:
        store.close()
    passages = [p for p in passages if p.id in vecs]
    return passages, np.stack([vecs[p.id] for p in passages]).astype(np.float32)


def ensure_seed(args: argparse.Namespace) -> Path:
    if args.seed_dir:
        return Path(args.seed_dir)
    seed = Path(args.data_dir) / "seed"
    store = open_store(seed)
    try:
        if store.counts()["packs"] == 0:
            from service.index.indexer import index_paths

            print("indexing the corpus as seed ...", flush=True)
            index_paths(store, [SHARED / "corpus"])
    finally:
        store.close()
    return seed


# ------------------------------------------------------------------ build


def perturb(words: list[str], rng: np.random.Generator) -> str:
    keep = rng.random(len(words)) > 0.12
    out = [w for w, k in zip(words, keep, strict=True) if k] or words[:1]
    for _ in range(max(1, len(out) // 20)):
        if len(out) > 1:
            i = int(rng.integers(0, len(out) - 1))
            out[i], out[i + 1] = out[i + 1], out[i]
    return " ".join(out)


def synthetic_packs(
    n: int, seed: list[Passage], seed_vecs: np.ndarray, rng: np.random.Generator
) -> Iterator[PackInput]:
    words = [p.text.split() for p in seed]
    sigma = 0.032  # cosine to the seed vector ~0.85
    made = 0
    number = 0
    start = np.datetime64("2008-01-01")
    while made < n:
        size = int(min(n - made, rng.integers(150, 450)))
        number += 1
        council = COUNCILS[int(rng.integers(len(COUNCILS)))]
        body = BODIES[int(rng.integers(len(BODIES)))]
        date = str(start + np.timedelta64(int(rng.integers(0, 18 * 365)), "D"))
        picks = rng.integers(0, len(seed), size)
        passages = []
        for i in picks:
            s = seed[int(i)]
            passages.append(
                Passage(
                    kind=s.kind,
                    text=perturb(words[int(i)], rng),
                    body=body,
                    meeting_date=date,
                    agenda_item=s.agenda_item,
                    item_title=s.item_title,
                    page=s.page,
                )
            )
        vecs = seed_vecs[picks] + rng.normal(0.0, sigma, (size, seed_vecs.shape[1])).astype(
            np.float32
        )
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        sha = secrets.token_hex(32)
        pack = Pack(
            source=f"synthetic-{number:07d}.pdf",
            sha256=sha,
            page_count=int(max(p.page or 1 for p in passages)),
            meeting=Meeting(council=council, body=body, date=date),
        )
        for p in passages:
            p.pack = sha[:16]
        yield pack_input(pack, passages, vecs, source_key=f"synthetic/{number}")
        made += size


def build_postgres(args: argparse.Namespace, seed_dir: Path) -> None:
    """The same synthetic passages (same seed) into the PostgreSQL store ``args.postgres``:
    rows first, then the HNSW index built once over them (as a bulk import would), VACUUM
    (ANALYZE)."""
    store = open_store(Path(args.data_dir) / "pgstore", url=args.postgres)
    if args.reuse and store.counts()["passages"] >= args.n:
        print(f"reusing {args.postgres}: {store.counts()}")
        store.close()
        return
    seed, seed_vecs = load_seed(seed_dir)
    rng = np.random.default_rng(20240101)
    pool = store.pool  # type: ignore[attr-defined]
    with pool.conn() as conn:
        conn.execute("DROP INDEX IF EXISTS passages_embedding")
    t = time.perf_counter()
    done = 0
    for item_batch in _batched(synthetic_packs(args.n, seed, seed_vecs, rng), 20):
        store.add_packs(item_batch)
        before = done
        done += sum(len(i.passages) for i in item_batch)
        if done // 100_000 != before // 100_000:
            print(f"  {done:,} passages, {time.perf_counter() - t:.0f}s", flush=True)
    rows_s = time.perf_counter() - t
    t = time.perf_counter()
    with pool.conn() as conn:
        # at least 1 GB for the build (the graph of 1M passages is about 2 GB: a server set
        # higher, as the README's benchmark server is, keeps its own setting)
        row = conn.execute(
            "SELECT setting::bigint * 1024 FROM pg_settings WHERE name = 'maintenance_work_mem'"
        ).fetchone()
        if row is None or int(row[0]) < 2**30:
            conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute(
            "CREATE INDEX passages_embedding ON passages USING hnsw (embedding vector_cosine_ops)"
        )
        # (and VACUUM: the visibility map set, as a bulk import leaves it, so counts under a
        # filter are index-only scans rather than waiting for autovacuum)
        conn.execute("VACUUM (ANALYZE)")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    index_s = time.perf_counter() - t
    n = store.counts()["passages"]
    print(
        f"PostgreSQL: built {n:,} passages in {rows_s:.0f}s ({n / rows_s:,.0f}/s); HNSW index"
        f" in {index_s:.0f}s; database {size / 2**30:.2f} GiB"
    )
    store.close()


def postgres_memory_mb() -> float:
    """USS of every PostgreSQL server process (shared buffers counted once, in none)."""
    import psutil

    total = 0
    for proc in psutil.process_iter(["name"]):
        if proc.info["name"] == "postgres":
            try:
                total += proc.memory_full_info().uss
            except (psutil.Error, OSError):
                continue
    return total / 2**20


def build(args: argparse.Namespace, seed_dir: Path) -> Path:
    data = Path(args.data_dir) / "store"
    store = open_store(data)
    if args.reuse and store.counts()["passages"] >= args.n:
        print(f"reusing {data}: {store.counts()}")
        store.close()
        return data
    seed, seed_vecs = load_seed(seed_dir)
    print(f"seed: {len(seed)} real passages", flush=True)
    rng = np.random.default_rng(20240101)
    t = time.perf_counter()
    done = 0
    for item_batch in _batched(synthetic_packs(args.n, seed, seed_vecs, rng), 20):
        store.add_packs(item_batch, commit_every=20)  # type: ignore[call-arg]
        done += sum(len(i.passages) for i in item_batch)
        if done // 100_000 != (done - sum(len(i.passages) for i in item_batch)) // 100_000:
            print(f"  {done:,} passages, {time.perf_counter() - t:.0f}s", flush=True)
    rows_s = time.perf_counter() - t
    t = time.perf_counter()
    store.refresh_vectors(save=True)
    index_s = time.perf_counter() - t
    state = store.vectors.state  # type: ignore[attr-defined]
    print(
        f"built {store.counts()['passages']:,} passages in {rows_s:.0f}s "
        f"({store.counts()['passages'] / rows_s:,.0f}/s); vector index {state.kind if state else '?'} "
        f"in {index_s:.0f}s"
    )
    store.close()
    size = sum(f.stat().st_size for f in data.rglob("*") if f.is_file())
    print(f"store on disk: {size / 2**30:.2f} GiB")
    return data


def _batched(it: Iterator[PackInput], n: int) -> Iterator[list[PackInput]]:
    batch: list[PackInput] = []
    for x in it:
        batch.append(x)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------------ serve


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_queries(seed: list[Passage], count: int, rng: np.random.Generator) -> list[dict]:
    questions = []
    qfile = SHARED / "dev_questions.json"
    if qfile.exists():
        questions = [q["question"] for q in json.loads(qfile.read_text())]
    acronyms = sorted({m for p in seed for m in _ACRONYM.findall(p.text)})
    refs = acronyms[:50] + ["Standing Order 12", '"corporate parenting"', "Section 149"]
    out: list[dict] = []
    for i in range(count):
        r = rng.random()
        if r < 0.45:
            w = seed[int(rng.integers(len(seed)))].text.split()
            n = int(rng.integers(2, 7))
            s = int(rng.integers(0, max(1, len(w) - n)))
            q = " ".join(w[s : s + n])
        elif r < 0.75 and questions:
            q = questions[int(rng.integers(len(questions)))]
        else:
            q = refs[int(rng.integers(len(refs)))]
        params: dict = {"q": q, "limit": 10}
        f = rng.random()
        if f < 0.2:
            params["body"] = BODIES[int(rng.integers(len(BODIES)))]
        elif f < 0.4:
            y = int(rng.integers(2008, 2025))
            params["from"], params["to"] = f"{y}-01-01", f"{y + 1}-12-31"
        elif f < 0.5:
            params["kind"] = KINDS[int(rng.integers(len(KINDS) - 1))]
        out.append(params)
        del i
    return out


def rss_mb(pid: int) -> tuple[float, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        k, _, v = line.partition(":")
        fields[k] = v.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def serve_and_measure(
    data: Path, seed: list[Passage], args: argparse.Namespace, store_url: str | None = None
) -> None:
    import httpx

    port = free_port()
    env = dict(os.environ, BOARDPAPERS_EMBED_BACKEND=args.backend)
    cmd = [sys.executable, "-m", "service.cli", "--data-dir", str(data)]
    cmd += ["--store", store_url] if store_url else []
    cmd += ["serve", "--port", str(port)]
    print(f"--- {'PostgreSQL + pgvector' if store_url else 'SQLite'}", flush=True)
    t = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(600):
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None:
                    raise SystemExit(proc.stderr.read().decode() if proc.stderr else "server died")
                time.sleep(0.5)
            startup = time.perf_counter() - t
            rss0, _ = rss_mb(proc.pid)
            rng = np.random.default_rng(7)
            queries = make_queries(seed, args.queries + 20, rng)
            for params in queries[:20]:  # warm-up
                client.get("/search", params=params)
            lat: list[float] = []
            filtered: list[float] = []
            errors = 0
            for params in queries[20:]:
                t0 = time.perf_counter()
                resp = client.get("/search", params=params)
                dt = (time.perf_counter() - t0) * 1000
                if resp.status_code != 200:
                    errors += 1
                lat.append(dt)
                if len(params) > 2:
                    filtered.append(dt)
            for q in json.loads(SAMPLE_QUESTIONS.read_text(encoding="utf-8")):  # warm-up
                client.get("/ask", params={"q": q["question"]})
            ask_lat: list[float] = []
            ask_errors = 0
            for q in json.loads(EVAL_QUESTIONS.read_text(encoding="utf-8")):
                t0 = time.perf_counter()
                resp = client.get("/ask", params={"q": q["question"]})
                ask_lat.append((time.perf_counter() - t0) * 1000)
                if resp.status_code != 200:
                    ask_errors += 1
            rss, peak = rss_mb(proc.pid)
            health = client.get("/healthz").json()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()

    def pct(xs: list[float], p: float) -> float:
        return float(np.percentile(np.array(xs), p)) if xs else float("nan")

    print(
        f"server: {health['passages']:,} passages in {health['packs']:,} packs; backend {args.backend}; ready in {startup:.1f}s, RSS at start {rss0:.0f} MB"
    )
    print(
        f"/search over HTTP, {len(lat)} queries one at a time ({errors} errors): "
        f"p50 {pct(lat, 50):.1f} ms, p95 {pct(lat, 95):.1f} ms, p99 {pct(lat, 99):.1f} ms, max {max(lat):.1f} ms"
    )
    print(
        f"  with filters ({len(filtered)}): p50 {pct(filtered, 50):.1f} ms, p95 {pct(filtered, 95):.1f} ms"
    )
    print(
        f"/ask over HTTP, {len(ask_lat)} evaluation questions, each once ({ask_errors} errors): "
        f"p50 {pct(ask_lat, 50):.1f} ms, p95 {pct(ask_lat, 95):.1f} ms, "
        f"p99 {pct(ask_lat, 99):.1f} ms, max {max(ask_lat):.1f} ms"
    )
    print(f"server RSS after queries: {rss:.0f} MB (peak {peak:.0f} MB)")
    if store_url:
        print(f"PostgreSQL processes' memory (USS, sum): {postgres_memory_mb():.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--seed-dir", default=None)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--backend", choices=["auto", "torch", "onnx"], default="auto")
    ap.add_argument("--reuse", action="store_true", help="reuse a store already built in DATA_DIR")
    ap.add_argument(
        "--postgres",
        metavar="URL",
        default=None,
        help="also build the same passages into this PostgreSQL database and serve it after"
        " SQLite (boardpapers postgres start prints a URL)",
    )
    ap.add_argument(
        "--postgres-only",
        action="store_true",
        help="with --postgres: build and serve only the PostgreSQL store, not the SQLite one",
    )
    args = ap.parse_args()
    if args.postgres_only and not args.postgres:
        ap.error("--postgres-only needs --postgres URL")
    args.data_dir = args.data_dir or tempfile.mkdtemp(prefix="bp-serve-")
    seed_dir = ensure_seed(args)
    data = None if args.postgres_only else build(args, seed_dir)
    if args.postgres:
        build_postgres(args, seed_dir)
    seed, _ = load_seed(seed_dir)
    if data is not None:
        serve_and_measure(data, seed, args)
    if args.postgres:
        serve_and_measure(Path(args.data_dir) / "pgstore", seed, args, args.postgres)


if __name__ == "__main__":
    main()
