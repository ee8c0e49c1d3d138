"""Minutes document -> Minutes (recorded date, body, attendance, items, resolutions).

One document at a time: the PageLayouts of the minutes an agenda item confirms. Rules key
on what a line does in the layout, not on one council's wording:

* **Furniture**: signature lines repeated on every page ("Signed ____ Dated ____",
  "Chairman ......") are dropped; the closing signature block is cut from the last item.
* **Opening** (everything before the first minute item): the body from "... meeting of
  [the] <body> [of <council>] held ...", "<Body> held its/their meeting ...", "of the above
  Council" (the heading that names it), a "<Body> - <date>" title line, or the heading line
  set just above the first date; printed in capitals it is title-cased. The date of the
  meeting *recorded* is the first date in the opening, never the date of the pack.
* **Attendance**: see ``extract.structure.attendance`` (grids, PRESENT / Apologies blocks,
  apologies sentences and the apologies minute, substitutes, the chair).
* **Items**: a line that starts a minute is a minute label ("28", "28.", "2691.", "8a",
  "19.03.1", "06.25.01") in the label column (the left margin, or a hanging column left of
  the text), followed by a title on that line or, when the label stands alone, on the next.
  A label set higher than its title can land on the last line of the previous item; it is
  moved back to the title. The title is the rest of a heading line (a line that stands
  alone), a title in capitals wrapping over lines, the text before "(Item N)", "Title:" or
  "Title -" before the text, or else the first sentence. Labels only grow (numbered
  paragraphs inside an item are not minutes), except a heading in a hanging column. Items
  with no label are a heading over an "(Item N)" line.
* **Resolutions**: a marker in any of its forms - "RESOLVED:" (also alone on its line, the
  clauses on the next lines), "Resolved -", "RESOLVED that", "Resolved" alone over parallel
  paragraphs, "AGREED:" - then one Resolution per clause ((a)/(i)/1. labels) or per
  paragraph, the clause text verbatim without its label ("RESOLVED that the X" gives "That
  the X"); the sentence that records a decision in prose ("Committee resolved to ...", "It
  was unanimously agreed that ...", "The following accounts were passed for payment"); and, for an item with neither, a closing paragraph in
  which the meeting itself acts ("The Committee noted the report.").
  An item with no marker may minute its decisions as the motions put (a mover line, the
  "That ..." text, "Carried."): see ``extract.structure.motions``. Minutes with no minute
  headings at all are one unnumbered, untitled item when they record any resolution, and
  so are motions minuted before the first heading.

Text is joined per paragraph (line breaks joined, hyphenation repaired); paragraphs of an
item are separated by a newline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from extract.model import Line, MinuteItem, Minutes, PageLayout, Resolution
from extract.pages import cells_of
from extract.structure.attendance import read_attendance
from extract.structure.motions import motions, mover_line
from extract.structure.pagekind import title_case
from extract.textutil import (
    DATE_RE,
    MEMBER_NOUNS,
    ListLabel,
    body_nouns,
    find_date,
    join_lines,
    line_pitch,
    list_label,
    norm_ws,
    page_break_ends_paragraph,
    paragraph_break,
    right_edge,
)

# ------------------------------------------------------------------ labels and furniture

_LABEL = re.compile(
    r"^(?P<num>\d{1,2}\.\d{1,2}\.\d{1,3}|\d{2}/\d{1,3}|\d{1,4}[a-z]?)(?P<dot>[.)]?)"
    r"(?:(?:\s+|(?<=[.)])(?=[A-Z][a-z]))(?P<rest>\S.*))?$"  # "1.Introductions" too
)
_ITEM_REF = re.compile(r"\(\s*(?:Agenda\s+)?Item\s+(?P<ref>[0-9]+[A-Za-z]?(?:\.\d+)?)\s*\)", re.I)
_ITEM_REF_LINE = re.compile(r"^\s*" + _ITEM_REF.pattern + r"\s*$", re.I)
DATE_START = re.compile(r"^(?:" + DATE_RE.pattern[2:] + ")", re.I)
_FURNITURE = re.compile(
    r"^(?:Signed\b.{0,60}?[_.…]{3,}.*|(?:Chairman|Chair|Date|Dated)\s*:?\s*[_.…]{3,}.*)$", re.I
)
_CLOSING = re.compile(
    r"^(?:(?:Chairman|Chairperson|Chair|Mayor)\s*(?:,.*)?|Signed\b.*|Dated?\s*:?\s*[.…_]{3,}.*"
    r"|[.…_\s]{3,}.*)$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Label:
    text: str  # as printed, without a trailing dot
    shape: str  # "int" | "ref" (19.03.1)
    seq: float  # what grows from minute to minute
    rest: str  # the line's text after the label


def _label(text: str) -> _Label | None:
    text = text.strip()
    m = _LABEL.match(text)
    if not m or DATE_START.match(text):
        return None  # "24 SEPTEMBER 2009" is a date, not minute 24
    rest = m["rest"] or ""
    if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"'("):
        return None  # "31 st July", "312 at 31 December": prose or a table cell
    num = m["num"]
    if "." in num or "/" in num:  # "19.03.1", "24/31": the item's number is the last part
        return _Label(num, "ref", float(re.split(r"[./]", num)[-1]), rest)
    letter = num[-1] if num[-1].isalpha() else ""
    value = int(num.rstrip("abcdefghijklmnopqrstuvwxyz"))
    return _Label(num, "int", value + ((ord(letter) - 96) / 100 if letter else 0.0), rest)


def _body_column(lines: list[Line]) -> float:
    """The x where most lines of running text start, after the opening (which often runs
    across the full width) and not counting lines headed by a minute label."""
    first = next((k for k, ln in enumerate(lines) if _label(ln.text) is not None), 0)
    counts = Counter(
        round(ln.bbox[0] / 2) * 2
        for ln in lines[first:]
        if len(ln.text) > 20 and not _LABEL.match(ln.text.strip())
    )
    return float(counts.most_common(1)[0][0]) if counts else 0.0


def _left_margin(lines: list[Line]) -> float:
    xs = sorted(ln.bbox[0] for ln in lines)
    return xs[len(xs) // 10] if xs else 0.0


def _heading_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 12 and not text.rstrip().endswith((".", ",", ";"))


def _detach_hanging_labels(lines: list[Line], pitch: float) -> list[Line]:
    """Move a hanging label that landed on the previous item's last line back to its title.

    A label in a column left of the text, set higher than its title, reads as the start of
    the line above ("25 item."): that line ends a paragraph (it carries on the one above
    without a gap, or is a whole sentence) and, after a gap, an unlabelled heading follows.
    The label becomes a line of its own over the heading.
    """
    text_x = _body_column(lines)
    out = list(lines)
    k = 1
    while k < len(out) - 1:
        prev, line, nxt = out[k - 1], out[k], out[k + 1]
        lab = _LABEL.match(line.text.strip())
        if (
            lab is not None
            and lab["rest"]
            and not DATE_START.match(line.text.strip())
            and line.bbox[0] < text_x - 15
            and line.page == nxt.page
            and nxt.bbox[0] >= text_x - 5
            and paragraph_break(line, nxt, pitch)
            and _label(nxt.text) is None
            and (
                (  # the line carries on the paragraph above it
                    prev.page == line.page
                    and prev.bbox[0] >= text_x - 5
                    and not paragraph_break(prev, line, pitch)
                )
                or (lab["rest"].rstrip().endswith(".") and _heading_like(nxt.text))
            )
        ):
            x0, top, x1, bottom = line.bbox
            out[k] = Line(lab["rest"], line.page, (text_x, top, x1, bottom), line.size)
            alone = Line(lab["num"], nxt.page, (x0, nxt.bbox[1], x0 + 12, nxt.bbox[3]), line.size)
            out.insert(k + 1, alone)
            k += 1
        k += 1
    return out


# ------------------------------------------------------------------ item heads


@dataclass(slots=True)
class _Head:
    index: int  # line index of the heading (or of its label)
    body: int  # index of the first body line
    number: str
    title: str
    agenda_item: str | None
    first_text: Line | None = None  # text after the title on the heading line
    seq: float = 0.0
    shape: str = ""


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def _split_title(rest: str) -> tuple[str, str] | None:
    """ "Apologies for absence: Cllr Shewell." -> ("Apologies for absence", "Cllr Shewell.")."""
    m = re.match(r"^(?P<title>[^:,;]{2,70}?)\s*(?::-?|\s[–-])\s*(?P<text>.*)$", rest)
    if not m:
        return None
    title = m["title"].strip()
    words = title.split()
    if not words or len(words) > 10 or not title[0].isupper():
        return None
    if words[0].lower() in {"that", "it", "we"}:
        return None
    return title, m["text"].strip()


def _outcome_after_title(rest: str) -> tuple[str, str] | None:
    """A heading that carries the minute's decision after a colon or dash: "Finance - The
    following accounts were approved for payment" -> ("Finance", "The following ...")."""
    split = _split_title(rest)
    return split if split and split[1] and _PROSE.search(split[1]) else None


