"""Ingest throughput: the whole pipeline vs pdfplumber's bare text extraction.

    python -m benchmarks.ingest [PDF_OR_DIR ...] [--workers 2] [--passage-backend B]
                                [--repeat 2] [--no-breakdown] [--clusters local:1,local:2]

Default input: ../shared/corpus. Prints, with the load average before and after:
  * pages/s of the whole pipeline (extract + enrich + passages + embed + store, as
    `boardpapers index` runs it: ``--workers`` worker processes taking structure,
    enrichment and embedding-chunk tasks, the parent building passages and storing), with
    its CPU seconds (parent + workers). The passage model is exported before timing (first
    use only); starting the workers (imports, spaCy, the ONNX session) is timed;
  * pages/s of pdfplumber ``page.extract_text()`` on every page of the same files (one
    process, as pdfplumber runs), with its CPU seconds;
  * the ratio, and the ceiling here: the pipeline's CPU seconds spread evenly over the
    cores with nothing else running, against pdfplumber's CPU seconds;
  * a stage breakdown, run again in this one process (CPU seconds per stage): pages,
    layout, structure, entities (spaCy NER + rules), figures, tables, passages, embedding
    (one thread, as in a worker), store.
``--clusters``: the same files through ``index --cluster SPEC`` for each SPEC (once each),
with pages/s, the task time per pack, the wall time not spent in tasks per pack, the cluster's
start time and the scheduler's round trip per task (no-op tasks).
The two are run ``--repeat`` times, interleaved, and the fastest run of each is reported
(other work on the machine only ever slows a run down). Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.index.embed import PASSAGE_BACKENDS, embed_passages, passage_model  # noqa: E402
from service.index.indexer import Indexer, collect_pdfs  # noqa: E402
from service.store import open_store  # noqa: E402


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def pdfplumber_pages(files: list[Path]) -> tuple[int, float, float]:
    import pdfplumber

    pages = 0
    t, c = time.perf_counter(), cpu_self()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages, time.perf_counter() - t, cpu_self() - c


def breakdown(files: list[Path], backend: str | None) -> dict[str, float]:
    """CPU seconds per stage, everything in this process, embedding on one thread."""
    from extract.enrich.entities import extract_entities
    from extract.enrich.figures import extract_figures
    from extract.enrich.nlp import get_nlp
    from extract.enrich.tables import extract_tables
    from extract.enrich.text import blocks_of
    from extract.layout import layout
    from extract.pages import read_pages
    from extract.pipeline import assemble
    from service.index.passages import build_passages, pack_input
    from service.store.base import pack_id_for

    spent: dict[str, float] = {}

    def timed(stage: str, fn, *args):  # type: ignore[no-untyped-def]
        c = cpu_self()
        out = fn(*args)
        spent[stage] = spent.get(stage, 0.0) + cpu_self() - c
        return out

    timed("load spaCy (per worker)", get_nlp)
    model = replace(passage_model(backend=backend), threads=1)
    timed("load passage model (per worker)", embed_passages, model, ["load"])
    with tempfile.TemporaryDirectory(prefix="bp-ingest-") as tmp:
        store = open_store(Path(tmp))
        for f in files:
            pages = timed("pages", read_pages, f)
            layouts = timed("layout", layout, pages.pages)
            pack = timed("structure", assemble, pages, layouts)
            blocks = timed("entities", blocks_of, pack)
            pack.entities = timed("entities", extract_entities, pack, blocks)
            pack.figures = timed("figures", extract_figures, blocks)
            pack.tables, _ = timed("tables", extract_tables, pack, f)
            passages = timed("passages", build_passages, pack, pack_id_for(pack.sha256))
            texts = [p.embed_text() for p in passages]
            vectors = timed("embed", embed_passages, model, texts)
            item = pack_input(pack, passages, vectors, str(f.resolve()), "success", f)
            timed("store", store.add_pack, item)
        timed("store", lambda: store.refresh_vectors(save=True))
        store.close()
    return spent


@dataclass(slots=True)
class PipelineRun:
    seconds: float
    parent_cpu: float
    workers_cpu: float
    pages: int
    passages: int
    failures: list[str]
    task_seconds: list[float]  # per task, on a cluster

    @property
    def cpu(self) -> float:
        return self.parent_cpu + self.workers_cpu


def pipeline(
    files: list[Path], workers: int, backend: str | None, cluster: str | None = None
) -> PipelineRun:
    """``boardpapers index`` (``--cluster`` when given) into a fresh store, timed."""
    with tempfile.TemporaryDirectory(prefix="bp-ingest-") as tmp:
        store = open_store(Path(tmp))
        indexer = Indexer(store, workers=workers, passage_backend=backend, cluster=cluster)
        indexer.cluster_stats = []
        t, c, ch = time.perf_counter(), cpu_self(), cpu_children()
        summary = indexer.run(files)
        seconds = time.perf_counter() - t
        run = PipelineRun(
            seconds,
            cpu_self() - c,
            cpu_children() - ch,
            sum(r.page_count for r in store.list_packs()),
            store.counts()["passages"],
            [f.line() for f in summary.files if f.status == "failed"],
            [s.seconds for s in indexer.cluster_stats],
        )
        store.close()
    return run


def noop(i: int) -> int:
    return i


def scheduler_overhead(spec: str, tasks: int = 200) -> tuple[float, float]:
    """Seconds to start the cluster, and ms per task of the scheduler alone (no-op tasks
    submitted and gathered as the indexer does, one future per pack)."""
    from distributed import as_completed

    from service.index import cluster

    t = time.perf_counter()
    client = cluster.connect(spec)
    started = time.perf_counter() - t
    try:
        client.gather(client.map(noop, range(10), pure=False))  # warm the workers
        t = time.perf_counter()
        futures = [client.submit(noop, i, pure=False) for i in range(tasks)]
        for f in as_completed(futures, loop=client.loop):
            f.result()
        per_task = (time.perf_counter() - t) * 1000 / tasks
    finally:
        owned = client.cluster
        client.close()
        owned.close()
    return started, per_task


def report_clusters(files: list[Path], specs: list[str], backend: str | None) -> None:
    """pages/s of ``--cluster`` runs beside the default pool, and the overhead per pack."""
    for spec in specs:
        run = pipeline(files, 0, backend, cluster=spec)
        n = int(spec.split(":", 1)[1]) if spec.startswith("local:") else 1
        busy = sum(run.task_seconds)
        idle = (run.seconds * n - busy) / max(1, len(run.task_seconds))
        print(
            f"--cluster {spec}: {run.seconds:5.1f}s = {run.pages / run.seconds:6.2f} pages/s;"
            f" tasks {len(run.task_seconds)}, task time {busy:.1f}s (mean"
            f" {busy / max(1, len(run.task_seconds)):.1f}s a pack, first task of each worker"
            f" loads the models); wall x workers - task time = {idle:.1f}s a pack (cluster"
            f" start, stop, idle tail)"
        )
        if run.failures:
            print("  failures:", run.failures)
        started, per_task = scheduler_overhead(spec)
        print(
            f"  {spec}: cluster start {started:.1f}s; scheduler round trip"
            f" {per_task:.1f} ms a task (200 no-op tasks)"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT.parent / "shared" / "corpus"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--passage-backend", choices=PASSAGE_BACKENDS, default=None)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each, interleaved; best kept")
    ap.add_argument("--no-breakdown", action="store_true")
    ap.add_argument(
        "--clusters",
        default="",
        help="also run --cluster with each of these (comma-separated: local:1,local:2)",
    )
    args = ap.parse_args()
    files, missing = collect_pdfs(args.paths)
    if missing or not files:
        sys.exit(f"no PDFs found in {args.paths}")
    cores = os.cpu_count() or 1
    print(f"load average before: {load()} ({cores} cores)")

    t = time.perf_counter()
    from service.config import ServiceSettings

    svc = ServiceSettings.from_env()
    assert svc.models_dir is not None
    # exported on first use only (kept in the machine-wide cache the runs' stores link from)
    model = passage_model(
        svc.models_dir, args.passage_backend or svc.passage_backend, svc.model_cache
    )
    prep = time.perf_counter() - t
    bases: list[tuple[int, float, float]] = []
    runs: list[PipelineRun] = []
    for _ in range(max(1, args.repeat)):
        bases.append(pdfplumber_pages(files))
        runs.append(pipeline(files, args.workers, args.passage_backend))
    base_pages, base_s, base_cpu = min(bases, key=lambda b: b[1])
    run = min(runs, key=lambda r: r.seconds)
    if run.failures:
        print("failures:", run.failures)

    pipe_rate = run.pages / run.seconds
    base_rate = base_pages / base_s
    used = min(cores, max(args.workers, 1))
    print(
        f"files: {len(files)}, pages: {run.pages}, passages: {run.passages}; passage model "
        f"{model.backend} (export/first use {prep:.1f}s, excluded); best of {len(runs)}"
    )
    print(
        f"pipeline (extract+enrich+embed+store, {args.workers} workers): {run.seconds:5.1f}s = "
        f"{pipe_rate:6.2f} pages/s  (CPU {run.cpu:.1f}s: parent {run.parent_cpu:.1f}s, "
        f"workers {run.workers_cpu:.1f}s)"
    )
    print(
        f"pdfplumber extract_text (1 process):          {base_s:5.1f}s = "
        f"{base_rate:6.2f} pages/s  (CPU {base_cpu:.1f}s)"
    )
    print(f"ratio pipeline / pdfplumber: {pipe_rate / base_rate:.2f}")
    ceiling = run.pages / (run.cpu / used)
    print(
        f"ceiling here (pipeline CPU spread over {used} cores, no other load): "
        f"{ceiling:.2f} pages/s, ratio {ceiling / (base_pages / base_cpu):.2f} "
        f"against pdfplumber's CPU time"
    )
    specs = [c.strip() for c in args.clusters.split(",") if c.strip()]
    if specs:
        report_clusters(files, specs, args.passage_backend)
    print(f"load average after: {load()}")

    if not args.no_breakdown:
        spent = breakdown(files, args.passage_backend)
        total = sum(spent.values())
        print(f"stage breakdown (CPU s, one process, {len(files)} files):")
        for stage, s in spent.items():
            print(f"  {stage:32s} {s:6.2f}  {100 * s / total:4.0f}%")
        rate = run.passages / spent["embed"] if spent["embed"] else 0.0
        print(f"  embedding: {rate:.1f} passages per CPU second")


if __name__ == "__main__":
    main()
