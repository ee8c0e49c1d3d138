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
    r"this\s+page\s+(?:is\s+)?(?:has\s+been\s+)?intentionally\s+(?:been\s+)?left\s+blank",
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
        if (s or f or _PACK.search(text)) and not rest:
            stamp = stamp or s
            footer = footer or f
            continue
        if s and f and len(rest) < 0.5 * len(text):
            # "Page 1 Agenda Item 7" glued to a short heading run; keep the rest
            stamp, footer = stamp or s, footer or f
            content.append(Line(rest, line.page, line.bbox, line.size))
            continue
        edge = idx < 2 or idx >= n - 2
        if edge and _BARE_NUMBER.match(text) and _is_margin(line, page):
            footer = footer or text
            continue
        content.append(line)
    if blank and content:
        # a real page that merely says so in a sentence is not a filler page
        blank = sum(len(x.text) for x in content) < 40
    return PageLayout(
        number=page.number,
        lines=content,
        stamp_item=stamp,
        footer_page=footer,
        blank=blank or (not content and page.has_text_layer),
        ocr=page.ocr,
    )


def _is_margin(line: Line, page: Page) -> bool:
    if not page.height:
        return True
    top, bottom = line.bbox[1], line.bbox[3]
    return top < 0.12 * page.height or bottom > 0.88 * page.height


def layout(pages: list[Page]) -> list[PageLayout]:
    return [layout_page(p) for p in pages]
