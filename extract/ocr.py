"""OCR for pages with no text layer (Tesseract). Filled in by the scanned-packs work."""

from __future__ import annotations

from pathlib import Path

from extract.model import ErrorItem
from extract.pages import PagesResult


def ocr_pages(path: Path, pages: PagesResult) -> list[ErrorItem]:
    """OCR text-less pages in place; return errors. Without tesseract, does nothing."""
    return []
