"""The store interface: what indexing, search and the API need, whatever the backend.

The default backend is :class:`service.store.sqlite.SQLiteStore` (one embedded
SQLite file plus a cached vector index); the server backend is
:class:`service.store.postgres.PostgresStore` (PostgreSQL + pgvector). Search, the CLI and the
API see only :class:`Store`: the store receives everything it writes (:class:`PackInput`) and
computes nothing from a pack itself. ``tests/test_store_contract.py`` runs on both.
"""

from __future__ import annotations

import abc
import dataclasses
import json
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from extract.model import Commitment, Pack
from service.errors import AlertNotFoundError, StoreError

T = TypeVar("T")

KINDS = ("resolution", "recommendation", "minutes", "agenda", "report", "page")
# an upload job as the store keeps it: what GET /jobs/{id} shows, and the process running it
JOB_FIELDS = (
    "id",
    "file",
    "size",
    "status",
    "progress",
    "stage",
    "error",
    "pack",
    "result",
    "submitted_at",
    "finished_at",
    "owner",
)


def pack_id_for(sha256: str) -> str:
    """The service's id for a pack: the first 16 hex digits of its file's sha256."""
    return sha256[:16]


def now_iso() -> str:
    """The time a store stamps on what it writes: UTC, to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# The columns both stores read back, each in the order of its dataclass's fields, so that a
# row is Passage(*row), PackRecord(*row), StoredCommitment(*row)
PASSAGE_COLS = "kind, text, body, meeting_date, agenda_item, item_title, page, pack_id, id"
PACK_COLS = (
    "id, sha256, source, source_key, council, body, meeting_date, status, page_count,"
    " passages, indexed_at"
)
COMMITMENT_COLS = (
    "pack_id, body, meeting_date, text, due, due_text, to_body, by_whom, source_kind,"
    " agenda_item, minute_item, page, id"
)
# the columns of a packs row as both stores write it, in the order of PackInput.pack_row
PACK_ROW_COLS = PACK_COLS + ", summary, pack_json"
# the columns of a passage both stores write after its pack id, in the order of passage_row
PASSAGE_ROW_COLS = "kind, body, body_key, meeting_date, agenda_item, item_title, page, text"
# every pack's acronyms, the long form most packs use first, then the shorter
ACRONYM_FORMS_SQL = (
    "SELECT acronym, long_form FROM acronyms GROUP BY acronym, long_form"
    " ORDER BY acronym, count(*) DESC, length(long_form), long_form"
)


def acronym_table_of(rows: Iterable[Sequence[Any]]) -> dict[str, str]:
    """{acronym: long form} from the rows of :data:`ACRONYM_FORMS_SQL`: each acronym's
    first form."""
    table: dict[str, str] = {}
    for acronym, long_form in rows:
        table.setdefault(acronym, long_form)
    return table


def meeting_entry(row: Sequence[Any]) -> dict[str, Any]:
    """What ``meetings()`` lists of a pack, from its id, source, page count, passage count and
    stored summary (JSON)."""
    pid, source, pages, passages, summary = row
    s = json.loads(summary)
    counts = dict(s.pop("counts", {}))
    counts["pages"] = pages
    counts["passages"] = passages
    return {"pack": pid, "source": source, **s, "counts": counts}


@dataclass(slots=True)
class Passage:
    """One searchable unit: what indexing writes, the store keeps and search returns.

    ``pack`` is the pack id, ``page`` a 1-based physical page; ``id`` is 0 until the store
    gives the passage its id."""

    kind: str  # one of KINDS
    text: str
    body: str | None
    meeting_date: str | None
    agenda_item: str | None
    item_title: str | None
    page: int | None
    pack: str = ""
    id: int = 0

    def embed_text(self) -> str:
        """What the embedding model sees: the text with its item title for context."""
        title = (self.item_title or "").strip()
        if title and not self.text.lower().startswith(title.lower()[:40]):
            return f"{title}: {self.text}"
        return self.text

    def record(self) -> dict[str, Any]:
        """The passage's own fields (a subclass's extra ones left out), to make another
        record of the same passage: ``SearchResult(**p.record(), rank=1, score=0.5)``."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(Passage)}

    def to_dict(self) -> dict[str, Any]:
        """The passage as the API cites it (its id is the store's business)."""
        return {
            "text": self.text,
            "kind": self.kind,
            "body": self.body,
            "meeting_date": self.meeting_date,
            "agenda_item": self.agenda_item,
            "item_title": self.item_title,
            "pack": self.pack,
            "page": self.page,
        }


