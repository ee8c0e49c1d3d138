"""What the opening lines of a page say it is, and small line helpers for the structure stage.

A document in a pack announces itself in its first lines: minutes open with
"AT A MEETING of ...", "MINUTES of a meeting of ..." or a "PRESENT:" list;
reports open with a header table ("Committee:", "Decision Maker:", "Report
From:", "Title:", with or without colons) or "From: / To: / Subject:" lines,
or with a heading that ends in "Report". The first page of a file that names
no meeting, committee or council-with-a-date at all opens an "other" document.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from extract.model import Line, PageLayout
from extract.textutil import body_nouns, find_date, join_lines

HEAD_LINES = 14  # how far down a page its "opening lines" reach

_MINUTES_OPEN = re.compile(
    r"^(?:AT\s+A\s+MEETING\s+of\b|MINUTES\s*$"
    r"|(?:(?:Draft|Approved|Confirmed|Unconfirmed)\s+)?Minutes\s+(?:of|for)\s+(?:a|an|the)\b"
    # the notes of a meeting are its record too: "NOTES OF THE JOINT SESSION OF ...",
    # "Notes of a meeting of the ... held on ..." (not "Notes" over a report's footnotes)
    r"|(?:(?:Draft|Approved)\s+)?Notes?\s+of\s+(?:a|an|the)\s+(?:[\w'’&-]+\s+){0,3}?"
    r"(?:meeting|session|workshop|briefing)\b)",
    re.IGNORECASE,
)
# an attendance block opens minutes: "PRESENT:", "Present", "a. Present", "Members present:"
_PRESENT = re.compile(
    r"^(?:[a-z0-9][.)]\s+)?(?:(?:Members|Councillors)\s+)?"
    r"(?:PRESENT|Present|present|PRESENNOL|Presennol)\s*(?::|$)"  # Welsh "Presennol"
)
_REPORT_LABEL = re.compile(
    r"^(?:Committee(?:\s*/\s*Panel)?|Decision\s+Maker|Report\s+(?:From|To|of|by|Author)"
    r"|Cabinet\s+Member|Decision\s+Maker\(s\)|Decision\s+to\s+be\s+taken\s+by)\s*:",
    re.IGNORECASE,
)
_KENT_LABEL = re.compile(r"^(?P<label>From|To|Subject|By)\s*:\s*\S")
_REPORT_HEADING = re.compile(r"^(?:[\w'’&,()/-]+\s+){0,7}report$", re.IGNORECASE)
# a "Label:" header line ("Report From:", "Decision no :", "Tel:") ends a wrapped value
LABEL_LINE = re.compile(r"^[A-Z][A-Za-z/&() ]{0,30}?\s?:(?:\s|$)")
_ITEM_NUMBER = re.compile(r"^\(?\d{1,4}[.)]?\s")

_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "&"})


def head(page: PageLayout, n: int = HEAD_LINES) -> list[Line]:
    return page.lines[:n]


def minutes_opener(lines: Sequence[Line]) -> Line | None:
    """The opening line that says minutes start here (a minutes heading or a Present list)."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        text = line.text
        if _MINUTES_OPEN.match(text) or (i < 10 and _PRESENT.match(text)):
            return line
    return None


def is_minutes_start(lines: Sequence[Line]) -> bool:
    return minutes_opener(lines) is not None


def is_report_start(lines: Sequence[Line]) -> bool:
    kent: set[str] = set()
    for i, line in enumerate(lines[:HEAD_LINES]):
        text = line.text
        if _REPORT_LABEL.match(text):
            return True
        m = _KENT_LABEL.match(text)
        if m:
            kent.add(m["label"].lower())
        if (
            i < 5
            and len(text) <= 80
            and _REPORT_HEADING.match(text)
            and not _ITEM_NUMBER.match(text)
        ):
            return True
    if len(kent) >= 2 and ("to" in kent) and bool(kent & {"from", "by", "subject"}):
        return True
    from extract.structure.reports import has_report_header  # the report header's vocabulary

    return has_report_header(lines[:HEAD_LINES])


def _addressed(page: PageLayout) -> bool:
    from extract.structure.reports import has_addressed_header

    return has_addressed_header(page.lines)


