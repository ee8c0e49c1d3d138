"""The indexer's worker pool: structure, enrichment and embedding chunks as separate tasks.

* each stored passage gets its own vector (chunks finish out of order, texts are sorted);
* what is stored is what ``extract`` alone gives (enrichment run as its own task);
* a passage text repeated across packs is embedded once;
* a file that kills its worker fails with a reason, the rest of the batch is indexed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import service.index.scheduler as scheduler_module
from extract import ExtractResult, ExtractSettings, extract
from extract.model import Pack
from service.index.embed import TorchEmbedder
from service.index.indexer import Indexer
from service.index.passages import Passage, build_passages
from service.store import open_store


def stored(store, pack_id: str) -> tuple[list[Passage], np.ndarray]:  # type: ignore[no-untyped-def]
    """The pack's passages rebuilt from its stored JSON, and its stored vectors, in order."""
    passages = build_passages(Pack.from_dict(store.pack_json(pack_id)), pack_id)
    ids = [p.id for batch in store.iter_passages() for p in batch if p.pack == pack_id]
    vectors = store.vectors_for(ids)
    return passages, np.stack([vectors[i] for i in ids])


def samples(sample_dir: Path) -> list[Path]:
    pdfs = sorted(sample_dir.glob("*.pdf"))
    assert len(pdfs) >= 2, (
        f"the sample packs are committed in {sample_dir} (corpora/make_sample.py)"
    )
    return pdfs


class RecordingEmbedder:
    """Deterministic stand-in: a vector from each text's hash; records what it was asked."""

    dim = 384
    name = "recording"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.asked.extend(texts)
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows) if rows else np.zeros((0, 384), np.float32)


@pytest.mark.parametrize("backend", ["onnx-float", "torch-bf16"])
def test_pooled_indexing_stores_each_passage_its_own_vector(
    corpus_dir: Path, tmp_path: Path, backend: str
) -> None:
    """torch-bf16 also proves a worker brings torch back in after keeping it from spaCy."""
    pdf = sorted(corpus_dir.glob("*.pdf"))[0]
    store = open_store(tmp_path / "data")
    try:
        indexer = Indexer(store, workers=2, passage_backend=backend)
        summary = indexer.run([pdf])
        assert summary.ok and indexer.passage_model().backend == backend
        passages, vectors = stored(store, summary.files[0].pack or "")
    finally:
        store.close()
    assert len(passages) == len(vectors) > 100  # many chunks, on both workers
    expected = TorchEmbedder().encode([p.embed_text() for p in passages])
    cosine = (vectors * expected).sum(axis=1) / np.linalg.norm(vectors, axis=1)
    assert cosine.min() >= 0.999, cosine.min()


def test_pooled_indexing_stores_the_pack_extract_gives(sample_dir: Path, tmp_path: Path) -> None:
    pdf = samples(sample_dir)[0]
    store = open_store(tmp_path / "data")
    try:
        summary = Indexer(store, embedder=RecordingEmbedder(), workers=2).run([pdf])
        pack_id = summary.files[0].pack or ""
        got, status = store.pack_json(pack_id), store.pack_record(pack_id).status
    finally:
        store.close()
    want = extract(pdf)
    assert want.pack is not None and want.pack.entities  # enrichment ran: entities were found
    assert got == want.pack.to_dict()
    assert status == want.status.value


def test_passage_text_repeated_across_packs_is_embedded_once(
    sample_dir: Path, tmp_path: Path
) -> None:
    pdf = samples(sample_dir)[0]
    # the same pack twice as two files (one trailing byte apart): every passage text repeats
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(pdf.read_bytes() + b"\n")
    embedder = RecordingEmbedder()
    store = open_store(tmp_path / "data")
    try:
        summary = Indexer(store, embedder=embedder, workers=0).run([pdf, copy])
        assert summary.count("indexed") == 2
        (pa, va), (pb, vb) = (stored(store, f.pack or "") for f in summary.files)
    finally:
        store.close()
    texts = {p.embed_text() for p in pa}
    assert len(embedder.asked) == len(set(embedder.asked)) == len(texts)
    assert [p.embed_text() for p in pb] == [p.embed_text() for p in pa]
    assert np.array_equal(va, vb)
    assert np.allclose(va, RecordingEmbedder().encode([p.embed_text() for p in pa]), atol=1e-3)


def structure_or_die(path: str, settings: ExtractSettings) -> ExtractResult:
    """Runs in a worker (imported there by name): a file named crash-*.pdf kills it."""
    if Path(path).name.startswith("crash-"):
        os._exit(3)
    return extract(Path(path), settings.replace(enrich=False))


def test_file_that_kills_its_worker_fails_and_the_rest_is_indexed(
    sample_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = samples(sample_dir)[:2]
    crash = tmp_path / "crash-me.pdf"
    crash.write_bytes(good[0].read_bytes() + b"\n")
    monkeypatch.setattr(scheduler_module, "structure_task", structure_or_die)
    store = open_store(tmp_path / "data")
    try:
        summary = Indexer(store, embedder=RecordingEmbedder(), workers=2).run(
            [good[0], crash, good[1]]
        )
        stored_sources = sorted(r.source for r in store.list_packs())
    finally:
        store.close()
    outcomes = {Path(f.file).name: f for f in summary.files}
    assert outcomes["crash-me.pdf"].status == "failed"
    assert outcomes["crash-me.pdf"].reason == "extraction crashed the worker process"
    assert [outcomes[p.name].status for p in good] == ["indexed", "indexed"]
    assert stored_sources == sorted(p.name for p in good)
