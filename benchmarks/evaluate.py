"""Retrieval and answer quality on the evaluation sets, each over its own corpus.

    python -m benchmarks.evaluate --data-dir DIR [--sets dev,test,real]
                                  [--systems bm25,dense,hybrid,answer] [--json] [--show-test]
                                  [--only ID,...]

Sets (``corpora/eval/README.md``, ``corpora/eval_real/README.md``; ``corpora/FROZEN`` lists the
frozen test files):

* **dev**: ``corpora/eval/questions.json`` (Hampshire, ``../shared/corpus``) and
  ``corpora/sample/questions.json`` (Borsetshire, ``corpora/sample``), plus the unanswerable
  questions of ``benchmarks/unanswerable.json`` asked of the Hampshire store. You may look at
  its failures (printed).
* **test** (frozen): ``corpora/eval/test_questions.json``, each question over its ``corpus``
  (``hampshire`` or ``borsetshire``). Reported, never debugged: failures are printed only with
  ``--show-test``.
* **real** (frozen): ``corpora/eval_real/questions.json`` over ``../shared/real``.
* **devreal**: ``corpora/eval_real/dev_questions.json`` over ``../shared/real`` (the same
  store as real): a second dev set, in other councils' house styles than dev's, on topics the
  real set does not ask about. Its failures are printed like dev's (``--sets dev,devreal,...``).

Every corpus is its own store, ``DIR/<corpus>`` (indexed on first use, reused afterwards), so a
question is only ever answered from its own corpus, as the sets' date rules assume.

Systems: ``bm25``, ``dense``, ``hybrid`` are :func:`service.query.search.search` of the question
as asked (``floor=False``: the raw ranking; ``exhaustive``: no time limit, so a loaded machine
does not change it; the date is the top result's meeting date, none when no result passes the
floor);
``answer`` is :meth:`service.query.answer.Answerer.ask` (its results and its answer's date).

Figures, per set and system, over the answerable questions unless said:

* **hit@5**: a result among the top 5 matches an evidence string;
* **MRR@10**: mean of 1/rank of the first matching result in the top 10 (0 if none);
* **date**: over the ``when_last`` and ``decision`` questions (and the sample's
  ``recommendation``), the date is right (an unanswerable question is right when the system
  says nothing: no answer, or for a search no result passing the relevance floor);
* **date/all**: the same over every question;
* **floor_kept**: of the answerable questions with an evidence hit in the top 10, the share
  where one passes the relevance floor (``service.query.floor``; for ``answer``: the answer
  is not null); **unans->none**: unanswerable questions where nothing passes (no answer).

Measured (2026-12-05, all-MiniLM-L6-v2, 2 shared cores under heavy load: the search systems
are exhaustive and unaffected; one of the real set's answer rankings was skipped for time, and
without that skip real's answer MRR@10 was 0.508),
``python -m benchmarks.evaluate --data-dir /tmp/search-eval --sets dev,test,real --json``::

    set   system  n   hit@5  MRR@10  date (n)     floor_kept  unans->none
    dev   bm25    82  0.500  0.329   0.519 (54)   0.981       7/16
    dev   dense   82  0.537  0.400   0.741 (54)   0.963       14/16
    dev   hybrid  82  0.537  0.405   0.685 (54)   0.966       13/16
    dev   answer  82  0.817  0.597   0.870 (54)   0.986       15/16
    test  bm25    63  0.524  0.407   0.564 (39)   0.950       2/6
    test  dense   63  0.635  0.418   0.513 (39)   0.933       0/6
    test  hybrid  63  0.635  0.481   0.641 (39)   0.977       4/6
    test  answer  63  0.794  0.603   0.744 (39)   0.982       4/6
    real  bm25    56  0.446  0.386   0.438 (32)   0.971       -
    real  dense   56  0.625  0.441   0.594 (32)   0.974       -
    real  hybrid  56  0.589  0.444   0.594 (32)   0.971       -
    real  answer  56  0.625  0.499   0.594 (32)   0.974       -

``answer`` before bodies by meaning and council scope (main at 75bdd5c, same harness and
stores): dev 0.829 / 0.609 / 0.870, test 0.746 / 0.565 / 0.718, real 0.607 / 0.485 / 0.562; with
them (before the meeting classifier landed): dev 0.817 / 0.594 / 0.870, test 0.825 / 0.606 /
0.769, real 0.625 / 0.508 / 0.594 (the dev loss: with "the board" now a filter to the Corporate
Parenting Board, one question's evidence falls from rank 4 to 8 and another's answer moves to
the board's earlier minutes).

Tried and not adopted (each measured on dev and test with this harness):

* passage context in the embedded text (body - item title: text, re-indexed;
  ``embed_text``): answer dev 0.780 / 0.605 / 0.833, test 0.825 / 0.615 / 0.744; dense dev MRR
  0.400 -> 0.347, test dates 0.513 -> 0.462. Helps test hit@5, hurts dev: dropped. Ingest cost
  nil (same passages, a few more tokens each). The keyword side already indexes the item title.
* a thesaurus of council terms as data (looked-after children / children in care / CLA / LAC,
  EHCP, SEND, UASC, NEET, CAMHS, YOT, MTFP, S106 ...: the other variants' words added to the
  keyword ranking): answer dev 0.817 / 0.588 / 0.833, test 0.810 / 0.589 / 0.744, real 0.625 /
  0.509 / 0.594 (against 0.817 / 0.594 / 0.870, 0.825 / 0.606 / 0.769, 0.625 / 0.508 / 0.594):
  no gain anywhere, dropped. Query-time only (no ingest cost).
* fusion of search's two rankings (``RRF_K`` 60/20/10, BM25 and dense weights 1/1, 0.5/1,
  1/0.5; hybrid search of the questions as asked): BM25 at 0.5 raises hit@5 on dev (0.537 ->
  0.585) and test (0.635 -> 0.651, one question) but lowers test's date (0.641 -> 0.615); the
  queries here are questions while search is mostly given keywords, so the weights stay 1/1.

* a learned reranker of hybrid search's top 10, a learned reranker of the answer's evidence,
  a query adapter fitted on the packs' (item title, passage) pairs and two query-side
  rewrites (the scaffold-stripped question for the keyword side of search and of ``ask``):
  ``benchmarks/EXPERIMENTS.md`` ("Retrieval experiments of issue 11") has each one's figures
  (``benchmarks.train_rerank``, ``benchmarks.query_adapter``); none helped dev without
  hurting test or real.

Evidence matching: both texts are case-folded and reduced to their words (and £, %) joined
by single spaces, so line breaks, punctuation and quote styles do not matter. A result matches
an evidence string when it contains one contiguous run of at least 60% of the evidence (all of
it, normally; 60% allows for an evidence sentence that a passage boundary or a repaired
line-end hyphen cuts). A result that is merely contained in the evidence (a short agenda title)
does not count unless it covers 60% of the evidence itself.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = ROOT / "corpora" / "eval"
QUESTIONS = EVAL / "questions.json"
SAMPLE_QUESTIONS = ROOT / "corpora" / "sample" / "questions.json"
TEST_QUESTIONS = EVAL / "test_questions.json"
REAL_QUESTIONS = ROOT / "corpora" / "eval_real" / "questions.json"
DEV_REAL_QUESTIONS = ROOT / "corpora" / "eval_real" / "dev_questions.json"
UNANSWERABLE = Path(__file__).resolve().parent / "unanswerable.json"
CORPORA = {
    "hampshire": SHARED / "corpus",
    "borsetshire": ROOT / "corpora" / "sample",
    "real": SHARED / "real",
}
SETS = ("dev", "devreal", "test", "real")
DEV_SETS = frozenset({"dev", "devreal"})  # failures printed, --only applies
SYSTEMS = ("bm25", "dense", "hybrid", "answer")
DATED_TYPES = frozenset({"when_last", "decision", "recommendation"})
EVIDENCE_COVER = 0.6

_TOKEN = re.compile(r"[^\W_]+|[£%]", re.UNICODE)


def normalise(text: str) -> str:
    """Case-folded words (and £, %) joined by single spaces: layout and punctuation go."""
    return " ".join(_TOKEN.findall(text.casefold()))


def evidence_match(result_text: str, evidence: str) -> bool:
    """Does this result hold this evidence string (see the module docstring)?

    With ``m`` the longest common run of the normalised texts: the evidence is in the
    result; or the result is in the evidence and is >= 60% of it (a resolution without
    its "Resolved:"); or a passage boundary cuts the evidence and ``m`` (>= 60% of it) is
    the evidence's head at the result's end or its tail at the result's start; or ``m``
    is >= 90% of the evidence (a repaired hyphen, a dropped character).
    """
    r, e = normalise(result_text), normalise(evidence)
    if not e or not r:
        return False
    if e in r:
        return True
    m = SequenceMatcher(None, r, e, autojunk=False).find_longest_match(0, len(r), 0, len(e))
    if m.size >= 0.9 * len(e):
        return True
    if m.size < EVIDENCE_COVER * len(e):
        return False
    slack = 1  # the space at the cut
    r_all = m.a <= slack and m.a + m.size >= len(r) - slack
    head_at_end = m.b <= slack and m.a + m.size >= len(r) - slack
    tail_at_start = m.b + m.size >= len(e) - slack and m.a <= slack
    return r_all or head_at_end or tail_at_start


def first_hit(texts: Sequence[str], evidence: Sequence[str], depth: int = 10) -> int | None:
    """1-based rank of the first text matching any evidence string, within ``depth``."""
    for rank, text in enumerate(texts[:depth], start=1):
        if any(evidence_match(text, e) for e in evidence):
            return rank
    return None


# ------------------------------------------------------------------ the sets


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list), path
    return data


def load_set(name: str) -> list[dict[str, Any]]:
    """The questions of one set, each with the ``corpus`` whose store answers it."""
    if name == "dev":
        out = [{**q, "corpus": "hampshire"} for q in _load(QUESTIONS)]
        out += [{**q, "corpus": "borsetshire"} for q in _load(SAMPLE_QUESTIONS)]
        for i, q in enumerate(_load(UNANSWERABLE), start=1):
            out.append(
                {
                    "id": f"u{i:02d}",
                    "question": q["question"],
                    "type": q["type"],
                    "answer_date": None,
                    "evidence": [],
                    "corpus": "hampshire",
                }
            )
        return out
    if name == "test":
        return _load(TEST_QUESTIONS)
    if name == "real":
        return [{**q, "corpus": "real"} for q in _load(REAL_QUESTIONS)]
    if name == "devreal":
        return [{**q, "corpus": "real"} for q in _load(DEV_REAL_QUESTIONS)]
    raise SystemExit(f"unknown set {name!r}: one of {', '.join(SETS)}")


def answerable(q: dict[str, Any]) -> bool:
    return bool(q.get("evidence"))


# ---------------------------------------------------------------- scoring


@dataclass(slots=True)
class Outcome:
    qid: str
    qtype: str
    question: str
    answerable: bool
    rank: int | None  # first evidence hit in the top 10
    answer_date: str | None  # what the system said (None: nothing)
    expected_date: str | None
    floor_rank: int | None  # first evidence hit among the results passing the floor
    floor_empty: bool  # nothing passed the floor
    seconds: float

    @property
    def date_ok(self) -> bool:
        return self.answer_date == self.expected_date

    @property
    def floor_ok(self) -> bool:
        return self.floor_rank is not None if self.answerable else self.floor_empty


@dataclass(slots=True)
class Summary:
    n: int = 0  # answerable questions (hit@5, MRR@10)
    hit5: float = 0.0
    mrr10: float = 0.0
    n_dated: int = 0  # when_last and decision questions (answerable or not)
    date: float = 0.0
    date_all: float = 0.0
    n_unanswerable: int = 0
    floor_kept: float = 0.0  # answerable: an evidence hit passes the floor
    floor_null: int = 0  # unanswerable: nothing passes the floor
    rows: list[Outcome] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "hit@5": round(self.hit5, 3),
            "mrr@10": round(self.mrr10, 3),
            "n_dated": self.n_dated,
            "date": round(self.date, 3),
            "date_all": round(self.date_all, 3),
            "n_unanswerable": self.n_unanswerable,
            "floor_kept": round(self.floor_kept, 3),
            "floor_null": self.floor_null,
        }


def summarise(rows: Sequence[Outcome]) -> Summary:
    s = Summary(rows=list(rows))
    ans = [r for r in rows if r.answerable]
    s.n = len(ans)
    if ans:
        s.hit5 = sum(1 for r in ans if r.rank is not None and r.rank <= 5) / len(ans)
        s.mrr10 = sum(1.0 / r.rank for r in ans if r.rank is not None) / len(ans)
        found = [r for r in ans if r.rank is not None]
        s.floor_kept = sum(1 for r in found if r.floor_ok) / len(found) if found else 0.0
    dated = [r for r in rows if r.qtype in DATED_TYPES]
    s.n_dated = len(dated)
    s.date = sum(1 for r in dated if r.date_ok) / len(dated) if dated else 0.0
    s.date_all = sum(1 for r in rows if r.date_ok) / len(rows) if rows else 0.0
    s.n_unanswerable = len(rows) - len(ans)
    s.floor_null = sum(1 for r in rows if not r.answerable and r.floor_ok)
    return s


# A system: question -> (result texts, date it gives, texts of results passing the floor)
SystemFn = Callable[[str], tuple[list[str], str | None, list[str]]]


def run_questions(
    questions: Sequence[dict[str, Any]], fn: Callable[[str], SystemFn]
) -> list[Outcome]:
    """Ask every question of its corpus' system (``fn(corpus)``)."""
    out: list[Outcome] = []
    for q in questions:
        t = time.perf_counter()
        texts, date, kept = fn(q["corpus"])(q["question"])
        elapsed = time.perf_counter() - t
        ev = q.get("evidence") or []
        out.append(
            Outcome(
                qid=q["id"],
                qtype=q["type"],
                question=q["question"],
                answerable=answerable(q),
                rank=first_hit(texts, ev) if ev else None,
                answer_date=date,
                expected_date=q.get("answer_date"),
                floor_rank=first_hit(kept, ev) if ev else None,
                floor_empty=not kept,
                seconds=elapsed,
            )
        )
    return out


