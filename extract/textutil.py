"""Text helpers shared by every structure parser."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.model import Line

_SOFT = "\xad"
_WS = re.compile(r"\s+")


def norm_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into running text, repairing hyphenation.

    A soft hyphen at a line end joins the halves ("father\\xad" + "inclusive" ->
    "fatherinclusive" is wrong, so the soft hyphen becomes a hard one only where
    the PDF printed it: "father-inclusive"). A hard hyphen at a line end after a
    letter joins without a space ("well-" + "being" -> "well-being"); a line that
    ends in a dash after a digit or space keeps the space ("2017-" + "March").
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith(_SOFT):
            out = out[:-1] + "-" + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out + line
        else:
            out = out + " " + line
    return out.replace(_SOFT, "-")


# The nouns that end the name of a body that meets ("Children's Services Scrutiny Committee",
# "Cabinet"): the one list every pattern looking for a body takes, through body_nouns(), saying
# what it looks for besides and what it leaves out.
BODY_NOUNS = (
    "Committee",
    "Sub-Committee",
    "Council",
    "Cabinet",
    "Board",
    "Panel",
    "Forum",
    "Assembly",
    "Executive",
    "Commission",
)
# the members of a body, acting for it ("Members agreed", "Councillors resolved")
MEMBER_NOUNS = ("Members", "Councillors")


def body_nouns(*more: str, but: Sequence[str] = ()) -> str:
    """BODY_NOUNS less ``but``, then ``more``, as a regex alternation (without a group)."""
    return "|".join([*(n for n in BODY_NOUNS if n not in but), *more])


_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
)
MONTH_WORDS = frozenset(_MONTHS) | frozenset(_MONTH_ABBREVIATIONS)  # lower case
_MONTH_ALT = "|".join([*_MONTHS, *_MONTH_ABBREVIATIONS])
DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?,?\s*(?P<month>"
    + _MONTH_ALT
    + r")\.?,?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
DATE_US_RE = re.compile(
    r"\b(?P<month>"
    + _MONTH_ALT
    + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
# Welsh: "13eg Mawrth 2019", "1af Ebrill 2019", "6ed o Fehefin 2024" (ordinal endings, and the
# month's mutated form after "o")
_WELSH_MONTHS = {
    "ionawr": 1,
    "chwefror": 2,
    "mawrth": 3,
    "fawrth": 3,
    "ebrill": 4,
    "mai": 5,
    "fai": 5,
    "mehefin": 6,
    "fehefin": 6,
    "gorffennaf": 7,
    "orffennaf": 7,
    "awst": 8,
    "medi": 9,
    "fedi": 9,
    "hydref": 10,
    "tachwedd": 11,
    "dachwedd": 11,
    "rhagfyr": 12,
}
DATE_CY_RE = re.compile(
    r"\b(?P<day>\d{1,2})(?:af|il|ydd|edd|ed|fed|eg|ain)?\s+(?:o\s+)?(?P<month>"
    + "|".join(_WELSH_MONTHS)
    + r"),?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
TIME_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])", re.IGNORECASE
)
TIME24_RE = re.compile(r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?:\s?(?:hrs|hours|h)\b|\b)")


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    for full, num in _MONTHS.items():
        if full.startswith(key[:3]):
            return num
    raise ValueError(name)


# "17th August 2 2021": a stray figure (a superscript's leftover) between month and year
_STRAY_DIGIT = re.compile(
    r"\b(?P<day>\d{1,2}(?:st|nd|rd|th))\s+(?P<month>[A-Z][a-z]{2,8})\s+\d{1,2}\s+(?P<year>\d{4})\b"
)


def find_date(text: str) -> str | None:
    """First date written out in words ("Monday, 3rd December, 2018") as YYYY-MM-DD."""
    text = _STRAY_DIGIT.sub(r"\g<day> \g<month> \g<year>", text)
    best: tuple[int, str] | None = None
    for rx in (DATE_RE, DATE_US_RE, DATE_CY_RE):
        m = rx.search(text)
        if not m:
            continue
        try:
            month = (
                _WELSH_MONTHS[m["month"].lower()] if rx is DATE_CY_RE else _month_number(m["month"])
            )
            day, year = int(m["day"]), int(m["year"])
        except ValueError:
            continue
        if not 1 <= day <= 31:
            continue
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        if best is None or m.start() < best[0]:
            best = (m.start(), iso)
    return best[1] if best else None


def find_time(text: str) -> str | None:
    """A time of day ("2.00 pm", "1.30pm", "10:00") as HH:MM."""
    m = TIME_RE.search(text)
    if m:
        h = int(m["h"])
        mins = int(m["m"] or 0)
        pm = m["ampm"].lower().startswith("p")
        if pm and h < 12:
            h += 12
        if not pm and h == 12:
            h = 0
        if h < 24 and mins < 60:
            return f"{h:02d}:{mins:02d}"
    m = TIME24_RE.search(text)
    if m:
        return f"{int(m['h']):02d}:{m['m']}"
    return None


# ------------------------------------------------ list labels and paragraphs
#
# Line-based helpers shared by the minutes and report parsers: what a list
# label at the start of a line is ("1.", "1.1", "(a)", "ii.", "•"), the usual
# line pitch of a document, and grouping lines into paragraphs by vertical gap.

_LABEL_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^(?P<v>[•·▪●◦■□➢►✓])\s*(?P<rest>\S.*)$"), "bullet", ""),
    (re.compile(r"^(?P<v>[\-–—])\s+(?P<rest>\S.*)$"), "bullet", ""),
    (re.compile(r"^(?P<v>o)\s+(?P<rest>[A-Z(“\"'].*)$"), "bullet", ""),
    (re.compile(r"^(?P<v>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<rest>[^\sa-z].*)$"), "sub", ""),
    (re.compile(r"^(?P<v>\d{1,3})\.\s+(?P<rest>[^\sa-z].*)$"), "num", "."),
    (re.compile(r"^\((?P<v>\d{1,3})\)\s*(?P<rest>\S.*)$"), "num", "()"),
    (re.compile(r"^(?P<v>\d{1,3})\)\s*(?P<rest>\S.*)$"), "num", ")"),
    (re.compile(r"^\((?P<v>[a-zA-Z]|[ivx]{2,6}|[IVX]{2,6})\)\s*(?P<rest>\S.*)$"), "alpha", "()"),
    (re.compile(r"^(?P<v>[a-zA-Z]|[ivx]{2,6}|[IVX]{2,6})\)\s*(?P<rest>\S.*)$"), "alpha", ")"),
    (re.compile(r"^(?P<v>[a-zA-Z]|[ivx]{2,6}|[IVX]{2,6})\.\s+(?P<rest>\S.*)$"), "alpha", "."),
)


@dataclass(frozen=True, slots=True)
class ListLabel:
    """A list label at the start of a line: ``kind`` is bullet, sub (1.2), num, alpha or roman."""

    kind: str
    style: str  # "." | ")" | "()" | "" (bullets, sub-numbers)
    value: str
    rest: str  # the line's text after the label

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.style)


def list_label(text: str) -> ListLabel | None:
    """The list label a line starts with, if any ("ii. That ..." -> roman "ii")."""
    text = text.strip()
    for rx, kind, style in _LABEL_PATTERNS:
        m = rx.match(text)
        if not m:
            continue
        value = m["v"]
        if kind == "alpha" and len(value) > 1:
            kind = "roman"
        return ListLabel(kind, style, value, m["rest"])
    return None


def line_pitch(lines: Sequence[Line]) -> float:
    """The usual distance between the tops of consecutive lines of running text.

    Measured where a sentence wraps (a full line followed by one starting in
    lower case), so tables and spaced-out lists do not count.
    """
    right = right_edge(lines)
    wrapped: Counter[int] = Counter()
    every: Counter[int] = Counter()
    for prev, line in itertools.pairwise(lines):
        if prev.page != line.page:
            continue
        step = line.bbox[1] - prev.bbox[1]
        if not 4 <= step <= 40:
            continue
        every[round(step)] += 1
        if prev.bbox[2] >= 0.8 * right and line.text[:1].islower():
            wrapped[round(step)] += 1
    counts = wrapped if sum(wrapped.values()) >= 3 else every
    if not counts:
        return 14.0
    return float(counts.most_common(1)[0][0])


def paragraph_break(prev: Line, line: Line, pitch: float) -> bool:
    """True where a vertical gap (more than the usual line pitch) separates two lines."""
    return prev.page == line.page and line.bbox[1] - prev.bbox[1] > 1.3 * pitch


def right_edge(lines: Sequence[Line]) -> float:
    """Where full lines of running text end (90th percentile of the right edges)."""
    xs = sorted(ln.bbox[2] for ln in lines)
    return xs[int(len(xs) * 0.9)] if xs else 0.0


def page_break_ends_paragraph(prev: Line, line: Line, right: float) -> bool:
    """At a page break: did the last line on the page end its paragraph?

    It did when it stops short of the right edge, ends a sentence or the next
    page starts further left (out of a table or list), and the next page
    starts with a capital, a digit or a list label; a sentence running on
    over the page break does none of these.
    """
    if prev.page == line.page:
        return False
    starts_new = line.text[:1].isupper() or line.text[:1].isdigit()
    ended = (
        prev.bbox[2] < 0.8 * right
        or prev.text.rstrip().endswith((".", ":", ";", "!", "?"))
        or line.bbox[0] < prev.bbox[0] - 20
    )
    return starts_new and ended


def paragraphs(lines: Sequence[Line], pitch: float | None = None) -> list[list[Line]]:
    """Group lines into paragraphs: a new one at a vertical gap or a list label.

    A page break ends a paragraph only where the page's last line did
    (``page_break_ends_paragraph``): sentences run on over pages.
    """
    pitch = pitch or line_pitch(lines)
    right = right_edge(lines)
    out: list[list[Line]] = []
    for line in lines:
        if (
            not out
            or paragraph_break(out[-1][-1], line, pitch)
            or page_break_ends_paragraph(out[-1][-1], line, right)
            or list_label(line.text) is not None
        ):
            out.append([line])
        else:
            out[-1].append(line)
    return out
