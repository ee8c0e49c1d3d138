"""Embedded default store: one SQLite file (WAL) + a cached faiss index, in ``data_dir``.

* ``store.db``: packs (row + Pack JSON), passages, FTS5 (BM25, porter stemming),
  vectors as float16 blobs, a log of removed passage ids for the vector index, and the
  acronyms each pack defines (read when the pack is stored, so questions never scan).
* ``pdfs/<sha256>.pdf``: the stored copy of each pack's PDF (named by the service).
* ``index/``: the faiss index cache (see :mod:`service.store.vectors`).

One writer connection (a lock serialises writes, each pack in ONE transaction);
a small pool of reader connections, each query under a time limit enforced by a
progress handler (-> :class:`QueryTimeoutError`).
"""

from __future__ import annotations

import json
import logging
import math
import queue
import re
import shutil
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from service.acronyms import find_definitions
from service.errors import (
    AlertNotFoundError,
    NotFoundError,
    PackNotFoundError,
    QueryTimeoutError,
    StoreError,
)
from service.store import terms
from service.store.attrs import AttrRow, PassageAttributes
from service.store.base import (
    ACRONYM_FORMS_SQL,
    ALERTS_SQL,
    COMMITMENT_COLS,
    JOB_FIELDS,
    PACK_COLS,
    PACK_ROW_COLS,
    PASSAGE_COLS,
    PASSAGE_ROW_COLS,
    PLAIN_WORD,
    AddResult,
    Alert,
    AlertMatch,
    Hit,
    KeywordQuery,
    PackInput,
    PackRecord,
    Passage,
    PassageFilter,
    Store,
    StoredCommitment,
    acronym_table_of,
    alert_matches_sql,
    commitment_records,
    found_alert,
    meeting_entry,
    now_iso,
    pack_id_for,
    passage_row,
    plain_words,
    rarest_within,
)
from service.store.kept import KEEP, KeptRankings
from service.store.vectors import SourceState, VectorIndex

log = logging.getLogger(__name__)