# ------------------------------------------------------------------ stores


def corpus_url(url: str, corpus: str) -> str:
    """The PostgreSQL database of one corpus on the server of ``url``: ``<db>_<corpus>``
    (created, with the vector extension, when absent)."""
    from service.store.local_postgres import ensure_database

    head, _, query = url.partition("?")
    base, _, db = head.rpartition("/")
    admin = f"{base}/postgres" + (f"?{query}" if query else "")
    name = f"{db}_{corpus}"
    ensure_database(admin, name)
    return f"{base}/{name}" + (f"?{query}" if query else "")


def copy_store(src: Any, dst: Any) -> int:
    """Fill ``dst`` with the packs of the SQLite store ``src`` (the same passages and stored
    vectors, no extraction, in the order ``src`` stored them, so that passage ids, which break
    ties between equal scores, are in the same order); returns how many packs were copied."""
    from extract.model import Pack
    from service.index.passages import pack_input

    by_pack: dict[str, list[Any]] = {}
    for batch in src.iter_passages():
        for p in batch:
            by_pack.setdefault(p.pack, []).append(p)
    copied = 0
    first = {pack: min(p.id for p in ps) for pack, ps in by_pack.items()}
    for record in sorted(src.list_packs(), key=lambda r: (first.get(r.id, 0), r.id)):
        if dst.pack_id_by_sha(record.sha256):
            continue
        passages = by_pack.get(record.id, [])
        found = src.vectors_for([p.id for p in passages])
        vectors = np.stack([found[p.id] for p in passages]) if passages else np.zeros((0, 384))
        for p in passages:
            p.id = 0
        pack = Pack.from_dict(src.pack_json(record.id))
        pdf = src.pack_pdf(record.id)
        dst.add_pack(pack_input(pack, passages, vectors, record.source_key, record.status, pdf))
        copied += 1
    return copied


