"""Bodies and councils named in questions, matched by meaning (service/query/bodies.py): short
names, informal names and acronyms select the body they mean; a body word inside a role or a
compound ("the Cabinet Member for Highways", "council tax") selects nothing. On the sample
(Borsetshire) store, the filter reaches search and ask."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.query.bodies import council_words, match_body, match_council
from service.query.questions import understand
from service.store import open_store

HAMPSHIRE = [
    "Children and Families Advisory Panel",
    "Corporate Parenting Board",
    "Cabinet",
    "County Council",
]


@pytest.mark.parametrize(
    ("question", "body", "how"),
    [
        (
            "When did the panel last discuss youth justice?",
            "Children and Families Advisory Panel",
            "head",
        ),
        (
            "What did CFAP decide about fostering?",
            "Children and Families Advisory Panel",
            "acronym",
        ),
        ("When did the board last look at care leavers?", "Corporate Parenting Board", "head"),
        (
            "When did corporate parenting last discuss the hives?",
            "Corporate Parenting Board",
            "partial",
        ),
        (
            "What did the advisory panel hear about UASC?",
            "Children and Families Advisory Panel",
            "partial",
        ),
        ("When did Cabinet last discuss the budget?", "Cabinet", "name"),
        (
            "When did the Children & Families Advisory Panel's members last meet?",
            "Children and Families Advisory Panel",
            "name",
        ),
    ],
)
def test_a_body_is_matched_by_meaning(question: str, body: str, how: str) -> None:
    found = match_body(question, HAMPSHIRE)
    assert found is not None
    assert (found.filter, found.how) == (body, how)


@pytest.mark.parametrize(
    "question",
    [
        "What did the Cabinet Member for Highways decide about potholes?",
        "When did the council last talk about council tax?",
        "What did the Leader of the Council say about devolution?",
        "When did we last discuss the children's services budget?",
        "Who sits on the interview panels for new social workers?",
    ],
)
def test_roles_compounds_and_topic_words_name_no_body(question: str) -> None:
    assert match_body(question, HAMPSHIRE) is None


def test_an_ambiguous_short_name_filters_to_what_the_bodies_share() -> None:
    bodies = ["Corporate Parenting Board", "Health and Wellbeing Board", "Cabinet"]
    found = match_body("When did the board last discuss obesity?", bodies)
    assert found is not None and found.filter == "board"
    assert set(found.bodies) == {"Corporate Parenting Board", "Health and Wellbeing Board"}
    # "the committee" with no committee known names nothing
    assert match_body("When did the committee last discuss obesity?", bodies) is None


def test_the_question_loses_the_body_it_names() -> None:
    q = understand("When did the panel last hear about youth justice?", HAMPSHIRE)
    assert q.body == "Children and Families Advisory Panel"
    assert "panel" not in q.query.lower() and "youth justice" in q.query
    q = understand("What did the Cabinet Member for Highways decide about potholes?", HAMPSHIRE)
    assert q.body is None and "Cabinet Member" in q.query


def test_councils_are_matched_by_their_distinctive_words() -> None:
    councils = [
        "Kent County Council",
        "Gloucester City Council",
        "Royal Sutton Coldfield Town Council",
    ]
    assert council_words("London Borough of Merton") == ("merton",)
    assert match_council("When did Gloucester last review council tax support?", councils) == (
        "Gloucester City Council"
    )
    assert match_council("What did Sutton Coldfield spend on the concert?", councils) == (
        "Royal Sutton Coldfield Town Council"
    )
    assert match_council("When did we last discuss family hubs?", councils) is None


@pytest.fixture(scope="module")
def sample_store(sample_indexed_dir: Path) -> Iterator[object]:
    store = open_store(sample_indexed_dir)
    yield store
    store.close()


def test_short_names_reach_ask_on_the_sample_store(sample_store) -> None:  # type: ignore[no-untyped-def]
    """ "scrutiny" and "the committee" mean the sample's Children's Services Scrutiny
    Committee: the answer and every result come from it; a role naming no known body
    ("the Cabinet Member for Children's Services") filters nothing and still answers."""
    from service.query.answer import ask

    bodies = sample_store.bodies()
    for question in (
        "When did scrutiny last discuss youth centre closures?",
        "When did the committee last discuss youth centre closures?",
    ):
        data = ask(sample_store, question).to_dict()
        assert data["understood"]["body"] in bodies
        assert data["answer"] is not None and data["answer"]["meeting_date"] == "2024-04-22"
        assert {r["body"] for r in data["results"]} <= set(bodies)
    data = ask(
        sample_store,
        "When did the Cabinet Member for Children's Services last hear about youth centres?",
    ).to_dict()
    assert data["understood"]["body"] is None
    assert data["answer"] is not None


def test_a_council_scope_keeps_to_its_packs(sample_store, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The packs filter (what a named council becomes) keeps both rankings to those packs;
    a store that knows one council needs no scope."""
    from service.query.bodies import council_packs, council_scope
    from service.query.search import search

    table = council_packs(sample_store)
    assert list(table) == ["Borsetshire County Council"]
    assert len(table["Borsetshire County Council"]) == len(list(sample_dir.glob("*.pdf")))
    assert council_scope(sample_store, "Borsetshire County Council") is None
    one = table["Borsetshire County Council"][0]
    for mode in ("hybrid", "bm25", "dense"):
        got = search(sample_store, "foster carers", mode=mode, packs=(one,), floor=False).results
        assert got and {r.pack for r in got} == {one}
    assert search(sample_store, "foster carers", packs=(), floor=False).results == []