def start_kind(page: PageLayout) -> str | None:
    """'minutes' or 'report' when the page opens a document of that kind; 'other' when it
    is the first page of a file and names no meeting, council or committee at all (a
    guide, a policy, a data appendix); else None."""
    lines = head(page)
    if is_minutes_start(lines):
        return "minutes"
    if is_report_start(lines) or _addressed(page):
        return "report"
    if page.number == 1 and page.lines and not names_a_meeting(page):
        return "other"
    return None


# a body (not an "Executive Summary"), a meeting or its papers; a council apart (_COUNCIL_WORD)
_BODY_WORD = re.compile(
    r"\b(?:"
    + body_nouns(
        r"Executive(?!\s+Summary)",
        "Meeting",
        "Agenda",
        "Minutes",
        "Summons",
        but=("Council", "Executive"),
    )
    + r")\b",
    re.IGNORECASE,
)
_COUNCIL_WORD = re.compile(r"\b(?:Council|Authority)\b", re.IGNORECASE)
_LIST_START = re.compile(r"^(?:\(?\d{1,3}[.)]?|\(?[a-z][.)]|[•·▪●◦■-])\s+")


def names_a_meeting(page: PageLayout) -> bool:
    """Whether the top of a first page names a meeting or the body that holds it.

    A heading-like line (short, not a numbered list entry, its longer words mostly
    capitalised) naming a committee, cabinet, board, panel, meeting, agenda or minutes,
    or a council's name with a dated heading; or an "Agenda Item N" stamp. A contents
    list ("4. Building an agenda 3") or a sentence mentioning committees does not.
    """
    if page.stamp_item is not None:
        return True
    council = dated = False
    for k, line in enumerate(page.lines[:25]):
        text = line.text.strip()
        if len(text.split()) > 14 or _LIST_START.match(text) or not _heading_like(text):
            continue
        if _BODY_WORD.search(text):
            return True
        council = council or bool(_COUNCIL_WORD.search(text))
        dated = dated or (k < 12 and find_date(text) is not None)
    # a council's title over a date ("Milburn Parish Council - 5th March 2019"); a council's
    # name alone heads its policies and guides as well as its meetings' papers
    return council and dated


def _heading_like(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’]+", text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def header_value(lines: Sequence[Line], label: re.Pattern[str]) -> str | None:
    """The value of a "Label: value" header line, joined over its wrapped lines.

    Wrapped lines sit indented under the value (right of the label) and stop at
    the next "Label:" line.
    """
    for i, line in enumerate(lines):
        m = label.match(line.text)
        if not m:
            continue
        parts = [m["value"]] if m["value"].strip() else []
        x0 = line.bbox[0]
        pitch = line.bbox[3] - line.bbox[1]
        prev = line
        for nxt in lines[i + 1 : i + 6]:
            if LABEL_LINE.match(nxt.text) or nxt.bbox[0] < x0 + 30:
                break
            if nxt.bbox[1] - prev.bbox[3] > 2.5 * max(pitch, 8.0):
                break
            parts.append(nxt.text)
            prev = nxt
        value = join_lines(parts).strip(" :-–")
        if value:
            return value
    return None


def report_title(lines: Sequence[Line]) -> str | None:
    """A report's own title: its "Title:" (or Kent's "Subject:") header value."""
    head_lines = list(lines[:30])
    title = header_value(head_lines, re.compile(r"^Title\s*:\s*(?P<value>.*)$", re.IGNORECASE))
    if title:
        return title
    return header_value(head_lines, re.compile(r"^Subject\s*:\s*(?P<value>.*)$", re.IGNORECASE))


def typical_pitch(lines: Sequence[Line]) -> float:
    """Top-to-top distance of consecutive lines of one paragraph, from one page's lines."""
    sizes = [ln.size for ln in lines if ln.size > 2]
    h = statistics.median(sizes) if sizes else 11.0
    steps = [
        b.bbox[1] - a.bbox[1]
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and 0.9 * h <= b.bbox[1] - a.bbox[1] <= 1.6 * h
    ]
    return statistics.median(steps) if steps else 1.3 * h


def has_lower(text: str) -> bool:
    return any(c.islower() for c in text)


def title_case(text: str) -> str:
    """Title-case text printed in capitals ("HAMPSHIRE COUNTY COUNCIL"); leave mixed case."""
    if has_lower(text):
        return text
    words = text.split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i and lw in _SMALL_WORDS:
            out.append(lw)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in lw.split("-")))
    return " ".join(out)
