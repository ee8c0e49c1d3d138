"""Follow-ups: was each promised update (a stored commitment) kept?

For every commitment the store keeps (:meth:`Store.commitments`, found at extraction by
:mod:`extract.enrich.commitments`) the status is

- ``met``: a LATER meeting of the same body, or of the body the promise was addressed to
  (``to_body``), took an item on the same topic; the item is cited (pack, meeting, agenda or
  minute item, page);
- ``overdue``: it has a due date, a meeting of that body later than the promise has been
  held (indexed) on or after that date, and no such item was found;
- ``due``: it has a due date and no meeting of that body on or after it is indexed yet (the
  latest indexed meeting of the body is the clock, so an archive of old packs reads as it
  stood then, not against today);
- ``open``: no due date was stated, and no such item was found.

Whether a later meeting "took an item on the same topic" is decided, when an answerer (the
query model) is given, by the meeting-level judgement of :mod:`service.query.meetings`
(:func:`discussed_later`): the promise's topic is asked about as a when-last question,
restricted to the body and to meetings after the promise, and the earliest meeting the meeting
model judges DISCUSSED (its probability at or above the model's threshold: not a passing
mention) keeps it when one of its passages belongs to an item whose title carries the topic
(:func:`shares_topic`), cited by that passage. Measured on the hand-checked statuses
(``python -m benchmarks.commitments --model``), the model alone called "met" promises that no
later item took (wrong on 10 of 19 sample follow-ups); with the item check it agrees with the
title rule. Without an answerer (a caller with no model, the benchmark's quick run) the
stand-in :func:`took_item` decides: keyword
search (BM25) over the body's later passages for the promise's topic words, then a check that
the TITLE of the item a hit belongs to (an agenda item, a minute item or a report) shares most
of those words. The topic is the phrase the promise says it is about ("report ... on the
arrangements for contact between brothers and sisters") and the title of the item it was made
under ("Foster Carer Recruitment and Retention"). Titles only: a row of a work programme
table that merely plans the item, or a passing mention, is not the meeting taking it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from service.errors import InvalidRequestError
from service.store.base import (
    Hit,
    KeywordQuery,
    Passage,
    PassageFilter,
    Store,
    StoredCommitment,
)

log = logging.getLogger(__name__)

STATUSES = ("met", "due", "overdue", "open")
METHOD = (
    "stand-in: a later meeting of the body (or the body addressed) whose agenda item, minute "
    "item or report title shares most of the promise's topic words"
)
METHOD_MEETINGS = (
    "meeting model: the earliest later meeting of the body (or the body addressed) that the "
    "meeting-level judgement (service/query/meetings.py) calls discussed, asked about the "
    "promise's topic"
)
SEARCH_LIMIT = 200
ITEM_KINDS = ("agenda", "minutes", "resolution", "report", "recommendation")

_WORD = re.compile(r"[a-z][a-z'’-]+")
# procedural words: they say that something is reported, never what it is about
_PROCEDURAL_WORDS = """a about after against all also an and any annual are as at be been before being between
    board bring brought by cabinet committee committees consider considered council councils
    county date detailed director due during each february final for from further future has
    have in into is it its january july june march may meeting meetings members next november
    october of officer officers on or our panel paper papers presented progress provide
    provided receive received regular report reported reports scrutiny september six-month
    so that the their them then these this those to update updated updates upon was were which
    who will with would year years april august december"""
_PROCEDURAL = frozenset(_PROCEDURAL_WORDS.split())
_TOPIC_PHRASE = re.compile(
    r"\b(?:on|about|regarding|concerning|into|in\s+relation\s+to)\s+(?P<topic>[^.;:]{6,200})", re.I
)
_TOPIC_END = re.compile(
    r"\s(?:at|to|in|by|before|within|during|for)\s+(?:the|its|a|an|this|their|\w+\s+\d{4}\b)"
    r"|\s(?:in|by)\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|spring|summer|autumn|winter|\d)",
    re.I,
)


def words(text: str | None) -> set[str]:
    """Content words of ``text``, lower case, a plural's s dropped."""
    out = set()
    for w in _WORD.findall((text or "").lower()):
        w = re.sub(r"['’]s$", "", w).strip("'’-")
        if len(w) < 3 or w in _PROCEDURAL:
            continue
        out.add(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w)
    return out


