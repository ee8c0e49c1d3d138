"""Question answering: `boardpapers ask` and GET /ask over the three corpus packs.

The ``indexed`` fixture runs each store test on the committed sample corpus and, when
../shared is present, on the three Hampshire packs too. Questions and their expected dates come
from the dev questions (corpora/sample/questions.json, corpora/eval/questions.json), never from
the code under test; tests/corpus_cases.py says which question each test asks of each corpus.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from service.acronyms import find_definitions
from service.query.questions import mentioned_period, understand

ROOT = Path(__file__).resolve().parent.parent
BODIES = ["Corporate Parenting Board", "Children and Families Advisory Panel"]
ABSENT_TOPIC = "When did we discuss the bus lane on the High Street?"


def ask_json(store: Any, question: str) -> dict[str, Any]:
    from service.query.answer import ask

    return ask(store, question).to_dict()


# --------------------------------------------------------- question understanding


def test_when_question_scaffolding_is_stripped_to_its_topic() -> None:
    q = understand(
        "When did we last discuss the extra refugee children expected under the Dubs scheme?"
    )
    assert q.intent == "when_last"
    assert q.topic == "extra refugee children expected under the Dubs scheme"


def test_named_known_body_becomes_a_filter_and_leaves_the_query() -> None:
    q = understand("Who chaired the Corporate Parenting Board in September 2018?", BODIES)
    assert (q.intent, q.role, q.body) == ("who", "chair", "Corporate Parenting Board")
    assert "Corporate Parenting" not in q.query
    assert q.period == ("2018-09-01", "2018-09-30")


def test_unknown_body_name_is_not_a_filter() -> None:
    q = understand("What did the Planning Committee decide about the bus depot?", BODIES)
    assert q.intent == "decision" and q.body is None


def test_financial_year_is_a_period_spanning_two_calendar_years() -> None:
    assert mentioned_period("the youth justice plan for 2017-18") == ("2017-04-01", "2018-08-31")


def test_acronym_definitions_are_read_from_the_text() -> None:
    text = "the number of Unaccompanied Asylum Seeking Children (UASC) and Personal Education Plans (PEPs)"
    found = find_definitions(text)
    assert found["UASC"] == "Unaccompanied Asylum Seeking Children"
    assert found["PEP"] == "Personal Education Plans"


def test_bracketed_word_that_does_not_spell_its_context_is_no_acronym() -> None:
    assert "TSC" not in find_definitions("progress made by the Transformation Practice (TSC) team")


# ------------------------------------------------------------- over the corpus


def question(indexed: Any, key: str) -> dict[str, Any]:
    """The question of ``indexed``'s case ``key`` (an id, or a tuple starting with one)."""
    case = indexed.case(key)
    qid = case if isinstance(case, str) else case[0]
    questions = json.loads((ROOT / indexed.case("questions")).read_text())
    return next(q for q in questions if q["id"] == qid)


@pytest.mark.slow
def test_when_last_question_gets_the_latest_meeting(indexed: Any) -> None:
    q = question(indexed, "when_last")
    assert q["type"] == "when_last"
    data = ask_json(indexed.store, q["question"])
    assert data["answer"]["meeting_date"] == q["answer_date"]
    dates = [t["meeting_date"] for t in data["timeline"]]
    assert dates == sorted(dates, reverse=True) and q["answer_date"] in dates


