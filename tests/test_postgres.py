"""The PostgreSQL store beyond the shared contract: its schema migrations, its indexes in use,
the local server commands, and the service end to end on it (same JSON as SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from service.cli import main
from service.errors import QueryTimeoutError
from service.store import PassageFilter, open_store
from service.store.base import KeywordQuery
from service.store.pgschema import KIND_INDEXES, LATEST
from tests.test_store import pack_input, sample_pdfs


def _undo_keyword_index(conn) -> None:  # type: ignore[no-untyped-def]
    """Take a database back to before step 8 (its English ``tsv`` column on passages; the
    later steps undone too)."""
    for kind in KIND_INDEXES:
        conn.execute(f"DROP INDEX passages_embedding_{kind}")
    conn.execute("DROP INDEX passages_body_kind_date")
    conn.execute("DROP TABLE passage_words")
    conn.execute("DROP FUNCTION bp_tsv, bp_tokens, bp_words")
    conn.execute("DROP TEXT SEARCH CONFIGURATION bp_porter")
    conn.execute("DROP TEXT SEARCH DICTIONARY bp_porter")
    conn.execute("ALTER TABLE store_counts DROP COLUMN tokens")
    conn.execute(
        "ALTER TABLE passages ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english', text), 'A')"
        " || setweight(to_tsvector('english', COALESCE(item_title, '')), 'B')) STORED"
    )
    conn.execute("DELETE FROM schema_version WHERE version >= 8")


def test_schema_is_created_and_migrated_by_version(pg_url: str, tmp_path: Path) -> None:
    store = open_store(tmp_path, url=pg_url)
    try:
        with store.pool.conn() as conn:  # type: ignore[attr-defined]
            assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == LATEST
            # a database left at version 1 (before jobs, commitments and alerts were kept) is
            # brought up to date
            _undo_keyword_index(conn)
            conn.execute("DROP TABLE jobs, commitments, alert_matches, alerts, terms, store_counts")
            conn.execute("DELETE FROM schema_version WHERE version > 1")
    finally:
        store.close()
    again = open_store(tmp_path, url=pg_url)
    try:
        with again.pool.conn() as conn:  # type: ignore[attr-defined]
            versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
            assert sorted(versions) == list(range(1, LATEST + 1))
        again.save_job(
            {"id": "j" * 32, "file": "f.pdf", "size": 1, "status": "queued", "stage": "queued",
             "progress": 0.0, "submitted_at": "2026-12-05T06:00:00+00:00"}
        )  # fmt: skip
        assert again.load_job("j" * 32) is not None
    finally:
        again.close()


def _terms_vs_passages(store) -> tuple[dict[str, int], dict[str, int]]:  # type: ignore[no-untyped-def]
    """The kept counts (``terms``, ``counts()`` and the words stored from ``store_counts``)
    and the same counted afresh from the passages."""
    with store.pool.conn() as conn:
        kept = dict(conn.execute("SELECT lexeme, df FROM terms WHERE df <> 0").fetchall())
        counted = dict(
            conn.execute("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM passage_words')")
        )
        packs, passages, words, tokens = conn.execute(
            "SELECT (SELECT count(*) FROM packs), (SELECT count(*) FROM passages),"
            " (SELECT count(*) FROM passage_words), (SELECT sum(tokens) FROM passage_words)"
        ).fetchone()
        kept["(tokens)"] = conn.execute("SELECT tokens FROM store_counts").fetchone()[0]
        # the filters' columns copied beside each passage's words (step 9) are the passage's
        unlike = conn.execute(
            "SELECT count(*) FROM passage_words w JOIN passages p USING (id)"
            " WHERE (w.pack_id, w.kind, w.body_key, w.meeting_date)"
            " IS DISTINCT FROM (p.pack_id, p.kind, p.body_key, p.meeting_date)"
        ).fetchone()[0]
    kept.update({f"({k})": v for k, v in store.counts().items()})
    kept["(words)"] = kept["(passages)"]  # every passage has its row of words
    kept["(unlike filter columns)"] = 0
    counted.update({"(packs)": packs, "(passages)": passages, "(words)": words})
    counted["(tokens)"] = tokens
    counted["(unlike filter columns)"] = unlike
    return kept, counted


def test_term_counts_are_kept_by_every_write_and_built_by_the_migration(
    pg_url: str, tmp_path: Path, sample_dir: Path
) -> None:
    """``terms`` (each lexeme's document frequency, read by keyword search instead of
    counting postings) stays equal to a count over the passages through adds, a replacement
    and a delete, and the migration that adds it counts a store's existing passages."""
    pdfs = sample_pdfs(sample_dir)
    store = open_store(tmp_path, url=pg_url)
    try:
        first = [
            store.add_pack(pack_input(pdf, source_key=f"/council/{n}.pdf", seed=n))
            for n, pdf in enumerate(pdfs[:3])
        ]
        kept, counted = _terms_vs_passages(store)
        assert kept == counted and kept.get("council", 0) > 0
        youth = KeywordQuery(terms=["youth", "council"])
        top = store.keyword_search(youth, PassageFilter(), 5)
        deep = store.keyword_search(youth, PassageFilter(), 300)  # (kept from the first)
        assert top and deep[:5] == top
        vec = np.ones(384, dtype=np.float32) / np.sqrt(384)
        near = store.dense_search(vec, PassageFilter(date_from="2000-01-01"), 5)  # exact scan
        assert (
            near and store.dense_search(vec, PassageFilter(date_from="2000-01-01"), 300)[:5] == near
        )
        # a different file at the same source replaces the first; then one is deleted
        new = store.add_pack(pack_input(pdfs[3], source_key="/council/0.pdf", seed=9))
        assert new.replaced == [first[0].pack_id]
        store.delete_pack(first[1].pack_id)
        kept, counted = _terms_vs_passages(store)
        assert kept == counted
        after = store.keyword_search(youth, PassageFilter(), 300)  # the store changed
        assert after and len(store.passages([h.passage_id for h in after])) == len(after)
        # every word counts, as in the SQLite store's FTS5 index ("the" too: no stop words)
        words = ["youth", "council", "zzyzxq", "the"]
        with store.pool.conn() as conn:  # type: ignore[attr-defined]
            want = {
                w: conn.execute(
                    "SELECT count(*) FROM passage_words"
                    " WHERE tsv @@ plainto_tsquery('bp_porter', bp_words(%s))",
                    [w],
                ).fetchone()[0]
                for w in words
            }
        assert want["the"] > want["council"] > 0
        assert store.word_doc_counts(words, cap=10_000) == want
        with store.pool.conn() as conn:  # type: ignore[attr-defined]
            _undo_keyword_index(conn)
            conn.execute("DROP TABLE terms, store_counts")
            conn.execute("DELETE FROM schema_version WHERE version >= 5")
    finally:
        store.close()
    again = open_store(tmp_path, url=pg_url)
    try:
        kept, counted = _terms_vs_passages(again)
        assert kept == counted
    finally:
        again.close()


