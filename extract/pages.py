"""Stage 1: PDF -> pages of text lines with bounding boxes (pypdfium2).

pypdfium2 gives text runs ("rects") with coordinates about 50x faster than
pdfplumber; runs whose vertical extents overlap are joined into lines and
sorted left to right, so label/value header rows read as one line.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.errors import BadInputError
from extract.model import ErrorItem, Line, Page
from extract.settings import ExtractSettings

_JUNK = str.maketrans({"\r": None, "\ufffe": "\xad", "\x02": "\xad", "\x00": None})


@dataclass(slots=True)
class PagesResult:
    source: str
    sha256: str
    pages: list[Page]
    errors: list[ErrorItem] = field(default_factory=list)

    @property
    def textless_pages(self) -> list[int]:
        """Pages with no text layer but ink: scans, or glyphs drawn as outlines (OCR's work)."""
        return [p.number for p in self.pages if p.needs_ocr]

    @property
    def has_any_text(self) -> bool:
        return any(p.has_text_layer for p in self.pages)


def check_file(path: Path, settings: ExtractSettings) -> bytes:
    """Read the file and refuse what is plainly not a PDF, with a one-line reason."""
    name = str(path)
    if not path.exists():
        raise BadInputError("file not found", source=name)
    if path.is_dir():
        raise BadInputError("is a directory, not a PDF", source=name)
    size = path.stat().st_size
    if size == 0:
        raise BadInputError("empty file (0 bytes)", source=name)
    if size > settings.max_bytes:
        raise BadInputError(
            f"file too large ({size} bytes > {settings.max_bytes} limit)", source=name
        )
    data = path.read_bytes()
    head = data[:1024].lstrip()
    if b"%PDF-" not in head:
        is_html = head[:15].lower().startswith((b"<!doctype", b"<html"))
        what = "an HTML page saved as .pdf" if is_html else "no %PDF header"
        raise BadInputError(f"not a PDF ({what})", source=name)
    return data


_ZERO_COUNT = re.compile(rb"/Count\s+0\b")
_NONZERO_COUNT = re.compile(rb"/Count\s+[1-9]")


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if _ZERO_COUNT.search(data) and not _NONZERO_COUNT.search(data):
            reason = "PDF has zero pages"
        elif "password" in msg.lower():
            reason = "encrypted PDF (password required)"
        elif "format" in msg.lower() or "file" in msg.lower():
            reason = "corrupt or truncated PDF (cannot be parsed)"
        else:
            reason = f"unreadable PDF ({msg.strip().rstrip('.')})"
        raise BadInputError(reason, source=name) from None


def _lines_of(page: pdfium.PdfPage, number: int) -> list[Line]:
    height = page.get_height()
    tp = page.get_textpage()
    try:
        runs: list[tuple[float, float, float, float, str]] = []
        for i in range(tp.count_rects()):
            left, bottom, right, top = tp.get_rect(i)
            # the rect's own edges touch the next glyph's box where glyphs abut ("19:00hrs"
            # read "19:0000hrs"): ask for the text a hair inside them
            inset = min(0.5, 0.45 * (right - left))
            text = tp.get_text_bounded(left + inset, bottom, right - inset, top).translate(_JUNK)
            if not text.strip():
                continue
            runs.append((height - top, height - bottom, left, right, text))
        texts = _undouble([r[4] for r in runs], tp)
        runs = [(*r[:4], t) for r, t in zip(runs, texts, strict=True) if t.strip()]
    finally:
        tp.close()
    return group_runs(runs, number)


# a glyph alone before a word that starts with it: "Minutes o of l last", "has b" + " been"
# (a figure only before a word with letters, "9 9th": "1" then "1." may be a real "11.")
_DOUBLED = re.compile(r"(?<![^\s\x1f])([^\W\d_]|\d(?=[\s\x1f]+\d+[^\W\d_]))(?=[\s\x1f]+\1)")


def _undouble(texts: list[str], tp: pdfium.PdfTextPage) -> list[str]:
    """Drop the first glyph of a word that bounded text repeats before it.

    Where a word space is set narrower than its glyph box, the next word's first glyph
    overlaps the rect before it and ``get_text_bounded`` returns it twice ("Minutes o of
    last", "has b" then " been"). A lone glyph is dropped only when the page's own text
    (``get_text_range``, which has it once) reads the words without it, so a real one
    ("option a applies", "W Watson") stays.
    """
    joined = "\x1f".join(texts)
    if not _DOUBLED.search(joined):
        return texts
    flat = " ".join(tp.get_text_range().split())
    out: list[str] = []
    last = 0
    for m in _DOUBLED.finditer(joined):
        prev = joined[max(0, m.start() - 60) : m.start()].replace("\x1f", " ").split()[-1:]
        after = re.match(r"[\s\x1f]+([^\s\x1f]+)", joined[m.end() : m.end() + 60])
        words = [*prev, after[1] if after else ""]
        doubled = " ".join(w for w in (*prev, m[1], words[-1]) if w)
        if doubled not in flat and " ".join(w for w in words if w) in flat:
            out.append(joined[last : m.start()])
            last = m.end()
    out.append(joined[last:])
    return "".join(out).split("\x1f")


def _is_vertical(run: tuple[float, float, float, float, str]) -> bool:
    """A run of rotated text (e.g. a "Page N" footer printed up the side of a landscape page)."""
    top, bottom, x0, x1, text = run
    return len(text.strip()) >= 4 and (bottom - top) > 2.0 * max(x1 - x0, 0.1)


def group_runs(runs: list[tuple[float, float, float, float, str]], number: int) -> list[Line]:
    """Join text runs (top, bottom, x0, x1, text) whose vertical extents overlap into lines.

    Rotated runs are kept out of the row grouping: their tall boxes would otherwise glue
    every horizontal line beside them into one. Each of their text lines becomes a Line.
    """
    vertical = [r for r in runs if _is_vertical(r)]
    if vertical:
        runs = [r for r in runs if not _is_vertical(r)]
    runs.sort(key=lambda r: (r[0] + r[1]) / 2)
    rows: list[list[tuple[float, float, float, float, str]]] = []
    for run in runs:
        top, bottom = run[0], run[1]
        if rows:
            last = rows[-1]
            ltop = min(r[0] for r in last)
            lbot = max(r[1] for r in last)
            overlap = min(bottom, lbot) - max(top, ltop)
            if overlap > 0.5 * min(bottom - top, lbot - ltop):
                last.append(run)
                continue
        rows.append([run])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda r: r[2])
        parts: list[str] = []
        prev_x1: float | None = None
        height = max(r[1] - r[0] for r in row)
        # runs split inside a word sit ~1pt apart; a word space is ~0.25em of the line
        min_gap = max(1.0, 0.2 * height)
        pieces: list[list[float | str]] = []  # [x0, x1, text] of runs printed apart
        for _top, _bottom, x0, x1, text in row:
            gap = x0 - prev_x1 if prev_x1 is not None else None
            apart = gap is not None and gap > min_gap
            if parts and apart and not parts[-1].endswith((" ", "\xad")):
                parts.append(" ")
            parts.append(text)
            if pieces and not apart:
                pieces[-1][1], pieces[-1][2] = x1, f"{pieces[-1][2]}{text}"
            else:
                pieces.append([x0, x1, text])
            prev_x1 = max(x1, prev_x1 or x1)
        text = " ".join("".join(parts).split())
        if not text:
            continue
        top = min(r[0] for r in row)
        bottom = max(r[1] for r in row)
        x0 = min(r[2] for r in row)
        x1 = max(r[3] for r in row)
        kept = [(float(a), float(b), " ".join(str(t).split())) for a, b, t in pieces]
        lines.append(
            Line(
                text=text,
                page=number,
                bbox=(x0, top, x1, bottom),
                size=bottom - top,
                runs=[k for k in kept if k[2]] if len(kept) > 1 else [],
            )
        )
    if vertical:
        for top, bottom, x0, x1, text in vertical:
            for piece in text.splitlines():
                piece = " ".join(piece.split())
                if piece:
                    lines.append(Line(piece, number, (x0, top, x1, bottom), size=x1 - x0))
        lines.sort(key=lambda ln: (ln.bbox[1] + ln.bbox[3]) / 2)
    return lines


