"""Hybrid search over the three indexed corpus packs: exact matches, filters, paraphrase."""

from __future__ import annotations

import pytest

from service.errors import InvalidRequestError
from service.query.search import exact_matches, parse_query, search, tokens


def all_passages(store):  # type: ignore[no-untyped-def]
    return [p for batch in store.iter_passages() for p in batch]


def contains(text: str, phrase: str) -> bool:
    return exact_matches(text, [tokens(phrase)]) == 1


@pytest.mark.parametrize("which", [0, 1])
def test_exact_reference_matches_rank_first(indexed, which) -> None:
    query = indexed.case("exact_references")[which]
    store = indexed.store
    expected = sum(contains(p.text, query) for p in all_passages(store))
    assert expected >= 2, f"the corpus should hold {query!r} more than once"
    limit = min(expected + 5, 100)
    results = search(store, query, limit=limit).results
    flags = [contains(r.text, query) for r in results]
    assert flags[: min(expected, limit)] == [True] * min(expected, limit)
    assert sum(flags) == min(expected, limit)  # every exact match is found, none missed


def test_quoted_phrase_in_a_longer_query_is_matched_verbatim(indexed) -> None:
    query, phrase = indexed.case("quoted")
    results = search(indexed.store, query, limit=5).results
    assert results and contains(results[0].text, phrase)


def test_reference_number_is_not_matched_by_a_longer_number() -> None:
    parsed = parse_query("Standing Order 12")
    assert not exact_matches("notified under Standing Order 120.", parsed.exact)
    assert exact_matches("notified under Standing Order 12.", parsed.exact)


def test_paraphrased_question_finds_the_passage(indexed) -> None:
    q, needed = indexed.case("paraphrase")
    results = search(indexed.store, q, limit=3).results
    assert any(needed <= set(tokens(r.text)) for r in results)


def test_question_in_other_words_reaches_the_acronym(indexed) -> None:
    # the question never says the acronym, the corpus's own word for what it asks about
    q, acronym = indexed.case("acronym")
    assert not acronym & set(tokens(q))
    hybrid = [r.text for r in search(indexed.store, q, limit=10).results]
    assert any(acronym & set(tokens(t)) for t in hybrid)


def test_body_filter_keeps_only_that_body(indexed) -> None:
    query, body = indexed.case("body_filter")
    results = search(indexed.store, query, body=body, limit=20).results
    assert results and all(body in (r.body or "").lower() for r in results)
    assert search(indexed.store, query, body="no such committee").results == []


def test_date_filters_use_the_date_of_the_meeting_minuted(indexed) -> None:
    indexed_store = indexed.store
    # minutes printed in a later pack are dated by the meeting they record
    minutes = [p for p in all_passages(indexed_store) if p.kind in ("minutes", "resolution")]
    pack_dates = {p.pack: p.meeting_date for p in all_passages(indexed_store) if p.kind == "agenda"}
    m = next(p for p in minutes if p.meeting_date != pack_dates.get(p.pack))
    results = search(
        indexed_store, m.text[:120], date_from=m.meeting_date, date_to=m.meeting_date, limit=10
    ).results
    assert results and all(r.meeting_date == m.meeting_date for r in results)
    assert any(r.text == m.text for r in results)


def test_date_range_and_kind_filters(indexed) -> None:
    # partial dates ("2018", "2024-04") widen to the whole year or month they name
    query, date_from, date_to, kind, (low, high) = indexed.case("date_kind")
    results = search(
        indexed.store, query, date_from=date_from, date_to=date_to, kind=kind, limit=30
    ).results
    assert results
    assert all(r.kind == kind and low <= (r.meeting_date or "") <= high for r in results)


@pytest.mark.parametrize("kind", ["resolution", "recommendation", "agenda", "minutes"])
def test_kind_filter_returns_only_that_kind(indexed, kind) -> None:
    results = search(indexed.store, "report on children in care", kind=kind, limit=5).results
    assert results and {r.kind for r in results} == {kind}


@pytest.mark.parametrize("mode", ["bm25", "dense"])
def test_single_rankings_are_available(indexed, mode) -> None:
    results = search(indexed.store, indexed.case("topic"), mode=mode, limit=5).results
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
def test_bad_search_parameters_are_rejected(indexed, kwargs) -> None:
    kwargs = dict(kwargs)  # the same parameters serve each corpus
    query = kwargs.pop("query")
    with pytest.raises(InvalidRequestError):
        search(indexed.store, query, **kwargs)


def test_a_reversed_date_range_matches_nothing(indexed) -> None:
    """from after to is a range no meeting is in, not a malformed request (the API's schema
    cannot say that one date must precede the other; the API adds a note)."""
    unbounded = search(indexed.store, "foster carers", limit=5).results
    reversed_range = search(
        indexed.store, "foster carers", date_from="2020-01-01", date_to="2019-01-01", limit=5
    )
    assert unbounded and reversed_range.results == []


def test_result_json_has_the_documented_fields(indexed) -> None:
    data = search(indexed.store, "virtual school", limit=2).to_dict()
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


def test_search_over_several_kinds_is_the_union_of_each_kinds_ranking(indexed) -> None:
    query = "recommendation to note the report on children in care"
    both = search(indexed.store, query, kind=("resolution", "recommendation"), limit=10).results
    assert both and {r.kind for r in both} <= {"resolution", "recommendation"}
    each = {
        r.passage_id
        for kind in ("resolution", "recommendation")
        for r in search(indexed.store, query, kind=kind, limit=10).results
    }
    assert {r.passage_id for r in both} <= each


def test_only_the_listed_characters_lower_irregularly() -> None:
    """exact_matches matches a target as a pattern in the lowered text when the text has
    none of ``_LOWER_IRREGULAR``: every other character lowers to one character of its own
    class (word or not)."""
    import re

    from service.query.search import _LOWER_IRREGULAR

    word = re.compile(r"[^\W_]")
    irregular = []
    for cp in range(0x110000):
        c = chr(cp)
        low = c.lower()
        context_dependent = c == "\u03a3"  # final sigma: the one rule str.lower reads context for
        if len(low) != 1 or bool(word.match(c)) != bool(word.match(low)) or context_dependent:
            irregular.append(c)
    assert tuple(irregular) == _LOWER_IRREGULAR


def test_exact_matches_by_pattern_equal_matches_by_words(indexed) -> None:
    """Every stored passage, and texts with the characters that lower irregularly, counted
    for word sequences its own words give (whole, in part, shifted) and for odd targets."""
    from service.query.search import _contains

    def by_words(text: str, exact: list[list[str]]) -> int:
        words = tokens(text)
        return sum(_contains(words, e) for e in exact)

    texts = [p.text for p in all_passages(indexed.store)]
    texts += ["İstanbul office", "ΣΟΦΙΑ report", "the_council met", "foster_carers, Foster carers"]
    texts += ["the subcommittee's fostering report", "Committee: fostering, foster."]
    checked = 0
    for n, text in enumerate(texts):
        words = tokens(text)
        targets = [
            words[n % max(1, len(words)) :][:3],
            words[1:2],
            ["foster", "carers"],
            ["the", "council"],
            ["i̇stanbul"],
            ["σοφια"],
            ["carers", "foster"],
            ["committee"],
            ["foster"],
        ]
        targets = [t for t in targets if t]
        for t in targets:
            assert exact_matches(text, [t]) == by_words(text, [t]), (text[:80], t)
        assert exact_matches(text, targets) == by_words(text, targets)
        checked += 1
    assert checked > 100
