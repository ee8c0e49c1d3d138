"""Officer report -> Report (header table, recommendations, sections).

One document at a time (the PageLayouts of one report). What is read, and how:

* **Header**: the label-value grid at the top of the first page
  (``extract.structure.header``): one or several "Label: value" pairs to a
  row, or a table printed without colons; labels mean what the header
  vocabulary says (``_FIELDS``: committee/meeting, to, date, title/subject,
  from/report of, contact, tel, email, decision no, key decision). Separate
  entries under one label (several "From:" people) are joined with "; ".
  ``to_body`` is the body the report is addressed to ("Meeting: Cabinet",
  "To: County Council – 9th January 2025", "To: Full Council"); the meeting
  date is taken only beside such a body (``dated_by`` "report_header"). The
  contact is the header's, else a contact block in the body read in its
  label's column ("Contact details", "Report Author | Relevant Director",
  "Lead Officer: X"); a label or a role is never the contact's name. With no
  header the title is the first line that is not the meeting's date line,
  and ``report_from`` the officer signing at the end. ``decision_report`` is
  true for a "Decision Report", a decision number or "Key Decision: Yes".
* **Sections**: split only at headings - a numbered top-level heading
  ("1. Executive Summary", "2 Background"), a "Recommendation(s)" or
  "Summary:" heading, or a short stand-alone line that reads as a heading
  ("Purpose of this Report", "Integral Appendix A"). Text before the first
  heading is a section with an empty heading. Paragraphs are joined lines
  (hyphenation repaired) separated by newlines.
* **Recommendations**: the first "Recommendation(s)" section, or failing one
  the labelled clauses after a lead-in ("Council is recommended to approve:
  -"). Every numbered or lettered clause is one recommendation, nested ones
  included ("2.1 ... (1) ... (2)", "(c) ... (i) ... (ii)"), its text without
  the label, with bullets and wrapped lines under it joined in, over page
  breaks; a clause that only leads in to its sub-clauses ("2.1 Cabinet is
  asked to RECOMMEND that:") and a lead-in before the first clause are
  dropped. Without labels, each paragraph that is not a lead-in is one.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.model import Contact, Line, PageLayout, Recommendation, Report, Section
from extract.pages import cells_of
from extract.structure.header import (
    EMAIL,
    PHONE,
    Grid,
    Pair,
    person_name,
    read_contact_column,
    read_grid,
)
from extract.structure.pagekind import title_case
from extract.textutil import (
    ListLabel,
    body_nouns,
    find_date,
    join_lines,
    line_pitch,
    list_label,
    norm_ws,
    paragraphs,
    right_edge,
)

# ------------------------------------------------------------------ header

# what a header label means; the words councils put before a colon in a report's header
_FIELDS: dict[str, tuple[str, ...]] = {
    "committee": (
        "committee",
        "committee/panel",
        "decision maker",
        "decision maker(s)",
        "decision taker",
        "decision to be taken by",
        "meeting",
        "meeting of",
        "report to",
        "body",
    ),
    "to": ("to", "circulated to"),
    "date": ("date", "date of meeting", "meeting date", "date of decision", "decision date"),
    "title": (
        "title",
        "title of report",
        "subject",
        "report title",
        "report subject",
        "item",
        "title of decision",
        "subject matter / title of decision",
    ),
    "from": ("from", "report from", "report by", "by", "report of", "reporting officer"),
    "contact": (
        "contact name",
        "contact officer",
        "contact officers",
        "contact officer(s)",
        "contact",
        "contact details",
        "lead officer",
        "lead officers",
        "report author",
        "report authors",
        "report author(s)",
        "author",
        "authors",
        "officer contact",
        "enquiries",
        "enquiries to",
    ),
    "tel": ("tel", "telephone", "tel no", "tel. no", "phone", "direct dial", "direct line", "ext"),
    "email": ("email", "e-mail", "e mail", "email address"),
    "decision_no": ("decision no", "decision number", "decision ref", "decision reference"),
    "key_decision": ("key decision", "key decision?"),
    "other": (
        "classification",
        "status",
        "past pathway of report",
        "future pathway of report",
        "electoral division",
        "electoral divisions",
        "division",
        "wards affected",
        "ward",
        "wards",
        "is the decision eligible for call-in?",
        "budget/policy framework",
        "appendices",
        "portfolio",
        "cabinet member",
        "lead member",
        "purpose",
    ),
}
_KEY_FIELD = {label: name for name, labels in _FIELDS.items() for label in labels}
_KNOWN = frozenset(_KEY_FIELD)
_DECISION_REPORT = re.compile(r"^Decision\s+Report$", re.I)
_COUNCIL_LINE = re.compile(
    r"^[A-Z][A-Z &'-]+(?:COUNCIL|AUTHORITY)$"
    # a letterhead in mixed case: "Borsetshire County Council", "London Borough of Ashcombe"
    r"|^(?:[A-Z][\w'’&.-]*\s+){1,4}(?:County\s+|Borough\s+|City\s+|District\s+|Town\s+"
    r"|Parish\s+|Community\s+)?(?:Council|Authority)$"
)
_HEAD_REACH = 12  # a header grid starts within this many lines of the first page


@dataclass(slots=True)
class _Header:
    fields: dict[str, Pair] = field(default_factory=dict)
    preamble: list[Line] = field(default_factory=list)
    decision_report: bool = False
    end: int = 0  # index of the first body line

    def values(self, name: str) -> list[str]:
        pair = self.fields.get(name)
        return pair.values if pair is not None else []


def _addressed_grid(lines: list[Line], pitch: float) -> Grid | None:
    """A header grid lower on the first page (under a contents list, say) that says whom
    the paper is from and the body it goes to ("From ... / Circulated to Cabinet")."""
    grid = read_grid(lines, known=_KNOWN, limit=len(lines), pitch=pitch)
    named = {_KEY_FIELD.get(p.key) for p in grid.pairs}
    if "from" in named and named & {"to", "committee"}:
        return grid
    return None


def _header(lines: list[Line], pitch: float) -> _Header:
    head = _Header()
    first_page = lines[0].page if lines else 0
    opening = [ln for ln in lines[:40] if ln.page == first_page]
    grid: Grid | None = read_grid(opening, known=_KNOWN, limit=len(opening), pitch=pitch)
    if grid is not None and not (grid.pairs and grid.start < _HEAD_REACH):
        opening = [ln for ln in lines if ln.page == first_page]
        grid = _addressed_grid(opening, pitch)
    if grid is not None:
        for pair in grid.pairs:
            name = _KEY_FIELD.get(pair.key)
            if name is not None and pair.values:
                head.fields.setdefault(name, pair)
        head.preamble = opening[: grid.start]
        head.end = grid.end
    else:
        head.preamble = opening[:_HEAD_REACH]
    head.decision_report = any(_DECISION_REPORT.match(ln.text.strip()) for ln in head.preamble)
    return head


def _contact_name(value: str) -> str | None:
    """The person a contact value names: "Karen Haile, Service Delivery Manager" -> "Karen Haile"."""
    name = person_name(value)
    if name is not None:
        return name
    name = re.split(r",|\s[–—-]\s", value)[0]
    name = EMAIL.sub("", PHONE.sub("", name))
    name = norm_ws(name).strip(" -–;")
    # a label or a role ("Author", "Head of Service") is not a name
    return name if name and person_name(name + " X") is not None and len(name.split()) > 1 else None


def _from_to(value: str) -> tuple[str | None, str | None]:
    """ "Cabinet - 30 January 2025" -> ("Cabinet", "2025-01-30")."""
    date = find_date(value)
    committee = re.split(r"\s[-–—]\s|,|\s\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}", value)[0]
    committee = norm_ws(committee).strip(" -–,;")
    return committee or None, date


def _fallback_title(lines: list[Line], body_size: float) -> str:
    """The first line of the document, with a wrapped second line. ``body_size`` is the
    running text's size: a line set larger is a title even when it reads "X: Y"."""
    for k, line in enumerate(lines[:8]):
        text = line.text.strip()
        if not text or _COUNCIL_LINE.match(text) or re.match(r"^(?:Decision\s+)?Report$", text):
            continue
        if find_date(text) and len(text.split()) <= 12:
            continue  # "Town Council Meeting 21 February 2017": the meeting, not the title
        if re.match(r"^[A-Z][\w /&'-]{1,30}:\s", text) and line.size <= 1.15 * body_size:
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