# "... £0.9m from the review of the youth service, on which proposals will be reported ..."
_RELATIVE_TOPIC = re.compile(
    r"\b(?:from|of|for|on|about|in)\s+(?P<topic>[^,;:()]{6,120}),\s+(?:on|about|regarding)\s+"
    r"which\b[^.;]{0,80}?\b(?:report|update|brief|inform|present|bring|brought|provide)",
    re.I,
)


def topic_phrase(text: str) -> str | None:
    """What the promise says it is about: the first "on/about/regarding <topic>" with two
    content words or more, up to a time, a recipient or a meeting ("... on the arrangements
    for contact between brothers and sisters in care", not "... on 22 April"); or the noun
    phrase a relative "on which ... will be reported" points back to."""
    relative = _RELATIVE_TOPIC.search(text)
    if relative and len(words(relative.group("topic"))) >= 2:
        return relative.group("topic").strip()
    for m in _TOPIC_PHRASE.finditer(text):
        topic = m.group("topic")
        end = _TOPIC_END.search(topic)
        topic = topic[: end.start()] if end else topic
        if len(words(topic)) >= 2:
            return topic.strip()
    return None


@dataclass(frozen=True, slots=True)
class Topic:
    """The words a later item's title must carry: those of the promise's "on <topic>" phrase,
    else those of the title of the item it was made under (a promise "to receive a further
    update on its impact" is about its item), the words of the body's own name left out."""

    words: frozenset[str]

    @classmethod
    def of(cls, text: str, title: str | None, body: str | None) -> Topic:
        own = words(body)
        phrase = words(topic_phrase(text)) - own
        return cls(frozenset(phrase if len(phrase) >= 2 else words(title) - own))

    def terms(self) -> list[str]:
        return sorted(self.words)


def shares_topic(topic: Topic, title: str | None) -> bool:
    """Does an item title carry the topic: at least two of its words, and at least half?"""
    common = len(topic.words & words(title))
    return common >= 2 and common * 2 >= len(topic.words)


@dataclass(slots=True)
class Evidence:
    """The later item that kept the promise."""

    pack: str
    meeting_date: str | None
    body: str | None
    agenda_item: str | None
    item_title: str | None
    kind: str
    page: int | None
    text: str

    @classmethod
    def of(cls, p: Any) -> Evidence:
        """The evidence a stored passage (or search result) gives."""
        return cls(
            pack=p.pack,
            meeting_date=p.meeting_date,
            body=p.body,
            agenda_item=p.agenda_item,
            item_title=p.item_title,
            kind=p.kind,
            page=p.page,
            text=p.text[:400],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "meeting_date": self.meeting_date,
            "body": self.body,
            "agenda_item": self.agenda_item,
            "item_title": self.item_title,
            "kind": self.kind,
            "page": self.page,
            "text": self.text,
            "pdf": pdf_link(self.pack, self.page),
        }


def pdf_link(pack: str, page: int | None) -> str:
    return f"/packs/{pack}/pdf" + (f"#page={page}" if page else "")


def _next_day(date: str | None) -> str | None:
    try:
        return (dt.date.fromisoformat((date or "")[:10]) + dt.timedelta(days=1)).isoformat()
    except ValueError:
        return None


def _bodies(c: StoredCommitment) -> list[str]:
    out = [c.body] if c.body else []
    to = (c.to_body or "").strip()
    if to and not (c.body and (to.lower() in c.body.lower() or c.body.lower() in to.lower())):
        out.append(to)
    return out


