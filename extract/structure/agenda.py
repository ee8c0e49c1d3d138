"""Numbered agenda with "(Pages X - Y)" -> AgendaItem list.

The agenda starts after an "AGENDA" heading (or "A G E N D A", "Agenda Item
No" in a supplement's cover letter, "Agenda - Final"), or, lacking one, at a
run of items numbered from 1 on one of the first two pages. It runs over page
breaks and stops at "ABOUT THIS AGENDA", "Yours sincerely", a filler page or
the first page of the papers themselves.

Each item is a number, a title that may wrap over lines (a wrapped line
follows at the usual line pitch; in packs whose titles are printed in
capitals, it is in capitals too) with its "(Pages 15 - 22)" reference anywhere
in it, and a description paragraph. Page references are printed page numbers;
they are mapped to physical pages through the "Page N" footers when the file
carries them, and dropped when the papers are not in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import AgendaItem, Line, PageLayout
from extract.structure.minutes import looks_like_minutes
from extract.structure.pagekind import has_lower, start_kind, typical_pitch
from extract.textutil import join_lines, norm_ws

MAX_FRONT_PAGES = 12  # an agenda is never longer than this

_ANCHOR = re.compile(
    r"^(?:A\s?G\s?E\s?N\s?D\s?A|Agenda\s+Item\s+No\.?|Agenda(?!\s+Item\s+\w{1,4}\b)"
    r"(?:\s*[-–:]\s*[\w ]{0,30})?|Order\s+of\s+Business)\s*:?$",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"^(?:ABOUT\s+THIS\s+(?:AGENDA|MEETING)|Yours\s+(?:sincerely|faithfully))",
    re.IGNORECASE,
)
_ITEM = re.compile(
    r"^(?P<num>\d{1,4}[a-z]?|[A-Z](?=\.))(?P<sub>\.-?\d{1,3})?(?:\.|\)|(?=\s))\s+(?P<rest>\S.*)$"
)
_PAGES = re.compile(r"\(\s*Pages?\s*(?P<a>\d{1,4})\s*(?:[-–—]\s*(?P<b>\d{1,4}))?\s*\)", re.I)
_PAGES_OPEN = re.compile(r"\(\s*Pages?\b[^)]*$", re.IGNORECASE)
_PAGES_ANY = re.compile(r"\(?\s*Pages?\b[^)]*\)?|^[\d\s–-]+\)", re.IGNORECASE)  # for case tests
_FIRST_ITEM = re.compile(r"^1(?:\.|\s+(?=[A-Z]))")  # "1." or "1 To receive ..."
_FIRST_DOTTED = re.compile(r"^1\.")
_TITLED_AGENDA = re.compile(r"(?m)^\s*(?:AGENDA|Agenda)\b")
_TRAILING_PAGE = re.compile(r"^(?P<title>.*\S)\s+(?P<page>\d{1,4})$")
_ALIGN = 15.0  # item numbers line up within this many points


@dataclass(slots=True)
class _Item:
    number: str
    page: int
    first: str  # text after the number on the item's first line
    title: list[str] = field(default_factory=list)
    desc: list[str] = field(default_factory=list)
    start: int | None = None  # printed first page
    end: int | None = None  # printed last page


@dataclass(slots=True)
class _Seq:
    """Which item numbers may come next: 1 -> 2 (or 3), A -> B, 4-1 -> 4-2."""

    last_int: int | None = None
    last_letter: str | None = None
    top: str | None = None
    last_sub: int = 0
    count: int = 0

    def accepts(self, num: str, sub: str | None) -> bool:
        if sub:
            return num == self.top and int(sub.lstrip(".-")) == self.last_sub + 1
        if num.isalpha():
            if self.last_letter is None:
                return num == "A"
            return ord(num) == ord(self.last_letter) + 1
        digits = int(re.sub(r"\D", "", num))
        if self.count == 0:
            return True
        if self.last_int is None:
            return digits <= 1
        if not num.isdigit():  # "3a" after "3"
            return digits == self.last_int
        return self.last_int < digits <= self.last_int + 2

    def take(self, num: str, sub: str | None) -> None:
        self.count += 1
        if sub:
            self.last_sub = int(sub.lstrip(".-"))
            return
        if num.isalpha():
            self.last_letter = num
        else:
            self.last_int = int(re.sub(r"\D", "", num))
        self.top = num
        self.last_sub = 0


def _number(num: str, sub: str | None) -> str:
    if not sub:
        return num
    return f"{num}-{sub.lstrip('.-')}" if "-" in sub else f"{num}.{sub.lstrip('.')}"


def front_pages(layouts: list[PageLayout]) -> list[PageLayout]:
    """The pages before the papers: up to the first stamped page or document start."""
    out: list[PageLayout] = []
    for page in layouts[:MAX_FRONT_PAGES]:
        if page.stamp_item is not None or (out and start_kind(page) is not None):
            break
        out.append(page)
        if len(out) == 1 and page.lines and start_kind(page) is not None:
            break  # a standalone document (minutes, a report) has no front sheet
    return out


class _Parser:
    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.seq = _Seq()
        self.x0: float | None = None
        self.cur: _Item | None = None
        self.state = "done"  # "title" | "desc" | "done"
        self.prev: Line | None = None
        self.pitch = 14.0
        self.wrap = 14.0  # the pitch of a wrapped line on the current page
        self.caps = False  # titles printed in capitals

    def reset(self) -> None:
        self.seq = _Seq()
        self.x0 = None
        self.cur = None
        self.state = "done"

    def item_start(self, line: Line) -> tuple[str, str | None, str] | None:
        m = _ITEM.match(line.text)
        if not m:
            return None
        if self.x0 is not None and abs(line.bbox[0] - self.x0) > _ALIGN:
            return None
        if not self.seq.accepts(m["num"], m["sub"]):
            return None
        return m["num"], m["sub"], m["rest"]

    def feed(self, line: Line) -> None:
        start = self.item_start(line)
        if start is not None:
            num, sub, rest = start
            self.seq.take(num, sub)
            if self.x0 is None:
                self.x0 = line.bbox[0]
            self.cur = _Item(_number(num, sub), line.page, rest, [rest])
            self.items.append(self.cur)
            self.caps = not has_lower(_PAGES_ANY.sub("", rest))
            self.state = "title"
            self.prev = line
            return
        cur, prev = self.cur, self.prev
        if cur is None or prev is None or self.state == "done":
            return
        text = line.text
        new_page = line.page != prev.page
        step = line.bbox[1] - prev.bbox[1] if not new_page else 0.0
        if self.state == "title":
            joined = " ".join(cur.title)
            if _PAGES_OPEN.search(joined):
                cur.title.append(text)
                self.prev = line
                return
            continues = (
                not new_page
                and step <= 1.2 * self.pitch
                and not joined.rstrip().endswith((":", ":-"))
                and (not self.caps or not has_lower(_PAGES_ANY.sub("", text)))
                # a title in mixed case wraps at the page's tightest line pitch; a
                # description set further down starts after it
                and (self.caps or step <= 1.08 * self.wrap)
            )
            if continues:
                cur.title.append(text)
                self.prev = line
                return
            self.state = "desc"
            if not new_page and step > 2.2 * self.pitch:
                self.state = "done"
                return
        # description
        if not has_lower(text) and sum(c.isalpha() for c in text) >= 4:
            self.state = "done"  # a section heading ("EXEMPT ITEMS") ends the item
            return
        if not new_page and step > 2.2 * self.pitch:
            self.state = "done"
            return
        if new_page and not self._goes_on(cur, line):
            self.state = "done"
            return
        cur.desc.append(text)
        self.prev = line

    def _goes_on(self, cur: _Item, line: Line) -> bool:
        """Whether the first line of a new page continues the item's description."""
        if cur.desc:  # an unfinished sentence runs on
            return not cur.desc[-1].rstrip().endswith((".", "!", "?", ":"))
        # a description that starts overleaf is indented under the title, as items' are
        return self.x0 is not None and line.bbox[0] > self.x0 + 20


