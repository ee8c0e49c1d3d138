"""Meeting-level judgement: was the topic *discussed* at a meeting, or only *mentioned*?

A when-last or decision question is answered per meeting, not per passage. The ranked
candidates of one question are gathered by the meeting their text belongs to: its date and
body, where minutes printed in a pack record an EARLIER meeting (passages carry the date of
the meeting the minutes record, see :mod:`service.index.passages`). For each meeting a few
defensible features are measured (:data:`FEATURES`): how relevant its best passages are
(hybrid, lexical, dense), how strong its best passage is against the top of the ranking,
whether the title of its item (agenda item, minute, report) matches the topic, how many of
its passages agree, what kind of passage carries it, whether a resolution or recommendation
is among them, and how its date is known (``dated_by``).

A logistic regression over those features (trained by ``benchmarks/train_meetings.py
--train dev,devreal`` on the dev labels of ``corpora/eval/meeting_labels.json`` and
``corpora/eval_real/dev_meeting_labels.json``, cross-validated, shipped as JSON
coefficients in ``meeting_model.json``) gives each meeting a calibrated probability that the
topic was discussed there. Nothing here knows a council, a committee or a topic.

Measured (``python -m benchmarks.meeting_dates --data-dir DIR``, fresh stores, answerable
questions; the rule it replaced in brackets, same stores): when-last date dev 0.857 (0.857),
test 0.769, real 0.500 (0.500); decision date dev 0.882 (0.824), test 0.778, real 0.833
(0.750); the answer is its timeline's newest discussed meeting in every case. On stores
freshly indexed by the current extraction, with question dates and resolution-first
decisions (see README): when-last dev 0.857, test 0.769, real 0.650; decision dev 0.941,
test 0.778, real 0.917. Judging costs
``/ask`` about 0.2 ms a question (p50; ``python -m benchmarks.meetings_cost``), under 1% of it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

MODEL_PATH = Path(__file__).with_name("meeting_model.json")

# the passages of a meeting that count as "agreeing" are this near the best relevance
AGREE_RATIO = 0.8
TOP_SHARE_DEPTH = 10  # share of the top of the ranking a meeting holds
NEAR_DEPTH = 7  # passages this near the top
LEAD_RATIO = 0.85
DECISION_KINDS = ("resolution", "recommendation")
MINUTE_KINDS = ("minutes", "resolution")

# What a meeting is judged on. Measured (benchmarks/train_meetings.py, 5-fold CV by question
# on the dev labels): these eight give Brier 0.095 and when-last 0.857; adding the kind of
# the best passage, has_decision, recorded_later, dated, item_focus, cov_best, rel_best and
# top_share (all computed in MEASURED) gives 0.098 and 0.821.
FEATURES: tuple[str, ...] = (
    "rel_ratio",  # hybrid relevance of the best passage over the best of any candidate
    "rank_best",  # 1 / (1 + 0-based rank of the meeting's best-ranked passage)
    "item_rel",  # best relevance of an item title (agenda item, minute, report) + description
    "cos_best",  # dense: best cosine of the question and a passage
    "near_top",  # log(1 + the meeting's passages among the top NEAR_DEPTH)
    "leads",  # holds a passage among the top NEAR_DEPTH within LEAD_RATIO of the best
    # relevance, and either the best-ranked passage or two of the top NEAR_DEPTH
    "agree",  # log(1 + passages within AGREE_RATIO of the meeting's best relevance)
    "fused_ratio",  # best fused (keyword + dense reciprocal rank) score over the top one
)
MEASURED: tuple[str, ...] = (
    *FEATURES,
    "rel_best",  # hybrid relevance (0.5 cosine + 0.5 IDF coverage) of the best passage
    "cov_best",  # lexical: best IDF-weighted share of the topic's words in a passage
    "top_share",  # share of the top TOP_SHARE_DEPTH passages that are this meeting's
    "item_focus",  # log(1 + most agreeing passages in ONE item of the meeting)
    "best_minutes",  # the best passage is a minute or resolution
    "best_report",  # ... a report section or recommendation
    "best_listing",  # ... an agenda listing
    "best_page",  # ... a page no structure covers (an appendix)
    "has_decision",  # an agreeing resolution or recommendation
    "recorded_later",  # the best passage is from minutes printed in a later pack
    "dated",  # the meeting's date is vouched by a header (dated_by is not null)
    "cos_ratio",  # best cosine over the best cosine of any candidate
    "cov_ratio",  # best coverage over the best coverage of any candidate
)


class Ranked(Protocol):
    """What is judged of each ranked candidate (:class:`service.query.answer.Candidate`)."""

    @property
    def result(self) -> Any: ...
    @property
    def relevance(self) -> float: ...
    @property
    def cosine(self) -> float | None: ...
    @property
    def coverage(self) -> float: ...
    @property
    def item_rel(self) -> float: ...
    @property
    def fused(self) -> float: ...


# (pack id) -> {"date": pack meeting date, "dated_by": ..., "minutes": {date: dated_by}}
PackMeta = Callable[[str], dict[str, Any]]


@dataclass(slots=True)
class MeetingEvidence:
    """One meeting where the topic came up: its passages (best first, by rank), the
    features measured on them and the model's judgement."""

    date: str | None
    body: str | None
    passages: list[Any] = field(default_factory=list)  # Ranked, in ranking order
    ranks: list[int] = field(default_factory=list)  # their 0-based ranks
    features: dict[str, float] = field(default_factory=dict)
    p_discussed: float = 0.0
    discussed: bool = False

    @property
    def best(self) -> Any:
        """The meeting's most relevant passage (the earliest ranked among equals)."""
        return max(self.passages, key=lambda c: c.relevance)

    def kinds(self) -> list[str]:
        """What kinds of passage agree here, in a fixed order (item, minute, report ...)."""
        best = self.best.relevance
        seen = {c.result.kind for c in self.passages if c.relevance >= AGREE_RATIO * best}
        return [k for k in KIND_ORDER if k in seen]

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting_date": self.date,
            "body": self.body,
            "discussed": self.discussed,
            "p_discussed": round(self.p_discussed, 3),
        }


