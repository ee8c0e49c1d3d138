"""Tables: candidate pages from text alone, then pdfplumber on just those pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import ExtractSettings, extract
from extract.enrich import tables as tables_mod
from extract.enrich.tables import candidate_tables, candidates_in_pack, extract_tables
from extract.model import Pack

SURVEY = [
    "3.6. A total of 378 children and young people completed the surveys.",
    "Age Care Population Responses Response Rate",
    "4 – 7 years 231 42 18%",
    "8 – 11 years 238 75 32%",
    "11 – 18 years 835 261 31%",
    "3.7. In Hampshire, 56% of the looked after population were boys.",
]


def test_aligned_numeric_rows_under_a_header_are_a_table_candidate() -> None:
    [cand] = candidate_tables(SURVEY, page=8)
    assert cand.header == "Age Care Population Responses Response Rate"
    assert cand.rows == SURVEY[2:5]


def test_prose_with_numbers_is_not_a_table_candidate() -> None:
    prose = [
        "4.4. 100% of young children (4-7yrs), 99% of children (8-11yrs) and 93% of young",
        "people (11-18yrs) thought the adults they lived with noticed how they were",
        "feeling 'all or most of the time' or 'sometimes'. In comparison to 16 LAs.",
    ]
    assert candidate_tables(prose, page=9) == []


def test_agenda_page_ranges_and_phone_lines_are_not_table_rows() -> None:
    agenda = [
        "8. PARTICIPATION UPDATE (Pages 23 - 34)",
        "9. OVERVIEW OF PARTICIPATION CONFERENCE (Pages 35 - 50)",
        "T 0300 123 1231",
        "Textphone 0161 618 8524",
    ]
    assert candidate_tables(agenda, page=2) == []


# ------------------------------------------------------------------ PDFs


def _write_unruled_table_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    y = 780
    c.drawString(72, y, "1. Recommendation")
    y -= 18
    c.drawString(72, y, "That the Board notes the placement figures below for the year.")
    y -= 30
    rows = [
        ("District", "Placements", "Moves", "Stability"),
        ("Basingstoke", "120", "14", "88%"),
        ("Havant", "95", "9", "91%"),
        ("New Forest", "80", "12", "85%"),
    ]
    for row in rows:
        for x, cell in zip((72, 220, 320, 420), row, strict=True):
            c.drawString(x, y, cell)
        y -= 16
    c.showPage()
    c.setFont("Helvetica", 11)
    c.drawString(72, 780, "2. Background with no tables at all, just one sentence of 12 words.")
    c.showPage()
    c.save()


def test_table_without_ruling_lines_is_read_with_text_strategies(tmp_path: Path) -> None:
    pdf = tmp_path / "unruled.pdf"
    _write_unruled_table_pdf(pdf)
    result = extract(pdf, ExtractSettings(ocr=False))
    assert result.pack is not None
    [table] = result.pack.tables
    assert table.page == 1
    assert table.header == ["District", "Placements", "Moves", "Stability"]
    assert table.rows == [
        ["Basingstoke", "120", "14", "88%"],
        ["Havant", "95", "9", "91%"],
        ["New Forest", "80", "12", "85%"],
    ]


def _write_right_aligned_labels_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 790, "Revenue position by directorate is set out below for the quarter.")
    y = 760
    c.drawString(300, y, "Budget")
    c.drawString(370, y, "Forecast")
    c.drawString(440, y, "Variance")
    rows = [
        ("Adult Social Care & Health", "586.1", "621.6", "+35.4"),
        ("Children, Young People & Education", "430.6", "420.8", "-9.9"),
        ("Growth, Environment & Transport", "202.9", "209.2", "+6.3"),
        ("Chief Executive's Department", "30.5", "29.3", "-1.2"),
    ]
    for label, *cells in rows:
        y -= 18
        c.drawRightString(280, y, label)  # right-aligned labels: no common left edge
        for x, cell in zip((300, 370, 440), cells, strict=True):
            c.drawString(x, y, cell)
    c.showPage()
    c.save()


def test_right_aligned_row_labels_are_not_cut_across_cells(tmp_path: Path) -> None:
    pdf = tmp_path / "right.pdf"
    _write_right_aligned_labels_pdf(pdf)
    result = extract(pdf, ExtractSettings(ocr=False))
    assert result.pack is not None
    [table] = result.pack.tables
    assert table.header[1:] == ["Budget", "Forecast", "Variance"]
    assert [r[0] for r in table.rows] == [
        "Adult Social Care & Health",
        "Children, Young People & Education",
        "Growth, Environment & Transport",
        "Chief Executive's Department",
    ]
    assert table.rows[1][1:] == ["430.6", "420.8", "-9.9"]


@pytest.fixture(scope="module")
def pack_2018(corpus_dir: Path) -> tuple[Pack, Path]:
    pdf = corpus_dir / "hcc-corporate-parenting-board-2018-12-03.pdf"
    result = extract(pdf, ExtractSettings(enrich=False))
    assert result.pack is not None
    return result.pack, pdf


def test_corpus_2018_page_8_survey_table_becomes_header_and_rows(
    pack_2018: tuple[Pack, Path],
) -> None:
    pack, pdf = pack_2018
    tables, errors = extract_tables(pack, pdf)
    assert errors == []
    first = next(t for t in tables if t.page == 8)
    assert first.header == ["Age", "Care Population", "Responses", "Response Rate"]
    assert first.rows == [
        ["4 – 7 years", "231", "42", "18%"],
        ["8 – 11 years", "238", "75", "32%"],
        ["11 – 18 years", "835", "261", "31%"],
    ]


def test_corpus_pdfplumber_opens_only_the_candidate_pages(
    pack_2018: tuple[Pack, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack, pdf = pack_2018
    opened: list[int] = []
    real = tables_mod._page_tables

    def spy(page, cands, item):  # type: ignore[no-untyped-def]
        opened.append(page.page_number)
        return real(page, cands, item)

    monkeypatch.setattr(tables_mod, "_page_tables", spy)
    extract_tables(pack, pdf)
    assert opened == sorted({c.page for c in candidates_in_pack(pack)})
    assert 8 in opened and len(opened) <= 4  # of 72 pages