# a contact block in the body: "Contact details", "13. Contact details", "Report Author(s):",
# "Contact Officer", "Lead Officer: Jane Smith" - a label that names the contact's role
_CONTACT_HEAD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?P<label>(?:Report\s+)?Authors?(?:\s*\(s\))?"
    r"|Contact(?:\s+(?:Officers?|details|name|person|for\s+enquiries))?(?:\s*\(s\))?"
    r"|Lead\s+Officers?|Officer\s+contact|Enquiries(?:\s+to)?)\s*(?::|$)",
    re.I,
)


def _header_contact(head: _Header) -> Contact:
    contact_raw = head.fields["contact"].text if "contact" in head.fields else ""
    tel_raw = head.fields["tel"].text if "tel" in head.fields else ""
    email_raw = head.fields["email"].text if "email" in head.fields else ""
    tel = PHONE.search(EMAIL.sub("", tel_raw)) or PHONE.search(EMAIL.sub("", contact_raw))
    email = EMAIL.search(f"{email_raw} {contact_raw} {tel_raw}")
    return Contact(
        name=_contact_name(head.values("contact")[0]) if contact_raw else None,
        tel=norm_ws(tel.group(0)) if tel else None,
        email=email.group(0) if email else None,
    )


def _body_contact(lines: list[Line]) -> Contact | None:
    """A contact block in the body, read in the column of its label."""
    for k, line in enumerate(lines):
        cells = cells_of(line)
        m = _CONTACT_HEAD.match(cells[0][2].strip())
        if not m:
            continue
        rest = cells[0][2][m.end() :].strip()
        x0 = cells[0][0]
        x1 = max(ln.bbox[2] for ln in lines) + 1
        if len(cells) > 1:
            if not rest and person_name(cells[1][2]) is not None:
                rest = cells[1][2]  # "Lead Officer:   Jane Smith, Head of Service"
            else:
                x1 = cells[1][0]  # a second column: "Report Author | Relevant Director"
        start = k + 1
        if not rest and k + 1 < len(lines):
            inner = cells_of(lines[k + 1])
            if _CONTACT_HEAD.match(inner[0][2].strip()):
                continue  # "Contact details" over "Report Authors:": read at the inner label
        block = read_contact_column(lines, start, x0, x1)
        name = _contact_name(rest) if rest else block.name
        if rest and (block.tel is None and block.email is None):
            tel = PHONE.search(EMAIL.sub("", rest))
            email = EMAIL.search(rest)
            block.tel = norm_ws(tel.group(0)) if tel else None
            block.email = email.group(0) if email else None
        if name or block.tel or block.email:
            return Contact(name, block.tel, block.email)
    return None


