"""Question understanding: what a councillor's question asks for, and about what.

``understand(question, bodies)`` returns a :class:`Question`:

* ``intent``: ``when_last`` ("when did we last discuss X"), ``decision`` ("what did the
  Board decide / resolve / what was it asked to do about X"), ``how_many`` ("how many /
  how much / what share ..."), ``who`` ("who wrote / who is the contact for / who
  chaired ...") or ``topic`` (anything else);
* ``topic``: the question without its scaffolding (the question words, "did we last
  discuss", "the Board", "asked to do with", ...): what search should look for;
* ``body``: a body named in the question that is one of the store's known bodies, by name,
  acronym, short or informal name (:mod:`service.query.bodies`; then a search filter), else
  ``None``;
* ``council``: a council the store knows named in the question ("Kent"), else ``None``;
* ``role``: for ``who`` questions, whether the author, the contact or the chairman is asked.

Nothing here knows a council, a committee or a topic: the scaffolding is the grammar of
questions, the bodies come from the store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from service.query.bodies import match_body, match_council, without
from service.query.periods import MONTHS, SEASONS, MeetingPeriod, meeting_period

INTENTS = ("when_last", "decision", "how_many", "who", "topic")

_WORD = re.compile(r"[\w'’&-]+|[^\w\s]", re.UNICODE)

_WHEN = re.compile(r"^\s*when\b|\b(?:last|most recent(?:ly)?) time\b|\bhow recently\b", re.I)
_HOW_MANY = re.compile(
    r"\bhow (?:many|much|far|often|long)\b|\bwhat (?:share|proportion|percentage|number|"
    r"fraction|amount|sum|total|figure)s?\b|\bin what shares?\b|\bnumber of\b|\bcost\b",
    re.I,
)
_DECISION = re.compile(
    r"\b(?:decide[ds]?|decision|resolve[ds]?|resolution|agree[ds]?|asked to|"
    r"recommend(?:ed|s|ation)?|approve[ds]?|endorse[ds]?|vote[ds]?)\b",
    re.I,
)
# "what did the board decide / resolve / agree": the body's own decision (a resolution in the
# minutes), not what officers put to it ("what was it asked to do", "recommended")
_DECIDED = re.compile(
    r"\b(?:decide[ds]?|decision|resolve[ds]?|resolution|agreed|vote[ds]?)\b", re.I
)
_ASKED = re.compile(r"\b(?:asked|recommend(?:ed|s|ation)?s?|put to|proposed)\b", re.I)
_WHO = re.compile(
    r"^\s*(?:who|whom|whose)\b|\bwhich (?:officer|person|councillor|member|manager|director|"
    r"head|inspector)s?\b|\bcontact (?:officer|name|person)\b",
    re.I,
)
_MONEY = re.compile(
    r"\bhow much (?:money|funding|does|did|do|is|was|will|would)\b|\bcosts?\b|\bbudget\b|"
    r"\bspend(?:ing)?\b|\bfund(?:ing|ed)?\b|£",
    re.I,
)
_ROLE_CONTACT = re.compile(
    r"\bcontact\b|\bwho (?:runs|heads|leads|manages)\b|\bhead(?:s|ed)?\b", re.I
)
_ROLE_AUTHOR = re.compile(r"\bwho (?:wrote|writes|authored|presented|submitted)\b|\bauthor\b", re.I)
_ROLE_CHAIR = re.compile(r"\bchair(?:ed|s|man|person|woman)?\b", re.I)

# Words that frame a question rather than name its topic. They are removed from the
# start of the question (and around a named body) until the first topic word.
SCAFFOLD = frozenset(
    [
        "when",
        "what",
        "who",
        "whom",
        "whose",
        "which",
        "how",
        "why",
        "where",
        "whether",
        "did",
        "do",
        "does",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "can",
        "should",
        "shall",
        "may",
        "might",
        "we",
        "i",
        "you",
        "us",
        "our",
        "they",
        "it",
        "he",
        "she",
        "them",
        "members",
        "member",
        "councillors",
        "councillor",
        "officers",
        "board",
        "boards",
        "panel",
        "panels",
        "committee",
        "committees",
        "council",
        "councils",
        "cabinet",
        "meeting",
        "meetings",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "last",
        "most",
        "recently",
        "recent",
        "previously",
        "ever",
        "first",
        "get",
        "got",
        "getting",
        "hear",
        "heard",
        "hearing",
        "told",
        "tell",
        "telling",
        "discuss",
        "discussed",
        "discussing",
        "talk",
        "talked",
        "talking",
        "look",
        "looked",
        "looking",
        "see",
        "saw",
        "seen",
        "receive",
        "received",
        "consider",
        "considered",
        "given",
        "give",
        "gave",
        "update",
        "updates",
        "report",
        "reports",
        "figures",
        "feedback",
        "news",
        "paper",
        "papers",
        "presentation",
        "item",
        "items",
        "about",
        "on",
        "of",
        "from",
        "for",
        "with",
        "into",
        "to",
        "at",
        "over",
        "after",
        "in",
        "regarding",
        "concerning",
        "around",
        "decide",
        "decided",
        "decision",
        "resolve",
        "resolved",
        "resolution",
        "agree",
        "agreed",
        "asked",
        "ask",
        "do",
        "done",
        "say",
        "said",
        "make",
        "made",
        "support",
        "back",
        "approve",
        "approved",
        "note",
        "noted",
        "wrote",
        "write",
        "written",
        "author",
        "contact",
        "officer",
        "name",
        "many",
        "much",
        "far",
        "often",
        "long",
        "share",
        "proportion",
        "percentage",
        "number",
    ]
)

# a second clause asking for a date or follow-up ("..., and when would it come back?")
_TRAILING_WHEN = re.compile(
    r",?\s+and\s+(?:when|by when)\b.*$|,?\s+and\s+how did (?:that|this|it) compare.*$", re.I
)


_PERIOD = re.compile(
    r"\b(?:(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")|"
    r"(?P<season>spring|summer|autumn|winter))?\s*(?P<year>(?:19|20)\d{2})"
    r"(?:\s*[/-]\s*(?P<next>\d{2,4}))?\b",
    re.I,
)


def mentioned_period(question: str) -> tuple[str, str] | None:
    """The span of the dates a question names ("in September 2018", "2017/18", "autumn
    2018"), as (first day, last day); ``None`` when it names none or several years."""
    spans: list[tuple[str, str]] = []
    for m in _PERIOD.finditer(question):
        year = int(m.group("year"))
        if m.group("month"):
            month = MONTHS[m.group("month").lower()]
            last = 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28
            spans.append((f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last}"))
        elif m.group("season"):
            first, end = SEASONS[m.group("season").lower()]
            end_year, end_month = year + (end - 1) // 12, (end - 1) % 12 + 1
            spans.append((f"{year}-{first:02d}-01", f"{end_year}-{end_month:02d}-28"))
        elif m.group("next"):  # a financial or academic year: 2017/18, 2017-2018
            spans.append((f"{year}-04-01", f"{year + 1}-08-31"))
        else:
            spans.append((f"{year}-01-01", f"{year}-12-31"))
    if not spans:
        return None
    return min(a for a, _ in spans), max(b for _, b in spans)


@dataclass(slots=True)
class Question:
    text: str
    intent: str
    topic: str
    body: str | None = None
    role: str | None = None  # who-questions: "author" | "contact" | "chair"
    query: str = ""  # the question without the body it names (that is a filter instead)
    period: tuple[str, str] | None = None  # dates the question names (first, last day)
    money: bool = False  # asks for an amount of money
    council: str | None = None  # a known council the question names ("Kent", "Gloucester")
    # the meeting dates it names ("in October 2023", "before March 2024", "last year")
    meetings_in: MeetingPeriod | None = None
    # a decision question asking what the body itself decided (not what it was asked to)
    wants_resolution: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "intent": self.intent,
            "topic": self.topic,
            "body": self.body,
            "role": self.role,
            "period": list(self.period) if self.period else None,
            "meetings_in": self.meetings_in.to_dict() if self.meetings_in else None,
            "council": self.council,
        }


def intent_of(question: str) -> str:
    if _WHEN.search(question):
        return "when_last"
    if _HOW_MANY.search(question):
        return "how_many"
    if _DECISION.search(question):
        return "decision"
    if _WHO.search(question):
        return "who"
    return "topic"


def role_of(question: str) -> str | None:
    if _ROLE_CHAIR.search(question):
        return "chair"
    if _ROLE_AUTHOR.search(question):
        return "author"
    if _ROLE_CONTACT.search(question):
        return "contact"
    return None


def find_body(question: str, bodies: Iterable[str]) -> tuple[str | None, str]:
    """The known body the question names (by name, acronym, short or informal name: see
    :mod:`service.query.bodies`) as a body filter, and the question without it."""
    found = match_body(question, bodies)
    if found is None:
        return None, question
    return found.filter, without(question, found.span)


def strip_scaffold(question: str) -> str:
    """The question without its leading frame words and trailing "and when ..." clause."""
    text = _TRAILING_WHEN.sub("", question.strip())
    text = text.rstrip(" ?.!")
    for match in _WORD.finditer(text):
        tok = match.group(0)
        if tok.lower().strip("'’") in SCAFFOLD or not re.search(r"\w", tok):
            continue
        return text[match.start() :].strip()
    return " ".join(text.split())


def understand(
    question: str,
    bodies: Iterable[str] = (),
    councils: Iterable[str] = (),
    today: dt.date | None = None,
) -> Question:
    text = " ".join(question.split())
    intent = intent_of(text)
    body, rest = find_body(text, bodies)
    topic = strip_scaffold(rest) or strip_scaffold(text)
    return Question(
        text=text,
        intent=intent,
        topic=topic,
        body=body,
        role=role_of(text) if intent == "who" else None,
        query=rest if body and rest.strip(" ?.!") else text,
        period=mentioned_period(rest),
        money=bool(_MONEY.search(text)),
        council=match_council(text, councils),
        meetings_in=meeting_period(rest, today),
        wants_resolution=intent == "decision"
        and bool(_DECIDED.search(text))
        and not _ASKED.search(text),
    )
