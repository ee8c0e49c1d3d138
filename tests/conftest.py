"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BOARDPAPERS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
REAL = SHARED / "real"
SAMPLE = ROOT / "corpora" / "sample"


@pytest.fixture(autouse=True)
def _no_keyword_time_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process searches and answers are not cut by hybrid mode's keyword time limits
    (0.1 s a ranking, 0.03 s a phrase), which a loaded machine can miss: a cut answer is
    partial, so an assertion on its content would fail by load alone. What a cut does is
    tested with limits no query can meet (tests/test_answer.py); servers in subprocesses keep
    the real limits."""
    from service.query import search

    monkeypatch.setattr(search, "KEYWORD_TIMEOUT", 60.0)
    monkeypatch.setattr(search, "PHRASE_TIMEOUT", 60.0)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); skipping tests that need third-party files")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    return CORPUS


@pytest.fixture(scope="session")
def real_dir(shared_dir: Path) -> Path:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent")
    return REAL


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE


# ------------------------------------------------------------------ service (store, API)
# Appended by the service helper: a store factory, the three corpus packs indexed once per
# session, and API clients over a temp store.


@pytest.fixture
def make_store(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Factory: ``make_store(name="store")`` opens a fresh SQLiteStore under tmp_path."""
    from service.store import open_store

    opened = []

    def factory(name: str = "store"):  # type: ignore[no-untyped-def]
        store = open_store(tmp_path / name)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


@pytest.fixture(scope="session")
def indexed_dir(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the three corpus packs, indexed once per session."""
    return _indexed(corpus_dir, tmp_path_factory.mktemp("indexed-corpus"), 3)


def _indexed(src: Path, data_dir: Path, packs: int) -> Path:
    """``data_dir`` with the packs of ``src`` indexed, all ``packs`` of them."""
    from service.index.indexer import index_paths
    from service.store import open_store

    store = open_store(data_dir)
    try:
        summary = index_paths(store, [src], workers=2)
    finally:
        store.close()
    assert summary.ok and summary.count("indexed") == packs, summary.to_dict()
    return data_dir


@pytest.fixture(scope="session")
def indexed_store(indexed_dir: Path):  # type: ignore[no-untyped-def]
    from service.store import open_store

    store = open_store(indexed_dir)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(indexed_dir: Path):  # type: ignore[no-untyped-def]
    """TestClient over the indexed corpus store."""
    from fastapi.testclient import TestClient

    from service.web.api import create_app

    with TestClient(create_app(indexed_dir)) as c:
        yield c


@pytest.fixture
def make_client(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Factory: a TestClient over an empty temp store (no model warm-up)."""
    from fastapi.testclient import TestClient

    from service.web.api import create_app

    clients = []

    def factory(name: str = "api-store"):  # type: ignore[no-untyped-def]
        c = TestClient(create_app(tmp_path / name, warm=False))
        c.__enter__()
        clients.append(c)
        return c

    yield factory
    for c in clients:
        c.__exit__(None, None, None)


# ------------------------------------------------------------------ sample store (UI, uploads)
# Appended by the UI helper: the fictional sample packs, indexed once per session.


@pytest.fixture(scope="session")
def sample_indexed_dir(sample_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding the sample (Borsetshire) packs in corpora/sample, indexed once."""
    pdfs = sorted(sample_dir.glob("*.pdf"))
    assert pdfs, f"no sample packs in {sample_dir}: they are committed (corpora/make_sample.py)"
    return _indexed(sample_dir, tmp_path_factory.mktemp("indexed-sample"), len(pdfs))


# ------------------------------------------------------------------ either corpus
# Core tests run on the committed sample corpus (corpora/sample) and, as the wider net, on
# the three Hampshire packs in ../shared/corpus. What a test looks for in each lives in
# tests/corpus_cases.py, so a case is never missing from one corpus (no skip there).


@dataclass(frozen=True)
class IndexedCorpus:
    """One indexed corpus: its name, the PDFs it came from, the data dir and an open store."""

    name: str
    source_dir: Path
    data_dir: Path
    store: Any

    def case(self, key: str) -> Any:
        from tests.corpus_cases import CASES

        return CASES[self.name][key]

    @property
    def pdfs(self) -> list[Path]:
        return sorted(self.source_dir.glob("*.pdf"))


@pytest.fixture(
    scope="session",
    params=[pytest.param("sample"), pytest.param("corpus", marks=pytest.mark.shared)],
)
def indexed(request: pytest.FixtureRequest) -> Iterator[IndexedCorpus]:
    """The sample corpus always; the ../shared corpus too when it is present."""
    from service.store import open_store

    if request.param == "sample":
        source, data_dir = SAMPLE, request.getfixturevalue("sample_indexed_dir")
    else:
        source, data_dir = CORPUS, request.getfixturevalue("indexed_dir")
    store = open_store(data_dir)
    try:
        yield IndexedCorpus(request.param, source, data_dir, store)
    finally:
        store.close()


@pytest.fixture(scope="session")
def indexed_client(indexed: IndexedCorpus) -> Iterator[Any]:
    """TestClient over whichever corpus ``indexed`` holds."""
    from fastapi.testclient import TestClient

    from service.web.api import create_app

    with TestClient(create_app(indexed.data_dir)) as c:
        yield c


# ------------------------------------------------------------------ PostgreSQL (issue 13)
# One local PostgreSQL with pgvector per session (the pgserver wheel, in a temp dir); each
# test that asks gets a database of its own. Skipped, with the reason logged, only when
# pgserver cannot be imported.


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """The admin URL of a PostgreSQL started for this session (stopped at its end)."""
    import logging

    try:
        import pgserver  # noqa: F401
    except ImportError as exc:
        reason = f"pgserver cannot be imported ({exc}): PostgreSQL store tests skipped"
        logging.getLogger(__name__).warning(reason)
        pytest.skip(reason)
    import shutil
    import tempfile

    from service.store import local_postgres

    # not under pytest's own temp folder: a later pytest run (another engineer's, CI's)
    # makes that private again, and the server runs as its own user when we are root
    data_dir = Path(tempfile.mkdtemp(prefix="boardpapers-pg-"))
    state = local_postgres.start(data_dir)
    assert state.status == "running" and state.url, state
    yield state.url.replace(f"/{local_postgres.DATABASE}?", "/postgres?")
    local_postgres.stop(data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str):  # type: ignore[no-untyped-def]
    """The URL of a new, empty database (with the vector extension) on the session's
    PostgreSQL."""
    import secrets

    from service.store import local_postgres

    name = f"t_{secrets.token_hex(6)}"
    local_postgres.ensure_database(pg_server, name)
    return pg_server.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh store of each backend: the contract tests run on both."""
    from service.store import open_store

    url = None
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
    store = open_store(tmp_path / "data", url=url)
    yield store
    store.close()


@pytest.fixture(scope="module")
def sample_answerer(sample_indexed_dir: Path):  # type: ignore[no-untyped-def]
    """An Answerer over the sample store (one a test module)."""
    from service.query.answer import Answerer
    from service.store import open_store

    store = open_store(sample_indexed_dir)
    with Answerer(store) as answerer:
        yield answerer
    store.close()


@pytest.fixture(scope="module")
def sample_client(sample_indexed_dir: Path):  # type: ignore[no-untyped-def]
    """TestClient over the sample store (no model warm-up; one a test module)."""
    from fastapi.testclient import TestClient

    from service.web.api import create_app

    with TestClient(create_app(sample_indexed_dir, warm=False)) as c:
        yield c
