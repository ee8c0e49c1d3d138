"""The store keeps each pack's commitments (promised updates) in their own table: stored with
the pack in its transaction, listed by body, gone when the pack is replaced or deleted."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

import pytest

from extract.enrich.commitments import find_commitments
from extract.model import Pack
from service.index.passages import build_passages
from service.index.passages import pack_input as make_pack_input
from service.store import PackInput, pack_id_for
from service.store.base import commitment_records
from tests.test_store import _sample_pack, sample_pdfs, unit_vectors

JAN = "borsetshire-childrens-services-scrutiny-2024-01-15.pdf"


def _with_commitments(pdf: Path) -> Pack:
    pack = copy.deepcopy(_sample_pack(str(pdf)))
    pack.commitments = find_commitments(pack)
    assert pack.commitments, f"{pdf.name} promises nothing?"
    return pack


def _input(pack: Pack, pdf: Path, source_key: str | None = None) -> PackInput:
    passages = build_passages(pack, pack_id_for(pack.sha256))
    return make_pack_input(
        pack=pack,
        passages=passages,
        vectors=unit_vectors(len(passages)),
        source_key=source_key or str(pdf.resolve()),
        pdf=pdf,
    )


def test_commitments_are_stored_with_the_meeting_they_were_made_at(
    make_store, sample_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    pdf = sample_dir / JAN
    if not pdf.exists():
        pytest.skip("the sample packs are not generated")
    pack = _with_commitments(pdf)
    store = make_store()
    store.add_pack(_input(pack, pdf))
    stored = store.commitments()
    assert [c.text for c in stored] == [c.text for c in commitment_records(pack, "x")]
    assert all(c.id > 0 and c.pack == pack_id_for(pack.sha256) for c in stored)
    transport = next(c for c in stored if "transport requests" in c.text)
    # the promise is in the minutes of 16 October 2023 printed in the January 2024 pack
    assert transport.meeting_date == "2023-10-16" and transport.due == "2024-03"
    assert transport.body == "Children's Services Scrutiny Committee"
    assert transport.source_kind == "resolution" and transport.page == 4
    fostering = next(c for c in stored if "Foster for Borsetshire" in c.text)
    assert fostering.meeting_date == "2024-01-15" and fostering.due == "2024-07"
    assert store.commitments("services scrutiny") == stored  # any case, a substring
    assert store.commitments("Cabinet") == []
    dates = [c.meeting_date or "" for c in stored]
    assert dates == sorted(dates)


def test_replacing_or_deleting_a_pack_removes_its_commitments(make_store, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    pdfs = sample_pdfs(sample_dir)
    store = make_store()
    first, second = (_with_commitments(p) for p in pdfs[:2])
    store.add_pack(_input(first, pdfs[0], source_key="same-place"))
    assert {c.pack for c in store.commitments()} == {pack_id_for(first.sha256)}
    store.add_pack(_input(second, pdfs[1], source_key="same-place"))  # a new version
    assert {c.pack for c in store.commitments()} == {pack_id_for(second.sha256)}
    store.delete_pack(pack_id_for(second.sha256))
    assert store.commitments() == []
    con = sqlite3.connect(store.db_path)
    try:
        assert con.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0
    finally:
        con.close()


def test_a_store_from_before_commitments_gets_them_once_when_opened(
    make_store, sample_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    pdf = sample_dir / JAN
    if not pdf.exists():
        pytest.skip("the sample packs are not generated")
    old = copy.deepcopy(_sample_pack(str(pdf)))  # indexed without them, as before
    store = make_store("old")
    store.add_pack(_input(old, pdf))
    path = store.db_path
    store.close()
    con = sqlite3.connect(path)  # as a store written before the table was filled
    try:
        con.execute("DELETE FROM commitments")
        con.execute("DELETE FROM meta WHERE key = 'commitments'")
        con.commit()
    finally:
        con.close()
    reopened = make_store("old")
    expected = [c.text for c in commitment_records(_with_commitments(pdf), "x")]
    assert [c.text for c in reopened.commitments()] == expected
    reopened.close()
    again = make_store("old")  # done once: not added twice
    assert len(again.commitments()) == len(expected)