def _first_sentence(rest: str) -> tuple[str, str]:
    m = re.search(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])", rest)
    return (rest[: m.start()], rest[m.end() :]) if m else (rest, "")


@dataclass(slots=True)
class _Ctx:
    lines: list[Line]
    pitch: float
    margin: float
    right: float
    text_x: float


def _caps_title(ctx: _Ctx, i: int, parts: list[str]) -> tuple[list[str], int, str | None]:
    """An upper-case title wrapping from a full line onto upper-case lines; its end and ref."""
    lines, first = ctx.lines, ctx.lines[i]
    ref: str | None = None
    k = i + 1
    while k < len(lines):
        nxt, last = lines[k], lines[k - 1]
        rm = _ITEM_REF_LINE.match(nxt.text)
        if rm and nxt.page == first.page:
            return parts, k + 1, rm["ref"]
        cont = _ITEM_REF.sub("", nxt.text).strip()
        if (
            nxt.page != first.page
            or last.bbox[2] < 0.8 * ctx.right
            or paragraph_break(last, nxt, ctx.pitch)
            or _label(nxt.text) is not None
            or not (_upper_ratio(cont) >= 0.9 or not any(c.islower() for c in cont))
        ):
            break
        r2 = _ITEM_REF.search(nxt.text)
        ref = r2["ref"] if r2 else ref
        parts.append(cont)
        k += 1
    return parts, k, ref


def _ref_below(ctx: _Ctx, i: int) -> tuple[int, str] | None:
    """(index, N) of an "(Item N)" line within the next three lines of the same page."""
    for k in range(i + 1, min(i + 4, len(ctx.lines))):
        nxt = ctx.lines[k]
        m = _ITEM_REF_LINE.match(nxt.text)
        if m:
            return k, m["ref"]
        if _label(nxt.text) is not None or nxt.page != ctx.lines[i].page:
            return None
    return None


def _stands_alone(ctx: _Ctx, i: int) -> bool:
    """A heading line: short, not a sentence, and the text below starts afresh."""
    line = ctx.lines[i]
    if line.text.rstrip().endswith((",", ";")):
        return False
    nxt = ctx.lines[i + 1] if i + 1 < len(ctx.lines) else None
    if nxt is not None and nxt.page == line.page and abs(nxt.bbox[0] - line.bbox[0]) > 8:
        return True  # the text below starts in another column: the heading ends here
    # a short line that is not a sentence ends before the text below it starts
    return line.bbox[2] < 0.85 * ctx.right and not line.text.rstrip().endswith(".")


def _wraps_to_heading_end(ctx: _Ctx, i: int) -> bool:
    """A full heading line whose last words stand alone on the next line."""
    line = ctx.lines[i]
    if i + 1 >= len(ctx.lines) or line.bbox[2] < 0.85 * ctx.right:
        return False
    nxt = ctx.lines[i + 1]
    return (
        not line.text.rstrip().endswith((".", ",", ";", ":"))
        and nxt.page == line.page
        and not paragraph_break(line, nxt, ctx.pitch)
        and _label(nxt.text) is None
        and len(nxt.text.split()) <= 8
        and _stands_alone(ctx, i + 1)
    )