@dataclass(slots=True)
class PackRecord:
    id: str
    sha256: str
    source: str  # file name as given by the user (never used as a path)
    source_key: str  # identity of the source: a resolved path, so a changed file replaces
    council: str | None
    body: str | None
    meeting_date: str | None
    status: str
    page_count: int
    passages: int
    indexed_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "source": self.source,
            "council": self.council,
            "body": self.body,
            "meeting_date": self.meeting_date,
            "status": self.status,
            "page_count": self.page_count,
            "passages": self.passages,
            "indexed_at": self.indexed_at,
        }


@dataclass(slots=True)
class StoredCommitment:
    """A promise of a later update (:class:`extract.model.Commitment`) as the store keeps it,
    with where it was made: ``pack`` (the pack id), ``body`` and ``meeting_date`` (the meeting
    the promise belongs to: for minutes, the meeting they record, else the pack's meeting)."""

    pack: str
    body: str | None
    meeting_date: str | None
    text: str
    due: str | None
    due_text: str | None
    to_body: str | None
    by: str | None
    source_kind: str
    agenda_item: str | None
    minute_item: str | None
    page: int
    id: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(StoredCommitment)}


def commitment_records(pack: Pack, pack_id: str) -> list[StoredCommitment]:
    """The pack's commitments as stored (ids 0 until stored): the body is that of the minutes
    holding the promise's page (else the pack's), the date the one it was resolved against."""
    out = []
    for c in pack.commitments:
        minutes = next(
            (m for m in pack.minutes if m.pages and m.pages[0] <= c.page <= m.pages[-1]), None
        )
        body = (minutes.body if minutes else None) or pack.meeting.body
        date = c.anchor_date or (minutes.date if minutes else None) or pack.meeting.date
        out.append(_stored(c, pack_id, body, date))
    return out


def _stored(c: Commitment, pack_id: str, body: str | None, date: str | None) -> StoredCommitment:
    return StoredCommitment(
        pack=pack_id,
        body=body,
        meeting_date=date,
        text=c.text,
        due=c.due,
        due_text=c.due_text,
        to_body=c.to_body,
        by=c.by,
        source_kind=c.source_kind,
        agenda_item=c.agenda_item,
        minute_item=c.minute_item,
        page=c.page,
    )


@dataclass(slots=True)
class AddResult:
    pack_id: str
    passages: int
    replaced: list[str] = field(default_factory=list)  # ids of older versions removed


@dataclass(slots=True)
class PassageFilter:
    """Restrictions on passages; ``None``/empty means no restriction."""

    body: str | None = None  # case-insensitive; matches bodies containing it
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None  # YYYY-MM-DD, inclusive
    kind: str | tuple[str, ...] | None = None  # one kind, or any of several
    packs: tuple[str, ...] | None = None  # pack ids (a council's packs)

    def is_empty(self) -> bool:
        return not (self.body or self.date_from or self.date_to or self.kind) and self.packs is None


@dataclass(slots=True)
class KeywordQuery:
    """A backend-neutral keyword query.

    ``terms``: words any of which may match (ranked by BM25);
    ``phrases``: word sequences that must ALL appear in that order.
    """

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    exhaustive: bool = False  # rank even words so common a large store would skip them


# a word a backend's keyword index holds (letters and digits)
PLAIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def plain_words(query: KeywordQuery) -> tuple[list[str], list[list[str]]]:
    """The query's terms that are plain words, each once, and its phrases of plain words (a
    phrase with none dropped): what a backend plans a keyword ranking on."""
    words = list(dict.fromkeys(t for t in query.terms if PLAIN_WORD.fullmatch(t)))
    phrases = [[w for w in ph if PLAIN_WORD.fullmatch(w)] for ph in query.phrases]
    return words, [ph for ph in phrases if ph]


def rarest_within(
    words: Sequence[str], df: Mapping[str, int], budget: int
) -> tuple[list[tuple[int, str]], list[str]]:
    """The words some passage holds as (document frequency, word), rarest first (ties in the
    query's order), and the rarest of them whose matches add up to at most ``budget``."""
    order = {w: i for i, w in enumerate(words)}
    present = sorted(
        ((df[w], w) for w in words if df.get(w, 0) > 0), key=lambda t: (t[0], order[t[1]])
    )
    terms: list[str] = []
    spent = 0
    for n, word in present:
        if spent + n > budget:
            break
        terms.append(word)
        spent += n
    return present, terms