CELL_GAP = 1.5  # a gap wider than this many line heights separates two table cells


def cells_of(line: Line, gap: float = CELL_GAP) -> list[tuple[float, float, str]]:
    """The cells of a line: its runs joined where they sit closer than ``gap`` line heights.

    A line with no recorded runs is one cell. Labels and values of a header grid
    ("Meeting:  Cabinet    Date:  10 December 2025") and the columns of a
    two-column contact table come out as separate cells.
    """
    if not line.runs:
        return [(line.bbox[0], line.bbox[2], line.text)]
    limit = gap * max(line.size, 1.0)
    out: list[tuple[float, float, str]] = []
    for x0, x1, text in line.runs:
        if out and x0 - out[-1][1] <= limit:
            out[-1] = (out[-1][0], x1, f"{out[-1][2]} {text}")
        else:
            out.append((x0, x1, text))
    return out


def _has_images(page: pdfium.PdfPage) -> bool:
    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        return True
    return False


OUTLINE_GLYPHS = 50  # glyph-sized paths on a text-less page that make it printed text
_GLYPH_PT = 40.0  # a glyph outline fits in a box this size (points)


def _has_outlines(page: pdfium.PdfPage) -> bool:
    """Text drawn as vector outlines: no text layer, but many glyph-sized paths.

    Some print-to-PDF drivers convert every glyph to a path (no fonts, no
    images); such a page reads as empty yet is as full of text as a scan.
    A rule, a frame or a logo is a handful of paths, not dozens.
    """
    small = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        if right - left <= _GLYPH_PT and top - bottom <= _GLYPH_PT:
            small += 1
            if small >= OUTLINE_GLYPHS:
                return True
    return False


