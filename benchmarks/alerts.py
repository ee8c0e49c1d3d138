"""What matching saved searches costs each pack indexed (issue 14's alerts).

Indexes the sample packs (corpora/sample: one children's services committee) once into a
temporary data dir, saves N searches (keyword topics, half of them about that committee's
business and half about other services', then the sample questions' wording), then times the matcher the
indexer calls after each pack is committed (:class:`service.alerts.AlertMatcher`: the
filters' view brought up to date, then one hybrid search per saved search restricted to the
pack, above the relevance floor, and the matches recorded). Printed: per pack, the matching
time for 1 and for N saved searches, and the time per saved search; beside it, what indexing
the same pack took (extraction, passages, embedding, storing), so the share is visible.

    .venv/bin/python -m benchmarks.alerts [--alerts 20] [--repeat 3]

Also printed: which saved searches matched each pack, a rough look at the relevance floor as
alerts meet it (the off-topic ones should match nothing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample"
ON_TOPIC = ("youth centres", "foster carers", "school transport", "care leavers", "overspend")
OFF_TOPIC = (
    "library closures",
    "parking permits",
    "bus lanes",
    "planning applications",
    "bin collections",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alerts", type=int, default=20, help="saved searches (default 20)")
    parser.add_argument("--repeat", type=int, default=3, help="timings per pack (median)")
    args = parser.parse_args()

    from service.alerts import AlertMatcher, new_alert
    from service.config import ServiceSettings
    from service.index.embed import get_embedder
    from service.index.indexer import Indexer
    from service.store import open_store

    questions = [q["question"] for q in json.loads((SAMPLE / "questions.json").read_text())]
    pool = [*ON_TOPIC, *OFF_TOPIC, *questions]
    queries = (pool * (args.alerts // len(pool) + 1))[: args.alerts]
    with tempfile.TemporaryDirectory(prefix="bp-alerts-") as tmp:
        settings = ServiceSettings.from_env(data_dir=Path(tmp))
        store = open_store(settings.data_dir)
        indexed: dict[str, float] = {}
        for pdf in sorted(SAMPLE.glob("*.pdf")):
            started = time.perf_counter()
            outcome = Indexer(store, workers=0, service=settings).run([pdf]).files[0]
            indexed[outcome.pack or pdf.name] = time.perf_counter() - started
        embedder = get_embedder(settings.embed_backend, settings.models_dir, settings.model_cache)
        embedder.encode(["warm up"])
        matcher = AlertMatcher(store, embedder)
        rows = []
        for n in (1, args.alerts):
            for alert in store.alerts():
                store.delete_alert(alert.id)
            for query in queries[:n]:
                new_alert(store, query)
            names = {a.id: a.query for a in store.alerts()}
            for pack in indexed:
                times, hit = [], []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    found = matcher(pack)
                    times.append(time.perf_counter() - started)
                    hit = hit or [names[i] for i, new in found.items() if new]
                rows.append((pack, n, statistics.median(times), hit))
        store.close()

    print(f"matching saved searches against each pack ({args.repeat} runs, median)")
    head = f"{'pack':<18} {'alerts':>6} {'match s':>8} {'ms/alert':>9} {'matched':>8}"
    print(f"{head} {'index s':>8}")
    for pack, n, seconds, hit in rows:
        print(
            f"{pack:<18} {n:>6} {seconds:>8.3f} {1000 * seconds / n:>9.1f} {len(hit):>8}"
            f" {indexed[pack]:>8.1f}"
        )
    for pack, n, _, hit in rows:
        if n == args.alerts:
            on = [q for q in ON_TOPIC if q in hit]
            off = [q for q in OFF_TOPIC if q in hit]
            print(f"{pack}: on-topic matched {on or 'none'}; off-topic matched {off or 'none'}")
    per = [s / n for _, n, s, _ in rows if n == args.alerts]
    print(
        f"with {args.alerts} saved searches: {1000 * statistics.median(per):.1f} ms per saved"
        f" search per pack (median over {len(per)} packs); indexing a pack took"
        f" {statistics.median(indexed.values()):.1f} s (median)"
    )


if __name__ == "__main__":
    main()