@dataclass(slots=True)
class Hit:
    passage_id: int
    score: float  # higher is better within one result list


@dataclass(slots=True)
class PackInput:
    """Everything one pack adds: stored in one transaction or not at all. The store computes
    nothing: the indexer hands in the passages, their vectors, the pack's summary (what
    ``meetings()`` lists) and the acronyms the pack defines
    (:func:`service.index.passages.pack_input` makes one)."""

    pack: Pack
    passages: Sequence[Passage]
    vectors: np.ndarray  # (len(passages), dim) float, unit rows
    source_key: str
    status: str = "success"
    pdf: Path | None = None  # copied to the store's own file name
    summary: Mapping[str, Any] = field(default_factory=dict)  # meeting + counts, for meetings()
    acronyms: Mapping[str, str] = field(default_factory=dict)  # {acronym: long form}

    def check_vectors(self, dim: int) -> None:
        """Raises :class:`StoreError` unless there is one vector of ``dim`` per passage."""
        vecs = np.asarray(self.vectors)
        if (
            vecs.ndim != 2
            or vecs.shape[0] != len(self.passages)
            or (len(self.passages) and vecs.shape[1] != dim)
        ):
            raise StoreError(
                f"{len(self.passages)} passages but vectors of shape {tuple(vecs.shape)}",
                source=self.pack.source,
            )

    def pack_row(self, pack_id: str) -> tuple[Any, ...]:
        """The pack's row, in the order of :data:`PACK_ROW_COLS`, stamped now."""
        pack = self.pack
        return (
            pack_id,
            pack.sha256,
            pack.source,
            self.source_key,
            pack.meeting.council,
            pack.meeting.body,
            pack.meeting.date,
            self.status,
            pack.page_count,
            len(self.passages),
            now_iso(),
            json.dumps(dict(self.summary), ensure_ascii=False),
            json.dumps(pack.to_dict(), ensure_ascii=False),
        )


def passage_row(p: Passage, bodies: dict[str, str]) -> tuple[Any, ...]:
    """A passage's columns in the order of :data:`PASSAGE_ROW_COLS`; its body's name is kept in
    ``bodies`` under the body's key (lower case), the first spelling winning."""
    key = p.body.strip().lower() if p.body else None
    if key and p.body:
        bodies.setdefault(key, p.body.strip())
    return (p.kind, p.body, key, p.meeting_date, p.agenda_item, p.item_title, p.page, p.text)


@dataclass(slots=True)
class Alert:
    """A saved search: a query and its filters (as given: ``date_from``/``date_to`` are
    ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``). ``matches``: passages matched so far;
    ``unseen``: those ``boardpapers alerts show --new`` has not printed yet."""

    id: int
    query: str
    body: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    created_at: str = ""
    matches: int = 0
    unseen: int = 0


@dataclass(slots=True)
class AlertMatch:
    """A passage a saved search matched (recorded once per alert and passage)."""

    id: int
    alert_id: int
    passage: Passage
    score: float
    matched_at: str
    shown_at: str | None = None

    @classmethod
    def of_row(cls, row: Sequence[Any]) -> AlertMatch:
        """From a row of match id, alert id, score, matched at, shown at, then the passage's
        columns in the order of :class:`Passage`'s fields (both stores select them so)."""
        return cls(
            id=row[0],
            alert_id=row[1],
            score=row[2],
            matched_at=row[3],
            shown_at=row[4],
            passage=Passage(*row[5:]),
        )


# saved searches as both stores select them, each with its match counts (all, unseen)
ALERTS_SQL = (
    "SELECT a.id, a.query, a.body, a.kind, a.date_from, a.date_to, a.created_at,"
    " (SELECT count(*) FROM alert_matches m WHERE m.alert_id = a.id),"
    " (SELECT count(*) FROM alert_matches m WHERE m.alert_id = a.id AND m.shown_at IS NULL)"
    " FROM alerts a"
)


def found_alert(row: Sequence[Any] | None, alert_id: int) -> Alert:
    """The saved search of a row of :data:`ALERTS_SQL`; raises when there is none."""
    if row is None:
        raise AlertNotFoundError(f"no saved search with id {alert_id}")
    return Alert(*row)


