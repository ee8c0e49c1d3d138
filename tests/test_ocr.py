"""Scanned pages: OCRed with Tesseract and marked, or skipped with a reason when it is missing."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extract import ExtractSettings, Status, extract
from extract import ocr as ocr_mod

SCANNED_TEXT = ["MINUTES of the Finance Committee", "Resolved: That the budget be approved."]


def _image_pdf(path: Path) -> None:
    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=48)
    for i, line in enumerate(SCANNED_TEXT):
        draw.text((150, 200 + i * 90), line, fill=0, font=font)
    img.save(path, "PDF", resolution=200.0)


def _text_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "NOTICE OF MEETING")
    c.drawString(72, 740, "Meeting Finance Committee")
    c.showPage()
    c.save()


@pytest.fixture()
def mixed_pdf(tmp_path: Path) -> Path:
    """Page 1 has a text layer, page 2 is a scanned image."""
    _text_pdf(tmp_path / "text.pdf")
    _image_pdf(tmp_path / "scan.pdf")
    out = pdfium.PdfDocument.new()
    for part in ("text.pdf", "scan.pdf"):
        src = pdfium.PdfDocument(str(tmp_path / part))
        out.import_pages(src)
        src.close()
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    path = tmp_path / "mixed.pdf"
    path.write_bytes(buf.getvalue())
    return path


def test_scanned_page_is_ocred_and_marked(mixed_pdf: Path) -> None:
    if ocr_mod.tesseract_path() is None:
        pytest.skip("tesseract-ocr is not installed (scripts/setup.sh installs it as root)")
    result = extract(mixed_pdf, ExtractSettings(enrich=False))
    assert result.status is Status.SUCCESS, result.errors
    assert result.pack is not None
    p1, p2 = result.pack.pages
    assert not p1.ocr and "Finance Committee" in p1.text
    assert p2.ocr
    assert "Finance Committee" in p2.text
    assert "budget be approved" in p2.text


def test_missing_tesseract_skips_scanned_pages_with_reason(
    mixed_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr_mod, "tesseract_path", lambda: None)
    result = extract(mixed_pdf, ExtractSettings(enrich=False))
    assert result.status is Status.PARTIAL
    assert result.pack is not None
    reasons = " | ".join(e.message for e in result.errors)
    assert "tesseract is not installed" in reasons
    assert "no text layer on pages 2" in reasons
    assert "Finance Committee" in result.pack.pages[0].text
    assert result.pack.pages[1].text == ""


def test_fully_scanned_file_without_ocr_fails_with_one_line_reason(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    _image_pdf(scan)
    result = extract(scan, ExtractSettings(enrich=False, ocr=False))
    assert result.status is Status.FAILURE
    assert result.reason == "no text layer on pages 1"


def test_page_with_only_rules_and_a_frame_is_blank_not_a_page_to_ocr(tmp_path: Path) -> None:
    """A few drawn lines (a frame, rules) are not text drawn as outlines."""
    path = tmp_path / "ruled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "Meeting Finance Committee")
    c.showPage()
    c.rect(40, 40, 515, 760)
    for y in range(100, 700, 60):
        c.line(60, y, 530, y)
    c.showPage()
    c.save()
    result = extract(path, ExtractSettings(enrich=False))
    assert result.status is Status.SUCCESS, result.reason
    assert result.pack is not None
    assert result.pack.blank_pages == [2]
    assert not result.pack.pages[1].ocr