def test_a_body_filter_takes_an_acronym_or_short_name(sample_store) -> None:  # type: ignore[no-untyped-def]
    """``--body``/``body=`` is a part of a known body's name, or else the body it names by
    acronym or short name; a body the store does not know matches nothing."""
    from service.query.search import search

    (name,) = sample_store.bodies()
    initials = "".join(w[0] for w in name.replace("'s", "").split()).upper()
    for body in (initials, "the committee", "scrutiny"):
        got = search(sample_store, "foster carers", body=body, floor=False).results
        assert got and {r.body for r in got} == {name}, body
    assert search(sample_store, "foster carers", body="the Cabinet", floor=False).results == []


def test_the_body_a_question_is_put_to_comes_before_the_bodies_its_topic_names() -> None:
    """Two bodies named as plainly: the first is the one asked (the subject), the other
    belongs to the topic."""
    bodies = ["Audit Committee", "Cabinet", "County Council"]
    for question, body in (
        (
            "What did the county council decide about the Governance and Audit Committee's "
            "terms of reference?",
            "County Council",
        ),
        (
            "When did the audit committee last look at the county council's budget?",
            "Audit Committee",
        ),
    ):
        found = match_body(question, bodies)
        assert found is not None and found.filter == body, question


def test_a_council_is_named_by_its_type_when_the_store_knows_one_of_that_type() -> None:
    """ "the county council" is the one county council the store knows; a type the store
    holds twice ("the parish council" of Souldern and Milburn), a plural ("district
    councils") or a tax ("the county council tax") names none."""
    councils = [
        "Kent County Council",
        "Merton Council",
        "Souldern Parish Council",
        "Milburn Parish Council",
        "Garelochhead Community Council",
    ]
    assert match_council("What did the county council decide about its pay policy?", councils) == (
        "Kent County Council"
    )
    assert match_council("When did the community council discuss broadband?", councils) == (
        "Garelochhead Community Council"
    )
    for question in (
        "When did the parish council last discuss the precept?",
        "What did we give district councils towards council tax discounts?",
        "When did we last discuss the county council tax?",
        "When did we last discuss county council spending?",
    ):
        assert match_council(question, councils) is None, question
    # a council named by its own words comes first
    assert match_council("What did Souldern's parish council decide?", councils) == (
        "Souldern Parish Council"
    )


REAL_TWO_COUNCILS = (
    "uk_kent_2025-03-13_county-council_printed-minutes.pdf",
    "uk_merton_2009-10-22_audit-committee_agenda-pack.pdf",
)


@pytest.fixture(scope="module")
def two_councils_store(
    real_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    """Kent's County Council minutes of 13 March 2025 and Merton's audit committee pack of
    22 October 2009 (../shared/real), indexed together."""
    from service.index.indexer import index_paths

    paths = [real_dir / name for name in REAL_TWO_COUNCILS]
    if not all(p.is_file() for p in paths):
        pytest.skip("the Kent and Merton files of ../shared/real are absent")
    data_dir = tmp_path_factory.mktemp("two-councils")
    store = open_store(data_dir)
    summary = index_paths(store, paths, workers=2)
    assert summary.ok, summary.to_dict()
    yield store
    store.close()


@pytest.mark.shared
def test_the_county_council_answers_about_another_bodys_terms_on_real_files(
    two_councils_store,  # type: ignore[no-untyped-def]
) -> None:
    """A Kent question naming "the county council" and, in its topic, a "Governance and
    Audit Committee" is answered by Kent's County Council resolution of 13 March 2025, not
    by Merton's Audit Committee of 2009 (which the topic's words also name)."""
    from service.query.answer import ask

    data = ask(
        two_councils_store,
        "What did the county council decide about the Governance and Audit Committee's "
        "terms of reference?",
    ).to_dict()
    assert data["understood"]["body"] == "County Council"
    assert data["understood"]["council"] == "Kent County Council"
    answer = data["answer"]
    assert answer is not None
    assert (answer["meeting_date"], answer["body"], answer["kind"]) == (
        "2025-03-13",
        "County Council",
        "resolution",
    )
    assert "Terms of Reference" in answer["text"]
    assert {r["body"] for r in data["results"]} == {"County Council"}