def _plan(store, sql: str, params: list) -> str:  # type: ignore[no-untyped-def]
    with store.pool.conn() as conn:
        rows = conn.execute("EXPLAIN " + sql, params).fetchall()
    return "\n".join(r[0] for r in rows)


def test_dense_search_uses_hnsw_unfiltered_and_scans_exactly_when_selective(
    pg_url: str, tmp_path: Path, sample_dir: Path
) -> None:
    from service.store import pgvector

    store = open_store(tmp_path, url=pg_url)
    try:
        for n, pdf in enumerate(sample_pdfs(sample_dir)):
            store.add_pack(pack_input(pdf, seed=n))
        with store.pool.conn() as conn:  # type: ignore[attr-defined]
            conn.execute("ANALYZE passages")
            conn.execute("SET enable_seqscan = off")  # as on a large table
            q = pgvector.literal(np.ones(384, dtype=np.float32) / np.sqrt(384))
            plan = conn.execute(
                "EXPLAIN SELECT id FROM passages ORDER BY embedding <=> %s::vector LIMIT 10", [q]
            ).fetchall()
            assert "passages_embedding" in "\n".join(r[0] for r in plan)
            where, params = pgvector.filter_sql(PassageFilter(kind="resolution"))
            exact = conn.execute(
                "EXPLAIN SELECT id, s FROM (SELECT id, 1 - (embedding <=> %s::vector) AS s"
                f" FROM passages WHERE true{where} OFFSET 0) x ORDER BY s DESC, id LIMIT 10",
                [q, *params],
            ).fetchall()
            assert "passages_embedding" not in "\n".join(r[0] for r in exact)
            conn.execute("RESET enable_seqscan")
        with pytest.raises(QueryTimeoutError), store.pool.conn() as conn:  # type: ignore[attr-defined]
            conn.execute("SET statement_timeout = 50")
            conn.execute("SELECT pg_sleep(2)")
        assert store.counts()["packs"] == len(sample_pdfs(sample_dir))  # the pool carries on
    finally:
        store.close()


