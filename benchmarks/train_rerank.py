"""The learned passage reranker of issue 11 (NOT adopted): train it, cross-validate it on dev.

    python -m benchmarks.train_rerank --data-dir DIR [--system search|answer]
                                      [--report test,real] [--model-out FILE]

Every answerable question of the **dev** set (``benchmarks.evaluate.load_set("dev")``) is
asked of its corpus's store as ``benchmarks.evaluate`` asks it, and each of the top
:data:`MAX_DEPTH` candidates becomes one row: its :data:`benchmarks.rerank.FEATURES`, and
label 1 when it holds one of the question's evidence strings
(``benchmarks.evaluate.evidence_match``). ``--system search``: hybrid search's fused ranking
of the question as asked (exhaustive, no floor); ``--system answer``: the answerer's ranking.

A class-balanced logistic regression on standardised features is cross-validated by
question (grouped 5-fold: one question's rows never split across folds). For each C and
reranking depth the out-of-fold scores reorder each held-out question's top candidates, and
hit@5 and MRR@10 are measured as ``benchmarks.evaluate`` measures them (a question whose
evidence no candidate holds is a miss). The (C, depth) with the best out-of-fold MRR@10 is
taken and fitted on all dev rows. ``--report test,real`` then scores that dev-fitted model on
the frozen sets: aggregate figures only, never used to choose anything.

Measured (2026-12-05, ``--data-dir`` a copy of the evaluation stores, all-MiniLM-L6-v2):

* ``--system search``: dev hit@5 / MRR@10 0.537 / 0.405 unchanged, 0.671 / 0.486 out of
  fold (C=1, depth 10); shipped in search, ``benchmarks.evaluate`` gave hybrid dev 0.659 /
  0.486 / date 0.759 (from 0.537 / 0.405 / 0.685), test 0.651 / 0.473 / 0.615 (from 0.635 /
  0.481 / 0.641), real 0.571 / 0.433 / 0.562 (from 0.589 / 0.444 / 0.594); this script's
  ``--report test,real`` gives test 0.667 / 0.469, real 0.571 / 0.430 (exact-phrase tiers
  are not re-applied here): a large dev gain
  that does not carry to test (MRR and date down) and loses on real: not adopted. Query cost
  would be the stored vectors and word coverage of the top 10 (as the floor reads them) and
  one pack record per pack; no ingest cost.
* ``--system answer``: dev 0.817 / 0.597 unchanged (the hand-weighted ranking, tuned on
  these questions), out of fold at best 0.805 / 0.587 pointwise; pairwise (a logistic
  regression on feature differences of evidence and non-evidence candidates of one question)
  at best 0.817 / 0.601 (depth 10): no dev gain beyond one question's rank, not adopted and
  not measured on the test sets.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAX_DEPTH = 40
DEPTHS = (10, 20, 30, 40)
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5


@dataclass(slots=True)
class Row:
    qid: str
    features: list[float]
    label: int


def rows_for(answerer: Any, question: dict[str, Any]) -> list[Row]:
    """One row per candidate among the top MAX_DEPTH of the answerer's own ranking."""
    from benchmarks import rerank as rr
    from benchmarks.evaluate import evidence_match

    resp = answerer.ask(question["question"])
    q = resp.understood
    head = resp.candidates[:MAX_DEPTH]
    lex = answerer.lexicon()
    x = rr.features(head, q.intent, q.topic, lex.coverages, answerer.pack_meta)
    ev = question["evidence"]
    return [
        Row(
            qid=question["id"],
            features=[round(float(v), 6) for v in row],
            label=int(any(evidence_match(c.result.text, e) for e in ev)),
        )
        for c, row in zip(head, x, strict=True)
    ]