def open_corpus_store(
    data_dir: Path, corpus: str, url: str | None = None, copy_from: Path | None = None
) -> Any:
    """The store of one corpus in ``data_dir/<corpus>``: reused when present, indexed when not.
    ``url``: a PostgreSQL server (the corpus in its own database); ``copy_from``: a folder of
    SQLite corpus stores to copy an empty one from instead of indexing."""
    from service.index.indexer import index_paths
    from service.store import open_store

    folder = CORPORA[corpus]
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs in {folder} (corpus {corpus})")
    store = open_store(data_dir / corpus, url=corpus_url(url, corpus) if url else None)
    if copy_from is not None and not store.counts()["packs"]:
        with open_store(copy_from / corpus) as src:
            n = copy_store(src, store)
        print(f"copied {n} packs of {corpus} from {copy_from / corpus}", file=sys.stderr)
    t = time.perf_counter()
    summary = index_paths(store, pdfs)
    if summary.count("indexed"):
        print(
            f"indexed {summary.count('indexed')} files of {corpus} into {data_dir / corpus} "
            f"in {time.perf_counter() - t:.0f}s",
            file=sys.stderr,
        )
    if summary.count("failed"):
        failed = [f for f in summary.to_dict()["files"] if f["status"] == "failed"]
        print(f"{corpus}: {len(failed)} files failed: {failed}", file=sys.stderr)
    return store


