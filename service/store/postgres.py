"""Server store: PostgreSQL with pgvector, selected by a ``postgresql://`` store URL.

Same :class:`~service.store.base.Store` as the embedded SQLite store, same JSON everywhere:

* ``packs`` (row + Pack JSON + summary), ``pdfs`` (each pack's PDF, so every server behind a
  balancer can send it), ``passages`` with a ``vector(384)`` under an HNSW index (cosine),
  ``passage_words`` (each passage's ``tsvector``, its words split and stemmed as the SQLite
  store's FTS5 does it, text and item title told apart by weight, and its length in words)
  under a GIN index, with the passage's columns that filters read (so a filtered keyword
  search reads one table), ``bodies``, ``acronyms`` and the upload ``jobs``.
* The schema is created and migrated by the project (:mod:`.pgschema`, a version table).
* Each pack is stored in one transaction; a file whose hash is stored is not stored again,
  an older pack from the same source is replaced (rows cascade).
* Keyword ranking: FTS5's BM25, the same function as the SQLite store's (its IDF, k1 1.2,
  b 0.75, the column weights ``BM25_WEIGHTS``; each word's weighted frequency in a passage is
  ``ts_rank_cd`` of the word with those weights, the document frequencies, words and passages
  stored are kept counts); dense ranking and its filters in :mod:`.pgvector`.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from service.errors import NotFoundError, PackNotFoundError, QueryTimeoutError, StoreError
from service.store import pgvector
from service.store.base import (
    ACRONYM_FORMS_SQL,
    COMMITMENT_COLS,
    PACK_COLS,
    PACK_ROW_COLS,
    PASSAGE_COLS,
    PASSAGE_ROW_COLS,
    PLAIN_WORD,
    AddResult,
    Hit,
    KeywordQuery,
    PackInput,
    PackRecord,
    Passage,
    PassageFilter,
    Store,
    StoredCommitment,
    acronym_table_of,
    commitment_records,
    meeting_entry,
    pack_id_for,
    passage_row,
    plain_words,
    rarest_within,
)
from service.store.pgalerts import AlertRows
from service.store.pgjobs import JobRows
from service.store.pgkept import KeptRankings, RecentTimeouts
from service.store.pgpool import Pool
from service.store.pgschema import DIM, migrate
from service.store.sqlite import BM25_WEIGHTS
from service.threads import LazyThreads

log = logging.getLogger(__name__)

POOL_SIZE = 8  # readers: a /search sends up to six statements side by side
STAGE_THREADS = 8  # threads a store sends a search's stages on (see stage_threads)
POSTINGS_BUDGET = 5_000  # as the SQLite store: most passages ranked before common words go
AND_TERMS = 3
PHRASE_COMMON = 50_000  # a word inside a phrase in more passages: matched as any word
AND_SURE = 4  # the AND of common words is skipped unchecked when expected this many times over
BM25_K1, BM25_B = 1.2, 0.75  # FTS5's
# ts_rank_cd's weights {D, C, B, A}: a word's rank is then the sum of its occurrences'
# weights, text (A) and item title (B) as the SQLite store's column weights
_RANK_WEIGHTS = f"{{0.1, 0.2, {BM25_WEIGHTS[1]!r}, {BM25_WEIGHTS[0]!r}}}"
_CONFIG = "bp_porter"  # the keyword index's text search configuration (pgschema step 8)
# the columns of passages that filters read, copied into passage_words (schema step 9)
_FILTER_COLS = "pack_id, kind, body_key, meeting_date"


def _ms(seconds: float) -> str:
    return str(max(1, int(seconds * 1000)))


class PostgresStore(AlertRows, JobRows, Store):
    shared_writers = True
    overlapped_reads = True

    def __init__(
        self,
        url: str,
        data_dir: Path,
        *,
        query_timeout: float = 2.0,
        readers: int = POOL_SIZE,
    ) -> None:
        """``data_dir`` holds what is local to this machine: copies of PDFs read from the
        database (``pdfs/``) and the model files."""
        self.url = url
        self.data_dir = Path(data_dir)
        self.pdf_dir = self.data_dir / "pdfs"
        self.pdf_dir.mkdir(parents=True, exist_ok=True)
        self.query_timeout = query_timeout
        self.pool = Pool(url, readers + 1)
        with self.pool.conn() as conn:
            migrate(conn)
        self.kept = KeptRankings()  # exact rankings, for the facet search that repeats one
        self.timeouts = RecentTimeouts()  # ... and what it would repeat only to time out
        self._stages = LazyThreads(STAGE_THREADS, "stage")

    def stage_threads(self) -> ThreadPoolExecutor:
        """The threads a search sends its independent reads on (made on first use)."""
        return self._stages.get()

    def close(self) -> None:
        self._stages.close()
        self.pool.close()

    # ---------------------------------------------------------------- writes
    def pack_id_by_sha(self, sha256: str) -> str | None:
        with self.pool.conn() as conn:
            row = conn.execute("SELECT id FROM packs WHERE sha256 = %s", (sha256,)).fetchone()
        return row[0] if row else None

    def add_pack(self, item: PackInput) -> AddResult:
        item.check_vectors(DIM)
        try:
            data = item.pdf.read_bytes() if item.pdf is not None else None
            with self.pool.conn() as conn, conn.transaction():
                return self._insert_pack(conn, item, data)
        except OSError as exc:
            raise StoreError(f"could not store pack: {exc}", source=item.pack.source) from exc

    def _insert_pack(self, conn: Any, item: PackInput, pdf: bytes | None) -> AddResult:
        pack = item.pack
        pid = pack_id_for(pack.sha256)
        row = conn.execute("SELECT id FROM packs WHERE sha256 = %s", (pack.sha256,)).fetchone()
        if row:
            return AddResult(pack_id=row[0], passages=0)
        old = conn.execute(
            "SELECT id, sha256, passages FROM packs WHERE source_key = %s FOR UPDATE",
            (item.source_key,),
        ).fetchall()
        terms = _term_counts(conn, [r[0] for r in old], -1)
        old_tokens = _tokens(conn, [r[0] for r in old])
        for old_id, old_sha, _ in old:
            conn.execute("DELETE FROM packs WHERE id = %s", (old_id,))
            conn.execute("DELETE FROM pdfs WHERE sha256 = %s", (old_sha,))
        values = item.pack_row(pid)
        inserted = conn.execute(
            f"INSERT INTO packs ({PACK_ROW_COLS}) VALUES ({', '.join(['%s'] * len(values))})"
            " ON CONFLICT DO NOTHING RETURNING id",
            values,
        ).fetchone()
        if inserted is None:  # another writer stored the same file meanwhile
            return AddResult(pack_id=pid, passages=0)
        if pdf is not None:
            conn.execute(
                "INSERT INTO pdfs (sha256, data) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (pack.sha256, pdf),
            )
        n, tokens = self._insert_passages(conn, pid, item)
        for lexeme, df in _term_counts(conn, [pid], 1).items():
            terms[lexeme] = terms.get(lexeme, 0) + df
        self._insert_acronyms(conn, pid, dict(item.acronyms))
        self._insert_commitments(conn, commitment_records(pack, pid))
        # last (the rows' locks are held only until commit), always in this order
        _add_terms(conn, terms)
        _add_counts(conn, 1 - len(old), n - sum(int(r[2]) for r in old), tokens - old_tokens)
        return AddResult(pack_id=pid, passages=n, replaced=[r[0] for r in old])

    @staticmethod
    def _insert_acronyms(conn: Any, pack_id: str, found: dict[str, str]) -> None:
        if not found:
            return
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO acronyms (pack_id, acronym, long_form) VALUES (%s, %s, %s)"
                " ON CONFLICT DO NOTHING",
                [(pack_id, a, " ".join(f.split())) for a, f in found.items()],
            )

    @staticmethod
    def _insert_commitments(conn: Any, records: list[StoredCommitment]) -> None:
        if not records:
            return
        cols = COMMITMENT_COLS.removesuffix(", id")
        marks = ", ".join(["%s"] * len(cols.split(",")))
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO commitments ({cols}) VALUES ({marks})",
                [tuple(c.to_dict().values())[:-1] for c in records],
            )

    def _insert_passages(self, conn: Any, pid: str, item: PackInput) -> tuple[int, int]:
        """The passages stored and their words (as BM25 counts them)."""
        if not item.passages:
            return 0, 0
        vecs = np.asarray(item.vectors, dtype=np.float32)
        bodies: dict[str, str] = {}
        cols = f"pack_id, {PASSAGE_ROW_COLS}, embedding"
        with conn.cursor() as cur, cur.copy(f"COPY passages ({cols}) FROM STDIN") as copy:
            for p, vec in zip(item.passages, vecs, strict=True):
                copy.write_row((pid, *passage_row(p, bodies), pgvector.literal(vec)))
        if bodies:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO bodies (key, name) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    list(bodies.items()),
                )
        row = conn.execute(
            f"WITH w AS (INSERT INTO passage_words (id, tsv, tokens, {_FILTER_COLS})"
            f" SELECT id, t, bp_tokens(t), {_FILTER_COLS} FROM (SELECT id,"
            f" bp_tsv(text, item_title) AS t, {_FILTER_COLS} FROM passages"
            " WHERE pack_id = %s) s RETURNING tokens)"
            " SELECT COALESCE(sum(tokens), 0) FROM w",
            (pid,),
        ).fetchone()
        return len(item.passages), int(row[0])

    def delete_pack(self, pack_id: str) -> None:
        """Remove a pack and everything it added (one transaction)."""
        with self.pool.conn() as conn, conn.transaction():
            terms = _term_counts(conn, [pack_id], -1)
            tokens = _tokens(conn, [pack_id])
            row = conn.execute(
                "DELETE FROM packs WHERE id = %s RETURNING sha256, passages", (pack_id,)
            ).fetchone()
            if row is None:
                raise PackNotFoundError(f"no pack with id {pack_id!r}")
            conn.execute("DELETE FROM pdfs WHERE sha256 = %s", (row[0],))
            _add_terms(conn, terms)
            _add_counts(conn, -1, -int(row[1]), -tokens)

    def refresh_vectors(self, *, save: bool = True) -> None:
        """Nothing to do: PostgreSQL keeps the HNSW index up to date in each transaction."""

    # ----------------------------------------------------------------- reads
    def counts(self) -> dict[str, int]:
        with self.pool.conn() as conn:
            row = conn.execute("SELECT packs, passages FROM store_counts").fetchone()
        return {"packs": int(row[0]), "passages": int(row[1])}

    def generation(self) -> tuple[int, ...]:
        """Packs and passages stored and the store's writes (``store_counts.writes``, bumped
        by every pack stored, replaced or removed): a replacement of the same size moves it
        too."""
        with self.pool.conn() as conn:
            row = conn.execute("SELECT packs, passages, writes FROM store_counts").fetchone()
        return tuple(int(v) for v in row)

    def list_packs(self) -> list[PackRecord]:
        with self.pool.conn() as conn:
            rows = conn.execute(
                f"SELECT {PACK_COLS} FROM packs ORDER BY meeting_date DESC NULLS LAST, id"
            ).fetchall()
        return [PackRecord(*row) for row in rows]

    def meetings(self) -> list[dict[str, Any]]:
        with self.pool.conn() as conn:
            rows = conn.execute(
                "SELECT id, source, page_count, passages, summary FROM packs"
                " ORDER BY meeting_date DESC NULLS LAST, id"
            ).fetchall()
        return [meeting_entry(row) for row in rows]

    def pack_record(self, pack_id: str) -> PackRecord:
        with self.pool.conn() as conn:
            row = conn.execute(
                f"SELECT {PACK_COLS} FROM packs WHERE id = %s", (pack_id,)
            ).fetchone()
        if row is None:
            raise PackNotFoundError(f"no pack with id {pack_id!r}")
        return PackRecord(*row)

    def pack_json(self, pack_id: str) -> dict[str, Any]:
        with self.pool.conn() as conn:
            row = conn.execute("SELECT pack_json FROM packs WHERE id = %s", (pack_id,)).fetchone()
        if row is None:
            raise PackNotFoundError(f"no pack with id {pack_id!r}")
        data: dict[str, Any] = json.loads(row[0])
        return data

    def pack_jsons(self, pack_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Several packs' JSON in one statement (an answer reads a few dozen)."""
        if not pack_ids:
            return {}
        with self.pool.conn() as conn:
            rows = conn.execute(
                "SELECT id, pack_json FROM packs WHERE id = ANY(%s)", (list(set(pack_ids)),)
            ).fetchall()
        return {str(pid): json.loads(data) for pid, data in rows}

    def pack_pdf(self, pack_id: str) -> Path:
        """A local copy of the pack's PDF (written from the database the first time)."""
        record = self.pack_record(pack_id)
        path = self.pdf_dir / f"{record.sha256}.pdf"
        if path.exists():
            return path
        with self.pool.conn() as conn:
            row = conn.execute(
                "SELECT data FROM pdfs WHERE sha256 = %s", (record.sha256,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"the PDF of pack {pack_id!r} is not stored")
        tmp = self.pdf_dir / f".{record.sha256}.{threading.get_ident()}.tmp"
        tmp.write_bytes(bytes(row[0]))
        tmp.replace(path)
        return path

    def passages(self, ids: Sequence[int]) -> dict[int, Passage]:
        if not ids:
            return {}
        with self.pool.conn() as conn:
            rows = conn.execute(
                f"SELECT {PASSAGE_COLS} FROM passages WHERE id = ANY(%s)",
                ([int(i) for i in ids],),
            ).fetchall()
        return {p.id: p for p in (Passage(*row) for row in rows)}

    def vectors_for(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored vectors (float32) of some passages (the relevance floor and answers read
        them, as from the SQLite store)."""
        if not ids:
            return {}
        # in binary: the vectors' own bytes (a text array costs ~15x more to read)
        with self.pool.conn() as conn, conn.cursor(binary=True) as cur:
            rows = cur.execute(
                "SELECT id, embedding FROM passages WHERE id = ANY(%s)", ([int(i) for i in ids],)
            ).fetchall()
        return {int(pid): pgvector.from_binary(vec) for pid, vec in rows}

    def iter_passages(self, batch: int = 10_000) -> Iterator[list[Passage]]:
        last = 0
        while True:
            with self.pool.conn() as conn:
                rows = conn.execute(
                    f"SELECT {PASSAGE_COLS} FROM passages WHERE id > %s ORDER BY id LIMIT %s",
                    (last, batch),
                ).fetchall()
            if not rows:
                return
            last = rows[-1][-1]
            yield [Passage(*row) for row in rows]

    def item_passages(
        self, pack_id: str, agenda_item: str | None, item_title: str | None, limit: int
    ) -> list[Passage]:
        with self.pool.conn() as conn:
            rows = conn.execute(
                f"SELECT {PASSAGE_COLS} FROM passages WHERE pack_id = %s"
                " AND (agenda_item = %s OR item_title = %s) ORDER BY id LIMIT %s",
                (pack_id, agenda_item, item_title, limit),
            ).fetchall()
        return [Passage(*row) for row in rows]

    def commitments(self, body: str | None = None) -> list[StoredCommitment]:
        sql = f"SELECT {COMMITMENT_COLS} FROM commitments"
        params: list[Any] = []
        if body and body.strip():
            sql += " WHERE strpos(lower(COALESCE(body, '')), %s) > 0"
            params.append(body.strip().lower())
        sql += " ORDER BY meeting_date, pack_id, page, id"
        with self.pool.conn() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [StoredCommitment(*row) for row in rows]

    def acronym_table(self) -> dict[str, str]:
        with self.pool.conn() as conn:
            return acronym_table_of(conn.execute(ACRONYM_FORMS_SQL).fetchall())

    def bodies(self) -> list[str]:
        with self.pool.conn() as conn:
            return [r[0] for r in conn.execute("SELECT name FROM bodies ORDER BY name")]

    # ------------------------------------------------------------- keywords
    def word_doc_counts(self, words: Sequence[str], cap: int) -> dict[str, int]:
        """Passages holding each word (split and stemmed as the passages were, as the SQLite
        store's FTS5 does it), counted no further than ``cap + 1``."""
        with self.pool.conn() as conn:
            return self._term_stats(conn, [w for w in words if PLAIN_WORD.fullmatch(w)], cap).df

    @staticmethod
    def _term_stats(conn: Any, words: list[str], cap: int = POSTINGS_BUDGET) -> _TermStats:
        """Each word's document frequency read from ``terms`` (at most ``cap + 1``, and
        whole) and the store's counts: one round trip."""
        words = list(dict.fromkeys(words))
        rows = conn.execute(
            "SELECT u.w, cardinality(l.lex), (SELECT df FROM terms WHERE lexeme = l.lex[1]),"
            " c.passages, c.tokens, c.writes FROM unnest(%s::text[]) u(w), store_counts c,"
            f" LATERAL (SELECT tsvector_to_array(to_tsvector('{_CONFIG}', bp_words(u.w))) lex) l",
            (words or [""],),
        ).fetchall()
        passages, tokens, version = (int(v) for v in rows[0][3:6]) if rows else (0, 0, 0)
        stats = _TermStats(passages, tokens, version)
        for word, lexemes, df in (r[:3] for r in rows):
            if word not in words:
                continue
            if lexemes == 1:
                stats.whole[word] = int(df or 0)
            elif lexemes:  # (a word the parser splits: counted as the search would match it)
                stats.whole[word] = _capped_count(conn, word, cap)
            else:  # (nothing of it is a word: it matches nothing)
                stats.whole[word] = 0
            stats.df[word] = min(stats.whole[word], cap + 1)
        return stats

    def keyword_search(
        self,
        query: KeywordQuery,
        filt: PassageFilter,
        limit: int,
        *,
        timeout: float | None = None,
    ) -> list[Hit]:
        timeout = timeout or self.query_timeout
        with self.pool.conn() as conn, conn.transaction():
            conn.execute("SELECT set_config('statement_timeout', %s, true)", (_ms(timeout),))
            found = pgvector.where(conn, filt)
            plan = self._plan(conn, query, found.cond, found.params) if found is not None else None
            if plan is None:
                return []
            sql, args, version = plan
            rows = self._rows(conn, sql, args, limit, version, timeout)
        return [Hit(passage_id=int(pid), score=float(s)) for pid, s in rows]

    def _rows(
        self, conn: Any, sql: str, args: list[Any], limit: int, version: int, timeout: float
    ) -> list[Any]:
        """The keyword ranking's rows (kept, :class:`KeptRankings`); a statement that ran out
        of this time limit a moment ago is not sent again (:class:`RecentTimeouts`)."""
        import psycopg

        if self.timeouts.recent(sql, args, version, timeout):
            raise QueryTimeoutError("the store's query took longer than its time limit just now")
        try:
            rows = self.kept.rows(conn, sql, args, limit, version)
        except psycopg.errors.QueryCanceled:
            self.timeouts.note(sql, args, version, timeout)
            raise
        self.timeouts.forget(sql, args, version)  # (kept now, if it ended)
        return rows

    def _plan(
        self, conn: Any, query: KeywordQuery, where: str, wparams: list[Any]
    ) -> tuple[str, list[Any], int] | None:
        """The statement (ending ``LIMIT %s``), its parameters and the store's version, planned
        as the SQLite store plans BM25: phrases (all required) unranked, newest first; else
        the rarest words whose matches fit the postings budget, OR-ed and ranked by BM25;
        else the AND of the rarest few when few passages hold them all; else nothing (the
        dense ranking covers them)."""
        words, phrases = plain_words(query)
        stats = self._term_stats(conn, words + [w for ph in phrases for w in ph])
        df, whole = stats.df, stats.whole
        # (the filters' columns are passage_words' own: no join)
        source = "passage_words"
        if phrases:
            if any(min(df.get(w, 0) for w in ph) == 0 for ph in phrases):
                return None
            parts: list[str] = []
            args = []
            for ph in phrases:
                sql, pargs = _phrase_query(ph, whole)
                parts.append(sql)
                args += pargs
            match = " && ".join(parts)
            # every candidate holds the phrase's rarest word: few enough to check them all
            few = min(whole.get(w, 0) for ph in phrases for w in ph) <= POSTINGS_BUDGET
            args += wparams
            return _phrase_sql(source, match, where, few), args, stats.version
        present, terms = rarest_within(words, df, POSTINGS_BUDGET)
        if not present:
            return None
        term = f"plainto_tsquery('{_CONFIG}', bp_words(%s))"
        if terms or query.exhaustive:
            terms = terms or [present[0][1]]
            match = " || ".join(term for _ in terms)
            ranked, rparams = _bm25(stats, terms, f"FROM {source} WHERE tsv @@ ({match}){where}")
            sql = f"{ranked} ORDER BY s DESC, id LIMIT %s"
            return sql, [*rparams, *terms, *wparams], stats.version
        if len(present) < 2:
            return None
        # the AND of the rarest few, ranked only when few passages hold them all: counted
        # and ranked in one statement (nothing when more than ``cap`` passages, unfiltered,
        # hold every word)
        terms = [w for _, w in present[:AND_TERMS]]
        cap = POSTINGS_BUDGET // len(terms)
        if _and_estimate(stats.passages, [whole.get(w, 0) for w in terms]) > AND_SURE * cap:
            return None  # surely more than ``cap``: not worth intersecting the postings
        match = " && ".join(term for _ in terms)
        ranked, rparams = _bm25(stats, terms, f"FROM m WHERE (SELECT count(*) FROM m) <= %s{where}")
        sql = (
            f"WITH m AS MATERIALIZED (SELECT id, tsv, tokens, {_FILTER_COLS} FROM passage_words"
            f" WHERE tsv @@ ({match}) LIMIT %s) {ranked} ORDER BY s DESC, id LIMIT %s"
        )
        return sql, [*terms, cap + 1, *rparams, cap, *wparams], stats.version

    # ---------------------------------------------------------------- dense
    def dense_search(self, vector: np.ndarray, filt: PassageFilter, limit: int) -> list[Hit]:
        with self.pool.conn() as conn:
            return pgvector.dense_search(conn, vector, filt, limit, self.kept)


@dataclass(slots=True)
class _TermStats:
    """What BM25 reads of the store for a query's words: the passages and words stored, the
    store's version and each word's document frequency (``df`` counted no further than the
    cap + 1, ``whole`` in full)."""

    passages: int
    tokens: int
    version: int
    df: dict[str, int] = field(default_factory=dict)
    whole: dict[str, int] = field(default_factory=dict)


def _bm25(stats: _TermStats, terms: list[str], source: str) -> tuple[str, list[Any]]:
    """FTS5's ``bm25()`` of the passages of ``source`` (a ``FROM`` and ``WHERE`` with
    ``tsv`` and ``tokens``) for these words (in this order, as the SQLite store's expression
    lists them), the same arithmetic in the same order: per word, its IDF times
    ``f (k1 + 1) / (f + k1 (1 - b + b D / avgdl))``, where ``f`` is the word's occurrences
    weighted by column (``ts_rank_cd`` with the column weights: a cover of one word is its
    weight) and ``D`` the passage's words; summed. A ``SELECT id, score AS s`` of them (each
    ``f`` computed once, below a fence the planner does not flatten) and its parameters
    (``source``'s last)."""
    n = max(stats.passages, 1)
    avgdl = float(stats.tokens) / float(n) if stats.tokens else 1.0
    k1, b = BM25_K1, BM25_B
    parts: list[str] = []
    params: list[Any] = []
    freqs: list[str] = []
    fparams: list[Any] = []
    for i, word in enumerate(terms):
        freqs.append(
            f"ts_rank_cd('{_RANK_WEIGHTS}', tsv, plainto_tsquery('{_CONFIG}', bp_words(%s)))"
            f"::float8 AS f{i}"
        )
        fparams.append(word)
        parts.append(f"%s * ((f{i} * %s) / (f{i} + %s * (1 - %s + %s * tokens / %s)))")
        params += [_idf(n, stats.whole.get(word, 0)), k1 + 1.0, k1, b, b, avgdl]
    sql = (
        f"SELECT id, {' + '.join(parts)} AS s"
        f" FROM (SELECT id, tokens, {', '.join(freqs)} {source} OFFSET 0) x"
    )
    return sql, [*params, *fparams]


def _phrase_sql(source: str, match: str, where: str, few: bool) -> str:
    """The newest passages holding the phrases: when their rarest word is in few passages,
    every passage holding it is checked (the GIN index's candidates, materialised, then
    sorted); else newest first until enough match (a common phrase is found soon; without
    this choice the planner walks the whole table backwards for a rare phrase of common
    words, or checks every passage holding them all for a common one)."""
    if few:
        return (
            f"WITH m AS MATERIALIZED (SELECT id FROM {source} WHERE tsv @@ ({match}){where})"
            " SELECT id, 0.0 FROM m ORDER BY id DESC LIMIT %s"
        )
    return f"SELECT id, 0.0 FROM {source} WHERE tsv @@ ({match}){where} ORDER BY id DESC LIMIT %s"


def _phrase_query(phrase: list[str], whole: dict[str, int]) -> tuple[str, list[Any]]:
    """A phrase's tsquery: its words in order, a word inside it held by more than
    ``PHRASE_COMMON`` passages only counted as a position (the GIN index cannot skip through
    such a word's postings: a phrase of common words with one of them took 0.4-1.3 s at 1M,
    as long as the English configuration's stop words were left out, 80 ms). Below that size
    (every evaluation store) it is the exact phrase, as FTS5 matches it."""
    keep = [
        i
        for i, w in enumerate(phrase)
        if i in (0, len(phrase) - 1) or whole.get(w, 0) <= PHRASE_COMMON
    ]
    word = f"plainto_tsquery('{_CONFIG}', bp_words(%s))"
    if len(keep) == len(phrase):
        return f"phraseto_tsquery('{_CONFIG}', bp_words(%s))", [" ".join(phrase)]
    sql, args = word, [phrase[keep[0]]]
    for prev, i in zip(keep, keep[1:], strict=False):
        sql = f"tsquery_phrase({sql}, {word}, {i - prev})"
        args.append(phrase[i])
    return sql, args


def _and_estimate(total: int, dfs: list[int]) -> float:
    """Passages expected to hold every word if the words were independent (words of one
    query tend to go together: more often than that, rarely less)."""
    n = float(max(total, 1))
    for df in dfs:
        n *= min(df, total) / max(total, 1)
    return n


def _capped_count(conn: Any, word: str, cap: int) -> int:
    row = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM passage_words"
        f" WHERE tsv @@ plainto_tsquery('{_CONFIG}', bp_words(%s)) LIMIT %s) s",
        (word, cap + 1),
    ).fetchone()
    return int(row[0])


def _term_counts(conn: Any, pack_ids: list[str], sign: int) -> dict[str, int]:
    """Per lexeme, how many of these packs' passages hold it (times ``sign``)."""
    if not pack_ids:
        return {}
    rows = conn.execute(
        "SELECT word, ndoc FROM ts_stat(format('SELECT tsv FROM passage_words"
        " WHERE pack_id = ANY(%%L::text[])', %s::text[]))",
        (pack_ids,),
    ).fetchall()
    return {str(word): sign * int(n) for word, n in rows}


def _tokens(conn: Any, pack_ids: list[str]) -> int:
    """The words of these packs' passages (as BM25 counts a passage's length)."""
    if not pack_ids:
        return 0
    row = conn.execute(
        "SELECT COALESCE(sum(tokens), 0) FROM passage_words WHERE pack_id = ANY(%s)",
        (pack_ids,),
    ).fetchone()
    return int(row[0])


def _add_terms(conn: Any, deltas: dict[str, int]) -> None:
    """Add each lexeme's change to ``terms``, in one statement in lexeme order (so that
    concurrent writers take the rows' locks in the same order: no deadlock)."""
    changed = {w: d for w, d in deltas.items() if d}
    if not changed:
        return
    conn.execute(
        "INSERT INTO terms (lexeme, df) SELECT l, d FROM unnest(%s::text[], %s::int[]) u(l, d)"
        " ORDER BY l ON CONFLICT (lexeme) DO UPDATE SET df = terms.df + EXCLUDED.df",
        (list(changed), list(changed.values())),
    )


def _add_counts(conn: Any, packs: int, passages: int, tokens: int) -> None:
    conn.execute(
        "UPDATE store_counts SET packs = packs + %s, passages = passages + %s,"
        " tokens = tokens + %s, writes = writes + 1",
        (packs, passages, tokens),
    )


def _idf(total: int, df: int) -> float:
    """FTS5's IDF: ``log((N - n + 0.5) / (n + 0.5))``, 1e-6 when not positive (a word in
    more than half the passages)."""
    idf = math.log((total - df + 0.5) / (df + 0.5))
    return idf if idf > 0.0 else 1e-6
