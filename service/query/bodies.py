"""Bodies and councils a question names, matched to the ones the store knows by meaning.

A councillor says "the panel", "the board", "CFAP", "corporate parenting" or "scrutiny" for
the Children and Families Advisory Panel, the Corporate Parenting Board or the Children's
Services Scrutiny Committee. :func:`match_body` matches the words of a question to the store's
known bodies:

* ``name``: the body's name in full (its small words and a possessive aside);
* ``acronym``: a capitalised word spelling the initials of a body's name ("CFAP");
* ``partial``: a run of the name's words that holds its kind ("advisory panel", "the board",
  "the committee") or all its distinctive words ("corporate parenting");
* ``short``: a short form kept as data ("scrutiny" for a body whose name holds Scrutiny).

A body word that is part of a role or a compound never names a body: "the Cabinet Member for
Highways" is a person, "council tax" a tax (``vocab/bodies.json``: the words that follow a body
word in such phrases). A lone "the council" names no body (it is the authority).

When the words fit several known bodies the filter is the phrase they share ("board" for two
boards), else nothing. :func:`match_council` finds a council the store knows named by its
distinctive words ("Kent", "Gloucester", "Sutton Coldfield"), else the one council of the
type a question names ("the county council", "the parish council").

Nothing here knows a council or a committee: the words of bodies are data, the bodies come from
the store.
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from service.store.base import Store

VOCAB_FILE = Path(__file__).resolve().parent / "vocab" / "bodies.json"

_TOKEN = re.compile(r"[A-Za-z0-9]+|&", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s\b", re.I)
_DETERMINERS = frozenset({"the", "this", "that", "our"})

# how a body was named, strongest first
STRENGTH = {"name": 4, "acronym": 3, "partial": 2, "short": 1.5, "head": 1}


@dataclass(frozen=True, slots=True)
class Vocab:
    heads: frozenset[str]
    lone_refused: frozenset[str]
    minor: frozenset[str]
    not_body_after: frozenset[str]
    role_before: frozenset[str]
    short_forms: dict[str, tuple[str, ...]]
    council_generic: frozenset[str]
    council_types: frozenset[str]


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    data: dict[str, Any] = json.loads(VOCAB_FILE.read_text(encoding="utf-8"))
    return Vocab(
        heads=frozenset(data["heads"]),
        lone_refused=frozenset(data["lone_heads_refused"]),
        minor=frozenset(data["minor"]),
        not_body_after=frozenset(data["not_body_after"]),
        role_before=frozenset(data["role_before"]),
        short_forms={k: tuple(v) for k, v in data["short_forms"].items()},
        council_generic=frozenset(data["council_generic"]),
        council_types=frozenset(data["council_types"]),
    )


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # lower case, "&" as "and"
    start: int
    end: int
    caps: bool  # written in capitals (an acronym)
    possessive: bool = False  # followed by 's ("the Panel's members")


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with where they are; a possessive "'s" is dropped."""
    out = []
    for m in _TOKEN.finditer(_POSSESSIVE.sub("  ", text)):
        w = m.group(0)
        caps = w.isupper() and len(w) > 1
        poss = bool(_POSSESSIVE.match(text, m.end()))
        out.append(Token("and" if w == "&" else w.lower(), m.start(), m.end(), caps, poss))
    return out


@dataclass(frozen=True, slots=True)
class BodyMatch:
    """A body the question names: the filter to apply, the known bodies it means, where the
    question names it and how."""

    filter: str
    bodies: tuple[str, ...]
    span: tuple[int, int]
    how: str


@dataclass(frozen=True, slots=True)
class _Known:
    name: str
    content: tuple[str, ...]  # its words without the small ones
    distinctive: frozenset[str]  # ... nor the kind of body
    acronyms: frozenset[str]


