"""Commitments (promised updates): precision, recall and ``due`` accuracy against hand-checked
gold, and the accuracy of their follow-up status.

    python -m benchmarks.commitments [--verbose] [--show-test] [--split dev|test] [--no-status]

Reads ``corpora/commitments/gold.json`` (see its README), extracts every pack it names
(the sample packs from ``corpora/sample``, the corpus packs from ``../shared/corpus``; a pack
that is absent is skipped and said so), runs ``find_commitments`` and prints, for dev and
test apart:

- precision and recall of commitments: a prediction matches a gold entry of the same pack
  when its page is within one of the gold page and its text contains the gold quote
  (case and spacing ignored); one prediction matches at most one gold entry;
- ``due`` accuracy over matched pairs (exact string: "YYYY-MM-DD", "YYYY-MM" or both null),
  and over the matched pairs whose gold ``due`` is a date;
- source_kind accuracy and to_body agreement (informational: to_body is free text).

Recall is also printed without the gold entries marked ``"layout": "table"``.
``--verbose`` lists dev misses and false positives; test cases are listed only with
``--show-test`` (the test half is reported, not debugged).

Then the follow-ups (``service.query.followups``): the sample packs and the ``../shared/corpus``
packs are stored together in a temporary store (commitments from the rules above; passages
with zero vectors: the status judgement uses keyword search only), every follow-up is judged,
and for each corpus it prints precision and recall of the commitments (all packs, dev and test
together) and the accuracy of status against ``corpora/commitments/status.json`` (hand-checked
expected status of every gold commitment): over the gold commitments that were found, over all
of them (a missed one counts as wrong), and for ``met``, whether the meeting cited is the one
expected. ``--verbose`` lists each wrong status. By default the follow-ups are judged by the
item-title stand-in (no model, seconds); ``--model`` indexes the packs with the service's
indexer and judges them as the API and CLI do, with the meeting model (minutes).
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import functools
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BOARDPAPERS_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "corpora" / "commitments" / "gold.json"
STATUS_GOLD = ROOT / "corpora" / "commitments" / "status.json"


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower().replace("’", "'")).strip()


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    due_right: int = 0
    dated_gold: int = 0
    dated_right: int = 0
    kind_right: int = 0
    body_right: int = 0
    prose_gold: int = 0
    prose_matched: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    wrong_due: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def due_accuracy(self) -> float:
        return self.due_right / self.matched if self.matched else 0.0


def _matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return abs(int(gold["page"]) - int(pred["page"])) <= 1 and _norm(gold["quote"]) in _norm(
        pred["text"]
    )


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Scores:
    """Score one pack (or several: entries carry ``pack``) of predictions against gold.

    Gold entries are matched in order, each to the first unused prediction of the same pack
    on the same page, else within one page, whose text contains its quote.
    """
    s = Scores(gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    for g in gold:
        prose = g.get("layout", "prose") != "table"
        s.prose_gold += prose
        s.dated_gold += g.get("due") is not None
        candidates = [
            i
            for i, p in enumerate(predicted)
            if i not in used and p.get("pack", g.get("pack")) == g.get("pack") and _matches(g, p)
        ]
        candidates.sort(key=lambda i: abs(int(predicted[i]["page"]) - int(g["page"])))
        if not candidates:
            s.misses.append(g)
            continue
        p = predicted[candidates[0]]
        used.add(candidates[0])
        s.matched += 1
        s.prose_matched += prose
        if p.get("due") == g.get("due"):
            s.due_right += 1
            s.dated_right += g.get("due") is not None
        else:
            s.wrong_due.append((g, p))
        s.kind_right += p.get("source_kind") == g.get("source_kind")
        s.body_right += _norm(p.get("to_body")) == _norm(g.get("to_body"))
    s.false_positives = [p for i, p in enumerate(predicted) if i not in used]
    return s


def _pdf_for(name: str) -> Path:
    sample = ROOT / "corpora" / "sample" / name
    return sample if sample.exists() else SHARED / "corpus" / name


@functools.cache
def _pack(pack_name: str) -> Any:
    """The pack (structure only) with its commitments, or None (said why)."""
    from extract import ExtractSettings, extract
    from extract.enrich.commitments import find_commitments

    pdf = _pdf_for(pack_name)
    if not pdf.exists():
        print(f"{pack_name}: skipped ({pdf} is absent)")
        return None
    result = extract(pdf, ExtractSettings(enrich=False, tables=False))
    if result.pack is None:
        print(f"{pack_name}: extraction failed: {result.reason}")
        return None
    result.pack.commitments = find_commitments(result.pack)
    return result.pack


def _predict(pack_name: str) -> list[dict[str, Any]] | None:
    pack = _pack(pack_name)
    if pack is None:
        return None
    return [{"pack": pack_name, **dataclasses.asdict(c)} for c in pack.commitments]


def _print_split(name: str, s: Scores, show: bool) -> None:
    prose_r = s.prose_matched / s.prose_gold if s.prose_gold else 1.0
    dated = s.dated_right / s.dated_gold if s.dated_gold else 1.0
    print(
        f"{name:5} P={s.precision:.3f} R={s.recall:.3f} (matched {s.matched}, predicted {s.predicted}, "
        f"gold {s.gold}); R without table cells={prose_r:.3f}\n"
        f"      due accuracy={s.due_accuracy:.3f} ({s.due_right}/{s.matched}); "
        f"due where gold has a date={dated:.3f}; "
        f"source_kind={s.kind_right}/{s.matched}; to_body agrees={s.body_right}/{s.matched}"
    )
    if not show:
        return
    for g in s.misses:
        print(f"   MISS  {g['pack']} p{g['page']}: {g['quote']}")
    for p in s.false_positives:
        print(f"   FP    {p['pack']} p{p['page']}: {p['text'][:140]}")
    for g, p in s.wrong_due:
        print(
            f"   DUE   {g['pack']} p{g['page']}: gold {g['due']} got {p['due']} ({p['due_text']})"
        )


# ------------------------------------------------------------------ follow-up status


def _followups_with_model(pack_names: list[str]) -> list[dict[str, Any]]:
    """As :func:`_followups`, but the packs indexed by the service's own indexer (enrichment,
    real passage vectors) and judged as the API judges them: with the meeting model."""
    from service.config import ServiceSettings
    from service.index.embed import get_embedder
    from service.index.indexer import index_paths
    from service.query.answer import Answerer
    from service.query.followups import followups
    from service.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        settings = ServiceSettings.from_env(data_dir=Path(tmp))
        store = open_store(Path(tmp))
        try:
            index_paths(store, [_pdf_for(n) for n in pack_names], workers=2)
            names = {r.id: r.source for r in store.list_packs()}
            embedder = get_embedder(
                settings.embed_backend, settings.models_dir, settings.model_cache
            )
            with Answerer(store, embedder) as answerer:
                found = followups(store, answerer=answerer).to_dict()["followups"]
        finally:
            store.close()
    for f in found:
        f["pack"] = Path(names[f["pack"]]).name
        if f["met_by"]:
            f["met_by"]["pack"] = Path(names[f["met_by"]["pack"]]).name
    return found


def _followups(pack_names: list[str]) -> list[dict[str, Any]]:
    """Every follow-up judged over a temporary store of these packs, with its pack's file name."""
    import numpy as np

    from service.index.passages import build_passages, pack_input
    from service.query.followups import followups
    from service.store import open_store, pack_id_for

    names: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp))
        try:
            for name in pack_names:
                pack = _pack(name)
                if pack is None:
                    continue
                pid = pack_id_for(pack.sha256)
                names[pid] = name
                passages = build_passages(pack, pid)
                vectors = np.zeros((len(passages), 384), dtype=np.float32)
                store.add_pack(
                    pack_input(pack=pack, passages=passages, vectors=vectors, source_key=name)
                )
            found = followups(store).to_dict()["followups"]
        finally:
            store.close()
    for f in found:
        f["pack"] = names[f["pack"]]
        if f["met_by"]:
            f["met_by"]["pack"] = names[f["met_by"]["pack"]]
    return found


