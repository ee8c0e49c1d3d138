"""The SQLite store: whole-pack transactions, hashes, replacement, vector index, limits."""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from extract import ExtractSettings, extract
from extract.model import Pack
from service.errors import PackNotFoundError, QueryTimeoutError, StoreError
from service.index.passages import build_passages
from service.index.passages import pack_input as make_pack_input
from service.store import KeywordQuery, PackInput, PassageFilter, pack_id_for
from service.store import vectors as vectors_mod
from service.store.sqlite import SQLiteStore

FAST = ExtractSettings(enrich=False, tables=False)


@functools.cache
def _sample_pack(path: str) -> Pack:
    result = extract(Path(path), FAST)
    assert result.pack is not None, result.reason
    return result.pack


def sample_pdfs(sample_dir: Path) -> list[Path]:
    pdfs = sorted(sample_dir.glob("*.pdf"))
    assert len(pdfs) >= 2, (
        f"the sample packs are committed in {sample_dir} (corpora/make_sample.py)"
    )
    return pdfs


def unit_vectors(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, 384)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def pack_input(pdf: Path, source_key: str | None = None, seed: int = 0) -> PackInput:
    pack = _sample_pack(str(pdf))
    passages = build_passages(pack, pack_id_for(pack.sha256))
    return make_pack_input(
        pack=pack,
        passages=passages,
        vectors=unit_vectors(len(passages), seed),
        source_key=source_key or str(pdf.resolve()),
        pdf=pdf,
    )