def _read_head(ctx: _Ctx, i: int, lab: _Label) -> tuple[str, _Head] | None:
    """(kind, head) for a label line, or None. Kinds: ref, caps, alone, colon, heading, plain."""
    lines, line = ctx.lines, ctx.lines[i]
    rest, number = lab.rest, lab.text
    if not rest:  # a label alone: the title is on the next line
        if i + 1 >= len(lines) or lines[i + 1].page != line.page or _label(lines[i + 1].text):
            return None
        found = _read_head(ctx, i + 1, _Label(number, lab.shape, lab.seq, lines[i + 1].text))
        if found is None:
            return None
        _, head = found
        head.index = i
        return "alone", head
    r = _ITEM_REF.search(rest)
    if r and r.end() >= len(rest.rstrip()) - 1:
        title = rest[: r.start()]
        return "ref", _Head(i, i + 1, number, title, r["ref"])
    below = _ref_below(ctx, i)
    if below is not None:
        k, ref = below
        title = join_lines([rest, *(ln.text for ln in lines[i + 1 : k])])
        return "ref", _Head(i, k + 1, number, title, ref)
    if _upper_ratio(rest) >= 0.9:
        parts, body, caps_ref = _caps_title(ctx, i, [rest])
        return "caps", _Head(i, body, number, join_lines(parts), caps_ref)
    outcome = _outcome_after_title(rest)
    if outcome is not None:
        decision = Line(outcome[1], line.page, line.bbox, line.size)
        return "colon", _Head(i, i + 1, number, outcome[0], None, decision)
    if _stands_alone(ctx, i):
        split = _split_title(rest)
        if split and split[1] and not split[1].rstrip().endswith("."):
            split = None  # a colon inside the title ("Pre-Decision Scrutiny: Budget 2024/25")
        title, after = split or _first_sentence(rest)
        first = Line(after, line.page, line.bbox, line.size) if after else None
        return "heading", _Head(i, i + 1, number, title, None, first)
    if _wraps_to_heading_end(ctx, i):  # a heading over two lines
        return "heading", _Head(i, i + 2, number, join_lines([rest, lines[i + 1].text]), None)
    split = _split_title(rest)
    if split and split[1] and not split[1].rstrip().endswith((".", ":")):
        split = None  # "Children in Care Council - Annual Report ..." is one title
    if split is None and line.bbox[2] < 0.85 * ctx.right:
        return "plain", _Head(i, i + 1, number, rest, None)
    title, after = split or _first_sentence(rest)
    first = Line(after, line.page, line.bbox, line.size) if after else None
    return ("colon" if split else "plain"), _Head(i, i + 1, number, title, None, first)


def _continues_sentence(ctx: _Ctx, i: int) -> bool:
    """The line carries on the sentence of the line above it, without a gap."""
    if i == 0:
        return False
    prev, line = ctx.lines[i - 1], ctx.lines[i]
    return (
        prev.page == line.page
        and not paragraph_break(prev, line, ctx.pitch)
        and not prev.text.rstrip().endswith((".", ":", ";", "!", "?", ")"))
        and prev.bbox[2] >= 0.8 * ctx.right
    )


def _accept(kind: str, head: _Head, lab: _Label, prev: _Head | None, hanging: bool) -> bool:
    strong = kind != "plain" or lab.shape == "ref"
    if prev is None:
        return strong or lab.seq <= 1
    if lab.shape != prev.shape:
        return False
    if lab.seq > prev.seq:
        return strong and (lab.seq <= prev.seq + 20 or kind != "plain") or lab.seq <= prev.seq + 2
    # a heading in a hanging label column is a minute even when its number is misprinted
    return hanging and kind in ("heading", "caps", "alone", "ref")


def _in_restarted_list(
    lab: _Label, prev: _Head, x: float, restart: tuple[float, float] | None, label_x: float | None
) -> bool:
    """A label of a list numbered afresh from 1 inside a minute ("4 Committee updates" over
    "1. Delays on ...", "2. Email ...", ...): its 1, its numbers up to the minute's, and the
    next one after them when it is printed where the list's are, not in the minutes' column."""
    if lab.shape != prev.shape:
        return False
    if lab.seq == 1 or restart is None:
        return lab.seq == 1
    if lab.seq <= prev.seq:
        return lab.seq > restart[0]
    off_column = label_x is not None and abs(x - label_x) >= 3 and abs(x - restart[1]) < 3
    return lab.seq == restart[0] + 1 and off_column


def _numbered_heads(ctx: _Ctx) -> list[_Head]:
    lines = ctx.lines
    heads: list[_Head] = []
    label_x: float | None = None
    restart: tuple[float, float] | None = None  # (number, x) of a list restarted inside a minute
    i = 0
    while i < len(lines):
        line = lines[i]
        lab = _label(line.text)
        column = label_x if label_x is not None else ctx.margin
        if lab is None or line.bbox[0] > column + 15:
            i += 1
            continue
        if _continues_sentence(ctx, i):
            i += 1  # "... held on December 17," / "2024. Carried.": a wrapped line
            continue
        found = _read_head(ctx, i, lab)
        prev = heads[-1] if heads else None
        if prev is not None and _in_restarted_list(lab, prev, line.bbox[0], restart, label_x):
            restart = (lab.seq, line.bbox[0])  # a list numbered afresh inside a minute
            i += 1
            continue
        hanging = label_x is not None and ctx.text_x - label_x >= 20 and line.bbox[0] < label_x + 4
        if found is None or not _accept(found[0], found[1], lab, prev, hanging):
            i += 1
            continue
        kind, head = found
        restart = None
        head.seq, head.shape = lab.seq, lab.shape
        head.title = norm_ws(_ITEM_REF.sub("", head.title)).rstrip(" :-–")
        if not head.title:
            i += 1
            continue
        heads.append(head)
        label_x = line.bbox[0] if label_x is None else label_x
        i = max(head.body, i + 1)
    return heads


