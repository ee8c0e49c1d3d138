"""The fictional sample corpus is reproducible and its truth files match the PDFs.

``corpora/make_sample.py`` writes four agenda packs plus ``.truth.json`` files into
``corpora/sample``. These tests regenerate them into a temporary directory and
check that the committed files are what the generator makes, and that every page
number, stamp, filler page and verbatim string the truth files claim is really in
the PDFs as pypdfium2 reads them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "corpora" / "make_sample.py"
BLANK = "This page is intentionally left blank"
A4 = (595.28, 841.89)


def generate(out: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True
    )


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(pdf_path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    generate(out)
    return out


def truth_files(sample_dir: Path) -> list[Path]:
    files = sorted(sample_dir.glob("*.truth.json"))
    assert len(files) == 4, f"expected four packs in {sample_dir}"
    return files


def load(sample_dir: Path) -> list[tuple[dict, list[str]]]:
    packs = []
    for truth_path in truth_files(sample_dir):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        pdf_path = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
        packs.append((truth, page_texts(pdf_path)))
    return packs


@pytest.fixture(scope="module")
def packs(sample_dir: Path) -> list[tuple[dict, list[str]]]:
    return load(sample_dir)


# ------------------------------------------------------------- reproducibility


def test_committed_files_are_what_the_generator_makes(sample_dir: Path, regenerated: Path):
    made = sorted(p.name for p in regenerated.iterdir())
    committed = sorted(p.name for p in sample_dir.iterdir() if p.name != "README.md")
    assert made == committed
    for name in made:
        new, old = regenerated / name, sample_dir / name
        if name.endswith(".json"):
            assert new.read_bytes() == old.read_bytes(), f"{name} differs: rerun make_sample.py"
        elif new.read_bytes() != old.read_bytes():
            # a different reportlab/zlib may lay bytes out differently; the text must not
            assert page_texts(new) == page_texts(old), f"{name} text differs"


def test_generator_is_byte_deterministic(regenerated: Path, tmp_path: Path):
    generate(tmp_path)
    for path in sorted(regenerated.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


# -------------------------------------------------------------------- anatomy


def test_every_page_reads_with_footer_and_a4(sample_dir: Path, packs):
    for truth_path, (truth, texts) in zip(truth_files(sample_dir), packs, strict=True):
        assert 12 <= truth["pages"] <= 24
        assert len(texts) == truth["pages"]
        pdf = pdfium.PdfDocument(str(truth_path.with_name(truth_path.name[:-11] + ".pdf")))
        try:
            for i in range(len(pdf)):
                w, h = pdf[i].get_size()
                assert (round(w, 2), round(h, 2)) == A4
        finally:
            pdf.close()
        for n, text in enumerate(texts, start=1):
            assert text.strip(), f"page {n} has no text"
            assert re.search(rf"(?m)^Page {n}\s*$", text), f"page {n} lacks its footer"


def test_stamps_on_section_start_pages_only(packs):
    for truth, texts in packs:
        stamped = {s["start_page"]: s["agenda_item"] for s in truth["sections"]}
        for n, text in enumerate(texts, start=1):
            stamps = re.findall(r"Agenda Item (\d+)", text)
            if n in stamped:
                assert stamps == [stamped[n]], f"{truth['meeting']['date']} page {n}"
            else:
                assert not stamps, f"{truth['meeting']['date']} page {n} has a stray stamp"


def test_blank_pages(packs):
    for truth, texts in packs:
        blanks = set(truth["blank_pages"])
        assert blanks == {
            s["end_page"] for s in truth["sections"] if s["end_page"] != s["last_content_page"]
        }
        for n, text in enumerate(texts, start=1):
            if n in blanks:
                assert norm(text.replace(f"Page {n}", "")) == BLANK
                assert n % 2 == 0
            else:
                assert BLANK not in text
        for s in truth["sections"]:
            assert s["start_page"] % 2 == 1, "each item's papers start on an odd page"


def test_front_sheet_and_agenda_ranges(packs):
    for truth, texts in packs:
        assert truth["front_sheet_pages"] == [1, 2]
        front = norm(texts[0] + " " + texts[1])
        assert texts[0].startswith("NOTICE OF MEETING")
        assert f"Date and Time {truth['meeting_text']['date_and_time']}" in front
        assert f"Place {truth['meeting']['place']}" in front
        assert re.search(r"(?m)^\d+\. ", texts[1]), "the agenda continues onto page 2"
        sections = {s["agenda_item"]: s for s in truth["sections"]}
        for item in truth["agenda"]:
            assert norm(item["description"]) in front
            if item["has_papers"]:
                a, b = item["pages"]
                s = sections[item["number"]]
                assert (a, b) == (s["start_page"], s["end_page"])
                assert f"{item['title']} (Pages {a} - {b})" in front
            else:
                assert item["pages"] is None and item["number"] not in sections


def test_some_agenda_range_wraps_after_pages(packs):
    lines = [ln.strip() for _, texts in packs for ln in (texts[0] + texts[1]).splitlines()]
    assert any(ln.endswith("(Pages") for ln in lines)


# ------------------------------------------------------------ verbatim truth


def test_minutes_truth_is_in_the_text(packs):
    assert packs[0][0]["minutes"]["date"] < packs[0][0]["meeting"]["date"]
    for (prev, _), (truth, _) in zip(packs, packs[1:], strict=False):
        assert truth["minutes"]["date"] == prev["meeting"]["date"]
        # minute numbers run on through the municipal year
        last = int(prev["minutes"]["items"][-1]["number"])
        assert int(truth["minutes"]["items"][0]["number"]) == last + 1
    for truth, texts in packs:
        minutes = truth["minutes"]
        section = next(s for s in truth["sections"] if s["kind"] == "minutes")
        assert section["agenda_item"] == minutes["agenda_item"] == "3"
        body = norm(" ".join(texts[section["start_page"] - 1 : section["end_page"]]))
        assert body.startswith("AT A MEETING of the")
        assert f"Chairman: p {minutes['chairman']}" in body
        assert f"Chairman, {truth['meeting']['committee']}" in body
        assert any(not a["present"] for a in minutes["attendance"])
        for person in minutes["attendance"]:
            assert f"{'p' if person['present'] else 'a'} {person['name']}" in body
        for item in minutes["items"]:
            assert f"{item['number']}. {item['title']}" in body
        # clauses may straddle a page break: check them on the text without furniture
        content = norm(
            " ".join(
                re.sub(r"(?m)^(Page \d+|Agenda Item \d+)\s*$", "", texts[n - 1])
                for n in range(section["start_page"], section["end_page"] + 1)
            )
        )
        for item in minutes["items"]:
            for clause in item["resolutions"]:
                assert clause in content, clause


def test_some_resolution_runs_across_a_page_break(packs):
    found = False
    for truth, texts in packs:
        for item in truth["minutes"]["items"]:
            clauses = item["resolutions"]
            if len(clauses) < 2:
                continue
            first_words, last_words = clauses[0][:40], clauses[-1][-40:]
            start = next(n for n, t in enumerate(texts) if first_words in norm(t))
            end = next(n for n, t in enumerate(texts) if last_words in norm(t))
            found = found or start != end
    assert found


def test_reports_truth_is_in_the_text(packs):
    for truth, texts in packs:
        assert 2 <= len(truth["reports"]) <= 3
        sections = {s["agenda_item"]: s for s in truth["sections"]}
        for report in truth["reports"]:
            s = sections[report["agenda_item"]]
            assert s["kind"] == "report" and s["title"] == report["title"]
            first = norm(texts[s["start_page"] - 1])
            kind = "Decision Report" if report["decision_report"] else "Report"
            assert f"BORSETSHIRE COUNTY COUNCIL {kind}" in first
            label = "Decision Maker:" if report["decision_report"] else "Committee:"
            assert f"{label} {report['committee']}" in first
            assert f"Title: {report['title']}" in first
            assert f"Report From: {report['report_from']}" in first
            c = report["contact"]
            assert f"Contact name: {c['name']}, {c['role']}" in first
            assert f"Tel: {c['tel']}" in first and f"Email: {c['email']}" in first
            body = norm(" ".join(texts[s["start_page"] - 1 : s["end_page"]]))
            for rec in report["recommendations"]:
                assert rec in body, rec
    assert any(r["decision_report"] for t, _ in packs for r in t["reports"])


def test_question_evidence_is_in_the_named_packs(sample_dir: Path, packs):
    by_slug = {
        path.name[: -len(".truth.json")]: norm(" ".join(texts))
        for path, (_, texts) in zip(truth_files(sample_dir), packs, strict=True)
    }
    questions = json.loads((sample_dir / "questions.json").read_text(encoding="utf-8"))
    assert questions
    for q in questions:
        for evidence in q["evidence"]:
            assert any(evidence in by_slug[slug] for slug in q["packs"]), q["id"]