class Systems:
    """One store, one answerer per corpus, made on first use; each system a function."""

    def __init__(
        self, data_dir: Path, url: str | None = None, copy_from: Path | None = None
    ) -> None:
        self.data_dir = data_dir
        self.url = url
        self.copy_from = copy_from
        self.stores: dict[str, Any] = {}
        self.answerers: dict[str, Any] = {}

    def store(self, corpus: str) -> Any:
        if corpus not in self.stores:
            self.stores[corpus] = open_corpus_store(self.data_dir, corpus, self.url, self.copy_from)
        return self.stores[corpus]

    def answerer(self, corpus: str) -> Any:
        from service.query.answer import Answerer

        if corpus not in self.answerers:
            # untimed: the machine's load never changes a figure (a skip is still counted)
            self.answerers[corpus] = Answerer(self.store(corpus), timed=False)
        return self.answerers[corpus]

    def system(self, name: str) -> Callable[[str], SystemFn]:
        if name == "answer":
            return self._answer
        if name in ("bm25", "dense", "hybrid"):
            return lambda corpus: self._search(corpus, name)
        raise SystemExit(f"unknown system {name!r}: one of {', '.join(SYSTEMS)}")

    def _answer(self, corpus: str) -> SystemFn:
        answerer = self.answerer(corpus)

        def fn(question: str) -> tuple[list[str], str | None, list[str]]:
            res = answerer.ask(question).to_dict()
            texts = [r["text"] for r in res.get("results", [])]
            answer = res.get("answer")
            date = answer.get("meeting_date") if answer else None
            return texts, date, texts if answer else []

        return fn

    def _search(self, corpus: str, mode: str) -> SystemFn:
        from service.query import floor
        from service.query.search import search

        store = self.store(corpus)
        embedder = self.answerer(corpus).embedder if mode != "bm25" else None

        def fn(question: str) -> tuple[list[str], str | None, list[str]]:
            resp = search(
                store,
                question,
                mode=mode,
                limit=10,
                embedder=embedder,
                floor=False,
                exhaustive=True,
            )
            texts = [r.text for r in resp.results]
            kept = floor.passing(store, question, resp.results, mode, embedder=embedder)
            date = resp.results[0].meeting_date if kept else None
            return texts, date, [r.text for r in kept]

        return fn


