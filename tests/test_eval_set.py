"""Checks for the question evaluation sets: the dev set corpora/eval/questions.json and the two
frozen test sets corpora/eval/test_questions.json and corpora/eval_real/questions.json.

The structural checks run everywhere. The evidence and date checks need the Hampshire packs in
../shared/corpus or the real PDFs in ../shared/real and skip cleanly (through the ``corpus_dir``
and ``real_dir`` fixtures) when they are absent; Borsetshire questions are always checked against
corpora/sample. A frozen test set fails the suite as soon as its sha256 differs from corpora/FROZEN.
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


# =========================================================================== frozen test sets
# corpora/eval/test_questions.json (Hampshire and Borsetshire packs) and
# corpora/eval_real/questions.json (../shared/real) are TEST sets: written before the system was
# run on them and frozen by sha256 in corpora/FROZEN. Nobody tunes on them; they are reported.

ROOT = EVAL_FILE.parent.parent.parent
TEST_FILE = ROOT / "corpora" / "eval" / "test_questions.json"
REAL_FILE = ROOT / "corpora" / "eval_real" / "questions.json"
SAMPLE_QUESTIONS = ROOT / "corpora" / "sample" / "questions.json"
FROZEN = ROOT / "corpora" / "FROZEN"
TEST_MIN, REAL_MIN, UNANSWERABLE_MIN = 50, 40, 6
WHEN_LAST_SHARE = 0.4
VARIATIONS = frozenset({"short_body", "informal_body", "role", "year", "unanswerable"})
FILE_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _load_list(path: Path) -> list[Question]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list), f"{path.name} must hold a JSON list"
    return data


TEST_QUESTIONS: list[Question] = _load_list(TEST_FILE)
REAL_QUESTIONS: list[Question] = _load_list(REAL_FILE)


def answerable(q: Question) -> bool:
    return q.get("answer_date") is not None


def file_date(pack: str) -> str:
    m = FILE_DATE_RE.search(pack)
    assert m, f"file name {pack!r} carries no YYYY-MM-DD date"
    return m.group(1)


def _check_common_fields(q: Question, id_re: str, scope_key: str) -> None:
    """Field checks shared by both test sets (answerable and unanswerable questions)."""
    assert re.fullmatch(id_re, str(q.get("id"))), f"bad id {q.get('id')!r}"
    assert isinstance(q["question"], str) and q["question"].strip().endswith("?")
    assert q["type"] in TYPES, f"bad type {q['type']!r}"
    assert isinstance(q.get(scope_key), str) and q[scope_key].strip(), f"missing {scope_key}"
    assert q["body"] is None or (isinstance(q["body"], str) and q["body"].strip())
    assert isinstance(q["paraphrased"], bool)
    assert set(q.get("variations", [])) <= VARIATIONS, f"unknown variation {q.get('variations')}"
    if not answerable(q):
        assert q["evidence"] == [] and q["pack"] is None and q["page"] is None
        assert "unanswerable" in q["variations"]
        return
    date.fromisoformat(q["answer_date"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", q["answer_date"])
    assert isinstance(q["pack"], str) and q["pack"].endswith(".pdf")
    assert q["answer_date"] <= file_date(q["pack"]), "answer cannot postdate its document"
    assert isinstance(q["page"], int) and not isinstance(q["page"], bool) and q["page"] >= 1
    assert isinstance(q["evidence"], list) and q["evidence"], "evidence must be a non-empty list"
    for ev in q["evidence"]:
        assert isinstance(ev, str)
        n = len(normalise(ev))
        assert EVIDENCE_MIN <= n <= EVIDENCE_MAX, f"evidence length {n}: {ev[:60]!r}"


@pytest.mark.parametrize("q", TEST_QUESTIONS, ids=by_id)
def test_test_set_fields(q: Question) -> None:
    _check_common_fields(q, r"t\d{3}", "corpus")
    assert q["corpus"] in {"hampshire", "borsetshire"}


@pytest.mark.parametrize("q", REAL_QUESTIONS, ids=by_id)
def test_real_set_fields(q: Question) -> None:
    _check_common_fields(q, r"r\d{3}", "council")
    assert answerable(q), "every real-set question has an answer in its document"
    assert q.get("text_layer", True) in (True, False)


@pytest.mark.parametrize(
    ("questions", "minimum"),
    [(TEST_QUESTIONS, TEST_MIN), (REAL_QUESTIONS, REAL_MIN)],
    ids=["test", "real"],
)
def test_frozen_set_size_and_mix(questions: list[Question], minimum: int) -> None:
    assert len(questions) >= minimum
    ids = [q["id"] for q in questions]
    assert len(set(ids)) == len(ids), "duplicate ids"
    paraphrased = sum(1 for q in questions if q["paraphrased"])
    assert 2 * paraphrased >= len(questions), f"only {paraphrased}/{len(questions)} paraphrased"
    types = {q["type"] for q in questions}
    assert types == TYPES, f"types missing: {TYPES - types}"


def test_test_set_when_last_share_and_unanswerable() -> None:
    n = len(TEST_QUESTIONS)
    when_last = sum(1 for q in TEST_QUESTIONS if q["type"] == "when_last")
    assert when_last >= WHEN_LAST_SHARE * n, f"when_last {when_last}/{n}"
    assert sum(1 for q in TEST_QUESTIONS if not answerable(q)) >= UNANSWERABLE_MIN
    for tag in ("short_body", "informal_body", "role", "year"):
        assert any(tag in q["variations"] for q in TEST_QUESTIONS), f"no {tag!r} question"


STOP_WORDS = frozenset(re.findall(r"\w+", "the a an of to in on for and or we did when last"))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS}


def test_test_set_is_not_the_dev_set() -> None:
    """Test questions are new: no id or near-identical wording shared with a dev question."""
    dev = QUESTIONS + _load_list(SAMPLE_QUESTIONS)
    dev_ids = {q["id"] for q in dev}
    for q in TEST_QUESTIONS + REAL_QUESTIONS:
        assert q["id"] not in dev_ids
        mine = _words(q["question"])
        for d in dev:
            theirs = _words(d["question"])
            overlap = len(mine & theirs) / len(mine | theirs)
            assert overlap < 0.75, f"{q['id']} looks like dev {d['id']}: {q['question']!r}"


def _frozen_entries() -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in FROZEN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, path = line.split(maxsplit=1)
            entries[path.strip()] = digest
    return entries


def frozen_digest(rel: str) -> str:
    """sha256 of a frozen entry: a whole file, or with a ``#test`` suffix only the test-split
    entries of a label file (canonical JSON), so dev labels may still be corrected."""
    import hashlib

    path, _, part = rel.partition("#")
    raw = (ROOT / path).read_bytes()
    if not part:
        return hashlib.sha256(raw).hexdigest()
    entries = [e for e in json.loads(raw)["questions"] if e["split"] == part]
    canonical = json.dumps(
        sorted(entries, key=lambda e: e["id"]),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_frozen_files_unchanged() -> None:
    """The test sets are frozen: editing one (even whitespace) fails until FROZEN is re-signed."""
    entries = _frozen_entries()
    for path in (TEST_FILE, REAL_FILE):
        rel = path.relative_to(ROOT).as_posix()
        assert rel in entries, f"{rel} is not listed in {FROZEN.name}"
    for rel, digest in entries.items():
        actual = frozen_digest(rel)
        assert actual == digest, f"{rel} changed since it was frozen (sha256 {actual})"


# --------------------------------------------------------------------------- against the PDFs


def _pdf_for(q: Question, request: pytest.FixtureRequest) -> Path:
    """Where a question's document lives: corpora/sample, ../shared/corpus or ../shared/real.
    The shared fixtures skip the test cleanly when ../shared is absent."""
    if q.get("corpus") == "borsetshire":
        return ROOT / "corpora" / "sample" / q["pack"]
    fixture = "corpus_dir" if q.get("corpus") == "hampshire" else "real_dir"
    return Path(request.getfixturevalue(fixture)) / q["pack"]


@pytest.fixture(scope="session")
def page_text_cache() -> dict[Path, list[str]]:
    return {}


def _pages(pdf: Path, cache: dict[Path, list[str]]) -> list[str]:
    if pdf not in cache:
        assert pdf.is_file(), f"{pdf} not found"
        cache[pdf] = _page_texts(pdf)
    return cache[pdf]


@pytest.fixture(scope="session")
def ocr_cache() -> dict[tuple[Path, int], str]:
    return {}


def _ocr_page(pdf: Path, page: int, tmp_path: Path, cache: dict[tuple[Path, int], str]) -> str:
    """OCR one page with Debian's tesseract (files without a text layer); skip without it."""
    if (pdf, page) in cache:
        return cache[(pdf, page)]
    import shutil
    import subprocess

    import pypdfium2 as pdfium

    exe = shutil.which("tesseract")
    if exe is None:
        pytest.skip("tesseract is not installed; cannot check evidence on a page without text")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page - 1].render(scale=2.6).to_pil()
    finally:
        doc.close()
    png = tmp_path / "page.png"
    image.save(png)
    out = subprocess.run([exe, str(png), "-"], capture_output=True, text=True, check=True)
    cache[(pdf, page)] = normalise(out.stdout)
    return cache[(pdf, page)]


