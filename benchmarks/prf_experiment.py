"""Experiment (issue 11): pseudo-relevance feedback for the answer's retrieval.

    python -m benchmarks.prf_experiment --data-dir DIR [--kind kw|dense|both] [--docs 5]
        [--terms 10] [--weight 0.5] [--beta 1.0] [--replace] [benchmarks.evaluate options]

:mod:`benchmarks.evaluate` with :func:`service.query.answer.retrieve` followed by one more
ranking (or two) made from the first one's best ``--docs`` passages (the fused order):

* ``kw`` (RM3-like): the ``--terms`` words of those passages (and their item titles) with the
  most weight, sum over the passages of (occurrences / passage length) x IDF (the store's
  document counts, :class:`service.query.lexicon.Lexicon`), words of the question and words
  in fewer than 2 passages left out, as one more keyword ranking;
* ``dense`` (Rocchio): the question's vector plus ``--beta`` times the mean of those
  passages' stored vectors, normalised, as one more dense ranking;

each fused with the others by reciprocal rank at ``--weight`` (``--replace``: the dense
feedback ranking instead of the question's own dense ranking). The store's keyword scoring
is untouched (a feedback ranking is another keyword query of the store). The ``bm25``,
``dense`` and ``hybrid`` systems (plain search) are unchanged by this patch.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from typing import Any

import numpy as np

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def feedback_terms(lex: Any, question: str, texts: list[str], n_terms: int) -> list[str]:
    """The ``n_terms`` words of ``texts`` with the most weight (see the module doc)."""
    from service.query.words import STOPWORDS

    asked = {s for s in lex.stems(question)}
    weight: Counter[str] = Counter()
    word_of: dict[str, str] = {}
    for text in texts:
        words = [w for w in _WORD.findall(text) if w.lower() not in STOPWORDS and not w.isdigit()]
        if not words:
            continue
        pairs = dict(lex._analyse(text))  # stem -> first word
        stems_of = lex._word_stems(set(words))
        counts = Counter(stems_of[w] for w in words if stems_of.get(w))
        lex._ensure_df(list(pairs.items()))
        for stem, c in counts.items():
            if stem in asked or stem not in pairs or len(stem) < 3:
                continue
            if lex.df.get(stem, 0) < 2:
                continue
            weight[stem] += c / len(words) * lex.idf(stem)
            word_of.setdefault(stem, pairs[stem])
    return [word_of[s].lower() for s, _ in weight.most_common(n_terms)]


def patch(kind: str, docs: int, terms: int, w: float, beta: float, replace: bool) -> None:
    import service.query.answer as answer
    from benchmarks.common import fuse_ranking
    from service.query.search import resolve_body
    from service.store.base import KeywordQuery

    original = answer.retrieve

    def retrieve(ctx: Any, q: Any, options: Any, embedder: Any, notes: Any = None) -> Any:
        cands = original(ctx, q, options, embedder, notes)
        if not cands:
            return cands
        top = [c.result for c in cands[:docs]]
        filt = options.filter()
        if filt.body:
            filt.body = resolve_body(ctx.store, filt.body)
        rankings: list[list[Any]] = []
        if kind in ("kw", "both") and options.mode in ("bm25", "hybrid"):
            words = feedback_terms(
                ctx.lexicon(), q.query, [f"{r.item_title or ''} {r.text}" for r in top], terms
            )
            if words:
                rankings.append(
                    ctx.store.keyword_search(KeywordQuery(terms=words), filt, answer.CANDIDATES)
                )
        if kind in ("dense", "both") and options.mode in ("dense", "hybrid"):
            qv = np.asarray(embedder.encode([q.query])[0], dtype=np.float32)
            found = ctx.store.vectors_for([r.passage_id for r in top])
            pv = [np.asarray(found[r.passage_id], np.float32) for r in top if r.passage_id in found]
            if pv:
                v = qv + beta * np.mean(pv, axis=0)
                v = v / max(float(np.linalg.norm(v)), 1e-12)
                rankings.append(ctx.store.dense_search(v, filt, answer.CANDIDATES))
                if replace:
                    for c in cands:
                        if c.dense_rank:
                            c.fused -= 1.0 / (answer.RRF_K + c.dense_rank)
        by_id = {c.result.passage_id: c for c in cands}
        for hits in rankings:
            fuse_ranking(ctx.store, cands, by_id, hits, w)
        return sorted(cands, key=lambda c: (-c.fused, c.result.passage_id))

    answer.retrieve = retrieve  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=("kw", "dense", "both"), default="kw")
    ap.add_argument("--docs", type=int, default=5)
    ap.add_argument("--terms", type=int, default=10)
    ap.add_argument("--weight", type=float, default=0.5)
    ap.add_argument("--beta", type=float, default=1.0)
    ap.add_argument("--replace", action="store_true")
    known, rest = ap.parse_known_args(args)
    from benchmarks import evaluate as ev

    patch(known.kind, known.docs, known.terms, known.weight, known.beta, known.replace)
    return ev.main(rest)


if __name__ == "__main__":
    raise SystemExit(main())
