"""Smoke test of the evaluation harness (benchmarks/evaluate.py): the sets load with the
corpus each question is asked of, and the sample's dev questions score on the sample store
(a reused per-corpus data dir) as the harness reports them."""

from __future__ import annotations

from pathlib import Path

from benchmarks.evaluate import (
    CORPORA,
    Systems,
    evidence_match,
    load_set,
    run_questions,
    summarise,
)


def test_sets_load_with_their_corpus() -> None:
    sizes = {}
    for name in ("dev", "devreal", "test", "real"):
        questions = load_set(name)
        assert all(q["corpus"] in CORPORA for q in questions)
        sizes[name] = len(questions)
    dev = load_set("dev")
    assert sum(1 for q in dev if not q["evidence"]) >= 10  # benchmarks/unanswerable.json
    assert {q["corpus"] for q in dev} == {"hampshire", "borsetshire"}
    assert {q["corpus"] for q in load_set("test")} == {"hampshire", "borsetshire"}
    assert sizes["test"] >= 60 and sizes["real"] >= 40
    assert {q["corpus"] for q in load_set("devreal")} == {"real"} and sizes["devreal"] >= 30


def test_evidence_matching_ignores_layout_but_not_content() -> None:
    ev = "Hampshire currently has 115 UASC in care, 111 male and 4 female."
    assert evidence_match(
        "… Hampshire currently has\n115 UASC in care, 111 male and 4 female. More", ev
    )
    assert not evidence_match("Hampshire currently has 56 UASC in care.", ev)


def test_the_sample_questions_score_on_the_sample_store(
    sample_indexed_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "borsetshire").symlink_to(sample_indexed_dir, target_is_directory=True)
    runner = Systems(tmp_path)
    questions = [q for q in load_set("dev") if q["corpus"] == "borsetshire"]
    answer = summarise(run_questions(questions, runner.system("answer")))
    hybrid = summarise(run_questions(questions, runner.system("hybrid")))
    assert answer.n == hybrid.n == len(questions)
    assert answer.hit5 >= 0.6 and answer.mrr10 >= 0.4 and answer.date >= 0.6, answer.to_dict()
    # understanding the question beats searching it as asked
    assert 0 < hybrid.hit5 < answer.hit5, hybrid.to_dict()
