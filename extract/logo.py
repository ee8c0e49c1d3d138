"""Text printed inside a first page's logo (a council's name drawn as a picture).

Many front sheets and report templates print the council only in a logo image at the
top of the first page ("Kent County Council" beside the county's emblem): the text layer
never names it. When the structure stage found no council, the images in the top part of
the opening page are OCRed, each on its own (one small image is a fraction of a second for
Tesseract), and a council's name read there becomes ``Meeting.council``.

Only images that can be a logo are read: in the top third of the page, at least a few
lines of text high, and not a full-width banner holding the page's whole text (a scan).
Nothing here raises: a missing Tesseract, an unreadable image or a timeout gives None.
"""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.ocr import tesseract_path

log = logging.getLogger(__name__)

TOP_SHARE = 1 / 3  # logos sit in the top third of a page
MAX_IMAGES = 3  # a page's first few candidate images at most
MIN_PX = 60  # an image smaller than this (either side) holds no readable words
TIMEOUT_S = 20
_WORD = re.compile(r"^[A-Za-z&][\w'’&.-]*$")


def _candidates(page: pdfium.PdfPage) -> list[pdfium.PdfImage]:
    width, height = page.get_size()
    found: list[tuple[float, pdfium.PdfImage]] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        assert isinstance(obj, pdfium.PdfImage)
        left, bottom, right, top = obj.get_bounds()
        if top < height * (1 - TOP_SHARE) or right - left < 30 or top - bottom < 15:
            continue
        if right - left > 0.9 * width and top - bottom > 0.5 * height:
            continue  # a whole-page scan, not a logo (scanned pages are OCRed elsewhere)
        found.append((-top, obj))
    return [obj for _, obj in sorted(found, key=lambda t: t[0])[:MAX_IMAGES]]


def _ocr(exe: str, image: pdfium.PdfImage) -> str:
    pil = image.get_bitmap(render=True).to_pil().convert("L")
    if min(pil.size) < MIN_PX:
        return ""
    if max(pil.size) < 300:  # Tesseract reads tiny logo lettering better enlarged
        factor = 300 / max(pil.size)
        pil = pil.resize((round(pil.size[0] * factor), round(pil.size[1] * factor)))
    buf = io.BytesIO()
    pil.save(buf, format="PNG")
    proc = subprocess.run(
        [exe, "stdin", "stdout", "--psm", "3"],
        input=buf.getvalue(),
        capture_output=True,
        timeout=TIMEOUT_S,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        check=False,
    )
    return proc.stdout.decode("utf-8", "replace") if proc.returncode == 0 else ""


def logo_texts(path: str | Path, page_number: int) -> list[str]:
    """The OCRed text of each logo-like image at the top of page ``page_number`` (1-based),
    each as one line (the logo's lines joined by spaces); [] when there is none."""
    exe = tesseract_path()
    if exe is None:
        return []
    out: list[str] = []
    try:
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[page_number - 1]
            for image in _candidates(page):
                words = [w for w in _ocr(exe, image).split() if _WORD.match(w)]
                text = " ".join(words)  # the emblem's strokes read as stray marks: dropped
                if text:
                    out.append(text)
        finally:
            pdf.close()
    except Exception as exc:  # noqa: BLE001 - a logo that cannot be read is no council
        log.debug("logo OCR skipped for %s page %d: %s", path, page_number, exc)
    return out
