"""Entity precision/recall against the hand-checked lists in corpora/eval/.

    python -m benchmarks.entities_eval [--verbose]

For every ``corpora/eval/entities_<pack>.json`` whose pack is in
../shared/corpus, runs ``extract()`` and prints P/R for PERSON and ORG.
Target: recall of people >= 0.95.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from extract import ExtractSettings, extract
from extract.enrich.evaluate import load_gold, score

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BOARDPAPERS_SHARED", ROOT.parent / "shared"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)
    lists = sorted((ROOT / "corpora" / "eval").glob("entities_*.json"))
    if not lists:
        print("no hand-checked lists in corpora/eval/", file=sys.stderr)
        return 1
    status = 0
    for path in lists:
        gold = load_gold(path)
        pdf = SHARED / "corpus" / gold["pack"]
        if not pdf.exists():
            print(f"{gold['pack']}: skipped ({pdf} is absent)")
            continue
        result = extract(pdf, ExtractSettings(tables=False))
        if result.pack is None:
            print(f"{gold['pack']}: extraction failed: {result.reason}")
            status = 1
            continue
        print(gold["pack"])
        for label, s in score(result.pack.entities, gold).items():
            print(
                f"  {label:6}  P={s.precision:.3f}  R={s.recall:.3f}  "
                f"(tp={s.tp} fp={s.fp} gold={s.gold} duplicates={s.duplicates} "
                f"optional={s.ignored})"
            )
            if args.verbose:
                print(f"          missed: {s.missed}")
                print(f"          false positives: {s.false_positives}")
                print(f"          duplicates: {s.duplicate_of}")
    return status


if __name__ == "__main__":
    sys.exit(main())
