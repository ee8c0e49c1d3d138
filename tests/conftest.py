"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BOARDPAPERS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
REAL = SHARED / "real"
SAMPLE = ROOT / "corpora" / "sample"


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