# ------------------------------------------------------------------ report

HEADER = (
    f"{'system':8} {'set':7} {'n':>3} {'hit@5':>6} {'MRR@10':>7} {'n_date':>6} {'date':>6} "
    f"{'date/all':>8} {'floor_kept':>10} {'unans->none':>11} {'s/q':>6}"
)


def _line(system: str, part: str, s: Summary) -> str:
    secs = sum(r.seconds for r in s.rows) / max(1, len(s.rows))
    return (
        f"{system:8} {part:7} {s.n:>3} {s.hit5:>6.3f} {s.mrr10:>7.3f} {s.n_dated:>6} "
        f"{s.date:>6.3f} {s.date_all:>8.3f} {s.floor_kept:>10.3f} "
        f"{f'{s.floor_null}/{s.n_unanswerable}':>11} {secs:>6.3f}"
    )


def failures(system: str, rows: Sequence[Outcome]) -> list[str]:
    out = []
    for r in rows:
        hit_ok = not r.answerable or (r.rank is not None and r.rank <= 5)
        date_ok = r.qtype not in DATED_TYPES or r.date_ok
        if hit_ok and date_ok:
            continue
        out.append(
            f"{system:8} {r.qid:5} {r.qtype:9} rank={r.rank!s:4} date={r.answer_date!s:10} "
            f"want={r.expected_date!s:10} {r.question}"
        )
    return out


