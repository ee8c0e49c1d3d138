"""Commitments: promises of a later update or report, found in minutes and reports.

``find_commitments(pack)`` reads the pack's running text (``blocks_of``: paragraphs with
page offsets), keeps the sentences that lie in its minutes or reports, and keeps a clause
when its grammar is that of a promise:

- a future/modal or mandative verb group (will, shall, would, is to, agreed to, undertook
  to, asked that ... be, a "That ..." resolution clause, an "X to report" action line)
- with a reporting predicate (report, update, bring, present, provide, submit, circulate,
  return, come back, receive, schedule ...)
- whose object or subject is an update/report noun (report, update, briefing, paper,
  item, information ...) or whose recipient is a body ("update the Committee");
- then an optional time expression (``extract.enrich.duedate``) and recipient.

Each rule keys on that grammar, never on one document's phrases, and names no council,
body or person. Precision first: past reporting ("was provided to the Board"), habitual
present ("reports to the Board"), the report describing itself ("This report will
set out"), permission ("may request reports"), questions, negations and clauses whose
stated time lies before the meeting are not commitments.

The source kind says where the clause sits: ``resolution`` (a minutes' resolution, or a
"That ..." clause in minutes), ``recommendation`` (a report's recommendation, or a "That
..." clause in a report), else ``minutes`` or ``report``. Dates resolve against the
meeting the text belongs to: minutes -> the meeting they record; reports -> the pack's
meeting (the report's own date when the pack has none).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from extract.enrich.duedate import MONTH_PATTERN as _MONTH
from extract.enrich.duedate import Due, find_all, find_due, is_past, parse_date
from extract.enrich.text import Block, blocks_of, sentences
from extract.model import Commitment, MinuteItem, Minutes, Pack, Report
from extract.textutil import MEMBER_NOUNS, body_nouns

log = logging.getLogger(__name__)

_I = re.IGNORECASE

# ------------------------------------------------------------------ vocabulary

_NOUN = (
    r"(?:reports?|updates?|briefings?|papers?|items?|presentations?|information|details|figures|"
    r"data|feedback|findings|results|proposals|evaluations?|analys[ie]s|summar(?:y|ies)|statistics)"
)
_NOUN_RE = re.compile(rf"\b{_NOUN}\b", _I)
# nouns that only make a promise when a recipient is named ("give details of the impacts")
_INFO_RE = re.compile(
    r"^(?:information|details|figures|data|feedback|findings|results|analys[ie]s|summar(?:y|ies)|statistics)$",
    _I,
)
# a noun phrase that refers to a later report, not the one in hand
_FUTURE_MOD_RE = re.compile(
    r"\b(?:further|updated|progress|another|follow[- ]?up|regular|quarterly|annual|six[- ]monthly|"
    r"monthly|future|next|additional|final|interim|more\s+detailed|detailed)\b",
    _I,
)
_BODY_WORD = (
    f"(?:{body_nouns('Subcommittee', 'Group', 'Partnership', *MEMBER_NOUNS, 'Meetings?', 'Team')})"
)
_BODY_RE = re.compile(rf"\b{_BODY_WORD}\b|\b[A-Z]{{2,}}\b")
_MEMBERS_RE = re.compile(r"^(?:members|councillors|the\s+members|all\s+members)$", _I)
_ROLE_RE = re.compile(
    r"\b(?:Director|Head|Chief|Officers?|officers?|Manager|Chairman|Chairwoman|Chair|Clerk|Leader|"
    r"Lead|Secretary|Treasurer|Solicitor|Executive\s+Member|Cabinet\s+Member|Portfolio\s+Holder|"
    r"Assistant|Deputy|Commissioner|Coordinator|Co-ordinator)\b"
)
_DOC_SUBJECT_RE = re.compile(
    r"\b(?:this|the|our)\s+(?:report|paper|document|presentation|letter|briefing|note|appendix)\s*$",
    _I,
)
_PURPOSE_RE = re.compile(r"\b(?:purpose|aims?|objectives?|intention)\b|\bseeks?\b", _I)
_DOCUMENT_NOUN_RE = re.compile(
    r"\b(?:plan|programme|strategy|policy|document|register|website|pages?|list|guidance|protocol|"
    r"template|framework|records?|database|system|procedures?|terms\s+of\s+reference|report)\s*$",
    _I,
)
_NEGATION_RE = re.compile(r"\b(?:not|no\s+longer|never)\b|n['’]t\b", _I)
_CONDITIONAL_RE = re.compile(
    r"\b(?:on|upon)\s+request\b|\bif\s+(?:requested|required|necessary)\b", _I
)
_AGENDA_PURPOSE_RE = re.compile(
    r"^\W*(?:\d+[.)]?\s+)?To\s+(?:receive|consider|note|agree|approve|update|provide|report|present)\b"
)

# ------------------------------------------------------------------ detectors

_ADV = r"(?:(?:\w+ly|also|then|now|therefore|further|again|in\s+turn)\s+)?"
_PASSIVE_VERB = (
    r"reported|brought(?:\s+back)?|presented|provided|submitted|taken|tabled|circulated|updated|briefed|"
    r"informed|put|considered|addressed|discussed|referred|sent|shared|received|given|made\s+available|"
    r"returned|kept\s+(?:informed|updated|briefed|apprised)"
)
_ACTIVE_VERB = (
    r"report(?:\s+back)?|return|come\s+back|bring|present|provide|submit|circulate|update|brief|inform|"
    r"give|produce|prepare|table|feed\s*back|share|send|receive|consider|take|keep"
)
_MODAL = (
    r"will|shall|would|is\s+to|are\s+to|(?:is|are)\s+(?:due|expected|planned|intended|going)\s+to|"
    r"(?:has|have|had)?\s*agreed\s+to|undert(?:ook|akes?|aken)\s+to|offered\s+to|promised\s+to|"
    r"(?:was|were|is|are|been)\s+(?:asked|requested|invited|instructed|tasked)\s+to|intends?\s+to|"
    r"plans?\s+to"
)
_MANDATE = r"(?:asked|requested|agreed|resolved|recommended|suggested|proposed|directed|instructed|requires?)"

_DETECTORS: list[tuple[str, re.Pattern[str]]] = [
    # "A further update will be brought to the Committee", "Items to be addressed at ..."
    (
        "passive",
        re.compile(rf"\b(?P<mod>{_MODAL}|to)\s+{_ADV}be\s+{_ADV}(?P<verb>{_PASSIVE_VERB})\b", _I),
    ),
    # "Members asked that the update ... be scheduled", "recommended that a report is provided"
    (
        "mandate",
        re.compile(
            rf"\b{_MANDATE}\s+that\s+(?P<subj>[^.;:]{{3,200}}?)\s+(?P<mod>is|are|be|should\s+be|must\s+be)\s+"
            rf"{_ADV}(?P<verb>{_PASSIVE_VERB}|scheduled|programmed|timetabled)\b",
            _I,
        ),
    ),
    # "That an update is provided to the Board in January 2022"
    (
        "that_passive",
        re.compile(
            rf"^\W*That\s+(?P<subj>[^.;:]{{3,200}}?)\s+(?P<mod>is|are|be)\s+{_ADV}"
            rf"(?P<verb>{_PASSIVE_VERB}|scheduled|programmed|timetabled)\b"
        ),
    ),
    # "a further update is scheduled for October 2022"
    (
        "scheduled",
        re.compile(
            r"\b(?P<mod>is|are|has\s+been|have\s+been|will\s+be|to\s+be|be)\s+(?:provisionally\s+|now\s+)?"
            r"(?P<verb>scheduled|programmed|timetabled|pencilled\s+in|planned)\s+(?:for|at|to\s+(?:come|go))\b",
            _I,
        ),
    ),
    # "The Director will report back", "The Committee will receive quarterly reports"
    ("active", re.compile(rf"\b(?P<mod>{_MODAL})\s+{_ADV}(?P<verb>{_ACTIVE_VERB})\b", _I)),
    # "That the Director report to a future meeting", "Officers to report back to the Panel"
    (
        "that_active",
        re.compile(
            rf"(?:^\W*That\s+|\b{_MANDATE}\s+that\s+|(?:^|[;:•]\s*))(?P<subj>(?:the\s+)?(?:[A-Z][\w'’&-]*|of|for|and|the|&)"
            r"(?:\s+(?:[A-Z][\w'’&-]*|of|for|and|the|&)){0,9}|officers)\s+(?P<mod>to\s+)?"
            rf"(?P<verb>{_ACTIVE_VERB})\b"
        ),
    ),
    # "... would write to them to thank them and to provide an update"
    (
        "chained",
        re.compile(
            r"\b(?:will|would|shall|agreed\s+to|undert\w+\s+to)\b[^.;:]{0,120}?\b(?P<mod>(?:and\s+)?to)\s+"
            r"(?P<verb>provide|report(?:\s+back)?|update|bring|present|circulate|give|feed\s*back|share|send)\b",
            _I,
        ),
    ),
    # "with the addition of a report on X at the meeting on 22 April 2024",
    # "receive a further update on its impact at its meeting in July 2024"
    (
        "noun_meeting",
        re.compile(
            rf"\b(?P<subj>(?:a|an|the|further|another|its)\s+(?:[\w-]+\s+){{0,3}}?{_NOUN})\b"
            r"(?P<gap>[^.;:]{0,140}?)\b(?P<verb>(?:at|to|for)\s+(?:the|its|a|their|this\s+\w+['’]s)\s+"
            r"(?:(?:next|future|following|subsequent|later)\s+)?(?:[\w-]+\s+){0,2}?meeting)\b",
            _I,
        ),
    ),
    # "with a further update to the Board in six months"
    (
        "noun_recipient",
        re.compile(
            rf"\b(?P<subj>(?:a|an)\s+(?:[\w-]+\s+){{0,2}}?{_NOUN})\s+(?P<verb>to)\s+(?:the|this|its)\s+"
            rf"(?:[A-Z][\w'’&-]*\s+){{0,5}}?{_BODY_WORD}\b",
        ),
    ),
    # an action-plan cell: "Report to <body> <month year>"
    ("imperative", re.compile(r"(?:^|(?<=[\s•;:(]))(?P<verb>Report(?:\s+back)?)\s+to\s+(?=[A-Z])")),
]


@dataclass(slots=True)
class _Hit:
    kind: str
    start: int  # clause-local offsets in the sentence
    end: int
    verb: str
    subject: str
    after: str  # from the verb to the end of the clause


@dataclass(slots=True)
class _Source:
    kind: str  # "minutes" | "report"
    minutes: Minutes | None
    report: Report | None
    anchor: dt.date | None
    own_body: str | None
    next_meeting: str | None


_CLAUSE_BREAK = re.compile(r"[;•]|:\s|\s[–—]\s|\(\s*[ivx]{1,4}\s*\)\s")
_LIST_LABEL = re.compile(r"\s(?=(?:\(?[ivx]{1,4}|\(?[a-h]|\d{1,2})[.)]\s+(?:That|[A-Z]))")
# a sentence end that the sentence splitter reads as an abbreviation ("£4.1m. The ...")
_AMOUNT_END = re.compile(r"(?<=\d[mk])\.\s+(?=[A-Z][a-z])|(?<=\dbn)\.\s+(?=[A-Z][a-z])")


def _clause_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        start = m.end()
    nxt = _CLAUSE_BREAK.search(text, pos)
    return start, (nxt.start() if nxt else len(text))


# a paragraph number before a resolution or recommendation: "1.2. That the Director report ..."
_NUMBERED_THAT = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+(?=That\b)")


def _units(text: str) -> list[tuple[int, int]]:
    """Sentences, further split before list labels ("ii. That ...") that sentence ends miss;
    a paragraph number before "That" is left out of the unit."""
    out: list[tuple[int, int]] = []
    for s, e in sentences(text):
        inner = [m.start() + 1 for m in _LIST_LABEL.finditer(text, s, e)]
        inner += [m.end() for m in _AMOUNT_END.finditer(text, s, e)]
        cuts = [s, *sorted(inner), e]
        for a, b in zip(cuts, cuts[1:], strict=False):
            label = _NUMBERED_THAT.match(text, a, b)
            a = label.end() if label else a
            if text[a:b].strip():
                out.append((a, b))
    return out


def _clauses(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


# ------------------------------------------------------------------ validation


def _object_noun(after: str) -> str | None:
    """The update/report noun heading the verb's object, within its first words."""
    words = after.split()
    head = " ".join(words[:9])
    head = re.split(r"\b(?:to|at|by|before|in|on|for)\s+(?:the|this|its|a)\b", head, maxsplit=1)[0]
    m = _NOUN_RE.search(head)
    return m.group(0) if m else None


