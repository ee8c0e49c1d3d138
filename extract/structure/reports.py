"""Officer report -> Report (header table, recommendations, sections).

One document at a time (the PageLayouts of one report). What is read, and how:

* **Header**: "Label: value" rows at the top of the first page, as printed by
  both ModernGov house styles - Hampshire ("Committee[/Panel]:", "Decision
  Maker:", "Date:", "Title:", "Report From:", "Contact name:", "Tel:",
  "Email:", under "Report" or "Decision Report") and Kent ("From:", "To:
  Cabinet - 30 January 2025", "Subject:", "Decision no:", ...). A value
  wraps onto lines in the value column until the next label; wrapped lines
  of one value are joined, separate paragraphs (several "From:" people) are
  joined with "; ". The contact's name is the value before a comma or a
  phone number; Tel and Email are the first phone number / address found
  after their label (a squeezed table can push them onto the next lines).
  "To: <committee> - <date>" gives committee and date when there are no
  rows of their own. With no header rows, the title is the first line.
  ``decision_report`` is true for a "Decision Report" or a report carrying a
  decision number.
* **Sections**: split only at headings - a numbered top-level heading
  ("1. Executive Summary", "2 Background"), a "Recommendation(s)" or
  "Summary:" heading, or a short stand-alone line that reads as a heading
  ("Purpose of this Report", "Integral Appendix A"). Text before the first
  heading is a section with an empty heading. Paragraphs are joined lines
  (hyphenation repaired) separated by newlines.
* **Recommendations**: the first "Recommendation(s)" section. Each paragraph
  with the section's first list label kind ("1.1.", "2.", "(1)", "A.") is one
  recommendation, its text without the label, with anything under it
  (bullets kept as "• ...", sub-clauses, wrapped lines) joined in; a lead-in
  such as "Cabinet is asked to:" is dropped. Without labels, each paragraph
  that is not a lead-in is one recommendation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Contact, Line, PageLayout, Recommendation, Report, Section
from extract.textutil import (
    find_date,
    join_lines,
    line_pitch,
    list_label,
    norm_ws,
    paragraph_break,
    paragraphs,
    right_edge,
)

# ------------------------------------------------------------------ header

_FIELDS: dict[str, str] = {
    "committee/panel": "committee",
    "committee": "committee",
    "decision maker": "committee",
    "meeting": "committee",
    "date": "date",
    "date of meeting": "date",
    "title": "title",
    "title of report": "title",
    "subject": "title",
    "report title": "title",
    "report from": "from",
    "from": "from",
    "report by": "from",
    "contact name": "contact",
    "contact officer": "contact",
    "report author": "author",
    "tel": "tel",
    "telephone": "tel",
    "tel no": "tel",
    "email": "email",
    "e-mail": "email",
    "to": "to",
    "decision no": "decision_no",
    "decision number": "decision_no",
    "key decision": "other",
    "classification": "other",
    "status": "other",
    "past pathway of report": "other",
    "future pathway of report": "other",
    "electoral division": "other",
    "electoral divisions": "other",
    "division": "other",
    "wards affected": "other",
    "is the decision eligible for call-in?": "other",
}
_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(sorted((re.escape(k) for k in _FIELDS), key=len, reverse=True))
    + r")(?:\s*:|(?<=\?))\s*(?P<value>.*)$",
    re.I,
)
_PHONE = re.compile(r"(?<!\w)\+?\(?\d[\d ()\-]{6,}\d(?!\w)")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:[.,][\w-]+)+")
_DECISION_REPORT = re.compile(r"^Decision\s+Report$", re.I)
_COUNCIL_LINE = re.compile(r"^[A-Z][A-Z &'-]+(?:COUNCIL|AUTHORITY)$")


@dataclass(slots=True)
class _Field:
    key: str
    label_x: float
    lines: list[Line] = field(default_factory=list)
    first: str = ""

    def text(self, pitch: float) -> str:
        parts: list[list[str]] = [[self.first]] if self.first else [[]]
        prev: Line | None = None
        for ln in self.lines:
            if prev is not None and paragraph_break(prev, ln, pitch) and parts[-1]:
                parts.append([])
            parts[-1].append(ln.text)
            prev = ln
        return "; ".join(join_lines(p) for p in parts if p)


@dataclass(slots=True)
class _Header:
    fields: dict[str, _Field] = field(default_factory=dict)
    preamble: list[Line] = field(default_factory=list)
    decision_report: bool = False
    end: int = 0  # index of the first body line


def _header(lines: list[Line]) -> _Header:
    head = _Header()
    first_page = lines[0].page if lines else 0
    current: _Field | None = None
    for i, line in enumerate(lines):
        text = line.text.strip()
        m = _LABEL.match(text)
        if m and line.page == first_page:
            key = _FIELDS[m["label"].lower()]
            current = _Field(key, line.bbox[0], first=m["value"].strip())
            head.fields.setdefault(key, current)
            head.end = i + 1
            continue
        if current is None:
            if line.page != first_page or i >= 12:
                break
            head.preamble.append(line)
            if _DECISION_REPORT.match(text):
                head.decision_report = True
            continue
        in_value_column = line.bbox[0] > current.label_x + 40
        squeezed = current.key in ("tel", "email", "contact") and bool(
            _PHONE.fullmatch(text) or _EMAIL.fullmatch(text)
        )
        if line.page == first_page and (in_value_column or squeezed):
            current.lines.append(line)
            head.end = i + 1
            continue
        break
    if not head.fields:
        head.end = 0
    return head


def _contact_name(value: str) -> str | None:
    name = re.split(r",|\s[–—-]\s", value)[0]
    name = _EMAIL.sub("", _PHONE.sub("", name))
    name = norm_ws(name).strip(" -–;")
    return name or None


def _from_to(value: str) -> tuple[str | None, str | None]:
    """ "Cabinet - 30 January 2025" -> ("Cabinet", "2025-01-30")."""
    date = find_date(value)
    committee = re.split(r"\s[-–—]\s|,|\s\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}", value)[0]
    committee = norm_ws(committee).strip(" -–,;")
    return committee or None, date


def _fallback_title(lines: list[Line]) -> str:
    """The first line of the document, with a wrapped second line."""
    for k, line in enumerate(lines[:8]):
        text = line.text.strip()
        if not text or _COUNCIL_LINE.match(text) or re.match(r"^(?:Decision\s+)?Report$", text):
            continue
        if re.match(r"^[A-Z][\w /&'-]{1,30}:\s", text):
            continue  # "Direct Dial/Ext: ...": a cover letter's label, not a title
        parts = [text]
        if k + 1 < len(lines):
            nxt = lines[k + 1].text.strip()
            if (
                text.endswith((",", "-", "–", "and", "of", "for"))
                or nxt[:1].islower()
                or (nxt.lower().startswith(("and ", "& ")))
            ):
                parts.append(nxt)
        return norm_ws(join_lines(parts)).rstrip(" ,")
    return ""


_AUTHOR = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:Report\s+Authors?|Contact\s+Officers?|Contact\s+details)\s*:?\s*(?P<rest>.*)$",
    re.I,
)


def _author_contact(lines: list[Line]) -> Contact | None:
    """Kent style: "Report Author(s):" near the end, name on the next line, then tel/email."""
    for k, line in enumerate(lines):
        m = _AUTHOR.match(line.text.strip())
        if not m:
            continue
        if m["rest"]:
            return None  # a second column beside the label: too tangled to read
        following = [ln.text for ln in lines[k + 1 : k + 7]]
        if not following:
            return None
        if _AUTHOR.match(following[0].strip()):
            continue  # "Contact details" / "Report Authors:": read at the inner label
        name = _contact_name(following[0])
        if name is None or not name[:1].isupper() or len(name.split()) > 5:
            return None
        rest = " ".join(following[:6])
        tel = _PHONE.search(rest)
        email = _EMAIL.search(rest)
        return Contact(
            name, norm_ws(tel.group(0)) if tel else None, email.group(0) if email else None
        )
    return None


# ------------------------------------------------------------------ headings

_REC_HEAD = re.compile(
    r"^(?:\d{1,2}\.?\s*(?:\|\s*)?)?(?P<head>Recommendations?(?:\s*\(s\))?)\s*:?\s*(?P<rest>.*)$",
    re.I,
)
_SUMMARY_HEAD = re.compile(r"^(?P<head>(?:Executive\s+)?Summary)\s*:\s*(?P<rest>.*)$", re.I)
_NUM_HEAD = re.compile(r"^(?P<num>\d{1,2})(?:\.|\s*\|)?\s+(?P<title>[A-Z].*)$")


_FUNCTION_END = re.compile(
    r"\b(?:a|an|the|and|or|of|to|for|by|with|in|on|at|as|from|that|which|is|are|was|were|be|"
    r"will|has|have)$"
)
_MONTH_YEAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{4}\b"
)


_NUMERIC = re.compile(r"^[(£$€+\-–]*\d[\d.,/:]*[%kmbn)]*$")


def _numeric_tokens(text: str) -> int:
    return sum(bool(_NUMERIC.match(w)) for w in text.split())


def _table_row(text: str) -> bool:
    """A line of figures: at least two numbers making up 40% of its words."""
    n = _numeric_tokens(text)
    return n >= 2 and n >= 0.4 * len(text.split()) and list_label(text) is None


def _title_like(text: str) -> bool:
    """A short line that reads as a heading, not a wrapped sentence, table cell or date."""
    text = text.strip()
    if not text or len(text) > 70 or not text[0].isupper():
        return False
    words = text.split()
    if len(words) > 9 or text.endswith((".", ",", ";")):
        return False
    if text.endswith(":") and not text.isupper():
        return False  # "This report seeks to:" introduces a list
    if ":" in text.rstrip(":") or _FUNCTION_END.search(text.rstrip(":—–- ")):
        return False
    if _MONTH_YEAR.search(text):
        return False
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    if letters < 3 or digits > letters / 2 or _table_row(text):
        return False
    if sum(any(c.isdigit() for c in w) and any(c.isalpha() for c in w) for w in words) * 2 >= len(
        words
    ):
        return False  # codes such as "CYPP4", "SH3, SH4"
    return not re.search(r"\b(?:Yes|No|N/A|None)$", text)


def _heading(
    para: list[Line], nxt: list[Line] | None, margin: float, right: float
) -> tuple[str, Line | None] | None:
    """(heading, text on the heading line after it) when the paragraph opens with a heading."""
    first = para[0]
    text = first.text.strip()
    m = _REC_HEAD.match(text)
    if m and (not m["rest"] or m["rest"][:1].isupper()):
        rest = m["rest"].strip()
        head = text[: len(text) - len(m["rest"])].strip().rstrip(":").strip()
        return head, (Line(rest, first.page, first.bbox, first.size) if rest else None)
    m = _SUMMARY_HEAD.match(text)
    if m:
        rest = m["rest"].strip()
        return m["head"], (Line(rest, first.page, first.bbox, first.size) if rest else None)
    # a line standing alone, or stopping short although more text follows it
    alone = len(para) == 1 or list_label(para[1].text) is not None or first.bbox[2] < 0.6 * right
    if not alone or first.bbox[0] > margin + 40:
        return None
    if len(para) > 1:
        nxt = para[1:]
    m = _NUM_HEAD.match(text)
    if m:
        if int(m["num"]) <= 40 and _title_like(m["title"]):
            return text.rstrip(":").strip(), None
        return None
    if list_label(text) is not None or nxt is None:
        return None
    if _table_row(nxt[0].text):
        return None  # the header row of a table
    if first.bbox[0] > margin + 20 and nxt[0].bbox[0] > first.bbox[0] - 20:
        return None  # an indented line followed by more of the same: a table or a list
    last = text.split()[-1]
    if _NUMERIC.match(last) and re.search(r"[.,%£$€()]", last):
        return None  # "Placement pressures 8.6": a table row
    if _title_like(text) and (
        nxt[0].bbox[0] <= first.bbox[0] + 40 or list_label(nxt[0].text) is not None
    ):
        return text.rstrip(":").strip(), None
    return None


@dataclass(slots=True)
class _Sec:
    heading: str
    lines: list[Line] = field(default_factory=list)
    head_page: int | None = None


def _sections(body: list[Line], pitch: float) -> list[_Sec]:
    paras = paragraphs(body, pitch)
    xs = sorted(ln.bbox[0] for ln in body)
    margin = xs[len(xs) // 10] if xs else 0.0
    right = right_edge(body)
    secs: list[_Sec] = []
    for k, para in enumerate(paras):
        h = _heading(para, paras[k + 1] if k + 1 < len(paras) else None, margin, right)
        if h is None:
            if not secs:
                secs.append(_Sec(""))
            secs[-1].lines += para
            continue
        heading, rest = h
        sec = _Sec(heading, head_page=para[0].page)
        if rest is not None:
            sec.lines.append(rest)
        sec.lines += para[1:]
        secs.append(sec)
    return secs


def _para_text(lines: list[Line], pitch: float) -> str:
    return "\n".join(join_lines(ln.text for ln in p) for p in paragraphs(lines, pitch))


# ------------------------------------------------------------------ recommendations


def _recommendations(lines: list[Line], pitch: float) -> list[Recommendation]:
    paras = paragraphs(lines, pitch)
    labels = [list_label(p[0].text) for p in paras]
    top = next((lab.key for lab in labels if lab is not None and lab.kind != "bullet"), None)
    if top is None and any(lab is not None for lab in labels):
        top = ("bullet", "")
    out: list[tuple[int, list[str]]] = []
    if top is None:
        for p in paras:
            text = join_lines(ln.text for ln in p)
            if not text.rstrip().endswith(":"):
                out.append((p[0].page, [text]))
    else:
        for p, lab in zip(paras, labels, strict=True):
            if lab is not None and lab.key == top:
                out.append((p[0].page, [lab.rest, *(ln.text for ln in p[1:])]))
            elif out:
                out[-1][1].extend(ln.text for ln in p)
            # else: a lead-in before the first recommendation ("Cabinet is asked to:")
    recs: list[Recommendation] = []
    for page, parts in out:
        text = join_lines(parts).strip()
        if text:
            recs.append(Recommendation(text, page))
    return recs


# ------------------------------------------------------------------ assembly


def parse_report(layouts: list[PageLayout], agenda_item: str | None) -> Report | None:
    pages = [p for p in layouts if p.lines and not p.blank]
    if not pages:
        return None
    lines = [ln for p in pages for ln in p.lines]
    pitch = line_pitch(lines)
    head = _header(lines)
    values = {key: f.text(pitch) for key, f in head.fields.items()}

    title = values.get("title") or ""
    if not title:
        title = _fallback_title(head.preamble) or _fallback_title(lines[head.end :])
    committee = values.get("committee") or None
    date = find_date(values.get("date", ""))
    to_committee, to_date = _from_to(values.get("to", "")) if "to" in values else (None, None)
    if not head.fields:
        # colon-less cover sheets: "To Cabinet – 30 January 2025", "From Leader ...; Name"
        for line in lines[:25]:
            t = line.text.strip()
            if re.match(r"^To\s+[A-Z]", t) and find_date(t) and to_date is None:
                to_committee, to_date = _from_to(t[3:])
            elif re.match(r"^(?:From|By)\s+[A-Z]", t) and "from" not in values:
                values["from"] = norm_ws(t.split(None, 1)[1])
    committee = committee or to_committee
    date = date or to_date

    contact_raw = values.get("contact", "")
    tel_raw = values.get("tel", "")
    tel = _PHONE.search(tel_raw) or _PHONE.search(contact_raw)
    email_raw = values.get("email", "") + " " + contact_raw + " " + tel_raw
    email = _EMAIL.search(email_raw)
    contact = Contact(
        name=_contact_name(contact_raw) if contact_raw else None,
        tel=norm_ws(tel.group(0)) if tel else None,
        email=email.group(0) if email else None,
    )
    if contact.name is None:
        contact = _author_contact(lines) or contact

    body = lines[head.end :]
    secs = _sections(body, pitch)
    sections: list[Section] = []
    recommendations: list[Recommendation] = []
    for sec in secs:
        spans = [ln.page for ln in sec.lines]
        if sec.head_page is not None:
            spans.append(sec.head_page)
        if not spans:
            continue
        sections.append(
            Section(
                heading=sec.heading,
                text=_para_text(sec.lines, pitch),
                pages=[min(spans), max(spans)],
            )
        )
        if not recommendations and _REC_HEAD.match(sec.heading):
            recommendations = _recommendations(sec.lines, pitch)

    decision_no = values.get("decision_no", "")
    return Report(
        agenda_item=agenda_item or layouts[0].stamp_item,
        title=title,
        date=date,
        report_from=values.get("from") or None,
        contact=contact,
        pages=[pages[0].number, pages[-1].number],
        recommendations=recommendations,
        sections=sections,
        committee=committee,
        decision_report=head.decision_report or bool(re.search(r"\d", decision_no)),
    )