def _ref_heads(ctx: _Ctx, taken: set[int]) -> list[_Head]:
    """Items with no minute number: a heading over an "(Item N)" line."""
    lines, heads = ctx.lines, []
    for r, line in enumerate(lines):
        m = _ITEM_REF_LINE.match(line.text)
        if not m or r in taken or r == 0:
            continue
        first = r - 1
        while (
            first > 0
            and r - first < 3
            and first - 1 not in taken
            and lines[first - 1].page == lines[first].page
            and not paragraph_break(lines[first - 1], lines[first], ctx.pitch)
            and not lines[first - 1].text.rstrip().endswith((".", ":"))
        ):
            first -= 1
        if first in taken or lines[first].bbox[0] > ctx.margin + 15:
            continue
        title = norm_ws(join_lines(ln.text for ln in lines[first:r]))
        heads.append(_Head(first, r + 1, "", title, m["ref"]))
    return heads


def _find_heads(ctx: _Ctx) -> list[_Head]:
    heads = _numbered_heads(ctx)
    taken = {k for h in heads for k in range(h.index, h.body)}
    heads += _ref_heads(ctx, taken)
    return sorted(heads, key=lambda h: h.index)


# ------------------------------------------------------------------ opening

_BODY_WORDS = body_nouns("Group", "Partnership", "Authority", "Meeting", "Trust")
_MEETING_OF = re.compile(
    r"\b(?i:(?:meeting|session)\s+of)\s+(?:(?i:the)\s+)?(?P<body>.+?)\s+"
    r"(?:of\s+[A-Z][A-Z .&'-]*[A-Z]\b|(?i:(?:was\s+)?held)\b)"
)
_MINUTES_FOR = re.compile(
    rf"\bMinutes\s+(?:for|of)\s+(?:the\s+)?(?P<body>.+?\b(?:{_BODY_WORDS}))"
    r"(?:\s+(?:public|ordinary|annual|extraordinary|special|general|full|monthly))?\s+Meeting\b",
    re.I,
)
_HELD_THEIR = re.compile(
    r"^(?P<body>[A-Z][\w&'’ ,.-]{3,80}?)\s+held\s+(?:their|its|a|an|the)\s+(?:\w+\s+)?meeting\b"
)
_OF_COUNCIL = re.compile(
    r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’&.-]*\s+){1,4}(?:County|Borough|City|District|Town|Parish"
    r"|Community|Metropolitan\s+Borough)?\s*Council$"
)
_BODY_END = re.compile(rf"\b(?:{_BODY_WORDS})$", re.I)
_NOT_A_BODY = re.compile(r"\b(?:held|minutes|notes|agenda|item|page)\b", re.I)
_TITLE_LINE = re.compile(r"^(?P<body>.{3,80}?)\s+[–—-]\s+(?P<date>.+)$")


def _tidy_body(body: str) -> str | None:
    body = norm_ws(body).strip(" ,.:")
    if re.match(r"^(?:above|said|aforementioned)\b", body, re.I) or len(body) >= 80:
        return None
    bare = _OF_COUNCIL.sub("", body)
    if bare != body and _BODY_END.search(bare):
        body = (
            bare  # "Scrutiny Committee of Borsetshire County Council"; not "Township of X Council"
        )
    return title_case(body) if body else None


def _heading_body(head: list[Line]) -> str | None:
    """The heading that names the body: a "<Body> - <date>" line, or the line above a date."""
    for line in head[:6]:
        text = line.text.strip()
        m = _TITLE_LINE.match(text)
        if m and find_date(m["date"]) and _BODY_END.search(m["body"]):
            return _tidy_body(m["body"])
        if find_date(text) or re.match(r"^(?:MINUTES|Minutes)\b", text):
            break
    for k, line in enumerate(head[:6]):
        if k + 1 < len(head) and find_date(head[k + 1].text) and not find_date(line.text):
            text = line.text.strip()
            if 2 <= len(text.split()) <= 12 and not _NOT_A_BODY.search(text):
                return _tidy_body(text)
    return None


def _council_heading(head: list[Line]) -> str | None:
    for line in head[:4]:
        if re.search(r"\bCouncil$", line.text.strip(), re.I) and len(line.text.split()) <= 8:
            return _tidy_body(line.text)
    return None


def _opening(pre: list[Line]) -> tuple[str | None, str | None]:
    """(body, date) from the opening lines before attendance and items."""
    stop = len(pre)
    for k, ln in enumerate(pre):
        if re.match(r"^(?:PRESENT|Present)\b", ln.text.strip()):
            stop = k
            break
    head = pre[:stop]
    text = join_lines(ln.text for ln in head)
    body: str | None = None
    m = _MEETING_OF.search(text)
    if m and re.match(r"^(?:the\s+)?above\s+council$", m["body"].strip(), re.I):
        body = _council_heading(head)
    elif m:
        body = _tidy_body(m["body"])
    if body is None:
        f = _MINUTES_FOR.search(text)
        body = _tidy_body(f["body"]) if f else None
    if body is None:
        for ln in head:
            h = _HELD_THEIR.match(ln.text.strip())
            if h:
                body = _tidy_body(h["body"])
                break
    body = body or _heading_body(head)
    date = find_date(text) or find_date(join_lines(ln.text for ln in pre))
    return body, date


# ------------------------------------------------------------------ resolutions

