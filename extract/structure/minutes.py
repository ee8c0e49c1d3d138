"""Minutes document -> Minutes (recorded date, attendance, items, resolutions).

One document at a time: the PageLayouts of the minutes an agenda item
confirms. What is read, and how:

* **Opening** (everything before the first minute item): the body from
  "... meeting of [the] <body> of <COUNCIL>/held ..." and the date of the
  meeting *recorded* (the first date written in the opening, never the date
  of the pack that carries it).
* **Attendance**, two house styles:
  - marker rows ("p Councillor A B p Councillor C D", "a ..." absent, "*"
    present): a name without a marker in a block that uses markers was not
    recorded present (``present=False``); a "Chairman:" row names the chair.
    Marker-less columns ("Dan Busby Shannon Nicholls") are split before each
    title (Councillor, Mr, ...) or, with no titles, into two-word names.
  - label paragraphs ("PRESENT:", "ALSO PRESENT:", "IN ATTENDANCE:" ->
    present; "APOLOGIES:" -> absent): names split on commas and "and"
    outside brackets, "(role)" kept as the role, "(Chairman)"/"(in the
    chair)" names the chair, honours (OBE, MBE, ...) dropped.
* **Items**: a line at the left margin starting with a minute number whose
  title is upper case ("28. APOLOGIES FOR ABSENCE"), or is followed by an
  "(Item N)" line (title may wrap until it), or is "N. Title: text". Minute
  numbers only grow, which keeps numbered paragraphs inside an item
  ("1. Mr Gough ...") from being read as items.
* **Resolutions**: "Resolved:"/"RESOLVED that" anywhere in an item, also
  mid-line. A resolution that introduces clauses (i./ii., (a)/(b), 1./2.)
  gives one Resolution per clause, the clause text verbatim without its
  label, on the page where the clause starts; otherwise the resolution runs
  to the end of its paragraph. Sub-headings between clauses are dropped.

Text is joined per paragraph (line breaks joined, hyphenation repaired);
paragraphs of an item are separated by a newline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Attendee, Line, MinuteItem, Minutes, PageLayout, Resolution
from extract.textutil import (
    DATE_RE,
    ListLabel,
    find_date,
    join_lines,
    line_pitch,
    list_label,
    norm_ws,
    paragraph_break,
    right_edge,
)

# ------------------------------------------------------------------ item heads

_HEAD = re.compile(r"^(?P<num>\d{1,4})(?P<dot>\.?)\s+(?P<rest>\S.*)$")
_ITEM_REF = re.compile(r"\(\s*(?:Agenda\s+)?Item\s+(?P<ref>[0-9]+[A-Za-z]?(?:\.\d+)?)\s*\)", re.I)
_ITEM_REF_LINE = re.compile(r"^\s*" + _ITEM_REF.pattern + r"\s*$", re.I)
DATE_START = re.compile(r"^(?:" + DATE_RE.pattern[2:] + ")", re.I)
_CLOSING = re.compile(
    r"^(?:(?:Chairman|Chairperson|Chair|Mayor)\s*(?:,.*)?|Signed\b.*|Dated?\s*:?\s*[.…_]{3,}.*"
    r"|[.…_\s]{3,}.*)$",
    re.I,
)


@dataclass(slots=True)
class _Head:
    index: int  # line index of the heading
    body: int  # index of the first body line
    number: str
    title: str
    agenda_item: str | None
    first_text: Line | None = None  # text after "Title:" on the heading line


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def _left_margin(lines: list[Line]) -> float:
    xs = sorted(ln.bbox[0] for ln in lines)
    return xs[len(xs) // 10] if xs else 0.0


def _colon_title(rest: str) -> tuple[str, str] | None:
    """ "Apologies for absence: Cllr Shewell." -> ("Apologies for absence", "Cllr Shewell.")."""
    m = re.match(r"^(?P<title>[^:,;]{2,70}?)\s*:-?\s*(?P<text>.*)$", rest)
    if not m:
        return None
    title = m["title"].strip()
    words = title.split()
    if not words or len(words) > 10 or not title[0].isupper():
        return None
    if words[0].lower() in {"that", "it", "we"}:
        return None
    return title, m["text"].strip()


def _find_heads(lines: list[Line], pitch: float) -> list[_Head]:
    margin = _left_margin(lines)
    right = right_edge(lines)
    heads: list[_Head] = []
    prev: int | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _HEAD.match(line.text.strip())
        if not m or line.bbox[0] > margin + 15:
            i += 1
            continue
        num = int(m["num"])
        rest = m["rest"].strip()
        if DATE_START.match(line.text.strip()):
            i += 1  # "24 SEPTEMBER 2009": a date, not minute 24
            continue
        ref: str | None = None
        title_parts = [rest]
        body = i + 1
        kind = ""
        first_text: Line | None = None
        r = _ITEM_REF.search(rest)
        if r and r.end() >= len(rest.rstrip()) - 1:
            ref = r["ref"]
            title_parts = [rest[: r.start()].strip()]
            kind = "strong"
        if not kind:
            # "(Item N)" on one of the next lines; the title wraps until it
            for k in range(i + 1, min(i + 4, len(lines))):
                nxt = lines[k]
                rm = _ITEM_REF_LINE.match(nxt.text)
                if rm:
                    ref = rm["ref"]
                    title_parts += [ln.text for ln in lines[i + 1 : k]]
                    body = k + 1
                    kind = "strong"
                    break
                if _HEAD.match(nxt.text.strip()) or nxt.page != line.page:
                    break
        if not kind and _upper_ratio(rest) >= 0.9:
            kind = "strong"
            # an upper-case title wrapping (from a full line) onto upper-case lines
            k = i + 1
            while k < len(lines) and ref is None:
                nxt, last = lines[k], lines[k - 1]
                rm = _ITEM_REF_LINE.match(nxt.text)
                if rm and nxt.page == line.page:
                    ref = rm["ref"]
                    k += 1
                    break
                cont = _ITEM_REF.sub("", nxt.text).strip()
                if (
                    nxt.page != line.page
                    or last.bbox[2] < 0.8 * right
                    or paragraph_break(last, nxt, pitch)
                    or _HEAD.match(nxt.text.strip())
                    or not (_upper_ratio(cont) >= 0.9 or not any(c.islower() for c in cont))
                ):
                    break
                r2 = _ITEM_REF.search(nxt.text)
                if r2:
                    ref = r2["ref"]
                title_parts.append(cont)
                k += 1
            body = k
        if not kind and m["dot"]:
            split = _colon_title(rest)
            if split:
                kind = "weak"
                title_parts = [split[0]]
                if split[1]:
                    first_text = Line(split[1], line.page, line.bbox, line.size)
            elif prev is not None and line.bbox[0] <= margin + 6:
                kind = "plain"
        accept = False
        if kind in ("strong", "weak"):
            accept = prev is None or num > prev
        elif kind == "plain":
            accept = prev is not None and prev < num <= prev + 2
        if not accept:
            i += 1
            continue
        if ref is None:
            r = _ITEM_REF.search(" ".join(title_parts))
            if r:
                ref = r["ref"]
        title = norm_ws(_ITEM_REF.sub("", join_lines(title_parts))).rstrip(" :-–")
        heads.append(_Head(i, body, str(num), title, ref, first_text))
        prev = num
        i = body
    return heads


# ------------------------------------------------------------------ attendance

_TITLES = (
    "Councillor|Cllr|County Councillor|Mr|Mrs|Ms|Miss|Mx|Dr|Professor|Prof|Sir|Dame|Lord|Lady|Rev"
)
_TITLE_SPLIT = re.compile(r"\s+(?=(?:" + _TITLES + r")\.?\s+[A-Z])")
_HONOURS = re.compile(r"^(?:OBE|CBE|MBE|KBE|DBE|BEM|JP|DL|MP|QC|KC|CB|CVO|LVO|PhD|FRS)\.?$")
_MARKER_LINE = re.compile(r"^(?:(?P<label>[A-Z][A-Za-z \-]{2,30}):\s*)?(?P<m>[pa*])\s+(?=[A-Z])")
_MARKER_SPLIT = re.compile(r"(?:^|\s)([pa*])\s+(?=[A-Z])")
_GROUP_WORDS = re.compile(
    r"\b(?:members?|present|attendance|officers?|co-opted|apologies|absent)\b", re.I
)
_ATTEND_LABEL = re.compile(
    r"^(?P<label>PRESENT|ALSO\s+PRESENT|(?:ALSO\s+)?IN\s+ATTENDANCE(?:\s+VIRTUALLY)?"
    r"|OFFICERS(?:\s+PRESENT)?|STAFF|APOLOGIES(?:\s+FOR\s+ABSENCE)?|REGRETS|ABSENT)"
    r"\s*:\s*(?P<rest>.*)$",
    re.I,
)
_CHAIR_ROLE = re.compile(r"^(?:Chairman|Chair|Chairperson|in the chair)$", re.I)
_IN_CHAIR = re.compile(r"\s+\(?in the chair\)?$", re.I)


def _split_unmarked(text: str) -> list[str]:
    """Names in one row without markers: split before each title, else two words each."""
    text = norm_ws(text)
    if not text:
        return []
    parts = [p for p in _TITLE_SPLIT.split(text) if p.strip()]
    if len(parts) > 1:
        return [p.strip() for p in parts]
    words = text.split()
    if re.match(r"^(?:" + _TITLES + r")\b", text):
        return [text]
    if len(words) >= 4 and len(words) % 2 == 0 and all(w[:1].isupper() for w in words):
        return [" ".join(words[k : k + 2]) for k in range(0, len(words), 2)]
    return [text]


def _looks_like_names(text: str) -> bool:
    words = text.split()
    if len(words) < 2 or ":" in text or _GROUP_WORDS.search(text):
        return False
    return all(w[:1].isupper() or w in {"de", "van", "von", "der", "da", "le"} for w in words)


def _marker_attendance(lines: list[Line]) -> tuple[list[Attendee], str | None]:
    people: list[Attendee] = []
    chairman: str | None = None
    started = False
    for line in lines:
        text = line.text.strip()
        mm = _MARKER_LINE.match(text)
        if mm:
            started = True
        if not started:
            continue
        role: str | None = None
        if mm and mm["label"]:
            role = mm["label"].strip()
            text = text[mm.start("m") :]
        if _MARKER_SPLIT.match(text):
            pieces = _MARKER_SPLIT.split(text)
            # ['', 'p', 'Councillor A B', 'p', 'Councillor C D']
            lead = pieces[0].strip()
            if lead:
                people += [Attendee(n, False) for n in _split_unmarked(lead)]
            for k in range(1, len(pieces) - 1, 2):
                marker, names = pieces[k], _split_unmarked(pieces[k + 1])
                for j, name in enumerate(names):
                    present = j == 0 and marker in ("p", "*")
                    person = Attendee(name, present, role if (j == 0 and k == 1) else None)
                    people.append(person)
                    if person.role and _CHAIR_ROLE.match(person.role) and chairman is None:
                        chairman = name
        elif _looks_like_names(text):
            people += [Attendee(n, False) for n in _split_unmarked(text)]
    return people, chairman


def _split_top(text: str) -> list[str]:
    """Split on commas and " and " outside brackets."""
    parts: list[str] = []
    depth = 0
    cur = ""
    i = 0
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        if depth == 0 and c in ",;":
            parts.append(cur)
            cur = ""
            i += 1
            continue
        if depth == 0 and text.startswith(" and ", i):
            parts.append(cur)
            cur = ""
            i += 5
            continue
        cur += c
        i += 1
    parts.append(cur)
    return [norm_ws(p) for p in parts if norm_ws(p)]


def _label_attendance(text: str, present: bool) -> tuple[list[Attendee], str | None]:
    people: list[Attendee] = []
    chairman: str | None = None
    for raw in _split_top(text.rstrip(". ")):
        piece = re.sub(r"^(?:and|&)\s+", "", raw).strip().rstrip(".")
        if not piece:
            continue
        if _HONOURS.match(piece):
            continue  # "Mr R C Love, OBE": the honour after the name's comma
        role: str | None = None
        m = re.match(r"^(?P<name>.*?)\s*\((?P<role>[^()]*(?:\([^()]*\)[^()]*)*)\)$", piece)
        if m and m["name"]:
            piece, role = m["name"].strip(), norm_ws(m["role"])
        elif _IN_CHAIR.search(piece):
            piece, role = _IN_CHAIR.sub("", piece).strip(), "in the chair"
        piece = re.sub(r"^(?:Councillors|Cllrs)\s+", "", piece)
        if not piece or not piece[0].isupper():
            continue  # "the Clerk", fragments
        if role and _CHAIR_ROLE.match(role):
            role = "Chairman" if role.lower() == "in the chair" else role
            if chairman is None:
                chairman = piece
        people.append(Attendee(piece, present, role))
    return people, chairman


def _attendance(pre: list[Line], pitch: float) -> tuple[list[Attendee], str | None]:
    if any(_MARKER_LINE.match(ln.text.strip()) for ln in pre):
        return _marker_attendance(pre)
    people: list[Attendee] = []
    chairman: str | None = None
    k = 0
    while k < len(pre):
        m = _ATTEND_LABEL.match(pre[k].text.strip())
        if not m:
            k += 1
            continue
        label = m["label"].upper()
        parts = [m["rest"]]
        j = k + 1
        while (
            j < len(pre)
            and not _ATTEND_LABEL.match(pre[j].text.strip())
            and not paragraph_break(pre[j - 1], pre[j], pitch)
        ):
            parts.append(pre[j].text)
            j += 1
        absent = label.startswith(("APOLOGIES", "REGRETS", "ABSENT"))
        found, chair = _label_attendance(join_lines(parts), not absent)
        people += found
        if label == "PRESENT" or chairman is None:
            chairman = chairman or chair
        k = j
    return people, chairman


# ------------------------------------------------------------------ opening

_MEETING_OF = re.compile(
    r"\b(?i:meeting\s+of)\s+(?:(?i:the)\s+)?(?P<body>.+?)\s+"
    r"(?:of\s+[A-Z][A-Z .&'-]*[A-Z]\b|(?i:(?:was\s+)?held)\b)"
)


def _opening(pre: list[Line]) -> tuple[str | None, str | None]:
    """(body, date) from the opening lines before attendance and items."""
    stop = len(pre)
    for k, ln in enumerate(pre):
        t = ln.text.strip()
        if _MARKER_LINE.match(t) or _ATTEND_LABEL.match(t):
            stop = k
            break
    head = join_lines(ln.text for ln in pre[:stop])
    body: str | None = None
    m = _MEETING_OF.search(head)
    if m:
        cand = norm_ws(m["body"])
        if not re.match(r"^(?:above|said|aforementioned)\b", cand, re.I) and len(cand) < 80:
            body = cand
    date = find_date(head) or find_date(join_lines(ln.text for ln in pre))
    return body, date


# ------------------------------------------------------------------ resolutions

_RESOLVED = re.compile(
    r"(?<![A-Za-z])(?:BE\s+IT\s+)?(?P<kw>RESOLVED|Resolved)\b(?P<tail>\s*[:\-–—]?\s*)(?P<next>\S*)"
)


def _resolved_at(text: str) -> re.Match[str] | None:
    for m in _RESOLVED.finditer(text):
        if m["kw"] == "RESOLVED":
            return m
        if ":" in m["tail"] or "-" in m["tail"] or "–" in m["tail"]:
            return m
        if m["next"].lower().rstrip(",") in {"that", "to"}:
            return m
    return None


@dataclass(slots=True)
class _Clause:
    label: ListLabel
    x: float
    page: int
    first: str  # the clause's first line as printed, label included
    lines: list[str] = field(default_factory=list)  # text without the label


def _top_key(clauses: list[_Clause]) -> tuple[str, str]:
    first = clauses[0].label
    if (
        first.kind == "alpha"
        and first.value.lower() == "i"
        and any(c.label.kind == "roman" and c.label.style == first.style for c in clauses[1:])
    ):
        return ("roman", first.style)
    return first.key


def _clause_key(label: ListLabel, top: tuple[str, str]) -> tuple[str, str]:
    if top[0] == "roman" and label.kind == "alpha" and label.value.lower() == "i":
        return ("roman", label.style)
    return label.key


def _split_clauses(clauses: list[_Clause]) -> list[Resolution]:
    """One Resolution per top-level clause; nested clauses stay in their parent's text."""
    top = _top_key(clauses)
    merged: list[_Clause] = []
    for c in clauses:
        if not merged or _clause_key(c.label, top) == top:
            merged.append(c)
        else:
            merged[-1].lines += [c.first, *c.lines[1:]]
    out: list[Resolution] = []
    for c in merged:
        text = join_lines(c.lines).strip()
        if text:
            out.append(Resolution(text, c.page))
    return out