def table_count(store: SQLiteStore, table: str) -> int:
    con = sqlite3.connect(store.db_path)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def test_failure_mid_pack_leaves_no_partial_rows(make_store, sample_dir, monkeypatch) -> None:
    store = make_store()
    first, second = sample_pdfs(sample_dir)[:2]
    kept = store.add_pack(pack_input(first))

    def boom(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(SQLiteStore, "_insert_vectors", boom)
    item = pack_input(second)
    with pytest.raises(StoreError):
        store.add_pack(item)
    monkeypatch.undo()

    assert [p.id for p in store.list_packs()] == [kept.pack_id]
    assert table_count(store, "passages") == kept.passages
    assert table_count(store, "vectors") == kept.passages
    assert store.pack_id_by_sha(item.pack.sha256) is None
    assert not (store.pdf_dir / f"{item.pack.sha256}.pdf").exists()
    # nothing of the failed pack is findable by keyword either
    words = item.passages[0].text.split()[:3]
    hits = store.keyword_search(KeywordQuery(phrases=[words]), PassageFilter(), 50)
    assert {store.passages([h.passage_id])[h.passage_id].pack for h in hits} <= {kept.pack_id}


def test_identical_file_is_recognised_by_hash(make_store, sample_dir) -> None:
    store = make_store()
    pdf = sample_pdfs(sample_dir)[0]
    first = store.add_pack(pack_input(pdf))
    again = store.add_pack(pack_input(pdf, source_key="/elsewhere/renamed.pdf"))
    assert again.pack_id == first.pack_id and again.passages == 0
    assert len(store.list_packs()) == 1
    assert table_count(store, "passages") == first.passages


def test_changed_file_at_same_source_replaces_old_version(make_store, sample_dir) -> None:
    store = make_store()
    a, b = sample_pdfs(sample_dir)[:2]
    old = store.add_pack(pack_input(a, source_key="/council/agenda.pdf"))
    store.refresh_vectors()
    new = store.add_pack(pack_input(b, source_key="/council/agenda.pdf", seed=1))
    assert new.replaced == [old.pack_id]
    assert [p.id for p in store.list_packs()] == [new.pack_id]
    with pytest.raises(PackNotFoundError):
        store.pack_json(old.pack_id)
    assert not (store.pdf_dir / f"{_sample_pack(str(a)).sha256}.pdf").exists()
    assert table_count(store, "passages") == new.passages
    # the vector index drops the old passages incrementally
    store.refresh_vectors()
    assert store.vectors.size == new.passages
    probe = unit_vectors(1, 7)[0]
    found = store.passages([h.passage_id for h in store.dense_search(probe, PassageFilter(), 50)])
    assert {p.pack for p in found.values()} == {new.pack_id}


def test_pdf_copy_is_named_by_hash_not_by_user(make_store, sample_dir) -> None:
    store = make_store()
    pdf = sample_pdfs(sample_dir)[0]
    added = store.add_pack(pack_input(pdf))
    path = store.pack_pdf(added.pack_id)
    assert path.parent == store.pdf_dir
    assert path.name == f"{_sample_pack(str(pdf)).sha256}.pdf"
    assert path.read_bytes() == pdf.read_bytes()


def test_vector_cache_is_reused_and_updated_incrementally(make_store, sample_dir) -> None:
    a, b = sample_pdfs(sample_dir)[:2]
    store = make_store("s")
    first = store.add_pack(pack_input(a))
    store.refresh_vectors(save=True)
    built = store.vectors.state
    assert built is not None and built.file
    store.close()

    reopened = make_store("s")  # loads the cached index, then applies only what is new
    second = reopened.add_pack(pack_input(b, seed=3))
    reopened.refresh_vectors(save=True)
    state = reopened.vectors.state
    assert state is not None and state.trained_n == built.trained_n  # not rebuilt
    assert reopened.vectors.size == first.passages + second.passages
    own = reopened.vectors_for([1])[1]
    assert reopened.dense_search(own, PassageFilter(), 1)[0].passage_id == 1


def test_large_store_switches_to_ivf_and_still_finds_nearest(make_store, monkeypatch) -> None:
    monkeypatch.setattr(vectors_mod, "FLAT_MAX", 500)
    store = make_store()
    pack = Pack(source="synthetic.pdf", sha256="f" * 64, page_count=1, meeting=_meeting())
    from service.index.passages import Passage

    n = 3000
    passages = [
        Passage("page", f"passage number {i}", "Test Board", "2020-01-01", None, None, 1)
        for i in range(n)
    ]
    vecs = unit_vectors(n, 11)
    store.add_pack(PackInput(pack, passages, vecs, source_key="synthetic"))
    store.refresh_vectors()
    assert store.vectors.state is not None and store.vectors.state.kind == "ivf"
    top = [store.dense_search(vecs[i], PassageFilter(), 1)[0].passage_id for i in range(0, n, 300)]
    assert top == [i + 1 for i in range(0, n, 300)]


def _meeting():  # type: ignore[no-untyped-def]
    from extract.model import Meeting

    return Meeting(body="Test Board", date="2020-01-01")


def test_filters_apply_to_dense_and_keyword_search(make_store, sample_dir) -> None:
    store = make_store()
    for i, pdf in enumerate(sample_pdfs(sample_dir)):
        store.add_pack(pack_input(pdf, seed=i))
    kinds = {"resolution", "report"}
    probe = unit_vectors(1, 5)[0]
    for kind in kinds:
        hits = store.dense_search(probe, PassageFilter(kind=kind), 20)
        assert hits and {p.kind for p in store.passages([h.passage_id for h in hits]).values()} == {
            kind
        }
    dates = sorted({p.meeting_date for p in _all(store) if p.meeting_date})
    lo = dates[len(dates) // 2]
    filt = PassageFilter(date_from=lo)
    hits = store.keyword_search(KeywordQuery(terms=["children"]), filt, 50)
    assert hits and all(
        p.meeting_date and p.meeting_date >= lo
        for p in store.passages([h.passage_id for h in hits]).values()
    )
    assert (
        store.keyword_search(
            KeywordQuery(terms=["children"]), PassageFilter(body="no such body"), 5
        )
        == []
    )


def _all(store):  # type: ignore[no-untyped-def]
    return [p for batch in store.iter_passages() for p in batch]


def test_slow_query_raises_query_timeout(make_store) -> None:
    from service.index.passages import Passage

    store = make_store()
    pack = Pack(source="synthetic.pdf", sha256="e" * 64, page_count=1, meeting=_meeting())
    passages = [
        Passage("page", f"the council noted item {i}", "Test Board", "2020-01-01", None, None, 1)
        for i in range(2000)
    ]
    store.add_pack(PackInput(pack, passages, unit_vectors(2000), source_key="synthetic"))
    assert len(store.keyword_search(KeywordQuery(terms=["council"]), PassageFilter(), 5)) == 5
    store.query_timeout = 1e-9
    with pytest.raises(QueryTimeoutError) as err:
        store.keyword_search(KeywordQuery(terms=["council", "noted"]), PassageFilter(), 10)
    assert err.value.status == 503


# ------------------------------------------------- what questions need from the store


def test_acronyms_a_pack_defines_are_kept_with_it_and_leave_with_it(make_store, sample_dir) -> None:
    store = make_store()
    pdf = next(p for p in sample_pdfs(sample_dir) if "2024-01-15" in p.name)
    added = store.add_pack(pack_input(pdf))
    # the January pack spells out "independent fostering agencies (IFAs)"
    assert store.acronym_table() == {"IFA": "independent fostering agencies"}
    store.delete_pack(added.pack_id)
    assert store.acronym_table() == {}
    assert table_count(store, "acronyms") == 0


def test_store_written_before_acronyms_were_kept_gets_them_on_open(
    make_store, sample_dir, tmp_path
) -> None:
    store = make_store()
    pdf = next(p for p in sample_pdfs(sample_dir) if "2024-01-15" in p.name)
    store.add_pack(pack_input(pdf))
    store.close()
    con = sqlite3.connect(store.db_path)  # as an older version left it: no acronyms, no mark
    con.execute("DELETE FROM acronyms")
    con.execute("DELETE FROM meta WHERE key = 'acronyms'")
    con.commit()
    con.close()
    reopened = SQLiteStore(store.data_dir)
    try:
        assert reopened.acronym_table() == {"IFA": "independent fostering agencies"}
    finally:
        reopened.close()


def test_word_counts_are_stemmed_like_search_and_stop_at_the_cap(make_store, sample_dir) -> None:
    store = make_store()
    for i, pdf in enumerate(sample_pdfs(sample_dir)):
        store.add_pack(pack_input(pdf, seed=i))
    texts = [f"{p.item_title or ''} {p.text}".lower() for p in _all(store)]
    holding = sum(1 for t in texts if "carer" in t)  # "carer", "carers": one stem
    assert holding > 5
    got = store.word_doc_counts(["carers", "carer", "zzyzx"], cap=10_000)
    assert got == {"carers": holding, "carer": holding, "zzyzx": 0}
    assert store.word_doc_counts(["carers"], cap=3) == {"carers": 4}  # counting stops at cap+1


def test_item_passages_are_the_items_own_in_page_order(make_store, sample_dir) -> None:
    store = make_store()
    pdf = sample_pdfs(sample_dir)[0]
    added = store.add_pack(pack_input(pdf))
    mine = [p for p in _all(store) if p.pack == added.pack_id and p.kind == "report"]
    item = mine[0]
    got = store.item_passages(added.pack_id, item.agenda_item, item.item_title, 3)
    assert 1 <= len(got) <= 3
    assert all(p.agenda_item == item.agenda_item or p.item_title == item.item_title for p in got)
    assert [p.id for p in got] == sorted(p.id for p in got)
    assert got[0].id == min(
        p.id
        for p in _all(store)
        if p.pack == added.pack_id
        and (p.agenda_item == item.agenda_item or p.item_title == item.item_title)
    )


def test_kind_filter_takes_several_kinds(make_store, sample_dir) -> None:
    store = make_store()
    for i, pdf in enumerate(sample_pdfs(sample_dir)):
        store.add_pack(pack_input(pdf, seed=i))
    both = ("resolution", "recommendation")
    want = {p.id for p in _all(store) if p.kind in both}
    assert want
    hits = store.dense_search(unit_vectors(1, 9)[0], PassageFilter(kind=both), 1000)
    assert {h.passage_id for h in hits} == want


# ------------------------------------------------------------------ concurrency


def test_a_waiting_reader_gets_query_timeout_not_a_hang(make_store, monkeypatch) -> None:
    from service.store import sqlite as sqlite_mod

    monkeypatch.setattr(sqlite_mod, "READER_WAIT_S", 0.2)
    store = SQLiteStore(make_store().data_dir, readers=1)
    try:
        with store._read(), pytest.raises(QueryTimeoutError) as err:  # the only reader is busy
            store.counts()
        assert err.value.status == 503
        assert store.counts() == {"packs": 0, "passages": 0}  # and free again after
    finally:
        store.close()


def test_dense_searches_go_on_while_the_index_is_rebuilt(make_store, monkeypatch) -> None:
    """A rebuild (after an upload) is made beside the index in use and swapped in: searches
    meanwhile answer from the old index instead of waiting for it."""
    import threading
    import time

    store = make_store()
    pack = Pack(source="synthetic.pdf", sha256="d" * 64, page_count=1, meeting=_meeting())
    from service.index.passages import Passage

    passages = [Passage("page", f"text {i}", "Test Board", None, None, None, 1) for i in range(50)]
    vecs = unit_vectors(50, 5)
    store.add_pack(PackInput(pack, passages, vecs[:50], source_key="a"))
    store.refresh_vectors(save=False)
    assert store.dense_search(vecs[7], PassageFilter(), 1)[0].passage_id == 8

    started, release = threading.Event(), threading.Event()
    slow_batches = store._vector_batches

    def held_batches(after_id: int):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        yield from slow_batches(after_id)

    monkeypatch.setattr(vectors_mod.VectorIndex, "_needs_rebuild", lambda self, st, src: True)
    monkeypatch.setattr(store, "_vector_batches", held_batches)
    pack2 = Pack(source="more.pdf", sha256="c" * 64, page_count=1, meeting=_meeting())
    store.add_pack(PackInput(pack2, passages[:5], unit_vectors(5, 6), source_key="b"))
    rebuild = threading.Thread(target=store.refresh_vectors, kwargs={"save": False})
    rebuild.start()
    try:
        assert started.wait(10)
        t = time.perf_counter()
        hits = store.dense_search(vecs[7], PassageFilter(), 1)
        waited = time.perf_counter() - t
    finally:
        release.set()
        rebuild.join(30)
    assert hits[0].passage_id == 8 and waited < 5  # answered from the old index
    assert store.vectors.size == 55  # the rebuilt one is in place now


def test_kept_keyword_rankings_equal_fresh_ones_and_follow_the_store(
    make_store, sample_dir
) -> None:
    """A /search reads its keyword ranking twice (results, then deeper for the facets): the
    second is served from the first's, read deep once; it is exactly what a store with
    nothing kept ranks, at every depth, and a pack added is seen at once."""
    store = make_store()
    first, *rest = sample_pdfs(sample_dir)
    store.add_pack(pack_input(first))
    queries = [
        (KeywordQuery(terms=["children", "care"]), PassageFilter()),
        (KeywordQuery(terms=["foster", "carers"]), PassageFilter(kind="report")),
        (KeywordQuery(phrases=[["the", "committee"]]), PassageFilter()),
    ]

    def fresh(q: KeywordQuery, f: PassageFilter, limit: int) -> list[tuple[int, float]]:
        other = SQLiteStore(store.data_dir)  # its own connections: nothing kept
        try:
            return [(h.passage_id, h.score) for h in other.keyword_search(q, f, limit)]
        finally:
            other.close()

    def ranked(q: KeywordQuery, f: PassageFilter, limit: int) -> list[tuple[int, float]]:
        return [(h.passage_id, h.score) for h in store.keyword_search(q, f, limit)]

    for rounds in range(2):
        for q, f in queries:
            shallow, deep = ranked(q, f, 5), ranked(q, f, 400)
            assert shallow == fresh(q, f, 5) and deep == fresh(q, f, 400)
            assert len(deep) > 5 and deep[:5] == shallow
        if rounds == 0:
            for i, pdf in enumerate(rest, start=1):
                store.add_pack(pack_input(pdf, seed=i))  # moves the store's version


def _index_term_counts(store: SQLiteStore) -> dict[str, int]:
    """Per term, the passages holding it, counted afresh from the full-text index."""
    con = sqlite3.connect(store.db_path)
    try:
        con.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab('main', 'passages_fts', 'row')")
        return dict(con.execute("SELECT term, doc FROM temp.v").fetchall())
    finally:
        con.close()


def _kept_term_counts(store: SQLiteStore) -> dict[str, int]:
    con = sqlite3.connect(store.db_path)
    try:
        return dict(con.execute("SELECT term, df FROM terms").fetchall())
    finally:
        con.close()


WORDS = ["carers", "children", "the", "foster", "committee", "zzyzx", "Hampshire", "2024"]


def _index_word_counts(store: SQLiteStore, cap: int) -> dict[str, int]:
    with store._read() as r:
        return {w: store._capped_count(r, f'"{w}"', cap) for w in WORDS}


def test_kept_word_counts_stay_exact_through_add_replace_and_delete(make_store, sample_dir) -> None:
    store = make_store()
    pdfs = sample_pdfs(sample_dir)
    added = [store.add_pack(pack_input(pdf, seed=i)) for i, pdf in enumerate(pdfs)]
    counts = _index_term_counts(store)
    assert len(counts) > 500 and _kept_term_counts(store) == counts
    for cap in (3, 50_000):
        assert store.word_doc_counts(WORDS, cap) == _index_word_counts(store, cap)
    # a changed file at the same source replaces its pack: old counts out, new in
    store.add_pack(pack_input(pdfs[1], source_key=str(pdfs[0].resolve()), seed=7))
    assert _kept_term_counts(store) == _index_term_counts(store)
    store.delete_pack(added[-1].pack_id)
    assert _kept_term_counts(store) == _index_term_counts(store)
    assert store.word_doc_counts(WORDS, 50_000) == _index_word_counts(store, 50_000)


def test_word_counts_of_a_store_changed_without_them_are_counted_then_rebuilt(
    make_store, sample_dir, monkeypatch
) -> None:
    store = make_store()
    for i, pdf in enumerate(sample_pdfs(sample_dir)[:2]):
        store.add_pack(pack_input(pdf, seed=i))
    want = _index_word_counts(store, 50_000)
    store.close()
    con = sqlite3.connect(store.db_path)  # as an older version leaves it after a change
    con.execute("DELETE FROM terms WHERE term IN ('carer', 'children')")
    con.execute("UPDATE meta SET value = 'older' WHERE key = 'terms'")
    con.commit()
    con.close()
    # opened by a version that does not rebuild them: counted from the index, as before
    monkeypatch.setattr(SQLiteStore, "_backfill_terms", lambda self: None)
    stale = SQLiteStore(store.data_dir)
    monkeypatch.undo()
    try:
        assert stale.word_doc_counts(WORDS, 50_000) == want
    finally:
        stale.close()
    reopened = SQLiteStore(store.data_dir)  # rebuilt on open
    try:
        assert _kept_term_counts(reopened) == _index_term_counts(reopened)
        assert reopened.word_doc_counts(WORDS, 50_000) == want
    finally:
        reopened.close()