# ------------------------------------------------------------------ headings

_REC_HEAD = re.compile(
    r"^(?:\d{1,2}(?:\.0)?\.?\s*(?:\|\s*)?)?(?P<head>Recommendations?(?:\s*\(s\))?)\s*:?\s*"
    r"(?P<rest>.*)$",
    re.I,
)
_SUMMARY_HEAD = re.compile(r"^(?P<head>(?:Executive\s+)?Summary)\s*:\s*(?P<rest>.*)$", re.I)
# "2 Background", "2. Background", "2.0 Background", "2 | Background"
_NUM_HEAD = re.compile(r"^(?P<num>\d{1,2})(?:\.0)?(?:\.|\s*\|)?\s+(?P<title>[A-Z].*)$")


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


@dataclass(slots=True)
class _Clause:
    depth: int
    page: int
    parts: list[str]
    parent: int | None = None  # index of the enclosing clause
    has_children: bool = False

    @property
    def text(self) -> str:
        return join_lines(self.parts).strip()


def _clause_key(lab: ListLabel, last: dict[tuple[str, str], str]) -> tuple[str, str]:
    """The label's kind, reading "(i)"/"(v)"/"(x)" as roman unless it follows "(h)"/"(u)"/"(w)"."""
    if lab.kind == "alpha" and lab.value in "ivxIVX":
        before = last.get(lab.key)
        if before is None or ord(before) != ord(lab.value) - 1:
            return ("roman", lab.style)
    return lab.key