@lru_cache(maxsize=64)
def _known(bodies: tuple[str, ...]) -> tuple[_Known, ...]:
    v = vocab()
    out = []
    for name in bodies:
        words = [t.word for t in tokens(name)]
        content = tuple(w for w in words if w not in v.minor)
        if not content:
            continue
        acronyms = {"".join(w[0] for w in content), "".join(w[0] for w in words)}
        out.append(
            _Known(
                name=name,
                content=content,
                distinctive=frozenset(w for w in content if w not in v.heads),
                acronyms=frozenset(a for a in acronyms if len(a) >= 2),
            )
        )
    return tuple(out)


def _runs(q: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """Maximal common runs of two word lists: (start in q, start in b, length)."""
    out = []
    for i in range(len(q)):
        for j in range(len(b)):
            if q[i] != b[j] or (i and j and q[i - 1] == b[j - 1]):
                continue
            n = 0
            while i + n < len(q) and j + n < len(b) and q[i + n] == b[j + n]:
                n += 1
            out.append((i, j, n))
    return out


def _names_a_body(toks: Sequence[Token], first: int, last: int) -> bool:
    """The words ``first..last`` of the question are not part of a role or a compound
    ("Cabinet Member for ...", "council tax", "Leader of the Council")."""
    v = vocab()
    after = toks[last + 1].word if last + 1 < len(toks) else ""
    if after in v.not_body_after and not toks[last].possessive:
        return False
    before = [t.word for t in toks[max(0, first - 3) : first]]
    return not any(w in v.role_before for w in before)


def _candidates(
    toks: Sequence[Token], known: Sequence[_Known]
) -> list[tuple[float, int, int, str, str]]:
    """(strength, first token, last token, how, body name) for every way the question's
    content words name a known body."""
    v = vocab()
    idx = [i for i, t in enumerate(toks) if t.word not in v.minor]
    words = [toks[i].word for i in idx]
    found: list[tuple[float, int, int, str, str]] = []
    for k in known:
        for qi, _bj, n in _runs(words, k.content):
            first, last = idx[qi], idx[qi + n - 1]
            run = set(words[qi : qi + n])
            if not _names_a_body(toks, first, last):
                continue
            if n == len(k.content) and not run <= v.lone_refused:
                found.append((STRENGTH["name"] + n / 100, first, last, "name", k.name))
            elif n >= 2 and (run & v.heads or run >= k.distinctive):
                found.append((STRENGTH["partial"] + n / 100, first, last, "partial", k.name))
            elif (
                n == 1
                and words[qi] in v.heads
                and words[qi] not in v.lone_refused
                and first > 0
                and toks[first - 1].word in _DETERMINERS
            ):
                found.append((STRENGTH["head"], first, last, "head", k.name))
        for i, t in enumerate(toks):
            if t.caps and t.word in k.acronyms and _names_a_body(toks, i, i):
                found.append((STRENGTH["acronym"], i, i, "acronym", k.name))
    for phrase, needles in v.short_forms.items():
        pw = phrase.split()
        for i in range(len(toks) - len(pw) + 1):
            if [t.word for t in toks[i : i + len(pw)]] != pw:
                continue
            if not _names_a_body(toks, i, i + len(pw) - 1):
                continue
            for k in known:
                if all(n in k.content for n in needles):
                    found.append((STRENGTH["short"], i, i + len(pw) - 1, "short", k.name))
    return found


def match_body(question: str, bodies: Iterable[str]) -> BodyMatch | None:
    """The body the question names (see the module docstring), or ``None``."""
    known = _known(tuple(sorted({b.strip() for b in bodies if b and b.strip()})))
    toks = tokens(question)
    found = _candidates(toks, known)
    if not found:
        return None
    # strongest, longest, then the first named: the body a question is put to comes before
    # the bodies its topic names ("What did the county council decide about the Audit
    # Committee's terms of reference?")
    best = max(found, key=lambda f: (f[0], f[2] - f[1], -f[1]))
    _, first, last, how, _ = best
    names = sorted(
        {f[4] for f in found if (f[0], f[1], f[2]) == (best[0], first, last)},
        key=lambda n: (len(n), n),
    )
    start = toks[first - 1].start if first and toks[first - 1].word == "the" else toks[first].start
    end = toks[last].end
    if question[end : end + 2] in ("'s", "’s"):
        end += 2
    if len(names) == 1:
        return BodyMatch(names[0], (names[0],), (start, end), how)
    phrase = " ".join(t.word for t in toks[first : last + 1])
    if how != "acronym" and all(phrase in " ".join(w.word for w in tokens(n)) for n in names):
        return BodyMatch(phrase, tuple(names), (start, end), how)
    return None


def without(question: str, span: tuple[int, int]) -> str:
    """The question with the words at ``span`` taken out."""
    return " ".join((question[: span[0]] + " " + question[span[1] :]).split())


def council_words(council: str) -> tuple[str, ...]:
    """The words that tell a council from others: "Kent County Council" -> ("kent",)."""
    v = vocab()
    words = [t.word for t in tokens(re.sub(r"\(.*?\)", " ", council))]
    return tuple(w for w in words if w not in v.council_generic and not w.isdigit())


def match_council(question: str, councils: Iterable[str]) -> str | None:
    """The known council the question names by its distinctive words (capitalised, as a
    place is written), or ``None`` (also when it names several)."""
    v = vocab()
    toks = [t for t in tokens(question) if t.word not in v.council_generic]
    words = [t.word for t in toks]
    hits = set()
    for council in {c for c in councils if c and c.strip()}:
        want = council_words(council)
        if not want:
            continue
        for i in range(len(words) - len(want) + 1):
            if tuple(words[i : i + len(want)]) == want and question[toks[i].start].isupper():
                hits.add(council)
    if hits:
        return hits.pop() if len(hits) == 1 else None
    return _council_of_type(question, councils)


def _council_of_type(question: str, councils: Iterable[str]) -> str | None:
    """The one known council of the type a question names without its name ("the county
    council", "the parish council": a type word of ``council_types`` before "council"),
    or ``None`` (also when the store knows several councils of that type). "County
    council tax" names a tax, not a council."""
    v = vocab()
    toks = tokens(question)
    named = set()
    for i in range(1, len(toks) - 1):
        if toks[i].word not in v.council_types or toks[i + 1].word != "council":
            continue
        after = toks[i + 2].word if i + 2 < len(toks) else ""
        if toks[i - 1].word in _DETERMINERS and after not in v.not_body_after:
            named.add(toks[i].word)
    if len(named) != 1:
        return None
    (kind,) = named
    of_kind = set()
    for council in {c for c in councils if c and c.strip()}:
        words = [t.word for t in tokens(council)]
        if any(a == kind and b == "council" for a, b in zip(words, words[1:], strict=False)):
            of_kind.add(council)
    return of_kind.pop() if len(of_kind) == 1 else None


_councils: weakref.WeakKeyDictionary[Any, tuple[int, dict[str, tuple[str, ...]]]]
_councils = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def council_packs(store: Store) -> dict[str, tuple[str, ...]]:
    """Per council the store knows, the ids of its packs (read once per state of the store:
    when packs were added or removed)."""
    n = int(store.counts().get("packs", 0))
    with _lock:
        known = _councils.get(store)
    if known is not None and known[0] == n:
        return known[1]
    out: dict[str, list[str]] = {}
    for p in store.list_packs():
        out.setdefault(p.council or "", []).append(p.id)
    table = {c: tuple(ids) for c, ids in out.items()}
    with _lock:
        _councils[store] = (n, table)
    return table


def council_scope(store: Store, council: str | None) -> tuple[str, ...] | None:
    """The packs a question naming ``council`` may be answered from: every pack except those
    of the other councils the store knows (a pack whose council was not read stays in);
    ``None`` (no restriction) when no council is named or no other council is known."""
    if not council:
        return None
    table = council_packs(store)
    others = [c for c in table if c and c != council]
    if council not in table or not others:
        return None
    return tuple(pid for c, ids in table.items() if c not in others for pid in ids)
