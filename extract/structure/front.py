"""Front sheet -> Meeting (council, body, date, time, place).

Readers, tried in order on the opening pages; each fills only the fields still
empty, and a reader whose date disagrees with the date already found is
describing another meeting and is ignored:

1. a labelled front sheet: "Meeting X" / "Date and Time ..." / "Place ..." (or
   "Date:", "Time:", "Venue:");
2. a sentence: "A meeting of the X will be held in P on D at T", "MINUTES of
   a meeting of the X held in P on D", "AT A MEETING of the X of COUNCIL held
   at P on D";
3. an agenda heading: "AGENDA" / "CABINET" / date line / place lines;
4. a supplement's cover letter: "CABINET - THURSDAY, 30 JANUARY 2025";
5. a report's header: "Committee: X" / "Decision Maker: X" / "Date: D", or
   "To: County Council – 9th January 2025";
6. a cover page: a date line, a time line, a "... Commission" line, a
   "... Chambers" line.

The council is the name printed as such ("HAMPSHIRE COUNTY COUNCIL", "of
HAMPSHIRE COUNTY COUNCIL", "Merton Council", "TOWNSHIP OF NIPISSING") at the
top of the opening pages or of a document in the pack; failing that, a
"<Name> County Council" named on the front sheet or at least twice in the pack.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extract.model import Line, Meeting, PageLayout
from extract.structure.pagekind import LABEL_LINE, start_kind, title_case, typical_pitch
from extract.textutil import find_date, find_time, join_lines, norm_ws

MAX_OPENING_PAGES = 4

_LABELLED = re.compile(
    r"^(?P<label>Date\s+and\s+Time|Date\s*&\s*Time|Meeting|Place|Venue|Where|When"
    r"|(?:Date|Time|Location|Committee)(?=\s*:))\s*:?\s*(?P<value>\S.*)?$",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"^(?:Enquiries|Contact|Ask\s+for|E-?mail|Tel|Telephone|Membership)\b", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_MEETING_OF = re.compile(
    r"\b(?i:meeting|session)\s+of\s+(?:the\s+)?(?P<body>(?:above\s+)?[A-Z][^.:;\n]*?(?:\n[^.:;\n]*?)?)\s+"
    r"(?:(?:will|is\s+to|to|shall)\s+be\s+held|was\s+held|held)\b(?P<tail>[^\n]*(?:\n[^\n]*){0,2})",
)
_PLACE_BEFORE_DATE = re.compile(
    r"^[\s,]*(?:in|at)\s+(?:the\s+)?(?P<place>.+?)\s+(?:on|commencing)\s+(?=\w+day\b|\d)",
    re.IGNORECASE | re.DOTALL,
)
_PLACE_AFTER_TIME = re.compile(
    r"\d\s*(?:[ap]\.?m\.?|hrs|hours)\s+(?:in|at)\s+(?:the\s+)?(?P<place>[^\n.]+)", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.:](?=\s+[A-Z(]|\s*$)")
_OF_COUNCIL = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+)+COUNCIL$|\s+of\s+the\s+.*$")
_ANCHOR = re.compile(r"^(?:A\s?G\s?E\s?N\s?D\s?A|AGENDA)$")
_RIGHT_COLUMN = re.compile(
    r"\s*\b(?:Ask\s+for|Telephone|Tel|E-?mail|Direct\s+Dial(?:/Ext)?|Contact)\s*:.*$", re.I
)
_COVER_LETTER = re.compile(
    r"^(?P<body>[A-Z][A-Z&'’ ,-]+?)\s+[-–]\s+(?P<rest>(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY"
    r"\b.*\d{4})$"
)
_HEADER_BODY = re.compile(
    r"^(?:Committee(?:\s*/\s*Panel)?|Decision\s+Maker|Meeting)\s*:\s*(?P<v>\S.*)$", re.I
)
_HEADER_DATE = re.compile(r"^(?:Date(?:\s+of\s+meeting)?)\s*:\s*(?P<v>\S.*)$", re.IGNORECASE)
_TO_LINE = re.compile(r"^To\s*:?\s+(?P<body>[A-Z][\w&'’ ]{1,60}?)\s*[-–—,]\s*(?P<date>.*\d{4})\.?$")
_BODY_LINE = re.compile(
    r"^(?:(?:The\s+)?(?:City|Town|Township|Village)\s+of\s+(?:[A-Z][\w'’-]+\s+){1,2})?"
    r"(?P<body>(?:[A-Z][\w&'’-]*\s+){0,5}(?:Commission|Committee|Sub-Committee|Council|Board"
    r"|Cabinet|Panel|Forum|Assembly|Executive|Authority))(?:\s+Meeting)?$",
    re.IGNORECASE,
)
_VENUE = re.compile(
    r"\b(?:Chambers?|Hall|Room|Centre|Center|House|Court|Offices|Library|Pavilion|Suite)\b", re.I
)
_TIME_LINE = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?$")
_TYPE_WORDS = frozenset(
    {"COUNTY", "BOROUGH", "CITY", "DISTRICT", "TOWN", "PARISH", "COMMUNITY", "METROPOLITAN"}
    | {"COUNCIL", "THE", "OF", "AND", "FULL"}
)
_COUNCIL_UPPER = re.compile(
    r"(?<![\w&])(?P<name>(?:[A-Z][A-Z'’&.-]+\s+){1,4}(?:COUNTY|BOROUGH|CITY|DISTRICT|TOWN|PARISH"
    r"|COMMUNITY|METROPOLITAN\s+BOROUGH)\s+COUNCIL)\b"
)
_COUNCIL_LINE = re.compile(
    r"^(?:The\s+)?(?P<name>(?:[A-Z][a-z'’&.-]+\s+){1,3}(?:(?:County|Borough|City|District|Town"
    r"|Parish|Community)\s+)?Council)$"
)
_COUNCIL_OF = re.compile(
    r"^(?:The\s+|THE\s+)?(?P<name>(?i:city|town|township|village|borough|county|municipality"
    r"|london\s+borough|royal\s+borough)\s+(?i:of)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"(?=\s|$)"
)
_COUNCIL_MENTION = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z'’]+[^\S\n]+){1,2}(?:County|Borough|City|District"
    r"|Metropolitan[^\S\n]+Borough)[^\S\n]+Council)\b"
)
_NOT_NAMES = frozenset(
    {
        "The",
        "This",
        "That",
        "Each",
        "Every",
        "Those",
        "These",
        "Full",
        "Our",
        "Any",
        "All",
        "Its",
        "Their",
        "Whole",
        "Total",
        "Local",
        "Other",
        "Neighbouring",
        "Said",
        "Same",
        "Relevant",
        "Respective",
        "New",
        "Former",
        "Individual",
        "Your",
        "Which",
        "Whose",
        "Upper",
        "Lower",
        "Single",
        "Unitary",
        "Two",
        "Three",
        "Tier",
    }
)
_ABOVE_COUNCIL = re.compile(r"^(?:the\s+)?(?:above\s+)?Council$", re.IGNORECASE)


@dataclass(slots=True)
class _Found:
    body: str | None = None
    date: str | None = None
    time: str | None = None
    place: str | None = None


def _date(text: str) -> str | None:
    return find_date(text.replace(" ,", ","))


def _clean_place(text: str | None) -> str | None:
    if not text:
        return None
    text = norm_ws(text).strip(" ,.;:-–")
    text = re.sub(r"^(?:(?:in|at)\s+)?the\s+|^(?:in|at)\s+", "", text)
    return text or None


def _clean_body(text: str | None) -> str | None:
    if not text:
        return None
    text = norm_ws(text).strip(" ,.;:-–")
    text = _OF_COUNCIL.sub("", text)
    return title_case(text) or None


def opening_pages(layouts: list[PageLayout]) -> list[PageLayout]:
    """The first pages with text, up to the first stamped page or document start."""
    out: list[PageLayout] = []
    for page in layouts:
        if not page.lines:
            continue
        if out and (page.stamp_item is not None or start_kind(page) is not None):
            break
        out.append(page)
        if len(out) == 1 and start_kind(page) is not None:
            break  # a standalone document: its own header is all there is
        if len(out) >= MAX_OPENING_PAGES:
            break
    return out


# ------------------------------------------------------------------------ readers


def _labelled(page: PageLayout) -> _Found | None:
    found = _Found()
    pitch = typical_pitch(page.lines)
    lines = page.lines
    hits = 0
    for i, line in enumerate(lines[:40]):
        m = _LABELLED.match(line.text)
        if not m or not m["value"]:
            continue
        label = m["label"].lower()
        value = m["value"].strip()
        if label == "meeting" and (not value[:1].isupper() or find_date(value)):
            continue
        if label in ("meeting", "committee"):
            found.body = found.body or _clean_body(value)
        elif label.startswith("date") or label in ("when", "time"):
            found.date = found.date or _date(value)
            found.time = found.time or find_time(value)
            hits += 1
        else:  # place, venue, where, location
            parts, prev = [value], line
            for nxt in lines[i + 1 : i + 4]:
                step = nxt.bbox[1] - prev.bbox[1]
                if (
                    _LABELLED.match(nxt.text)
                    or _CONTACT.match(nxt.text)
                    or LABEL_LINE.match(nxt.text)
                ):
                    break
                if step <= 1.25 * pitch or (step <= 4 * pitch and _POSTCODE.search(nxt.text)):
                    parts.append(nxt.text)
                    prev = nxt
                else:
                    break
            joined = ", ".join(p.strip().rstrip(",") for p in parts)
            found.place = found.place or _clean_place(joined)
            hits += 1
    # a "Date:" line alone is a letter's date; a front sheet also names the body or place
    return found if hits and (found.body or found.place) else None


def _sentence(page: PageLayout) -> _Found | None:
    text = "\n".join(ln.text for ln in page.lines)
    m = _MEETING_OF.search(text)
    if not m:
        return None
    tail = m["tail"]
    end = _SENTENCE_END.search(tail)
    if end:
        tail = tail[: end.start()]
    found = _Found(body=_clean_body(m["body"].replace("\n", " ")))
    found.date = _date(tail)
    if found.date:
        found.time = find_time(tail)
    pm = _PLACE_BEFORE_DATE.match(tail)
    if pm:
        found.place = _clean_place(pm["place"])
    else:
        pm = _PLACE_AFTER_TIME.search(tail)
        if pm:
            found.place = _clean_place(pm["place"])
    return found


def _agenda_heading(page: PageLayout) -> _Found | None:
    lines = page.lines
    for i, line in enumerate(lines[:12]):
        if not _ANCHOR.match(line.text) or i + 2 >= len(lines):
            continue
        body_line = lines[i + 1].text
        if any(c.islower() or c.isdigit() for c in body_line) or len(body_line.split()) > 6:
            return None
        found = _Found(body=_clean_body(body_line))
        pitch = typical_pitch(lines)
        for j in range(i + 2, min(i + 5, len(lines))):
            text = _RIGHT_COLUMN.sub("", lines[j].text)
            date = _date(text)
            if not date:
                continue
            found.date, found.time = date, find_time(text)
            parts: list[str] = []
            paren, prev = False, lines[j]
            for nxt in lines[j + 1 : j + 8]:
                if nxt.bbox[1] - prev.bbox[1] > 1.6 * pitch:
                    break
                prev = nxt
                value = _RIGHT_COLUMN.sub("", nxt.text).strip()
                if value.startswith("(") or paren:
                    paren = ")" not in value
                    continue
                if not value or "@" in value or nxt.bbox[0] > _middle(lines):
                    break
                parts.append(value)
            found.place = _clean_place(join_lines(parts))
            break
        return found
    return None


def _middle(lines: list[Line]) -> float:
    """Half the printed width: right-column text ("Ask for:", an e-mail) starts beyond it."""
    return max((ln.bbox[2] for ln in lines), default=600.0) / 2


def _cover_letter(page: PageLayout) -> _Found | None:
    for line in page.lines[:25]:
        m = _COVER_LETTER.match(line.text)
        if m and len(m["body"].split()) <= 6:
            return _Found(body=_clean_body(m["body"]), date=_date(m["rest"]))
    return None


def _report_header(page: PageLayout) -> _Found | None:
    found = _Found()
    for line in page.lines[:25]:
        text = line.text
        m = _HEADER_BODY.match(text)
        if m and not found.body:
            found.body = _clean_body(m["v"])
            continue
        m = _HEADER_DATE.match(text)
        if m and not found.date:
            found.date = _date(m["v"])
            continue
        m = _TO_LINE.match(text)
        if m and not found.body and len(m["body"].split()) <= 6:
            date = _date(m["date"])
            if date:
                found.body, found.date = _clean_body(m["body"]), date
    return found if found.body else None


def _cover_page(page: PageLayout) -> _Found:
    found = _Found()
    for line in page.lines[:30]:
        text = line.text
        words = len(text.split())
        if not found.date and words <= 8:
            date = _date(text)
            if date:
                found.date = date
                found.time = found.time or find_time(text)
                continue
        if not found.time and _TIME_LINE.match(text):
            found.time = find_time(text)
            continue
        if words > 8 or _council_name(text) or _date(text):
            continue
        m = _BODY_LINE.match(text)
        if m and not found.body:
            found.body = _clean_body(m["body"])
            continue
        if not found.place and _VENUE.search(text) and not LABEL_LINE.match(text):
            found.place = _clean_place(text)
    if not found.date:
        joined = " ".join(ln.text for ln in page.lines[:30])
        found.date = _date(joined)
        if found.date:
            found.time = found.time or find_time(joined)
    return found


# ------------------------------------------------------------------------ council


def _council_name(text: str) -> str | None:
    """The council a line names outright, title-cased."""
    m = _COUNCIL_UPPER.search(text)
    if m:
        words = m["name"].split()
        if words[0] not in _TYPE_WORDS:
            return title_case(m["name"])
    m = _COUNCIL_LINE.match(text)
    if (
        m
        and m["name"].split()[0] not in _NOT_NAMES
        and m["name"].split()[0].upper() not in _TYPE_WORDS
    ):
        return m["name"]
    m = _COUNCIL_OF.match(text)
    if m:
        return title_case(m["name"])
    return None


def _council(layouts: list[PageLayout], opening: list[PageLayout]) -> str | None:
    heads = list(opening)
    heads += [p for p in layouts if p.stamp_item is not None and p not in heads]
    for page in heads:
        for line in page.lines[:12]:
            name = _council_name(line.text)
            if name:
                return name
    for page in layouts:
        if page in heads or not page.lines:
            continue
        if start_kind(page) is not None:
            for line in page.lines[:12]:
                name = _council_name(line.text)
                if name:
                    return name
    counts: Counter[str] = Counter()
    front: set[str] = set()
    opening_numbers = {p.number for p in opening}
    for page in layouts:
        for m in _COUNCIL_MENTION.finditer(page.text):
            name = m["name"]
            if name.split()[0] in _NOT_NAMES:
                continue
            counts[name] += 1
            if page.number in opening_numbers:
                front.add(name)
    named = [name for name in counts if name in front]
    if named:
        return max(named, key=lambda name: counts[name])
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


# ------------------------------------------------------------------------ meeting


def _merge(meeting: Meeting, found: _Found | None) -> None:
    if found is None:
        return
    if meeting.date and found.date and found.date != meeting.date:
        return  # another meeting (the minutes of the last one, a letter's date)
    meeting.body = meeting.body or found.body
    meeting.date = meeting.date or found.date
    meeting.time = meeting.time or found.time
    meeting.place = meeting.place or found.place


def parse_meeting(layouts: list[PageLayout]) -> Meeting:
    opening = opening_pages(layouts)
    meeting = Meeting()
    if not opening:
        return meeting
    meeting.council = _council(layouts, opening)
    first = opening[0]
    _merge(meeting, _labelled(first))
    for page in opening:
        _merge(meeting, _sentence(page))
    for page in opening:
        _merge(meeting, _agenda_heading(page))
    for page in opening:
        _merge(meeting, _cover_letter(page))
    _merge(meeting, _report_header(first))
    if first.number == 1:
        _merge(meeting, _cover_page(first))
    if meeting.body and _ABOVE_COUNCIL.match(meeting.body):
        meeting.body = meeting.council
    return meeting