def _has_recipient(after: str) -> bool:
    return bool(
        re.search(
            rf"\b(?:to|before|with)\s+(?:the\s+|this\s+|its\s+|all\s+)?(?:[A-Z][\w'’&-]*\s+){{0,5}}?{_BODY_WORD}\b",
            after,
        )
        or re.search(r"\b(?:to|with)\s+(?:the\s+)?(?:members|councillors|[A-Z]{2,})\b", after)
    )


def _body_object(after: str) -> bool:
    """Does the verb's object name a body or members ("update the Committee", "brief Members")?"""
    m = re.match(r"\s*(?:the\s+|this\s+|its\s+|all\s+)?((?:[A-Z][\w'’&-]*\s+){0,5}?(?:\w+))", after)
    if not m:
        return False
    phrase = m.group(1)
    return bool(_BODY_RE.search(phrase) or _MEMBERS_RE.match(phrase.strip()))


def _noun_ok(noun: str | None, after: str) -> bool:
    """An update/report noun; an information noun only with a recipient or a time for it."""
    if noun is None:
        return False
    return not _INFO_RE.match(noun) or _has_recipient(after) or find_due(after, None) is not None


def _meeting_ref(after: str, anchor: dt.date | None) -> bool:
    return any(
        d.kind in ("next_meeting", "future_meeting") or (d.dated and not is_past(d, anchor))
        for d in find_all(after[:160], anchor)
    ) and bool(re.search(r"\bmeetings?\b|\bagenda\b", after[:160], _I))


