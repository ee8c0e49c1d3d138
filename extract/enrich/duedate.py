"""Time expressions of a promise -> a due date or month, resolved against a meeting date.

``find_due(text, anchor)`` finds the first time expression in ``text`` and resolves it
against ``anchor`` (the date of the meeting the text belongs to). Rules, one per kind:

- a full date ("22 April 2024", "April 22, 2024") -> ``YYYY-MM-DD``;
- a month with a year ("January 2022", "Jan 18", "Feb '25") -> ``YYYY-MM``; a two-digit
  year counts only when it lies within [anchor year - 1, anchor year + 5], else it is a day;
- a month alone after a preposition ("in March", "by May") -> the first such month after
  the anchor's month;
- a span from now ("in six months", "within 12 weeks", "in a year's time") -> anchor + n,
  as ``YYYY-MM``;
- "next year" / "early next year" / "the new year" -> January of the next year; "later
  this year", "by the end of the year", "by year end" -> December of the anchor's year;
- a season -> the first month of the meteorological season (spring 3, summer 6, autumn 9,
  winter 12); without a year, the season that contains or follows the anchor; "end of",
  "early", "late" and "term" do not move it ("the end of the spring term 2024" -> 2024-03);
- a financial year ("in 2025/26", "during 2024-25") -> its first month, April; "by the end
  of 2024/25" -> its last month, March; "next financial year" -> April after the anchor;
- a quarter of a financial year ("Q3 2024/25") -> its first month (Q1 = April);
- a bare year after a preposition ("in 2025") -> January of it; "by the end of 2025" -> 12;
- "next meeting" -> the next meeting's date only when the caller knows it (``next_meeting``),
  else null; "a future meeting", recurring ("quarterly", "annual", "regular") and vague
  ("shortly", "in due course", "as it develops") phrases -> null with the phrase kept.

Nothing here names a council or copies a document's wording: these are English calendar
phrases. Without an anchor only absolute expressions resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
MONTH_PATTERN = _MONTH
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
    "twenty four": 24,
}
_NUM = r"(?:\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "one": 1, "two": 2}
_PREP = r"(?:in|by|until|before|during|for|from|at|on|of|early|late|mid|end of|start of)"

_I = re.IGNORECASE
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<year>\d{{4}})\b",
            _I,
        ),
    ),
    (
        "date_us",
        re.compile(
            rf"\b(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,\s*(?P<year>\d{{4}})\b", _I
        ),
    ),
    (
        "fy_quarter",
        re.compile(r"\bQ(?P<q>[1-4])\s+(?:of\s+)?(?P<y1>\d{4})\s*[/-]\s*(?P<y2>\d{2,4})\b", _I),
    ),
    (
        "fy_quarter_words",
        re.compile(
            r"\b(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter\s+of\s+(?:the\s+)?"
            r"(?P<y1>\d{4})\s*[/-]\s*(?P<y2>\d{2,4})\b",
            _I,
        ),
    ),
    (
        "fy",
        re.compile(
            r"(?:(?P<end>\b(?:by\s+)?(?:the\s+)?end\s+of\s+)|\b(?:in|during|by|for|from|throughout|over|"
            r"early|late|within)\s+)(?:the\s+)?(?:financial\s+year\s+)?"
            r"(?P<y1>(?:19|20)\d{2})\s*[/-]\s*(?P<y2>\d{2}|(?:19|20)\d{2})\b(?!\s*[/-]\s*\d)",
            _I,
        ),
    ),
    ("next_fy", re.compile(r"\b(?:the\s+)?next\s+financial\s+year\b", _I)),
    (
        "season",
        re.compile(
            r"\b(?:(?:the\s+)?(?:end|start|beginning)\s+of\s+)?(?:the\s+)?(?:early\s+|late\s+|mid-?\s*)?"
            r"(?P<season>spring|summer|autumn|winter)(?:\s+(?:term|months|period))?"
            r"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d{2}))?\b",
            _I,
        ),
    ),
    ("month_year", re.compile(rf"\b(?P<mon>{_MONTH}),?\s+(?P<year>(?:19|20)\d{{2}})\b", _I)),
    ("month_yy", re.compile(rf"\b(?P<mon>{_MONTH})\s+'?(?P<yy>\d{{2}})\b(?![\d:/.])", _I)),
    (
        "span",
        re.compile(
            rf"\b(?:in|within|after|over)\s+(?:the\s+next\s+|a\s+further\s+|another\s+)?"
            rf"(?P<n>{_NUM})\s+(?P<unit>months?|weeks?|years?)(?:['’]s?)?(?:\s+time)?\b",
            _I,
        ),
    ),
    (
        "span_time",
        re.compile(rf"\b(?P<n>{_NUM})\s+(?P<unit>months?|weeks?|years?)['’]s?\s+time\b", _I),
    ),
    (
        "year_end",
        re.compile(
            r"\b(?:later\s+this\s+year|(?:the\s+)?end\s+of\s+(?:the|this)\s+(?:calendar\s+)?year|year[- ]end)\b",
            _I,
        ),
    ),
    ("next_year_end", re.compile(r"\b(?:the\s+)?end\s+of\s+next\s+year\b", _I)),
    (
        "next_year",
        re.compile(r"\b(?:early\s+|during\s+|in\s+)?(?:next\s+year|the\s+new\s+year)\b", _I),
    ),
    (
        "year",
        re.compile(
            r"\b(?P<end>(?:by\s+)?(?:the\s+)?end\s+of\s+)?(?:(?:in|during|by|from|early|late)\s+)(?P<year>(?:19|20)\d{2})\b(?!\s*[/-]\s*\d)",
            _I,
        ),
    ),
    (
        "month",
        re.compile(rf"\b(?:{_PREP})\s+(?:the\s+)?(?:end\s+of\s+)?(?P<mon>{_MONTH})\b(?!\s+\d)", _I),
    ),
    (
        "next_meeting",
        re.compile(
            r"\b(?:(?:the|its|their|this\s+\w+['’]s)\s+(?:next|following|subsequent)|next)\s+(?:\w+\s+){0,2}?meeting\b",
            _I,
        ),
    ),
    (
        "future_meeting",
        re.compile(
            r"\b(?:a|at\s+a|to\s+a)\s+(?:future|later|subsequent)\s+(?:\w+\s+)?meeting\b|\bfuture\s+(?:\w+\s+)?meetings\b",
            _I,
        ),
    ),
    (
        "recurring",
        re.compile(
            r"\b(?:annual(?:ly)?|quarterly|monthly|six[- ]monthly|bi-?annual(?:ly)?|regular(?:ly)?|"
            r"every\s+(?:\w+\s+)?(?:months?|weeks?|years?|meeting)|each\s+meeting|at\s+(?:regular\s+)?intervals)\b",
            _I,
        ),
    ),
    (
        "vague",
        re.compile(
            r"\b(?:shortly|soon|in\s+due\s+course|as\s+(?:it|this|the\s+work)\s+develops|where\s+appropriate|"
            r"when\s+(?:available|known|appropriate)|in\s+the\s+future)\b",
            _I,
        ),
    ),
]
# Kinds that carry no date: used for due_text only when no dated phrase is present.
UNDATED = frozenset({"next_meeting", "future_meeting", "recurring", "vague"})


@dataclass(frozen=True, slots=True)
class Due:
    """A resolved time expression. ``last`` is the period's last month (YYYY-MM)."""

    due: str | None
    text: str
    kind: str
    start: int
    end: int
    last: str | None = None

    @property
    def dated(self) -> bool:
        return self.kind not in UNDATED


