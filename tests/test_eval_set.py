"""Checks for the question evaluation set in corpora/eval/questions.json.

The structural checks run everywhere. The evidence and date checks need the Hampshire packs in
../shared/corpus and skip cleanly (through the ``corpus_dir`` fixture) when they are absent.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

EVAL_FILE = Path(__file__).resolve().parent.parent / "corpora" / "eval" / "questions.json"

TYPES = frozenset({"when_last", "decision", "how_many", "who", "topic"})
REQUIRED = ("id", "question", "type", "body", "answer_date", "evidence", "pack", "page")
MIN_QUESTIONS = 50
MIN_PER_TYPE = {"when_last": 20, "decision": 10, "how_many": 10, "who": 5}
EVIDENCE_MIN, EVIDENCE_MAX = 40, 300

PACK_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})\.pdf$")
# Header of printed minutes, e.g. "AT A MEETING of the Corporate Parenting Board of HAMPSHIRE
# COUNTY COUNCIL held at the Castle, Winchester on Tuesday, 25th September, 2018".
MINUTES_DATE_RE = re.compile(
    r"AT A MEETING of .{0,200}? on [A-Z][a-z]+day,? (\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+),? (\d{4})"
)
MONTHS = {calendar.month_name[n]: n for n in range(1, 13)}

Question = dict[str, Any]


def _load() -> list[Question]:
    with EVAL_FILE.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list), "questions.json must hold a JSON list"
    return data


QUESTIONS: list[Question] = _load()


def normalise(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space."""
    return " ".join(text.split())


def pack_date(pack: str) -> str:
    m = PACK_DATE_RE.search(pack)
    assert m, f"pack name {pack!r} carries no YYYY-MM-DD meeting date"
    return m.group(1)


def by_id(q: Question) -> str:
    return str(q.get("id"))


# --------------------------------------------------------------------------- structure


def test_enough_questions() -> None:
    assert len(QUESTIONS) >= MIN_QUESTIONS


def test_ids_unique() -> None:
    ids = [q["id"] for q in QUESTIONS]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"duplicate ids: {dupes}"


def test_at_least_half_paraphrased() -> None:
    paraphrased = sum(1 for q in QUESTIONS if q.get("paraphrased") is True)
    assert 2 * paraphrased >= len(QUESTIONS), f"only {paraphrased}/{len(QUESTIONS)} paraphrased"


def test_type_mix() -> None:
    for typ, minimum in MIN_PER_TYPE.items():
        n = sum(1 for q in QUESTIONS if q["type"] == typ)
        assert n >= minimum, f"{typ}: {n} < {minimum}"


@pytest.mark.parametrize("q", QUESTIONS, ids=by_id)
def test_fields(q: Question) -> None:
    missing = [k for k in REQUIRED if k not in q]
    assert not missing, f"missing fields {missing}"
    assert isinstance(q["id"], str) and re.fullmatch(r"q\d+", q["id"])
    assert isinstance(q["question"], str) and q["question"].strip().endswith("?")
    assert q["type"] in TYPES, f"bad type {q['type']!r}"
    assert q["body"] is None or (isinstance(q["body"], str) and q["body"].strip())
    assert isinstance(q["paraphrased"], bool)
    date.fromisoformat(q["answer_date"])  # raises on a malformed date
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", q["answer_date"])
    assert q["answer_date"] <= pack_date(q["pack"]), "answer cannot postdate its pack"
    assert isinstance(q["page"], int) and not isinstance(q["page"], bool) and q["page"] >= 1
    evidence = q["evidence"]
    assert isinstance(evidence, list) and evidence, "evidence must be a non-empty list"
    for ev in evidence:
        assert isinstance(ev, str)
        n = len(normalise(ev))
        assert EVIDENCE_MIN <= n <= EVIDENCE_MAX, f"evidence length {n}: {ev[:60]!r}"


# --------------------------------------------------------------------------- against the PDFs


def _page_texts(pdf: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        texts: list[str] = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            texts.append(normalise(textpage.get_text_range()))
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


@pytest.fixture(scope="session")
def pack_pages(corpus_dir: Path) -> dict[str, list[str]]:
    """Whitespace-normalised text of every page of every pack the set refers to."""
    pages: dict[str, list[str]] = {}
    for pack in sorted({q["pack"] for q in QUESTIONS}):
        pdf = corpus_dir / pack
        assert pdf.is_file(), f"{pack} not found in {corpus_dir}"
        pages[pack] = _page_texts(pdf)
    return pages


@pytest.fixture(scope="session")
def truths(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for pack in sorted({q["pack"] for q in QUESTIONS}):
        truth = corpus_dir / pack.replace(".pdf", ".truth.json")
        with truth.open(encoding="utf-8") as fh:
            out[pack] = json.load(fh)
    return out


def minutes_section(truth: dict[str, Any], page: int) -> dict[str, Any] | None:
    for sec in truth.get("sections", []):
        if sec.get("kind") == "minutes" and sec["start_page"] <= page <= sec["end_page"]:
            return sec
    return None


def minutes_date(first_page_text: str) -> str:
    m = MINUTES_DATE_RE.search(first_page_text)
    assert m, "no 'AT A MEETING ... on <date>' header on the first page of the minutes"
    day, month, year = m.groups()
    return date(int(year), MONTHS[month], int(day)).isoformat()


@pytest.mark.shared
@pytest.mark.parametrize("q", QUESTIONS, ids=by_id)
def test_evidence_on_stated_page(q: Question, pack_pages: dict[str, list[str]]) -> None:
    pages = pack_pages[q["pack"]]
    page = q["page"]
    assert page <= len(pages), f"page {page} beyond the {len(pages)} pages of {q['pack']}"
    first = normalise(q["evidence"][0])
    assert first in pages[page - 1], f"first evidence does not start on page {page}: {first!r}"
    window = pages[page - 1 : page + 1]  # the stated page and the next one
    for ev in q["evidence"]:
        norm = normalise(ev)
        assert any(norm in text for text in window), (
            f"not on page {page} or {page + 1} of {q['pack']}: {norm!r}"
        )


@pytest.mark.shared
@pytest.mark.parametrize("q", QUESTIONS, ids=by_id)
def test_answer_date_follows_date_rule(
    q: Question, pack_pages: dict[str, list[str]], truths: dict[str, dict[str, Any]]
) -> None:
    truth = truths[q["pack"]]
    meeting = truth["meeting"]["date"]
    assert meeting == pack_date(q["pack"]), "pack name and truth.json disagree on the date"
    sec = minutes_section(truth, q["page"])
    if sec is None:
        assert q["answer_date"] == meeting, (
            f"evidence on page {q['page']} is not in minutes, so the date should be {meeting}"
        )
        return
    recorded = minutes_date(pack_pages[q["pack"]][sec["start_page"] - 1])
    assert q["answer_date"] != meeting, "minutes record an earlier meeting, not the pack's own"
    assert q["answer_date"] == recorded, (
        f"evidence comes from minutes of the {recorded} meeting, not {q['answer_date']}"
    )
