"""Pack structure -> searchable passages (what search returns and cites).

One passage per resolution, recommendation, minute item, agenda item and report
section, long texts split at sentence bounds into ~100-200 words. Pages that no
structured passage covers (a pack with no structure, appendices, odd files) get
page-text passages of kind ``page`` so nothing is unsearchable.

Dates: minutes content (minute items, resolutions) carries the date of the
meeting the minutes RECORD (``Minutes.date``); everything else carries the
pack's meeting date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Pack

KINDS = ("resolution", "recommendation", "minutes", "agenda", "report", "page")

MIN_WORDS = 100
MAX_WORDS = 200
_TAIL_WORDS = 40  # a trailing chunk shorter than this is merged into the one before
MIN_SECTION_WORDS = 30  # a shorter report section (a bare heading) joins the next one

_PARAGRAPH_START = re.compile(r"^(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,3}\)|[•▪●◦\-–])\s")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=[\"“‘(\[]?[A-Z0-9•\-–(])")
_WS = re.compile(r"\s+")


@dataclass(slots=True)
class Passage:
    """One searchable unit. ``pack`` is the pack id, ``page`` a 1-based physical page."""

    kind: str
    text: str
    body: str | None
    meeting_date: str | None
    agenda_item: str | None
    item_title: str | None
    page: int | None
    pack: str = ""

    def embed_text(self) -> str:
        """What the embedding model sees: the text with its item title for context."""
        title = (self.item_title or "").strip()
        if title and not self.text.lower().startswith(title.lower()[:40]):
            return f"{title}: {self.text}"
        return self.text


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


def build_passages(pack: Pack, pack_id: str = "") -> list[Passage]:
    """All passages of one pack, in document order within each kind."""
    finder = _PageFinder(pack)
    body = pack.meeting.body
    date = pack.meeting.date
    titles = {a.number: a.title for a in pack.agenda}
    out: list[Passage] = []
    covered: set[int] = set()

    def add(
        kind: str,
        text: str,
        *,
        p_body: str | None,
        p_date: str | None,
        item: str | None,
        title: str | None,
        first: int | None,
        last: int | None = None,
        page: int | None = None,
        split: bool = True,
    ) -> None:
        chunks = split_words(text) if split else ([_norm(text)] if _norm(text) else [])
        for chunk in chunks:
            where = page if page is not None else finder.find(chunk, first, last)
            out.append(
                Passage(
                    kind=kind,
                    text=chunk,
                    body=p_body,
                    meeting_date=p_date,
                    agenda_item=item,
                    item_title=title,
                    page=where,
                    pack=pack_id,
                )
            )

    # agenda items: where they are listed (front sheet / agenda pages)
    for a in pack.agenda:
        text = f"{a.number}. {a.title}" + (f" — {a.description}" if a.description else "")
        listed = finder.find(a.title)
        if listed is None and a.pages:
            listed = a.pages[0]
        if listed is not None:
            covered.add(listed)
        add(
            "agenda",
            text,
            p_body=body,
            p_date=date,
            item=a.number,
            title=a.title,
            first=listed,
            page=listed,
        )

    for m in pack.minutes:
        m_body = m.body or body
        m_date = m.date  # the meeting the minutes record, never the pack's
        first, last = _span(m.pages)
        if first is not None and m.items:
            # the "AT A MEETING of ... on <date> / Chairman / present" block before item one
            lead = m.items[0]
            header = header_text(finder.text(first), [f"{lead.number}. {lead.title}", lead.title])
            if header:
                add(
                    "minutes",
                    header,
                    p_body=m_body,
                    p_date=m_date,
                    item=m.agenda_item,
                    title=titles.get(m.agenda_item or "") or "Minutes",
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
            title: str | None = f"{mi.number}. {mi.title}".strip(". ") if mi.number else mi.title
            add(
                "minutes",
                mi.text,
                p_body=m_body,
                p_date=m_date,
                item=m.agenda_item,
                title=title,
                first=i_first,
                last=i_last,
            )
            for r in mi.resolutions:
                add(
                    "resolution",
                    r.text,
                    p_body=m_body,
                    p_date=m_date,
                    item=m.agenda_item,
                    title=title,
                    first=r.page,
                    page=r.page,
                )

    for rep in pack.reports:
        first, last = _span(rep.pages)
        title = rep.title or titles.get(rep.agenda_item or "")
        if first is not None and rep.sections:
            # the header block (committee, date, title, report from, contact name/tel/email)
            header = header_text(finder.text(first), [rep.sections[0].heading])
            if header:
                add(
                    "report",
                    header,
                    p_body=body,
                    p_date=date,
                    item=rep.agenda_item,
                    title=title,
                    first=first,
                    page=first,
                    split=False,
                )
        for rec in rep.recommendations:
            add(
                "recommendation",
                rec.text,
                p_body=body,
                p_date=date,
                item=rep.agenda_item,
                title=title,
                first=rec.page,
                page=rec.page,
            )
        pending, p_first = "", None  # short sections wait for the next one
        for n, sec in enumerate(rep.sections):
            s_first, s_last = _span(sec.pages)
            if s_first is not None:
                covered.update(range(s_first, (s_last or s_first) + 1))
            text = _norm(sec.text)
            heading = _norm(sec.heading)
            if heading and not text.lower().startswith(heading.lower()):
                text = (
                    f"{heading}. {text}"
                    if not heading.endswith((".", ":"))
                    else f"{heading} {text}"
                )
            if pending:
                text = f"{pending} {text}"
                s_first = p_first if p_first is not None else s_first
            if len(text.split()) < MIN_SECTION_WORDS and n < len(rep.sections) - 1:
                pending, p_first = text, s_first
                continue
            pending, p_first = "", None
            add(
                "report",
                text,
                p_body=body,
                p_date=date,
                item=rep.agenda_item,
                title=title,
                first=s_first if s_first is not None else first,
                last=s_last if s_last is not None else last,
            )

    # fallback: every non-blank page no structured passage covers
    blank = set(pack.blank_pages)
    for p in pack.pages:
        if p.number in covered or p.number in blank or not p.text.strip():
            continue
        add(
            "page",
            p.text,
            p_body=body,
            p_date=date,
            item=p.agenda_item,
            title=titles.get(p.agenda_item or ""),
            first=p.number,
            page=p.number,
        )
    return out