def _passive_ok(verb: str, subject: str, after: str, anchor: dt.date | None) -> bool:
    verb = verb.lower().split()[0]
    if verb in ("reported", "briefed", "informed", "kept"):
        return True
    if verb == "updated":
        if re.match(r"\s*(?:on|about|with|of|as\s+to|regarding)\b", after, _I):
            return True
        return bool(_BODY_RE.search(subject)) and not _DOCUMENT_NOUN_RE.search(subject)
    if verb == "put":
        return bool(
            re.match(
                r"\s*(?:on|onto)\s+(?:the|an|a|its|their)\s+(?:\w+\s+){0,2}agenda|\s*before\s+",
                after,
                _I,
            )
        )
    if verb in ("considered", "addressed", "discussed"):
        return _meeting_ref(after, anchor)
    if verb in ("scheduled", "programmed", "timetabled", "pencilled", "planned"):
        return bool(_NOUN_RE.search(subject))
    m = _NOUN_RE.search(subject)
    return _noun_ok(m.group(0) if m else None, after)


def _active_ok(verb: str, after: str, anchor: dt.date | None) -> bool:
    verb = " ".join(verb.lower().split())
    if verb.startswith("report") or verb.startswith("feed"):
        return not re.match(r"\s*that\b", after, _I)
    if verb in ("return", "come back"):
        return bool(
            re.match(
                rf"\s*(?:back\s+)?(?:to|before)\s+(?:the\s+|this\s+|its\s+|a\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:{_BODY_WORD}|meeting)\b",
                after,
                _I,
            )
            or re.match(
                rf"\s*(?:back\s+)?with\s+(?:a|an|the|further)\s+(?:[\w-]+\s+){{0,2}}?{_NOUN}",
                after,
                _I,
            )
        )
    if verb in ("update", "brief", "inform"):
        return _body_object(after)
    if verb == "keep":
        return bool(
            re.match(r"\s*(?:the\s+)?[\w'’ ]{0,40}?\b(?:updated|informed|briefed)\b", after, _I)
        ) and _body_object(after)
    if (
        verb == "provide"
        and re.match(r"\s*(?:the\s+|all\s+)?(?:[A-Z][\w'’&-]*\s+){0,5}?\w+\s+with\b", after)
        and _body_object(after)
    ):
        return True
    noun = _object_noun(after)
    if verb in ("receive", "consider"):
        head = " ".join(after.split()[:8])
        return _noun_ok(noun, after) and (
            bool(_FUTURE_MOD_RE.search(head)) or _meeting_ref(after, anchor)
        )
    return _noun_ok(noun, after)