def took_item(store: Store, c: StoredCommitment, topic: Topic) -> Evidence | None:
    """The first later meeting (of the body, or the body addressed) that took an item on the
    promise's topic, or None. The stand-in for ``service/query/meetings.py``: see the module
    docstring."""
    after = _next_day(c.meeting_date)
    terms = topic.terms()
    if after is None or not terms:
        return None
    found: list[Passage] = []
    for body in _bodies(c):
        filt = PassageFilter(body=body, date_from=after, kind=ITEM_KINDS)
        hits: list[Hit] = store.keyword_search(
            KeywordQuery(terms=terms, exhaustive=True), filt, SEARCH_LIMIT
        )
        passages = store.passages([h.passage_id for h in hits])
        found += [
            p
            for h in hits
            if (p := passages.get(h.passage_id)) is not None and shares_topic(topic, p.item_title)
        ]
    if not found:
        return None
    order = {"agenda": 0, "minutes": 1, "resolution": 1, "report": 2, "recommendation": 2}
    best = min(found, key=lambda p: (p.meeting_date or "", order.get(p.kind, 3), p.page or 0))
    return Evidence.of(best)


def _question(topic_text: str) -> str:
    return f"When did we last discuss {topic_text.strip().rstrip('.')}?"


def discussed_later(
    answerer: Any, c: StoredCommitment, topic_text: str, topic: Topic
) -> Evidence | None:
    """The earliest meeting after the promise, of its body or the body addressed, that the
    meeting model (:mod:`service.query.meetings`) judges discussed the topic AT AN ITEM on it
    (one of its passages belongs to an item whose title carries the topic), or None."""
    from service.query.meetings import load_model

    after = _next_day(c.meeting_date)
    if after is None or len(words(topic_text)) < 2:
        return None
    threshold = load_model().threshold
    found = []
    for body in _bodies(c):
        resp = answerer.ask(_question(topic_text), body=body, date_from=after)
        for m in resp.meetings:  # p_discussed: the model's own call, before any fallback
            if m.p_discussed < threshold or (m.date or "") < after:
                continue
            items = [p.result for p in m.passages if shares_topic(topic, p.result.item_title)]
            if items:
                found.append((m.date or "", -m.p_discussed, items[0]))
    if not found:
        return None
    best = min(found, key=lambda x: (x[0], x[1]))[2]
    return Evidence.of(best)


def item_title(pack_json: dict[str, Any], c: StoredCommitment) -> str | None:
    """The title of the minute item or report the promise was made under."""
    for minutes in pack_json.get("minutes") or []:
        for item in minutes.get("items") or []:
            pages = item.get("pages") or []
            if (c.minute_item and item.get("number") == c.minute_item) or (
                not c.minute_item and pages and pages[0] <= c.page <= pages[-1]
            ):
                return str(item.get("title") or "") or None
    for report in pack_json.get("reports") or []:
        pages = report.get("pages") or []
        if pages and pages[0] <= c.page <= pages[-1]:
            return str(report.get("title") or "") or None
    for agenda in pack_json.get("agenda") or []:
        if c.agenda_item and agenda.get("number") == c.agenda_item:
            return str(agenda.get("title") or "") or None
    return None


def _is_due_by(due: str, reference: str | None) -> bool:
    """Has a meeting on ``reference`` reached ``due`` (a date, or a whole month)?"""
    if not reference:
        return False
    return reference >= due if len(due) == 10 else reference[:7] >= due[:7]


def latest_meetings(store: Store) -> dict[str, str]:
    """body (lower case) -> the latest meeting of it the store knows (a pack's meeting, or a
    meeting its minutes record)."""
    latest: dict[str, str] = {}
    for m in store.meetings():
        body = (m.get("body") or "").strip().lower()
        for date in (m.get("date"), m.get("minutes_of")):
            if body and isinstance(date, str) and date > latest.get(body, ""):
                latest[body] = date
    return latest


