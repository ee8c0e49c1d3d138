"""Figures: money, percentages, counts with their noun, rates, durations, ranges.

One regex pass finds candidates in every sentence; what is *not* a figure is
masked first (dates, times, phone numbers, postcodes, e-mails, URLs,
paragraph and item numbers, ordinals, years alone, financial periods).
Periods such as ``2016/17`` become the ``period`` of the figure nearest to
them in the same sentence. ``about`` comes from the spaCy parse of just the
sentences that hold figures (noun the number modifies, ``of`` complement,
clause subject), falling back to the nearest noun chunk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.enrich import nlp as nlp_mod
from extract.enrich.text import Block, sentences
from extract.model import Figure
from extract.textutil import DATE_RE, DATE_US_RE, MONTH_WORDS, TIME_RE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_DASH = r"(?:\s?(?:–|—|to)\s?|-|\s-\s)"  # "230-300", "230 – 300"; not "6.5 -1.8"
_MULT = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
}
_MULT_RE = r"(?:k|m|mn|bn|million|billion|thousand)"

MONEY = re.compile(
    rf"(?P<neg>[-−]\s?)?£\s?(?P<num>{NUM})\s?(?P<mult>{_MULT_RE})?(?![\w£])"
    rf"(?:{_DASH}£?\s?(?P<num2>{NUM})\s?(?P<mult2>{_MULT_RE})?(?![\w£]))?",
    re.IGNORECASE,
)
PERCENT = re.compile(
    rf"(?<![\w.£/])(?P<num>{NUM})\s?(?P<pct1>%|per\s?cent\b|percent\b)?"
    rf"(?:{_DASH}(?P<num2>{NUM}))?\s?(?P<pct>%|per\s?cent\b|percent\b|percentage points?\b|pp\b)",
    re.IGNORECASE,
)
RATE = re.compile(
    rf"(?<![\w.£])(?P<num>{NUM})(?P<mid>(?:\s(?!per\b)[A-Za-z()'’-]+){{0,6}}?)"
    rf"\s(?:per|/)\s(?P<base>1,?000(?:,?000)?|10,?000|100,?000|1,?000,?000)\b",
)
DURATION = re.compile(
    rf"(?<![\w.£])(?P<num>{NUM})(?:{_DASH}(?P<num2>{NUM}))?[\s-]?"
    r"(?P<unit>years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?)\b(?P<old>\s?old)?",
    re.IGNORECASE,
)
AGED = re.compile(
    rf"\b(?P<aged>aged|age|ages)\s(?:between\s)?(?P<num>\d{{1,2}})(?:{_DASH}|\sand\s)"
    r"(?P<num2>\d{1,2})\b(?!\s?%)"
)
# an age reached: "when a young person turns 18", "until they reach the age of 25"
TURNS = re.compile(
    r"\b(?:turns?|turning|turned|reach(?:es|ed|ing)?\s+the\s+age\s+of|until\s+the\s+age\s+of"
    r"|up\s+to\s+the\s+age\s+of|at\s+the\s+age\s+of|over\s+the\s+age\s+of)\s(?P<num>\d{1,2})\b"
    r"(?!\s?%)"
)
# "1.5 million people", "circa 1.9m residents": a count with a multiplier, no currency sign
SCALED = re.compile(
    rf"(?<![\w.,£$€/-])(?P<num>{NUM})\s?(?P<mult>million|billion|thousand|mn|bn|m|k)\b(?!\s?£)",
    re.IGNORECASE,
)
# numbers written as words ("three categories", "a three-month window"); not "one" (a
# pronoun as often as a number) and not fractions ("two thirds", "three quarters")
_WORD_VALUES = {
    w: float(n)
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
    if n >= 2
} | {
    w: float(10 * n)
    for n, w in enumerate(
        ["_", "_", "_", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if n >= 3
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
WORD_NUMBER = re.compile(
    rf"(?<![\w-])(?P<word>(?:{_TENS})-(?:{_UNITS})|" + "|".join(_WORD_VALUES) + r")"
    r"(?:[\s-](?P<unit>years?|months?|weeks?"
    r"|days?|hours?)\b)?(?![\w-])(?!\s(?:quarters?|thirds?|fifths?|tenths?|times|or\s+more\b))",
    re.IGNORECASE,
)
BARE = re.compile(rf"(?<![\w.,£/:-])(?P<num>{NUM})(?:{_DASH}(?P<num2>{NUM}))?(?![\w%£/:]|\.\d|,\d)")

PERIOD = re.compile(
    r"\b(?:(?:Q[1-4]|Quarter\s[1-4])\s)?(?P<y1>(?:19|20)\d{2})\s?[/-]\s?(?P<y2>(?:19|20)?\d{2})\b"
    r"|\b(?:Q[1-4]|Quarter\s[1-4])(?:\s(?:of\s)?(?:19|20)\d{2})?\b",
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
MONTH_YEAR = re.compile(rf"\b{_MONTHS}\.?,?\s(?:19|20)\d{{2}}\b")
DAY_MONTH = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s(?:and|&|-|–|to)\s\d{{1,2}}(?:st|nd|rd|th)?)?\s(?:of\s)?{_MONTHS}\b"
    rf"|\b{_MONTHS}\s\d{{1,2}}(?:st|nd|rd|th)?\b",
)
YEAR_AS_PERIOD = re.compile(
    r"\b(?:in|during|for|since|by|of|from|until|to|between)\s((?:19|20)\d{2})\b(?!\s?[/-])"
)
PHONE = re.compile(r"(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
EMAIL_URL = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(?:gov|org|co|ac|nhs)\.uk\S*")
ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b")
LEADER = re.compile(r"(?:\.{3,}|…+)\s*\d+")  # contents lines: "Reserves ........ 7"
TIME24 = re.compile(
    r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\s?(?:hrs|hours|am|pm)?\b|\b(?:[01]?\d|2[0-3]):[0-5]\d\b"
)
PARA_NO = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|\(?[a-z]\)|\(?[ivx]{1,4}\))(?=\s)")
# a number that labels something: "Page 7", "paragraph 2.1", "Item 4", "Section 149"
LABEL = re.compile(
    r"\b(?:pages?|pp?\.|items?|paragraphs?|paras?\.?|sections?|s\.|parts?|appendix|appendices|annexe?s?|"
    r"stages?|questions?|q|orders?|regs?\.?|regulations?|tables?|figures?|figs?\.|chapters?|"
    r"schedules?|clauses?|floor|room|tel\.?|telephone|phone|mobile|fax|no\.|nos\.|number|ward|route|"
    r"versions?|v|levels?|year|step|phase|priority|option|box|unit|block|articles?|rules?|minutes?|"
    r"act|acts|objective|outcome|recommendations?|ref\.?|reference|aim|goal|principle|tier|band|"
    r"grade|key stage|ks|lot|bus|junction|area|district|cohort|wave|round|day|week|month|"
    r"post|pre|"
    r"quarter|class|group|team)\s*(?:no\.?\s*)?$",
    re.IGNORECASE,
)
# words that can follow a number without it counting anything
_NOT_NOUN = {
    "of",
    "and",
    "or",
    "to",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "who",
    "which",
    "that",
    "this",
    "these",
    "those",
    "it",
    "as",
    "than",
    "per",
    "am",
    "pm",
    "hrs",
    "but",
    "if",
    "so",
    "into",
    "onto",
    "out",
    "up",
    "down",
    "above",
    "below",
    "over",
    "under",
    "more",
    "less",
    "fewer",
    "will",
    "would",
    "can",
    "could",
    "may",
    "should",
    "must",
    "did",
    "do",
    "does",
    "not",
    "no",
    "yes",
    "we",
    "they",
    "he",
    "she",
    "you",
    "i",
    "there",
    "where",
    "when",
    "while",
    "whilst",
    "also",
    "only",
    "all",
    "about",
    "approximately",
    "around",
    "between",
    "after",
    "before",
    "since",
    "until",
    "against",
    "each",
    "every",
    "plus",
    "x",
    "vs",
    "compared",
    "respectively",
    "total",
    "overall",
}
_UNITS_WORDS = {"am", "pm", "hrs"}
_LENGTHS = {"wide", "high", "long", "tall", "deep", "metres", "meters", "away", "square"}
_DUR_UNIT = {
    "y": "years",
    "m": "months",
    "w": "weeks",
    "d": "days",
    "h": "hours",
}


def _num(s: str) -> float:
    return float(s.replace(",", ""))


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    value: float
    unit: str
    value_max: float | None = None
    per: float | None = None
    noun_required: bool = False  # a bare count: keep only with a noun it counts
    hint: str | None = None  # words the pattern itself names ("553 older people per 100,000")
    changed: bool = False  # the second figure of "from 38 to 51": about what the first is


# ---------------------------------------------------------------- masking


def _masked(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for rx in (
        EMAIL_URL,
        PHONE,
        POSTCODE,
        DATE_RE,
        DATE_US_RE,
        DAY_MONTH,
        MONTH_YEAR,
        TIME_RE,
        TIME24,
        ORDINAL,
        LEADER,
    ):
        spans.extend(m.span() for m in rx.finditer(text))
    m = PARA_NO.match(text)
    if m:
        spans.append(m.span())
    return spans


def periods_in(text: str) -> list[tuple[int, int, str]]:
    """Financial/academic years and quarters ("2016/17", "2021-22", "Q3 2024/25")."""
    out: list[tuple[int, int, str]] = []
    for m in PERIOD.finditer(text):
        if m["y1"]:
            y1, y2 = int(m["y1"]), m["y2"]
            y2n = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
            if not 0 < y2n - y1 <= 10:
                continue
        out.append((m.start(), m.end(), " ".join(m.group(0).split())))
    return out


def _fallback_periods(text: str) -> list[tuple[int, int, str]]:
    out = [(m.start(), m.end(), m.group(0)) for m in MONTH_YEAR.finditer(text)]
    for m in YEAR_AS_PERIOD.finditer(text):
        if re.search(r"\bAct\s*$", text[: m.start(1)]):
            continue
        out.append((m.start(1), m.end(1), m.group(1)))
    return out


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z][A-Za-z.]*)\s*(?:no\.?\s*)?[(\[]?$", text[:pos])
    return m.group(1) if m else ""


# a road or a grade printed as a capital letter before its number ("the A 36", "M 25")
ROAD = re.compile(r"\b[ABM]\s*$")


def _labelled(text: str, pos: int) -> bool:
    before = text[max(0, pos - 20) : pos].rstrip("( ")
    return bool(LABEL.search(before) or ROAD.search(before))


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s?([A-Za-z][\w'’-]*)", text[pos:])
    return m.group(1) if m else ""


def _is_tabular(text: str) -> bool:
    toks = text.split()
    nums = sum(1 for t in toks if re.fullmatch(r"[£(-]?\d[\d,.]*%?\)?", t))
    return nums >= 3 and nums >= 0.4 * len(toks)


def _after_from(text: str, pos: int) -> bool:
    """ "risen from 38 to 51": a change between two figures, not a range."""
    return bool(re.search(r"\bfrom\s*$", text[:pos]))


def _range_or_change(
    text: str, m: re.Match[str], unit: str, value: float, value2: float
) -> list[Candidate]:
    """One candidate for "230-300" (a range); two for "from 38 to 51" (a change)."""
    if not m["num2"]:
        return [Candidate(m.start(), m.end(), value, unit)]
    if _after_from(text, m.start()):
        return [
            Candidate(m.start(), m.end("num"), value, unit),
            Candidate(m.start("num2"), m.end(), value2, unit, changed=True),
        ]
    return [Candidate(m.start(), m.end(), value, unit, value2)]


@dataclass(slots=True)
class _Scan:
    """One sentence being scanned: what is masked, what earlier patterns took, the finds."""

    text: str
    masked: list[tuple[int, int]]
    taken: list[tuple[int, int]]
    out: list[Candidate]

    def free(self, span: tuple[int, int]) -> bool:
        return not _overlaps(span, self.masked) and not _overlaps(span, self.taken)

    def add(self, span: tuple[int, int], *found: Candidate) -> None:
        self.out.extend(found)
        self.taken.append(span)


def _money(scan: _Scan) -> None:
    text = scan.text
    for m in MONEY.finditer(text):
        if not scan.free(m.span()):
            continue
        if re.fullmatch(r"0{2,}", m["num"].replace(",", "")):
            continue  # "£000" column headings
        mult = _MULT.get((m["mult"] or "").lower(), 1.0)
        value = _num(m["num"]) * mult
        if m["neg"]:
            value = -value
        vmax = None
        if m["num2"]:
            mult2 = _MULT.get((m["mult2"] or "").lower(), 0.0) or mult
            if not m["mult"] and m["mult2"]:
                value *= mult2  # "£1-2m"
            vmax = _num(m["num2"]) * mult2
        if vmax is not None and _after_from(text, m.start()):
            end1 = m.end("mult") if m["mult"] else m.end("num")
            start2 = m.start("num2") - (text[m.start("num2") - 1] == "£")
            scan.add(
                m.span(),
                Candidate(m.start(), end1, value, "GBP"),
                Candidate(start2, m.end(), vmax, "GBP"),
            )
        else:
            scan.add(m.span(), Candidate(m.start(), m.end(), value, "GBP", vmax))


def _rates_and_percents(scan: _Scan) -> None:
    text = scan.text
    for m in RATE.finditer(text):
        if not scan.free(m.span()) or _labelled(text, m.start()):
            continue
        mid = " ".join(re.sub(r"\([^)]*\)?", " ", m["mid"]).split()) or None
        rate = Candidate(m.start(), m.end(), _num(m["num"]), "rate", per=_num(m["base"]), hint=mid)
        scan.add(m.span(), rate)
    for m in PERCENT.finditer(text):
        span = m.span()
        if m["num2"] and not m["pct1"] and not 0 <= _num(m["num"]) <= _num(m["num2"]):
            span = (m.start("num2"), m.end())  # "in 2022 to 24%": only the 24% is a percentage
        if not scan.free(span):
            continue
        unit = (
            "percentage points" if m["pct"].lower().startswith(("percentage", "pp")) else "percent"
        )
        if span[0] != m.start():
            scan.add(span, Candidate(span[0], span[1], _num(m["num2"]), unit))
        else:
            scan.add(span, *_range_or_change(text, m, unit, _num(m["num"]), _num(m["num2"] or "0")))


def _ages_and_durations(scan: _Scan) -> None:
    text = scan.text
    for m in AGED.finditer(text):
        span = (m.start("num"), m.end("num2"))
        if scan.free(span):
            who = re.search(r"((?:[A-Za-z][\w'’-]*\s){1,3})$", text[: m.start()])
            hint = f"{who.group(1).strip()} {m['aged']}".strip() if who else m["aged"]
            age = Candidate(span[0], span[1], _num(m["num"]), "years", _num(m["num2"]), hint=hint)
            scan.add(span, age)
    for m in TURNS.finditer(text):
        if scan.free(m.span("num")):
            age = Candidate(m.start("num"), m.end("num"), _num(m["num"]), "years", hint="age")
            scan.add(m.span("num"), age)
    for m in DURATION.finditer(text):
        if not scan.free(m.span()) or _labelled(text, m.start()):
            continue
        unit = _DUR_UNIT[m["unit"][0].lower()]
        if m["unit"].lower().startswith("min"):
            unit = "minutes"
        vmax = _num(m["num2"]) if m["num2"] else None
        scan.add(m.span(), Candidate(m.start(), m.end(), _num(m["num"]), unit, vmax))


def _scaled_and_words(scan: _Scan) -> None:
    text = scan.text
    for m in SCALED.finditer(text):
        if not scan.free(m.span()) or _labelled(text, m.start()):
            continue
        if _next_word(text, m.end()).lower() in _LENGTHS:
            continue  # "a 2m wide path": metres
        value = _num(m["num"]) * _MULT[m["mult"].lower()]
        scan.add(m.span(), Candidate(m.start(), m.end(), value, "count", noun_required=True))
    for m in WORD_NUMBER.finditer(text):
        if not scan.free(m.span()):
            continue
        # "twenty-three" = 20 + 3; "one" is the only word the table leaves out
        value = sum(_WORD_VALUES.get(w, 1.0) for w in m["word"].lower().split("-"))
        if m["unit"]:
            found = Candidate(m.start(), m.end(), value, _DUR_UNIT[m["unit"][0].lower()])
        else:
            found = Candidate(m.start(), m.end(), value, "count", noun_required=True)
        scan.add(m.span(), found)


def _bare_counts(scan: _Scan) -> None:
    text = scan.text
    for m in BARE.finditer(text):
        if not scan.free(m.span()):
            continue
        raw = m["num"]
        if re.fullmatch(r"(?:19|20)\d{2}", raw) and not m["num2"]:
            continue  # a year alone
        if _labelled(text, m.start()):
            continue
        if "." in raw and not m["num2"] and re.fullmatch(r"\d{1,2}\.\d{1,2}", raw):
            # "1.5 days" is a duration (taken above); a lone "2.1" is a paragraph reference
            nxt = _next_word(text, m.end())
            if not nxt or nxt[:1].isupper():
                continue
        prev = _prev_word(text, m.start())
        nxt = _next_word(text, m.end())
        low = nxt.lower()
        if low in MONTH_WORDS or low in _UNITS_WORDS:
            continue
        if (
            prev[:1].isupper()
            and nxt[:1].isupper()
            and not re.search(r"[.!?:;]\s*\S+\s*$", text[: m.start()])
        ):
            continue  # "Curriculum 4 Life", "Key Stage 1 Results": part of a name
        if "." in raw:
            continue  # a count is whole; bare decimals are table values in £m or %
        for c in _range_or_change(text, m, "count", _num(raw), _num(m["num2"] or "0")):
            c.noun_required = True
            scan.out.append(c)


def candidates(text: str) -> list[Candidate]:
    """Regex figures in one sentence, with exclusions applied (no parse needed).

    Each kind of figure is looked for in turn, most specific first; a span one kind
    takes is not read again by the next ("£3.7m" is money, not a count).
    """
    scan = _Scan(text, _masked(text), [(s, e) for s, e, _ in periods_in(text)], [])
    for kind in (_money, _rates_and_percents, _ages_and_durations, _scaled_and_words, _bare_counts):
        kind(scan)
    scan.out.sort(key=lambda c: c.start)
    return scan.out


# -------------------------------------------------------------------- about

_COMPARATIVES = {"more", "less", "fewer", "above", "over", "under", "below", "higher", "lower"}
_LEAD_DROP = {"DET", "PRON", "NUM", "ADP", "CCONJ", "PUNCT", "SYM", "PART", "ADV"}


def _np_token(doc: Doc, i: int, fig: Span) -> bool:
    """May token ``i`` be part of a noun phrase ("looked after children", "children's")?"""
    if i < 0 or i >= len(doc) or fig.start <= i < fig.end:
        return False
    t = doc[i]
    if t.pos_ in {"NOUN", "PROPN", "ADJ"} or t.tag_ == "POS":
        return not t.like_num
    if t.dep_ == "amod" and t.tag_ in {"VBG", "VBN"} and t.head.i > i:
        return True  # "the eight remaining centres"
    if t.text == "-" and i > 0 and not doc[i - 1].whitespace_ and not t.whitespace_:
        return True
    if t.lower_ == "looked" and i + 1 < len(doc) and doc[i + 1].lower_ == "after":
        return True
    if t.lower_ == "after" and i > 0 and doc[i - 1].lower_ == "looked":
        return True
    # a mis-tagged head noun: "45 Foster Placement moves"
    return i > 0 and doc[i - 1].dep_ == "compound" and doc[i - 1].head.i == i


def _run_right(doc: Doc, i: int, fig: Span) -> int:
    j = i
    while _np_token(doc, j, fig):
        j += 1
    return j


def _run_left(doc: Doc, i: int, fig: Span) -> int:
    j = i
    while _np_token(doc, j - 1, fig):
        j -= 1
    return j


def _text(doc: Doc, a: int, b: int) -> str:
    toks = list(doc[a:b])
    while toks and (toks[0].pos_ in _LEAD_DROP or toks[0].tag_ == "POS"):
        toks = toks[1:]
    while toks and (toks[-1].pos_ in {"ADP", "CCONJ", "PUNCT", "DET"} or toks[-1].text == "-"):
        toks = toks[:-1]
    if not toks:
        return ""
    text = "".join(t.text_with_ws for t in toks).strip()
    return " ".join(text.split()[:8])


def _has_noun(doc: Doc, a: int, b: int) -> bool:
    return any(
        doc[k].pos_ in {"NOUN", "PROPN"} or doc[k].dep_ == "compound" for k in range(a, b)
    ) or (b > a and doc[b - 1].head.i < b and doc[b - 1].pos_ != "ADJ")


_TIME_NOUNS = {
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "quarter",
    "day",
    "days",
    "time",
}


def _phrase_after(doc: Doc, i: int, fig: Span) -> str | None:
    """The noun phrase starting at token ``i``, with "and ..." and a trailing participle."""
    j = _run_right(doc, i, fig)
    if j == i or not _has_noun(doc, i, j) or doc[j - 1].lower_ in _TIME_NOUNS:
        return None
    # "children and young people"
    if j + 1 < len(doc) and doc[j].lower_ in {"and", "&"}:
        k = _run_right(doc, j + 1, fig)
        if k > j + 1 and _has_noun(doc, j + 1, k) and k - i <= 8:
            j = k
    # "plans audited", "children in care" (not "people aged 4-18")
    nxt_num = j + 1 < len(doc) and doc[j + 1].like_num
    participle = j < len(doc) and doc[j].tag_ in {"VBN", "VBD"} and doc[j].pos_ != "AUX"
    ends = j + 1 >= len(doc) or doc[j + 1].is_punct
    if participle and (doc[j].head.i < j or ends) and not nxt_num:
        j += 1
    elif j + 1 < len(doc) and doc[j].lower_ == "in" and doc[j + 1].pos_ == "NOUN":
        k = _run_right(doc, j + 1, fig)
        if k - (j + 1) <= 2:
            j = k
    return _text(doc, i, j) or None


def _phrase_at(doc: Doc, noun: Token, fig: Span) -> str | None:
    """The noun phrase ending at (or running through) ``noun``."""
    a = _run_left(doc, noun.i, fig)
    b = _run_right(doc, noun.i, fig)
    return _text(doc, a, max(b, noun.i + 1)) or None


def _clause_subject(tok: Token) -> Token | None:
    head = tok
    for _ in range(6):
        if head.pos_ in {"VERB", "AUX"} or head.dep_ == "ROOT":
            for c in head.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ not in {"PRON", "DET"}:
                    return c
            if head.dep_ == "ROOT":
                return None
        head = head.head
    return None


def _before_bracket(doc: Doc, fig: Span) -> str | None:
    """The noun phrase a bracketed figure follows ("the running costs of the six centres
    (£1.01m)" -> "six centres"), looking back past numbers and function words."""
    for k in range(fig.start - 2, max(-1, fig.start - 8), -1):
        tok = doc[k]
        if tok.text in {".", ";", ":", "(", ")"}:
            return None
        if tok.pos_ in {"NOUN", "PROPN"} and not tok.like_num:
            # up the "of"/"with"/"to" chain to the phrase's head: "the cost of the Youth
            # Activities Grant Fund (£0.35m)" -> "cost"
            while (
                tok.dep_ == "pobj"
                and tok.head.dep_ == "prep"
                and tok.head.head.pos_ in {"NOUN", "PROPN"}
                and tok.head.head.i < tok.i
            ):
                tok = tok.head.head
            return _phrase_at(doc, tok, fig)
    return None


def _after_figure(doc: Doc, fig: Span, after: int) -> str | None:
    """What follows the figure names what it is for or of whom: "£8.6m to meet placement
    pressures", "88% for England", "398 aged 19 to 21"."""
    if after >= len(doc):
        return None
    word = doc[after].lower_
    if word == "aged":
        m = re.match(r"aged\s+\d{1,2}(?:\s*(?:-|–|to|and)\s*\d{1,2})?", doc[after:].text)
        return m.group(0) if m else None
    if word == "for" and after + 1 < len(doc):
        return _phrase_after(doc, after + 1, fig)
    if word == "to" and after + 1 < len(doc) and doc[after + 1].pos_ == "VERB":
        verb = doc[after + 1]
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        phrase = _phrase_at(doc, obj, fig) if obj is not None else None
        return f"{verb.text} {phrase}" if phrase else None
    return None


_CHANGE_PREPS = {"to", "from", "at", "by"}


def _changed_to(doc: Doc, root: Token, fig: Span) -> str | None:
    """A count a clause moves something to: "the number of households had fallen to 312",
    "increase the number of supported lodgings hosts to 30": what the verb moves (its
    object, else its subject)."""
    head = root.head
    if root.dep_ != "pobj" or head.lower_ not in _CHANGE_PREPS or head.head.pos_ != "VERB":
        return None
    verb = head.head
    for dep in ("dobj", "nsubj", "nsubjpass"):
        arg = next((c for c in verb.children if c.dep_ == dep and c.pos_ != "PRON"), None)
        if arg is not None and not fig.start <= arg.i < fig.end:
            found = _phrase_of(doc, arg, fig)
            if found:
                return found
    return None


def _phrase_of(doc: Doc, noun: Token, fig: Span) -> str | None:
    """ "the number of supported lodgings hosts": a noun phrase with its "of" complement."""
    base = _phrase_at(doc, noun, fig)
    end = _run_right(doc, noun.i, fig)
    if base and end + 1 < len(doc) and doc[end].lower_ == "of":
        more = _phrase_after(doc, end + 1, fig)
        if more:
            return f"{base} of {more}"
    return base


def about_from_parse(doc: Doc, start: int, end: int, unit: str) -> str | None:
    """What the figure at characters [start, end) of ``doc`` measures."""
    fig = doc.char_span(start, end, alignment_mode="expand")
    if fig is None or not len(fig):
        return None
    root = fig.root
    after = fig.end
    if (
        after < len(doc)
        and doc[after].text == ")"
        and fig.start > 0
        and doc[fig.start - 1].text == "("
    ):
        after += 1  # "The majority (80%) of children"
        # "children (8-11yrs)", "converting four vehicles (£140k)": what the bracket follows
        if after >= len(doc) or doc[after].lower_ != "of":
            found = _before_bracket(doc, fig)
            if found:
                return found
    # "56% of the looked after population", "3 of these young people", "89% of 8-11yrs"
    if after + 1 < len(doc) and doc[after].lower_ == "of":
        k = after + 1
        while (
            k < len(doc) and doc[k].pos_ in {"DET", "PRON"} and doc[k].lower_ not in {"them", "us"}
        ):
            k += 1
        if k < len(doc) and doc[k].like_num and k + 1 < len(doc):
            m = re.match(r"[\d\s–-]+\s?(?:yrs?|years?)(?:\s?olds?)?", doc[k:].text)
            if m:
                return m.group(0).strip()
        if k < len(doc) and doc[k].lower_ not in {"them", "us", "which", "whom"}:
            found = _phrase_after(doc, k, fig)
            if found:
                return found
    # "272 children's plans", "a £3.7m overspend", "a 29% response rate"
    found = _phrase_after(doc, after, fig) if unit != "rate" else None
    if found:
        return found
    found = _after_figure(doc, fig, after)
    if found:
        return found
    if root.dep_ in {"nummod", "quantmod"} and root.head.lower_ in _COMPARATIVES:
        root = root.head  # "a population of 500,000 or more": the phrase "500,000 or more"
    found = _changed_to(doc, root, fig)
    if found:
        return found
    head = root.head
    # "population of 1,304", "a response rate of 29%", "a budget of £3.7m", "a fall by 8%"
    if root.dep_ == "pobj" and head.lower_ in {"of", "at"} and head.head.pos_ in {"NOUN", "PROPN"}:
        return _phrase_at(doc, head.head, fig)
    if root.dep_ == "pobj" and head.lower_ == "by" and unit != "count":
        target = head.head
        if target.pos_ not in {"NOUN", "PROPN"}:
            target = next((c for c in target.children if c.dep_ in {"nsubj", "dobj"}), target)
        if target.pos_ in {"NOUN", "PROPN"}:
            found = _phrase_at(doc, target, fig)
            if found:
                return found
    if unit == "count":
        return None  # a bare number that counts nothing
    # "Of the 272 plans audited, 80% were good": the fronted "of" phrase
    if len(doc) > 2 and doc[0].lower_ == "of" and fig.start > 2:
        k = 1
        while k < fig.start and (doc[k].pos_ in {"DET", "PRON"} or doc[k].like_num):
            k += 1
        found = _phrase_after(doc, k, fig) if k < fig.start else None
        if found:
            return found
    if root.dep_ in {"dobj", "pobj"}:
        verb = root.head if root.dep_ == "dobj" else root.head.head
        if verb.pos_ == "VERB":
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in {"on", "for", "to"} and c.i > root.i:
                    pobj = [x for x in c.children if x.dep_ == "pobj"]
                    if pobj:
                        found = _phrase_at(doc, pobj[0], fig)
                        if found:
                            return f"{verb.text} {c.text} {found}"
            subj = _clause_subject(verb)
            if root.dep_ == "dobj" and subj is not None:
                found = _phrase_at(doc, subj, fig)
                if found:
                    return f"{found} {verb.text}"
    # "The overall response rate was 29%": the clause subject
    subj = _clause_subject(root)
    if subj is not None and not fig.start <= subj.i < fig.end:
        found = _phrase_at(doc, subj, fig)
        if found:
            return found
    # nearest noun chunk after, then before
    chunks = [c for c in doc.noun_chunks if not any(t.like_num for t in c)]
    later = [c for c in chunks if c.start >= fig.end]
    earlier = [c for c in chunks if c.end <= fig.start]
    for chunk in (
        ([later[0]] if later and later[0].start - fig.end <= 3 else []) + earlier[-1:] + later[:1]
    ):
        found = _phrase_at(doc, chunk.root, fig)
        if found:
            return found
    return None


def _about_fallback(text: str, c: Candidate) -> str:
    """Without a parse: the words right after the figure, else right before."""
    after = re.match(r"\s*((?:[A-Za-z][\w'’-]*\s?){1,4})", text[c.end :])
    if after and after.group(1).split()[0].lower() not in _NOT_NOUN:
        return after.group(1).strip()
    before = re.search(r"((?:[A-Za-z][\w'’-]*\s){1,4})\s*$", text[: c.start].rstrip(" ,;:(") + " ")
    return before.group(1).strip() if before else ""


# -------------------------------------------------------------------- driver


@dataclass(slots=True)
class _Pending:
    block: Block
    sent_start: int
    sent_end: int
    cands: list[Candidate]
    periods: list[tuple[int, int, str]]  # financial/academic years, quarters
    weak_periods: list[tuple[int, int, str]]  # "in 2018", "December 2018": only close by


LONG_SENTENCE = 240  # characters; longer sentences are parsed around their figures only
WINDOW = 100  # characters either side of a figure


def _windows(p: _Pending) -> list[tuple[int, int]]:
    """Sentence-relative spans to parse: the sentence, or merged windows round its figures."""
    size = p.sent_end - p.sent_start
    if size <= LONG_SENTENCE:
        return [(0, size)]
    sent = p.block.text[p.sent_start : p.sent_end]
    spans: list[tuple[int, int]] = []
    for c in p.cands:
        a, b = max(0, c.start - WINDOW), min(size, c.end + WINDOW)
        if a > 0:
            a = sent.find(" ", a) + 1 or a
            a = min(a, c.start)
        if b < size:
            cut = sent.rfind(" ", c.end, b)
            b = cut if cut > 0 else b
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
        else:
            spans.append((a, b))
    return spans


def _nearest_period(
    c: Candidate, periods: list[tuple[int, int, str]], reach: int | None = None
) -> str | None:
    def dist(p: tuple[int, int, str]) -> int:
        return max(0, p[0] - c.end, c.start - p[1])

    near = [p for p in periods if reach is None or dist(p) <= reach]
    # at equal distance the period printed after the figure: "from 29% in 2021/22 to 41% in
    # 2023/24"
    return min(near, key=lambda p: (dist(p), p[0] < c.start))[2] if near else None


def extract_figures(blocks: list[Block], parse: bool = True) -> list[Figure]:
    pending: list[_Pending] = []
    for block in blocks:
        if _is_tabular(block.text):
            continue  # rows of a table: the table stage turns them into data
        for s, e in sentences(block.text):
            sent = block.text[s:e]
            if not re.search(r"\d", sent) and not WORD_NUMBER.search(sent):
                continue
            cands = candidates(sent)
            if not cands:
                continue
            pending.append(_Pending(block, s, e, cands, periods_in(sent), _fallback_periods(sent)))

    # parse each sentence, or for a long one just the words around its figures
    windows: list[list[tuple[int, int]]] = [_windows(p) for p in pending]
    docs: dict[str, Doc] = {}
    if parse and pending:
        unique = list(
            dict.fromkeys(
                p.block.text[p.sent_start + a : p.sent_start + b]
                for p, ws in zip(pending, windows, strict=True)
                for a, b in ws
            )
        )
        docs = dict(zip(unique, nlp_mod.parse_docs(unique), strict=True))

    figures: list[Figure] = []
    for p, ws in zip(pending, windows, strict=True):
        sent = p.block.text[p.sent_start : p.sent_end]
        before: str | None = None  # the about of the figure before, in this sentence
        for c in p.cands:
            a, b = next(w for w in ws if w[0] <= c.start and c.end <= w[1])
            doc = docs.get(sent[a:b])
            about: str | None = c.hint
            if doc is not None and not about:
                about = about_from_parse(doc, c.start - a, c.end - a, c.unit)
                if about and not re.search(r"[A-Za-z]", about):
                    about = None
            if c.changed and before:
                about = before  # "had risen from 38 to 51": both count the same thing
            before = about
            if c.noun_required and doc is not None and not about:
                continue
            if c.noun_required and doc is None:
                nxt = _next_word(sent, c.end).lower()
                if not nxt or nxt in _NOT_NOUN:
                    continue
            if not about:
                about = _about_fallback(sent, c) or c.unit
            unit = c.unit
            if unit == "count" and about.lower() in {"age", "ages"}:
                unit = "years"  # "the age of 21"
            page, item = p.block.where(p.sent_start + c.start)
            figures.append(
                Figure(
                    text=sent[c.start : c.end].strip(),
                    value=c.value,
                    unit=unit,
                    about=about,
                    context=sent,
                    page=page,
                    agenda_item=item,
                    period=_nearest_period(c, p.periods)
                    or _nearest_period(c, p.weak_periods, reach=30),
                    value_max=c.value_max,
                    per=c.per,
                )
            )
    return figures
