"""The PostgreSQL store's schema and its migrations (no hand-run SQL).

``schema_version`` holds the version a database is at; :func:`migrate` applies every later
step in order, each in its own transaction, under an advisory lock so that several processes
opening one database at once migrate it once. A step is never edited once released: a change
is a new step.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)

DIM = 384
LOCK_KEY = 0x626F617264  # pg_advisory_xact_lock key of migrations ("board")

# (version, statements): applied in order, each version in one transaction
MIGRATIONS: list[tuple[int, list[str]]] = [
    (
        1,
        [
            "CREATE EXTENSION IF NOT EXISTS vector",
            """CREATE TABLE packs (
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
            )""",
            "CREATE INDEX packs_source_key ON packs (source_key)",
            "CREATE INDEX packs_date ON packs (meeting_date)",
            "CREATE TABLE pdfs (sha256 TEXT PRIMARY KEY, data BYTEA NOT NULL)",
            f"""CREATE TABLE passages (
                id BIGSERIAL PRIMARY KEY,
                pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                body TEXT,
                body_key TEXT,
                meeting_date TEXT,
                agenda_item TEXT,
                item_title TEXT,
                page INTEGER,
                text TEXT NOT NULL,
                tsv TSVECTOR GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', text), 'A')
                    || setweight(to_tsvector('english', COALESCE(item_title, '')), 'B')
                ) STORED,
                embedding VECTOR({DIM}) NOT NULL
            )""",
            "CREATE INDEX passages_pack ON passages (pack_id, id)",
            "CREATE INDEX passages_body_date ON passages (body_key, meeting_date)",
            "CREATE INDEX passages_date ON passages (meeting_date)",
            "CREATE INDEX passages_kind_date ON passages (kind, meeting_date)",
            "CREATE INDEX passages_tsv ON passages USING GIN (tsv)",
            "CREATE INDEX passages_embedding ON passages USING hnsw (embedding vector_cosine_ops)",
            "CREATE TABLE bodies (key TEXT PRIMARY KEY, name TEXT NOT NULL)",
            """CREATE TABLE acronyms (
                pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
                acronym TEXT NOT NULL,
                long_form TEXT NOT NULL,
                PRIMARY KEY (pack_id, acronym)
            )""",
        ],
    ),
    (
        2,
        [
            """CREATE TABLE jobs (
                id TEXT PRIMARY KEY,
                seq BIGSERIAL,
                file TEXT NOT NULL,
                size BIGINT NOT NULL,
                status TEXT NOT NULL,
                progress REAL NOT NULL DEFAULT 0,
                stage TEXT NOT NULL,
                error TEXT,
                pack TEXT,
                result TEXT,
                submitted_at TEXT NOT NULL,
                finished_at TEXT,
                owner TEXT
            )""",
            "CREATE INDEX jobs_status ON jobs (status, seq)",
        ],
    ),
    (
        3,
        [
            """CREATE TABLE commitments (
                id BIGSERIAL PRIMARY KEY,
                pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
                body TEXT,
                meeting_date TEXT,
                text TEXT NOT NULL,
                due TEXT,
                due_text TEXT,
                to_body TEXT,
                by_whom TEXT,
                source_kind TEXT NOT NULL,
                agenda_item TEXT,
                minute_item TEXT,
                page INTEGER NOT NULL
            )""",
            "CREATE INDEX commitments_pack ON commitments (pack_id)",
        ],
    ),
    (
        4,
        [
            """CREATE TABLE alerts (
                id BIGSERIAL PRIMARY KEY,
                query TEXT NOT NULL,
                body TEXT,
                kind TEXT,
                date_from TEXT,
                date_to TEXT,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE alert_matches (
                id BIGSERIAL PRIMARY KEY,
                alert_id BIGINT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
                passage_id BIGINT NOT NULL,
                pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
                score DOUBLE PRECISION NOT NULL,
                matched_at TEXT NOT NULL,
                shown_at TEXT,
                UNIQUE (alert_id, passage_id)
            )""",
            "CREATE INDEX alert_matches_pack ON alert_matches (pack_id)",
        ],
    ),
    (
        5,
        [
            # per lexeme, how many passages hold it: kept by each pack's transaction, so a
            # keyword search reads its words' document frequencies in one indexed lookup
            # instead of counting their postings (a common word: thousands of heap rows)
            "CREATE TABLE terms (lexeme TEXT PRIMARY KEY, df INTEGER NOT NULL)",
            "INSERT INTO terms (lexeme, df) SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passages')",
        ],
    ),
    (
        6,
        [
            # the packs and passages stored, kept by each pack's transaction (one row): read
            # by every search instead of summing every pack's row
            """CREATE TABLE store_counts (
                one BOOLEAN PRIMARY KEY DEFAULT true CHECK (one),
                packs BIGINT NOT NULL,
                passages BIGINT NOT NULL
            )""",
            "INSERT INTO store_counts (packs, passages)"
            " SELECT count(*), COALESCE(sum(passages), 0) FROM packs",
        ],
    ),
    (
        7,
        [
            # bumped by every pack stored, replaced or deleted: the version of the passages
            # that a ranking kept in memory for a repeated search was made from
            "ALTER TABLE store_counts ADD COLUMN writes BIGINT NOT NULL DEFAULT 0",
        ],
    ),
]

LATEST = MIGRATIONS[-1][0]


def migrate(conn: Any) -> int:
    """Bring the database of ``conn`` (psycopg, autocommit) to :data:`LATEST`; returns the
    version it was at."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        was = int(row[0] or 0)
        for version, statements in MIGRATIONS:
            if version <= was:
                continue
            for sql in statements:
                conn.execute(sql)
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
            log.info("store schema migrated to version %d", version)
    return was
