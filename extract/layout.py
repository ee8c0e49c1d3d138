"""Stage 2: pages -> layout: running footers, stamps and blank fillers removed.

House styles differ: Hampshire prints "Page N" footers and an "Agenda Item N"
stamp; Kent's ModernGov output prints "Page N Agenda Item N" on one line and
its printed minutes carry a bare page number at the top. Furniture is
recognised by pattern, wherever it sits on the page, and only whole lines
made of furniture are removed.
"""

from __future__ import annotations

import re

from extract.model import Line, Page, PageLayout

_STAMP = re.compile(r"Agenda\s+Item\s+(?P<item>\d+[A-Za-z]?(?:\.\d+)?)\b", re.IGNORECASE)
_FOOTER = re.compile(r"\bPage\s+(?P<n>\d+)\b")
_PACK = re.compile(r"Public\s+Document\s+Pack", re.IGNORECASE)
_BLANK = re.compile(
    r"this\s+page\s+(?:is\s+)?(?:has\s+been\s+)?intentionally\s+(?:been\s+)?(?:left\s+)?blank",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_PAGE_OF = re.compile(r"^Page\s+\d+\s+of\s+\d+$", re.IGNORECASE)


def _strip_furniture(text: str) -> tuple[str, str | None, str | None]:
    """Remove stamp/footer/pack tokens; return (rest, stamp_item, footer_page)."""
    stamp = footer = None
    m = _STAMP.search(text)
    if m:
        stamp = m["item"]
    f = _FOOTER.search(text)
    if f:
        footer = f["n"]
    rest = _PACK.sub(" ", _FOOTER.sub(" ", _STAMP.sub(" ", text)))
    return " ".join(rest.split()), stamp, footer


def layout_page(page: Page) -> PageLayout:
    content: list[Line] = []
    stamp: str | None = None
    footer: str | None = None
    footer_bottom = -1.0
    bare: list[Line] = []  # bare page-number candidates (first/last line, in the margin)
    blank = False
    n = len(page.lines)
    for idx, line in enumerate(page.lines):
        text = line.text
        if _BLANK.search(text):
            blank = True
            continue
        if _PAGE_OF.match(text):
            continue
        rest, s, f = _strip_furniture(text)
        glued = bool(s and f and len(rest) < 0.5 * len(text))
        if ((s or f or _PACK.search(text)) and not rest) or glued:
            # a whole furniture line, or "Page 1 Agenda Item 7" glued to a short heading run
            stamp = stamp or s
            if f and line.bbox[3] > footer_bottom:  # the printed footer is the lowest one
                footer, footer_bottom = f, line.bbox[3]
            if glued:
                content.append(Line(rest, line.page, line.bbox, line.size))
            continue
        if (idx == 0 or idx == n - 1) and _BARE_NUMBER.match(text) and _is_margin(line, page):
            bare.append(line)
        content.append(line)
    if bare and footer is None:
        # a bare number in the top/bottom margin is the page number; prefer the bottom one.
        # Only when no "Page N" footer exists: table figures also sit near the margins.
        chosen = max(bare, key=lambda ln: ln.bbox[3])
        footer = chosen.text
        content = [ln for ln in content if ln is not chosen]
    if blank and content:
        # a real page that merely says so in a sentence is not a filler page
        blank = sum(len(x.text) for x in content) < 40
    return PageLayout(
        number=page.number,
        lines=content,
        stamp_item=stamp,
        footer_page=footer,
        # nothing on the page at all (no text, no scan to OCR) is a filler too
        blank=blank or (not content and page.error is None and not page.needs_ocr),
        ocr=page.ocr,
        filler=blank,
    )


def _is_margin(line: Line, page: Page) -> bool:
    if not page.height:
        return True
    top = line.bbox[1]
    return top < 0.09 * page.height or top > 0.91 * page.height


def layout(pages: list[Page]) -> list[PageLayout]:
    return [layout_page(p) for p in pages]
