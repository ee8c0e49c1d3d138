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

# Latin-1 letters with accents and their plain letters (FTS5's remove_diacritics)
_ACCENTED = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿ"
_PLAIN = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyy"
# what separates words: ASCII punctuation, symbols and spaces, Latin-1's, general
# punctuation (dashes, curly quotes, bullets), currency, letter-like symbols, arrows, maths,
# box drawing, shapes and dingbats, CJK and full-width punctuation (FTS5's unicode61 takes
# every character outside the letters, digits and private use as a separator)
_SEPARATORS = (
    r"[\x01-\x2F\x3A-\x40\x5B-\x60\x7B-\x7F\u0080-\u00BF\u00D7\u00F7\u2000-\u206F"
    r"\u20A0-\u20CF\u2100-\u2BFF\u3000-\u303F\uFE30-\uFE4F\uFF00-\uFF0F]+"
)

# kinds whose passages have an HNSW index of their own (step 12): every kind but "report",
# the bulk of a pack's text (90% of the passages of the benchmark's 1M, made from real packs)
KIND_INDEXES = ("resolution", "recommendation", "minutes", "agenda", "page")

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
    (
        8,
        [
            # the keyword index as the SQLite store's FTS5 (porter unicode61 remove_diacritics
            # 2) makes it, so both rank with the same BM25: every character that is not a
            # letter or digit separates words (PostgreSQL's parser would keep "2024-01-15",
            # "covid-19" or "www.x.gov.uk" whole or with signs), Latin-1 accents are dropped,
            # and each word is stemmed by Snowball's original Porter stemmer, without stop
            # words (FTS5 keeps every word: its document lengths count them). Where FTS5's
            # Porter stemmer (the reference C one) differs from Snowball's, the word is first
            # rewritten so that Snowball's gives the same classes: a word of two letters
            # ending in s is not stemmed ("us" stays with "used", not with "u"), and
            # "technology" / "possibly" go with "technological" / "possible" (its "logi" and
            # "bli" rules, when the stem before them has a vowel then a consonant)
            f"""CREATE FUNCTION bp_words(t TEXT) RETURNS TEXT
                IMMUTABLE PARALLEL SAFE STRICT LANGUAGE sql AS $$
                SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(
                    translate(t, '{_ACCENTED}', '{_PLAIN}'), '{_SEPARATORS}', ' ', 'g'),
                    '(^| )([^ sS][sS])(?= |$)', '\\1\\2ing', 'g'),
                    '(^| )([^ ]*[aeiouy][^aeiou ][^ ]*)(logy|logies)(?= |$)', '\\1\\2log', 'gi'),
                    '(^| )([^ ]*[aeiouy][^aeiou ][^ ]*)bl(y|ies)(?= |$)', '\\1\\2ble', 'gi')
                $$""",
            "CREATE TEXT SEARCH DICTIONARY bp_porter (TEMPLATE = snowball, LANGUAGE = porter)",
            "CREATE TEXT SEARCH CONFIGURATION bp_porter (PARSER = default)",
            "ALTER TEXT SEARCH CONFIGURATION bp_porter ADD MAPPING FOR asciiword, word,"
            " numword, hword_asciipart, hword_part, hword_numpart, int, uint, float, sfloat,"
            " version, email, host, file, url_path WITH bp_porter",
            # text weighted A, item title B (BM25's column weights are given at query time)
            """CREATE FUNCTION bp_tsv(body TEXT, title TEXT) RETURNS TSVECTOR
                IMMUTABLE PARALLEL SAFE LANGUAGE sql AS $$
                SELECT setweight(to_tsvector('bp_porter', bp_words(COALESCE(body, ''))), 'A')
                    || setweight(to_tsvector('bp_porter', bp_words(COALESCE(title, ''))), 'B')
                $$""",
            # its words (every one has a position): BM25's document length
            """CREATE FUNCTION bp_tokens(t TSVECTOR) RETURNS INTEGER
                IMMUTABLE PARALLEL SAFE STRICT LANGUAGE sql AS $$
                SELECT COALESCE(sum(cardinality(positions)), 0)::int FROM unnest(t) $$""",
            # a table of its own, not a column of passages: adding a column would rewrite
            # the passages and rebuild their HNSW index (minutes at 1M), this is written once
            """CREATE TABLE passage_words (
                id BIGINT PRIMARY KEY REFERENCES passages (id) ON DELETE CASCADE,
                tsv TSVECTOR NOT NULL,
                tokens INTEGER NOT NULL
            )""",
            "INSERT INTO passage_words (id, tsv, tokens)"
            " SELECT id, t, bp_tokens(t) FROM (SELECT id, bp_tsv(text, item_title) AS t"
            " FROM passages) s",
            "CREATE INDEX passage_words_tsv ON passage_words USING GIN (tsv)",
            "ANALYZE passage_words",  # (planned well from the first search)
            "TRUNCATE terms",
            "INSERT INTO terms (lexeme, df)"
            " SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passage_words')",
            # the words stored (BM25's average document length), kept like the passages
            "ALTER TABLE store_counts ADD COLUMN tokens BIGINT NOT NULL DEFAULT 0",
            "UPDATE store_counts SET tokens = (SELECT COALESCE(sum(tokens), 0) FROM passage_words)",
            # the English-configuration tsvector and its GIN index are no longer read
            "ALTER TABLE passages DROP COLUMN tsv",
        ],
    ),
    (
        9,
        [
            # the columns that filters read (pack, kind, body, date) copied beside each
            # passage's words, with the passages' indexes on them, so a filtered keyword
            # search reads one table: joined to passages, every candidate of the GIN index
            # cost an index lookup in passages (a filtered ranking 20-60 ms at 1M instead of
            # 2-12, a filtered phrase up to 0.5 s), and the planner could not intersect the
            # words' candidates with the filter's. Rebuilt, not altered: an UPDATE of every
            # row would rewrite each one's GIN entries (about a minute at 1M this way)
            """CREATE TABLE passage_words_9 (
                id BIGINT NOT NULL,
                tokens INTEGER NOT NULL,
                pack_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                body_key TEXT,
                meeting_date TEXT,
                tsv TSVECTOR NOT NULL
            )""",
            "INSERT INTO passage_words_9 (id, tokens, pack_id, kind, body_key, meeting_date, tsv)"
            " SELECT w.id, w.tokens, p.pack_id, p.kind, p.body_key, p.meeting_date, w.tsv"
            " FROM passage_words w JOIN passages p USING (id) ORDER BY w.id",
            "DROP TABLE passage_words",
            "ALTER TABLE passage_words_9 RENAME TO passage_words",
            "ALTER TABLE passage_words ADD CONSTRAINT passage_words_pkey PRIMARY KEY (id)",
            "ALTER TABLE passage_words ADD CONSTRAINT passage_words_id_fkey"
            " FOREIGN KEY (id) REFERENCES passages (id) ON DELETE CASCADE",
            "CREATE INDEX passage_words_tsv ON passage_words USING GIN (tsv)",
            "CREATE INDEX passage_words_pack ON passage_words (pack_id)",
            "CREATE INDEX passage_words_body_date ON passage_words (body_key, meeting_date)",
            "CREATE INDEX passage_words_date ON passage_words (meeting_date)",
            "CREATE INDEX passage_words_kind_date ON passage_words (kind, meeting_date)",
            "ANALYZE passage_words",
        ],
    ),
    (
        10,
        [
            # a filter by body and kind (an answer's ranking of a body's resolutions and
            # recommendations) counted from the index alone: the dense ranking counts the
            # passages passing a filter before choosing an exact scan or the HNSW index, and
            # with only the body's and the kind's indexes that count intersected their
            # bitmaps and read the heap (30-90 ms at 1M for "the panel", 0.5 ms this way;
            # built in about 3 s at 1M)
            "CREATE INDEX passages_body_kind_date ON passages (body_key, kind, meeting_date)",
        ],
    ),
    (
        11,
        [
            # step 8's bp_words, the same text out for every text in, at about half the cost
            # (each stored passage's words are made by it: 0.08 ms a passage instead of 0.16
            # on a quiet machine): translate() compares every character with each accented
            # letter, so it runs only on a text holding one; the "-logy" and "-bly" rewrites
            # run only on a text with a word ending so (whatever the stem before it)
            f"""CREATE OR REPLACE FUNCTION bp_words(t TEXT) RETURNS TEXT
                IMMUTABLE PARALLEL SAFE STRICT LANGUAGE plpgsql AS $$
                BEGIN
                    IF t ~ '[{_ACCENTED}]' THEN
                        t := translate(t, '{_ACCENTED}', '{_PLAIN}');
                    END IF;
                    t := regexp_replace(t, '{_SEPARATORS}', ' ', 'g');
                    t := regexp_replace(t, '(^| )([^ sS][sS])(?= |$)', '\\1\\2ing', 'g');
                    IF t ~* 'log(y|ies)( |$)' THEN
                        t := regexp_replace(t,
                            '(^| )([^ ]*[aeiouy][^aeiou ][^ ]*)(logy|logies)(?= |$)',
                            '\\1\\2log', 'gi');
                    END IF;
                    IF t ~* 'bl(y|ies)( |$)' THEN
                        t := regexp_replace(t,
                            '(^| )([^ ]*[aeiouy][^aeiou ][^ ]*)bl(y|ies)(?= |$)',
                            '\\1\\2ble', 'gi');
                    END IF;
                    RETURN t;
                END $$""",
        ],
    ),
    (
        12,
        [
            # a dense search filtered by one of these kinds reads its own graph (partial
            # indexes; :mod:`service.store.pgvector` sends one statement per kind): through
            # the whole index, a kind passing 1-4% of passages left 10-40 of the 1,000
            # candidates pgvector 0.6 keeps (``hnsw.ef_search``), then an exact scan of up
            # to 20,000 vectors read from TOAST, or fewer rows than asked for past that
            *[
                f"CREATE INDEX passages_embedding_{kind} ON passages"
                f" USING hnsw (embedding vector_cosine_ops) WHERE kind = '{kind}'"
                for kind in KIND_INDEXES
            ],
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