KIND_ORDER = ("agenda", "minutes", "report", "resolution", "recommendation", "page")


def meeting_key(result: Any) -> tuple[str, str]:
    """A passage's meeting: its date and body (case and spacing folded). An undated
    passage's meeting is unknown: each undated pack is a meeting of its own, never one
    with every other undated paper."""
    if not result.meeting_date:
        return ("", "pack " + (result.pack or ""))
    body = " ".join((result.body or "").casefold().split())
    return (result.meeting_date, body)


def gather(ranked: Sequence[Any], depth: int | None = None) -> list[MeetingEvidence]:
    """The candidates (in ranking order) grouped by meeting, in order of first appearance."""
    groups: dict[tuple[str, str], MeetingEvidence] = {}
    for i, c in enumerate(ranked[:depth] if depth else ranked):
        key = meeting_key(c.result)
        m = groups.get(key)
        if m is None:
            m = groups[key] = MeetingEvidence(c.result.meeting_date, c.result.body)
        m.passages.append(c)
        m.ranks.append(i)
    return list(groups.values())


def _dated(c: Any, meta: dict[str, Any]) -> float:
    """1 when a header vouches for the passage's meeting date, else 0."""
    r = c.result
    if r.kind in MINUTE_KINDS and r.meeting_date != meta.get("date"):
        return 1.0 if meta.get("minutes", {}).get(r.meeting_date) else 0.0
    return 1.0 if meta.get("dated_by") else 0.0


def _leads(m: MeetingEvidence, top_relevance: float) -> bool:
    near = [c for c, r in zip(m.passages, m.ranks, strict=True) if r < NEAR_DEPTH]
    strong = any(c.relevance >= LEAD_RATIO * top_relevance for c in near)
    return strong and (min(m.ranks) == 0 or len(near) >= 2)