@dataclass(slots=True)
class FollowUp:
    commitment: StoredCommitment
    status: str
    item_title: str | None = None
    evidence: Evidence | None = None
    checked_until: str | None = None  # the latest meeting of the body looked at

    def to_dict(self) -> dict[str, Any]:
        c = self.commitment
        return {
            "id": c.id,
            "status": self.status,
            "text": c.text,
            "body": c.body,
            "meeting_date": c.meeting_date,
            "due": c.due,
            "due_text": c.due_text,
            "to_body": c.to_body,
            "by": c.by,
            "source_kind": c.source_kind,
            "pack": c.pack,
            "agenda_item": c.agenda_item,
            "minute_item": c.minute_item,
            "item_title": self.item_title,
            "page": c.page,
            "pdf": pdf_link(c.pack, c.page),
            "checked_until": self.checked_until,
            "met_by": self.evidence.to_dict() if self.evidence else None,
        }


def judge(
    store: Store,
    c: StoredCommitment,
    title: str | None,
    latest: dict[str, str],
    answerer: Any = None,
) -> FollowUp:
    """One commitment's status (see the module docstring)."""
    topic = Topic.of(c.text, title, c.body)
    until = latest.get((c.body or "").strip().lower())
    if answerer is not None:
        phrase = topic_phrase(c.text)
        text = phrase if phrase and len(words(phrase) - words(c.body)) >= 2 else (title or "")
        evidence = discussed_later(answerer, c, text, topic)
    else:
        evidence = took_item(store, c, topic)
    if evidence is not None:
        status = "met"
    elif c.due is None:
        status = "open"
    else:
        later = bool(until and until > (c.meeting_date or ""))  # a meeting since the promise
        status = "overdue" if later and _is_due_by(c.due, until) else "due"
    return FollowUp(c, status, title, evidence, until)


@dataclass(slots=True)
class FollowUpsResponse:
    followups: list[FollowUp]
    filters: dict[str, Any] = field(default_factory=dict)
    method: str = METHOD

    def to_dict(self) -> dict[str, Any]:
        counts = {s: 0 for s in STATUSES}
        for f in self.followups:
            counts[f.status] += 1
        return {
            "followups": [f.to_dict() for f in self.followups],
            "counts": counts,
            "filters": self.filters,
            "method": self.method,
        }


def followups(
    store: Store,
    *,
    body: str | None = None,
    status: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    answerer: Any = None,
) -> FollowUpsResponse:
    """Every stored commitment with its status, oldest promise first. ``body``: bodies whose
    name holds it (any case); ``status``: one of :data:`STATUSES`; ``date_from``/``date_to``:
    promises made at meetings in that range (YYYY-MM-DD, or YYYY-MM / YYYY); ``answerer``
    (:class:`service.query.answer.Answerer`): judge with the meeting model, else the stand-in.
    Judgements are remembered while the store holds the same packs."""
    from service.query.search import make_filter  # the date bounds as search reads them

    if status is not None and status not in STATUSES:
        raise InvalidRequestError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    bounds = make_filter(date_from=date_from, date_to=date_to)
    latest = latest_meetings(store)
    state = _store_state(store)
    packs: dict[str, dict[str, Any]] = {}
    out: list[FollowUp] = []
    for c in store.commitments(body):
        date = c.meeting_date or ""
        if (bounds.date_from and date < bounds.date_from) or (
            bounds.date_to and date > bounds.date_to
        ):
            continue
        key = (state, answerer is not None, c.id)
        f = _JUDGED.get(key)
        if f is None:
            if c.pack not in packs:
                packs[c.pack] = store.pack_json(c.pack)
            f = judge(store, c, item_title(packs[c.pack], c), latest, answerer)
            if len(_JUDGED) > 50_000:
                _JUDGED.clear()
            _JUDGED[key] = f
        if status is None or f.status == status:
            out.append(f)
    filters = {"body": body, "status": status, "from": bounds.date_from, "to": bounds.date_to}
    return FollowUpsResponse(out, filters, METHOD_MEETINGS if answerer is not None else METHOD)


# (what the store holds, judged by the meeting model?, commitment id) -> its follow-up: a
# status changes only when a pack is added or removed
_JUDGED: dict[tuple[Any, bool, int], FollowUp] = {}


def _store_state(store: Store) -> Any:
    return (id(store), tuple(sorted((r.id, r.indexed_at) for r in store.list_packs())))