def _resolutions(body: list[Line], pitch: float) -> list[Resolution]:
    out: list[Resolution] = []
    k = 0
    while k < len(body):
        line = body[k]
        m = _resolved_at(line.text)
        if not m:
            k += 1
            continue
        own = list_label(line.text)
        if own is not None and m.start() > len(line.text) - len(own.rest) + 2:
            own = None  # the label belongs to text before the marker
        lead = [line.text[m.start("next") :]] if m["next"] else []
        clauses: list[_Clause] = []
        inline = list_label(lead[0]) if lead else None
        if inline is not None and inline.kind != "bullet":
            # "RESOLVED: (A) That ..." - the first clause starts on the marker line
            x = line.bbox[0] + (line.bbox[2] - line.bbox[0]) * m.start("next") / len(line.text)
            clauses.append(_Clause(inline, x, line.page, lead[0], [inline.rest]))
            lead = []
        skipping = False  # inside a sub-heading or lead-in between clauses
        j = k + 1
        prev = line
        while j < len(body):
            nxt = body[j]
            again = _resolved_at(nxt.text)
            if again is not None and again.start() < 12:
                break  # the next resolution
            lab = list_label(nxt.text)
            if own and lab and lab.key == own.key and abs(nxt.bbox[0] - line.bbox[0]) < 8:
                break  # the next paragraph at the resolution's own level
            gap = paragraph_break(prev, nxt, pitch)
            if lab is not None and (lab.kind != "bullet" or clauses):
                clauses.append(_Clause(lab, nxt.bbox[0], nxt.page, nxt.text, [lab.rest]))
                skipping = False
            elif lab is not None:
                lead.append(nxt.text)  # a bullet list under a single resolution
            elif clauses:
                hanging = nxt.bbox[0] > clauses[-1].x + 5
                if hanging or (not gap and not skipping):
                    clauses[-1].lines.append(nxt.text)
                elif not own:
                    break
                else:
                    skipping = True  # "In addition:", "This Council agrees to:" - dropped
            elif not gap or own or lead and lead[-1].rstrip().endswith(":"):
                lead.append(nxt.text)
            else:
                break
            prev = nxt
            j += 1
        if clauses:
            out += _split_clauses(clauses)
        else:
            text = join_lines(lead).strip().lstrip(":-– ")
            if text:
                out.append(Resolution(text, line.page))
        k = j
    return out


