"""The meetings a question's dates point at: "in October 2023", "on 8 July 2024", "in the
autumn of 2018", "before March 2024", "since 2021", "since last year".

``meeting_period(question, today)`` returns a :class:`MeetingPeriod`, the span of meeting
dates the question names (first and last day, either end open), or ``None`` when it names
none. A when-last or decision question then looks first at the meetings in that span
(:func:`service.query.meetings.in_period`); when none of them is relevant the span is not a
constraint (the date may belong to the topic, "the plan of business for 2019", not to the
meeting that discussed it).

A year on its own ("in 2018", "the 2021 activity week", "the plan for 2017-18", "last
year") is not read as the meetings': as often as not it is the topic's year. Measured
(``python -m benchmarks.meeting_dates``): reading bare years too lost a test decision
(0.778 -> 0.667) and gained nothing on dev, test when-last or real; months, days, seasons
and before / after / since / until changed no figure of the three sets, and answer
questions of that kind on the sample packs ("... in January 2024" answered 8 July 2024).

Relative dates ("since last year", "before last month") are read against ``today`` (the
day the question is asked), never against the papers. Nothing here knows a council.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

OPEN_START = "0001-01-01"
OPEN_END = "9999-12-31"

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEASON = "|".join(SEASONS)
# "before", "after", "since", "until": an open span; "in", "during", "at", "of", "from":
# the date itself (a date with no preposition is read as the date itself too)
_EDGE = r"(?P<edge>before|prior\s+to|until|till|up\s+to|after|since|from)\s+(?:the\s+)?"
_DATE = (
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?"
    r"(?:(?P<month>" + _MONTH + r")\.?|(?P<season>" + _SEASON + r")(?:\s+of)?)?\s*"
    r"(?<![£$€\d.,])(?P<year>(?:199|20\d)\d)(?:\s*[/-]\s*(?P<next>\d{2,4}))?\b(?![.,]\d|\s*%)"
)
_ABSOLUTE = re.compile(r"\b(?:" + _EDGE + r")?" + _DATE, re.I)
_RELATIVE = re.compile(
    r"\b(?:(?P<edge>before|since|after)\s+)?(?P<which>last|this|past)\s+(?P<unit>year|month)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class MeetingPeriod:
    """Meeting dates from ``first`` to ``last`` (ISO days, inclusive; ``OPEN_START`` /
    ``OPEN_END`` for an open end) and the words that named them."""

    first: str
    last: str
    said: str

    def holds(self, date: str | None) -> bool:
        return bool(date) and self.first <= str(date) <= self.last

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": None if self.first == OPEN_START else self.first,
            "to": None if self.last == OPEN_END else self.last,
            "said": self.said,
        }


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _span(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The days a matched date names."""
    year = int(m.group("year"))
    if m.group("month"):
        month = MONTHS[m.group("month").lower()]
        if m.group("day"):
            try:
                day = dt.date(year, month, int(m.group("day")))
            except ValueError:
                return None
            return day, day
        return dt.date(year, month, 1), _month_end(year, month)
    if m.group("season"):
        first, end = SEASONS[m.group("season").lower()]
        end_year, end_month = year + (end - 1) // 12, (end - 1) % 12 + 1
        return dt.date(year, first, 1), _month_end(end_year, end_month)
    if m.group("next"):  # a financial or academic year: 2017/18, 2017-2018
        return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _relative(m: re.Match[str], today: dt.date) -> tuple[dt.date, dt.date]:
    unit, which = m.group("unit").lower(), m.group("which").lower()
    if unit == "year":
        if which == "this":
            return dt.date(today.year, 1, 1), today
        if which == "past":
            return today - dt.timedelta(days=365), today
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if which == "this":
        return today.replace(day=1), today
    if which == "past":
        return today - dt.timedelta(days=31), today
    last_month_end = today.replace(day=1) - dt.timedelta(days=1)
    return last_month_end.replace(day=1), last_month_end


def _bounded(edge: str | None, span: tuple[dt.date, dt.date]) -> tuple[str, str]:
    """A span, opened on one side by "before" / "after" / "since" ..."""
    first, last = span
    e = " ".join((edge or "").lower().split())
    if e in ("before", "prior to"):
        return OPEN_START, (first - dt.timedelta(days=1)).isoformat()
    if e in ("until", "till", "up to"):
        return OPEN_START, last.isoformat()
    if e == "after":
        return (last + dt.timedelta(days=1)).isoformat(), OPEN_END
    if e in ("since", "from"):
        return first.isoformat(), OPEN_END
    return first.isoformat(), last.isoformat()


def meeting_period(question: str, today: dt.date | None = None) -> MeetingPeriod | None:
    """The meeting dates the question names (see the module docstring); several dates give
    the span from the earliest to the latest; ``None`` when it names none."""
    today = today or dt.date.today()
    spans: list[tuple[str, str, str]] = []
    for m in _ABSOLUTE.finditer(question):
        span = _span(m)
        if span is not None and (m.group("month") or m.group("season") or m.group("edge")):
            spans.append((*_bounded(m.group("edge"), span), m.group(0).strip()))
    for m in _RELATIVE.finditer(question):
        if m.group("edge"):
            spans.append((*_bounded(m.group("edge"), _relative(m, today)), m.group(0).strip()))
    if not spans:
        return None
    return MeetingPeriod(
        min(a for a, _, _ in spans), max(b for _, b, _ in spans), "; ".join(s for *_, s in spans)
    )
