"""Retrieval quality on the dev questions: bm25 vs dense vs hybrid, and the int8 ONNX check.

    python benchmarks/search_eval.py [--data-dir DIR] [--k 10]

Indexes ../shared/corpus into DIR (default a temp dir) unless already there, then
for each question in ../shared/dev_questions.json reports whether a top-k result
holds its evidence (most of the evidence's word trigrams) and the answer's
meeting date: recall@1/5/10 and MRR per mode. Then compares the float (torch) and
int8 (ONNX) embedders: top-10 overlap of dense rankings for the same queries.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.index.embed import get_embedder  # noqa: E402
from service.index.indexer import index_paths  # noqa: E402
from service.index.passages import Passage  # noqa: E402
from service.query.search import search, tokens  # noqa: E402
from service.store import PassageFilter, open_store  # noqa: E402

SHARED = ROOT.parent / "shared"


def trigrams(text: str) -> set[tuple[str, ...]]:
    w = tokens(text)
    return {tuple(w[i : i + 3]) for i in range(max(0, len(w) - 2))}


def holds(passage: str, evidence: list[str]) -> bool:
    have = trigrams(passage)
    for ev in evidence:
        want = trigrams(ev)
        if want and len(want & have) / len(want) >= 0.5:
            return True
    return False


def evaluate(
    store: Any, questions: list[dict[str, Any]], mode: str, k: int, emb: Any
) -> dict[str, float]:
    rr = 0.0
    at = {1: 0, 5: 0, 10: 0}
    dates = 0
    for q in questions:
        res = search(store, q["question"], mode=mode, limit=k, embedder=emb).results
        rank = next((r.rank for r in res if holds(r.text, q["evidence"])), None)
        if rank:
            rr += 1 / rank
            for cut in at:
                if rank <= cut:
                    at[cut] += 1
        if any(r.meeting_date == q["answer_date"] for r in res[:5]):
            dates += 1
    n = len(questions)
    return {
        "mrr": round(rr / n, 3),
        **{f"r@{c}": round(v / n, 3) for c, v in at.items()},
        "date@5": round(dates / n, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--k", type=int, default=10)
    args = ap.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bp-eval-"))
    questions = json.loads((SHARED / "dev_questions.json").read_text())
    store = open_store(data_dir)
    torch_emb = get_embedder("torch")
    if store.counts()["packs"] == 0:
        t = time.perf_counter()
        index_paths(store, [SHARED / "corpus"], embedder=torch_emb)
        print(f"indexed corpus in {time.perf_counter() - t:.1f}s")
    print(f"{len(questions)} questions, store {store.counts()}")
    for mode in ("bm25", "dense", "hybrid"):
        print(f"{mode:>7}: {evaluate(store, questions, mode, args.k, torch_emb)}")

    onnx_emb = get_embedder("onnx", data_dir / "models")
    t = time.perf_counter()
    onnx_emb.encode(["load"])
    print(f"onnx int8 ready in {time.perf_counter() - t:.1f}s")
    print(f" hybrid (onnx queries): {evaluate(store, questions, 'hybrid', args.k, onnx_emb)}")
    overlaps = []
    texts = [q["question"] for q in questions]
    vt, vo = torch_emb.encode(texts), onnx_emb.encode(texts)
    for a, b in zip(vt, vo, strict=True):
        ta = {h.passage_id for h in store.dense_search(a, PassageFilter(), 10)}
        tb = {h.passage_id for h in store.dense_search(b, PassageFilter(), 10)}
        overlaps.append(len(ta & tb) / 10)
    cos = (vt * vo).sum(1)
    print(
        f"onnx int8 vs float: query-vector cosine mean {cos.mean():.4f} min {cos.min():.4f}; "
        f"dense top-10 overlap mean {sum(overlaps) / len(overlaps):.3f} min {min(overlaps):.2f}"
    )
    # passages re-embedded with int8 too: the ranking a fully int8 store would give
    sample = [p for batch in store.iter_passages() for p in batch]
    import numpy as np

    stored = store.vectors_for([p.id for p in sample])  # type: ignore[attr-defined]
    ids = list(stored)
    pt = np.stack([stored[i] for i in ids])
    by_id = {p.id: p for p in sample}

    def embed_text(i: int) -> str:
        p = by_id[i]
        return Passage(
            p.kind, p.text, p.body, p.meeting_date, p.agenda_item, p.item_title, p.page
        ).embed_text()

    t = time.perf_counter()
    po = onnx_emb.encode([embed_text(i) for i in ids])
    print(f"int8 re-embedded {len(ids)} passages in {time.perf_counter() - t:.1f}s")
    full = []
    for a, b in zip(vt, vo, strict=True):
        ta = set(np.argsort(-(pt @ a))[:10])
        tb = set(np.argsort(-(po @ b))[:10])
        full.append(len(ta & tb) / 10)
    print(
        f"all-int8 (queries + passages) top-10 overlap mean {np.mean(full):.3f} min {min(full):.2f}"
    )
    store.close()


if __name__ == "__main__":
    main()