# ------------------------------------------------------------------ hits in a clause


def _excluded_subject(subject: str, mod: str) -> bool:
    subj = subject.strip()
    if _DOC_SUBJECT_RE.search(subj) or re.match(r"^(?:No|None)\b", subj):
        return True
    # "pressures continue to be reported" is habitual; "will continue to be presented" is a promise
    if mod.lower() == "to" and re.search(r"\bcontinu(?:es?|ing)$", subj, _I):
        return not re.search(r"\b(?:will|shall|would)\s+(?:\w+\s+)?continue$", subj, _I)
    return mod.lower().strip() in ("is to", "are to", "to") and bool(_PURPOSE_RE.search(subj))


def _valid(kind: str, m: re.Match[str], clause: str, anchor: dt.date | None) -> _Hit | None:
    g = m.groupdict()
    verb = g.get("verb") or ""
    mod = g.get("mod") or ""
    subject = g.get("subj") or clause[: m.start()]
    after_from = m.start("verb") if kind.startswith("noun") else m.end("verb")
    after = clause[after_from:]
    if _NEGATION_RE.search(m.group(0)) and kind != "noun_meeting":
        return None
    if kind in ("passive", "mandate", "that_passive", "scheduled", "active") and _excluded_subject(
        subject, mod
    ):
        return None
    ok = False
    if kind in ("passive", "mandate", "that_passive"):
        ok = _passive_ok(verb, subject, after, anchor)
    elif kind == "scheduled":
        ok = bool(_NOUN_RE.search(subject)) and find_due(after, anchor) is not None
    elif kind in ("active", "chained"):
        ok = _active_ok(verb, after, anchor)
    elif kind == "that_active":
        starts_that = bool(
            re.match(rf"^\W*That\b|.*\b{_MANDATE}\s+that\s+$", clause[: m.start("subj")], _I)
        )
        agent = bool(_ROLE_RE.search(subject) or _BODY_RE.search(subject))
        ok = agent and (starts_that or bool(mod)) and _active_ok(verb, after, anchor)
    elif kind == "noun_meeting":
        ok = not re.search(r"\b(?:was|were|had|has\s+been|have\s+been)\b", g.get("gap") or "") and (
            bool(re.match(r"\S+\s+\S+\s+(?:next|future|following|subsequent|later)\b", after, _I))
            or any(
                d.dated and not is_past(d, anchor) and d.start < 60 for d in find_all(after, anchor)
            )
        )
    elif kind == "noun_recipient":
        ok = bool(_FUTURE_MOD_RE.search(subject)) and any(
            d.dated and not is_past(d, anchor) for d in find_all(after, anchor)
        )
    elif kind == "imperative":
        before = clause[: m.start()].rstrip().lower()
        ok = not re.search(r"\b(?:a|the|this|our|of|in|see|its)$", before) and any(
            d.dated and not is_past(d, anchor) and d.start < 40 for d in find_all(after, anchor)
        )
    if not ok:
        return None
    return _Hit(kind, m.start(), m.end(), verb, subject, after)