DIM = 384
DB_NAME = "store.db"
TOKENIZER = "porter unicode61 remove_diacritics 2"
BM25_WEIGHTS = (1.0, 0.5)  # text, item_title
POSTINGS_BUDGET = 5_000  # most passages BM25 scores per query before common terms are dropped
AND_TERMS = 3  # when every word is common: the AND of this many rarest words
EXACT_FILTER_MAX = 2_000  # a filter this selective is searched exactly over its own vectors
EXACT_SCAN_MAX = 20_000  # ... and up to this many when the restricted index finds too few
WIDE_NPROBE = 256  # ... even when it probes this many lists
MASKS_KEPT = 8  # filter masks kept (a byte a passage each)
READERS = 4
READER_WAIT_S = 10.0  # a query waits this long for a free reader connection, then 503
WRITE_TIMEOUT_S = 60  # a writer waits this long for another process's transaction
_PDF_NAME = re.compile(r"([0-9a-f]{64})\.pdf")  # the stored copy of a pack: <sha256>.pdf
_PDF_TMP = re.compile(r"\.[0-9a-f]{64}\.\d+\.tmp")  # a copy being made

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS packs (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    source_key TEXT NOT NULL,
    council TEXT,
    body TEXT,
    meeting_date TEXT,
    status TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    passages INTEGER NOT NULL DEFAULT 0,
    indexed_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    pack_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS packs_source_key ON packs(source_key);
CREATE INDEX IF NOT EXISTS packs_date ON packs(meeting_date);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pack_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT,
    body_key TEXT,
    meeting_date TEXT,
    agenda_item TEXT,
    item_title TEXT,
    page INTEGER,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_pack ON passages(pack_id);
CREATE INDEX IF NOT EXISTS passages_body_date ON passages(body_key, meeting_date);
CREATE INDEX IF NOT EXISTS passages_date ON passages(meeting_date);
CREATE INDEX IF NOT EXISTS passages_kind_date ON passages(kind, meeting_date);
CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, item_title, content='passages', content_rowid='id', tokenize='{TOKENIZER}'
);
CREATE TABLE IF NOT EXISTS vectors (passage_id INTEGER PRIMARY KEY, vec BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS acronyms (
    pack_id TEXT NOT NULL, acronym TEXT NOT NULL, long_form TEXT NOT NULL,
    PRIMARY KEY (pack_id, acronym)
);
CREATE TABLE IF NOT EXISTS commitments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    pack_id TEXT NOT NULL, body TEXT, meeting_date TEXT, text TEXT NOT NULL, due TEXT,
    due_text TEXT, to_body TEXT, by_whom TEXT, source_kind TEXT NOT NULL, agenda_item TEXT,
    minute_item TEXT, page INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS commitments_pack ON commitments(pack_id);
CREATE TABLE IF NOT EXISTS vector_deletions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, passage_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    query TEXT NOT NULL,
    body TEXT,
    kind TEXT,
    date_from TEXT,
    date_to TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_matches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL,
    passage_id INTEGER NOT NULL,
    pack_id TEXT NOT NULL,
    score REAL NOT NULL,
    matched_at TEXT NOT NULL,
    shown_at TEXT,
    UNIQUE (alert_id, passage_id)
);
CREATE INDEX IF NOT EXISTS alert_matches_pack ON alert_matches(pack_id);
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL,
    progress REAL NOT NULL DEFAULT 0,
    stage TEXT NOT NULL,
    error TEXT,
    pack TEXT,
    result TEXT,
    submitted_at TEXT NOT NULL,
    finished_at TEXT,
    owner TEXT
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status, seq);
"""
# packs stored, the highest passage id issued, the last removal logged (see ``generation``)
_GENERATION_SQL = (
    "SELECT (SELECT count(*) FROM packs),"
    " (SELECT seq FROM sqlite_sequence WHERE name = 'passages'),"
    " (SELECT seq FROM sqlite_sequence WHERE name = 'vector_deletions')"
)


def _generation_of(conn: sqlite3.Connection) -> tuple[int, ...]:
    return tuple(int(v or 0) for v in conn.execute(_GENERATION_SQL).fetchone())


class _Reader:
    """A pooled read connection whose statements stop at a deadline."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=30
        )
        self.conn.execute("PRAGMA cache_size = -16000")
        self.conn.execute("PRAGMA temp_store = MEMORY")
        self.deadline = math.inf
        self.conn.set_progress_handler(self._check, 1000)
        self.keep = b""  # the current filter: byte i is 1 when passage i passes
        self.conn.create_function("bp_keep", 1, self._keep, deterministic=True)
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._data_version = -1

    def memo(self) -> dict[tuple[Any, ...], Any]:
        """Answers (counts) this connection read, kept while the database is unchanged:
        ``PRAGMA data_version`` moves when any other connection commits."""
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._data_version or len(self._memo) > 100_000:
            self._memo.clear()
            self._data_version = version
        return self._memo

    def _check(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0

    def _keep(self, rowid: int) -> int:
        keep = self.keep
        return keep[rowid] if rowid < len(keep) else 0


class SQLiteStore(Store):
    def __init__(
        self,
        data_dir: Path,
        *,
        query_timeout: float = 2.0,
        readers: int = READERS,
        db_path: Path | None = None,
    ) -> None:
        """``db_path``: the SQLite file (default ``data_dir/store.db``); the PDF copies and
        the vector index cache stay in ``data_dir``."""
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.pdf_dir = self.data_dir / "pdfs"
        self.pdf_dir.mkdir(exist_ok=True)
        self.db_path = Path(db_path) if db_path is not None else self.data_dir / DB_NAME
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self.query_timeout = query_timeout
        self._write_lock = threading.Lock()
        self._writer = sqlite3.connect(
            str(self.db_path),
            isolation_level=None,
            check_same_thread=False,
            timeout=WRITE_TIMEOUT_S,
        )
        try:
            self._writer.execute("PRAGMA journal_mode = WAL")
            self._writer.execute("PRAGMA synchronous = NORMAL")
            self._writer.executescript(SCHEMA)
            self._writer.execute(terms.TABLE)
            self._backfill_acronyms()
            self._backfill_commitments()
            self._backfill_terms()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store at {self.db_path}: {exc}") from exc
        self._pool: queue.LifoQueue[_Reader] = queue.LifoQueue()
        self._pool_size = max(1, readers)
        self._opened = 0
        self._pool_lock = threading.Lock()
        self.vectors = VectorIndex(self.data_dir / "index", DIM)
        self.attrs = PassageAttributes()
        # recent filters' masks (a question's rankings use two: with and without its kinds)
        self._masks: OrderedDict[tuple[Any, ...], np.ndarray] = OrderedDict()
        self._masks_lock = threading.Lock()
        self._kept = KeptRankings()  # keyword rankings, for the facet search that repeats one
        self._counts: dict[tuple[str, int, tuple[int, ...]], int] = {}  # see _and_count
        self._counts_lock = threading.Lock()
        self._closed = False
        self._sweep_pdfs()

    # ------------------------------------------------------------ connections
    @contextmanager
    def _read(self, timeout: float | None = None) -> Iterator[_Reader]:
        reader = self._acquire()
        reader.deadline = time.monotonic() + timeout if timeout else math.inf
        try:
            yield reader
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise QueryTimeoutError(
                    f"query took longer than {timeout:.2f}s", limit_seconds=timeout
                ) from exc
            raise StoreError(f"store read failed: {exc}") from exc
        finally:
            reader.deadline = math.inf
            self._pool.put(reader)

    def _acquire(self) -> _Reader:
        """A free reader (opened while the pool is not full); waits ``READER_WAIT_S`` at most."""
        try:
            return self._pool.get_nowait()
        except queue.Empty:
            pass
        with self._pool_lock:
            if self._opened < self._pool_size:
                self._opened += 1
                return _Reader(self.db_path)
        try:
            return self._pool.get(timeout=READER_WAIT_S)
        except queue.Empty:
            log.warning("no reader connection free for %.0f s", READER_WAIT_S)
            raise QueryTimeoutError(
                f"the store is busy: no connection free within {READER_WAIT_S:.0f}s",
                limit_seconds=READER_WAIT_S,
            ) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            conn = self._writer
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")

    def _sweep_pdfs(self) -> None:
        """Delete PDF copies no pack owns and half-copied files (a process killed mid-pack).

        Runs under the write lock, so no pack is being added meanwhile; when another process
        holds it, the sweep is left to the next open rather than waited for.
        """
        conn = self._writer
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            try:
                conn.execute("BEGIN IMMEDIATE")
            finally:
                conn.execute(f"PRAGMA busy_timeout = {WRITE_TIMEOUT_S * 1000}")
        except sqlite3.OperationalError:
            log.debug("another process holds the store: PDF copies are swept on a later open")
            return
        try:
            owned = {row[0] for row in conn.execute("SELECT sha256 FROM packs")}
            for path in self.pdf_dir.iterdir():
                copy = _PDF_NAME.fullmatch(path.name)
                if (copy and copy[1] not in owned) or _PDF_TMP.fullmatch(path.name):
                    path.unlink(missing_ok=True)
        except OSError as exc:  # best effort: a file that cannot be removed now is tried again
            log.info("PDF copies not swept (tried again on the next open): %s", exc)
        finally:
            conn.execute("COMMIT")

    def _once(self, key: str, fill: Callable[[sqlite3.Connection], None]) -> None:
        """``fill`` run once in the store's life, in one write transaction that marks ``key``
        done in ``meta`` (a one-off migration; another process may have run it meanwhile)."""
        if self._writer.execute("SELECT 1 FROM meta WHERE key = ?", (key,)).fetchone():
            return
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM meta WHERE key = ?", (key,)).fetchone():
                return  # another process did it meanwhile
            fill(conn)
            conn.execute("INSERT INTO meta (key, value) VALUES (?, '1')", (key,))

    def _backfill_acronyms(self) -> None:
        """A store written before packs' acronyms were kept gets them once, from its passages."""

        def fill(conn: sqlite3.Connection) -> None:
            for (pack_id,) in conn.execute("SELECT id FROM packs").fetchall():
                texts = conn.execute(
                    "SELECT COALESCE(item_title, ''), text FROM passages WHERE pack_id = ?"
                    " ORDER BY id",
                    (pack_id,),
                ).fetchall()
                # (a one-off migration: new packs bring their acronyms with them)
                found = find_definitions(" ".join(f"{t} {x}" for t, x in texts))
                self._insert_acronyms(conn, pack_id, found)

        self._once("acronyms", fill)

    def _backfill_commitments(self) -> None:
        """A store written before commitments were kept gets them once: each stored pack that
        has none is read back from its Pack JSON and the rules are run on it (re-indexing would
        skip it, its file being stored already)."""

        def fill(conn: sqlite3.Connection) -> None:
            from extract.enrich.commitments import find_commitments  # rules only: no spaCy
            from extract.model import Pack

            rows = conn.execute(
                "SELECT id, pack_json FROM packs WHERE id NOT IN"
                " (SELECT DISTINCT pack_id FROM commitments)"
            ).fetchall()
            for pack_id, pack_json in rows:
                try:
                    pack = Pack.from_dict(json.loads(pack_json))
                    pack.commitments = find_commitments(pack)
                except Exception as exc:  # noqa: BLE001 - one odd pack never blocks the store
                    log.warning("commitments of pack %s not backfilled: %s", pack_id, exc)
                    continue
                self._insert_commitments(conn, commitment_records(pack, pack_id))

        self._once("commitments", fill)

    def _backfill_terms(self) -> None:
        """The kept word counts (:mod:`service.store.terms`) of a store written before they
        were kept, or changed since by a version that did not keep them: rebuilt once."""
        if terms.current(self._writer, _generation_of(self._writer)):
            return
        with self._write() as conn:
            gen = _generation_of(conn)
            if terms.current(conn, gen):
                return  # another process did it meanwhile
            log.info("counting the store's words (once) ...")
            terms.rebuild(conn, "passages_fts")
            terms.mark(conn, gen)

    @staticmethod
    def _insert_acronyms(conn: sqlite3.Connection, pack_id: str, found: dict[str, str]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO acronyms (pack_id, acronym, long_form) VALUES (?, ?, ?)",
            [(pack_id, a, " ".join(f.split())) for a, f in found.items()],
        )

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        while True:
            try:
                self._pool.get_nowait().conn.close()
            except queue.Empty:
                break
        self._writer.close()

    # ---------------------------------------------------------------- writes
    def pack_id_by_sha(self, sha256: str) -> str | None:
        with self._read() as r:
            row = r.conn.execute("SELECT id FROM packs WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def add_pack(self, item: PackInput) -> AddResult:
        return self._add_many([item])[0]

    def add_packs(self, items: Any, commit_every: int = 50) -> list[AddResult]:
        """Bulk load: ``commit_every`` packs per transaction (each pack still all-or-nothing)."""
        out: list[AddResult] = []
        chunk: list[PackInput] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= commit_every:
                out.extend(self._add_many(chunk))
                chunk = []
        if chunk:
            out.extend(self._add_many(chunk))
        return out

    def _add_many(self, items: Sequence[PackInput]) -> list[AddResult]:
        for item in items:
            item.check_vectors(DIM)
        copied: list[Path] = []
        results: list[AddResult] = []
        replaced_shas: list[str] = []
        try:
            # PDFs are copied under the write lock: a sweep (same lock) never takes the copy of
            # a pack being added for an orphan, and one killed before COMMIT is swept later
            with self._write() as conn:
                for item in items:
                    if item.pdf is not None:
                        dest = self.pdf_dir / f"{item.pack.sha256}.pdf"
                        if not dest.exists():
                            tmp = self.pdf_dir / f".{item.pack.sha256}.{threading.get_ident()}.tmp"
                            shutil.copyfile(item.pdf, tmp)
                            tmp.replace(dest)
                            copied.append(dest)
                keep = terms.current(conn, _generation_of(conn))
                for item in items:
                    result, shas = self._insert_pack(conn, item, keep)
                    results.append(result)
                    replaced_shas.extend(shas)
                if keep:
                    terms.mark(conn, _generation_of(conn))
        except BaseException as exc:
            for path in copied:
                path.unlink(missing_ok=True)
            if isinstance(exc, StoreError | KeyboardInterrupt):
                raise
            if isinstance(exc, sqlite3.Error | OSError):
                raise StoreError(f"could not store pack: {exc}") from exc
            raise
        for sha in replaced_shas:
            (self.pdf_dir / f"{sha}.pdf").unlink(missing_ok=True)
        return results

    def _insert_pack(
        self, conn: sqlite3.Connection, item: PackInput, keep_terms: bool
    ) -> tuple[AddResult, list[str]]:
        pack = item.pack
        pid = pack_id_for(pack.sha256)
        row = conn.execute("SELECT id FROM packs WHERE sha256 = ?", (pack.sha256,)).fetchone()
        if row:
            return AddResult(pack_id=row[0], passages=0), []
        old = conn.execute(
            "SELECT id, sha256 FROM packs WHERE source_key = ?", (item.source_key,)
        ).fetchall()
        for old_id, _ in old:
            self._delete_pack(conn, old_id, keep_terms)
        values = item.pack_row(pid)
        marks = ", ".join("?" * len(values))
        conn.execute(f"INSERT INTO packs ({PACK_ROW_COLS}) VALUES ({marks})", values)
        ids = self._insert_passages(conn, pid, item, keep_terms)
        self._insert_acronyms(conn, pid, dict(item.acronyms))
        self._insert_commitments(conn, commitment_records(pack, pid))
        self._insert_vectors(conn, ids, np.asarray(item.vectors))
        removed = [sha for _, sha in old if sha != pack.sha256]
        return AddResult(pack_id=pid, passages=len(ids), replaced=[i for i, _ in old]), removed

    def _insert_passages(
        self, conn: sqlite3.Connection, pid: str, item: PackInput, keep_terms: bool
    ) -> list[int]:
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'passages'").fetchone()
        start = (row[0] if row else 0) + 1
        ids = list(range(start, start + len(item.passages)))
        rows = []
        bodies: dict[str, str] = {}
        for pid_, p in zip(ids, item.passages, strict=True):
            rows.append((pid_, pid, *passage_row(p, bodies)))
        conn.executemany(
            f"INSERT INTO passages (id, pack_id, {PASSAGE_ROW_COLS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany(
            "INSERT INTO passages_fts (rowid, text, item_title) VALUES (?, ?, ?)",
            [(r[0], r[9], r[7] or "") for r in rows],
        )
        if keep_terms:
            found = terms.passage_terms(conn, TOKENIZER, [(r[9], r[7] or "") for r in rows])
            terms.change(conn, found, 1)
        conn.executemany("INSERT OR IGNORE INTO bodies (key, name) VALUES (?, ?)", bodies.items())
        return ids

    @staticmethod
    def _insert_commitments(conn: sqlite3.Connection, records: list[StoredCommitment]) -> None:
        cols = COMMITMENT_COLS.removesuffix(", id")
        conn.executemany(
            f"INSERT INTO commitments ({cols}) VALUES ({', '.join('?' * len(cols.split(',')))})",
            [tuple(c.to_dict().values())[:-1] for c in records],
        )

    def _insert_vectors(
        self, conn: sqlite3.Connection, ids: list[int], vectors: np.ndarray
    ) -> None:
        if not ids:
            return
        half = np.asarray(vectors, dtype=np.float16)
        conn.executemany(
            "INSERT INTO vectors (passage_id, vec) VALUES (?, ?)",
            [(i, half[n].tobytes()) for n, i in enumerate(ids)],
        )
        self._bump_count(conn, len(ids))

    @staticmethod
    def _bump_count(conn: sqlite3.Connection, delta: int) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('vector_count', ?) ON CONFLICT(key)"
            " DO UPDATE SET value = CAST(value AS INTEGER) + ?",
            (max(delta, 0), delta),
        )

    def _delete_pack(self, conn: sqlite3.Connection, pack_id: str, keep_terms: bool) -> None:
        if keep_terms:
            rows = conn.execute(
                "SELECT text, COALESCE(item_title, '') FROM passages WHERE pack_id = ?",
                (pack_id,),
            ).fetchall()
            terms.change(conn, terms.passage_terms(conn, TOKENIZER, rows), -1)
        conn.execute(
            "INSERT INTO passages_fts (passages_fts, rowid, text, item_title)"
            " SELECT 'delete', id, text, COALESCE(item_title, '') FROM passages WHERE pack_id = ?",
            (pack_id,),
        )
        conn.execute(
            "INSERT INTO vector_deletions (passage_id) SELECT id FROM passages WHERE pack_id = ?",
            (pack_id,),
        )
        cur = conn.execute(
            "DELETE FROM vectors WHERE passage_id IN (SELECT id FROM passages WHERE pack_id = ?)",
            (pack_id,),
        )
        self._bump_count(conn, -cur.rowcount)
        conn.execute("DELETE FROM passages WHERE pack_id = ?", (pack_id,))
        conn.execute("DELETE FROM acronyms WHERE pack_id = ?", (pack_id,))
        conn.execute("DELETE FROM alert_matches WHERE pack_id = ?", (pack_id,))
        conn.execute("DELETE FROM commitments WHERE pack_id = ?", (pack_id,))
        conn.execute("DELETE FROM packs WHERE id = ?", (pack_id,))

    def delete_pack(self, pack_id: str) -> None:
        """Remove a pack and everything it added (one transaction)."""
        record = self.pack_record(pack_id)
        with self._write() as conn:
            keep = terms.current(conn, _generation_of(conn))
            self._delete_pack(conn, pack_id, keep)
            if keep:
                terms.mark(conn, _generation_of(conn))
        still = self.pack_id_by_sha(record.sha256)
        if still is None:
            (self.pdf_dir / f"{record.sha256}.pdf").unlink(missing_ok=True)

    # ----------------------------------------------------------------- reads
    def counts(self) -> dict[str, int]:
        with self._read(self.query_timeout) as r:
            memo = r.memo()
            if ("counts",) not in memo:
                memo[("counts",)] = r.conn.execute(
                    "SELECT count(*), COALESCE(sum(passages), 0) FROM packs"
                ).fetchone()
            packs = memo[("counts",)]
        return {"packs": int(packs[0]), "passages": int(packs[1])}

    def generation(self) -> tuple[int, ...]:
        """Packs stored, the highest passage id issued and the last removal logged: any
        pack added, replaced or removed moves it (read once per database change)."""
        with self._read(self.query_timeout) as r:
            return self._generation(r)

    @staticmethod
    def _generation(r: _Reader) -> tuple[int, ...]:
        memo = r.memo()
        if ("generation",) not in memo:
            memo[("generation",)] = _generation_of(r.conn)
        gen: tuple[int, ...] = memo[("generation",)]
        return gen

    def list_packs(self) -> list[PackRecord]:
        with self._read(self.query_timeout) as r:
            rows = r.conn.execute(
                f"SELECT {PACK_COLS} FROM packs ORDER BY meeting_date DESC, id"
            ).fetchall()
        return [PackRecord(*row) for row in rows]

    def meetings(self) -> list[dict[str, Any]]:
        """One entry per stored pack: its meeting and what it holds."""
        with self._read(self.query_timeout) as r:
            rows = r.conn.execute(
                "SELECT id, source, page_count, passages, summary FROM packs"
                " ORDER BY meeting_date DESC, id"
            ).fetchall()
        return [meeting_entry(row) for row in rows]

    def pack_record(self, pack_id: str) -> PackRecord:
        with self._read(self.query_timeout) as r:
            row = r.conn.execute(
                f"SELECT {PACK_COLS} FROM packs WHERE id = ?", (pack_id,)
            ).fetchone()
        if row is None:
            raise PackNotFoundError(f"no pack with id {pack_id!r}")
        return PackRecord(*row)

    def pack_json(self, pack_id: str) -> dict[str, Any]:
        with self._read(self.query_timeout) as r:
            row = r.conn.execute("SELECT pack_json FROM packs WHERE id = ?", (pack_id,)).fetchone()
        if row is None:
            raise PackNotFoundError(f"no pack with id {pack_id!r}")
        data: dict[str, Any] = json.loads(row[0])
        return data

    def pack_pdf(self, pack_id: str) -> Path:
        record = self.pack_record(pack_id)
        path = self.pdf_dir / f"{record.sha256}.pdf"
        if not path.exists():
            raise NotFoundError(f"the PDF of pack {pack_id!r} is not stored")
        return path

    def _rows_by_key(self, table: str, key: str, cols: str, keys: Sequence[int]) -> list[Any]:
        """Rows of ``table`` whose ``key`` is one of ``keys`` (in one read, 900 a statement:
        SQLite's limit on bound parameters)."""
        rows: list[Any] = []
        if not keys:
            return rows
        with self._read(self.query_timeout) as r:
            for start in range(0, len(keys), 900):
                chunk = list(keys[start : start + 900])
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT {cols} FROM {table} WHERE {key} IN ({marks})"
                rows.extend(r.conn.execute(sql, chunk).fetchall())
        return rows

    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        rows = self._rows_by_key("passages", "id", PASSAGE_COLS, ids)
        return {p.id: p for p in (Passage(*row) for row in rows)}

    def _batches(self, table: str, key: str, cols: str, after: int, batch: int) -> Iterator[Any]:
        """Rows of ``table`` whose integer ``key`` (one of ``cols``) is past ``after``,
        ``batch`` at a time in key order; each batch is read on its own, so writers are never
        held up for a whole scan."""
        at = [c.strip() for c in cols.split(",")].index(key)
        last = after
        while True:
            with self._read() as r:
                rows = r.conn.execute(
                    f"SELECT {cols} FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT ?",
                    (last, batch),
                ).fetchall()
            if not rows:
                return
            last = rows[-1][at]
            yield rows

    def iter_passages(self, batch: int = 10_000) -> Iterator[list[Passage]]:
        for rows in self._batches("passages", "id", PASSAGE_COLS, 0, batch):
            yield [Passage(*row) for row in rows]

    def item_passages(
        self, pack_id: str, agenda_item: str | None, item_title: str | None, limit: int
    ) -> list[Passage]:
        with self._read(self.query_timeout) as r:
            rows = r.conn.execute(
                f"SELECT {PASSAGE_COLS} FROM passages WHERE pack_id = ?"
                " AND (agenda_item = ? OR item_title = ?) ORDER BY id LIMIT ?",
                (pack_id, agenda_item, item_title, limit),
            ).fetchall()
        return [Passage(*row) for row in rows]

    def vectors_for(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored vectors (float32) of some passages."""
        rows = self._rows_by_key("vectors", "passage_id", "passage_id, vec", ids)
        return {pid: np.frombuffer(blob, dtype=np.float16).astype(np.float32) for pid, blob in rows}

    def commitments(self, body: str | None = None) -> list[StoredCommitment]:
        sql = f"SELECT {COMMITMENT_COLS} FROM commitments"
        params: tuple[Any, ...] = ()
        if body and body.strip():
            sql += " WHERE instr(lower(COALESCE(body, '')), ?) > 0"
            params = (body.strip().lower(),)
        sql += " ORDER BY meeting_date, pack_id, page, id"
        with self._read(self.query_timeout) as r:
            rows = r.conn.execute(sql, params).fetchall()
        return [StoredCommitment(*row) for row in rows]

    def acronym_table(self) -> dict[str, str]:
        """{acronym: long form} over every pack; the form most packs use wins, then the
        shorter."""
        with self._read(self.query_timeout) as r:
            return acronym_table_of(r.conn.execute(ACRONYM_FORMS_SQL).fetchall())

    def word_doc_counts(self, words: Sequence[str], cap: int) -> dict[str, int]:
        """How many passages hold each word (tokenised and stemmed as the passages were),
        counted no further than ``cap + 1``."""
        with self._read(self.query_timeout) as r:
            return self._dfs(r, [w for w in words if PLAIN_WORD.fullmatch(w)], cap)

    # --------------------------------------------------------------- filters
    def bodies(self) -> list[str]:
        with self._read(self.query_timeout) as r:
            return [row[0] for row in r.conn.execute("SELECT name FROM bodies ORDER BY name")]

    # ------------------------------------------------------------ keyword
    def keyword_search(
        self,
        query: KeywordQuery,
        filt: PassageFilter,
        limit: int,
        *,
        timeout: float | None = None,
    ) -> list[Hit]:
        if not filt.is_empty():
            self._ensure_vectors()  # before taking a reader: it reads too
        with self._read(timeout or self.query_timeout) as r:
            key = self._ranking_key(r, query, filt)
            kept = self._kept.get(key, limit)
            if kept is not None:
                return kept
            plan = self._plan(r, query)
            if plan is None:
                self._kept.put(key, limit, [])
                return []
            expr, ranked = plan
            if not filt.is_empty():
                mask = self._filter_mask(r, filt)
                if not mask.any():
                    return []
                r.keep = mask.tobytes()
            w_text, w_title = BM25_WEIGHTS
            # ranked: BM25 over every match, ties to the passage id; unranked (a phrase of
            # common words only): the newest matches, found without scoring them all
            score = f"bm25(passages_fts, {w_text}, {w_title})" if ranked else "0.0"
            order = "s, f.rowid" if ranked else "f.rowid DESC"
            # filters: an in-memory mask read per matching row (no row lookups)
            cond = "" if filt.is_empty() else " AND bp_keep(f.rowid)"
            sql = (
                f"SELECT f.rowid, {score} AS s FROM passages_fts AS f"
                f" WHERE passages_fts MATCH ?{cond} ORDER BY {order} LIMIT ?"
            )
            # a ranked query costs a score per match whatever its depth: read deep enough
            # for the facet search that repeats it (see service.store.kept)
            depth = max(limit, KEEP) if ranked else limit
            try:
                rows = r.conn.execute(sql, (expr, depth)).fetchall()
            finally:
                r.keep = b""
        hits = [Hit(passage_id=int(pid), score=-float(s)) for pid, s in rows]
        self._kept.put(key, depth, hits)
        return hits[:limit]

    def _ranking_key(self, r: _Reader, query: KeywordQuery, filt: PassageFilter) -> Hashable:
        """What a keyword ranking depends on: the query, the filter (and the version of the
        attributes its mask is made from) and the store's version."""
        where = None
        if not filt.is_empty():
            f = filt
            where = (f.body, f.date_from, f.date_to, f.kind, f.packs, self.attrs.version)
        phrases = tuple(tuple(ph) for ph in query.phrases)
        return (tuple(query.terms), phrases, query.exhaustive, where, self._generation(r))

    def _plan(self, r: _Reader, query: KeywordQuery) -> tuple[str, bool] | None:
        """The FTS5 expression, and whether ranking every match fits the postings budget.

        BM25 costs a score per matching passage (~1-2 us each), while finding
        matches is ~100 times cheaper. So: phrases (required) are matched unranked
        (the newest matches; search orders them itself). Terms are OR-ed rarest first while their
        document frequencies fit ``POSTINGS_BUDGET``; if even the rarest does not,
        the AND of the rarest few is ranked when its matches times its words fit the
        budget (each match is scored on every word: measured ~4 us a match for three
        common words on a 1M-passage store). Words too common
        for either are left to the dense ranking (unless ``query.exhaustive``).
        """
        words, phrases = plain_words(query)
        df = self._dfs(r, words + [w for ph in phrases for w in ph])
        budget = POSTINGS_BUDGET
        parts: list[str] = []
        for ph in phrases:
            if min(df.get(w, 0) for w in ph) == 0:
                return None  # a word of the phrase is nowhere: nothing can match
            parts.append('"' + " ".join(ph) + '"')
        if parts:
            # exact phrases are candidates, not a ranking: the newest matches, unscored
            return " AND ".join(parts), False
        present, terms = rarest_within(words, df, budget)
        if not present:
            return None
        if terms:
            return "(" + " OR ".join(f'"{t}"' for t in terms) + ")", True
        if query.exhaustive:
            return f'"{present[0][1]}"', True
        if len(present) >= 2:
            rarest = present[:AND_TERMS]
            expr = " AND ".join(f'"{w}"' for _, w in rarest)
            # each match of the AND is scored on every one of its words
            and_budget = budget // len(rarest)
            if self._and_count(r, expr, and_budget) <= and_budget:
                return expr, True
        return None

    def _and_count(self, r: _Reader, expr: str, cap: int) -> int:
        """``_capped_count`` of an AND of words, remembered for the store's generation (the
        rankings of one question run side by side on different readers, and plan alike)."""
        key = (expr, cap, self._generation(r))
        with self._counts_lock:
            n = self._counts.get(key)
        if n is None:
            n = self._capped_count(r, expr, cap)
            with self._counts_lock:
                if len(self._counts) > 10_000:
                    self._counts.clear()
                self._counts[key] = n
        return n

    @staticmethod
    def _capped_count(r: _Reader, expr: str, cap: int) -> int:
        """How many passages match ``expr``, counting no further than ``cap + 1``."""
        row = r.conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?"
            " LIMIT ?)",
            (expr, cap + 1),
        ).fetchone()
        return int(row[0])

    def _dfs(self, r: _Reader, words: list[str], cap: int = POSTINGS_BUDGET) -> dict[str, int]:
        """Document frequency of each word, counted no further than ``cap + 1``: from the
        kept counts (:mod:`service.store.terms`), else from the index (fts5vocab would
        count a common word's whole doclist: too slow on a large store)."""
        known = r.memo()
        todo = [w for w in dict.fromkeys(words) if ("df", w, cap) not in known]
        kept = self._kept_dfs(r, todo) if todo else {}
        for word in todo:
            n = kept.get(word)
            known[("df", word, cap)] = (
                min(n, cap + 1) if n is not None else self._capped_count(r, f'"{word}"', cap)
            )
        return {w: known[("df", w, cap)] for w in dict.fromkeys(words)}

    def _kept_dfs(self, r: _Reader, words: list[str]) -> dict[str, int]:
        """The kept document frequency of each word that is one term of the index, when the
        kept counts are current."""
        memo = r.memo()
        if ("terms current",) not in memo:
            memo[("terms current",)] = terms.current(r.conn, self._generation(r))
        if not memo[("terms current",)]:
            return {}
        stems = terms.stems(r.conn, TOKENIZER, words)
        counts = terms.df(r.conn, [s for s in stems if s is not None])
        return {w: counts[s] for w, s in zip(words, stems, strict=True) if s is not None}

    # ------------------------------------------------------------- dense
    def _source_state(self) -> SourceState:
        with self._read(self.query_timeout) as r:
            seqs = dict(r.conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
            row = r.conn.execute("SELECT value FROM meta WHERE key = 'vector_count'").fetchone()
        return SourceState(
            count=int(row[0]) if row else 0,
            max_id=int(seqs.get("passages", 0)),
            del_seq=int(seqs.get("vector_deletions", 0)),
        )

    def _vector_batches(
        self, after_id: int, batch: int = 50_000
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for rows in self._batches("vectors", "passage_id", "passage_id, vec", after_id, batch):
            ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
            vecs = np.frombuffer(b"".join(row[1] for row in rows), dtype=np.float16)
            yield ids, vecs.reshape(len(rows), DIM).astype(np.float32)

    def _deletions(self, after_seq: int) -> tuple[np.ndarray, int]:
        with self._read() as r:
            rows = r.conn.execute(
                "SELECT seq, passage_id FROM vector_deletions WHERE seq > ? ORDER BY seq",
                (after_seq,),
            ).fetchall()
            if not rows:
                row = r.conn.execute("SELECT max(seq) FROM vector_deletions").fetchone()
                return np.zeros(0, dtype=np.int64), int(row[0] or after_seq)
        return np.array([r_[1] for r_ in rows], dtype=np.int64), int(rows[-1][0])

    def refresh_vectors(self, *, save: bool = True, wait: bool = True) -> None:
        source = self._source_state()
        self.vectors.sync(source, self._vector_batches, self._deletions, save=save, wait=wait)
        self.attrs.sync(source.max_id, source.del_seq, self._attr_rows, self._deletions, wait)

    def _attr_rows(self, after_id: int, batch: int = 100_000) -> Iterator[list[AttrRow]]:
        cols = "id, body_key, meeting_date, kind, pack_id"
        yield from self._batches("passages", "id", cols, after_id, batch)

    def _filter_mask(self, r: _Reader, filt: PassageFilter) -> np.ndarray:
        """Boolean array by passage id for a non-empty filter (cached per store version).

        Callers bring the attributes up to date first (``_ensure_vectors``).
        """
        key = (filt.body, filt.date_from, filt.date_to, filt.kind, filt.packs, self.attrs.version)
        with self._masks_lock:
            cached = self._masks.get(key)
            if cached is not None:
                self._masks.move_to_end(key)
                return cached
        body_keys: list[str] | None = None
        if filt.body:
            needle = filt.body.strip().lower()
            body_keys = [
                row[0]
                for row in r.conn.execute(
                    "SELECT key FROM bodies WHERE key = ? OR instr(key, ?) > 0", (needle, needle)
                )
            ]
        mask = self.attrs.mask(body_keys, filt.date_from, filt.date_to, filt.kind, filt.packs)
        with self._masks_lock:
            self._masks[key] = mask
            while len(self._masks) > MASKS_KEPT:
                self._masks.popitem(last=False)
        return mask

    def _ensure_vectors(self) -> None:
        """Bring the vector index and the filter attributes up to date (cheap when current).
        A search never waits for another thread's update (a rebuild after an upload): it
        searches the index as it is meanwhile."""
        self.refresh_vectors(save=False, wait=False)

    def dense_search(self, vector: np.ndarray, filt: PassageFilter, limit: int) -> list[Hit]:
        """Unfiltered: the vector index. Filtered: exact over the matching passages' own
        vectors when few match, else the index restricted to the matching ids (probing
        ``WIDE_NPROBE`` lists, then exact, when that finds too few)."""
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        self._ensure_vectors()
        if filt.is_empty():
            ids, scores = self.vectors.search(vector, limit)
            return [Hit(int(i), float(s)) for i, s in zip(ids, scores, strict=True)]
        with self._read(self.query_timeout) as r:
            mask = self._filter_mask(r, filt)
        matching = int(np.count_nonzero(mask))
        if matching == 0:
            return []
        if matching <= EXACT_FILTER_MAX:
            return self._exact_dense(vector, np.flatnonzero(mask), limit)
        ids, scores = self.vectors.search(vector, limit, mask=mask)
        if len(ids) < limit:  # the probed lists hold too few: probe many more first
            ids, scores = self.vectors.search(vector, limit, mask=mask, nprobe=WIDE_NPROBE)
        if len(ids) < limit and matching <= EXACT_SCAN_MAX:
            return self._exact_dense(vector, np.flatnonzero(mask), limit)
        return [Hit(int(i), float(s)) for i, s in zip(ids, scores, strict=True)]

    def _exact_dense(self, vector: np.ndarray, ids: np.ndarray, limit: int) -> list[Hit]:
        found = self.vectors_for([int(i) for i in ids])
        if not found:
            return []
        have = np.fromiter(found, dtype=np.int64, count=len(found))
        mat = np.stack([found[int(i)] for i in have])
        scores = mat @ vector
        top = np.argsort(-scores)[:limit]
        return [Hit(int(have[i]), float(scores[i])) for i in top]

    # ------------------------------------------------------- saved searches
    def add_alert(self, alert: Alert) -> Alert:
        created = alert.created_at or now_iso()
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO alerts (query, body, kind, date_from, date_to, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (alert.query, alert.body, alert.kind, alert.date_from, alert.date_to, created),
            )
            new_id = int(cur.lastrowid or 0)
        return self.alert(new_id)

    def alerts(self) -> list[Alert]:
        with self._read(self.query_timeout) as r:
            rows = r.conn.execute(f"{ALERTS_SQL} ORDER BY a.id").fetchall()
        return [Alert(*row) for row in rows]

    def alert(self, alert_id: int) -> Alert:
        with self._read(self.query_timeout) as r:
            row = r.conn.execute(f"{ALERTS_SQL} WHERE a.id = ?", (int(alert_id),)).fetchone()
        return found_alert(row, alert_id)

    def delete_alert(self, alert_id: int) -> None:
        with self._write() as conn:
            cur = conn.execute("DELETE FROM alerts WHERE id = ?", (int(alert_id),))
            if cur.rowcount == 0:
                raise AlertNotFoundError(f"no saved search with id {alert_id}")
            conn.execute("DELETE FROM alert_matches WHERE alert_id = ?", (int(alert_id),))

    def record_matches(self, alert_id: int, hits: Sequence[tuple[int, float]]) -> int:
        if not hits:
            return 0
        now = now_iso()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM alerts WHERE id = ?", (alert_id,)).fetchone() is None:
                return 0  # removed meanwhile
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO alert_matches"
                " (alert_id, passage_id, pack_id, score, matched_at)"
                " SELECT ?, id, pack_id, ?, ? FROM passages WHERE id = ?",
                [(alert_id, float(score), now, int(pid)) for pid, score in hits],
            )
            return conn.total_changes - before

    def alert_matches(
        self, alert_id: int, *, unseen: bool = False, limit: int = 1000
    ) -> list[AlertMatch]:
        self.alert(alert_id)  # raises for an unknown id
        with self._read(self.query_timeout) as r:
            rows = r.conn.execute(
                alert_matches_sql("?", unseen=unseen), (int(alert_id), int(limit))
            ).fetchall()
        return [AlertMatch.of_row(row) for row in rows]

    def mark_shown(self, match_ids: Sequence[int]) -> None:
        if not match_ids:
            return
        now = now_iso()
        with self._write() as conn:
            conn.executemany(
                "UPDATE alert_matches SET shown_at = ? WHERE id = ? AND shown_at IS NULL",
                [(now, int(i)) for i in match_ids],
            )

    # ------------------------------------------------------------------ jobs
    _JOB_COLS = ", ".join(JOB_FIELDS)

    def save_job(self, job: Mapping[str, Any]) -> None:
        values = [job.get(f) for f in JOB_FIELDS]
        result = job.get("result")
        values[JOB_FIELDS.index("result")] = None if result is None else json.dumps(result)
        marks = ", ".join("?" * len(JOB_FIELDS))
        updates = ", ".join(f"{f} = excluded.{f}" for f in JOB_FIELDS if f != "id")
        with self._write() as conn:
            conn.execute(
                f"INSERT INTO jobs ({self._JOB_COLS}) VALUES ({marks})"
                f" ON CONFLICT(id) DO UPDATE SET {updates}",
                values,
            )

    @staticmethod
    def _job(row: Sequence[Any]) -> dict[str, Any]:
        job = dict(zip(JOB_FIELDS, row, strict=True))
        if job.get("result") is not None:
            job["result"] = json.loads(job["result"])
        return job

    def load_job(self, job_id: str) -> dict[str, Any] | None:
        with self._read(self.query_timeout) as r:
            row = r.conn.execute(
                f"SELECT {self._JOB_COLS} FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
        return self._job(row) if row else None

    def unfinished_jobs(self) -> list[dict[str, Any]]:
        with self._read(self.query_timeout) as r:
            rows = r.conn.execute(
                f"SELECT {self._JOB_COLS} FROM jobs WHERE status IN ('queued', 'running')"
                " ORDER BY seq"
            ).fetchall()
        return [self._job(row) for row in rows]

    def prune_jobs(self, keep: int) -> None:
        with self._write() as conn:
            conn.execute(
                "DELETE FROM jobs WHERE status IN ('done', 'failed') AND seq <= ("
                " SELECT seq FROM jobs WHERE status IN ('done', 'failed')"
                " ORDER BY seq DESC LIMIT 1 OFFSET ?)",
                (keep,),
            )
