"""Split a pack into documents (minutes, reports, other) by agenda page ranges and stamps.

The agenda's page ranges say where each item's papers are; an "Agenda Item N"
stamp on a page confirms (or, where the agenda gives no range, supplies) where
item N's papers begin. A file without an agenda is one document; its kind is
read from its first page. An item's pages hold several papers where a "This
page is intentionally left blank" filler separates them or a new set of
minutes opens. A paper that is not an item's own and whose header addresses
no meeting or decision maker is "other", however it is titled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import AgendaItem, Document, Line, PageLayout
from extract.structure.agenda import front_pages
from extract.structure.pagekind import (
    HEAD_LINES,
    LABEL_LINE,
    has_lower,
    is_minutes_start,
    minutes_opener,
    report_title,
    start_kind,
)
from extract.structure.reports import recommends, report_addressee
from extract.textutil import find_date, join_lines, norm_ws

_MINUTES_WORD = re.compile(r"\bminutes\b", re.IGNORECASE)
_MINUTES_HEAD = re.compile(
    r"^(?:AT\s+A\s+MEETING\s+of|(?:Draft\s+)?(?:MINUTES\b|NOTES?\s+OF\b))", re.IGNORECASE
)
_HELD = re.compile(r"\s+(?:held|which\s+took\s+place)\b.*$", re.IGNORECASE)
_COUNCIL_ONLY = re.compile(
    r"^(?:THE\s+)?(?:[A-Z][\w'’&.-]*\s+){1,4}(?:(?:County|Borough|City|District|Town|Parish|"
    r"Community|Metropolitan\s+Borough)\s+)?Council$"
    r"|^(?:City|Town|Township|Village|Borough|County|London\s+Borough)\s+of\s+[\w'’-]+"
    r"(?:\s+[\w'’-]+)?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Segmentation:
    documents: list[Document] = field(default_factory=list)
    blank_pages: list[int] = field(default_factory=list)
    page_items: dict[int, str | None] = field(default_factory=dict)  # page -> agenda item


@dataclass(slots=True)
class _Span:
    first: int
    last: int | None
    item: str | None


def _first_stamps(layouts: list[PageLayout]) -> dict[str, int]:
    stamps: dict[str, int] = {}
    for page in layouts:
        if page.stamp_item and page.stamp_item not in stamps:
            stamps[page.stamp_item] = page.number
    return stamps


def _spans(layouts: list[PageLayout], agenda: list[AgendaItem]) -> list[_Span]:
    count = len(layouts)
    stamps = _first_stamps(layouts)
    spans: list[_Span] = []
    listed: set[str] = set()
    for item in agenda:
        if not item.pages:
            continue
        first, last = item.pages
        stamped = stamps.get(item.number)
        if stamped is not None and stamped != first:
            # the stamp is printed on the item's first page: trust it over a page mapping
            last, first = min(count, last + stamped - first), stamped
        spans.append(_Span(first, last, item.number))
        listed.add(item.number)
    for number, page in stamps.items():
        if number in listed or any(s.first <= page <= (s.last or s.first) for s in spans):
            continue
        spans.append(_Span(page, None, number))
    if not spans:
        front = {p.number for p in front_pages(layouts)} if agenda else set()
        rest = [p.number for p in layouts if p.number not in front]
        if any(not p.blank for p in layouts if p.number in set(rest)):
            spans.append(_Span(rest[0], count, None))
    spans.sort(key=lambda s: s.first)
    out: list[_Span] = []
    for i, span in enumerate(spans):
        nxt = spans[i + 1].first if i + 1 < len(spans) else count + 1
        last = span.last if span.last is not None else nxt - 1
        last = min(last, nxt - 1, count)
        if last >= span.first:
            out.append(_Span(span.first, last, span.item))
    return out


def _minutes_title(lines: list[Line]) -> str | None:
    for i, line in enumerate(lines[:14]):
        if _MINUTES_HEAD.match(line.text):
            parts = [line.text]
            for nxt in lines[i + 1 : i + 3]:
                if _HELD.search(parts[-1]) or parts[-1].endswith("."):
                    break
                parts.append(nxt.text)
            return _HELD.sub("", join_lines(parts)).rstrip(" .,") or None
    return None


def _heading(lines: list[Line]) -> str | None:
    """The first heading-like line (with its wrapped lines of the same size)."""
    for i, line in enumerate(lines[:15]):
        text = line.text
        letters = sum(c.isalpha() for c in text)
        if (
            letters < 3
            or _COUNCIL_ONLY.match(text)
            or LABEL_LINE.match(text)
            or (find_date(text) and letters < 25)
        ):
            continue
        parts, prev = [text], line
        for nxt in lines[i + 1 : i + 4]:
            close = nxt.bbox[1] - prev.bbox[1] <= 2.0 * max(line.size, 8.0)
            if abs(nxt.size - line.size) > 1.0 or not close or LABEL_LINE.match(nxt.text):
                break
            # a wrapped heading goes on in lower case, or is all in capitals
            if not (nxt.text[:1].islower() or not (has_lower(prev.text) or has_lower(nxt.text))):
                break
            parts.append(nxt.text)
            prev = nxt
        return norm_ws(join_lines(parts))
    return None


def _describe(
    pages: list[PageLayout], agenda_title: str | None, item_paper: bool
) -> tuple[str, str]:
    """(kind, title) of a document from its first page with text and its agenda title.

    A report is a paper for a meeting: the main paper of an agenda item, or one whose
    header addresses a meeting or a decision maker ("To: Cabinet", "Meeting: Cabinet",
    "Decision Maker: ..."). A paper headed "... Report" with no such header (a
    consultation report, a performance appendix) is "other".
    """
    page = next((p for p in pages if p.lines), None)
    lines = page.lines if page else []
    kind = start_kind(page) if page else None
    if kind is None and agenda_title and _MINUTES_WORD.search(agenda_title):
        kind = "minutes"
    if kind == "report" and not item_paper and report_addressee(lines[:40])[0] is None:
        kind = "other"
    if kind is None and item_paper and recommends([ln for p in pages[:2] for ln in p.lines]):
        kind = "report"  # an item's paper that recommends, with no header of its own
    kind = kind or "other"
    title: str | None = None
    if kind != "minutes":
        title = report_title(lines)
    title = title or agenda_title
    if not title and kind == "minutes" and is_minutes_start(lines):
        title = _minutes_title(lines)
    title = title or _heading(lines) or ""
    return kind, title


def _papers(pages: list[PageLayout]) -> list[list[PageLayout]]:
    """The separate papers in one item's pages.

    A "This page is intentionally left blank" filler with more pages after it ends a
    paper (double-sided printing pads each paper to an even length: what follows is
    another paper, such as an appendix printed on its own; a page merely left empty
    inside a report is not such a filler); a page that opens a new set of minutes
    starts one (two meetings' minutes under one item). A paper keeps its trailing
    filler pages.
    """
    out: list[list[PageLayout]] = [[]]
    for page in pages:
        current = out[-1]
        after_filler = bool(current) and current[-1].filler and not page.blank
        opens_minutes = (
            bool(current)
            and any(not p.blank for p in current)
            and _kind_of(current) == "minutes"
            and is_minutes_start(page.lines[:14])
            and not _running_head(current[-1], page)
        )
        if after_filler or opens_minutes:
            out.append([])
        out[-1].append(page)
    return [paper for paper in out if paper]


def _running_head(prev: PageLayout, page: PageLayout) -> bool:
    """Whether the line that opens minutes on ``page`` was printed at the top of ``prev``
    too: a running header ("NOTES OF THE JOINT SESSION ... HELD ON ...") repeated on every
    page of one paper, not a new paper's heading (a letterhead repeated above a new set of
    minutes does not count: the minutes heading under it is new)."""
    opener = minutes_opener(page.lines)
    if opener is None:
        return False
    text = norm_ws(opener.text).lower()
    return any(norm_ws(ln.text).lower() == text for ln in prev.lines[:HEAD_LINES])


def _kind_of(pages: list[PageLayout]) -> str | None:
    page = next((p for p in pages if p.lines), None)
    return start_kind(page) if page is not None else None


def segment(layouts: list[PageLayout], agenda: list[AgendaItem]) -> Segmentation:
    blank = [p.number for p in layouts if p.blank]
    titles = {a.number: a.title for a in agenda}
    seg = Segmentation(blank_pages=blank, page_items={p.number: None for p in layouts})
    for span in _spans(layouts, agenda):
        last = span.last or span.first
        pages = [p for p in layouts if span.first <= p.number <= last]
        agenda_title = titles.get(span.item) if span.item else None
        for k, paper in enumerate(_papers(pages)):
            item_paper = span.item is not None and k == 0
            kind, title = _describe(paper, agenda_title if k == 0 else None, item_paper)
            pages_of = [paper[0].number, paper[-1].number]
            seg.documents.append(Document(span.item, kind, title, pages_of))
        for n in range(span.first, last + 1):
            seg.page_items[n] = span.item
    return seg