def _month_of(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTH_NAMES.get(key) or _MONTH_ABBR.get(key, 0)


def _ym(year: int, month: int) -> str:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}"


def _add_months(anchor: dt.date, n: int) -> str:
    return _ym(anchor.year, anchor.month + n)


def _fy_start(y1: str, y2: str) -> int | None:
    first = int(y1)
    second = int(y2) if len(y2) == 4 else (first // 100) * 100 + int(y2)
    if second == first + 1 or (len(y2) == 2 and second % 100 == (first + 1) % 100):
        return first
    return None


def _resolve(
    kind: str, m: re.Match[str], anchor: dt.date | None
) -> tuple[str | None, str | None] | None:
    """(due, last month) for one match, or None when the match is not a time expression."""
    g = m.groupdict()
    if kind in ("date", "date_us"):
        month = _month_of(g["mon"])
        try:
            day = dt.date(int(g["year"]), month, int(g["day"]))
        except ValueError:
            return None
        return day.isoformat(), day.isoformat()[:7]
    if kind == "month_year":
        ym = _ym(int(g["year"]), _month_of(g["mon"]))
        return ym, ym
    if kind == "month_yy":
        if anchor is None:
            return None
        year = 2000 + int(g["yy"])
        if not anchor.year - 1 <= year <= anchor.year + 5:
            return None  # "April 18" read as a day, not a year
        ym = _ym(year, _month_of(g["mon"]))
        return ym, ym
    if kind in ("fy", "fy_quarter", "fy_quarter_words"):
        start = _fy_start(g["y1"], g["y2"])
        if start is None:
            return None
        if kind == "fy":
            if g.get("end"):
                return _ym(start + 1, 3), _ym(start + 1, 3)
            return _ym(start, 4), _ym(start + 1, 3)
        q = int(g["q"]) if g["q"].isdigit() else _ORDINAL_QUARTER[g["q"].lower()]
        first = _ym(start, 4 + 3 * (q - 1))
        return first, _ym(start, 6 + 3 * (q - 1))
    if kind == "season":
        month = _SEASON_MONTH[g["season"].lower()]
        if g.get("year"):
            year = int(g["year"])
        elif anchor is None:
            return None
        else:  # the season that contains or follows the anchor
            now = anchor.isoformat()[:7]
            year = next(
                y
                for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                if _ym(y, month + 2) >= now
            )
        return _ym(year, month), _ym(year, month + 2)
    if anchor is None:
        return None
    if kind == "next_fy":
        start = anchor.year if anchor.month >= 4 else anchor.year - 1
        return _ym(start + 1, 4), _ym(start + 2, 3)
    if kind in ("span", "span_time"):
        word = g["n"].lower()
        n = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        unit = g["unit"].lower()
        if unit.startswith("week"):
            ym = (anchor + dt.timedelta(weeks=n)).isoformat()[:7]
        else:
            ym = _add_months(anchor, n * (12 if unit.startswith("year") else 1))
        return ym, ym
    if kind == "year_end":
        return _ym(anchor.year, 12), _ym(anchor.year, 12)
    if kind == "next_year_end":
        return _ym(anchor.year + 1, 12), _ym(anchor.year + 1, 12)
    if kind == "next_year":
        return _ym(anchor.year + 1, 1), _ym(anchor.year + 1, 12)
    if kind == "year":
        year = int(g["year"])
        if g.get("end"):
            return _ym(year, 12), _ym(year, 12)
        return _ym(year, 1), _ym(year, 12)
    if kind == "month":
        month = _month_of(g["mon"])
        year = anchor.year if month > anchor.month else anchor.year + 1
        return _ym(year, month), _ym(year, month)
    return None


def find_all(text: str, anchor: dt.date | None) -> list[Due]:
    """Every time expression in ``text``, in order, overlapping matches resolved longest-first."""
    found: list[Due] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind in UNDATED:
                found.append(Due(None, m.group(0), kind, s, e))
                taken.append((s, e))
                continue
            resolved = _resolve(kind, m, anchor)
            if resolved is None:
                continue
            due, last = resolved
            found.append(Due(due, m.group(0).strip(), kind, s, e, last))
            taken.append((s, e))
    return sorted(found, key=lambda d: d.start)


def find_due(text: str, anchor: dt.date | None, next_meeting: str | None = None) -> Due | None:
    """The first dated expression in ``text``; else the first undated one (null date)."""
    found = find_all(text, anchor)
    for d in found:
        if d.dated:
            return d
    for d in found:
        if d.kind == "next_meeting" and next_meeting:
            return Due(next_meeting, d.text, d.kind, d.start, d.end, next_meeting[:7])
    return found[0] if found else None


def resolve_due(
    phrase: str, anchor: str | dt.date | None, next_meeting: str | None = None
) -> str | None:
    """Convenience: the due value of ``phrase`` ("in six months", "the autumn") or None."""
    if isinstance(anchor, str):
        anchor = parse_date(anchor)
    d = find_due(phrase, anchor, next_meeting)
    return d.due if d else None


def parse_date(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` -> date; anything else -> None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_past(d: Due, anchor: dt.date | None) -> bool:
    """Does the whole period lie before the meeting (so it cannot be a promise of later)?"""
    if anchor is None or d.due is None:
        return False
    if len(d.due) == 10:
        return d.due <= anchor.isoformat()
    return (d.last or d.due) < anchor.isoformat()[:7]