def _clauses(paras: list[list[Line]], labels: list[ListLabel | None]) -> list[_Clause]:
    """Numbered/lettered clauses, nested by label kind: a kind not seen yet opens a level
    under the current clause; a kind seen before closes the levels below it. Bullets and
    unlabelled paragraphs go on with the clause above them (a lead-in before the first
    clause is dropped)."""
    clauses: list[_Clause] = []
    stack: list[tuple[str, str]] = []
    open_at: list[int] = []  # index of the latest clause at each depth
    last: dict[tuple[str, str], str] = {}
    for p, lab in zip(paras, labels, strict=True):
        rest = [ln.text for ln in p[1:]]
        if lab is None or lab.kind == "bullet":
            if clauses:
                clauses[-1].parts += [ln.text for ln in p]
            continue
        key = _clause_key(lab, last)
        last[lab.key] = lab.value
        if key in stack:
            depth = stack.index(key)
            del stack[depth + 1 :]
        else:
            stack.append(key)
            depth = len(stack) - 1
        del open_at[depth:]
        parent = open_at[-1] if open_at else None
        if parent is not None:
            clauses[parent].has_children = True
        open_at.append(len(clauses))
        clauses.append(_Clause(depth, p[0].page, [lab.rest, *rest], parent))
    return clauses


def _recommendations(lines: list[Line], pitch: float) -> list[Recommendation]:
    """One Recommendation per clause, nested clauses included; a clause that only leads in
    to its sub-clauses ("2.1 Cabinet is asked to RECOMMEND that:") is not one itself."""
    paras = paragraphs(lines, pitch)
    labels = [list_label(p[0].text) for p in paras]
    out: list[tuple[int, list[str]]] = []
    if any(lab is not None and lab.kind != "bullet" for lab in labels):
        for clause in _clauses(paras, labels):
            if clause.has_children and clause.text.endswith((":", ":-", ": -", "–", "-")):
                continue
            out.append((clause.page, clause.parts))
    elif any(lab is not None for lab in labels):
        for p, lab in zip(paras, labels, strict=True):
            if lab is not None:
                out.append((p[0].page, [lab.rest, *(ln.text for ln in p[1:])]))
            elif out:
                out[-1][1].extend(ln.text for ln in p)
            # else: a lead-in before the first recommendation ("Cabinet is asked to:")
    else:
        for p in paras:
            text = join_lines(ln.text for ln in p)
            if not text.rstrip().endswith(":"):
                out.append((p[0].page, [text]))
    recs: list[Recommendation] = []
    for page, parts in out:
        text = join_lines(parts).strip()
        if text:
            recs.append(Recommendation(text, page))
    return recs


# a paragraph that introduces recommended clauses without a heading of their own:
# "Council is recommended to approve: -", "Members are asked to:", "It is recommended that:"
_LEAD_IN = re.compile(
    r"\b(?:is|are)\s+(?:recommended|asked|requested|invited)\s+to\b"
    r"|\bit\s+is\s+recommended\s+that\b|\brecommends?\s+that\b",
    re.IGNORECASE,
)
_LEADS_ON = (":", ":-", ": -", "–", "-", "that")


def _lead_in(text: str) -> bool:
    text = text.strip()
    return bool(_LEAD_IN.search(text)) and text.endswith(_LEADS_ON) and len(text) < 200