# ------------------------------------------------------------------ assembly


def _strip_closing(lines: list[Line]) -> list[Line]:
    """Drop the signature block at the end ("Chairman, <Body>", "Signed ...")."""
    end = len(lines)
    while end > 0:
        t = lines[end - 1].text.strip()
        if len(t) < 80 and _CLOSING.match(t):
            end -= 1
            continue
        break
    return lines[:end]


def _text(lines: list[Line], pitch: float) -> str:
    paras: list[list[str]] = []
    prev: Line | None = None
    for ln in lines:
        if prev is None or paragraph_break(prev, ln, pitch) or list_label(ln.text):
            paras.append([ln.text])
        else:
            paras[-1].append(ln.text)
        prev = ln
    return "\n".join(join_lines(p) for p in paras)


def parse_minutes(layouts: list[PageLayout], agenda_item: str | None) -> Minutes | None:
    pages = [p for p in layouts if p.lines and not p.blank]
    if not pages:
        return None
    lines = [ln for p in pages for ln in p.lines]
    pitch = line_pitch(lines)
    heads = _find_heads(lines, pitch)
    first_head = heads[0].index if heads else len(pages[0].lines)
    pre = lines[:first_head]
    body, date = _opening(pre)
    attendance, chairman = _attendance(pre, pitch)
    items: list[MinuteItem] = []
    for n, head in enumerate(heads):
        end = heads[n + 1].index if n + 1 < len(heads) else len(lines)
        item_lines = lines[head.body : end]
        if n + 1 == len(heads):
            item_lines = _strip_closing(item_lines)
        if head.first_text is not None:
            item_lines = [head.first_text, *item_lines]
        last_page = item_lines[-1].page if item_lines else lines[head.index].page
        items.append(
            MinuteItem(
                number=head.number,
                title=head.title,
                text=_text(item_lines, pitch),
                pages=[lines[head.index].page, last_page],
                resolutions=_resolutions(item_lines, pitch),
                agenda_item=head.agenda_item,
            )
        )
    return Minutes(
        agenda_item=agenda_item or layouts[0].stamp_item,
        body=body,
        date=date,
        chairman=chairman,
        attendance=attendance,
        items=items,
        pages=[pages[0].number, pages[-1].number],
    )
