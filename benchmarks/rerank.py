"""Features of a candidate passage for a learned reranker (an experiment of issue 11, NOT
adopted: see ``benchmarks/train_rerank.py`` for the figures).

Per candidate among the top of a ranking (the answerer's, or hybrid search's fused one):
where the keyword and dense rankings put it and how strongly, its cosine with the question
(and the gap to the best), how much of the question's topic its text and its item title
cover (and the gap to the best), its kind, whether it opens its item, is a header or carries
figures (for the questions that want those), where in its pack it sits and whether its
meeting date is vouched by a header (:data:`FEATURES`). A logistic regression over them
(:class:`RerankModel`: standardised coefficients as JSON numbers) reorders the top
``depth`` candidates (:func:`order`). Nothing here knows a council, a committee or a topic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from service.query.answer import is_header
from service.query.meetings import PackMeta  # here its dicts also carry "page_count"

_FIGURE = re.compile(r"(?:£\s?\d|\d+(?:[.,]\d+)?\s?(?:%|per ?cent)|\b\d{2,}\b)")
_LEAD = re.compile(
    r"\bpurpose of this (?:report|paper)\b|^(?:[\d.]+\s*)?(?:purpose|executive summary|summary|"
    r"introduction)\b\.?\s",
    re.I,
)

FEATURES: tuple[str, ...] = (
    "rank_rr",  # 1 / (1 + 0-based rank in the hand-weighted ranking)
    "score_ratio",  # hand-weighted score over the top one
    "bm25_rr",  # 1 / keyword rank (0 when the keyword ranking did not find it)
    "dense_rr",  # 1 / dense rank (0 when absent)
    "bm25_norm",  # keyword score over the best keyword score of the question
    "cosine",  # question . passage (dense)
    "cos_gap",  # cosine minus the best cosine among the candidates
    "coverage",  # IDF-weighted share of the topic's words in item title + text
    "cov_gap",  # coverage minus the best coverage among the candidates
    "rrf",  # 1 / (10 + keyword rank) + 1 / (10 + dense rank): the two rankings fused
    "lead",  # opens its item ("the purpose of this report", a summary or introduction)
    "title_cov",  # ... in the item title alone
    "item_rel",  # relevance of the passage's item (title + description)
    "k_resolution",
    "k_recommendation",
    "k_minutes",
    "k_agenda",
    "k_report",
    "k_page",
    "header_who",  # a header block, for a who-question
    "figure_count",  # carries a figure, for a how-many question
    "decision_kind",  # a resolution or recommendation, for a decision question
    "short",  # log(1 + words) under 40 words: a title or a list line
    "position",  # page / page count of its pack
    "dated",  # its meeting date is vouched by a header (dated_by)
)

KIND_FEATURES = {
    f"k_{k}": k for k in ("resolution", "recommendation", "minutes", "agenda", "report", "page")
}


class Ranked(Protocol):
    """What is read of each ranked candidate (:class:`service.query.answer.Candidate`)."""

    @property
    def result(self) -> Any: ...
    @property
    def score(self) -> float: ...
    @property
    def cosine(self) -> float | None: ...
    @property
    def coverage(self) -> float: ...
    @property
    def item_rel(self) -> float: ...
    @property
    def bm25_rank(self) -> int: ...
    @property
    def dense_rank(self) -> int: ...
    @property
    def bm25_score(self) -> float: ...


# (topic, texts) -> IDF-weighted coverage of the topic's words in each text
Coverages = Callable[[str, Sequence[str]], list[float]]


@dataclass(slots=True)
class Cand:
    """A search result with what the reranker reads of it (hybrid search's candidates)."""

    result: Any
    score: float = 0.0
    cosine: float | None = None
    coverage: float = 0.0
    item_rel: float = 0.0
    bm25_rank: int = 0
    dense_rank: int = 0
    bm25_score: float = 0.0


def _position(page: int | None, page_count: Any) -> float:
    """Where in its pack the passage is, 0 (first page) to 1; 0 when unknown."""
    if not page or not page_count:
        return 0.0
    return (page - 1) / max(1, int(page_count) - 1)


def _dated(meta: dict[str, Any], date: str | None) -> float:
    if not date or not meta:
        return 0.0
    if date == meta.get("date"):
        return float(bool(meta.get("dated_by")))
    return float(bool((meta.get("minutes") or {}).get(date)))


def features(
    cands: Sequence[Ranked], intent: str, topic: str, coverages: Coverages, pack_meta: PackMeta
) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate, in their order."""
    if not cands:
        return np.zeros((0, len(FEATURES)))
    top_score = max(cands[0].score, 1e-9)
    best_bm25 = max((c.bm25_score for c in cands), default=0.0) or 1.0
    coss = [c.cosine or 0.0 for c in cands]
    best_cos = max(coss)
    best_cov = max(c.coverage for c in cands)
    titles = coverages(topic, [c.result.item_title or "" for c in cands])
    rows = []
    for i, c in enumerate(cands):
        r = c.result
        meta = pack_meta(r.pack) if r.pack else {}
        words = len(r.text.split())
        f = {
            "rank_rr": 1.0 / (1 + i),
            "score_ratio": c.score / top_score,
            "bm25_rr": 1.0 / c.bm25_rank if c.bm25_rank else 0.0,
            "dense_rr": 1.0 / c.dense_rank if c.dense_rank else 0.0,
            "bm25_norm": c.bm25_score / best_bm25,
            "cosine": coss[i],
            "cos_gap": coss[i] - best_cos,
            "cov_gap": c.coverage - best_cov,
            "rrf": (1.0 / (10 + c.bm25_rank) if c.bm25_rank else 0.0)
            + (1.0 / (10 + c.dense_rank) if c.dense_rank else 0.0),
            "lead": float(bool(_LEAD.search(r.text[:300]))),
            "coverage": c.coverage,
            "title_cov": titles[i],
            "item_rel": c.item_rel,
            "header_who": float(intent == "who" and is_header(r.text)),
            "figure_count": float(intent == "how_many" and bool(_FIGURE.search(r.text))),
            "decision_kind": float(
                intent == "decision" and r.kind in ("resolution", "recommendation")
            ),
            "short": math.log1p(words) if words < 40 else 0.0,
            "position": _position(r.page, meta.get("page_count")),
            "dated": _dated(meta, r.meeting_date),
        }
        for name, kind in KIND_FEATURES.items():
            f[name] = float(r.kind == kind)
        rows.append([f[name] for name in FEATURES])
    return np.asarray(rows, dtype=float)


@dataclass(frozen=True, slots=True)
class RerankModel:
    """Standardised logistic-regression coefficients over named features; ``depth``: how
    many of the top candidates it reorders."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    depth: int
    info: dict[str, Any]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RerankModel:
        names = tuple(data["features"])
        unknown = [n for n in names if n not in FEATURES]
        if unknown:
            raise ValueError(f"rerank model: unknown features {unknown}")
        return cls(
            features=names,
            mean=np.asarray(data["mean"], dtype=float),
            scale=np.asarray(data["scale"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=float(data["intercept"]),
            depth=int(data["depth"]),
            info=dict(data.get("info", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(self.intercept, 6),
            "depth": self.depth,
            "info": self.info,
        }

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The model's log-odds for rows of :data:`FEATURES` (all of them, in that order)."""
        if not len(rows):
            return np.zeros(0)
        idx = [FEATURES.index(n) for n in self.features]
        z = ((rows[:, idx] - self.mean) / self.scale) @ self.coef
        return np.asarray(z + self.intercept, dtype=float)


def order(model: RerankModel, rows: np.ndarray) -> list[int]:
    """Indices of the candidates in their new order: the top ``model.depth`` by the
    model's score (ties keep the old order), the rest as they were."""
    n = len(rows)
    depth = min(model.depth, n)
    z = model.scores(rows[:depth])
    head = sorted(range(depth), key=lambda i: (-z[i], i))
    return head + list(range(depth, n))


_PAGE_COUNTS: dict[str, int] = {}  # pack id (its file's hash) -> page count: never changes
PAGE_COUNTS_CACHED = 100_000


def page_counts(store: Any) -> PackMeta:
    """Pack id -> ``{"page_count": n}`` from the store's pack records (remembered: a pack id
    is its file's hash); ``{}`` for a pack that is gone."""
    from service.errors import NotFoundError

    def meta(pack: str) -> dict[str, Any]:
        n = _PAGE_COUNTS.get(pack)
        if n is None:
            try:
                n = int(store.pack_record(pack).page_count)
            except NotFoundError:
                return {}
            if len(_PAGE_COUNTS) > PAGE_COUNTS_CACHED:
                _PAGE_COUNTS.clear()
            _PAGE_COUNTS[pack] = n
        return {"page_count": n}

    return meta


def search_rows(
    results: Sequence[Any],
    ranks: dict[int, tuple[int, int, float]],
    cosines: Sequence[float],
    topic: str,
    coverages: Coverages,
    pack_meta: PackMeta,
) -> np.ndarray:
    """:data:`FEATURES` of hybrid search's results (in their fused order): ``ranks`` maps a
    passage id to (keyword rank, dense rank, keyword score), 0 where a ranking did not find
    it; ``cosines`` are the query's with each result; ``pack_meta`` gives page counts
    (:func:`page_counts`). The item's relevance and ``dated`` are not read here (0)."""
    covs = coverages(topic, [f"{r.item_title or ''} {r.text}" for r in results])
    cands = []
    for r, cos, cov in zip(results, cosines, covs, strict=True):
        b, d, bs = ranks.get(r.id, (0, 0, 0.0))
        cands.append(Cand(r, float(r.score), cos, cov, 0.0, b, d, bs))
    return features(cands, "topic", topic, coverages, pack_meta)