def read_pages(path: Path, settings: ExtractSettings | None = None) -> PagesResult:
    """Read every page; a page that fails becomes an ErrorItem, never an exception.

    Raises BadInputError only when the file as a whole cannot be read.
    """
    settings = settings or ExtractSettings()
    name = str(path)
    data = check_file(path, settings)
    digest = hashlib.sha256(data).hexdigest()
    pdf = _open(data, name)
    try:
        count = len(pdf)
        if count == 0:
            raise BadInputError("PDF has zero pages", source=name)
        if count > settings.max_pages:
            raise BadInputError(
                f"too many pages ({count} > {settings.max_pages} limit)", source=name
            )
        pages: list[Page] = []
        errors: list[ErrorItem] = []
        if b"%%EOF" not in data[-1024:]:
            # pdfium rebuilds what it can of a cut-off file; say so rather than pass it as whole
            errors.append(ErrorItem("pages", "file looks truncated (no %%EOF marker at its end)"))
        for i in range(count):
            number = i + 1
            try:
                page = pdf[i]
                try:
                    width, height = page.get_size()
                    lines = _lines_of(page, number)
                    images = not lines and _has_images(page)
                    outlines = not lines and not images and _has_outlines(page)
                finally:
                    page.close()
                pages.append(
                    Page(
                        number=number,
                        width=width,
                        height=height,
                        lines=lines,
                        has_text_layer=bool(lines),
                        has_images=images,
                        has_outlines=outlines,
                    )
                )
            except Exception as exc:  # noqa: BLE001 - a bad page is a partial success
                reason = " ".join(str(exc).split()) or type(exc).__name__
                errors.append(ErrorItem("pages", f"page {number} unreadable: {reason}", number))
                pages.append(
                    Page(number=number, width=0, height=0, has_text_layer=False, error=reason)
                )
        return PagesResult(source=name, sha256=digest, pages=pages, errors=errors)
    finally:
        pdf.close()
