"""The Store contract, on both backends (SQLite and PostgreSQL + pgvector): the same calls
give the same answers. Real packs (the sample PDFs), real stores; the PostgreSQL one is
started by the session (``pg_server`` in conftest)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from service.errors import NotFoundError, PackNotFoundError, StoreError
from service.store import KeywordQuery, PassageFilter, pack_id_for
from tests.test_store import _sample_pack, pack_input, sample_pdfs, unit_vectors


def _pack_ids(store, hits) -> set[str]:  # type: ignore[no-untyped-def]
    found = store.passages([h.passage_id for h in hits])
    return {p.pack for p in found.values()}


def test_a_pack_reads_back_as_stored(backend_store, sample_dir) -> None:
    store = backend_store
    pdf = sample_pdfs(sample_dir)[0]
    item = pack_input(pdf)
    added = store.add_pack(item)
    assert added.passages == len(item.passages) > 0 and added.replaced == []
    assert store.pack_id_by_sha(item.pack.sha256) == added.pack_id
    assert store.counts() == {"packs": 1, "passages": len(item.passages)}
    record = store.pack_record(added.pack_id)
    assert record.sha256 == item.pack.sha256 and record.passages == len(item.passages)
    assert [r.id for r in store.list_packs()] == [added.pack_id]
    assert store.pack_json(added.pack_id) == item.pack.to_dict()
    both = store.pack_jsons([added.pack_id, "0000000000000000", added.pack_id])
    assert both == {added.pack_id: item.pack.to_dict()} and store.pack_jsons([]) == {}
    assert store.pack_pdf(added.pack_id).read_bytes() == pdf.read_bytes()
    (meeting,) = store.meetings()
    assert meeting["pack"] == added.pack_id and meeting["counts"]["passages"] == added.passages
    stored = [p for batch in store.iter_passages(batch=7) for p in batch]
    assert [p.to_dict() for p in stored] == [p.to_dict() for p in item.passages]
    by_id = store.passages([p.id for p in stored[:5]] + [10**9])
    assert sorted(by_id) == sorted(p.id for p in stored[:5])
    first = stored[0]
    same_item = store.item_passages(first.pack, first.agenda_item, first.item_title, 3)
    assert same_item and same_item[0].id == first.id
    assert [p.id for p in same_item] == sorted(p.id for p in same_item)
    with pytest.raises(PackNotFoundError):
        store.pack_json("0000000000000000")
    with pytest.raises(NotFoundError):
        store.pack_pdf("0000000000000000")


def test_same_file_is_skipped_by_hash_and_a_changed_one_replaces(backend_store, sample_dir):  # type: ignore[no-untyped-def]
    store = backend_store
    a, b = sample_pdfs(sample_dir)[:2]
    first = store.add_pack(pack_input(a, source_key="/council/agenda.pdf"))
    again = store.add_pack(pack_input(a, source_key="/elsewhere/renamed.pdf"))
    assert again.pack_id == first.pack_id and again.passages == 0
    assert store.counts()["packs"] == 1
    new = store.add_pack(pack_input(b, source_key="/council/agenda.pdf", seed=1))
    assert new.replaced == [first.pack_id]
    assert [r.id for r in store.list_packs()] == [new.pack_id]
    with pytest.raises(PackNotFoundError):
        store.pack_json(first.pack_id)
    store.refresh_vectors()
    probe = unit_vectors(1, 7)[0]
    assert _pack_ids(store, store.dense_search(probe, PassageFilter(), 50)) == {new.pack_id}
    assert store.counts()["passages"] == new.passages


def test_a_failure_mid_pack_stores_nothing_of_it(backend_store, sample_dir, monkeypatch):  # type: ignore[no-untyped-def]
    store = backend_store
    first, second = sample_pdfs(sample_dir)[:2]
    kept = store.add_pack(pack_input(first))

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk full (simulated)")

    # the acronyms are written after the pack row and its passages, in the same transaction
    monkeypatch.setattr(type(store), "_insert_acronyms", staticmethod(boom))
    item = pack_input(second)
    with pytest.raises(StoreError):
        store.add_pack(item)
    monkeypatch.undo()
    assert [r.id for r in store.list_packs()] == [kept.pack_id]
    assert store.counts() == {"packs": 1, "passages": kept.passages}
    assert store.pack_id_by_sha(item.pack.sha256) is None
    words = item.passages[0].text.split()[:3]
    hits = store.keyword_search(KeywordQuery(phrases=[words]), PassageFilter(), 50)
    assert _pack_ids(store, hits) <= {kept.pack_id}


def _loaded(store, sample_dir):  # type: ignore[no-untyped-def]
    items = [pack_input(pdf, seed=n) for n, pdf in enumerate(sample_pdfs(sample_dir))]
    for item in items:
        store.add_pack(item)
    store.refresh_vectors()
    stored = [p for batch in store.iter_passages() for p in batch]
    return items, stored


def test_keyword_search_ranks_matches_and_applies_filters(backend_store, sample_dir) -> None:
    store = backend_store
    _, stored = _loaded(store, sample_dir)
    hits = store.keyword_search(KeywordQuery(terms=["youth", "centres"]), PassageFilter(), 10)
    assert hits and all(hits[i].score >= hits[i + 1].score for i in range(len(hits) - 1))
    found = store.passages([h.passage_id for h in hits])
    # stemmed as the passages were: "centres" finds "centre" too
    assert all("youth" in p.text.lower() or "centre" in p.text.lower() for p in found.values())
    # a phrase must appear in that order
    hits = store.keyword_search(KeywordQuery(phrases=[["youth", "centres"]]), PassageFilter(), 100)
    found = store.passages([h.passage_id for h in hits])

    def holds(p) -> bool:  # type: ignore[no-untyped-def]
        return "youth centre" in f"{p.item_title or ''} {p.text}".lower()

    assert found and all(holds(p) for p in found.values())
    expected = {p.id for p in stored if holds(p)}
    assert set(found) <= expected
    # filters are exact
    dated = sorted({p.meeting_date for p in stored if p.meeting_date})
    filt = PassageFilter(body="SCRUTINY", date_from=dated[-1], kind=("report", "resolution"))
    hits = store.keyword_search(KeywordQuery(terms=["youth", "council"]), filt, 100)
    for p in store.passages([h.passage_id for h in hits]).values():
        assert "scrutiny" in (p.body or "").lower() and p.kind in ("report", "resolution")
        assert p.meeting_date is not None and p.meeting_date >= dated[-1]
    assert store.keyword_search(KeywordQuery(terms=["zzyzxq"]), PassageFilter(), 10) == []


def test_dense_search_finds_a_stored_vector_and_filters_exactly(backend_store, sample_dir):  # type: ignore[no-untyped-def]
    store = backend_store
    items, stored = _loaded(store, sample_dir)
    by_text = {(p.pack, p.text): p for p in stored}
    target = items[1].passages[3]
    vec = np.asarray(items[1].vectors[3], dtype=np.float32)
    top = store.dense_search(vec, PassageFilter(), 5)
    want = by_text[(target.pack, target.text)]
    assert top[0].passage_id == want.id and top[0].score == pytest.approx(1.0, abs=1e-2)
    # the stored vectors read back (the relevance floor scores results with them)
    back = store.vectors_for([want.id])[want.id]
    assert back.dtype == np.float32 and float(back @ vec) == pytest.approx(1.0, abs=1e-2)
    assert back.shape == vec.shape and float(np.abs(back - vec).max()) < 1e-2
    # a selective filter: exactly the passages passing it, best first
    filt = PassageFilter(kind="resolution", date_to=want.meeting_date)
    passing = {
        p.id
        for p in stored
        if p.kind == "resolution" and p.meeting_date and p.meeting_date <= (want.meeting_date or "")
    }
    hits = store.dense_search(vec, filt, 200)
    assert {h.passage_id for h in hits} == passing
    assert all(hits[i].score >= hits[i + 1].score - 1e-6 for i in range(len(hits) - 1))
    assert store.dense_search(vec, PassageFilter(body="no such body"), 10) == []
    # by pack: only that pack's passages, by both rankings
    one = PassageFilter(packs=(want.pack,))
    assert _pack_ids(store, store.dense_search(vec, one, 50)) == {want.pack}
    kw = store.keyword_search(KeywordQuery(terms=["council", "youth"]), one, 50)
    assert kw and _pack_ids(store, kw) == {want.pack}
    assert store.dense_search(vec, PassageFilter(packs=()), 10) == []  # no pack: nothing


def test_word_counts_and_acronyms(backend_store, sample_dir) -> None:
    store = backend_store
    _, stored = _loaded(store, sample_dir)
    counts = store.word_doc_counts(["youth", "zzyzxq", "council"], cap=5)
    assert counts["zzyzxq"] == 0
    assert 0 < counts["youth"] <= 6 and counts["council"] == 6  # capped at cap + 1
    exact = store.word_doc_counts(["youth"], cap=10_000)["youth"]
    assert exact >= sum(1 for p in stored if "youth" in p.text.lower().split())
    table = store.acronym_table()
    assert all(a.isupper() and form for a, form in table.items())


def test_upload_jobs_are_kept_in_the_store(backend_store) -> None:
    store = backend_store
    job = {
        "id": "a" * 32,
        "file": "pack.pdf",
        "size": 10,
        "status": "queued",
        "progress": 0.0,
        "stage": "queued",
        "submitted_at": "2026-12-05T06:00:00+00:00",
        "owner": "host:1",
    }
    store.save_job(job)
    assert store.load_job("a" * 32)["status"] == "queued"
    assert [j["id"] for j in store.unfinished_jobs()] == ["a" * 32]
    store.save_job(
        {
            **job,
            "status": "done",
            "progress": 1.0,
            "pack": "p" * 16,
            "result": {"status": "indexed", "passages": 3},
        }
    )
    done = store.load_job("a" * 32)
    assert done["status"] == "done" and done["result"] == {"status": "indexed", "passages": 3}
    assert store.unfinished_jobs() == [] and store.load_job("b" * 32) is None
    for n in range(5):
        store.save_job({**job, "id": f"{n}" * 32, "status": "failed", "error": "bad"})
    store.prune_jobs(keep=2)
    kept = [n for n in range(5) if store.load_job(f"{n}" * 32)]
    assert kept == [3, 4] and store.load_job("a" * 32) is None


def test_delete_pack_removes_everything_it_added(backend_store, sample_dir) -> None:
    store = backend_store
    a, b = sample_pdfs(sample_dir)[:2]
    keep = store.add_pack(pack_input(a))
    gone = store.add_pack(pack_input(b, seed=3))
    store.delete_pack(gone.pack_id)
    assert store.counts() == {"packs": 1, "passages": keep.passages}
    assert store.pack_id_by_sha(_sample_pack(str(b)).sha256) is None
    with pytest.raises(PackNotFoundError):
        store.pack_record(gone.pack_id)


def test_derived_values_are_kept_until_packs_change(backend_store, sample_dir) -> None:
    """What the query layer computes from the store (its lexicon) is kept on the store and
    built again after a pack is added or removed (a replacement: the test below)."""
    store = backend_store
    a, b = sample_pdfs(sample_dir)[:2]
    builds: list[int] = []

    def build() -> int:
        builds.append(store.counts()["passages"])
        return len(builds)

    store.add_pack(pack_input(a))
    assert store.derived("probe", build) == store.derived("probe", build) == 1
    gone = store.add_pack(pack_input(b, seed=3))
    assert store.derived("probe", build) == 2 and store.derived("other", build) == 3
    assert store.derived("probe", build) == 2
    store.delete_pack(gone.pack_id)
    assert store.derived("probe", build) == 4 and store.derived("probe", build) == 4
    assert builds == [builds[0], builds[1], builds[1], builds[0]]


def test_a_replacement_of_the_same_size_moves_the_generation(backend_store, sample_dir) -> None:
    """A pack replaced by one with as many passages leaves the counts as they were; the
    generation (what values derived from the store are kept for) still moves."""
    store = backend_store
    a = sample_pdfs(sample_dir)[0]
    store.add_pack(pack_input(a, source_key="/council/agenda.pdf"))
    before, counts = store.generation(), store.counts()
    assert store.derived("probe", lambda: "old") == "old"
    item = pack_input(a, source_key="/council/agenda.pdf", seed=2)
    item.pack = dataclasses.replace(item.pack, sha256="f" * 64)  # same passages, "changed" file
    for p in item.passages:
        p.pack = pack_id_for(item.pack.sha256)
    added = store.add_pack(item)
    assert added.replaced and store.counts() == counts
    assert store.generation() != before
    assert store.derived("probe", lambda: "new") == "new"


def test_commitments_are_kept_listed_by_body_and_go_with_their_pack(
    backend_store, sample_dir
) -> None:  # type: ignore[no-untyped-def]
    from service.store.base import commitment_records
    from tests.test_store_commitments import _input, _with_commitments

    store = backend_store
    a, b = sample_pdfs(sample_dir)[:2]
    first, second = _with_commitments(a), _with_commitments(b)
    store.add_pack(_input(first, a, source_key="same-place"))
    stored = store.commitments()
    assert [c.text for c in stored] == [c.text for c in commitment_records(first, "x")]
    assert all(c.id > 0 for c in stored)
    assert store.commitments("SERVICES scrutiny") == stored and store.commitments("Cabinet") == []
    dates = [c.meeting_date or "" for c in stored]
    assert dates == sorted(dates)
    store.add_pack(_input(second, b, source_key="same-place"))  # a new version replaces it
    assert {c.pack for c in store.commitments()} == {_sample_pack(str(b)).sha256[:16]}
    store.delete_pack(_sample_pack(str(b)).sha256[:16])
    assert store.commitments() == []


def test_saved_searches_record_each_match_once_and_go_with_their_pack(
    backend_store, sample_dir
) -> None:  # type: ignore[no-untyped-def]
    """Saved searches (issue 14, the alerts): kept, each passage matched once per search,
    marked shown, removed with their pack or their search."""
    from service.errors import AlertNotFoundError
    from service.store.base import Alert

    store = backend_store
    from service.store.base import Store

    if type(store).add_alert is Store.add_alert:  # the base's "not supported" default
        pytest.skip(f"saved searches are not implemented in {type(store).__name__} yet")
    a, b = sample_pdfs(sample_dir)[:2]
    first = store.add_pack(pack_input(a))
    second = store.add_pack(pack_input(b, seed=3))
    alert = store.add_alert(Alert(id=0, query="youth centres", kind="report", date_from="2024"))
    assert (alert.query, alert.kind, alert.date_from, alert.matches) == (
        "youth centres",
        "report",
        "2024",
        0,
    )
    assert [x.id for x in store.alerts()] == [alert.id]
    ids = {
        pack: [p.id for batch in store.iter_passages() for p in batch if p.pack == pack][:3]
        for pack in (first.pack_id, second.pack_id)
    }
    hits = [(pid, 0.5) for pids in ids.values() for pid in pids]
    assert store.record_matches(alert.id, hits) == 6
    assert store.record_matches(alert.id, hits) == 0  # once per search and passage
    assert store.record_matches(alert.id, [(10**12, 0.1)]) == 0  # no such passage
    matches = store.alert_matches(alert.id, unseen=True)
    assert sorted(m.passage.id for m in matches) == sorted(pid for pid, _ in hits)
    store.mark_shown([matches[0].id])
    assert (store.alert(alert.id).matches, store.alert(alert.id).unseen) == (6, 5)
    assert len(store.alert_matches(alert.id, unseen=True)) == 5
    store.delete_pack(second.pack_id)  # its matches go with it
    assert {m.passage.pack for m in store.alert_matches(alert.id)} == {first.pack_id}
    store.delete_alert(alert.id)
    assert store.alerts() == []
    with pytest.raises(AlertNotFoundError):
        store.alert(alert.id)
    with pytest.raises(AlertNotFoundError):
        store.delete_alert(alert.id)