def features_of(
    m: MeetingEvidence,
    top: tuple[float, float, float, float],
    ranked_head: Sequence[Any],
    pack_meta: PackMeta,
) -> dict[str, float]:
    """The features (:data:`MEASURED`) of one meeting's evidence; ``top`` is the best
    relevance and the best fused score of any candidate."""
    top_relevance, top_fused, top_cos, top_cov = top
    best = m.best
    rel_best = best.relevance
    agreeing = [c for c in m.passages if c.relevance >= AGREE_RATIO * rel_best and rel_best > 0]
    per_item: dict[tuple[str, str | None], int] = {}
    for c in agreeing:
        k = (c.result.pack, c.result.item_title)
        per_item[k] = per_item.get(k, 0) + 1
    head = list(ranked_head)
    mine = {id(c) for c in m.passages}
    kind = best.result.kind
    meta = pack_meta(best.result.pack)
    return {
        "rel_best": rel_best,
        "rel_ratio": rel_best / top_relevance if top_relevance > 0 else 0.0,
        "cos_best": max((c.cosine or 0.0) for c in m.passages),
        "cov_best": max(c.coverage for c in m.passages),
        "rank_best": 1.0 / (1.0 + min(m.ranks)),
        "fused_ratio": max(c.fused for c in m.passages) / top_fused if top_fused > 0 else 0.0,
        "near_top": math.log1p(sum(1 for r in m.ranks if r < NEAR_DEPTH)),
        "leads": float(_leads(m, top_relevance)),
        "top_share": sum(1 for c in head if id(c) in mine) / max(1, len(head)),
        "agree": math.log1p(len(agreeing)),
        "item_rel": max(c.item_rel for c in m.passages),
        "item_focus": math.log1p(max(per_item.values(), default=0)),
        "best_minutes": float(kind in MINUTE_KINDS),
        "best_report": float(kind in ("report", "recommendation")),
        "best_listing": float(kind == "agenda"),
        "best_page": float(kind == "page"),
        "has_decision": float(any(c.result.kind in DECISION_KINDS for c in agreeing)),
        "recorded_later": float(
            kind in MINUTE_KINDS and best.result.meeting_date != meta.get("date")
        ),
        "dated": _dated(best, meta),
        "cos_ratio": max((c.cosine or 0.0) for c in m.passages) / top_cos if top_cos > 0 else 0.0,
        "cov_ratio": max(c.coverage for c in m.passages) / top_cov if top_cov > 0 else 0.0,
    }