def search_rows_for(store: Any, embedder: Any, question: dict[str, Any]) -> list[Row]:
    """One row per result among the top MAX_DEPTH of hybrid search's fused ranking of the
    question as asked (exhaustive, no floor, no reranking), as ``benchmarks.evaluate``
    searches."""
    from benchmarks import rerank
    from benchmarks.evaluate import evidence_match
    from service.query import floor
    from service.query import search as s
    from service.query.questions import strip_scaffold

    query = " ".join(question["question"].split())
    parsed = s.parse_query(query)
    ranks: dict[int, tuple[int, int, float]] = {}
    depth = max(s.CANDIDATES, 30)
    filt = s.SearchOptions().filter()
    fused, vec = s._fused(store, query, parsed, filt, "hybrid", depth, embedder, True, [], ranks)
    got = s._ranked(s.RequestReads(store), fused, parsed, "hybrid", MAX_DEPTH)
    topic = strip_scaffold(query) or query
    coss = floor.cosines(store, vec, got) if vec is not None else [0.0] * len(got)
    lex = floor.lexicon_for(store)
    x = rerank.search_rows(got, ranks, coss, topic, lex.coverages, rerank.page_counts(store))
    ev = question["evidence"]
    return [
        Row(
            qid=question["id"],
            features=[round(float(v), 6) for v in row],
            label=int(any(evidence_match(r.text, e) for e in ev)),
        )
        for r, row in zip(got, x, strict=True)
    ]


def collect(data_dir: Path, system: str = "answer", set_name: str = "dev") -> list[Row]:
    from benchmarks.evaluate import Systems, answerable, load_set

    runner = Systems(data_dir)
    rows: list[Row] = []
    warmed: set[str] = set()
    for q in load_set(set_name):
        if not answerable(q):
            continue
        answerer = runner.answerer(q["corpus"])
        if q["corpus"] not in warmed:
            # warm (models, lexicon, caches): a cold first ask can meet the keyword
            # ranking's time limit on a loaded machine and rank differently
            answerer.ask(q["question"])
            warmed.add(q["corpus"])
        if system == "search":
            rows.extend(search_rows_for(runner.store(q["corpus"]), answerer.embedder, q))
        else:
            rows.extend(rows_for(answerer, q))
    return rows


# ------------------------------------------------------------------ fitting


def fit(x: Any, y: Any, c: float, depth: int) -> dict[str, Any]:
    """Standardise, fit a (class-balanced) logistic regression: the model as JSON numbers."""
    from benchmarks.rerank import FEATURES
    from benchmarks.train_meetings import fit as fit_standardised

    fitted = fit_standardised(x, y, c, class_weight="balanced")
    return {"features": list(FEATURES), **fitted, "depth": depth}


