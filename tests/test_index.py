"""Indexing: the CLI batch, skips, replacement, failures, and passages built from structure."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from extract.model import Pack
from service.cli import main
from service.index.indexer import Indexer
from service.index.passages import MAX_WORDS, build_passages, sentences, split_words
from service.store import open_store
from service.store.sqlite import SQLiteStore


def samples(sample_dir: Path) -> list[Path]:
    pdfs = sorted(sample_dir.glob("*.pdf"))
    assert len(pdfs) >= 2, (
        f"the sample packs are committed in {sample_dir} (corpora/make_sample.py)"
    )
    return pdfs


def run_index(data_dir: Path, *paths: Path, capsys, workers: int = 0) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    rc = main(
        [
            "--data-dir",
            str(data_dir),
            "index",
            *map(str, paths),
            "--json",
            "--workers",
            str(workers),
        ]
    )
    return rc, json.loads(capsys.readouterr().out)


def test_bad_files_in_batch_exit_1_and_good_ones_are_indexed(tmp_path, sample_dir, capsys) -> None:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    good = shutil.copy(samples(sample_dir)[0], folder / "nested" / "good.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    (folder / "empty.pdf").write_bytes(b"")
    rc, summary = run_index(tmp_path / "data", folder, capsys=capsys, workers=2)
    assert rc == 1
    assert (summary["indexed"], summary["failed"]) == (1, 2)
    failed = {
        Path(f["file"]).name: f["reason"] for f in summary["files"] if f["status"] == "failed"
    }
    assert set(failed) == {"broken.pdf", "empty.pdf"}
    assert all(reason and "\n" not in reason for reason in failed.values())
    store = open_store(tmp_path / "data")
    try:
        [record] = store.list_packs()
        assert record.source == Path(good).name and record.passages > 0
    finally:
        store.close()


def test_reindexing_the_same_file_skips_it(tmp_path, sample_dir, capsys) -> None:
    pdf = samples(sample_dir)[0]
    rc, first = run_index(tmp_path / "data", pdf, capsys=capsys)
    assert rc == 0 and first["indexed"] == 1
    rc, again = run_index(tmp_path / "data", pdf, capsys=capsys)
    assert rc == 0 and (again["indexed"], again["skipped"]) == (0, 1)
    assert again["files"][0]["pack"] == first["files"][0]["pack"]


def test_changed_file_replaces_its_old_version(tmp_path, sample_dir, capsys) -> None:
    a, b = samples(sample_dir)[:2]
    target = tmp_path / "agenda.pdf"
    shutil.copy(a, target)
    _, first = run_index(tmp_path / "data", target, capsys=capsys)
    shutil.copy(b, target)  # the council republished the file under the same name
    rc, second = run_index(tmp_path / "data", target, capsys=capsys)
    old_id, new_id = first["files"][0]["pack"], second["files"][0]["pack"]
    assert rc == 0 and old_id != new_id
    assert second["files"][0]["replaced"] == [old_id]
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "data"), "packs", "--json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)["packs"]] == [new_id]


def test_later_failure_loses_nothing_already_indexed(make_store, sample_dir, monkeypatch) -> None:
    store = make_store()
    first, second = samples(sample_dir)[:2]
    real_add = SQLiteStore.add_pack
    calls = {"n": 0}

    def add_then_fail(self, item):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("no space left on device (simulated)")
        return real_add(self, item)

    monkeypatch.setattr(SQLiteStore, "add_pack", add_then_fail)
    summary = Indexer(store, workers=0).run([first, second])
    assert (summary.count("indexed"), summary.count("failed")) == (1, 1)
    assert "no space left" in (summary.files[1].reason or "")
    assert len(store.list_packs()) == 1


def test_plain_log_lines_when_stderr_is_not_a_terminal(tmp_path, sample_dir, capsys) -> None:
    rc = main(
        ["--data-dir", str(tmp_path / "d"), "index", str(samples(sample_dir)[0]), "--workers", "0"]
    )
    out = capsys.readouterr()
    assert rc == 0
    assert "[1/1] indexed" in out.err and "1 indexed, 0 skipped, 0 failed" in out.out


# ------------------------------------------------------------------ passages


def corpus_packs(indexed_store) -> list[Pack]:  # type: ignore[no-untyped-def]
    return [Pack.from_dict(indexed_store.pack_json(r.id)) for r in indexed_store.list_packs()]


def test_minutes_passages_carry_the_date_of_the_meeting_they_record(indexed) -> None:
    checked = 0
    for pack in corpus_packs(indexed.store):
        minuted = {m.date for m in pack.minutes}
        for p in build_passages(pack):
            if p.kind in ("minutes", "resolution"):
                assert p.meeting_date in minuted and p.meeting_date != pack.meeting.date
                checked += 1
            elif p.kind in ("report", "recommendation", "agenda"):
                assert p.meeting_date == pack.meeting.date
    assert checked > 0


def test_passages_come_from_structure_with_every_kind(indexed) -> None:
    kinds = {p.kind for pack in corpus_packs(indexed.store) for p in build_passages(pack)}
    assert {"resolution", "recommendation", "minutes", "agenda", "report"} <= kinds


def test_report_sections_are_split_at_sentence_bounds(indexed) -> None:
    long_sections = 0
    for pack in corpus_packs(indexed.store):
        for rep in pack.reports:
            for sec in rep.sections:
                chunks = split_words(sec.text)
                assert all(len(c.split()) <= MAX_WORDS + 40 for c in chunks)
                assert sum(len(c.split()) for c in chunks) == len(sec.text.split())
                if len(sec.text.split()) > MAX_WORDS + 40:
                    long_sections += 1
                    assert len(chunks) >= 2
                    # every cut falls at a sentence end, unless one "sentence" outgrew a chunk
                    ends, total = set(), 0
                    for sentence in sentences(sec.text):
                        total += len(sentence.split())
                        ends.add(total)
                    cut = 0
                    for c in chunks[:-1]:
                        cut += len(c.split())
                        assert cut in ends or len(c.split()) == MAX_WORDS, c[-80:]
    assert long_sections > 0


def test_pack_without_structure_falls_back_to_page_passages(indexed) -> None:
    pack = corpus_packs(indexed.store)[0]
    bare = Pack(
        source=pack.source,
        sha256=pack.sha256,
        page_count=pack.page_count,
        meeting=pack.meeting,
        pages=pack.pages,
        blank_pages=pack.blank_pages,
    )
    passages = build_passages(bare, "x")
    assert passages and {p.kind for p in passages} == {"page"}
    text_pages = {p.number for p in pack.pages if p.text.strip()} - set(pack.blank_pages)
    assert {p.page for p in passages} == text_pages


def test_every_text_page_is_covered_by_some_passage(indexed) -> None:
    for pack in corpus_packs(indexed.store):
        passages = build_passages(pack)
        pages = {p.page for p in passages}
        text_pages = {p.number for p in pack.pages if p.text.strip()} - set(pack.blank_pages)
        # a page may hold only a continuation of the passage before it; allow that one page
        missing = [n for n in text_pages - pages if n - 1 not in pages]
        assert not missing, (pack.source, missing)