def _hits(clause: str, anchor: dt.date | None) -> list[_Hit]:
    if _AGENDA_PURPOSE_RE.match(clause) or _CONDITIONAL_RE.search(clause):
        return []
    out: list[_Hit] = []
    for kind, pattern in _DETECTORS:
        for m in pattern.finditer(clause):
            hit = _valid(kind, m, clause, anchor)
            if hit is not None:
                out.append(hit)
                if kind != "imperative":
                    break
        if out and out[0].kind != "imperative":
            return out[:1]
    return out


# ------------------------------------------------------------------ recipient and officer

_NAME = r"(?:[A-Z][\w'’&-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w'’&-]*|of|and|for|&|the|on)){0,7}"
_TO_RE = re.compile(
    rf"\b(?:to|before)\s+(?:a\s+(?:future|further|later|subsequent)\s+meeting\s+of\s+)?"
    rf"(?P<det>(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir|[Aa]ll|[Mm]embers?['’]s?)\s+)?(?P<np>{_NAME}|members|councillors)"
)
_ROLE_NP = re.compile(
    r"(?P<np>(?:[A-Z][\w'’&-]*\s+){0,4}?(?:Director|Head|Chief\s+\w+|Officers?|Manager|Chairman|Chairwoman|"
    r"Chair|Clerk|Leader|Lead\s+\w+|Secretary|Treasurer|Solicitor|Executive\s+Member|Cabinet\s+Member|"
    r"Portfolio\s+Holder|Commissioner|Co-?ordinator)(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s*){1,5})?"
    r"|officers)"
)