def _lead_in_recommendations(body: list[Line], pitch: float) -> list[Recommendation]:
    """Recommendations with no heading: the labelled clauses after a lead-in paragraph."""
    paras = paragraphs(body, pitch)
    for k, para in enumerate(paras):
        if not _lead_in(join_lines(ln.text for ln in para)):
            continue
        clauses: list[Line] = []
        for nxt in paras[k + 1 :]:
            if list_label(nxt[0].text) is None:
                break
            if clauses and nxt[0].bbox[0] < clauses[0].bbox[0] - 5:
                break  # a numbered heading back at the margin: the next section
            clauses += nxt
        if clauses:
            return _recommendations(clauses, pitch)
    return []


def recommends(lines: list[Line]) -> bool:
    """Whether these lines (a paper's opening pages) carry recommendations: a
    "Recommendation(s)" heading or a lead-in to recommended clauses."""
    for line in lines:
        text = line.text.strip()
        m = _REC_HEAD.match(text)
        if m and len(text) <= 40 and not m["rest"]:
            return True
        if _lead_in(text):
            return True
    return False


# ------------------------------------------------------------------ assembly


_ROLE_LINE = re.compile(
    r"\b(?:Clerk|Officer|Director|Manager|Head|Chief|Executive|Secretary|Treasurer|Leader"
    r"|Member|Lead|Advisor|Adviser|Counsel|Solicitor)\b"
)


def _signature(lines: list[Line]) -> str | None:
    """The officer who signs the report at its end: a name line over a role line
    ("Jane Example" / "Acting Town Clerk")."""
    tail = lines[-12:]
    for k in range(len(tail) - 2, -1, -1):
        name = person_name(tail[k].text)
        if name is None or name != tail[k].text.strip():
            continue
        role = tail[k + 1].text.strip()
        if _ROLE_LINE.search(role) and len(role.split()) <= 8 and not find_date(role):
            return f"{name}, {role}"
    return None


def _addressee(
    head: _Header, lines: list[Line], heading: bool = True
) -> tuple[str | None, str | None]:
    """(body, meeting date) the header addresses the report to.

    From a "Committee:"/"Meeting:"/"Decision Maker:" row with a "Date:" row, or from
    "To: County Council – 13 March 2025" ("To: Full Council" names a body, no date). A
    date is taken only beside a body named as the report's addressee: a "Date:" row
    alone is a letter's or a document's date, not a meeting's.
    """
    committee = next(iter(head.values("committee")), None)
    committee, date_beside = _from_to(committee) if committee else (None, None)
    to_body = to_date = None
    if "to" in head.fields:
        to_body, to_date = _from_to(head.values("to")[0])
    elif not head.fields:
        # colon-less cover sheets: "To Cabinet – 30 January 2025"
        for line in lines[:25]:
            t = line.text.strip()
            if re.match(r"^To\s+[A-Z]", t) and find_date(t):
                to_body, to_date = _from_to(t[3:])
                break
    body = committee or to_body
    if body is None:
        return _heading_addressee(head.preamble[:6]) if heading else (None, None)
    dates = [find_date(v) for v in head.values("date")]
    date = next((d for d in dates if d), None) or date_beside or to_date
    return body, date


# a heading over the title naming the meeting the report goes to: "CABINET – 11 MARCH 2026",
# "Children's Services Scrutiny Committee, 15 January 2024", "Town Council Meeting 21 May 2024"
_BODY_DATE = re.compile(
    rf"^(?P<body>(?:[A-Z][\w'’&-]*\s+){{0,5}}?(?i:{body_nouns()}))(?:\s+(?i:meeting))?"
    r"\s*(?:[-–—,:]\s*)?"
    r"(?P<rest>\S.*)$"
)


def _heading_addressee(lines: Sequence[Line]) -> tuple[str | None, str | None]:
    """(body, date) from a short heading line that names a body and a date and nothing else."""
    for line in lines:
        text = norm_ws(line.text)
        m = _BODY_DATE.match(text)
        if not m or len(text.split()) > 12:
            continue
        rest = m["rest"]
        date = find_date(rest)
        # the rest of the line is the date (a weekday before it at most), not a title
        if date and len(rest.split()) <= 5 and re.search(r"\d{4}$", rest):
            return title_case(m["body"]), date
    return None, None


