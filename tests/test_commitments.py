"""Commitments (promised updates): the due-date resolver on phrases, the promise grammar on
sentences, and find_commitments on real packs (the sample packs need no ../shared; the
Hampshire corpus packs skip cleanly when ../shared is absent)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from benchmarks.commitments import GOLD, score
from extract import ExtractSettings, extract
from extract.enrich.commitments import find_commitments
from extract.enrich.duedate import find_due, parse_date, resolve_due
from extract.model import (
    Commitment,
    Contact,
    Meeting,
    MinuteItem,
    Minutes,
    Pack,
    PageInfo,
    Report,
)

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"
S_JAN = "borsetshire-childrens-services-scrutiny-2024-01-15.pdf"
S_APR = "borsetshire-childrens-services-scrutiny-2024-04-22.pdf"
S_JUL = "borsetshire-childrens-services-scrutiny-2024-07-08.pdf"
HCC_2017 = "hcc-children-and-families-advisory-panel-2017-10-17.pdf"
HCC_2022 = "hcc-corporate-parenting-board-2022-06-15.pdf"


# ------------------------------------------------------------------ due-date resolver

ANCHOR = "2017-10-17"


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("an updated report to be provided in February 2018", "2018-02"),
        ("a further update to the Board in six months", "2018-04"),
        ("in twelve months", "2018-10"),
        ("within 12 weeks", "2018-01"),
        ("in a year's time", "2018-10"),
        ("January 2022", "2022-01"),
        ("at the meeting on 22 April 2024", "2024-04-22"),
        ("Report to the Board Jan 18", "2018-01"),
        ("by March", "2018-03"),
        ("in the autumn", "2017-09"),  # the season containing the meeting
        ("in the spring", "2018-03"),
        ("summer 2019", "2019-06"),
        ("at the end of the spring term 2024", "2024-03"),
        ("by the end of the year", "2017-12"),
        ("later this year", "2017-12"),
        ("to return to the committee next year", "2018-01"),
        ("in 2025/26", "2025-04"),
        ("during 2024-25", "2024-04"),
        ("by the end of 2024/25", "2025-03"),
        ("Q3 2024/25", "2024-10"),
        ("the next financial year", "2018-04"),
        ("in 2025", "2025-01"),
    ],
)
def test_due_phrases_resolve_against_the_meeting_date(phrase: str, due: str) -> None:
    assert resolve_due(phrase, ANCHOR) == due


@pytest.mark.parametrize(
    "phrase",
    ["a progress report at the next meeting", "to a future meeting", "quarterly", "shortly", ""],
)
def test_undated_phrases_give_no_date(phrase: str) -> None:
    assert resolve_due(phrase, ANCHOR) is None


def test_next_meeting_takes_the_stated_next_meeting_date() -> None:
    due = find_due("report back to the next meeting", parse_date(ANCHOR), "2017-11-14")
    assert due is not None and due.due == "2017-11-14" and due.text == "the next meeting"
    assert resolve_due("report back to the next meeting", ANCHOR) is None


def test_relative_phrases_need_an_anchor_but_absolute_ones_do_not() -> None:
    assert resolve_due("in six months", None) is None
    assert resolve_due("in February 2018", None) == "2018-02"


def test_a_budget_year_used_as_a_name_is_not_a_due_date() -> None:
    assert resolve_due("the 2024/25 budget", ANCHOR) is None


def test_two_digit_year_far_from_the_meeting_is_read_as_a_day() -> None:
    assert resolve_due("April 28", ANCHOR) is None


# ------------------------------------------------------------------ promise grammar


def _pack(text: str, kind: str) -> Pack:
    pack = Pack(
        source="t.pdf",
        sha256="",
        page_count=1,
        meeting=Meeting(body="Audit Committee", date="2023-03-15"),
        pages=[PageInfo(number=1, text=text, agenda_item="5")],
    )
    if kind == "report":
        pack.reports = [
            Report(
                agenda_item="5",
                title="T",
                date=None,
                report_from=None,
                contact=Contact(),
                pages=[1, 1],
            )
        ]
    else:
        item = MinuteItem(number="4", title="X", text=text, pages=[1, 1])
        pack.minutes = [
            Minutes(
                agenda_item="3",
                body="Audit Committee",
                date="2023-01-10",
                chairman=None,
                items=[item],
                pages=[1, 1],
            )
        ]
    return pack


def _found(text: str, kind: str = "minutes") -> list[Commitment]:
    return find_commitments(_pack(text, kind))


@pytest.mark.parametrize(
    ("sentence", "due", "to_body", "by"),
    [
        ("A further update will be brought to the Board in six months.", "2023-07", "Board", None),
        ("Officers to report back to the Panel.", None, "Panel", "Officers"),
        ("The item is to return to the Committee next year.", "2024-01", "Audit Committee", None),
        (
            "Members agreed that a progress report be brought to the next meeting.",
            None,
            "Audit Committee",
            None,
        ),
        (
            "The Director would report back to this Committee in the autumn.",
            "2023-09",
            "Audit Committee",
            "Director",
        ),
        (
            "The Head of Finance undertook to circulate the figures to Members.",
            None,
            "Audit Committee",
            "Head of Finance",
        ),
        (
            "Members requested that the Clerk circulate the revised figures before the next meeting.",
            None,
            "Audit Committee",
            "Clerk",
        ),
        ("The Committee will be kept informed of progress.", None, "Audit Committee", None),
    ],
)
def test_promises_are_found_with_due_recipient_and_officer(
    sentence: str, due: str | None, to_body: str | None, by: str | None
) -> None:
    found = _found(sentence)
    assert len(found) == 1, sentence
    c = found[0]
    assert (c.due, c.to_body, c.by) == (due, to_body, by)
    assert c.source_kind == "minutes" and c.page == 1 and c.anchor_date == "2023-01-10"


@pytest.mark.parametrize(
    "sentence",
    [
        "A report was presented to the Board in January 2022.",
        "The Virtual School reports to the Board on progress.",
        "This report will set out the options for the future of the service.",
        "The purpose of this report is to update the Committee on progress.",
        "The Board may request reports on particular matters.",
        "Do you receive regular reports on the health of children in care?",
        "The scheme would be publicised more widely.",
        "The audit will be repeated later this year.",
        "No further report will be brought to the Committee.",
        "The work programme will be kept under review and updated at each meeting.",
        "To receive a report from the Director of Children's Services.",
        "Staff will be provided with training on the new system.",
        "Reports will be provided on request.",
        "The Committee received an update at its meeting in December 2022.",
        "Cabinet would consider the Committee's comments carefully.",
        "Pressures continue to be reported in the maintenance budgets.",
        "The outcome would be reported to the Board in June 2022.",  # before the meeting
    ],
)
def test_sentences_that_are_not_promises_are_not_commitments(sentence: str) -> None:
    assert _found(sentence) == [] and _found(sentence, "report") == []


def test_a_that_clause_in_minutes_is_a_resolution_and_in_a_report_a_recommendation() -> None:
    text = "RESOLVED: That officers report back to the next meeting on the options."
    assert [c.source_kind for c in _found(text)] == ["resolution"]
    assert [c.source_kind for c in _found(text, "report")] == ["recommendation"]


def test_minutes_resolve_against_their_own_date_and_reports_against_the_pack_date() -> None:
    text = "A further update will be provided in six months."
    assert _found(text)[0].due == "2023-07"  # minutes of 10 January 2023
    assert _found(text, "report")[0].due == "2023-09"  # pack of 15 March 2023


def test_text_outside_minutes_and_reports_is_not_read() -> None:
    pack = _pack("A further update will be provided in six months.", "report")
    pack.reports = []
    assert find_commitments(pack) == []


def test_pack_round_trip_keeps_commitments() -> None:
    pack = _pack("Officers to report back to the Panel in March 2023.", "minutes")
    pack.commitments = find_commitments(pack)
    assert pack.commitments
    again = Pack.from_dict(json.loads(json.dumps(pack.to_dict())))
    assert again.commitments == pack.commitments


# ------------------------------------------------------------------ real packs


@functools.cache
def _commitments_of(path: str) -> tuple[Commitment, ...]:
    result = extract(path, ExtractSettings(enrich=False, tables=False))
    assert result.pack is not None, result.reason
    return tuple(find_commitments(result.pack))


def _with(found: tuple[Commitment, ...], quote: str) -> Commitment:
    hits = [c for c in found if quote.lower() in c.text.lower()]
    assert len(hits) == 1, (quote, [c.text for c in found])
    return hits[0]


def test_sample_minutes_resolution_with_a_school_term_due() -> None:
    c = _with(_commitments_of(str(SAMPLE / S_JAN)), "provide Members with the number")
    assert (c.source_kind, c.page, c.due, c.anchor_date) == (
        "resolution",
        4,
        "2024-03",
        "2023-10-16",
    )
    assert c.by == "Director of Children's Services"
    assert c.to_body == "Children's Services Scrutiny Committee"
    assert (c.agenda_item, c.minute_item) == ("3", "19")


def test_sample_report_promise_and_recommendation() -> None:
    found = _commitments_of(str(SAMPLE / S_JUL))
    c = _with(found, "A further update will be brought to the Committee in January 2025")
    assert (c.source_kind, c.page, c.due) == ("report", 8, "2025-01")
    assert c.to_body == "Children's Services Scrutiny Committee"
    r = _with(found, "report to the Committee in January")
    assert (r.source_kind, r.due, r.anchor_date) == ("resolution", "2025-01", "2024-04-22")


def test_sample_past_reporting_is_not_a_commitment() -> None:
    found = _commitments_of(str(SAMPLE / S_JUL))
    assert not [c for c in found if "reported to the Committee on 15 January" in c.text]
    assert not [c for c in found if "as requested by the Committee" in c.text]


def _gold(split_packs: list[str]) -> list[dict]:
    doc = json.loads(GOLD.read_text(encoding="utf-8"))
    return [c for c in doc["commitments"] if c["pack"] in split_packs]


def test_sample_packs_against_the_hand_checked_gold() -> None:
    packs = [S_JAN, S_APR, S_JUL]
    predicted = [
        {"pack": p, "page": c.page, "text": c.text, "due": c.due, "source_kind": c.source_kind}
        for p in packs
        for c in _commitments_of(str(SAMPLE / p))
    ]
    s = score(_gold(packs), predicted)
    assert s.gold == 12
    assert s.precision >= 0.9 and s.recall >= 0.9, (s.misses, s.false_positives)
    assert s.due_accuracy >= 0.9, s.wrong_due


@pytest.mark.shared
def test_corpus_recommendation_with_a_month_due(corpus_dir: Path) -> None:
    c = _with(_commitments_of(str(corpus_dir / HCC_2017)), "updated report to be provided")
    assert (c.source_kind, c.page, c.due, c.agenda_item) == ("recommendation", 102, "2018-02", "9")


@pytest.mark.shared
def test_corpus_minutes_resolution_anchors_on_the_meeting_recorded(corpus_dir: Path) -> None:
    found = _commitments_of(str(corpus_dir / HCC_2022))
    c = _with(found, "That an update is provided to the Board in January 2022")
    assert (c.source_kind, c.due, c.anchor_date) == ("resolution", "2022-01", "2021-10-21")
    assert c.to_body == "Corporate Parenting Board"
    later = _with(found, "further update is scheduled for October 2022")
    assert later.due == "2022-10"  # not the earlier, past "October 2021" in the same sentence


# ------------------------------------------------------------------ the scorer


def test_scorer_matches_by_quote_and_page_and_counts_due() -> None:
    gold = [
        {
            "pack": "a",
            "page": 3,
            "quote": "report back",
            "due": "2024-01",
            "source_kind": "minutes",
        },
        {"pack": "a", "page": 9, "quote": "an update", "due": None, "source_kind": "report"},
    ]
    predicted = [
        {"pack": "a", "page": 4, "text": "Officers to REPORT  back.", "due": "2024-02"},
        {"pack": "a", "page": 9, "text": "Something else entirely.", "due": None},
    ]
    s = score(gold, predicted)
    assert (s.matched, s.precision, s.recall, s.due_right) == (1, 0.5, 0.5, 0)
    assert s.misses == [gold[1]] and s.false_positives == [predicted[1]]