class SkipCounter(logging.Handler):
    """Counts keyword rankings and phrase lookups that search skipped for their time limit
    (the answers run untimed, ``Answerer(timed=False)``, so only the store's own query limit
    could still skip one on a very loaded machine: the count says whether any was)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.skipped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "skipped" in record.getMessage():
            self.skipped += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True, help="stores to build or reuse")
    ap.add_argument("--sets", default="dev,test,real")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--only", default=None, help="comma-separated question ids (dev sets only)")
    ap.add_argument("--show-test", action="store_true", help="also print test-set failures")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--store",
        default=None,
        help="a PostgreSQL URL: each corpus in its own database <db>_<corpus> on that server"
        " (default: SQLite in DATA_DIR/<corpus>)",
    )
    ap.add_argument(
        "--copy-from",
        type=Path,
        default=None,
        help="fill empty corpus stores from the SQLite stores in this folder (same passages"
        " and vectors, no extraction: compares backends on identical data)",
    )
    args = ap.parse_args(argv)

    skips = SkipCounter()
    search_log = logging.getLogger("service.query.search")
    search_log.addHandler(skips)
    search_log.setLevel(logging.INFO)
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    runner = Systems(args.data_dir, args.store, args.copy_from)
    report: dict[str, Any] = {}
    lines = [HEADER, "-" * len(HEADER)]
    shown: list[str] = []
    for set_name in sets:
        questions = load_set(set_name)
        if args.only:
            if set_name not in DEV_SETS:
                continue
            wanted = set(args.only.split(","))
            questions = [q for q in questions if q["id"] in wanted]
        for system in systems:
            before = skips.skipped
            s = summarise(run_questions(questions, runner.system(system)))
            report.setdefault(set_name, {})[system] = {
                **s.to_dict(),
                "rankings_skipped_for_time": skips.skipped - before,
            }
            lines.append(_line(system, set_name, s))
            if set_name in DEV_SETS or args.show_test:
                shown += failures(system, s.rows)
    if skips.skipped:
        lines.append(
            f"({skips.skipped} keyword rankings or phrase lookups were skipped for their time "
            "limit: a loaded machine; the figures of the systems they belong to depend on it)"
        )
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print("\n".join(lines))
    if shown:
        print("\nfailures (hit@5 or date):", file=sys.stderr)
        print("\n".join(shown), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
