"""The learned-reranker experiment of issue 11 (``benchmarks/train_rerank.py``, not adopted) on
the sample packs with a real store: the rankings report where each candidate came from, the
feature rows label the question's evidence, and training is deterministic."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_QUESTIONS = ROOT / "corpora" / "sample" / "questions.json"


def _questions() -> list[dict[str, Any]]:
    return [q for q in json.loads(SAMPLE_QUESTIONS.read_text()) if q.get("evidence")]


def _s01() -> dict[str, Any]:
    return next(q for q in _questions() if q["id"] == "s01")


def test_answer_candidates_carry_their_keyword_and_dense_ranks(sample_answerer: Any) -> None:
    cands = sample_answerer.ask(_s01()["question"]).candidates
    assert len(cands) > 10
    bm25 = sorted(c.bm25_rank for c in cands if c.bm25_rank)
    dense = sorted(c.dense_rank for c in cands if c.dense_rank)
    assert bm25[0] == 1 and dense[0] == 1
    assert len(set(dense)) == len(dense)  # one candidate per dense rank
    assert all(c.bm25_score > 0 for c in cands if c.bm25_rank)
    assert all(c.bm25_score == 0 for c in cands if not c.bm25_rank)


def test_search_reports_each_passages_ranks(sample_answerer: Any) -> None:
    from service.query import search as s

    store = sample_answerer.store
    query = "foster carer recruitment"
    ranks: dict[int, tuple[int, int, float]] = {}
    fused, vec = s._fused(
        store,
        query,
        s.parse_query(query),
        s.SearchOptions().filter(),
        "hybrid",
        20,
        sample_answerer.embedder,
        True,
        [],
        ranks,
    )
    assert vec is not None and ranks
    assert set(ranks) <= set(fused)
    assert any(b == 1 for b, _, _ in ranks.values())
    assert any(d == 1 for _, d, _ in ranks.values())
    # the keyword rank-1 passage has the best keyword score
    best = max(ranks.values(), key=lambda t: t[2])
    assert best[0] == 1


def test_feature_rows_label_the_evidence(sample_answerer: Any) -> None:
    from benchmarks.rerank import FEATURES
    from benchmarks.train_rerank import MAX_DEPTH, rows_for, search_rows_for

    q = _s01()
    answer_rows = rows_for(sample_answerer, q)
    search_rows = search_rows_for(sample_answerer.store, sample_answerer.embedder, q)
    for rows in (answer_rows, search_rows):
        assert 0 < len(rows) <= MAX_DEPTH
        assert all(len(r.features) == len(FEATURES) for r in rows)
        assert all(math.isfinite(v) for r in rows for v in r.features)
        assert 1 <= sum(r.label for r in rows) < len(rows)
    # the labels mark exactly the candidates that quote the evidence (found here by a plain
    # substring of it, not by evidence_match). Where the answerer ranks it is what
    # benchmarks.evaluate measures, not asserted here (it was second when this test was
    # written and is 18th on a later machine with the same code and packs; cause not found)
    cands = sample_answerer.ask(q["question"]).candidates[:MAX_DEPTH]
    quoting = [i for i, c in enumerate(cands) if "388 enquiries" in c.result.text]
    assert quoting and [i for i, r in enumerate(answer_rows) if r.label] == quoting
    rank_rr = FEATURES.index("rank_rr")
    assert [r.features[rank_rr] for r in answer_rows[:3]] == [1.0, 0.5, round(1 / 3, 6)]


def test_training_is_deterministic_and_reorders_by_its_scores(sample_answerer: Any) -> None:
    import numpy as np

    from benchmarks.rerank import RerankModel, order
    from benchmarks.train_rerank import cross_validate, fit, rows_for

    rows = [r for q in _questions() for r in rows_for(sample_answerer, q)]
    x = [r.features for r in rows]
    y = [r.label for r in rows]
    a, b = fit(x, y, 0.3, 10), fit(x, y, 0.3, 10)
    assert a == b
    assert cross_validate(rows, 0.3, 10) == cross_validate(rows, 0.3, 10)
    model = RerankModel.from_dict(a)
    head = np.asarray(x[:12], dtype=float)
    z = model.scores(head)
    new = order(model, head)
    assert sorted(new) == list(range(12))
    assert new[10:] == [10, 11]  # beyond the depth nothing moves
    assert [z[i] for i in new[:10]] == sorted(z[:10], reverse=True)
    assert RerankModel.from_dict(model.to_dict()).depth == 10
