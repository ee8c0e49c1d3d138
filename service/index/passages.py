"""Pack structure -> searchable passages (what search returns and cites).

One passage per resolution, recommendation, minute item, agenda item and report
section, long texts split at sentence bounds into ~100-200 words. Pages that no
structured passage covers (a pack with no structure, appendices, odd files) get
page-text passages of kind ``page`` so nothing is unsearchable.

Dates: minutes content (minute items, resolutions, and the page text of minutes or
notes whose items were not read) carries the date and body of the meeting the minutes
RECORD (``Minutes.date``), never the pack's; everything else carries the pack's
meeting date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from extract.model import Minutes, Pack, Report
from service.acronyms import find_definitions
from service.store.base import KINDS, PackInput, Passage

__all__ = ["KINDS", "Passage", "build_passages", "pack_input", "split_words"]

MIN_WORDS = 100
MAX_WORDS = 200
_TAIL_WORDS = 40  # a trailing chunk shorter than this is merged into the one before
MIN_SECTION_WORDS = 30  # a shorter report section (a bare heading) joins the next one

_PARAGRAPH_START = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,3}\)|[•▪●◦\-–])\s")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"“‘(\[]?[A-Z0-9•\-–(])")
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def sentences(text: str) -> list[str]:
    """Split text at sentence ends (and line-leading bullets); keeps every word."""
    text = _norm(text)
    if not text:
        return []
    return [s for s in _SENTENCE_END.split(text) if s]


def split_words(text: str, min_words: int = MIN_WORDS, max_words: int = MAX_WORDS) -> list[str]:
    """Chunks of about ``min_words``-``max_words`` words cut at sentence bounds.

    A cut is preferred where a numbered paragraph or bullet starts (once the chunk
    has ``min_words * 0.6`` words), so one paragraph's point stays in one chunk. A
    sentence longer than ``max_words`` is cut hard at ``max_words``; a short tail
    is merged into the chunk before it.
    """
    chunks: list[list[str]] = []
    current: list[str] = []
    for sentence in sentences(text):
        words = sentence.split()
        while len(words) > max_words:  # one runaway "sentence" (a table, a list)
            if current:
                chunks.append(current)
                current = []
            chunks.append(words[:max_words])
            words = words[max_words:]
        starts_paragraph = bool(_PARAGRAPH_START.match(sentence))
        if current and (
            len(current) + len(words) > max_words
            or (starts_paragraph and len(current) >= min_words * 0.6)
        ):
            chunks.append(current)
            current = []
        current.extend(words)
        if len(current) >= min_words:
            chunks.append(current)
            current = []
    if current:
        if (
            chunks
            and len(current) < _TAIL_WORDS
            and len(chunks[-1]) + len(current) <= max_words + _TAIL_WORDS
        ):
            chunks[-1].extend(current)
        else:
            chunks.append(current)
    return [" ".join(c) for c in chunks]


class _PageFinder:
    """Which physical page a snippet of text is on (pages' cleaned text)."""

    def __init__(self, pack: Pack) -> None:
        self._pages = {p.number: _norm(p.text).lower() for p in pack.pages}
        self._raw = {p.number: p.text for p in pack.pages}

    def text(self, number: int) -> str:
        return self._raw.get(number, "")

    def find(self, snippet: str, first: int | None = None, last: int | None = None) -> int | None:
        probe = _norm(snippet).lower()[:60]
        if not probe:
            return first
        numbers = sorted(self._pages)
        if first is not None:
            numbers = [n for n in numbers if first <= n <= (last if last is not None else first)]
        for n in numbers:
            if probe in self._pages[n]:
                return n
        # a snippet can straddle a page break: try its first words only
        head = " ".join(probe.split()[:6])
        for n in numbers:
            if head and head in self._pages[n]:
                return n
        return first


HEADER_MAX_WORDS = 120


def header_text(page_text: str, stops: list[str]) -> str:
    """The start of a page up to the first of ``stops`` (a heading), whitespace-normalised.

    Empty when no stop is found or the block is longer than ``HEADER_MAX_WORDS`` (then
    it is not a header).
    """
    text = _norm(page_text)
    low = text.lower()
    for stop in stops:
        probe = _norm(stop).lower()
        if not probe:
            continue
        at = low.find(probe)
        if at > 0:
            head = text[:at].strip()
            return head if len(head.split()) <= HEADER_MAX_WORDS else ""
    return ""


def _span(pages: list[int] | None) -> tuple[int | None, int | None]:
    if not pages:
        return None, None
    return pages[0], pages[-1]


@dataclass(slots=True)
class _Context:
    """What every source of one pack's passages needs: where text is, and the pack's own
    body, date and agenda titles."""

    finder: _PageFinder
    pack_id: str
    body: str | None
    date: str | None
    titles: dict[str, str]

    def passages(
        self,
        kind: str,
        text: str,
        *,
        body: str | None,
        date: str | None,
        item: str | None,
        title: str | None,
        first: int | None,
        last: int | None = None,
        page: int | None = None,
        split: bool = True,
    ) -> Iterator[Passage]:
        """``text`` as passages (split at sentence bounds unless ``split`` is False), each on
        ``page`` or on the page of ``first``..``last`` its words are found on."""
        chunks = split_words(text) if split else ([_norm(text)] if _norm(text) else [])
        for chunk in chunks:
            where = page if page is not None else self.finder.find(chunk, first, last)
            yield Passage(kind, chunk, body, date, item, title, where, self.pack_id)


def agenda_passages(pack: Pack, cx: _Context, covered: set[int]) -> Iterator[Passage]:
    """One passage per agenda item, on the page where it is listed (front sheet, agenda)."""
    for a in pack.agenda:
        text = f"{a.number}. {a.title}" + (f" — {a.description}" if a.description else "")
        listed = cx.finder.find(a.title)
        if listed is None and a.pages:
            listed = a.pages[0]
        if listed is not None:
            covered.add(listed)
        yield from cx.passages(
            "agenda",
            text,
            body=cx.body,
            date=cx.date,
            item=a.number,
            title=a.title,
            first=listed,
            page=listed,
        )


def minutes_passages(pack: Pack, cx: _Context, covered: set[int]) -> Iterator[Passage]:
    """Each set of minutes: its opening block, its minute items and their resolutions,
    dated to the meeting the minutes RECORD (never the pack's)."""
    for m in pack.minutes:
        yield from _one_minutes(m, cx, covered)


def _one_minutes(m: Minutes, cx: _Context, covered: set[int]) -> Iterator[Passage]:
    body, date = m.body or cx.body, m.date
    first, last = _span(m.pages)
    if first is not None and m.items:
        # the "AT A MEETING of ... on <date> / Chairman / present" block before item one
        lead = m.items[0]
        header = header_text(cx.finder.text(first), [f"{lead.number}. {lead.title}", lead.title])
        if header:
            title = cx.titles.get(m.agenda_item or "") or "Minutes"
            yield from cx.passages(
                "minutes",
                header,
                body=body,
                date=date,
                item=m.agenda_item,
                title=title,
                first=first,
                page=first,
                split=False,
            )
    for mi in m.items:
        i_first, i_last = _span(mi.pages)
        if i_first is None:
            i_first, i_last = first, last
        if i_first is not None:
            covered.update(range(i_first, (i_last or i_first) + 1))
        title = f"{mi.number}. {mi.title}".strip(". ") if mi.number else mi.title
        yield from cx.passages(
            "minutes",
            mi.text,
            body=body,
            date=date,
            item=m.agenda_item,
            title=title,
            first=i_first,
            last=i_last,
        )
        for r in mi.resolutions:
            yield from cx.passages(
                "resolution",
                r.text,
                body=body,
                date=date,
                item=m.agenda_item,
                title=title,
                first=r.page,
                page=r.page,
            )


def report_passages(pack: Pack, cx: _Context, covered: set[int]) -> Iterator[Passage]:
    """Each report: its header block, its recommendations and its sections (a short section,
    a bare heading, joins the next one)."""
    for rep in pack.reports:
        yield from _one_report(rep, cx, covered)


def _one_report(rep: Report, cx: _Context, covered: set[int]) -> Iterator[Passage]:
    first, last = _span(rep.pages)
    title = rep.title or cx.titles.get(rep.agenda_item or "")
    where: dict[str, Any] = {"body": cx.body, "date": cx.date, "item": rep.agenda_item}
    if first is not None and rep.sections:
        # the header block (committee, date, title, report from, contact name/tel/email)
        header = header_text(cx.finder.text(first), [rep.sections[0].heading])
        if header:
            yield from cx.passages(
                "report", header, **where, title=title, first=first, page=first, split=False
            )
    for rec in rep.recommendations:
        yield from cx.passages(
            "recommendation", rec.text, **where, title=title, first=rec.page, page=rec.page
        )
    for text, s_first, s_last in _sections(rep, covered):
        yield from cx.passages(
            "report",
            text,
            **where,
            title=title,
            first=s_first if s_first is not None else first,
            last=s_last if s_last is not None else last,
        )


def _sections(rep: Report, covered: set[int]) -> Iterator[tuple[str, int | None, int | None]]:
    """(text, first page, last page) of each report section, its heading in front; a
    section shorter than ``MIN_SECTION_WORDS`` waits for the next one."""
    pending, p_first = "", None
    for n, sec in enumerate(rep.sections):
        s_first, s_last = _span(sec.pages)
        if s_first is not None:
            covered.update(range(s_first, (s_last or s_first) + 1))
        text = _norm(sec.text)
        heading = _norm(sec.heading)
        if heading and not text.lower().startswith(heading.lower()):
            text = f"{heading}. {text}" if not heading.endswith((".", ":")) else f"{heading} {text}"
        if pending:
            text = f"{pending} {text}"
            s_first = p_first if p_first is not None else s_first
        if len(text.split()) < MIN_SECTION_WORDS and n < len(rep.sections) - 1:
            pending, p_first = text, s_first
            continue
        pending, p_first = "", None
        yield text, s_first, s_last


def page_passages(pack: Pack, cx: _Context, covered: set[int]) -> Iterator[Passage]:
    """Every non-blank page no structured passage covers (appendices, files with no
    recognisable structure): nothing with text is unsearchable. Runs last."""
    blank = set(pack.blank_pages)
    for p in pack.pages:
        if p.number in covered or p.number in blank or not p.text.strip():
            continue
        body, date = cx.body, cx.date
        minutes = next(
            (m for m in pack.minutes if m.pages and m.pages[0] <= p.number <= m.pages[-1]), None
        )
        if minutes is not None:
            # a page of minutes (or notes) records the meeting its header names: a pack's
            # own date belongs to another meeting when its front sheet dated it
            body = minutes.body or body
            date = minutes.date or (None if pack.meeting.dated_by == "front_sheet" else date)
        yield from cx.passages(
            "page",
            p.text,
            body=body,
            date=date,
            item=p.agenda_item,
            title=cx.titles.get(p.agenda_item or ""),
            first=p.number,
            page=p.number,
        )


SOURCES = (agenda_passages, minutes_passages, report_passages, page_passages)


def build_passages(pack: Pack, pack_id: str = "") -> list[Passage]:
    """All passages of one pack, source by source (agenda, minutes, reports, then the pages
    none of them covered), in document order within each."""
    cx = _Context(
        _PageFinder(pack),
        pack_id,
        pack.meeting.body,
        pack.meeting.date,
        {a.number: a.title for a in pack.agenda},
    )
    covered: set[int] = set()
    return [p for source in SOURCES for p in source(pack, cx, covered)]


# ------------------------------------------------------------------ what the store keeps


def pack_summary(pack: Pack) -> dict[str, Any]:
    """The meeting and what the pack holds, as ``meetings()`` lists it."""
    return {
        "council": pack.meeting.council,
        "body": pack.meeting.body,
        "date": pack.meeting.date,
        "time": pack.meeting.time,
        "place": pack.meeting.place,
        "counts": {
            "agenda_items": len(pack.agenda),
            "documents": len(pack.documents),
            "minutes": len(pack.minutes),
            "reports": len(pack.reports),
            "resolutions": sum(len(i.resolutions) for m in pack.minutes for i in m.items),
            "recommendations": sum(len(r.recommendations) for r in pack.reports),
        },
        "minutes_of": sorted({m.date for m in pack.minutes if m.date}),
    }


def pack_acronyms(passages: Sequence[Passage]) -> dict[str, str]:
    """{acronym: long form} the pack's passages define ("... Children (UASC)")."""
    return find_definitions(" ".join(f"{p.item_title or ''} {p.text}" for p in passages))


def pack_input(
    pack: Pack,
    passages: Sequence[Passage],
    vectors: np.ndarray,
    source_key: str,
    status: str = "success",
    pdf: Path | None = None,
) -> PackInput:
    """Everything the store keeps of one pack, computed here (the store computes nothing)."""
    return PackInput(
        pack=pack,
        passages=passages,
        vectors=vectors,
        source_key=source_key,
        status=status,
        pdf=pdf,
        summary=pack_summary(pack),
        acronyms=pack_acronyms(passages),
    )
