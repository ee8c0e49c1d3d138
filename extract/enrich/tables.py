"""Tables in reports -> header + rows, with pdfplumber on just the pages that hold them.

Candidate pages are found cheaply from the page text: runs of consecutive
lines that end in two or more numeric cells with a similar count ("4 – 7
years 231 42 18%"), optionally under a header line. Only those pages are
opened with pdfplumber: a ruled table that holds the candidate rows is taken
as drawn; otherwise the region from the header line to the last row is
cropped and read with the text strategies (no ruling lines needed).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.model import ErrorItem, Pack, Table

_CELL = re.compile(
    r"^(?:[£$€(+−-]*\d[\d,.]*(?:%|k|m|bn)?\)?%?|[-–—+]|n/?a|nil|x|\*)$", re.IGNORECASE
)
_WS = re.compile(r"\s+")
logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Candidate:
    page: int
    header: str | None
    rows: list[str] = field(default_factory=list)


_NOT_ROW = re.compile(
    r"\bPages?\b|\b0\d{2,4}\s?\d{3,4}\s?\d{3,4}\b|\b(?:Tel|Telephone|Fax|Facsimile|Textphone)\b",
    re.IGNORECASE,
)


def _trailing_numeric(line: str) -> int:
    if _NOT_ROW.search(line):
        return 0
    n = 0
    for tok in reversed(line.split()):
        if _CELL.match(tok):
            n += 1
        else:
            break
    return n


def _squash(text: str) -> str:
    return _WS.sub("", text).lower()


def candidate_tables(lines: list[str], page: int) -> list[Candidate]:
    """Runs of rows with aligned numeric columns in one page's text."""
    out: list[Candidate] = []
    i = 0
    while i < len(lines):
        k = _trailing_numeric(lines[i])
        if k < 2 or k == len(lines[i].split()) and k < 3:
            i += 1
            continue
        j = i + 1
        while j < len(lines):
            kj = _trailing_numeric(lines[j])
            if kj >= 2 and abs(kj - k) <= 1:
                j += 1
                continue
            # a row label wrapped onto its own line: "Strategic Commissioning (Integrated &"
            if (
                kj == 0
                and j + 1 < len(lines)
                and len(lines[j]) < 60
                and abs(_trailing_numeric(lines[j + 1]) - k) <= 1
                and _trailing_numeric(lines[j + 1]) >= 2
            ):
                j += 2
                continue
            break
        rows = lines[i:j]
        header = lines[i - 1] if i > 0 and _trailing_numeric(lines[i - 1]) == 0 else None
        if header is not None and (
            len(header) > 120
            or header.endswith((".", ":", ";"))
            or sum(len(w) > 1 for w in header.split()) < 2
        ):
            header = None  # prose, or the tail of a wrapped caption ("t e")
        if len(rows) >= 2 or (header is not None and k >= 3):
            out.append(Candidate(page, header, rows))
        i = j
    return out


def candidates_in_pack(pack: Pack) -> list[Candidate]:
    out: list[Candidate] = []
    for info in pack.pages:
        if not info.text:
            continue
        lines = [ln.strip() for ln in info.text.split("\n") if ln.strip()]
        out.extend(candidate_tables(lines, info.number))
    return out


