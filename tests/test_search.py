"""Hybrid search over the three indexed corpus packs: exact matches, filters, paraphrase."""

from __future__ import annotations

import pytest

from service.errors import InvalidRequestError
from service.query.search import exact_matches, parse_query, search, tokens


def all_passages(store):  # type: ignore[no-untyped-def]
    return [p for batch in store.iter_passages() for p in batch]


def contains(text: str, phrase: str) -> bool:
    return exact_matches(text, [tokens(phrase)]) == 1


@pytest.mark.parametrize("query", ["Standing Order 12", "UASC"])
def test_exact_reference_matches_rank_first(indexed_store, query) -> None:
    expected = sum(contains(p.text, query) for p in all_passages(indexed_store))
    assert expected >= 2, f"the corpus should hold {query!r} more than once"
    limit = min(expected + 5, 100)
    results = search(indexed_store, query, limit=limit).results
    flags = [contains(r.text, query) for r in results]
    assert flags[: min(expected, limit)] == [True] * min(expected, limit)
    assert sum(flags) == min(expected, limit)  # every exact match is found, none missed


def test_quoted_phrase_in_a_longer_query_is_matched_verbatim(indexed_store) -> None:
    results = search(indexed_store, 'feedback about the "Mind of My Own" app', limit=5).results
    assert results and contains(results[0].text, "Mind of My Own")


def test_reference_number_is_not_matched_by_a_longer_number(indexed_store) -> None:
    parsed = parse_query("Standing Order 12")
    assert not exact_matches("notified under Standing Order 120.", parsed.exact)
    assert exact_matches("notified under Standing Order 12.", parsed.exact)


def test_paraphrased_question_finds_the_passage(indexed_store) -> None:
    q = "phone app that lets children in care tell their social workers how they feel"
    results = search(indexed_store, q, limit=3).results
    assert any("app" in tokens(r.text) and "momo" in tokens(r.text) for r in results)


def test_question_in_other_words_reaches_the_acronym(indexed_store) -> None:
    # "lone child asylum seekers" never says UASC, the corpus's own word for them
    q = "how many lone child asylum seekers are we looking after"
    hybrid = [r.text for r in search(indexed_store, q, limit=10).results]
    assert any("uasc" in tokens(t) for t in hybrid)


def test_body_filter_keeps_only_that_body(indexed_store) -> None:
    results = search(indexed_store, "youth offending", body="advisory panel", limit=20).results
    assert results and all("advisory panel" in (r.body or "").lower() for r in results)
    assert search(indexed_store, "youth offending", body="no such committee").results == []


def test_date_filters_use_the_date_of_the_meeting_minuted(indexed_store) -> None:
    # minutes printed in a later pack are dated by the meeting they record
    minutes = [p for p in all_passages(indexed_store) if p.kind in ("minutes", "resolution")]
    pack_dates = {p.pack: p.meeting_date for p in all_passages(indexed_store) if p.kind == "agenda"}
    m = next(p for p in minutes if p.meeting_date != pack_dates.get(p.pack))
    results = search(
        indexed_store, m.text[:120], date_from=m.meeting_date, date_to=m.meeting_date, limit=10
    ).results
    assert results and all(r.meeting_date == m.meeting_date for r in results)
    assert any(r.text == m.text for r in results)


def test_date_range_and_kind_filters(indexed_store) -> None:
    results = search(
        indexed_store,
        "children in care",
        date_from="2018",
        date_to="2018-12",
        kind="report",
        limit=30,
    ).results
    assert results
    assert all(
        r.kind == "report" and "2018-01-01" <= (r.meeting_date or "") <= "2018-12-31"
        for r in results
    )


@pytest.mark.parametrize("kind", ["resolution", "recommendation", "agenda", "minutes"])
def test_kind_filter_returns_only_that_kind(indexed_store, kind) -> None:
    results = search(indexed_store, "report on children in care", kind=kind, limit=5).results
    assert results and {r.kind for r in results} == {kind}


@pytest.mark.parametrize("mode", ["bm25", "dense"])
def test_single_rankings_are_available(indexed_store, mode) -> None:
    results = search(indexed_store, "foster carers recruitment", mode=mode, limit=5).results
    assert len(results) == 5 and [r.rank for r in results] == [1, 2, 3, 4, 5]
    assert all(a.score >= b.score for a, b in zip(results, results[1:], strict=False))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"query": "   "},
        {"query": "x", "date_from": "17/10/2017"},
        {"query": "x", "kind": "memo"},
        {"query": "x", "limit": 0},
        {"query": "x", "mode": "fuzzy"},
    ],
)
def test_bad_search_parameters_are_rejected(indexed_store, kwargs) -> None:
    query = kwargs.pop("query")
    with pytest.raises(InvalidRequestError):
        search(indexed_store, query, **kwargs)


def test_a_reversed_date_range_matches_nothing(indexed_store) -> None:
    """from after to is a range no meeting is in, not a malformed request (the API's schema
    cannot say that one date must precede the other; the API adds a note)."""
    unbounded = search(indexed_store, "foster carers", limit=5).results
    reversed_range = search(
        indexed_store, "foster carers", date_from="2020-01-01", date_to="2019-01-01", limit=5
    )
    assert unbounded and reversed_range.results == []


def test_result_json_has_the_documented_fields(indexed_store) -> None:
    data = search(indexed_store, "virtual school", limit=2).to_dict()
    assert data["query"] == "virtual school"
    assert set(data["results"][0]) == {
        "rank",
        "score",
        "text",
        "kind",
        "body",
        "meeting_date",
        "agenda_item",
        "item_title",
        "pack",
        "page",
    }


def test_search_over_several_kinds_is_the_union_of_each_kinds_ranking(indexed_store) -> None:
    query = "recommendation to note the report on children in care"
    both = search(indexed_store, query, kind=("resolution", "recommendation"), limit=10).results
    assert both and {r.kind for r in both} <= {"resolution", "recommendation"}
    each = {
        r.passage_id
        for kind in ("resolution", "recommendation")
        for r in search(indexed_store, query, kind=kind, limit=10).results
    }
    assert {r.passage_id for r in both} <= each