def _trim_name(np: str) -> str:
    words = np.split()
    while words and words[0] in ("The", "This", "Its", "That"):
        words.pop(0)
    while words and (
        words[-1].lower() in ("of", "and", "for", "&", "the", "on")
        or _ENDS_IN_MONTH.search(words[-1])
    ):
        words.pop()
    return " ".join(words)


def _own(phrase: str, det: str, own_body: str | None) -> str:
    """'this Committee' / 'the Board' / 'Members' -> the document's own body when it fits."""
    word = phrase.split()[-1] if phrase else ""
    if own_body and (
        _MEMBERS_RE.match(phrase)
        or (
            len(phrase.split()) == 1
            and det.strip().lower() in ("this", "the", "its")
            and own_body.split()[-1].lower() == word.lower()
        )
    ):
        return own_body
    return phrase


def _named_body(text: str, own_body: str | None) -> str | None:
    for m in _TO_RE.finditer(text):
        np = _trim_name(m.group("np"))
        if _BODY_RE.search(np) or _ROLE_RE.search(np) or _MEMBERS_RE.match(np):
            return _own(np, m.group("det") or "", own_body)
    return None


def _subject_body(subject: str, own_body: str | None) -> str | None:
    found = None
    for m in re.finditer(
        rf"(?P<det>\b(?:[Tt]he|[Tt]his|[Ii]ts|[Aa]ll)\s+)?(?P<np>{_NAME}|members|Members)", subject
    ):
        np = _trim_name(m.group("np"))
        if (_BODY_RE.search(np) or _MEMBERS_RE.match(np)) and not np.startswith("That"):
            found = _own(np, m.group("det") or "", own_body)
    return found