def has_report_header(lines: Sequence[Line]) -> bool:
    """A header grid of at least three report fields (title, body, date, author, contact),
    printed with colons or as a table without them, that says what the paper is about or
    who wrote it: a front sheet's "Meeting: / Date: / Time: / Enquiries to:" lines name a
    body, a date and a contact too, but no subject and no author."""
    if not lines:
        return False
    grid = read_grid(list(lines), known=_KNOWN, limit=len(lines))
    named = {_KEY_FIELD.get(p.key) for p in grid.pairs} - {None, "other"}
    return (
        grid.start < _HEAD_REACH
        and len(named) >= 3
        and bool(named & {"title", "committee"})
        and bool(named & {"title", "from"})
    )


def has_addressed_header(lines: Sequence[Line]) -> bool:
    """A header grid anywhere on a first page naming whom the paper is from and the body it
    goes to (a report's header printed under its contents list)."""
    lines = list(lines)
    return bool(lines) and _addressed_grid(lines, line_pitch(lines)) is not None


def report_addressee(lines: list[Line], heading: bool = True) -> tuple[str | None, str | None]:
    """(body, meeting date) named by the header at the top of ``lines`` (a first page);
    ``heading``: also by a "<BODY> – <DATE>" heading over the title (on a page known to open
    a report: over minutes or an agenda, that line is their own title block)."""
    if not lines:
        return None, None
    return _addressee(_header(lines, line_pitch(lines)), lines, heading)


def _title_below_label(lines: list[Line]) -> str | None:
    """A title label printed alone on its line, the title on the next one ("Subject Matter /
    Title of Decision" over "Commissioning Plan ...")."""
    for line, nxt in zip(lines, lines[1:], strict=False):
        key = " ".join(line.text.strip().rstrip(":").lower().split())
        if _KEY_FIELD.get(key) == "title" and len(key.split()) >= 2 and nxt.page == line.page:
            text = nxt.text.strip()
            if text and not re.match(r"^[A-Z][A-Za-z/&() ]{0,30}?\s?:(?:\s|$)", text):
                return text  # not the next label
    return None


def parse_report(layouts: list[PageLayout], agenda_item: str | None) -> Report | None:
    pages = [p for p in layouts if p.lines and not p.blank]
    if not pages:
        return None
    lines = [ln for p in pages for ln in p.lines]
    pitch = line_pitch(lines)
    head = _header(lines, pitch)
    title = " ".join(head.values("title")) or _title_below_label(lines[:40])
    if not title:
        body_size = statistics.median(ln.size for ln in lines) if lines else 0.0
        title = _fallback_title(head.preamble, body_size) or _fallback_title(
            lines[head.end :], body_size
        )
    committee, date = _addressee(head, lines)
    froms = head.values("from")
    report_from = "; ".join(froms) if froms else None
    if not head.fields:
        # colon-less cover sheets: "From Leader ...; Name"
        for line in lines[:25]:
            t = line.text.strip()
            if re.match(r"^(?:From|By)\s+[A-Z]", t) and report_from is None:
                report_from = norm_ws(t.split(None, 1)[1])
    if report_from is None:
        report_from = _signature(lines)
    contact = _header_contact(head)
    if contact.name is None:
        contact = _body_contact(lines[head.end :]) or contact

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
    if not recommendations:
        recommendations = _lead_in_recommendations(body, pitch)

    decision_no = " ".join(head.values("decision_no"))
    return Report(
        agenda_item=agenda_item or layouts[0].stamp_item,
        title=title,
        date=date,
        report_from=report_from,
        contact=contact,
        pages=[pages[0].number, pages[-1].number],
        recommendations=recommendations,
        sections=sections,
        committee=committee,
        decision_report=head.decision_report
        or bool(re.search(r"\d", decision_no))
        or any(v.lower().startswith("yes") for v in head.values("key_decision")),
        to_body=committee,
        dated_by="report_header" if date else None,
    )
