"""OCR for pages with no text layer, with Tesseract (Debian ``tesseract-ocr``).

Each page is rendered with pypdfium2 (in this thread: pdfium is not thread
safe) and handed to its own ``tesseract`` process with OMP_THREAD_LIMIT=1 —
one single-threaded process per page, as many at once as there are cores, is
3-4x faster on two cores than Tesseract's own threading. Tesseract's TSV
output gives words with boxes, which become the same Line objects as a text
layer, so every later stage is unchanged. Pages OCRed are marked ``ocr``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from extract.model import ErrorItem, Line, Page
from extract.pages import PagesResult, group_runs

DPI = 300
TIMEOUT_S = 120


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def _render_png(pdf: pdfium.PdfDocument, index: int) -> tuple[bytes, float]:
    """Render page ``index`` to PNG bytes; return (png, pixels per PDF point)."""
    import io

    page = pdf[index]
    try:
        scale = DPI / 72
        bitmap = page.render(scale=scale, grayscale=True)
        image = bitmap.to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        return buf.getvalue(), scale
    finally:
        page.close()


def _run_tesseract(exe: str, png: bytes) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(
        [exe, "stdin", "stdout", "--psm", "3", "tsv"],
        input=png,
        capture_output=True,
        timeout=TIMEOUT_S,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(msg[-1] if msg else f"tesseract exit {proc.returncode}")
    return proc.stdout.decode("utf-8", "replace")


def tsv_to_lines(tsv: str, number: int, scale: float) -> list[Line]:
    """Tesseract TSV (level 5 = word rows) -> text lines in PDF points."""
    runs: list[tuple[float, float, float, float, str]] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        try:
            conf = float(cols[10])
        except ValueError:
            conf = -1
        if not word or conf < 0:
            continue
        left, top, width, height = (float(c) / scale for c in cols[6:10])
        runs.append((top, top + height, left, left + width, word))
    return group_runs(runs, number)


def ocr_pages(path: Path, pages: PagesResult, workers: int | None = None) -> list[ErrorItem]:
    """OCR every text-less page of ``pages`` in place. Returns what went wrong.

    Without Tesseract the pages stay text-less and one ErrorItem says so.
    """
    targets = [p for p in pages.pages if p.needs_ocr]
    if not targets:
        return []
    exe = tesseract_path()
    numbers = ", ".join(str(p.number) for p in targets)
    if exe is None:
        return [ErrorItem("ocr", f"tesseract is not installed; pages not OCRed: {numbers}")]
    errors: list[ErrorItem] = []
    workers = workers or max(1, os.cpu_count() or 1)
    pdf = pdfium.PdfDocument(str(path))
    pending: deque[tuple[Page, float, Future[str]]] = deque()

    def finish(item: tuple[Page, float, Future[str]]) -> None:
        page, scale, fut = item
        try:
            _apply(page, tsv_to_lines(fut.result(), page.number, scale))
        except Exception as exc:  # noqa: BLE001 - one bad page is a partial success
            reason = " ".join(str(exc).split()) or type(exc).__name__
            errors.append(ErrorItem("ocr", f"page {page.number} OCR failed: {reason}", page.number))

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for page in targets:
                # bounded window: at most 2 rendered pages per worker in memory at once
                while len(pending) >= 2 * workers:
                    finish(pending.popleft())
                png, scale = _render_png(pdf, page.number - 1)
                pending.append((page, scale, pool.submit(_run_tesseract, exe, png)))
            while pending:
                finish(pending.popleft())
    finally:
        pdf.close()
    return errors


def _apply(page: Page, lines: list[Line]) -> None:
    page.lines = lines
    page.ocr = True
    page.has_text_layer = bool(lines)