def _recipient(hit: _Hit, own_body: str | None) -> str | None:
    verb = hit.verb.lower().split()[0]
    if verb in ("updated", "briefed", "informed", "kept", "receive", "consider", "received"):
        body = _subject_body(hit.subject, own_body)
        if body:
            return body
    if verb in ("update", "brief", "inform", "provide", "keep"):
        m = re.match(
            rf"\s*(?P<det>(?:[Tt]he|[Tt]his|[Ii]ts|[Aa]ll)\s+)?(?P<np>{_NAME}|members)", hit.after
        )
        if m and (_BODY_RE.search(m.group("np")) or _MEMBERS_RE.match(_trim_name(m.group("np")))):
            return _own(_trim_name(m.group("np")), m.group("det") or "", own_body)
    if hit.kind == "noun_meeting":
        m = re.search(rf"\bmeeting\s+of\s+(?P<det>(?:the|this)\s+)?(?P<np>{_NAME})", hit.after)
        return _own(_trim_name(m.group("np")), m.group("det") or "", own_body) if m else own_body
    body = _named_body(hit.after, own_body)
    if body:
        return body
    if re.search(
        r"\b(?:its|this\s+\w+['’]s|the\s+(?:next|following|subsequent)|a\s+(?:future|later)|future)\s+(?:\w+\s+)?meetings?\b",
        hit.after,
        _I,
    ):
        return own_body
    return None


def _officer(hit: _Hit) -> str | None:
    if hit.kind in ("active", "that_active", "chained"):
        found = [m.group("np") for m in _ROLE_NP.finditer(hit.subject)]
        if found:
            return _trim_name(found[-1])
    m = re.search(r"\b(?:by|from)\s+(?:the\s+)?" + _ROLE_NP.pattern, hit.after)
    return _trim_name(m.group("np")) if m else None


# ------------------------------------------------------------------ where a clause sits

_NEXT_MEETING_LINE = re.compile(r"\bnext\s+(?:\w+\s+){0,2}?meeting\b", _I)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _next_meeting(texts: list[str], anchor: dt.date | None) -> str | None:
    """The next meeting's date when the text states exactly one (a date after the anchor)."""
    if anchor is None:
        return None
    dates = set()
    for text in texts:
        for m in _NEXT_MEETING_LINE.finditer(text):
            for d in find_all(text[m.start() : m.end() + 120], anchor):
                if d.kind == "date" and d.due and d.due > anchor.isoformat():
                    dates.add(d.due)
                    break
    return dates.pop() if len(dates) == 1 else None


def _in(pages: list[int], page: int) -> bool:
    return bool(pages) and pages[0] <= page <= pages[-1]


def _sources(pack: Pack) -> list[tuple[list[int], _Source]]:
    out: list[tuple[list[int], _Source]] = []
    for m in pack.minutes:
        anchor = parse_date(m.date)
        texts = [i.text for i in m.items]
        own = m.body or pack.meeting.body
        out.append(
            (m.pages, _Source("minutes", m, None, anchor, own, _next_meeting(texts, anchor)))
        )
    pack_anchor = parse_date(pack.meeting.date)
    pack_next = _next_meeting([p.text for p in pack.pages], pack_anchor)
    for r in pack.reports:
        anchor = pack_anchor or parse_date(r.date)
        own = pack.meeting.body or r.committee
        out.append(
            (r.pages, _Source("report", None, r, anchor, own, pack_next if pack_anchor else None))
        )
    return out


def _source_at(sources: list[tuple[list[int], _Source]], page: int) -> _Source | None:
    for pages, src in sources:  # minutes first: an item's pages never hold a report too
        if _in(pages, page):
            return src
    return None


_LEAD_LABEL = re.compile(
    r"^\W*(?:(?:\(?[ivx]{1,4}[.)]|\(?[a-h][.)]|\d{1,2}(?:\.\d{1,2})*[.)]?)\s+)?"
    r"(?:(?:resolved|agreed|recommendations?|\(?s\)?)\W+)*",
    _I,
)


def _strip_label(unit: str) -> str:
    return _LEAD_LABEL.sub("", unit, count=1).strip()


def _kind_and_item(src: _Source, unit: str, page: int) -> tuple[str, MinuteItem | None]:
    body = _strip_label(unit)
    head = _norm(body)[:60]
    that = bool(re.match(r"^That\b", body))
    if src.minutes is not None:
        items = [i for i in src.minutes.items if _in(i.pages, page)] or src.minutes.items
        for item in items:
            if any(head and head in _norm(r.text) for r in item.resolutions):
                return "resolution", item
        found = next(
            (i for i in items if head and head in _norm(i.text)), items[0] if items else None
        )
        return ("resolution" if that else "minutes"), found
    recommendations = src.report.recommendations if src.report is not None else []
    if any(head and head in _norm(r.text) for r in recommendations) or that:
        return "recommendation", None
    return "report", None