def _status_report(
    corpus: str, gold: list[dict[str, Any]], found: list[dict[str, Any]], show: bool
) -> None:
    packs = {g["pack"] for g in gold}
    predicted = [f for f in found if f["pack"] in packs]
    s = score(gold, predicted)
    right = cited = met_gold = 0
    matched = 0
    confusion: collections.Counter[tuple[str, str]] = collections.Counter()
    used: set[int] = set()
    for g in gold:
        hit = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p["pack"] == g["pack"] and _matches(g, p)
            ),
            None,
        )
        got = predicted[hit]["status"] if hit is not None else "missed"
        confusion[(g["status"], got)] += 1
        if hit is None:
            continue
        used.add(hit)
        matched += 1
        right += got == g["status"]
        if g["status"] == "met":
            met_gold += 1
            met_by = predicted[hit]["met_by"] or {}
            cited += got == "met" and met_by.get("meeting_date") == g["met_at"]
        if show and got != g["status"]:
            print(
                f"   STATUS {g['pack']} p{g['page']}: expected {g['status']}, got {got}: {g['quote'][:80]}"
            )
    print(
        f"{corpus:7} commitments P={s.precision:.3f} R={s.recall:.3f} (matched {s.matched}, "
        f"predicted {s.predicted}, gold {s.gold})\n"
        f"        status accuracy={right / matched if matched else 0:.3f} ({right}/{matched} found); "
        f"end to end={right / len(gold) if gold else 0:.3f} ({right}/{len(gold)}); "
        f"met with the expected meeting cited={cited}/{met_gold}"
    )
    print(
        "        expected->got: "
        + ", ".join(f"{a}->{b} {n}" for (a, b), n in sorted(confusion.items()))
    )


