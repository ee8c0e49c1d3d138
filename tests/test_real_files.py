"""Every real council PDF in ../shared/real is extracted or refused with a one-line reason.

House styles differ (Hampshire and Kent ModernGov, Merton 2009, a Welsh community council,
a Canadian township, a US city); scanned files have no text layer and, without OCR, fail
with "no text layer on pages ...". Nothing may raise.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract import ExtractSettings, Status, extract
from tests.structure_helpers import real_files, result_of

ROOT = Path(__file__).resolve().parent.parent
REAL_FILES = real_files()


def _without_text_layer() -> set[str]:
    """Files the manifest lists without a full text layer: scans, partial scans, and pages
    whose glyphs are drawn as vector outlines (no fonts, no images)."""
    manifest = REAL_FILES[0].parent / "MANIFEST.tsv" if REAL_FILES else None
    if manifest is None or not manifest.exists():
        return {p.name for p in REAL_FILES if "scanned" in p.name or "mixed" in p.name}
    with manifest.open(newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return {r["filename"] for r in rows if r["text_layer"].strip() != "yes"}


SCANNED = [p for p in REAL_FILES if p.name in _without_text_layer()]


def _is_scanned(path: Path) -> bool:
    return path in SCANNED


@pytest.mark.shared
@pytest.mark.parametrize("pdf", REAL_FILES, ids=lambda p: p.name)
def test_real_file_gives_a_pack_or_a_one_line_reason(pdf: Path) -> None:
    result = result_of(pdf)  # must not raise
    if result.status is Status.FAILURE:
        assert result.pack is None
        assert result.reason and "\n" not in result.reason
    else:
        assert result.pack is not None
        assert result.pack.page_count == len(result.pack.pages) > 0
        assert {p.number for p in result.pack.pages} == set(range(1, result.pack.page_count + 1))
        assert all(e.message and "\n" not in e.message for e in result.errors)


@pytest.mark.shared
@pytest.mark.parametrize("pdf", SCANNED, ids=lambda p: p.name)
def test_scanned_file_without_ocr_reports_pages_with_no_text_layer(pdf: Path) -> None:
    result = extract(pdf, ExtractSettings(ocr=False, enrich=False))
    assert result.status in (Status.FAILURE, Status.PARTIAL)
    assert "no text layer on pages " in result.reason


@pytest.mark.shared
@pytest.mark.parametrize("pdf", [p for p in REAL_FILES if not _is_scanned(p)], ids=lambda p: p.name)
def test_text_file_pages_all_have_text_or_are_fillers(pdf: Path) -> None:
    result = result_of(pdf)
    assert result.status is Status.SUCCESS, result.reason
    assert result.pack is not None
    blank = set(result.pack.blank_pages)
    assert all(p.has_text or p.number in blank for p in result.pack.pages)


@pytest.mark.shared
@pytest.mark.parametrize("pdf", [p for p in REAL_FILES if not _is_scanned(p)], ids=lambda p: p.name)
def test_documents_lie_inside_the_file_and_do_not_overlap(pdf: Path) -> None:
    result = result_of(pdf)
    assert result.pack is not None
    last = 0
    for doc in result.pack.documents:
        first, end = doc.pages
        assert last < first <= end <= result.pack.page_count
        assert doc.kind in ("minutes", "report", "other") and doc.title
        last = end


@pytest.mark.shared
def test_cli_refuses_scanned_file_without_ocr_with_one_line_naming_it() -> None:
    scanned = [p for p in SCANNED if "scanned" in p.name]
    if not scanned:
        pytest.skip("no fully scanned file in ../shared/real")
    pdf = scanned[0]
    # a PATH without tesseract: the CLI runs as it would where OCR is not installed
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    proc = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", str(pdf), "--no-enrich"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and str(pdf) in lines[0] and "no text layer on pages" in lines[0]