def _tight_pitch(lines: list[Line]) -> float:
    """The smallest top-to-top step between lines of text on a page: a wrapped line's pitch."""
    sizes = sorted(ln.size for ln in lines if ln.size > 2)
    h = sizes[len(sizes) // 2] if sizes else 11.0
    steps = [  # between lines of the body size (small print is set tighter)
        b.bbox[1] - a.bbox[1]
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page
        and min(a.size, b.size) >= 0.85 * h
        and 0.9 * h <= b.bbox[1] - a.bbox[1] <= 1.6 * h
    ]
    return min(steps) if steps else 1.3 * h


def _parse_region(pages: list[PageLayout]) -> tuple[list[_Item], int]:
    """Items from the agenda pages; also the last page the agenda occupies."""
    parser = _Parser()
    anchored = False
    last_page = 0
    for page in pages:
        if page.blank and anchored:
            break
        parser.pitch = typical_pitch(page.lines)
        parser.wrap = _tight_pitch(page.lines)
        stop = False
        for line in page.lines:
            text = line.text
            if _ANCHOR.match(text):
                anchored = True
                parser.reset()
                last_page = page.number
                continue
            if not anchored:
                continue
            if _STOP.match(text):
                stop = True
                break
            before = len(parser.items)
            parser.feed(line)
            if len(parser.items) != before or parser.state != "done":
                last_page = page.number
        if stop:
            break
    if parser.items:
        return parser.items, last_page
    # no heading: a run of items numbered from 1 on one of the first two pages
    for page in pages[:2]:
        if start_kind(page) is not None or looks_like_minutes(page.lines):
            continue
        parser = _Parser()
        parser.pitch = typical_pitch(page.lines)
        parser.wrap = _tight_pitch(page.lines)
        # "1 To receive ..." without a dot starts items only on a page headed as an agenda
        first_item = _FIRST_ITEM if _TITLED_AGENDA.search(page.text[:400]) else _FIRST_DOTTED
        for line in page.lines:
            if _STOP.match(line.text):
                break
            if parser.seq.count == 0:
                m = _ITEM.match(line.text)
                if not m or m["num"] != "1" or m["sub"] or not first_item.match(line.text):
                    continue
            parser.feed(line)
        if parser.seq.count >= 3:
            return parser.items, page.number
    return [], 0


def _page_refs(items: list[_Item]) -> None:
    """Printed page references: "(Pages X - Y)", or a column of first pages ("Minutes 3")."""
    for item in items:
        joined = norm_ws(" ".join(item.title))
        m = _PAGES.search(joined)
        if m:
            item.start = int(m["a"])
            item.end = int(m["b"] or m["a"])
    if any(item.start is not None for item in items):
        return
    trailing: list[tuple[_Item, int, str]] = []
    for item in items:
        m = _TRAILING_PAGE.match(item.first)
        if m and "(" not in m["title"][-3:]:
            trailing.append((item, int(m["page"]), m["title"]))
    numbers = [t[1] for t in trailing]
    if len(trailing) < 3 or any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
        return
    for i, (item, page, title) in enumerate(trailing):
        item.title[0] = title
        item.start = page
        item.end = trailing[i + 1][1] - 1 if i + 1 < len(trailing) else None


class PageMap:
    """Printed page number -> physical page, from the "Page N" footers (identity without)."""

    def __init__(self, layouts: list[PageLayout]) -> None:
        self.count = len(layouts)
        self.known: dict[int, int] = {}
        for page in layouts:
            if page.footer_page and page.footer_page.isdigit():
                self.known.setdefault(int(page.footer_page), page.number)
        self.sorted = sorted(self.known.items())

    def physical(self, printed: int) -> int | None:
        if printed in self.known:
            return self.known[printed]
        if not self.sorted:
            phys = printed
        else:
            near_printed, near_phys = min(self.sorted, key=lambda kv: abs(kv[0] - printed))
            phys = printed + (near_phys - near_printed)
        return phys if 1 <= phys <= self.count else None


def parse_agenda(layouts: list[PageLayout]) -> list[AgendaItem]:
    items, last_page = _parse_region(front_pages(layouts))
    if not items:
        return []
    _page_refs(items)
    pmap = PageMap(layouts)
    count = len(layouts)
    out: list[AgendaItem] = []
    for item in items:
        title = norm_ws(_PAGES.sub(" ", join_lines(item.title)))
        pages: list[int] | None = None
        if item.start is not None:
            first = pmap.physical(item.start)
            if first is not None and first > last_page:
                last = pmap.physical(item.end) if item.end is not None else None
                if last is None:
                    last = count
                if last >= first:
                    pages = [first, last]
        out.append(AgendaItem(item.number, title, join_lines(item.desc), pages))
    return out
