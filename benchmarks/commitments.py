"""Commitments (promised updates): precision, recall and ``due`` accuracy against hand-checked gold.

    python -m benchmarks.commitments [--verbose] [--show-test] [--split dev|test]

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
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BOARDPAPERS_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "corpora" / "commitments" / "gold.json"


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


def _predict(pack_name: str) -> list[dict[str, Any]] | None:
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
    return [{"pack": pack_name, **dataclasses.asdict(c)} for c in find_commitments(result.pack)]


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", action="store_true", help="list dev misses and false positives"
    )
    parser.add_argument(
        "--show-test", action="store_true", help="also list test misses (report only)"
    )
    parser.add_argument("--split", choices=["dev", "test"], help="score one half only")
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
    return status


if __name__ == "__main__":
    sys.exit(main())
