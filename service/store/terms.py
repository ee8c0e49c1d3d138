"""Kept document frequencies of the SQLite store: ``terms`` (term -> passages holding it).

A query word new to the lexicon, or to the keyword planner, needs its document frequency.
Counting the matches of a common word in the full-text index costs milliseconds per word
on a large store; instead the store keeps, per indexed term (the tokenizer's output: Porter
stems), how many passages hold it in their text or item title, changed in the transaction
of each pack stored, replaced or removed. The terms of a pack's passages are found by the
same tokenizer, in a scratch full-text table of the connection (``temp``), so they are the
index's own.

``meta['terms']`` holds the store generation the table was last brought to; a store changed
by code that did not keep the table (an older version) reads as stale, and the counts are
then counted from the index as before, until the next open rebuilds the table (one scan of
the index's vocabulary: about 10 s for a million passages).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

TABLE = (
    "CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"
)
MARK = "terms"  # meta key: the generation the table was last brought to


def _scratch(conn: sqlite3.Connection, tokenizer: str) -> None:
    """The connection's scratch full-text table (``temp``) and its vocabularies."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bp_scratch USING fts5("
        f"text, item_title, content='', tokenize='{tokenizer}')"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bp_scratch_rows"
        " USING fts5vocab('temp', 'bp_scratch', 'row')"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bp_scratch_tokens"
        " USING fts5vocab('temp', 'bp_scratch', 'instance')"
    )


def _clear(conn: sqlite3.Connection) -> None:
    # (contentless: its index is emptied at once, nothing is tokenised again)
    conn.execute("INSERT INTO temp.bp_scratch (bp_scratch) VALUES ('delete-all')")


def passage_terms(
    conn: sqlite3.Connection, tokenizer: str, rows: Iterable[tuple[str, str]]
) -> dict[str, int]:
    """Per term, how many of the (text, item title) rows hold it, tokenised as the index
    tokenises them."""
    _scratch(conn, tokenizer)
    _clear(conn)
    conn.executemany("INSERT INTO temp.bp_scratch (text, item_title) VALUES (?, ?)", rows)
    found = dict(conn.execute("SELECT term, doc FROM temp.bp_scratch_rows").fetchall())
    _clear(conn)
    return found


def change(conn: sqlite3.Connection, counts: dict[str, int], sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) passages' term counts; a term no passage holds
    any more leaves the table."""
    if not counts:
        return
    conn.executemany(
        "INSERT INTO terms (term, df) VALUES (?, ?)"
        " ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        [(t, sign * n) for t, n in counts.items()],
    )
    if sign < 0:
        conn.executemany("DELETE FROM terms WHERE term = ? AND df <= 0", [(t,) for t in counts])


def _text(generation: Sequence[int]) -> str:
    return ",".join(str(int(g)) for g in generation)


def mark(conn: sqlite3.Connection, generation: Sequence[int]) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (MARK, _text(generation)),
    )


def current(conn: sqlite3.Connection, generation: Sequence[int]) -> bool:
    """Whether the table was brought to this generation of the store."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (MARK,)).fetchone()
    return row is not None and row[0] == _text(generation)


def rebuild(conn: sqlite3.Connection, fts_table: str) -> None:
    """The table afresh from the index's own vocabulary (one scan of it)."""
    conn.execute("DELETE FROM terms")
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.bp_index_rows"
        f" USING fts5vocab('main', '{fts_table}', 'row')"
    )
    conn.execute("INSERT INTO terms (term, df) SELECT term, doc FROM temp.bp_index_rows")


def stems(conn: sqlite3.Connection, tokenizer: str, words: Sequence[str]) -> list[str | None]:
    """The term the index makes of each word; ``None`` for a word it does not make exactly
    one term of."""
    _scratch(conn, tokenizer)
    _clear(conn)
    conn.executemany(
        "INSERT INTO temp.bp_scratch (rowid, text, item_title) VALUES (?, ?, '')",
        list(enumerate(words, start=1)),
    )
    tokens: dict[int, list[tuple[int, str]]] = {}
    for doc, term, offset in conn.execute(
        "SELECT doc, term, offset FROM temp.bp_scratch_tokens ORDER BY doc, offset"
    ):
        tokens.setdefault(int(doc), []).append((int(offset), str(term)))
    _clear(conn)
    out: list[str | None] = []
    for i in range(1, len(words) + 1):
        toks = tokens.get(i, [])
        out.append(toks[0][1] if len(toks) == 1 and toks[0][0] == 0 else None)
    return out


def df(conn: sqlite3.Connection, terms_: Sequence[str]) -> dict[str, int]:
    """The kept count of each term (0 for a term no passage holds)."""
    out = {t: 0 for t in terms_}
    for start in range(0, len(terms_), 900):
        chunk = list(terms_[start : start + 900])
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", chunk))
    return out