# ------------------------------------------------------------------ the stage


def _due_of(hit: _Hit, clause: str, src: _Source) -> Due | None:
    """First dated phrase after the verb, else before it, else an undated phrase."""
    after = find_due(hit.after, src.anchor, src.next_meeting)
    if after is not None and after.dated:
        return after
    inside = find_due(clause[hit.start : hit.end], src.anchor, src.next_meeting)
    if inside is not None and inside.dated:
        return inside
    before = find_due(hit.subject, src.anchor, src.next_meeting)
    if before is not None and before.dated:
        return before
    return after or inside or before


def _commitments_in(block: Block, sources: list[tuple[list[int], _Source]]) -> list[Commitment]:
    out: list[Commitment] = []
    text = block.text
    for us, ue in _units(text):
        unit = text[us:ue]
        if unit.rstrip().endswith("?"):
            continue
        page, item = block.where(us)
        src = _source_at(sources, page)
        if src is None:
            continue
        found: list[tuple[_Hit, str, int]] = []
        for cs, ce in _clauses(unit):
            clause = unit[cs:ce]
            found.extend((h, clause, us + cs) for h in _hits(clause, src.anchor))
        for hit, clause, offset in found:
            commitment = _make(hit, clause, offset, unit, len(found) > 1, block, src, item)
            if commitment is not None:
                out.append(commitment)
    return out


def _make(
    hit: _Hit,
    clause: str,
    offset: int,
    unit: str,
    several: bool,
    block: Block,
    src: _Source,
    item: str | None,
) -> Commitment | None:
    due = _due_of(hit, clause, src)
    if due is not None and due.dated and is_past(due, src.anchor):
        return None  # the stated time lies before the meeting: not a promise of later
    page, _ = block.where(offset + hit.start)
    if hit.kind == "imperative":
        nxt = re.search(r"\bReport(?:\s+back)?\s+to\s+", clause[hit.end :])
        text = clause[hit.start : hit.end + nxt.start() if nxt else len(clause)]
    else:
        text = clause if several else unit
    kind, minute = _kind_and_item(src, unit, page)
    return Commitment(
        text=" ".join(_strip_label(text).split())[:600],
        due=due.due if due else None,
        due_text=due.text if due else None,
        to_body=_recipient(hit, src.own_body),
        by=_officer(hit),
        source_kind=kind,
        agenda_item=item,
        page=page,
        minute_item=minute.number if minute else None,
        anchor_date=src.anchor.isoformat() if src.anchor else None,
    )


_ENDS_IN_MONTH = re.compile(rf"\b{_MONTH}$", _I)
_STARTS_WITH_YEAR = re.compile(r"^'?(?:\d{2}|(?:19|20)\d{2})\b")


def _rejoin_dates(blocks: list[Block]) -> list[Block]:
    """Join a block that ends in a month name to the next one that starts with its year:
    table cells wrap "Jan" / "18" onto separate lines, which makes separate paragraphs."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _ENDS_IN_MONTH.search(prev.text)
            and _STARTS_WITH_YEAR.match(block.text)
        ):
            shift = len(prev.text) + 1
            out[-1] = Block(
                text=prev.text + " " + block.text,
                starts=prev.starts + [shift + s for s in block.starts],
                pages=prev.pages + block.pages,
                items=prev.items + block.items,
            )
        else:
            out.append(block)
    return out


def find_commitments(pack: Pack) -> list[Commitment]:
    """Every promise of a later update in the pack's minutes and reports, in page order."""
    sources = _sources(pack)
    if not sources:
        return []
    out: list[Commitment] = []
    for block in _rejoin_dates(blocks_of(pack)):
        out.extend(_commitments_in(block, sources))
    log.debug("%s: %d commitments", pack.source, len(out))
    return out
