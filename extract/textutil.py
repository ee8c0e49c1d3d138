"""Text helpers shared by every structure parser."""

from __future__ import annotations

import re
from collections.abc import Iterable

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
_MONTH_ALT = "|".join(_MONTHS) + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?,?\s*(?P<month>"
    + _MONTH_ALT
    + r")\.?,?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
DATE_US_RE = re.compile(
    r"\b(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
TIME_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])", re.IGNORECASE
)
TIME24_RE = re.compile(r"\b(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\b")


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    for full, num in _MONTHS.items():
        if full.startswith(key[:3]):
            return num
    raise ValueError(name)


def find_date(text: str) -> str | None:
    """First date written out in words ("Monday, 3rd December, 2018") as YYYY-MM-DD."""
    best: tuple[int, str] | None = None
    for rx in (DATE_RE, DATE_US_RE):
        m = rx.search(text)
        if not m:
            continue
        try:
            day, month, year = int(m["day"]), _month_number(m["month"]), int(m["year"])
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
