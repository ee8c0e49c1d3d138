"""Hybrid search: BM25 and dense rankings fused by reciprocal rank, exact matches first.

``search(store, query, ...)`` is the one entry point (the CLI, the API and the
question-answering layer all call it). Exact phrases ("quoted", or a short query
as a whole) and reference-like tokens (``UASC``, ``S106``, ``Standing Order 12``)
are matched word for word against each candidate's text; passages that contain
them rank above passages that do not, and are fetched by phrase so they are
found even when neither ranking had them near the top.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any, Generic, TypeVar

import numpy as np

from service.errors import InvalidRequestError, QueryTimeoutError
from service.query import MAX_LIMIT, MODES
from service.query import floor as relevance_floor
from service.query.bodies import match_body
from service.query.words import STOPWORDS
from service.store.base import KINDS, Hit, KeywordQuery, Passage, PassageFilter, Store

RRF_K = 60
CANDIDATES = 50  # per ranking, at least
SHORT_QUERY_WORDS = 4  # a query this short is also matched as one phrase
FLOOR_SLACK = 10  # results judged by the relevance floor beyond the limit asked for
KEYWORD_TIMEOUT = 0.1  # seconds the keyword ranking may take in hybrid mode
PHRASE_TIMEOUT = 0.03  # seconds each exact-phrase lookup may take in hybrid mode

log = logging.getLogger(__name__)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,9}s?\b")
_CODE = re.compile(
    r"\b(?=[A-Za-z0-9/.\-]*[A-Za-z])(?=[A-Za-z0-9/.\-]*\d)[A-Za-z0-9][A-Za-z0-9/.\-]*\b"
)
_NUMBERED = re.compile(r"\b(?:[A-Z][a-z]+\s+){1,3}\d+(?:\.\d+)*[a-z]?\b")


@dataclass(slots=True)
class SearchResult(Passage):
    """A stored passage as one search ranked it (no field restated: a Passage, plus where
    it ranked and its score)."""

    rank: int = 0
    score: float = 0.0

    @property
    def passage_id(self) -> int:
        return self.id

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "score": self.score, **Passage.to_dict(self)}

    @classmethod
    def of(cls, p: Passage, rank: int = 0, score: float = 0.0) -> SearchResult:
        """The result for a stored passage."""
        return cls(**p.record(), rank=rank, score=score)


@dataclass(slots=True)
class SearchResponse:
    query: str
    results: list[SearchResult]
    mode: str = "hybrid"
    notes: list[str] = field(default_factory=list)  # e.g. keyword ranking skipped (time limit)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "query": self.query,
            "results": [r.to_dict() for r in self.results],
        }
        if self.notes:
            out["notes"] = list(self.notes)
        return out


# ----------------------------------------------------------------- parsing


@dataclass(slots=True)
class ParsedQuery:
    words: list[str]  # every word, lower case
    terms: list[str]  # words worth ranking by (stop words dropped)
    exact: list[list[str]]  # word sequences a passage should contain verbatim


def tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def parse_query(query: str) -> ParsedQuery:
    quoted = [a or b for a, b in _QUOTED.findall(query)]
    unquoted = _QUOTED.sub(" ", query)
    words = tokens(query)
    terms = [w for w in words if w not in STOPWORDS] or words
    exact: list[list[str]] = []

    def add(seq: list[str], trim: bool = False) -> None:
        # an unquoted "is used to" is really "used": edge stop words only make it costly
        while trim and len(seq) > 1 and seq[0] in STOPWORDS:
            seq = seq[1:]
        while trim and len(seq) > 1 and seq[-1] in STOPWORDS:
            seq = seq[:-1]
        if seq and seq not in exact:
            exact.append(seq)

    for q in quoted:
        add(tokens(q))
    if not quoted and len(words) <= SHORT_QUERY_WORDS and terms:
        add(words, trim=True)
    for m in _NUMBERED.finditer(unquoted):
        seq = tokens(m.group(0))
        while seq and seq[0] in STOPWORDS:
            seq = seq[1:]
        if len(seq) >= 2:
            add(seq)
    for m in _ACRONYM.finditer(unquoted):
        if m.group(0).lower() not in STOPWORDS:
            add(tokens(m.group(0)))
    for m in _CODE.finditer(unquoted):
        add(tokens(m.group(0)))
    # drop a target contained in a longer one (the longer one implies it)
    exact = [e for e in exact if not any(o != e and _contains(o, e) for o in exact)]
    return ParsedQuery(words=words, terms=_dedupe(terms), exact=exact[:4])


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    if n == 0 or n > len(haystack):
        return False
    first = needle[0]
    return any(
        haystack[i] == first and list(haystack[i : i + n]) == list(needle)
        for i in range(len(haystack) - n + 1)
    )


# The only characters whose lower case is not one character of the same class (word or
# not, as ``_WORD`` reads it): "İ" (two characters) and "Σ" (its lower case depends on the
# letters around it). A text without them lowers character by character, so its words are
# the word runs of its lowered text (tests/test_search.py checks every code point).
_LOWER_IRREGULAR = ("\u0130", "\u03a3")


@lru_cache(maxsize=4096)
def _target_pattern(target: tuple[str, ...]) -> re.Pattern[str] | None:
    """The words of ``target`` as consecutive whole words of a lowered text (a word starts
    where the match starts: checked by the caller); ``None`` when a word of it is not a word
    run or has a sigma (those are matched on the text's words)."""
    if not target or not all(_WORD.fullmatch(w) and "σ" not in w and "ς" not in w for w in target):
        return None
    return re.compile(r"[\W_]+".join(re.escape(w) for w in target) + r"(?![^\W_])")


def _holds(low: str, pattern: re.Pattern[str]) -> bool:
    for m in pattern.finditer(low):
        start = m.start()
        if start == 0 or not _WORD.match(low, start - 1):
            return True
    return False


def exact_matches(text: str, exact: list[list[str]]) -> int:
    """How many of the exact targets the text contains word for word (case-insensitive).

    A target none of whose words has a sigma (the one letter whose lower case depends on
    the letters around it) is first looked for in the lowered text: a word missing there is
    in no token, and most candidates are told apart without splitting them into words; in a
    text that lowers character by character (see ``_LOWER_IRREGULAR``) it is then matched
    as a pattern of whole words there, else on the text's words."""
    if not exact:
        return 0
    low: str | None = None
    words: list[str] | None = None
    regular: bool | None = None
    found = 0
    for e in exact:
        if not any("σ" in w or "ς" in w for w in e):
            low = text.lower() if low is None else low
            if not all(w in low for w in e):
                continue
            if regular is None:
                regular = not any(c in text for c in _LOWER_IRREGULAR)
            pattern = _target_pattern(tuple(e)) if regular else None
            if pattern is not None:
                found += _holds(low, pattern)
                continue
        words = tokens(text) if words is None else words
        found += _contains(words, e)
    return found


# -------------------------------------------------------------- validation


def _iso(value: str | None, name: str, *, end: bool) -> str | None:
    """YYYY-MM-DD (also YYYY-MM or YYYY, widened to the start or end of the period)."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-12-31" if end else f"{value}-01-01"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            y, m = int(value[:4]), int(value[5:])
            if end:
                nxt = date(y + (m == 12), m % 12 + 1, 1)
                return date.fromordinal(nxt.toordinal() - 1).isoformat()
            return date(y, m, 1).isoformat()
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidRequestError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def make_filter(
    body: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | tuple[str, ...] | None = None,
    packs: tuple[str, ...] | None = None,
) -> PassageFilter:
    for k in (kind,) if isinstance(kind, str) else kind or ():
        if k not in KINDS:
            raise InvalidRequestError(f"kind must be one of {', '.join(KINDS)}, not {k!r}")
    filt = PassageFilter(
        body=(body or "").strip() or None,
        date_from=_iso(date_from, "from", end=False),
        date_to=_iso(date_to, "to", end=True),
        kind=kind or None,
        packs=tuple(packs) if packs is not None else None,
    )
    # from after to is a range no meeting falls in: nothing matches (not a bad request;
    # the API and CLI say so in a note, see service.web.views)
    return filt


# ------------------------------------------------------------------ search


T = TypeVar("T")


def _read_once(
    kept: dict[int, T | None], ids: Sequence[int], read: Callable[[list[int]], Mapping[int, T]]
) -> dict[int, T]:
    """``read``'s values for ``ids`` (those it has), reading only the ids ``kept`` has no
    answer for yet and keeping the answers (an absent one as None)."""
    missing = [i for i in dict.fromkeys(ids) if i not in kept]
    if missing:
        found = read(missing)
        for i in missing:
            kept[i] = found.get(i)
    return {i: v for i in ids if (v := kept[i]) is not None}


class RequestReads:
    """What the searches of one request read of the store, read once: the passages and
    their stored vectors by id, and how many exact targets each passage holds. /search runs
    its results' search and its facets' search (the same query and filters, deeper) with
    one, so the second costs its rankings and little else. Kept for one request only (a
    pack replaced meanwhile is seen by the next request)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._passages: dict[int, Passage | None] = {}
        self._vectors: dict[int, np.ndarray | None] = {}
        self._tiers: dict[tuple[int, tuple[tuple[str, ...], ...]], int] = {}

    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        return _read_once(self._passages, ids, self.store.passages)

    def vectors_for(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        return _read_once(self._vectors, ids, self.store.vectors_for)

    def tier(self, p: Passage, exact: list[list[str]]) -> int:
        key = (p.id, tuple(tuple(e) for e in exact))
        known = self._tiers.get(key)
        if known is None:
            known = self._tiers[key] = exact_matches(p.text, exact)
        return known


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """What a search, or a question, asks for besides its words: the ranking (``mode``),
    the filters and how many results. Checked once, here, for both ``search`` and ``ask``
    (the filters' values when :meth:`filter` is called)."""

    mode: str = "hybrid"
    body: str | None = None  # case-insensitive substring of the body's name
    date_from: str | None = None
    date_to: str | None = None
    kind: str | tuple[str, ...] | None = None  # one kind, or a tuple any of which will do
    limit: int = 10
    packs: tuple[str, ...] | None = None  # only these packs (a council's: not an API parameter)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise InvalidRequestError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if not 1 <= int(self.limit) <= MAX_LIMIT:
            raise InvalidRequestError(f"limit must be between 1 and {MAX_LIMIT}")
        object.__setattr__(self, "limit", int(self.limit))

    def filter(self) -> PassageFilter:
        return make_filter(self.body, self.date_from, self.date_to, self.kind, self.packs)

    def replace(self, **changes: Any) -> SearchOptions:
        return replace(self, **changes)


def resolve_body(store: Store, body: str) -> str:
    """A body filter as the store knows it: kept when it is part of a known body's name, else
    the body it names by acronym or short name ("CFAP", "the panel": see
    :mod:`service.query.bodies`), else kept as given (it then matches nothing)."""
    known = [str(b) for b in store.bodies()]
    needle = body.strip().lower()
    if not known or any(needle in k.lower() for k in known):
        return body
    found = match_body(body, known)
    return found.filter if found is not None else body


def _rrf(rankings: Sequence[Sequence[Hit]], weights: Sequence[float]) -> dict[int, float]:
    fused: dict[int, float] = {}
    for hits, weight in zip(rankings, weights, strict=True):
        for rank, hit in enumerate(hits, start=1):
            fused[hit.passage_id] = fused.get(hit.passage_id, 0.0) + weight / (RRF_K + rank)
    return fused


def default_embedder(store: Store) -> Any:
    from service.index.embed import get_embedder

    data_dir = getattr(store, "data_dir", None)
    return get_embedder(models_dir=data_dir / "models" if data_dir is not None else None)


class _Deferred(Generic[T]):
    """A stage run when its result is asked for (a store whose reads are not overlapped)."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn

    def result(self) -> T:
        return self._fn()


def _stage_starter(store: Store) -> Callable[[Callable[[], T]], Any]:
    """How a search starts one of its independent stages: in the store's stage threads
    (:meth:`Store.stage_threads`) when its reads are worth overlapping
    (:attr:`Store.overlapped_reads`: its statements run in server processes of their own),
    else deferred until its result is asked for (so they run one after the other, in the
    order they are asked for). Either way ``.result()`` returns the stage's value or raises
    its error."""
    if not store.overlapped_reads:
        return _Deferred
    return store.stage_threads().submit


def _in_turn(store: Store, reads: Sequence[Callable[[], T]]) -> list[Any]:
    """One stage read at several depths, shallowest first: each read starts when the one
    before it has ended (a store that keeps a ranking serves the deeper read from the
    shallower one's), in one stage thread where the store's reads are overlapped (so the
    shallowest is ready first, the deeper ones follow while its caller works), else each
    deferred until asked for. ``.result()`` of each as of a stage (:func:`_stage_starter`)."""
    if not store.overlapped_reads or len(reads) == 1:
        start = _stage_starter(store)
        return [start(read) for read in reads]
    futures: list[Future[T]] = [Future() for _ in reads]

    def run() -> None:
        for read, future in zip(reads, futures, strict=True):
            try:
                future.set_result(read())
            except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for it
                future.set_exception(exc)

    store.stage_threads().submit(run)
    return futures


class _Rankings:
    """A search's reads of the store (its keyword ranking, dense ranking and exact-phrase
    lookups) at one or more depths, each depth's read as the search of that depth alone would
    make it (so a search of several limits gives what each gives alone); each depth's reads
    started when this is made, all of them side by side where the store overlaps its reads.
    :meth:`fused` collects one depth."""

    def __init__(
        self,
        store: Store,
        query: str,
        parsed: ParsedQuery,
        filt: PassageFilter,
        mode: str,
        depths: Sequence[int],
        embedder: Any,
        exhaustive: bool,
        timed: bool = True,
    ) -> None:
        self.store, self.query, self.filt, self.mode = store, query, filt, mode
        self.depths = list(depths)
        self.exhaustive = exhaustive
        # unless exhaustive or untimed, a slow keyword stage is cut short (the dense ranking
        # carries on; the store's own query time limit still applies)
        self.kw_timeout = None if exhaustive or not timed else KEYWORD_TIMEOUT
        self.phrase_timeout = None if exhaustive or not timed else PHRASE_TIMEOUT
        # the stages are independent reads: sent side by side where the store runs them apart
        # (a server store), else one after the other in this order
        self.keyword: list[Any] | None = None
        if mode in ("hybrid", "bm25") and parsed.terms:
            terms = KeywordQuery(terms=parsed.terms, exhaustive=exhaustive)
            self.keyword = _in_turn(store, [self._keyword(terms, d) for d in self.depths])
        self.dense: list[Any] | None = None
        if mode in ("hybrid", "dense"):
            vector: list[np.ndarray] = []  # the query's, made by the first read

            def dense_stage(depth: int) -> Callable[[], tuple[np.ndarray, list[Hit]]]:
                def read() -> tuple[np.ndarray, list[Hit]]:
                    if not vector:
                        enc = embedder or default_embedder(store)
                        vector.append(np.asarray(enc.encode([query])[0]))
                    return vector[0], store.dense_search(vector[0], filt, depth)

                return read

            self.dense = _in_turn(store, [dense_stage(d) for d in self.depths])
        self.targets = parsed.exact if mode != "dense" else []
        # a single word is looked up only when the keyword ranking found nothing: it waits
        self.lookups = {
            i: _in_turn(store, [self._lookup(t, d) for d in self.depths])
            for i, t in enumerate(self.targets)
            if len(t) >= 2 or self.keyword is None
        }

    def _keyword(self, terms: KeywordQuery, depth: int) -> Callable[[], list[Hit]]:
        return lambda: self.store.keyword_search(terms, self.filt, depth, timeout=self.kw_timeout)

    def _lookup(self, target: list[str], depth: int) -> Callable[[], list[Hit]]:
        return lambda: self.store.keyword_search(
            KeywordQuery(phrases=[target]), self.filt, depth, timeout=self.phrase_timeout
        )

    def fused(
        self, at: int, notes: list[str], ranks: dict[int, tuple[int, int, float]] | None = None
    ) -> tuple[dict[int, float], np.ndarray | None]:
        """Passage id -> score at the ``at``-th depth: the keyword and dense rankings (fused
        by reciprocal rank in hybrid mode), and the passages found by exact phrase (ranked
        after them); and the query's vector when the dense ranking made one. A ranking or
        lookup skipped for its time limit is said in ``notes``. ``ranks`` (when given) is
        filled with each passage's (keyword rank, dense rank, keyword score), 0 where a
        ranking missed it."""
        query, mode, depth = self.query, self.mode, self.depths[at]
        vec: np.ndarray | None = None
        bm25: list[Hit] = []
        dense: list[Hit] = []
        phrase_hits: list[Hit] = []
        if self.keyword is not None:
            try:
                bm25 = self.keyword[at].result()
            except QueryTimeoutError:
                if self.exhaustive:
                    raise
                log.info(
                    "keyword ranking of %r skipped: over %.2f s", query, self.kw_timeout or 0.0
                )
                notes.append("keyword ranking skipped: over its time limit")
        if self.dense is not None:
            vec, dense = self.dense[at].result()
        for i, target in enumerate(self.targets):
            found = self.lookups[i][at] if i in self.lookups else None
            if found is None:
                if bm25:
                    continue  # a single word is already a BM25 term
                found = _stage_starter(self.store)(self._lookup(target, depth))
            try:
                phrase_hits.extend(found.result())
            except QueryTimeoutError:
                log.info(
                    "phrase lookup %r skipped: over %.2f s", target, self.phrase_timeout or 0.0
                )
                notes.append("phrase lookup skipped: over its time limit")

        if mode == "bm25":
            fused = {h.passage_id: h.score for h in bm25}
        elif mode == "dense":
            fused = {h.passage_id: h.score for h in dense}
        else:
            fused = _rrf([bm25, dense], [1.0, 1.0])
        if ranks is not None:
            for rank, h in enumerate(bm25, start=1):
                ranks[h.passage_id] = (rank, 0, float(h.score))
            for rank, h in enumerate(dense, start=1):
                b, _, bs = ranks.get(h.passage_id, (0, 0, 0.0))
                ranks[h.passage_id] = (b, rank, bs)
        for rank, hit in enumerate(phrase_hits, start=1):
            score = 0.5 / (RRF_K + depth + rank) if mode == "hybrid" else 0.0
            fused.setdefault(hit.passage_id, score)
        return fused, vec


def _fused(
    store: Store,
    query: str,
    parsed: ParsedQuery,
    filt: PassageFilter,
    mode: str,
    depth: int,
    embedder: Any,
    exhaustive: bool,
    notes: list[str],
    ranks: dict[int, tuple[int, int, float]] | None = None,
    timed: bool = True,
) -> tuple[dict[int, float], np.ndarray | None]:
    """:meth:`_Rankings.fused` of a search of one depth."""
    rankings = _Rankings(store, query, parsed, filt, mode, [depth], embedder, exhaustive, timed)
    return rankings.fused(0, notes, ranks)


def _ranked(
    reads: RequestReads, fused: dict[int, float], parsed: ParsedQuery, mode: str, limit: int
) -> list[SearchResult]:
    """The best ``limit`` passages: those holding more exact targets first, then by score;
    one passage per (pack, text)."""
    if mode == "dense" or not parsed.exact:
        return _best_by_score(reads, fused, limit)
    found = reads.passages(list(fused))  # ids a concurrent replace removed drop out here
    scored: list[tuple[int, float, Passage]] = []
    for pid, score in fused.items():
        p = found.get(pid)
        if p is None:
            continue
        scored.append((reads.tier(p, parsed.exact), score, p))
    scored.sort(key=lambda t: (-t[0], -t[1], t[2].id))
    return _distinct(((score, p) for _tier, score, p in scored), limit)


def _best_by_score(reads: RequestReads, fused: dict[int, float], limit: int) -> list[SearchResult]:
    """``_ranked`` when no passage can hold an exact target (all in one tier): the passages
    are read in score order, a few more than still wanted at a time, until ``limit`` are
    found (not every candidate)."""
    order = sorted(fused, key=lambda pid: (-fused[pid], pid))
    picked: list[tuple[float, Passage]] = []
    seen: set[tuple[str, str]] = set()
    at = 0
    while at < len(order) and len(picked) < limit:
        chunk = order[at : at + max(2 * (limit - len(picked)), 20)]
        at += len(chunk)
        found = reads.passages(chunk)
        for pid in chunk:
            p = found.get(pid)
            if p is None or (p.pack, p.text) in seen:
                continue
            seen.add((p.pack, p.text))
            picked.append((fused[pid], p))
            if len(picked) >= limit:
                break
    return _distinct(iter(picked), limit)


def _distinct(scored: Iterator[tuple[float, Passage]], limit: int) -> list[SearchResult]:
    """The first ``limit`` of ``(score, passage)`` in order, one per (pack, text)."""
    results: list[SearchResult] = []
    seen: set[tuple[str, str]] = set()
    for score, p in scored:
        key = (p.pack, p.text)
        if key in seen:
            continue
        seen.add(key)
        results.append(SearchResult.of(p, len(results) + 1, round(float(score), 6)))
        if len(results) >= limit:
            break
    return results


def search(
    store: Store,
    query: str,
    options: SearchOptions | None = None,
    *,
    embedder: Any = None,
    exhaustive: bool | None = None,
    floor: bool = True,
    reads: RequestReads | None = None,
    timed: bool = True,
    **given: Any,
) -> SearchResponse:
    """Rank passages for ``query``; ``options`` (else the :class:`SearchOptions` fields given
    by name: ``mode``, ``body``, ``date_from``, ``date_to``, ``kind``, ``limit``) restrict body
    (substring), dates and kind (one, or a tuple of kinds any of which will do).

    ``exhaustive`` (default: ``mode == "bm25"``): the keyword ranking scores every match of
    even the commonest word, with no time limit. Otherwise it keeps to the store's postings
    budget and ``KEYWORD_TIMEOUT`` (phrases: ``PHRASE_TIMEOUT``), as in hybrid mode.

    ``floor`` (default on): only results as relevant as the calibrated floor of the mode are
    returned (:mod:`service.query.floor`); when none is, the response says "no strong
    matches" in its notes. ``floor=False`` gives the raw ranking (for callers that judge
    relevance themselves). ``reads``: what other searches of the same request read (see
    :class:`RequestReads`). ``timed=False``: no ``KEYWORD_TIMEOUT``/``PHRASE_TIMEOUT`` (the
    store's query time limit stays), so load never changes the ranking (evaluation).
    A ranking or lookup skipped for its time limit is said in ``notes``."""
    options = options.replace(**given) if options is not None else SearchOptions(**given)
    (response,) = searches(
        store,
        query,
        options,
        [options.limit],
        embedder=embedder,
        exhaustive=exhaustive,
        floor=floor,
        reads=reads,
        timed=timed,
    )
    return response


def searches(
    store: Store,
    query: str,
    options: SearchOptions,
    limits: Sequence[int],
    *,
    embedder: Any = None,
    exhaustive: bool | None = None,
    floor: bool = True,
    reads: RequestReads | None = None,
    timed: bool = True,
) -> Iterator[SearchResponse]:
    """``search(store, query, options.replace(limit=limit), ...)`` for each of ``limits``
    (increasing), in order: each the same response as that search alone, but the store's
    rankings of every limit are started at once (each depth's read after the shallower one's,
    so a ranking the store keeps is read once) and the query is parsed, its body resolved and
    its passages and vectors read (``reads``) once. /search's results and its facets' deeper
    search are one call. Each response is made when asked for (the deeper ones' reads go on
    meanwhile)."""
    query = " ".join((query or "").split())
    if not query:
        raise InvalidRequestError("the query is empty")
    mode = options.mode
    filt = options.filter()
    if filt.body:
        filt.body = resolve_body(store, filt.body)
    parsed = parse_query(query)
    depths = [max(CANDIDATES, limit * 3) for limit in limits]
    exhaustive = mode == "bm25" if exhaustive is None else exhaustive
    rankings = _Rankings(store, query, parsed, filt, mode, depths, embedder, exhaustive, timed)
    reads = reads if reads is not None else RequestReads(store)
    return (
        _response(store, query, parsed, rankings, at, mode, limit, embedder, floor, reads)
        for at, limit in enumerate(limits)
    )


def _response(
    store: Store,
    query: str,
    parsed: ParsedQuery,
    rankings: _Rankings,
    at: int,
    mode: str,
    limit: int,
    embedder: Any,
    floor: bool,
    reads: RequestReads,
) -> SearchResponse:
    notes: list[str] = []
    fused, vec = rankings.fused(at, notes)
    if not floor:
        results = _ranked(reads, fused, parsed, mode, limit)
        return SearchResponse(query=query, results=results, mode=mode, notes=notes)
    # judge a few more than asked for, so a weak one dropped leaves room for the next
    ranked = _ranked(reads, fused, parsed, mode, min(len(fused), limit + FLOOR_SLACK))
    kept = relevance_floor.passing(
        store, query, ranked, mode, embedder=embedder, query_vector=vec, vectors=reads.vectors_for
    )[:limit]
    for rank, r in enumerate(kept, start=1):
        r.rank = rank
    if not kept and fused:
        notes.append(relevance_floor.NO_STRONG_MATCHES)
    return SearchResponse(query=query, results=kept, mode=mode, notes=notes)