def _clean_rows(rows: list[list[Any]]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in rows:
        cells = [" ".join(str(c or "").split()) for c in row]
        if any(cells):
            out.append(cells)
    # drop columns that are empty in every row
    if out:
        width = max(len(r) for r in out)
        out = [r + [""] * (width - len(r)) for r in out]
        keep = [c for c in range(width) if any(r[c] for r in out)]
        out = [[r[c] for c in keep] for r in out]
    return out


def _has_digit(cell: str) -> bool:
    return any(c.isdigit() for c in cell)


def _numeric(cell: str) -> bool:
    return bool(cell) and all(_CELL.match(t) for t in cell.replace("(", " (").split())


def _to_table(
    rows: list[list[str]], page: int, item: str | None, *, ruled: bool = False
) -> Table | None:
    """Header and rows; a table must hold figures (a drawn grid: at least one cell with a
    number in it, since its cells may wrap "Four Oaks - £167.00" over lines)."""
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    header: list[str] = []
    if not any(_numeric(c) for c in rows[0]):
        header, rows = rows[0], rows[1:]
    figures = _has_digit if ruled else _numeric
    if not rows or not any(figures(c) for r in rows for c in r):
        return None
    return Table(page=page, agenda_item=item, header=header, rows=rows)


def _covers(table_rows: list[list[str]], cand: Candidate) -> bool:
    flat = {_squash("".join(r)) for r in table_rows}
    flat |= {_squash(" ".join(r)) for r in table_rows}
    return any(_squash(r) in flat for r in cand.rows) or any(
        _squash(r) in _squash("".join("".join(x) for x in table_rows)) for r in cand.rows[:1]
    )


def extract_tables(pack: Pack, pdf_path: Path | None) -> tuple[list[Table], list[ErrorItem]]:
    cands = candidates_in_pack(pack)
    if not cands or pdf_path is None or not Path(pdf_path).exists():
        return [], []
    import pdfplumber  # lazy: only packs with tables pay for it

    items = {p.number: p.agenda_item for p in pack.pages}
    by_page: dict[int, list[Candidate]] = {}
    for c in cands:
        by_page.setdefault(c.page, []).append(c)
    tables: list[Table] = []
    errors: list[ErrorItem] = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for number, page_cands in sorted(by_page.items()):
            if number - 1 >= len(pdf.pages):
                continue
            try:
                tables.extend(_page_tables(pdf.pages[number - 1], page_cands, items.get(number)))
            except Exception as exc:  # noqa: BLE001 - one bad page must not lose the rest
                reason = " ".join(str(exc).split()) or type(exc).__name__
                errors.append(ErrorItem("enrich", f"table on page {number}: {reason}", number))
            finally:
                pdf.pages[number - 1].flush_cache()
    return tables, errors


def _page_box(page: Any) -> Any:
    """The page cropped to its own page box.

    A page box need not start at (0, 0) (a landscape page whose MediaBox is
    [-12 12 830 607]); pdfplumber then measures every position from the box's
    corner, and a crop that assumes (0, 0, width, height) falls outside it.
    Cropping to the box itself keeps what is printed and drops what lies off
    the page; every later crop is taken within ``page.bbox``.
    """
    x0, top, x1, bottom = page.bbox
    if (x0, top) != (0, 0):
        logger.debug("page %s: page box starts at (%s, %s)", page.page_number, x0, top)
    return page.crop(page.bbox)


def _page_tables(page: Any, cands: list[Candidate], item: str | None) -> list[Table]:
    out: list[Table] = []
    todo = list(cands)
    page = _page_box(page)
    # 1. ruled tables holding the candidate rows, as drawn
    ruled: list[tuple[tuple[float, float, float, float], list[list[str]]]] = []
    taken: set[int] = set()
    for found in page.find_tables():
        rows = _clean_rows(found.extract())
        ruled.append((found.bbox, rows))
        hit = [c for c in todo if _covers(rows, c)]
        if not hit:
            continue
        taken.add(len(ruled) - 1)
        table = _to_table(rows, page.page_number, item, ruled=True)
        if table is not None:
            out.append(table)
        todo = [c for c in todo if c not in hit]
    if not todo:
        return out
    # 2. rows inside a ruled table whose cells wrap (so the text did not match a row) belong
    #    to that table; other rows have no ruling lines: crop header..last row and read with
    #    text strategies; where those split words (right-aligned row labels), build the grid
    #    from word positions
    lines = page.extract_text_lines(return_chars=False)
    for cand in todo:
        want = [cand.header, *cand.rows] if cand.header else list(cand.rows)
        keys = [_squash(w) for w in want]
        hits = [ln for ln in lines if _squash(ln["text"]) in keys]
        if not hits:
            continue
        row_keys = {_squash(r) for r in cand.rows}
        inside = _holding(ruled, [ln for ln in hits if _squash(ln["text"]) in row_keys])
        if inside is not None:
            if inside not in taken:
                taken.add(inside)
                table = _to_table(ruled[inside][1], page.page_number, item, ruled=True)
                if table is not None:
                    out.append(table)
            continue
        x0, page_top, x1, page_bottom = page.bbox
        top = max(page_top, min(ln["top"] for ln in hits) - 1)
        bottom = min(page_bottom, max(ln["bottom"] for ln in hits) + 1)
        region = page.crop((x0, top, x1, bottom))
        raw = region.extract_table(
            {"vertical_strategy": "text", "horizontal_strategy": "text", "min_words_vertical": 2}
        )
        rows = _clean_rows(raw or [])
        if not _faithful(rows, cand):
            rows = _word_grid(region.extract_words(), cand)
        table = _to_table(rows, page.page_number, item)
        if table is not None:
            out.append(table)
    return out


def _lumped(rows: list[list[str]]) -> bool:
    """A cell holding many figures: the grid's columns were not ruled apart."""
    return any(
        sum(any(c.isdigit() for c in w) for w in cell.split()) > 8 for r in rows for cell in r
    )


def _holding(
    ruled: list[tuple[tuple[float, float, float, float], list[list[str]]]],
    rows: list[dict[str, Any]],
) -> int | None:
    """The ruled table (index) whose box holds every one of these text lines, if any."""
    if not rows:
        return None
    for k, ((x0, top, x1, bottom), cells) in enumerate(ruled):
        if _lumped(cells):
            continue  # a frame round the page, not a grid: its "cells" hold whole columns
        if all(
            top <= (ln["top"] + ln["bottom"]) / 2 <= bottom
            and x0 - 2 <= ln["x0"]
            and ln["x1"] <= x1 + 2
            for ln in rows
        ):
            return k
    return None


def _faithful(rows: list[list[str]], cand: Candidate) -> bool:
    """Do the cells hold the candidate rows' words whole (no word cut across cells)?"""
    if not rows:
        return False
    printed = {_squash(r) for r in cand.rows if _trailing_numeric(r)}
    got = [r for r in rows if _squash(" ".join(r)) in printed]
    if len(got) < len(printed):
        return False
    words = {w for r in cand.rows for w in r.split()}
    return all(not c or all(w in words for w in c.split()) for r in got for c in r)


_SIGN = {"+", "-", "–", "−"}


def _word_grid(words: list[dict[str, Any]], cand: Candidate) -> list[list[str]]:
    """Rows from word positions: leading words are the row label, trailing numeric words
    are cells, aligned to the columns of the row with most cells; header words go to the
    nearest column."""
    lines: list[list[dict[str, Any]]] = []
    words = [w for w in words if w.get("upright", True)]  # not rotated column captions
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    header_key = _squash(cand.header) if cand.header else None
    data: list[tuple[str, list[tuple[float, str]]]] = []
    header: list[dict[str, Any]] = []
    pending = ""
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        text = _squash(" ".join(w["text"] for w in line))
        if header_key is not None and text == header_key:
            header = line
            continue
        cells: list[tuple[float, str]] = []
        i = len(line) - 1
        while i >= 0 and _CELL.match(line[i]["text"]):
            cell, x0 = line[i]["text"], line[i]["x0"]
            if i > 0 and line[i - 1]["text"] in _SIGN:
                i -= 1
                cell, x0 = line[i]["text"] + " " + cell, line[i]["x0"]
            cells.append(((x0 + line[len(line) - 1 if not cells else i]["x1"]) / 2, cell))
            i -= 1
        cells.reverse()
        label = " ".join(w["text"] for w in line[: i + 1])
        if not cells:
            if data:
                pending = f"{pending} {label}".strip()  # a wrapped row label
            continue
        data.append((f"{pending} {label}".strip(), cells))
        pending = ""
    if not data:
        return []
    template = [x for x, _ in max(data, key=lambda d: len(d[1]))[1]]

    def column(x: float) -> int:
        return min(range(len(template)), key=lambda k: abs(template[k] - x))

    rows: list[list[str]] = []
    for label, cells in data:
        row = [label] + [""] * len(template)
        for x, cell in cells:
            k = column(x) + 1
            row[k] = f"{row[k]} {cell}".strip()
        rows.append(row)
    if header:
        head = [""] * (len(template) + 1)
        first = min(template) - (template[1] - template[0] if len(template) > 1 else 40) / 2
        for w in header:
            x = (w["x0"] + w["x1"]) / 2
            k = 0 if x < first else column(x) + 1
            head[k] = f"{head[k]} {w['text']}".strip()
        rows.insert(0, head)
    return rows