def alert_matches_sql(mark: str, *, unseen: bool) -> str:
    """An alert's matches, newest first, as :meth:`AlertMatch.of_row` reads them: the alert id
    and the limit are parameters, written ``mark`` (the store's placeholder)."""
    cols = ", ".join(f"p.{c.strip()}" for c in PASSAGE_COLS.split(","))
    return (
        f"SELECT m.id, m.alert_id, m.score, m.matched_at, m.shown_at, {cols}"
        " FROM alert_matches m JOIN passages p ON p.id = m.passage_id"
        f" WHERE m.alert_id = {mark}{' AND m.shown_at IS NULL' if unseen else ''}"
        f" ORDER BY m.matched_at DESC, m.score DESC, m.id LIMIT {mark}"
    )


class Store(abc.ABC):
    """What the service needs from a store."""

    # True when other processes and machines may write at once (a server store, which then
    # has a ``url`` they open it by); False: one writing process (embedded SQLite)
    shared_writers: bool = False
    # True when a search's independent reads (its keyword ranking, dense ranking and phrase
    # lookups) are worth sending side by side: a server store, whose statements run in
    # processes of their own, so one waiting on the other is only latency
    overlapped_reads: bool = False

    def stage_threads(self) -> Executor:
        """The threads a search sends its independent reads on: only asked of a store whose
        :attr:`overlapped_reads` is True (which then owns them and stops them on close)."""
        raise NotImplementedError(f"{type(self).__name__} does not overlap its reads")

    # ----------------------------------------------------------------- writes
    @abc.abstractmethod
    def pack_id_by_sha(self, sha256: str) -> str | None:
        """The id of the pack with this file hash, if already stored."""

    @abc.abstractmethod
    def add_pack(self, item: PackInput) -> AddResult:
        """Store one pack whole (pack + JSON + passages + vectors + PDF) or not at all.

        An older pack with the same ``source_key`` and another hash is replaced.
        """

    def add_packs(self, items: Iterable[PackInput]) -> list[AddResult]:
        """Bulk load; backends may group packs into fewer transactions."""
        return [self.add_pack(item) for item in items]

    @abc.abstractmethod
    def refresh_vectors(self, *, save: bool = True) -> None:
        """Bring the dense index up to date with the stored vectors."""

    # ------------------------------------------------------------------ reads
    @abc.abstractmethod
    def list_packs(self) -> list[PackRecord]: ...

    @abc.abstractmethod
    def meetings(self) -> list[dict[str, Any]]:
        """One entry per pack: pack id, source, council, body, date, time, place, counts."""

    @abc.abstractmethod
    def bodies(self) -> list[str]:
        """The name of every body the stored packs belong to, sorted."""

    @abc.abstractmethod
    def vectors_for(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """The stored vector (float32) of each passage id that has one (the relevance floor
        and answers read them instead of embedding a result's text again)."""

    @abc.abstractmethod
    def pack_record(self, pack_id: str) -> PackRecord:
        """Raises PackNotFoundError for an unknown id."""

    @abc.abstractmethod
    def pack_json(self, pack_id: str) -> dict[str, Any]:
        """The stored Pack JSON; raises PackNotFoundError."""

    def pack_jsons(self, pack_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Several packs' JSON (:meth:`pack_json`) by pack id, read together where the
        backend can; a pack not stored is left out."""
        from service.errors import PackNotFoundError

        out: dict[str, dict[str, Any]] = {}
        for pack_id in dict.fromkeys(pack_ids):
            try:
                out[pack_id] = self.pack_json(pack_id)
            except PackNotFoundError:
                continue
        return out

    @abc.abstractmethod
    def pack_pdf(self, pack_id: str) -> Path:
        """Path of the stored PDF copy; raises NotFoundError."""

    @abc.abstractmethod
    def passages(self, ids: Sequence[int]) -> dict[int, Passage]: ...

    @abc.abstractmethod
    def iter_passages(self, batch: int = 10_000) -> Iterator[list[Passage]]: ...

    @abc.abstractmethod
    def item_passages(
        self, pack_id: str, agenda_item: str | None, item_title: str | None, limit: int
    ) -> list[Passage]:
        """The first ``limit`` passages of one item of a pack (same agenda item number, or
        same item title), in the order they were stored (page order)."""

    @abc.abstractmethod
    def keyword_search(
        self, query: KeywordQuery, filt: PassageFilter, limit: int, *, timeout: float | None = None
    ) -> list[Hit]:
        """BM25 ranking (best first); raises QueryTimeoutError past ``timeout`` seconds.

        May drop words so common that scoring them all would not fit its budget.
        """

    @abc.abstractmethod
    def dense_search(self, vector: np.ndarray, filt: PassageFilter, limit: int) -> list[Hit]:
        """Inner-product ranking of unit vectors (best first), filters applied."""

    @abc.abstractmethod
    def commitments(self, body: str | None = None) -> list[StoredCommitment]:
        """The stored packs' commitments (:func:`commitment_records`, kept when each pack is
        stored), ``body`` a case-insensitive substring of the body they were made at; ordered
        by meeting date, pack and page."""

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """{"packs": n, "passages": n}."""

    @abc.abstractmethod
    def acronym_table(self) -> dict[str, str]:
        """{acronym: long form} the stored packs define ("... Children (UASC)"), kept when
        each pack is stored; where packs differ, the form most of them use."""

    @abc.abstractmethod
    def word_doc_counts(self, words: Sequence[str], cap: int) -> dict[str, int]:
        """Per word: how many passages hold it, as keyword search matches words (stemmed),
        counted no further than ``cap + 1`` so a common word costs no more than a rare one."""

    # ------------------------------------------------------ derived state
    def generation(self) -> tuple[int, ...]:
        """A value that changes whenever packs are added, replaced or removed (what
        :meth:`derived` values are kept for). Default: the pack and passage counts; a backend
        that can tell a replacement of the same size apart says so."""
        counts = self.counts()
        return (int(counts.get("packs", 0)), int(counts.get("passages", 0)))

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """A value computed from the store's contents by a layer above it (the query layer's
        lexicon: IDF weights and acronyms), kept on the store for its current
        :meth:`generation` and built again (by ``build``) once packs changed. One per ``name``;
        a build that raises keeps nothing."""
        slots = self.__dict__.setdefault("_derived", {})
        lock = self.__dict__.setdefault("_derived_lock", threading.Lock())
        gen = self.generation()
        with lock:
            known = slots.get(name)
        if known is not None and known[0] == gen:
            return known[1]  # type: ignore[no-any-return]
        value = build()  # outside the lock: a slow build does not hold up other names
        with lock:
            slots[name] = (gen, value)
        return value

    # ------------------------------------------------------- saved searches
    # Not abstract: a backend without them still stores and searches packs; indexing logs
    # that saved searches were not matched, and the routes answer with this error.
    def _no_alerts(self) -> StoreError:
        return StoreError(f"saved searches are not supported by {type(self).__name__} yet")

    def add_alert(self, alert: Alert) -> Alert:
        """Save a search (``alert.id`` is ignored); returns it with its new id."""
        raise self._no_alerts()

    def alerts(self) -> list[Alert]:
        """Every saved search, oldest first, with its ``matches`` and ``unseen`` counts."""
        raise self._no_alerts()

    def alert(self, alert_id: int) -> Alert:
        """One saved search; raises AlertNotFoundError."""
        raise self._no_alerts()

    def delete_alert(self, alert_id: int) -> None:
        """Remove a saved search and its matches; raises AlertNotFoundError."""
        raise self._no_alerts()

    def record_matches(self, alert_id: int, hits: Sequence[tuple[int, float]]) -> int:
        """Record ``(passage_id, score)`` matches of a saved search, each passage once (a
        passage already recorded for the alert, or no longer stored, is left out); returns
        how many were new. Removing a pack removes its matches."""
        raise self._no_alerts()

    def alert_matches(
        self, alert_id: int, *, unseen: bool = False, limit: int = 1000
    ) -> list[AlertMatch]:
        """The newest ``limit`` matches of a saved search (newest first, then best score);
        ``unseen``: only those not yet marked shown. Raises AlertNotFoundError."""
        raise self._no_alerts()

    def mark_shown(self, match_ids: Sequence[int]) -> None:
        """Mark matches as shown (``boardpapers alerts show --new`` printed them)."""
        raise self._no_alerts()

    # ------------------------------------------------------------------ jobs
    # Upload jobs live in the store, so every server process (or machine) sharing it answers
    # GET /jobs/{id} for a job another one runs. A job is a dict of JOB_FIELDS.
    @abc.abstractmethod
    def save_job(self, job: Mapping[str, Any]) -> None:
        """Insert or update one upload job (by its ``id``)."""

    @abc.abstractmethod
    def load_job(self, job_id: str) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    def unfinished_jobs(self) -> list[dict[str, Any]]:
        """Jobs queued or running, oldest first."""

    @abc.abstractmethod
    def prune_jobs(self, keep: int) -> None:
        """Forget finished jobs but the newest ``keep``."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