@dataclass(frozen=True, slots=True)
class MeetingModel:
    """A logistic regression on standardised features: p = sigmoid(w . (x - mean) / scale + b)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def probability(self, x: dict[str, float]) -> float:
        z = self.intercept
        for name, mu, sd, w in zip(self.features, self.mean, self.scale, self.coef, strict=True):
            z += w * (x.get(name, 0.0) - mu) / (sd or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "coef": [round(v, 6) for v in self.coef],
            "intercept": round(self.intercept, 6),
            "threshold": self.threshold,
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MeetingModel:
        return cls(
            features=tuple(data["features"]),
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) for v in data["scale"]),
            coef=tuple(float(v) for v in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data.get("threshold", 0.5)),
            info=dict(data.get("info", {})),
        )


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> MeetingModel:
    """The shipped model (read once)."""
    with path.open(encoding="utf-8") as fh:
        return MeetingModel.from_dict(json.load(fh))


def judge(
    ranked: Sequence[Any],
    pack_meta: PackMeta,
    model: MeetingModel | None = None,
    depth: int | None = None,
) -> list[MeetingEvidence]:
    """Every meeting among the top ``depth`` candidates, with its features and judgement,
    newest first."""
    model = model or load_model()
    pool = list(ranked[:depth] if depth else ranked)
    meetings = [m for m in gather(pool) if any(c.relevance > 0 for c in m.passages)]
    top = (
        max((c.relevance for c in pool), default=0.0),
        max((c.fused for c in pool), default=0.0),
        max(((c.cosine or 0.0) for c in pool), default=0.0),
        max((c.coverage for c in pool), default=0.0),
    )
    head = pool[:TOP_SHARE_DEPTH]
    for m in meetings:
        m.features = features_of(m, top, head, pack_meta)
        m.p_discussed = model.probability(m.features)
        m.discussed = m.p_discussed >= model.threshold
    return sorted(meetings, key=lambda m: (m.date or "", m.p_discussed), reverse=True)


# ------------------------------------------------------------------ answering by meeting


def discussed(meetings: Sequence[MeetingEvidence]) -> list[MeetingEvidence]:
    """The meetings judged discussed, newest first; when the model calls none of them
    discussed, the likeliest one is (the best there is, with its low confidence)."""
    found = [m for m in meetings if m.discussed]
    if not found and meetings:
        best = max(meetings, key=lambda m: m.p_discussed)
        best.discussed = True
        found = [best]
    return found


def in_period(
    meetings: Sequence[MeetingEvidence],
    period: Any,
    relevant: Callable[[MeetingEvidence], bool],
) -> list[MeetingEvidence]:
    """The meetings held in the period a question names (``period.holds(date)``, see
    :mod:`service.query.periods`) when one of them is relevant; otherwise all of them: a
    date no relevant meeting falls in belongs to the topic ("the plan for 2019"), not to
    the meeting that discussed it."""
    if period is None:
        return list(meetings)
    held = [m for m in meetings if period.holds(m.date)]
    return held if any(relevant(m) for m in held) else list(meetings)


def best_passage(m: MeetingEvidence, relevant: Callable[[Any], bool]) -> Any:
    """The passage that cites a meeting: its best-ranked relevant one (else its best)."""
    return next((c for c in m.passages if relevant(c)), m.best)


def item_decision(m: MeetingEvidence, item_of: Any, relevant: Callable[[Any], bool]) -> Any:
    """A relevant resolution (else recommendation) of the same item as the meeting's cited
    passage, if the meeting's candidates hold one."""
    lead = best_passage(m, relevant)
    for kind in DECISION_KINDS:
        for c in m.passages:
            if c.result.kind == kind and relevant(c) and item_of(c) == item_of(lead):
                return c
    return None


def uk_date(date: str | None) -> str:
    """'2024-07-08' -> '8 July 2024' (what the UI and the why-sentence show)."""
    import datetime as dt

    if not date:
        return "an undated meeting"
    try:
        d = dt.date.fromisoformat(date)
    except ValueError:
        return date
    return f"{d.day} {d.strftime('%B')} {d.year}"


KIND_WORDS = {
    "agenda": "agenda item",
    "minutes": "minute",
    "report": "report",
    "resolution": "resolution",
    "recommendation": "recommendation",
    "page": "papers",
}


def describe(m: MeetingEvidence, body: bool = True) -> str:
    """'Cabinet, 30 January 2025 (agenda item, report, resolution)' (without the body when
    ``body`` is False)."""
    kinds = ", ".join(dict.fromkeys(KIND_WORDS[k] for k in m.kinds() if k in KIND_WORDS))
    head = ", ".join(x for x in (m.body or "" if body else "", uk_date(m.date)) if x)
    return f"{head} ({kinds})" if kinds else head


def why_of(
    chosen: MeetingEvidence, shown: Sequence[MeetingEvidence], verb: str = "Discussed"
) -> str:
    """'Discussed at <meeting> (item, resolution); also discussed at ...; also mentioned
    at ...': why this meeting answers, from the meetings the timeline shows (another
    meeting's body is named only when it is not the answer's)."""
    parts = [f"{verb} at {describe(chosen)}"]
    others = [m for m in shown if m is not chosen]

    def named(m: MeetingEvidence) -> str:
        return describe(m, body=(m.body or "") != (chosen.body or ""))

    also = [named(m) for m in others if m.discussed]
    mentions = [named(m) for m in others if not m.discussed]
    if also:
        parts.append("also discussed at " + "; ".join(also[:3]))
    if mentions:
        parts.append("also mentioned at " + "; ".join(mentions[:3]))
    return "; ".join(parts) + "."