def test_a_kind_filtered_dense_search_reads_the_kinds_own_indexes(
    pg_url: str, tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every kind but ``report`` has an HNSW index of its own (step 12): a dense search
    filtered by such kinds (with a date or not) reads them, one branch per kind merged by
    distance, and finds what an exact scan finds; a filter with ``report`` searches the
    whole index."""
    from service.store import pgvector

    store = open_store(tmp_path, url=pg_url)
    try:
        for n, pdf in enumerate(sample_pdfs(sample_dir)):
            store.add_pack(pack_input(pdf, seed=n))
        monkeypatch.setattr(pgvector, "EXACT_FILTER_MAX", 0)  # as a broad filter on 1M rows
        monkeypatch.setattr(pgvector, "EXACT_SCAN_MAX", 0)
        probe = next(p for b in store.iter_passages() for p in b if p.kind == "resolution")
        vec = store.vectors_for([probe.id])[probe.id]  # type: ignore[attr-defined]
        q = pgvector.literal(vec)
        for filt in [
            PassageFilter(kind="minutes"),
            PassageFilter(kind=("resolution", "recommendation")),
            PassageFilter(kind=("recommendation", "resolution"), date_from="2000-01-01"),
        ]:
            got = store.dense_search(vec, filt, 10)
            with store.pool.conn() as conn:  # type: ignore[attr-defined]
                cond, params = pgvector.filter_sql(filt)
                exact = pgvector._exact(conn, q, cond, params, 10, None, 0)
            assert got and [h.passage_id for h in got] == [h.passage_id for h in exact]
            assert np.allclose([h.score for h in got], [h.score for h in exact], atol=1e-6)
        assert (
            store.dense_search(vec, PassageFilter(kind="resolution"), 1)[0].passage_id == probe.id
        )
        assert pgvector.own_index_kinds(PassageFilter(kind=("minutes", "report"))) is None
        with store.pool.conn() as conn:  # type: ignore[attr-defined]
            conn.execute("ANALYZE passages")
            conn.execute("SET enable_sort = off")  # as on a large table: no exact scan
            cond, params = pgvector.filter_sql(PassageFilter(kind="minutes"))
            plan = conn.execute(
                f"EXPLAIN SELECT id FROM passages WHERE true{cond}"
                " ORDER BY embedding <=> %s::vector LIMIT 300",
                [*params, q],
            ).fetchall()
            conn.execute("RESET enable_sort")
        assert "passages_embedding_minutes" in "\n".join(r[0] for r in plan)
    finally:
        store.close()


def test_statements_repeated_on_a_connection_are_planned_for_their_parameters(
    pg_url: str, tmp_path: Path, sample_dir: Path
) -> None:
    """psycopg prepares a statement run five times on a connection; PostgreSQL would then
    plan it once for any words (a generic plan: at 1M passages a phrase walk 1.6 ms planned for
    its words took 450-600 ms so). The store's connections plan each run for its words."""
    from service.store.postgres import PostgresStore

    store = PostgresStore(pg_url, tmp_path, readers=0)  # one connection: every search on it
    try:
        for n, pdf in enumerate(sample_pdfs(sample_dir)[:2]):
            store.add_pack(pack_input(pdf, seed=n))
        for word in ["council", "meeting", "report", "members", "committee"] * 3:
            store.keyword_search(KeywordQuery(phrases=[[word, "the"]]), PassageFilter(), 20)
            store.keyword_search(KeywordQuery(terms=[word]), PassageFilter(kind="minutes"), 20)
        with store.pool.conn() as conn:
            generic, custom = conn.execute(
                "SELECT sum(generic_plans), sum(custom_plans) FROM pg_prepared_statements"
            ).fetchone()
        assert custom and custom >= 10  # (prepared: run more than five times each)
        assert generic == 0
    finally:
        store.close()


def test_a_filtered_index_search_is_read_once_for_the_facet_search_and_phrases_stay_exact(
    pg_url: str, tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filtered HNSW search keeps as many candidates whatever its limit, so /search's
    deeper facet search reads the kept rows (no second index search) and gets the same
    first rows as a fresh search; a stored pack moves the store's version and the search is
    run again. A phrase lookup gives the newest passages holding it, whichever plan."""
    import psycopg

    from service.store import pgvector
    from service.store import postgres as pgstore

    store = open_store(tmp_path, url=pg_url)
    pdfs = sample_pdfs(sample_dir)
    try:
        for n, pdf in enumerate(pdfs[1:]):
            store.add_pack(pack_input(pdf, seed=n))
        monkeypatch.setattr(pgvector, "EXACT_FILTER_MAX", 0)  # as a broad filter on 1M rows
        monkeypatch.setattr(pgvector, "EXACT_SCAN_MAX", 0)
        seen: list[str] = []
        execute = psycopg.Cursor.execute

        def spy(self, query, params=None, **kw):  # type: ignore[no-untyped-def]
            seen.append(str(query))
            return execute(self, query, params, **kw)

        monkeypatch.setattr(psycopg.Cursor, "execute", spy)
        filt = PassageFilter(kind=("minutes", "report", "agenda", "page"))
        probe = store.iter_passages().__next__()[3]
        vec = store.vectors_for([probe.id])[probe.id]  # type: ignore[attr-defined]
        top = store.dense_search(vec, filt, 10)
        deep = store.dense_search(vec, filt, 100)
        searches = [q for q in seen if "ORDER BY embedding <=>" in q]
        assert len(searches) == 1 and top and top[0].passage_id == probe.id
        with store.pool.conn() as conn:  # type: ignore[attr-defined]
            fresh = pgvector.dense_search(conn, vec, filt, 100)
        assert [h.passage_id for h in deep] == [h.passage_id for h in fresh]
        assert [h.passage_id for h in top] == [h.passage_id for h in fresh[:10]]
        kinds = {p.kind for p in store.passages([h.passage_id for h in deep]).values()}
        assert kinds and kinds <= set(filt.kind)  # type: ignore[arg-type]
        store.add_pack(pack_input(pdfs[0], seed=9))
        store.dense_search(vec, filt, 10)
        assert len([q for q in seen if "ORDER BY embedding <=>" in q]) == 3

        words = [w for w in probe.text.lower().split() if w.isalpha()][:2]
        phrase = KeywordQuery(phrases=[words])
        budgets = {}
        for budget in (0, 10**9):  # newest first, then the GIN index's candidates checked
            monkeypatch.setattr(pgstore, "POSTINGS_BUDGET", budget)
            budgets[budget] = store.keyword_search(phrase, PassageFilter(), 5)
        assert budgets[0] and budgets[0] == budgets[10**9]
        assert [h.passage_id for h in budgets[0]] == sorted(
            (h.passage_id for h in budgets[0]), reverse=True
        )
    finally:
        store.close()


def test_a_lookup_that_just_timed_out_is_not_sent_again_with_the_same_limit(
    pg_url: str, tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/search's facet search repeats its results' search at once: a phrase lookup that
    ran out of its time limit then times out at once instead of waiting out the limit
    again; a longer limit, or a changed store, runs it."""
    import time

    import psycopg

    from service.store import postgres as pgstore

    store = open_store(tmp_path, url=pg_url)
    pdfs = sample_pdfs(sample_dir)
    try:
        store.add_pack(pack_input(pdfs[0]))
        slow = pgstore._phrase_sql  # a lookup made slow: it sleeps 0.3 s (once per statement)
        monkeypatch.setattr(
            pgstore,
            "_phrase_sql",
            lambda *a: slow(*a).replace(
                " FROM passage_words ", " FROM (SELECT pg_sleep(0.3)) z, passage_words ", 1
            ),
        )
        sent: list[str] = []
        execute = psycopg.Cursor.execute

        def spy(self, query, params=None, **kw):  # type: ignore[no-untyped-def]
            sent.append(str(query))
            return execute(self, query, params, **kw)

        monkeypatch.setattr(psycopg.Cursor, "execute", spy)
        text = next(iter(store.iter_passages()))[3].text
        phrase = KeywordQuery(phrases=[[w for w in text.lower().split() if w.isalpha()][:2]])
        lookups = lambda: len([q for q in sent if "pg_sleep" in q])  # noqa: E731
        with pytest.raises(QueryTimeoutError):
            store.keyword_search(phrase, PassageFilter(), 10, timeout=0.05)
        assert lookups() == 1
        t = time.perf_counter()
        with pytest.raises(QueryTimeoutError):
            store.keyword_search(phrase, PassageFilter(), 300, timeout=0.05)
        assert lookups() == 1 and time.perf_counter() - t < 0.05
        found = store.keyword_search(phrase, PassageFilter(), 10, timeout=2.0)  # longer: runs
        assert found and lookups() == 2
        assert store.keyword_search(phrase, PassageFilter(), 10, timeout=0.05) == found  # kept
        store.add_pack(pack_input(pdfs[1], seed=1))  # a changed store: tried again
        for _ in range(2):
            with pytest.raises(QueryTimeoutError):
                store.keyword_search(phrase, PassageFilter(), 10, timeout=0.05)
        assert lookups() == 3
    finally:
        store.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BOARDPAPERS_LOG": "warning"},
    )


def test_postgres_commands_start_report_and_stop_a_local_server() -> None:
    pytest.importorskip("pgserver")
    import shutil
    import tempfile

    # outside pytest's temp folder, which another pytest run makes private meanwhile (the
    # server runs as its own user when we are root)
    data = tempfile.mkdtemp(prefix="boardpapers-pgcli-")
    try:
        started = _cli("--data-dir", data, "postgres", "start", "--json")
        assert started.returncode == 0, started.stderr
        state = json.loads(started.stdout)
        assert state["status"] == "running" and state["url"].startswith("postgresql://")
        status = _cli("--data-dir", data, "postgres", "status")
        assert status.returncode == 0 and status.stdout.strip() == state["url"]
        # the URL it printed is a working store
        assert main(["--data-dir", data, "--store", state["url"], "status"]) == 0
    finally:
        stopped = _cli("--data-dir", data, "postgres", "stop", "--json")
    assert stopped.returncode == 0, stopped.stderr
    assert json.loads(stopped.stdout)["status"] == "stopped"
    after = _cli("--data-dir", data, "postgres", "status")
    assert after.returncode == 1 and "not running" in after.stdout
    shutil.rmtree(data, ignore_errors=True)


def test_status_is_stopped_when_a_left_pid_file_names_another_process(tmp_path: Path) -> None:
    """A server that died leaves its postmaster.pid; the system may give its pid to any
    process (which root always sees): status says stopped, not running."""
    pytest.importorskip("pgserver")
    from service.store import local_postgres

    pgdata = local_postgres.folder(tmp_path)
    pgdata.mkdir(parents=True)
    lines = [str(os.getpid()), str(pgdata), "1796465601", "5432", str(pgdata), "", "1 2", "ready"]
    (pgdata / "postmaster.pid").write_text("\n".join(lines) + "\n")
    state = local_postgres.status(tmp_path)
    assert state.status == "stopped" and state.url is None


def test_the_service_gives_the_same_json_on_both_stores(
    pg_url: str, tmp_path: Path, sample_dir: Path, sample_indexed_dir: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    data = str(tmp_path / "pgdata")
    assert main(["--data-dir", data, "--store", pg_url, "index", str(sample_dir), "--json"]) == 0
    capsys.readouterr()

    def listed(*args: str) -> object:
        assert main([*args, "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        for pack in out.get("packs") if isinstance(out.get("packs"), list) else []:
            pack.pop("indexed_at")
        return out

    for command in (["packs"], ["meetings"], ["status"]):
        on_pg = listed("--data-dir", data, "--store", pg_url, *command)
        on_sqlite = listed("--data-dir", str(sample_indexed_dir), *command)
        assert on_pg == on_sqlite, command
    pack = listed("--data-dir", str(sample_indexed_dir), "packs")["packs"][0]["id"]  # type: ignore[index]
    assert listed("--data-dir", data, "--store", pg_url, "packs", pack) == listed(
        "--data-dir", str(sample_indexed_dir), "packs", pack
    )
    found = listed("--data-dir", data, "--store", pg_url, "search", "youth centres")
    assert found["results"] and found["results"][0]["pack"]  # type: ignore[index]


def test_a_searchs_stages_sent_side_by_side_give_what_they_give_one_after_the_other(
    pg_url: str, tmp_path: Path, sample_dir: Path
) -> None:
    """PostgreSQL sends a search's keyword ranking, dense ranking and phrase lookups at once
    from threads of their own (``overlapped_reads``); each search is the same as with them
    run one after the other, in order, on the caller's thread (SQLite's way)."""
    import threading

    from service.index.indexer import index_paths
    from service.query.search import search

    store = open_store(tmp_path / "pgdata", url=pg_url)
    try:
        index_paths(store, [sample_dir], workers=2)
        threads: list[str] = []
        sent: list[str] = []
        keyword_search = store.keyword_search

        def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(threading.current_thread().name)
            sent.append(repr((args, kwargs)))
            return keyword_search(*args, **kwargs)

        store.keyword_search = recorded  # type: ignore[method-assign]
        queries = [
            ("youth centres", {}),
            ('"youth centres" budget', {"limit": 100}),
            ('"foster carers"', {"mode": "bm25"}),
            ("When did the panel last discuss CAMHS waiting times?", {"mode": "hybrid"}),
            ("CAMHS", {"mode": "bm25"}),
            ("fostering allowances", {"mode": "dense", "date_from": "2020-01-01"}),
        ]
        side_by_side = [search(store, q, timed=False, **o).to_dict() for q, o in queries]
        assert threads and all(t.startswith("stage") for t in threads), threads
        threads.clear()
        sent_side_by_side, sent[:] = sorted(sent), []
        store.overlapped_reads = False  # type: ignore[misc]
        in_order = [search(store, q, timed=False, **o).to_dict() for q, o in queries]
        assert threads and all(t == threading.current_thread().name for t in threads), threads
        assert side_by_side == in_order
        assert sorted(sent) == sent_side_by_side  # the same rankings and lookups
        assert any(r["results"] for r in side_by_side)
    finally:
        store.close()


def test_a_search_and_its_facets_read_together_give_what_two_searches_give(
    pg_url: str, tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/search's results and facet counts come from one call (``search_with_facets``: both
    searches' rankings started at once, the query embedded once): the same response and
    counts as its results' search and its facets' search (limit 100) made one after the
    other, with the stages side by side (PostgreSQL) and one after the other (SQLite's way)."""
    from service.index.indexer import index_paths
    from service.query import search as search_module
    from service.query.facets import facet_counts, search_with_facets
    from service.query.search import default_embedder, search

    monkeypatch.setattr(search_module, "KEYWORD_TIMEOUT", 60.0)  # (no cut under load)
    monkeypatch.setattr(search_module, "PHRASE_TIMEOUT", 60.0)
    store = open_store(tmp_path / "pgdata", url=pg_url)
    try:
        index_paths(store, [sample_dir], workers=2)
        model = default_embedder(store)
        encoded: list[str] = []

        class Counted:
            def encode(self, texts, *args, **kwargs):  # type: ignore[no-untyped-def]
                encoded.extend(texts)
                return model.encode(texts, *args, **kwargs)

        queries = [
            ("youth centres", {}),
            ('"youth centres" budget', {"limit": 5}),
            ('"foster carers"', {"mode": "bm25"}),
            ("When did the panel last discuss CAMHS waiting times?", {"body": "panel"}),
            ("CAMHS", {"kind": "report", "limit": 100}),
            ("fostering allowances", {"mode": "dense", "date_from": "2020-01-01"}),
        ]
        found = []
        for overlapped in (True, False):
            store.overlapped_reads = overlapped  # type: ignore[misc]
            for q, o in queries:
                encoded.clear()
                response, facets = search_with_facets(store, q, embedder=Counted(), **o)
                assert len(encoded) == (o.get("mode") != "bm25"), encoded  # embedded once
                alone = search(store, q, **o).to_dict()
                deeper = search(store, q, **{**o, "limit": 100}).results
                assert response.to_dict() == alone, (q, o)
                assert facets == facet_counts(deeper), (q, o)
                found.append(bool(response.results and facets["kind"]))
        assert sum(found) >= 8, found
    finally:
        store.close()


def test_keyword_ranking_is_the_sqlite_stores_bm25(
    pg_url: str, tmp_path: Path, sample_dir: Path
) -> None:
    """The same packs stored in both backends: a keyword ranking gives the same passages in
    the same order with the same BM25 scores (words split and stemmed as FTS5 does it, the
    same IDF, column weights and document lengths), filtered or not, and the document
    frequencies the relevance floor reads are the same."""
    lite = open_store(tmp_path / "lite")
    pg = open_store(tmp_path / "pg", url=pg_url)
    try:
        for n, pdf in enumerate(sample_pdfs(sample_dir)):
            lite.add_pack(pack_input(pdf, seed=n))
            pg.add_pack(pack_input(pdf, seed=n))

        def ranked(store, query, filt, depth=50):  # type: ignore[no-untyped-def]
            hits = store.keyword_search(query, filt, depth)
            found = store.passages([h.passage_id for h in hits])
            return [(found[h.passage_id].text, round(h.score, 9)) for h in hits]

        queries = [
            KeywordQuery(terms=["youth", "centres"]),
            KeywordQuery(terms=["children", "in", "care", "used", "placements", "us"]),
            KeywordQuery(terms=["council"], exhaustive=True),
            KeywordQuery(phrases=[["children", "in", "care"]]),
        ]
        dated = PassageFilter(date_from="2024-07-01")
        kinds = PassageFilter(kind=("report", "minutes"), date_to="2025-12-31")
        assert any(ranked(lite, query, kinds) for query in queries)
        for query in queries:
            for filt in (PassageFilter(), dated, kinds):
                want = ranked(lite, query, filt)
                assert ranked(pg, query, filt) == want, (query, filt)
            assert ranked(lite, query, dated) and set(ranked(lite, query, dated)) < set(
                ranked(lite, query, PassageFilter(), 300)
            )
        words = ["used", "us", "is", "the", "possibly", "possible", "technology", "councillors"]
        assert pg.word_doc_counts(words, 50_000) == lite.word_doc_counts(words, 50_000)
    finally:
        lite.close()
        pg.close()


def test_the_cheaper_word_rewriting_gives_step_8s_words(
    pg_url: str, tmp_path: Path, sample_dir: Path
) -> None:
    """Step 11 replaces step 8's ``bp_words`` by a cheaper function: the same text out for
    every text in (accents, separators, two-letter words ending in s, "-logy", "-bly", any
    case), here on tricky words and on every passage and item title of the sample packs."""
    from service.store.pgschema import MIGRATIONS

    step8 = dict(MIGRATIONS)[8][0]
    assert step8.lstrip().startswith("CREATE FUNCTION bp_words(")
    store = open_store(tmp_path, url=pg_url)
    try:
        for n, pdf in enumerate(sample_pdfs(sample_dir)):
            store.add_pack(pack_input(pdf, seed=n))
        tricky = [
            "Technology, technologies and possibly zoölogy: É café us US is as-is BIOLOGY",
            "biologies horribly ABLY ly Possibilities; crèche—services 2024-01-15 covid-19",
            "www.x.gov.uk as AS ms Ms sociology's  logy bly a-bly Ésa ÿes",
            "",
        ]
        with store.pool.conn() as conn:  # type: ignore[attr-defined]
            conn.execute(step8.replace("bp_words(", "pg_temp.bp_words_8(", 1))
            texts = tricky + [
                t
                for row in conn.execute("SELECT text, item_title FROM passages")
                for t in row
                if t is not None
            ]
            pairs = conn.execute(
                "SELECT bp_words(t), pg_temp.bp_words_8(t) FROM unnest(%s::text[]) t", (texts,)
            ).fetchall()
        assert len(pairs) == len(texts) > 100
        assert [a for a, _ in pairs] == [b for _, b in pairs]
        assert (
            pairs[0][0]
            == "Technolog technolog and possible zoology E cafe using USing ising asing ising BIOLOGY"
        )
    finally:
        store.close()