_RESOLVED = re.compile(
    r"(?<![A-Za-z])(?:BE\s+IT\s+)?(?P<kw>RESOLVED|Resolved|AGREED|Agreed)\b"
    r"(?P<tail>\s*[:\-–—]?\s*)(?P<next>\S*)"
)
# the body or its members resolving in a sentence ("the Panel resolved"); not "Executive" (the
# Chief Executive is an officer)
_ACTING_NOUNS = body_nouns(
    *MEMBER_NOUNS, but=("Sub-Committee", "Forum", "Assembly", "Executive", "Commission")
)
_PROSE = re.compile(
    r"\bresolve[sd]\s+(?:to|that|unanimously|not\s+to|in\s+accordance)\b"
    rf"|\b(?:it\s+was|{_ACTING_NOUNS})\s+resolved\b"
    r"|\b(?:it\s+was|was|were|(?:has|have)\s+been|unanimously|all(?:\s+present)?)\s+agreed\b"
    r"|,\s+(?:all|unanimously)\s+approved\b"  # "... prior to the meeting, all approved."
    # "The minutes ... were approved"; not a past approval ("approved at the January
    # meeting", "was approved by the Council", "£600 was approved to start the project")
    r"|\b(?:was|were|(?:has|have)\s+been)\s+(?:unanimously\s+)?approved\b"
    r"(?!\s+(?:at|in|by|on|to|for|last)\b)"
    # the meeting's payments: "The following accounts were approved / passed for payment"
    r"|\b(?:was|were|(?:has|have)\s+been)\s+(?:approved|passed|agreed)\s+for\s+payment\b"
    # Welsh: "roedd pawb yn gytûn bod" (all agreed that), "roedd pawb o blaid" (all were in
    # favour of), "cytunwyd" / "a chytunwyd" (it was agreed), "penderfynwyd" (it was resolved),
    # "cymeradwywyd" (it was approved)
    r"|\broedd\s+pawb\s+(?:yn\s+gyt[uû]n|o\s+blaid)\b|\b(?:c|ch)ytunwyd\b|\bpenderfynwyd\b"
    r"|\bcymeradwywyd\b",
    re.I,
)
_ACTS = re.compile(
    rf"^(?:The\s+)?(?:{body_nouns(*MEMBER_NOUNS, but=('Assembly', 'Executive'))})"
    r"\s+(?:noted|agreed|approved|endorsed|supported|welcomed|resolved)\b"
)
_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bCllr)(?<!\bCyng)(?<!\bMr)(?<!\bMrs)(?<!\bDr)\.(?=\s+[A-Z(“\"]|$)"
    r"|(?<=\))\.(?=[A-Z][a-z])"  # "... their responsibility).It has been agreed": no space
)


# a lead-in over the clauses: "Committee resolved to:", "The Committee agreed:" (the meeting
# agreeing, not "The following payments were agreed:" over a list of what was agreed)
_RESOLVED_TO = re.compile(
    r"\b(?P<kw>resolved)(?P<tail>\s+(?:to|that)\s*:)(?P<next>)\s*$"
    rf"|\b(?i:{body_nouns(*MEMBER_NOUNS, but=('Sub-Committee', 'Assembly', 'Executive'))}"
    r"|it\s+was)\s+(?:unanimously\s+)?(?P<kw2>agreed)(?P<tail2>(?:\s+(?:to|that))?\s*:)\s*$"
)
# a decision label at the start of a line: "DECISION:", "Decisions:", or alone on its line (a
# table's "Decision" column heading over the clauses)
_DECISION = re.compile(r"^(?P<kw>DECISIONS?|Decisions?)(?P<tail>\s*:\s*|\s*$)(?P<next>\S*)")


def _resolved_at(text: str) -> re.Match[str] | None:
    lead_in = _RESOLVED_TO.search(text) or _DECISION.match(text)
    if lead_in:
        return lead_in
    for m in _RESOLVED.finditer(text):
        if m["kw"].isupper() and (m["kw"] == "RESOLVED" or m["tail"].strip() or not m["next"]):
            return m
        if any(c in m["tail"] for c in ":-–—"):
            return m
        if m["next"].lower().rstrip(",") in {"that", "to"} or not text[m.end("kw") :].strip():
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
    # "i.", "v.", "x." read as letters on their own; in a list of roman clauses they are
    # numerals (the fifth clause "v." after "iv.")
    if top[0] == "roman" and label.kind == "alpha" and label.value.lower() in ("i", "v", "x"):
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


def _lead_text(lines: list[str]) -> str:
    text = join_lines(lines).strip().lstrip(":-–— ")
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _parallel(first: str, text: str) -> bool:
    """Whether a paragraph reads as another clause of the resolution that began with first."""
    a, b = first.split()[:1], text.split()[:1]
    return bool(a and b) and (a[0].lower() == b[0].lower() or b[0] in ("That", "To", "THAT"))


@dataclass(slots=True)
class _Marked:
    """One marked resolution being read: its clauses, or its paragraphs."""

    line: Line
    own: ListLabel | None
    alone: bool
    clauses: list[_Clause] = field(default_factory=list)
    paras: list[list[Line]] = field(default_factory=list)
    skipping: bool = False  # inside a sub-heading or lead-in between clauses

    def results(self) -> list[Resolution]:
        if self.clauses:
            return _split_clauses(self.clauses)
        paras = [p for p in self.paras if p]
        if self.alone and len(paras) > 1:
            return [Resolution(_lead_text([ln.text for ln in p]), p[0].page) for p in paras]
        text = _lead_text([ln.text for p in paras for ln in p])
        return [Resolution(text, self.line.page)] if text else []

    def take(self, nxt: Line, prev: Line, pitch: float, right: float) -> bool:
        """Add the next line; False when the resolution has ended before it."""
        lab = list_label(nxt.text)
        gap = paragraph_break(prev, nxt, pitch) or page_break_ends_paragraph(prev, nxt, right)
        if (
            self.own
            and lab
            and lab.key == self.own.key
            and abs(nxt.bbox[0] - self.line.bbox[0]) < 8
        ):
            return False  # the next paragraph at the resolution's own level
        if lab is not None and (lab.kind != "bullet" or self.clauses or self._open()):
            # a bullet after a lead-in ("RESOLVED that:") is a clause of its own
            self.clauses.append(_Clause(lab, nxt.bbox[0], nxt.page, nxt.text, [lab.rest]))
            self.skipping = False
        elif lab is not None:
            self._add(nxt, False)  # a bullet list inside a single resolution
        elif self.clauses:
            hanging = nxt.bbox[0] > self.clauses[-1].x + 5
            if hanging or (not gap and not self.skipping):
                self.clauses[-1].lines.append(nxt.text)
            elif not self.own:
                return False
            else:
                self.skipping = True  # "In addition:", "This Council agrees to:" - dropped
        elif self.alone and self.paras and self._next_clause(prev, nxt, gap, right):
            self._add(nxt, True)
        elif not gap or self.own or self._open():
            self._add(nxt, False)
        else:
            return False
        return True

    def _next_clause(self, prev: Line, nxt: Line, gap: bool, right: float) -> bool:
        """Under a marker alone on its line: a paragraph that starts like the first clause,
        after a gap or after a short line that ends a sentence."""
        ended = gap or (prev.text.rstrip().endswith(".") and prev.bbox[2] < 0.8 * right)
        return ended and _parallel(self.paras[0][0].text, nxt.text)

    def _open(self) -> bool:
        last = self.paras[-1][-1].text.rstrip() if self.paras and self.paras[-1] else ""
        return last.endswith(":") or (self.alone and not self.paras)

    def _add(self, line: Line, new_para: bool) -> None:
        if new_para or not self.paras:
            self.paras.append([])
        self.paras[-1].append(line)


def _marked_resolutions(body: list[Line], pitch: float) -> tuple[list[Resolution], set[int]]:
    """Resolutions introduced by a marker; also the indices of the lines they use."""
    out: list[Resolution] = []
    used: set[int] = set()
    right = right_edge(body)
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
        after = line.text[m.start("next") :] if m["next"] else ""
        res = _Marked(line, own, alone=not after.strip())
        inline = list_label(after) if after else None
        if inline is not None and inline.kind != "bullet":
            # "RESOLVED: (A) That ..." - the first clause starts on the marker line
            x = line.bbox[0] + (line.bbox[2] - line.bbox[0]) * m.start("next") / len(line.text)
            res.clauses.append(_Clause(inline, x, line.page, after, [inline.rest]))
        elif after:
            res.paras.append([Line(after, line.page, line.bbox, line.size)])
        j, prev = k + 1, line
        while j < len(body):
            again = _resolved_at(body[j].text)
            if again is not None and again.start() < 12:
                break  # the next resolution
            if not res.take(body[j], prev, pitch, right):
                break
            prev = body[j]
            j += 1
        out += res.results()
        used.update(range(k, j))
        k = j
    return out, used


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence holding text[pos]."""
    start, end = 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= pos:
            start = m.end()
        else:
            end = m.end()
            break
    return start, end


def _paragraphs(body: list[Line], pitch: float, used: set[int]) -> list[list[Line]]:
    paras: list[list[Line]] = []
    prev: Line | None = None
    right = right_edge(body)
    for k, ln in enumerate(body):
        if k in used:
            prev = None
            continue
        if (
            prev is None
            or paragraph_break(prev, ln, pitch)
            or page_break_ends_paragraph(prev, ln, right)
            or list_label(ln.text)
        ):
            paras.append([ln])
        else:
            paras[-1].append(ln)
        prev = ln
    return paras


def _prose_resolutions(paras: list[list[Line]]) -> list[Resolution]:
    """Sentences that record a decision in prose ("Committee resolved to note the report.")."""
    out: list[Resolution] = []
    for para in paras:
        text = join_lines(ln.text for ln in para)
        taken: set[int] = set()
        for m in _PROSE.finditer(text):
            start, end = _sentence_at(text, m.start())
            if start in taken:
                continue
            taken.add(start)
            sentence = text[start:end].strip()
            out.append(Resolution(sentence[:1].upper() + sentence[1:], para[0].page))
    return out


def _resolutions(body: list[Line], pitch: float) -> list[Resolution]:
    marked, used = _marked_resolutions(body, pitch)
    moved, taken = motions(body, pitch, used)  # decisions minuted as the motions put
    used |= taken
    paras = _paragraphs(body, pitch, used)
    found = marked + moved + _prose_resolutions(paras)
    if not found and paras:
        closing = join_lines(ln.text for ln in paras[-1])
        if _ACTS.match(closing):  # the meeting itself acts in the item's closing paragraph
            found.append(Resolution(closing, paras[-1][0].page))
    return sorted(found, key=lambda r: r.page) if found else []


# ------------------------------------------------------------------ minutes or not

_MINUTES_HEADING = re.compile(
    r"^(?:(?:Draft|DRAFT)\s+)?(?:MINUTES|Minutes)\b(?!\s+(?:of\s+)?the\s+last)"
)
_PRESENT_LINE = re.compile(r"^(?:PRESENT|Present)\b\s*(?::|$|\s+[A-Z])")


def looks_like_minutes(lines: list[Line]) -> bool:
    """Whether a page's opening reads as minutes: a Minutes heading, a Present list, apologies.

    For pages that announce nothing else: an agenda lists the business to come, minutes
    record who came and what was decided.
    """
    head = lines[:20]
    if any(_MINUTES_HEADING.match(ln.text.strip()) for ln in head[:8]):
        return True
    if any(_PRESENT_LINE.match(ln.text.strip()) for ln in head):
        return True
    return any(re.search(r"\bApologies\b.{0,40}\breceived\s+from\b", ln.text) for ln in head)


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


def _apologies_minute(lines: list[Line], heads: list[_Head]) -> list[Line]:
    """The text of the first minute titled as apologies (for absence)."""
    for n, head in enumerate(heads):
        if re.search(r"\bapolog|\bymddiheur", head.title, re.I):  # Welsh "ymddiheuriadau"
            end = heads[n + 1].index if n + 1 < len(heads) else len(lines)
            first = [head.first_text] if head.first_text else []
            return first + lines[head.body : end]
    return []


def _context(lines: list[Line]) -> _Ctx:
    pitch = line_pitch(lines)
    return _Ctx(lines, pitch, _left_margin(lines), right_edge(lines), _body_column(lines))


def _headless_item(lines: list[Line], pitch: float) -> list[MinuteItem]:
    """Minutes printed without minute headings (motion after motion): one unnumbered,
    untitled item holding their text and resolutions, when they record any."""
    body = _strip_closing(lines)
    found = _resolutions(body, pitch) if body else []
    if not found:
        return []
    return [
        MinuteItem(
            number="",
            title="",
            text=_text(body, pitch),
            pages=[body[0].page, body[-1].page],
            resolutions=found,
        )
    ]


def _running_heads(pages: list[PageLayout]) -> set[int]:
    """ids of the lines that head later pages with the meeting's own title and date ("ALCS
    Committee Minutes | Tuesday 13th March 2018", "Cabinet – Minutes – 15 January 2024"): a
    running head, not text of the minute it interrupts."""
    opening = join_lines(ln.text for ln in pages[0].lines[:15])
    date = find_date(opening)
    out: set[int] = set()
    if date is None:
        return out
    for page in pages[1:]:
        first = page.lines[0]
        text = first.text.strip()
        if (
            len(text.split()) <= 14
            and find_date(text) == date
            and _label(text) is None
            and list_label(text) is None
        ):
            out.add(id(first))
    return out


# ------------------------------------------------------------------ minute grids

# the header row of minutes set as one table, a row per minute item: a minute-number column
# first and a column of the decisions ("Minute | Discussion | Decision", "Min No. | Item |
# Resolution")
_GRID_MINUTE = re.compile(r"^(?:Minute|Min(?:ute)?\.?\s*(?:No\.?|Ref\.?)|Item|No\.?|Ref\.?)$", re.I)
_GRID_DECISION = re.compile(r"^(?:Decisions?|Resolutions?|Resolved)$", re.I)
# a column naming who acts on the row ("Action", "Action by", "Who"): not the minute's text
_GRID_ACTION = re.compile(r"^(?:Actions?(?:\s+(?:by|owner))?|Who|Owner|Responsib\w+)$", re.I)


def _pieces(line: Line) -> list[tuple[float, float, str]]:
    return line.runs or [(line.bbox[0], line.bbox[2], line.text)]


def _grid_header(line: Line) -> tuple[list[float], int, str, int] | None:
    """When ``line`` is a minute grid's header row: the left edges of its columns, which
    column holds the decisions (-1: none), the resolution marker that column's label stands
    for ("Decision" when the label is not one) and which column names who acts (-1: none).
    A grid has a decision column, an action column or both."""
    cells = cells_of(line)
    if not 3 <= len(cells) <= 5 or not _GRID_MINUTE.match(cells[0][2].strip()):
        return None
    labels = [c[2].strip() for c in cells]
    dec = next((c for c in range(1, len(cells)) if _GRID_DECISION.match(labels[c])), -1)
    acts = [c for c in range(1, len(cells)) if _GRID_ACTION.match(labels[c])]
    if len(acts) > 1 or acts == [1]:
        return None  # "No | Action | Owner": a table of actions, not the minutes
    act = acts[0] if acts else -1
    if dec < 0 and act != len(cells) - 1:
        return None
    marker = labels[dec] if dec >= 0 else "Decision"
    if _resolved_at(marker) is None:
        marker = "Decision"
    return [x0 for x0, _, _ in cells], dec, marker, act


def _cell_line(line: Line, pieces: list[tuple[float, float, str]]) -> Line:
    """The pieces of ``line`` that one grid column holds, as a line of their own."""
    text = " ".join(t for _, _, t in pieces)
    return Line(
        text, line.page, (pieces[0][0], line.bbox[1], pieces[-1][1], line.bbox[3]), line.size
    )


def _wrapped_title(
    lines: list[Line],
    i: int,
    row: Line,
    mine: list[tuple[float, float, str]],
    column: Callable[[float], int],
    cols: tuple[int, int],
    decision: list[Line],
    pitch: float,
) -> tuple[list[tuple[float, float, str]], int]:
    """A grid row's title wrapped over its next lines (at most two), set apart from the
    discussion below by a gap: the row's pieces with the title whole, and where to go on.
    ``cols``: the decision column and the action column (left out)."""
    dec, act = cols
    prev, k = row, i
    title: list[list[tuple[float, float, str]]] = []
    side: list[Line] = []
    while k < len(lines) and lines[k].page == row.page:  # the page's end ends the title
        ln = lines[k]
        ours = [p for p in _pieces(ln) if column(p[0]) not in cols]
        if ours:
            if paragraph_break(prev, ln, pitch):
                break  # the gap after the title
            if len(title) == 2 or any(column(p[0]) != 1 for p in ours):
                return mine, i
            title.append(ours)
            prev = ln
        side.append(ln)
        k += 1
    if not title or len(mine) < 2:
        return mine, i
    for ln in side:
        theirs = [p for p in _pieces(ln) if column(p[0]) == dec]
        if theirs:
            decision.append(_cell_line(ln, theirs))
    words = " ".join(p[2] for p in [*mine[1:], *(q for t in title for q in t)])
    right = max(p[1] for p in [*mine[1:], *(q for t in title for q in t)])
    return [mine[0], (mine[1][0], right, words)], k


@dataclass(slots=True)
class _Grid:
    """A minutes grid being laid out as ordinary minutes: the lines so far, the decisions of
    the row in hand, and how far the decisions laid out moved the rest of the page down."""

    edges: list[float]  # where the columns after the first start
    dec: int  # the decision column (-1: none)
    marker: str  # the resolution marker the decision column's label stands for
    pitch: float
    out: list[Line]  # the lines before the grid, then the grid's rows as laid out
    before: int  # how many lines came before the grid
    decision: list[Line] = field(default_factory=list)
    last: Line | None = None
    shift: float = 0.0
    shift_page: int = -1

    def column(self, x0: float) -> int:
        return sum(1 for e in self.edges if x0 >= e)

    def _on_page(self, page: int) -> None:
        if self.shift_page != page:
            self.shift, self.shift_page = 0.0, page

    def row_gap(self, line: Line) -> None:
        """A row starts after a gap, however tight the grid's rules."""
        above = self.out[-1] if len(self.out) > self.before else None
        if above is not None and above.page == line.page:
            self._on_page(line.page)
            short = above.bbox[1] + 2 * self.pitch - (line.bbox[1] + self.shift)
            self.shift += max(0.0, short)

    def add(self, ln: Line, mine: list[tuple[float, float, str]]) -> None:
        """The row's pieces outside the decision column, as one line moved down the shift."""
        dy = self.shift if ln.page == self.shift_page else 0.0
        box = (mine[0][0], ln.bbox[1] + dy, mine[-1][1], ln.bbox[3] + dy)
        text = " ".join(t for _, _, t in mine)
        self.last = Line(text, ln.page, box, ln.size, mine if len(mine) > 1 else [])
        self.out.append(self.last)

    def flush(self) -> None:
        """The row's decisions under the marker, one line after another after a gap."""
        decision, last, step = self.decision, self.last, self.pitch
        self.decision = []
        if not decision or last is None:
            return
        top = first_top = last.bbox[1] + 2 * step
        x0 = decision[0].bbox[0]
        self.out.append(
            Line(self.marker, last.page, (x0, top, x0 + 40, top + last.size), last.size)
        )
        prev: Line | None = None
        for ln in decision:
            if ln.page > last.page:  # the decision runs on past the row's other columns
                self.out.append(ln)
                continue
            gap = step
            if prev is not None and ln.page == prev.page:
                gap = max(step, ln.bbox[1] - prev.bbox[1])
            top += gap
            prev = ln
            height = ln.bbox[3] - ln.bbox[1]
            box = (ln.bbox[0], top, ln.bbox[2], top + height)
            self.out.append(Line(ln.text, last.page, box, ln.size))
        self._on_page(last.page)
        self.shift += top - first_top + 2 * step
        self.last = self.out[-1]
        self._on_page(self.last.page)


def _ungrid(lines: list[Line]) -> list[Line]:
    """Minutes printed as a grid (a header row naming a minute column and a decision
    column, one row per minute item) read as ordinary minutes: each row's number and title
    line, its discussion, then the decision column under the header's own label (a
    resolution marker), so the rules for labels and markers apply. A row runs on over page
    breaks; a repeated header row is dropped; the grid ends at a line that crosses its
    columns."""
    found = next(((i, g) for i, ln in enumerate(lines) if (g := _grid_header(ln))), None)
    if found is None:
        return lines
    start, (cols, dec, marker, act) = found
    slack = 0.6 * max(lines[start].size, 1.0)
    pitch = line_pitch(lines[start:])
    grid = _Grid([x - slack for x in cols[1:]], dec, marker, pitch, lines[:start], start)
    column = grid.column
    end = len(lines)
    i = start + 1
    while i < len(lines):
        line = lines[i]
        i += 1
        if _grid_header(line):
            continue  # the header row repeated atop a later page
        pieces = _pieces(line)
        if any(column(x0) != column(max(x0, x1 - slack)) for x0, x1, _ in pieces):
            end = i - 1  # text across the columns: the grid is over
            break
        # who acts on the row ("Clerk") is neither its text nor its decision: left out
        pieces = [p for p in pieces if column(p[0]) != act]
        mine = [p for p in pieces if column(p[0]) != dec]
        theirs = [p for p in pieces if column(p[0]) == dec]
        row_start = bool(mine) and column(mine[0][0]) == 0 and _label(mine[0][2].strip())
        if row_start:
            grid.flush()  # a new row
        if theirs:
            grid.decision.append(_cell_line(line, theirs))
        if not mine:
            continue
        if row_start:
            grid.row_gap(line)
            mine, i = _wrapped_title(lines, i, line, mine, column, (dec, act), grid.decision, pitch)
        grid.add(line, mine)
    grid.flush()
    return grid.out + lines[end:]


def parse_minutes(layouts: list[PageLayout], agenda_item: str | None) -> Minutes | None:
    pages = [p for p in layouts if p.lines and not p.blank]
    if not pages:
        return None
    heads_of_pages = _running_heads(pages)
    lines = [
        ln
        for p in pages
        for ln in p.lines
        if not _FURNITURE.match(ln.text.strip()) and id(ln) not in heads_of_pages
    ]
    if not lines:
        return None
    lines = _ungrid(lines)
    ctx = _context(lines)
    ctx.lines = lines = _detach_hanging_labels(lines, ctx.pitch)
    heads = _find_heads(ctx)
    first_head = (
        heads[0].index if heads else len([ln for ln in lines if ln.page == pages[0].number])
    )
    pre = lines[:first_head]
    body, date = _opening(pre)
    attendance = read_attendance(pre, _apologies_minute(lines, heads), ctx.pitch)
    if not attendance.people and heads:  # recorded inside the first minute ("1. Welcome")
        end = heads[1].index if len(heads) > 1 else len(lines)
        first = read_attendance(lines[heads[0].body : end], [], ctx.pitch)
        if first.people:
            attendance = first
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
                text=_text(item_lines, ctx.pitch),
                pages=[lines[head.index].page, last_page],
                resolutions=_resolutions(item_lines, ctx.pitch),
                agenda_item=head.agenda_item,
            )
        )
    if not heads:  # no minute headings: the decisions are the minutes' own
        items = _headless_item(lines, ctx.pitch)
    elif any(mover_line(ln.text) for ln in pre):  # motions minuted before the first heading
        items = _headless_item(pre, ctx.pitch) + items
    return Minutes(
        agenda_item=agenda_item or layouts[0].stamp_item,
        body=body,
        date=date,
        chairman=attendance.chairman,
        attendance=attendance.people,
        items=items,
        pages=[pages[0].number, pages[-1].number],
    )
