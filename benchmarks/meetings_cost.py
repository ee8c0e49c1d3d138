"""What the meeting model costs ``/ask`` per question.

    python -m benchmarks.meetings_cost --data-dir DIR [--repeat 3]

Asks every ``when_last`` and ``decision`` question of the dev sets (``corpora/eval/questions.json``
over ``DIR/hampshire``, ``corpora/sample/questions.json`` over ``DIR/borsetshire``; the stores
``benchmarks.evaluate`` builds) ``--repeat`` times with one warm :class:`Answerer` per store,
and times, per question, the whole ``ask`` and the part spent judging meetings
(:func:`service.query.answer.judge_meetings`: grouping candidates by meeting, measuring the
features, reading each pack's dates once, the logistic regression) and choosing the answer,
timeline and why from them. Prints mean, p50 and p95 in milliseconds. Timings on a shared
machine are noisy: compare them only with figures taken at the same time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "hampshire": ROOT / "corpora" / "eval" / "questions.json",
    "borsetshire": ROOT / "corpora" / "sample" / "questions.json",
}
DATED = ("when_last", "decision", "recommendation")


def _ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return (
        f"mean {1000 * statistics.fmean(values):7.2f}  p50 {1000 * statistics.median(values):7.2f}"
        f"  p95 {1000 * p95:7.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from benchmarks.evaluate import open_corpus_store
    from service.query import answer

    spent: list[float] = []
    inner = answer.judge_meetings
    choose, shown = answer.choose, answer.shown_meetings

    def timed(fn: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[-1] += time.perf_counter() - t

        return wrapper

    answer.judge_meetings = timed(inner)  # type: ignore[assignment]
    answer.choose = timed(choose)  # type: ignore[assignment]
    answer.shown_meetings = timed(shown)  # type: ignore[assignment]
    totals: list[float] = []
    for corpus, path in SETS.items():
        questions = [q for q in json.loads(path.read_text()) if q["type"] in DATED]
        with answer.Answerer(open_corpus_store(args.data_dir, corpus)) as answerer:
            spent.append(0.0)
            answerer.ask(questions[0]["question"])  # warm: models, lexicon, caches
            spent.pop()
            for _ in range(args.repeat):
                for q in questions:
                    spent.append(0.0)
                    t = time.perf_counter()
                    answerer.ask(q["question"])
                    totals.append(time.perf_counter() - t)
    print(f"{len(totals)} asks of when_last/decision dev questions (warm answerer)")
    print(f"  whole ask            {_ms(totals)}")
    print(f"  meeting judgement    {_ms(spent)}")
    share = sum(spent) / sum(totals)
    print(f"  share of ask         {share:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