def status_main(show: bool, model: bool = False) -> None:
    doc = json.loads(STATUS_GOLD.read_text(encoding="utf-8"))
    packs = [p for names in doc["corpora"].values() for p in names if _pdf_for(p).exists()]
    found = _followups_with_model(packs) if model else _followups(packs)
    for corpus, names in doc["corpora"].items():
        gold = [g for g in doc["followups"] if g["pack"] in names and _pdf_for(g["pack"]).exists()]
        if not gold:
            print(f"{corpus}: skipped (its packs are absent)")
            continue
        _status_report(corpus, gold, found, show)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", action="store_true", help="list dev misses and false positives"
    )
    parser.add_argument(
        "--show-test", action="store_true", help="also list test misses (report only)"
    )
    parser.add_argument("--split", choices=["dev", "test"], help="score one half only")
    parser.add_argument("--no-status", action="store_true", help="skip the follow-up status")
    parser.add_argument(
        "--model",
        action="store_true",
        help="judge follow-ups as the API does (index the packs, meeting model); slower",
    )
    args = parser.parse_args(argv)

    gold_doc = json.loads(GOLD.read_text(encoding="utf-8"))
    status = 0
    for split, packs in gold_doc["split"].items():
        if args.split and split != args.split:
            continue
        gold: list[dict[str, Any]] = []
        predicted: list[dict[str, Any]] = []
        for pack_name in packs:
            preds = _predict(pack_name)
            if preds is None:
                status |= int(_pdf_for(pack_name).exists())
                continue
            gold += [c for c in gold_doc["commitments"] if c["pack"] == pack_name]
            predicted += preds
        show = args.verbose and (split == "dev" or args.show_test)
        _print_split(split, score(gold, predicted), show)
    if not args.no_status:
        how = "meeting model + item title" if args.model else "item-title stand-in"
        print(f"follow-ups (sample and ../shared/corpus packs in one store; {how}):")
        status_main(args.verbose, model=args.model)
    return status


if __name__ == "__main__":
    sys.exit(main())
