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
5. a report's header grid naming the body and date the report goes to
   ("Meeting: Cabinet  Date: ...", "Committee:" / "Decision Maker:" with
   "Date:", "To: County Council – 9th January 2025");
6. the title block of a first page: a date line with a body, a council, a time
   or a venue beside it (a date alone on a title page is a document's, not a
   meeting's).

Each reader says what kind of header it read (``Meeting.dated_by``:
front_sheet, minutes_header, report_header); the first to give the date names
it, and a first page that opens minutes makes its title block a minutes header.
A date is never taken from running prose: with no such header the meeting has
no date and ``dated_by`` is None.

The council is the name printed as such ("HAMPSHIRE COUNTY COUNCIL", "of
HAMPSHIRE COUNTY COUNCIL", "Merton Council", "TOWNSHIP OF NIPISSING", a
"Souldern Parish Council – ..." heading) at the top of the opening pages or
of a document in the pack; failing that, and only for a file that names a
meeting, one named in a title on the front sheet or again and again in the pack.
Named nowhere in the text, it may be printed in a logo: ``council_in_logo`` OCRs the
images at the top of the opening page (called by the pipeline when OCR is on).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from extract.model import Line, Meeting, PageLayout
from extract.structure.pagekind import LABEL_LINE, start_kind, title_case, typical_pitch
from extract.structure.reports import report_addressee
from extract.textutil import body_nouns, find_date, find_time, join_lines, norm_ws

MAX_OPENING_PAGES = 4

_LABELLED = re.compile(
    r"^(?P<label>Date\s+and\s+Time|Date\s*&\s*Time|Meeting|Place|Venue|Where|When"
    r"|(?:Date|Time|Location|Committee)(?=\s*:))\s*:?\s*(?P<value>\S.*)?$",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"^(?:Enquiries|Contact|Ask\s+for|E-?mail|Tel|Telephone|Membership)\b", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_MEETING_OF = re.compile(
    r"\b(?i:meeting|session)\s+of\s+(?:the\s+)?(?P<body>(?:above\s+)?[A-Z][^.:;\n]*?(?:\n[^.:;\n]*?)??)\s+"
    r"(?:(?:will|is\s+to|to|shall)\s+be\s+held|was\s+held|held)\b(?P<tail>[^\n]*(?:\n[^\n]*){0,2})",
)
# Welsh: "Cynhaliwyd cyfarfod <body> am 7.30pm ar y 13eg Mawrth 2019 yn yr Ystafell Ddarllen, X."
# ("a meeting of <body> was held at <time> on <date> in <place>"); "Cynhelir" = will be held
_MEETING_CY = re.compile(
    r"\b(?P<verb>Cynhaliwyd|Cynhelir)\s+(?:y\s+)?cyfarfod\s+(?:o\s+)?(?:(?:blynyddol|arbennig"
    r"|misol)\s+)?(?P<body>[A-Z][^.:;\n]*?)\s+(?P<tail>(?:am|ar|yn)\s[^\n]*(?:\n[^\n]*){0,2})",
)
_PLACE_CY = re.compile(r"\d{4}\s+yn\s+(?:yr?\s+)?(?P<place>[^\n.]+(?:\n[^\n.]+)?)")
_PLACE_BEFORE_DATE = re.compile(
    r"^[\s,]*(?:in|at)\s+(?:the\s+)?(?P<place>.+?)\s+(?:on|commencing)\s+(?=\w+day\b|\d)",
    re.IGNORECASE | re.DOTALL,
)
_PLACE_AFTER_TIME = re.compile(
    r"\d\s*(?:[ap]\.?m\.?|hrs|hours)\s+(?:in|at)\s+(?:the\s+)?(?P<place>[^\n.]+)", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.:](?=\s+[A-Z(]|\s*$)")
_SENTENCE_END_CY = re.compile(r"\.(?=\s+[A-Z(]|\s*$)")  # (a colon does not end it)
_OF_COUNCIL = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+)+COUNCIL$|\s+of\s+the\s+.*$")
_ANCHOR = re.compile(r"^(?:A\s?G\s?E\s?N\s?D\s?A|AGENDA)$")
_RIGHT_COLUMN = re.compile(
    r"\s*\b(?:Ask\s+for|Telephone|Tel|E-?mail|Direct\s+Dial(?:/Ext)?|Contact)\s*:.*$", re.I
)
_COVER_LETTER = re.compile(
    r"^(?P<body>[A-Z][A-Z&'’ ,-]+?)\s+[-–]\s+(?P<rest>(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY"
    r"\b.*\d{4})$"
)
_BODY_LINE = re.compile(
    r"^(?:(?:The\s+)?(?:City|Town|Township|Village)\s+of\s+(?:[A-Z][\w'’-]+\s+){1,2})?"
    rf"(?P<body>(?:[A-Z][\w&'’-]*\s+){{0,5}}(?:{body_nouns('Authority')}))(?:\s+Meeting)?$",
    re.IGNORECASE,
)
_VENUE = re.compile(
    r"\b(?:Chambers?|Hall|Room|Centre|Center|House|Court|Offices|Library|Pavilion|Suite)\b", re.I
)
_TIME_LINE = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?$")
# a line that labels the start time ("** START TIME 6:30 p.m.**", "Time: 7.30pm", "Commencing at
# 7pm"): the meeting's, beside a date in a title block
_TIME_LABEL_LINE = re.compile(
    r"^[\W_]*(?:start(?:ing)?\s+time|time|commencing(?:\s+at)?|starts?\s+at)\s*[:\-–]?\s*"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|hrs|hours|h)?[\W_]*$",
    re.I,
)
# a short heading line that ends with the start time ("COVID-19 Virtual Meeting 19:00hrs")
_TIME_AT_END = re.compile(
    r"\s(?:\d{1,2}[:.]\d{2}\s?(?:hrs|hours|h)?|\d{1,2}(?:[:.]\d{2})?\s?[AaPp]\.?[Mm]\.?)$"
)
_TYPE_WORDS = frozenset(
    {"COUNTY", "BOROUGH", "CITY", "DISTRICT", "TOWN", "PARISH", "COMMUNITY", "METROPOLITAN"}
    | {"COUNCIL", "THE", "OF", "AND", "FULL"}
)
_COUNCIL_UPPER = re.compile(
    r"(?<![\w&])(?P<name>(?:(?:[A-Z][A-Z'’&.-]+|&)\s+){1,5}(?:COUNTY|BOROUGH|CITY|DISTRICT|TOWN"
    r"|PARISH|COMMUNITY|METROPOLITAN\s+BOROUGH)\s+COUNCIL)\b"
)
# a mixed-case council name in a heading line ("Souldern Parish Council – Annual Meeting")
_COUNCIL_HEADING = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z'’]+[^\S\n]+(?:(?:and|&)[^\S\n]+)?){1,3}(?:County|Borough|City"
    r"|District|Town|Parish|Community|Metropolitan[^\S\n]+Borough)[^\S\n]+Council)\b"
)
# words a heading puts before the council's name ("MINUTES OF THE SOULDERN PARISH COUNCIL")
_LEAD_WORDS = frozenset(
    {"MINUTES", "AGENDA", "MEETING", "OF", "THE", "ANNUAL", "ORDINARY", "EXTRAORDINARY"}
    | {"SPECIAL", "DRAFT", "NOTICE", "FULL", "A", "AN", "FOR", "AT", "TO", "AND", "&"}
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
# Welsh puts "Cyngor" (council) first: "CYNGOR CYMUNED MANORDEILO A SALEM", "Cyngor Tref X"
_COUNCIL_CY = re.compile(
    r"^(?P<name>(?i:cyngor)\s+(?i:cymuned|tref|dinas|sir|bwrdeistref\s+sirol)"
    r"(?:\s+(?:[A-Z][\w'’-]+|a|ac|A|AC)){1,5})$"
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


FRONT_SHEET = "front_sheet"
MINUTES_HEADER = "minutes_header"
REPORT_HEADER = "report_header"


@dataclass(slots=True)
class _Found:
    body: str | None = None
    date: str | None = None
    time: str | None = None
    place: str | None = None
    source: str = FRONT_SHEET  # what kind of header named the meeting (Meeting.dated_by)


def _up_to_end(tail: str, end: re.Pattern[str] = _SENTENCE_END) -> str:
    """What follows a meeting sentence's opening, up to the sentence's end."""
    m = end.search(tail)
    return tail[: m.start()] if m else tail


def _date(text: str) -> str | None:
    return find_date(text.replace(" ,", ","))  # find_date drops a stray superscript figure


def _clean_place(text: str | None) -> str | None:
    if not text:
        return None
    text = norm_ws(text).strip(" ,.;:-–")
    # "HELD IN THE VILLAGE HALL": a title block's venue line
    text = re.sub(
        r"^(?:held\s+)?(?:(?:in|at)\s+)?the\s+|^(?:held\s+)?(?:in|at)\s+", "", text, flags=re.I
    )
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


_OTHER_MEETING = re.compile(r"\b(?:next|future|following|last|previous)\s+$", re.I)


def _sentence(page: PageLayout) -> _Found | None:
    text = "\n".join(ln.text for ln in page.lines)
    # not "the next meeting of the Committee will be held on ..." (another meeting)
    m = next(
        (m for m in _MEETING_OF.finditer(text) if not _OTHER_MEETING.search(text[: m.start()])),
        None,
    )
    if not m:
        return None
    tail = _up_to_end(m["tail"])
    found = _Found(body=_clean_body(m["body"].replace("\n", " ")))
    if not re.search(r"\bbe\s+held\b", m.group(0)):
        found.source = MINUTES_HEADER  # "... was held", "MINUTES of a meeting ... held"
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


def _sentence_cy(page: PageLayout) -> _Found | None:
    """The Welsh form of the sentence: "Cynhaliwyd cyfarfod <body> am <time> ar <date> yn <place>"."""
    text = "\n".join(ln.text for ln in page.lines[:20])
    m = _MEETING_CY.search(text)
    if not m:
        return None
    tail = _up_to_end(m["tail"], _SENTENCE_END_CY)
    found = _Found(body=_clean_body(m["body"]))
    if m["verb"] == "Cynhaliwyd":
        found.source = MINUTES_HEADER  # "was held"
    found.date = _date(tail)
    if found.date:
        found.time = find_time(tail)
        pm = _PLACE_CY.search(tail.replace("\n", " "))
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


def _report_header(page: PageLayout, kind: str | None) -> _Found | None:
    """A report's header naming the meeting: "Meeting: Cabinet  Date: 10 December 2025",
    "Committee:" / "Decision Maker:" with "Date:", "To: County Council – 9th January 2025",
    or, on a page that opens a report, "CABINET – 11 MARCH 2026" over its title."""
    body, date = report_addressee(page.lines[:40], heading=kind == "report")
    if body is None:
        return None
    return _Found(body=_clean_body(body), date=date, source=REPORT_HEADER)


_MEETING_WORD = re.compile(r"\bmeeting\b", re.IGNORECASE)
_HELD_THEIR = re.compile(
    r"(?P<body>(?:[A-Z][\w'’&-]*[^\S\n]+(?:(?:and|&|of)[^\S\n]+)?){1,8}?)held[^\S\n]+"
    r"(?:their|its)[^\S\n]+(?:\w+[^\S\n]+)?meeting\b(?P<tail>.*)$",
    re.DOTALL,
)


def _heading_block(page: PageLayout, known_council: str | None = None) -> _Found | None:
    """The title block at the top of a first page: a body or council line, a date line,
    a time and a venue ("Souldern Parish Council – Annual Meeting of the Parish Council /
    26th June 2025 at 7.30pm in the Village Hall"; "City Commission Meeting / February 13,
    2024 / City Commission Chambers"). It names a meeting only when a date line comes
    with a body, a council, a time or a venue: a date on a title page alone (a release
    date, a document's date) is not a meeting's."""
    found = _Found()
    council: str | None = None
    for line in _title_lines(page):
        text = line.text
        date = None if found.date else _date(text)
        if date:
            found.date = date
            found.time = found.time or find_time(text)
            pm = _PLACE_AFTER_TIME.search(text)
            if pm and not found.place:
                found.place = _clean_place(pm["place"])
        elif not found.time and (_TIME_LINE.match(text) or _TIME_LABEL_LINE.match(text)):
            found.time = find_time(text)
            continue
        elif not found.time and len(text.split()) <= 8 and _TIME_AT_END.search(text):
            found.time = find_time(text)
        if len(text.split()) > 12:
            continue
        named = _council_name(text) or _heading_council(text)
        council = council or named
        if named is not None or _MEETING_WORD.search(text):
            body = _body_of_heading(text, named)
            found.body = found.body or body
            continue
        if date:
            continue
        m = _BODY_LINE.match(text)
        if m and not found.body:
            found.body = _clean_body(m["body"])
            continue
        if not found.place and _VENUE.search(text) and not LABEL_LINE.match(text):
            found.place = _clean_place(text)
    if not found.date or not (found.body or council or found.time or found.place):
        return None
    council = council or (known_council if found.time else None)
    if found.body is None and council is not None:
        # a council's title over a date (or the council the page's letterhead names, over a
        # date and a start time): a meeting of the council
        found.body = council
    return found


_ATTENDANCE = re.compile(r"^(?:[a-z][.)]\s+)?(?:present|apologies|in\s+attendance)\b", re.I)


def _title_cased(text: str) -> bool:
    """Most longer words capitalised: a title or heading, not a sentence."""
    words = [w for w in re.findall(r"[A-Za-z][a-z]+", text) if len(w) >= 4]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _heading_council(text: str) -> str | None:
    """A mixed-case council name in a short heading line."""
    if len(text.split()) > 12:
        return None
    m = _COUNCIL_HEADING.search(text)
    return m["name"] if m and m["name"].split()[0] not in _NOT_NAMES else None


def _title_lines(page: PageLayout) -> list[Line]:
    """The lines above the page's first numbered item or paragraph of running text
    (contact rows such as "Clerk: ...  Telephone: ..." are passed over)."""
    out: list[Line] = []
    for line in page.lines[:30]:
        text = line.text
        if re.match(r"^(?:\d{1,2}[.)]?|\d{3}[.)]|[a-z][.)])\s+\S", text) or len(text.split()) > 16:
            break  # a numbered item (not a street number) or a line of running text
        if _ATTENDANCE.match(text):
            break  # the minutes' attendance block
        if LABEL_LINE.match(text) and not _date(text) and not _TIME_LABEL_LINE.match(text):
            continue  # a contact row; not "Time: 2.00 pm" under the date
        out.append(line)
    return out


_HEADING_NOISE = re.compile(
    r"\s*[-–—:]?\s*\b(?:(?:Annual|Ordinary|Extraordinary|Special|Public|Full|Virtual|Remote)\s+)*"
    r"(?:Meeting|Minutes|Agenda)\b.*$",
    re.IGNORECASE,
)


def _body_of_heading(text: str, council: str | None) -> str | None:
    """The body a heading line names: "City of Coral Gables City Commission Meeting" ->
    "City Commission"; "Souldern Parish Council – Annual Meeting of the Parish Council"
    and "Garelochhead Community Council Public Meeting Agenda" -> the council itself (a
    meeting of the whole council)."""
    rest = text
    if council:
        rest = re.sub(re.escape(council), " ", rest, flags=re.IGNORECASE)
    m = _BODY_LINE.match(norm_ws(_HEADING_NOISE.sub("", rest)).strip(" -–—,"))
    if m and not _ABOVE_COUNCIL.match(m["body"]) and not find_date(m["body"]):
        return _clean_body(m["body"])
    if council and _MEETING_WORD.search(text):
        return council
    return None


def _held_their(page: PageLayout) -> _Found | None:
    """ "X Council held their meeting at 7.30pm on the 13th March 2019 at the Reading Room"."""
    text = "\n".join(ln.text for ln in page.lines[:12])
    m = _HELD_THEIR.search(text)
    if not m:
        return None
    tail = _up_to_end(m["tail"])
    found = _Found(body=_clean_body(m["body"]), date=_date(tail), source=MINUTES_HEADER)
    found.time = find_time(tail) if found.date else None
    pm = re.search(r"\d{4},?\s+(?:at|in)\s+(?:the\s+)?(?P<place>[^.;]+)", tail)
    if pm:
        found.place = _clean_place(pm["place"])
    return found if found.date else None


# ------------------------------------------------------------------------ council


def _council_name(text: str) -> str | None:
    """The council a line names outright, title-cased."""
    m = _COUNCIL_UPPER.search(text)
    if m:
        words = m["name"].split()
        while len(words) > 3 and words[0].upper() in _LEAD_WORDS:
            words = words[1:]
        if words[0] not in _TYPE_WORDS and words[0] not in _LEAD_WORDS:
            return title_case(" ".join(words))
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
    m = _COUNCIL_CY.match(text.strip())
    if m:
        return title_case(m["name"])
    return None


def _council(layouts: list[PageLayout], opening: list[PageLayout], prose: bool) -> str | None:
    """The council printed as such in a heading; failing that (``prose``: the file is a
    meeting's paper), one named in an agenda title or again and again in the text."""
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
    for page in opening:
        for line in page.lines[:12]:
            name = _heading_council(line.text)
            if name:
                return name
    if not prose:
        return None
    # failing a heading, a council named in a title on the opening pages (an agenda item's,
    # not a sentence's), or one the pack names again and again
    counts: Counter[str] = Counter()
    titled: set[str] = set()
    opening_numbers = {p.number for p in opening}
    for page in layouts:
        for line in page.lines:
            for m in _COUNCIL_MENTION.finditer(line.text):
                name = m["name"]
                if name.split()[0] in _NOT_NAMES:
                    continue
                counts[name] += 1
                if page.number in opening_numbers and _title_cased(line.text):
                    titled.add(name)
    if len(titled) == 1:
        return titled.pop()
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def council_in_logo(path: str | Path, layouts: list[PageLayout]) -> str | None:
    """A council named in a logo image at the top of the opening page (its text OCRed):
    "Kent County Council" printed only in the emblem of a front sheet or a report."""
    opening = opening_pages(layouts)
    if not opening:
        return None
    from extract.logo import logo_texts  # lazy: only files whose text names no council

    for text in logo_texts(path, opening[0].number):
        name = _council_name(text) or _heading_council(text)
        if name:
            return name
    return None


# ------------------------------------------------------------------------ meeting


def _merge(meeting: Meeting, found: _Found | None, kind: str | None = None) -> None:
    """Fill what is still empty from ``found``; ``kind`` is what the first page opens
    (minutes or a report), whose own header then dates the meeting."""
    if found is None:
        return
    if meeting.date and found.date and found.date != meeting.date:
        return  # another meeting (the minutes of the last one, a letter's date)
    meeting.body = meeting.body or found.body
    if found.date and not meeting.date:
        meeting.date = found.date
        source = found.source
        if kind == "minutes" and source == FRONT_SHEET:
            source = MINUTES_HEADER  # a standalone set of minutes: its title block
        meeting.dated_by = source
    meeting.time = meeting.time or found.time
    meeting.place = meeting.place or found.place


# minutes recording when the meeting began: "The meeting commenced at 7.30 pm", "The Chair
# opened the meeting at 19:00", "Meeting started at 7pm", "The Mayor called the meeting to
# order at 7:00 p.m.", "The Chairman declared the meeting open at 7.30pm"
_STARTED = re.compile(
    r"\b(?i:meeting)\s+(?:was\s+)?(?:began|begun|commenced|opened|started|convened)"
    r"|\bopened\s+the\s+meeting|\b(?i:meeting)\s+was\s+called\s+to\s+order"
    r"|\bcalled\s+the\s+meeting\s+to\s+order|\bdeclared\s+the\s+meeting\s+open"
)
_STARTED_AT = re.compile(
    r"^[^.]{0,40}?(?:\bat\s+|:\s*)(?P<time>\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b\.?|hrs|hours|h\b)?)",
    re.I,
)


def _started_at(page: PageLayout) -> str | None:
    """The start time the minutes record on their first page, in a sentence saying when the
    meeting began (a time elsewhere in the minutes is an item's or the close's)."""
    text = norm_ws(" ".join(ln.text for ln in page.lines[:40]))
    for m in _STARTED.finditer(text):
        at = _STARTED_AT.match(text[m.end() :])
        if at:
            # "7pm", "19:00", "19.00 hrs"; not a bare "7.30" (morning or evening?)
            said = at["time"].strip()
            if re.search(r"[ap]\.?m|hrs|hours|h$", said, re.I) or re.match(r"\d{2}[:.]", said):
                return find_time(said)
    return None


def parse_meeting(layouts: list[PageLayout]) -> Meeting:
    opening = opening_pages(layouts)
    meeting = Meeting()
    if not opening:
        return meeting
    first = opening[0]
    kind = start_kind(first)
    meeting.council = _council(layouts, opening, prose=kind != "other")
    _merge(meeting, _labelled(first), kind)
    for page in opening:
        _merge(meeting, _sentence(page), kind)
        _merge(meeting, _sentence_cy(page), kind)
    _merge(meeting, _held_their(first), kind)
    for page in opening:
        _merge(meeting, _agenda_heading(page), kind)
    for page in opening:
        _merge(meeting, _cover_letter(page), kind)
    _merge(meeting, _report_header(first, kind), kind)
    if first.number == 1:
        _merge(meeting, _heading_block(first, meeting.council), kind)
    if meeting.body and _ABOVE_COUNCIL.match(meeting.body):
        meeting.body = meeting.council
    if kind == "minutes" and meeting.date and not meeting.time:
        meeting.time = _started_at(first)
    if meeting.date is None:
        meeting.time = None  # a time without the date of a meeting is not a meeting's
    return meeting