ANSWERABLE = [q for q in TEST_QUESTIONS + REAL_QUESTIONS if answerable(q)]


@pytest.mark.parametrize("q", ANSWERABLE, ids=by_id)
def test_frozen_evidence_on_stated_page(
    q: Question,
    page_text_cache: dict[Path, list[str]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
    ocr_cache: dict[tuple[Path, int], str],
) -> None:
    pdf = _pdf_for(q, request)
    page = q["page"]
    if q.get("text_layer", True) is False:
        text = _ocr_page(pdf, page, tmp_path, ocr_cache)
        for ev in q["evidence"]:
            assert normalise(ev) in text, f"not in the OCR text of page {page}: {ev!r}"
        return
    pages = _pages(pdf, page_text_cache)
    assert page <= len(pages), f"page {page} beyond the {len(pages)} pages of {q['pack']}"
    first = normalise(q["evidence"][0])
    assert first in pages[page - 1], f"first evidence does not start on page {page}: {first!r}"
    for ev in q["evidence"]:
        norm = normalise(ev)
        assert any(norm in t for t in pages[page - 1 : page + 1]), (
            f"not on page {page}/{page + 1}: {norm!r}"
        )


def _truth_for(q: Question, request: pytest.FixtureRequest) -> dict[str, Any]:
    pdf = _pdf_for(q, request)
    with pdf.with_suffix(".truth.json").open(encoding="utf-8") as fh:
        return json.load(fh)


TEST_ANSWERABLE = [q for q in TEST_QUESTIONS if answerable(q)]


@pytest.mark.parametrize("q", TEST_ANSWERABLE, ids=by_id)
def test_test_set_date_rule(
    q: Question, page_text_cache: dict[Path, list[str]], request: pytest.FixtureRequest
) -> None:
    """Minutes pages carry the date their header names; every other page carries the pack's."""
    truth = _truth_for(q, request)
    meeting = truth["meeting"]["date"]
    assert meeting == pack_date(q["pack"])
    sec = minutes_section(truth, q["page"])
    if sec is None:
        assert q["answer_date"] == meeting, (
            f"page {q['page']} is not in minutes: the date is {meeting}"
        )
        return
    pages = _pages(_pdf_for(q, request), page_text_cache)
    recorded = minutes_date(pages[sec["start_page"] - 1])
    assert q["answer_date"] == recorded, f"minutes on page {q['page']} record {recorded}"


def _date_spellings(iso: str) -> tuple[str, str, str]:
    d = date.fromisoformat(iso)
    return str(d.day), calendar.month_name[d.month].lower(), str(d.year)


@pytest.mark.shared
@pytest.mark.parametrize("q", [q for q in REAL_QUESTIONS if q.get("text_layer", True)], ids=by_id)
def test_real_set_date_rule(
    q: Question, page_text_cache: dict[Path, list[str]], request: pytest.FixtureRequest
) -> None:
    """A real document's answer carries its file's meeting date, unless the page itself records
    an earlier meeting (printed minutes) whose date is then written on that page."""
    if q["answer_date"] == file_date(q["pack"]):
        return
    text = _pages(_pdf_for(q, request), page_text_cache)[q["page"] - 1].lower()
    day, month, year = _date_spellings(q["answer_date"])
    assert re.search(rf"\b{day}(st|nd|rd|th)?\s+{month},?\s+{year}", text), (
        f"page {q['page']} does not name the meeting of {q['answer_date']}"
    )


# =========================================================================== meeting labels
# corpora/eval/meeting_labels.json (dev + test, Hampshire and Borsetshire) and
# corpora/eval_real/meeting_labels.json (test): for every when_last and decision question, each
# meeting of its corpus where the topic comes up, labelled "discussed" or "mentioned".

LABELS_FILE = ROOT / "corpora" / "eval" / "meeting_labels.json"
REAL_LABELS_FILE = ROOT / "corpora" / "eval_real" / "meeting_labels.json"
LABEL_VALUES = frozenset({"discussed", "mentioned"})
LABELLED_TYPES = frozenset({"when_last", "decision", "recommendation"})
QUOTE_MIN = 8


def _load_labels(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, dict) and set(data) == {"meetings", "questions"}
    return data


LABELS = _load_labels(LABELS_FILE)
REAL_LABELS = _load_labels(REAL_LABELS_FILE)
LABELLED = LABELS["questions"] + REAL_LABELS["questions"]


def _expected_labelled() -> dict[str, tuple[str, Question]]:
    """Every question that must carry meeting labels, with its split."""
    expected: dict[str, tuple[str, Question]] = {}
    for split, questions in (
        ("dev", QUESTIONS + _load_list(SAMPLE_QUESTIONS)),
        ("test", TEST_QUESTIONS + REAL_QUESTIONS),
    ):
        for q in questions:
            if q["type"] in LABELLED_TYPES:
                expected[q["id"]] = (split, q)
    return expected


def test_meeting_labels_test_split_frozen() -> None:
    entries = _frozen_entries()
    assert "corpora/eval/meeting_labels.json#test" in entries
    assert "corpora/eval_real/meeting_labels.json" in entries


def test_meeting_labels_cover_every_when_last_and_decision_question() -> None:
    expected = _expected_labelled()
    got = [e["id"] for e in LABELLED]
    assert len(got) == len(set(got)), "a question is labelled twice"
    missing, extra = set(expected) - set(got), set(got) - set(expected)
    assert not missing and not extra, f"missing {missing}, extra {extra}"


def _scope(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The meetings of the entry's corpus (Hampshire/Borsetshire) or council (real set)."""
    if "council" in entry:
        return REAL_LABELS["meetings"][entry["council"]]
    return LABELS["meetings"][entry["corpus"]]


def _meeting_at(meetings: list[dict[str, Any]], pack: str, page: int) -> dict[str, Any]:
    for m in meetings:
        first, last = m["pages"]
        lo, hi = m.get("except_pages", (0, -1))
        if m["pack"] == pack and first <= page <= last and not lo <= page <= hi:
            return m
    raise AssertionError(f"{pack} page {page} belongs to no meeting in the catalogue")


@pytest.mark.parametrize("entry", LABELLED, ids=by_id)
def test_meeting_labels_consistent(entry: dict[str, Any]) -> None:
    """Labels are well formed, one per meeting, and agree with the question's answer: a
    when_last answer is the latest discussed meeting; a decision's meeting is discussed."""
    split, q = _expected_labelled()[entry["id"]]
    assert entry["split"] == split and entry["answer_date"] == q["answer_date"]
    meetings = _scope(entry)
    seen: set[tuple[str, str | None]] = set()
    for label in entry["labels"]:
        assert label["split"] == split, "every label carries its question's split"
        assert label["label"] in LABEL_VALUES
        m = _meeting_at(meetings, label["pack"], label["page"])
        assert (label["date"], label["body"]) == (m["date"], m["body"]), (
            f"{label} is not {m['date']}"
        )
        assert (label["date"], label["body"]) not in seen, f"two labels for {label['date']}"
        seen.add((label["date"], label["body"]))
        assert len(normalise(label["quote"])) >= QUOTE_MIN and label["why"].strip()
    if q["answer_date"] is None:
        assert entry["labels"] == [], "an unanswerable question has no meeting to label"
        return
    discussed = [lab["date"] for lab in entry["labels"] if lab["label"] == "discussed"]
    assert discussed, "an answerable question has at least one discussed meeting"
    if entry["type"] == "when_last":
        assert max(discussed) == q["answer_date"], "the answer is the latest discussed meeting"
    else:
        assert q["answer_date"] in discussed, "the deciding meeting is labelled discussed"


def _label_pdf(
    entry: dict[str, Any], label: dict[str, Any], request: pytest.FixtureRequest
) -> Path:
    if entry.get("corpus") == "borsetshire":
        return ROOT / "corpora" / "sample" / label["pack"]
    fixture = "corpus_dir" if entry.get("corpus") == "hampshire" else "real_dir"
    return Path(request.getfixturevalue(fixture)) / label["pack"]


@pytest.mark.parametrize("entry", LABELLED, ids=by_id)
def test_meeting_label_quotes_on_stated_page(
    entry: dict[str, Any],
    page_text_cache: dict[Path, list[str]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
    ocr_cache: dict[tuple[Path, int], str],
) -> None:
    _assert_quotes_on_pages(entry, page_text_cache, tmp_path, request, ocr_cache)


def _assert_quotes_on_pages(
    entry: dict[str, Any],
    page_text_cache: dict[Path, list[str]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
    ocr_cache: dict[tuple[Path, int], str],
) -> None:
    """Each meeting label's quote is on the page it names (OCRed when it has no text)."""
    for label in entry["labels"]:
        pdf = _label_pdf(entry, label, request)
        if label.get("text_layer", True) is False:
            text = _ocr_page(pdf, label["page"], tmp_path, ocr_cache)
        else:
            text = _pages(pdf, page_text_cache)[label["page"] - 1]
        where = f"{label['pack']} p{label['page']}"
        assert normalise(label["quote"]) in text, f"not on {where}: {label['quote']!r}"


# =========================================================================== dev set over ../shared/real
# corpora/eval_real/dev_questions.json and dev_meeting_labels.json: a DEV set over the same real
# files as the frozen real test set (other topics), written and labelled from the documents before
# the system was run on them. Not frozen: its failures may be looked at.

DEV_REAL_FILE = ROOT / "corpora" / "eval_real" / "dev_questions.json"
DEV_REAL_LABELS_FILE = ROOT / "corpora" / "eval_real" / "dev_meeting_labels.json"
DEV_REAL_QUESTIONS: list[Question] = _load_list(DEV_REAL_FILE)
with DEV_REAL_LABELS_FILE.open(encoding="utf-8") as _fh:
    DEV_REAL_LABELS: list[dict[str, Any]] = json.load(_fh)["questions"]


@pytest.mark.parametrize("q", DEV_REAL_QUESTIONS, ids=by_id)
def test_dev_real_set_fields(q: Question) -> None:
    _check_common_fields(q, r"rd\d{3}", "council")
    assert answerable(q) and q["type"] in LABELLED_TYPES
    assert q["council"] in REAL_LABELS["meetings"], "a council of the real meeting catalogue"


def test_dev_real_set_size_mix_and_not_the_test_sets() -> None:
    qs = DEV_REAL_QUESTIONS
    assert len(qs) >= 30 and len({q["id"] for q in qs}) == len(qs)
    assert 2 * sum(1 for q in qs if q["paraphrased"]) >= len(qs)
    assert len({q["council"] for q in qs}) >= 5, "spread over several councils"
    for q in qs:
        mine = _words(q["question"])
        for t in TEST_QUESTIONS + REAL_QUESTIONS:
            theirs = _words(t["question"])
            assert len(mine & theirs) / len(mine | theirs) < 0.75, f"{q['id']} looks like {t['id']}"


@pytest.mark.shared
@pytest.mark.parametrize("q", DEV_REAL_QUESTIONS, ids=by_id)
def test_dev_real_evidence_on_stated_page(
    q: Question,
    page_text_cache: dict[Path, list[str]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
    ocr_cache: dict[tuple[Path, int], str],
) -> None:
    pdf = _pdf_for(q, request)
    if q.get("text_layer", True) is False:
        text = _ocr_page(pdf, q["page"], tmp_path, ocr_cache)
        assert all(normalise(ev) in text for ev in q["evidence"])
        return
    pages = _pages(pdf, page_text_cache)
    assert normalise(q["evidence"][0]) in pages[q["page"] - 1]
    for ev in q["evidence"]:
        assert any(normalise(ev) in t for t in pages[q["page"] - 1 : q["page"] + 1]), ev


@pytest.mark.parametrize("entry", DEV_REAL_LABELS, ids=by_id)
def test_dev_real_meeting_labels_consistent(entry: dict[str, Any]) -> None:
    """One label per meeting of the council's catalogue; a when_last answer is the latest
    discussed meeting, a decision's meeting is discussed."""
    q = {x["id"]: x for x in DEV_REAL_QUESTIONS}[entry["id"]]
    assert entry["split"] == "dev" and entry["answer_date"] == q["answer_date"]
    assert entry["type"] == q["type"] and entry["council"] == q["council"]
    meetings = _scope(entry)
    seen: set[tuple[str, str | None]] = set()
    for label in entry["labels"]:
        assert label["split"] == "dev" and label["label"] in LABEL_VALUES
        m = _meeting_at(meetings, label["pack"], label["page"])
        assert (label["date"], label["body"]) == (m["date"], m["body"]), label
        assert (label["date"], label["body"]) not in seen, f"two labels for {label['date']}"
        seen.add((label["date"], label["body"]))
        assert len(normalise(label["quote"])) >= QUOTE_MIN and label["why"].strip()
    discussed = [lab["date"] for lab in entry["labels"] if lab["label"] == "discussed"]
    if entry["type"] == "when_last":
        assert discussed and max(discussed) == q["answer_date"]
    else:
        assert q["answer_date"] in discussed


def test_dev_real_labels_cover_every_question() -> None:
    assert sorted(e["id"] for e in DEV_REAL_LABELS) == sorted(q["id"] for q in DEV_REAL_QUESTIONS)


@pytest.mark.parametrize("entry", DEV_REAL_LABELS, ids=by_id)
def test_dev_real_meeting_label_quotes_on_stated_page(
    entry: dict[str, Any],
    page_text_cache: dict[Path, list[str]],
    tmp_path: Path,
    request: pytest.FixtureRequest,
    ocr_cache: dict[tuple[Path, int], str],
) -> None:
    _assert_quotes_on_pages(entry, page_text_cache, tmp_path, request, ocr_cache)