@pytest.mark.slow
def test_an_answer_a_time_limit_cut_short_says_it_is_partial(
    indexed: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A loaded server (here: keyword time limits no query can meet) skips the keyword
    rankings: the answer says so (``partial``, ``notes``, a log line) instead of changing
    silently; an untimed answerer (the evaluation's) gives the full answer regardless."""
    from service.query import search as search_mod
    from service.query.answer import Answerer
    from service.store import open_store

    q = question(indexed, "when_last")
    full = ask_json(indexed.store, q["question"])
    assert full["partial"] is False and "notes" not in full
    monkeypatch.setattr(search_mod, "KEYWORD_TIMEOUT", 1e-9)
    monkeypatch.setattr(search_mod, "PHRASE_TIMEOUT", 1e-9)
    # a store opened afresh: a keyword ranking the store kept from an earlier ask is read from
    # memory, which no time limit cuts short
    fresh = open_store(indexed.data_dir)
    try:
        with caplog.at_level("WARNING", logger="service.query.answer"):
            cut = ask_json(fresh, q["question"])
    finally:
        fresh.close()
    assert cut["partial"] is True
    assert any("keyword ranking skipped" in n for n in cut["notes"])
    assert any("partial" in r.getMessage() for r in caplog.records)
    with Answerer(indexed.store, timed=False) as untimed:
        again = untimed.ask(q["question"]).to_dict()
    assert again == full


@pytest.mark.slow
def test_decision_question_is_answered_by_a_resolution(indexed: Any) -> None:
    q, (_, words) = question(indexed, "decision"), indexed.case("decision")
    data = ask_json(indexed.store, q["question"])
    answer = data["answer"]
    assert answer["kind"] in ("resolution", "recommendation")
    assert words in answer["text"]
    assert answer["meeting_date"] == q["answer_date"]


@pytest.mark.slow
def test_minutes_answer_carries_the_recorded_meeting_date_not_the_pack_date(
    indexed: Any,
) -> None:
    q, (_, recorded, printed) = question(indexed, "minutes_date"), indexed.case("minutes_date")
    data = ask_json(indexed.store, q["question"])
    answer = data["answer"]
    assert answer["meeting_date"] == recorded
    pack = indexed.store.pack_record(answer["pack"])
    assert pack.meeting_date == printed
    assert answer["pdf_url"] == f"/packs/{answer['pack']}/pdf#page={answer['page']}"


@pytest.mark.slow
def test_who_wrote_question_is_answered_from_the_report_header(indexed: Any) -> None:
    q, (_, name) = question(indexed, "who_wrote"), indexed.case("who_wrote")
    data = ask_json(indexed.store, q["question"])
    assert name in data["answer"]["text"]


@pytest.mark.slow
def test_a_question_never_reads_every_passage(indexed: Any, monkeypatch) -> None:
    """Acronyms and word counts come from the store per word: at a million passages a scan
    per question (or per new pack) would take half a minute and a gigabyte."""

    def no_scan(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("ask() read every passage")

    monkeypatch.setattr(type(indexed.store), "iter_passages", no_scan)
    from service.query.lexicon import Lexicon

    # ask() answers with a fresh Answerer, so a fresh lexicon (as after a new pack)
    q, (_, acronym) = question(indexed, "acronym_needed"), indexed.case("acronym_needed")
    data = ask_json(indexed.store, q["question"])
    assert data["answer"]["meeting_date"] == q["answer_date"]
    assert acronym in Lexicon(indexed.store).acronyms


@pytest.mark.slow
def test_question_about_an_absent_topic_gets_a_null_answer(indexed: Any) -> None:
    data = ask_json(indexed.store, ABSENT_TOPIC)
    assert data["answer"] is None
    assert data["timeline"] == []
    assert data["message"].startswith("Nothing in the indexed packs")


@pytest.mark.slow
def test_api_ask_json_equals_cli_ask_json(indexed: Any, indexed_client: Any) -> None:
    from service.cli import main

    text = question(indexed, "same_json")["question"]
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--data-dir", str(indexed.data_dir), "ask", text, "--json"]) == 0
    response = indexed_client.get("/ask", params={"q": text})
    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())


@pytest.mark.slow
def test_cli_says_plainly_when_nothing_relevant_was_found(indexed: Any) -> None:
    from service.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--data-dir", str(indexed.data_dir), "ask", ABSENT_TOPIC]) == 0
    assert out.getvalue().startswith("Nothing in the indexed packs answers this")


def test_item_description_keeps_what_the_item_is_about_not_the_report_boilerplate() -> None:
    from service.query.answer import item_about

    desc = (
        "To receive a report from the Director of Children's Services to provide an update "
        "in relation to Unaccompanied Asylum Seeking Children in Hampshire."
    )
    assert item_about(desc) == "Unaccompanied Asylum Seeking Children in Hampshire."
    # a description with no report lead is kept whole
    assert item_about("To receive any apologies for absence.") == (
        "To receive any apologies for absence."
    )


def test_when_last_answer_card_quotes_what_was_recommended_on_the_item(
    sample_indexed_dir: Path,
) -> None:
    """The answer to "when did we last discuss X" carries the item's recommendation or
    resolution (what the UI's answer card shows), not a boilerplate paragraph of the report."""
    from service.query.answer import ask
    from service.store import open_store

    truth = json.loads((SAMPLE_TRUTH_DIR / "questions.json").read_text())
    question = next(q for q in truth if "foster carers" in q["question"].lower())
    store = open_store(sample_indexed_dir)
    try:
        data = ask(store, question["question"]).to_dict()
    finally:
        store.close()
    answer = data["answer"]
    assert answer is not None
    assert answer["meeting_date"] == question["answer_date"]
    assert answer["kind"] in ("recommendation", "resolution")
    assert "Foster" in answer["text"]
    assert answer["pdf_url"] == f"/packs/{answer['pack']}/pdf#page={answer['page']}"


SAMPLE_TRUTH_DIR = Path(__file__).resolve().parent.parent / "corpora" / "sample"


def test_full_item_vector_cache_is_emptied_without_losing_what_the_question_needs(
    indexed: Any, monkeypatch
) -> None:
    indexed_store = indexed.store
    import numpy as np

    from service.query import answer
    from service.query.search import default_embedder

    memo = {f"item {i}": np.zeros(384, dtype=np.float32) for i in range(20_001)}
    answerer = answer.Answerer(indexed_store)
    monkeypatch.setattr(answerer, "item_vectors_memo", memo)
    old, new = "item 7", "Unaccompanied Asylum Seeking Children update"
    got = answerer.item_vectors([old, new], default_embedder(indexed_store))
    assert not got[0].any()  # the remembered one survived the clear
    assert abs(float(np.linalg.norm(got[1])) - 1.0) < 1e-3  # the new one, really embedded
    assert list(memo) == [new]


def test_a_pack_that_could_not_be_read_is_asked_again_not_remembered_empty(
    make_store: Any, sample_dir: Path, monkeypatch: Any
) -> None:
    from service.index.indexer import index_paths
    from service.query.answer import Answerer
    from tests.test_index_pool import RecordingEmbedder

    store = make_store()
    pdf = sorted(sample_dir.glob("*.pdf"))[0]
    index_paths(store, [pdf], embedder=RecordingEmbedder(), workers=0)
    (record,) = store.list_packs()
    answerer = Answerer(store, RecordingEmbedder())
    real = store.pack_json

    def gone(pack_id: str) -> Any:
        raise OSError("the pack is being replaced")

    monkeypatch.setattr(store, "pack_json", gone)
    assert answerer.item_docs(record.id) == {}
    monkeypatch.setattr(store, "pack_json", real)
    assert answerer.item_docs(record.id)  # read now, not the failure kept from before
    assert answerer.item_docs(record.id) is answerer.item_texts[record.id]
