"""When-last and decision date accuracy of ``ask``, apart, per evaluation set.

    python -m benchmarks.meeting_dates --data-dir DIR [--sets dev,devreal,test,real] [--verbose]

The sets and stores are ``benchmarks.evaluate``'s (``DIR/<corpus>``, built on first use).
For every answerable ``when_last`` and ``decision`` question (the sample's ``recommendation``
counts as a decision) the answer's meeting date is compared with ``answer_date``, and, for
when-last questions, whether the answer is the newest meeting its own timeline marks
``discussed`` (it always should be). ``--verbose`` lists the misses of the dev sets (dev,
devreal) with the timeline (never the frozen test sets').
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--sets", default="dev,test,real")
    ap.add_argument("--verbose", "-v", action="store_true", help="dev misses")
    args = ap.parse_args(argv)

    from benchmarks.evaluate import DEV_SETS, Systems, answerable, load_set

    systems = Systems(args.data_dir)
    print(f"{'set':7} {'when_last':>16} {'decision':>16} {'card=timeline':>14}")
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        right: dict[str, list[bool]] = {"when_last": [], "decision": []}
        agree: list[bool] = []
        for q in load_set(name):
            kind = "decision" if q["type"] == "recommendation" else q["type"]
            if kind not in right or not answerable(q):
                continue
            data = systems.answerer(q["corpus"]).ask(q["question"]).to_dict()
            got = data["answer"]["meeting_date"] if data["answer"] else None
            right[kind].append(got == q["answer_date"])
            if kind == "when_last" and data["answer"]:
                held = [t["meeting_date"] for t in data["timeline"] if t["status"] == "discussed"]
                agree.append(bool(held) and held[0] == got)
            if args.verbose and name in DEV_SETS and got != q["answer_date"]:
                line = [(t["meeting_date"], t["status"], t["confidence"]) for t in data["timeline"]]
                print(f"  miss {q['id']} {kind}: got {got} want {q['answer_date']} {line}")
        cells = [
            f"{sum(v) / len(v):.3f} ({sum(v)}/{len(v)})" if v else "-"
            for v in (right["when_last"], right["decision"])
        ]
        print(f"{name:7} {cells[0]:>16} {cells[1]:>16} {sum(agree):>8}/{len(agree)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
