"""Nothing lost: ``boardpapers index`` over bad files and over every real file.

* the bad corpus (211 broken/odd PDFs): no traceback, every file indexed or failed with a one-line
  reason naming it, exit 1, the whole process tree under 2 GB;
* ../shared/real (27 council PDFs): indexed or refused with a reason; scanned pages are OCRed and
  marked ``ocr: true`` in the stored Pack JSON; without tesseract they are left out and the
  summary says which.

The indexer runs as a real subprocess (``python -m service.cli``), measured by a small wrapper
process whose RUSAGE_CHILDREN peak covers the indexer and its extraction workers.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extract.model import Pack
from extract.ocr import tesseract_path
from service.index.passages import build_passages
from service.store import open_store
from tests.badcorpus import make_bad_corpus

ROOT = Path(__file__).resolve().parent.parent
GB = 1024**3

_MEASURED = r"""
import json, resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux: KiB
print(json.dumps({"rc": proc.returncode, "out": proc.stdout, "err": proc.stderr, "peak": peak}))
"""


@dataclass(slots=True)
class IndexRun:
    rc: int
    summary: dict[str, Any]
    stderr: str
    peak_rss: int  # bytes: the largest process of the indexer's tree
    data_dir: Path


def run_index(
    data_dir: Path, *paths: Path, env: dict[str, str] | None = None, timeout: float = 1800
) -> IndexRun:
    cmd = [sys.executable, "-m", "service.cli", "--data-dir", str(data_dir), "index"]
    cmd += [*map(str, paths), "--json"]
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURED, *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=True,
    )
    got = json.loads(proc.stdout)
    summary = json.loads(got["out"]) if got["out"].strip() else {}
    return IndexRun(got["rc"], summary, got["err"], got["peak"], data_dir)


def stored_packs(data_dir: Path) -> dict[str, dict[str, Any]]:
    """Pack JSON of every stored pack, by pack id."""
    store = open_store(data_dir)
    try:
        return {r.id: store.pack_json(r.id) for r in store.list_packs()}
    finally:
        store.close()


def assert_every_file_accounted_for(run: IndexRun, names: set[str]) -> None:
    files = run.summary["files"]
    assert sorted(Path(f["file"]).name for f in files) == sorted(names)
    assert {f["status"] for f in files} <= {"indexed", "failed"}
    log = run.stderr.splitlines()
    for f in files:
        if f["status"] == "failed":
            reason = f["reason"]
            assert reason and "\n" not in reason and reason not in ("failure", "partial"), f
            # the progress log names the file with its reason on one line
            assert f"failed {f['file']}: {reason}" in log or any(
                line.endswith(f"failed {f['file']}: {reason}") for line in log
            ), f
        else:
            assert f["pack"] and f["passages"] >= 0, f


# ------------------------------------------------------------------ the bad corpus


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[IndexRun, dict[str, str]]:
    root = tmp_path_factory.mktemp("bad-index")
    kinds = make_bad_corpus(root / "bad")
    run = run_index(root / "data", root / "bad")
    print(f"\nbad corpus: peak RSS {run.peak_rss / 2**20:.0f} MiB, summary {counts(run)}")
    return run, kinds


def counts(run: IndexRun) -> dict[str, int]:
    return {k: run.summary.get(k, -1) for k in ("indexed", "skipped", "failed")}


@pytest.mark.slow
def test_bad_corpus_batch_exits_1_without_a_traceback(bad_run) -> None:  # type: ignore[no-untyped-def]
    run, _ = bad_run
    assert run.rc == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    # besides the progress log ("[k/n] ..." per file), nothing that looks like an error
    other = [line for line in run.stderr.splitlines() if not re.match(r"\[\d+/\d+\] ", line)]
    assert not [line for line in other if re.search(r"error|exception", line, re.I)], other


@pytest.mark.slow
def test_every_bad_file_is_indexed_or_failed_with_a_reason_naming_it(bad_run) -> None:  # type: ignore[no-untyped-def]
    run, kinds = bad_run
    assert_every_file_accounted_for(run, set(kinds))
    status = {Path(f["file"]).name: f["status"] for f in run.summary["files"]}
    for name, kind in kinds.items():
        if kind in ("good", "encrypted_empty", "bad_metadata"):
            assert status[name] == "indexed", name
        if kind in ("random", "empty", "html", "encrypted", "zero_pages", "blank_pages"):
            assert status[name] == "failed", name


@pytest.mark.slow
def test_packs_indexed_from_the_bad_corpus_are_whole_in_the_store(bad_run) -> None:  # type: ignore[no-untyped-def]
    run, _ = bad_run
    indexed = {f["pack"]: f["passages"] for f in run.summary["files"] if f["status"] == "indexed"}
    packs = stored_packs(run.data_dir)
    assert set(packs) == set(indexed)
    for pack_id, data in packs.items():
        assert len(build_passages(Pack.from_dict(data), pack_id)) == indexed[pack_id]
    assert sorted(p.name for p in (run.data_dir / "pdfs").iterdir()) == sorted(
        f"{d['sha256']}.pdf" for d in packs.values()
    )


@pytest.mark.slow
def test_no_bad_file_takes_the_indexer_over_2gb(bad_run) -> None:  # type: ignore[no-untyped-def]
    run, _ = bad_run
    assert 0 < run.peak_rss < 2 * GB


# ------------------------------------------------------------------ the real files


def scanned_files(real_dir: Path) -> list[Path]:
    """Files the manifest lists without a full text layer (scanned, or partly)."""
    with (real_dir / "MANIFEST.tsv").open(newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return sorted(real_dir / r["filename"] for r in rows if r["text_layer"].strip() != "yes")


@pytest.fixture(scope="module")
def real_run(real_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> IndexRun:
    """All real files indexed once per session, with tesseract (heavy: OCR + embedding)."""
    if tesseract_path() is None:
        pytest.skip("tesseract-ocr is not installed (scripts/setup.sh installs it)")
    run = run_index(tmp_path_factory.mktemp("real-index") / "data", real_dir)
    print(f"\nreal files: peak RSS {run.peak_rss / 2**20:.0f} MiB, summary {counts(run)}")
    return run


@pytest.mark.slow
@pytest.mark.shared
def test_every_real_file_is_indexed_or_refused_with_a_reason(real_run, real_dir: Path) -> None:  # type: ignore[no-untyped-def]
    names = {p.name for p in real_dir.glob("*.pdf")}
    assert len(names) >= 27
    assert "Traceback" not in real_run.stderr
    assert_every_file_accounted_for(real_run, names)
    assert real_run.rc == (1 if real_run.summary["failed"] else 0)
    assert real_run.summary["indexed"] >= len(names) - 2  # refusals are the exception
    assert real_run.peak_rss < 2 * GB


@pytest.mark.slow
@pytest.mark.shared
def test_scanned_pages_are_ocred_and_marked_in_the_stored_pack_json(
    real_run, real_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    scanned = {p.name for p in scanned_files(real_dir)}
    assert scanned
    packs = stored_packs(real_run.data_dir)
    by_source = {Path(d["source"]).name: d for d in packs.values()}
    for name in scanned:
        assert name in by_source, f"{name} was not indexed"
        pages = by_source[name]["pages"]
        ocred = [p for p in pages if p.get("ocr")]
        assert len(ocred) >= len(pages) // 2, (name, len(ocred), len(pages))
        assert any(p["text"].strip() for p in ocred), name
    # and only scanned pages are OCRed
    for name, data in by_source.items():
        if name not in scanned:
            assert not any(p.get("ocr") for p in data["pages"]), name


@pytest.mark.shared
def test_without_tesseract_scanned_pages_are_left_out_and_the_summary_says_so(
    real_dir: Path, tmp_path: Path
) -> None:
    scanned = scanned_files(real_dir)
    assert scanned
    # a PATH without tesseract: as where OCR is not installed
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    run = run_index(tmp_path / "data", *scanned, env=env, timeout=900)
    assert "Traceback" not in run.stderr
    assert_every_file_accounted_for(run, {p.name for p in scanned})
    packs = {d["sha256"][:16]: d for d in stored_packs(run.data_dir).values()}
    for f in run.summary["files"]:
        if f["status"] == "indexed":
            # indexed from its text pages only; the summary lists the pages not OCRed
            assert any("tesseract is not installed" in w for w in f["warnings"]), f
            pages = {p["number"]: p for p in packs[f["pack"]]["pages"]}
            assert not any(p.get("ocr") for p in pages.values())
            skipped = re.search(r"pages not OCRed: ([\d, ]+)", " ".join(f["warnings"]))
            assert skipped, f
            numbers = {int(n) for n in skipped[1].replace(" ", "").split(",") if n}
            assert numbers and all(not pages[n]["text"].strip() for n in numbers)
        else:  # nothing but scanned pages: refused, saying why
            assert "tesseract is not installed" in f["reason"], f
    assert run.summary["indexed"] >= 1  # a partly scanned file keeps its text pages
