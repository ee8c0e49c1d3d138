"""Shared by the structure-stage tests: packs with a truth file, cached extraction, fake pages."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extract import ExtractSettings, Status, extract
from extract.model import ExtractResult, Line, Pack, PageLayout
from tests.conftest import CORPUS, REAL, SAMPLE

NO_ENRICH = ExtractSettings(ocr=False, enrich=False)


def truth_cases() -> list[Path]:
    """Every PDF in ../shared/corpus and corpora/sample that has a .truth.json beside it."""
    out: list[Path] = []
    for folder in (CORPUS, SAMPLE):
        if folder.is_dir():
            out += [
                p for p in sorted(folder.glob("*.pdf")) if p.with_suffix(".truth.json").exists()
            ]
    return out


def real_files(pattern: str = "*.pdf") -> list[Path]:
    return sorted(REAL.glob(pattern)) if REAL.is_dir() else []


def real_file(name: str) -> Path:
    """A file of ../shared/real, or skip the test when it is absent."""
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@cache
def result_of(path: Path) -> ExtractResult:
    """extract() with OCR and enrichment off, once per file per test session."""
    return extract(path, NO_ENRICH)


def pack_of(path: Path) -> Pack:
    result = result_of(path)
    assert result.status is not Status.FAILURE and result.pack is not None, result.reason
    return result.pack


def truth_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".truth.json").read_text())
    return data


def fake_page(
    number: int,
    rows: list[tuple[float, float, str]],
    *,
    footer: str | None = None,
    stamp: str | None = None,
    size: float = 10.0,
) -> PageLayout:
    """A laid-out page from (x0, top, text) rows, for parser tests that need no PDF."""
    lines = [
        Line(text, number, (x0, top, x0 + 6.0 * len(text), top + size), size)
        for x0, top, text in rows
    ]
    return PageLayout(number, lines, stamp_item=stamp, footer_page=footer)


def fake_body_page(number: int, first: str, *, stamp: str | None = None) -> PageLayout:
    """A page of papers: a first line and some running text, with a "Page N" footer."""
    rows = [(72.0, 74.0, first)] + [
        (72.0, 100.0 + 14 * i, "Body text of the paper.") for i in range(5)
    ]
    return fake_page(number, rows, footer=str(number), stamp=stamp)