def by_question(rows: Sequence[Row]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        out.setdefault(r.qid, []).append(i)
    return out


def ranking_scores(labels_in_order: Sequence[Sequence[int]]) -> dict[str, float]:
    """hit@5 and MRR@10 of each question's labels in ranked order."""
    n = len(labels_in_order)
    hit5 = mrr = 0.0
    for labels in labels_in_order:
        first = next((i for i, y in enumerate(labels[:10]) if y), None)
        if first is not None:
            mrr += 1.0 / (first + 1)
            hit5 += first < 5
    return {"hit@5": round(hit5 / n, 4), "mrr@10": round(mrr / n, 4)}


def reordered(rows: Sequence[Row], z: Sequence[float], depth: int) -> list[list[int]]:
    """Each question's labels after reordering its top ``depth`` rows by ``z``."""
    out = []
    for idx in by_question(rows).values():
        head = sorted(idx[:depth], key=lambda i: (-z[i], i))
        out.append([rows[i].label for i in head + idx[depth:]])
    return out


def cross_validate(rows: Sequence[Row], c: float, depth: int) -> list[float]:
    """Out-of-fold log-odds of every row, folds grouped by question; each fold's model is
    fitted on the rows within ``depth`` of its questions."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from benchmarks.rerank import RerankModel

    groups = [r.qid for r in rows]
    z = [0.0] * len(rows)
    pos = {r.qid: 0 for r in rows}
    within = []
    for r in rows:
        within.append(pos[r.qid] < depth)
        pos[r.qid] += 1
    for train, test in GroupKFold(n_splits=FOLDS).split(rows, groups=groups):
        tr = [i for i in train if within[i]]
        model = RerankModel.from_dict(
            fit([rows[i].features for i in tr], [rows[i].label for i in tr], c, depth)
        )
        zt = model.scores(np.asarray([rows[i].features for i in test], dtype=float))
        for i, v in zip(test, zt, strict=True):
            z[i] = float(v)
    return z


def train(rows: Sequence[Row], n_questions: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """(C, depth) chosen by out-of-fold MRR@10; the model fitted on all rows; its figures."""
    # questions whose evidence no candidate holds count as misses (as evaluate counts them)
    missing = [[0] for _ in range(n_questions - len(by_question(rows)))]
    base = ranking_scores(
        [[rows[i].label for i in idx] for idx in by_question(rows).values()] + missing
    )
    print(f"  unchanged ranking: {json.dumps(base)}")
    cv: dict[tuple[float, int], dict[str, float]] = {}
    for c in C_GRID:
        for depth in DEPTHS:
            z = cross_validate(rows, c, depth)
            cv[(c, depth)] = ranking_scores(reordered(rows, z, depth) + missing)
            print(f"  C={c:<5} depth={depth:<3} CV {json.dumps(cv[(c, depth)])}")
    best = max(cv, key=lambda k: (cv[k]["mrr@10"], cv[k]["hit@5"], -k[1], -k[0]))
    c, depth = best
    tr = [r for r, idx in _with_position(rows) if idx < depth]
    model = fit([r.features for r in tr], [r.label for r in tr], c, depth)
    model["info"] = {
        "trained_on": "dev evidence labels (python -m benchmarks.train_rerank)",
        "C": c,
        "folds": FOLDS,
        "cv": cv[best],
        "unchanged": base,
    }
    return model, cv[best]


def _with_position(rows: Sequence[Row]) -> list[tuple[Row, int]]:
    pos: dict[str, int] = {}
    out = []
    for r in rows:
        out.append((r, pos.get(r.qid, 0)))
        pos[r.qid] = pos.get(r.qid, 0) + 1
    return out


def held_out(rows: Sequence[Row], model: dict[str, Any], n_questions: int) -> dict[str, Any]:
    """hit@5 and MRR@10 of a set's rows unchanged and reordered by ``model`` (figures only)."""
    import numpy as np

    from benchmarks.rerank import RerankModel

    z = RerankModel.from_dict(model).scores(np.asarray([r.features for r in rows], dtype=float))
    missing = [[0] for _ in range(n_questions - len(by_question(rows)))]
    base = [[rows[i].label for i in idx] for idx in by_question(rows).values()]
    return {
        "unchanged": ranking_scores(base + missing),
        "reranked": ranking_scores(reordered(rows, list(z), model["depth"]) + missing),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True, help="stores to build or reuse")
    ap.add_argument(
        "--system",
        choices=("search", "answer"),
        default="search",
        help="hybrid search's ranking (default) or the answerer's evidence",
    )
    ap.add_argument("--report", default="", help="also score the dev model on: test,real")
    ap.add_argument("--model-out", type=Path, default=None, help="write the fitted model here")
    args = ap.parse_args(argv)

    from benchmarks.evaluate import answerable, load_set

    def n_of(set_name: str) -> int:
        return sum(1 for q in load_set(set_name) if answerable(q))

    t = time.perf_counter()
    rows = collect(args.data_dir, args.system)
    print(f"collected in {time.perf_counter() - t:.0f}s")
    n_questions = n_of("dev")
    print(
        f"dev: {len(rows)} candidate rows ({sum(r.label for r in rows)} evidence) from "
        f"{len(by_question(rows))} of {n_questions} answerable questions"
    )
    model, cv = train(rows, n_questions)
    print(f"chosen C={model['info']['C']} depth={model['depth']}: CV {json.dumps(cv)}")
    from benchmarks.train_meetings import print_coefficients

    print_coefficients(model)
    if args.model_out:
        from benchmarks.rerank import RerankModel

        text = json.dumps(RerankModel.from_dict(model).to_dict(), indent=1) + "\n"
        args.model_out.write_text(text, encoding="utf-8")
    for name in [s.strip() for s in args.report.split(",") if s.strip()]:
        held = collect(args.data_dir, args.system, name)
        print(f"{name}: {json.dumps(held_out(held, model, n_of(name)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
