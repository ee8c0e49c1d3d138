"""The relevance floor of search (service/query/floor.py) on the sample (Borsetshire) store:
a filter that leaves few candidates no longer returns all of them, a topic absent from the
store returns nothing with "no strong matches" said plainly (API, CLI), and ``floor=False``
keeps the raw ranking for callers that judge relevance themselves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.cli import main
from service.query import floor
from service.query.search import search
from service.store import open_store


@pytest.fixture(scope="module")
def sample_store(sample_indexed_dir: Path) -> Iterator[object]:
    store = open_store(sample_indexed_dir)
    yield store
    store.close()


def test_floor_thresholds_are_data_for_every_mode() -> None:
    data = json.loads(floor.FLOOR_FILE.read_text(encoding="utf-8"))
    assert set(data["floor"]) == {"hybrid", "dense", "bm25"}
    assert all(0.0 < v < 1.0 for v in floor.thresholds().values())


def test_a_kind_filter_returns_only_the_relevant_resolutions(sample_store) -> None:  # type: ignore[no-untyped-def]
    raw = search(sample_store, "youth centres", kind="resolution", limit=50, floor=False).results
    kept = search(sample_store, "youth centres", kind="resolution", limit=50).results
    assert len(raw) > 10, "every resolution of the store is a candidate without the floor"
    assert 0 < len(kept) < len(raw) / 2
    assert [r.rank for r in kept] == list(range(1, len(kept) + 1))
    # what passes is what is about youth centres (its text or its minute's title)
    for r in kept:
        assert "youth" in f"{r.item_title} {r.text}".lower(), r.text
    # and nothing about youth centres was dropped
    about = [r for r in raw if "youth centre" in r.text.lower()]
    assert {r.id for r in about} <= {r.id for r in kept}


@pytest.mark.parametrize("mode", ["hybrid", "dense", "bm25"])
def test_an_absent_topic_finds_no_strong_matches(sample_store, mode: str) -> None:  # type: ignore[no-untyped-def]
    resp = search(sample_store, "knife crime on night buses", mode=mode)
    assert resp.results == []
    assert any("no strong matches" in n for n in resp.notes)
    raw = search(sample_store, "knife crime on night buses", mode=mode, floor=False)
    if mode != "bm25":  # the dense ranking always ranks something
        assert raw.results and not any("no strong" in n for n in raw.notes)


def test_the_floor_keeps_the_evidence_of_sample_questions(sample_store) -> None:  # type: ignore[no-untyped-def]
    """Every dev question of the sample whose raw top 10 holds its evidence still does with
    the floor (and most do)."""
    questions = json.loads(
        (
            Path(__file__).resolve().parent.parent / "corpora" / "sample" / "questions.json"
        ).read_text()
    )

    def holds(question: str, head: str, **kw: bool) -> bool:
        results = search(sample_store, question, limit=10, **kw).results
        return any(head in " ".join(r.text.split()).lower() for r in results)

    raw_hits = 0
    for q in questions:
        head = " ".join(q["evidence"][0].split()[:6]).lower()
        if holds(q["question"], head, floor=False):
            raw_hits += 1
            assert holds(q["question"], head), q["question"]
    assert raw_hits >= len(questions) // 2


def test_api_and_cli_say_no_strong_matches(sample_indexed_dir: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from service.web.api import create_app

    with TestClient(create_app(sample_indexed_dir)) as client:
        api = client.get("/search", params={"q": "knife crime on night buses"}).json()
    assert api["results"] == []
    assert any("no strong matches" in n for n in api["notes"])
    capsys.readouterr()
    assert (
        main(["--data-dir", str(sample_indexed_dir), "search", "knife crime on night buses"]) == 0
    )
    out = capsys.readouterr().out
    assert "no strong matches" in out


def test_the_lexicon_is_kept_on_the_store_and_shared_with_answers(sample_store) -> None:  # type: ignore[no-untyped-def]
    from service.query.answer import Answerer

    lex = floor.lexicon_for(sample_store)
    assert floor.lexicon_for(sample_store) is lex
    with Answerer(sample_store) as answerer:
        assert answerer.lexicon() is lex
    assert not any(type(v).__name__ == "WeakKeyDictionary" for v in vars(floor).values()), (
        "no process-global cache in floor.py"
    )
