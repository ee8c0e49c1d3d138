"""Files that are not readable packs: refused with one line naming the file and the reason.

Every file is generated in tmp_path: random bytes, an empty file, an HTML page saved as .pdf,
PDFs cut short at several points, a password-protected PDF and a PDF with no pages. The CLI
exits non-zero with exactly one line on stderr; the Python API returns FAILURE and never raises.
A cut-off PDF that pdfium can still partly open must come back PARTIAL or FAILURE with a reason.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from extract import ExtractSettings, Status, extract
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ExtractSettings(ocr=False, enrich=False)


def _pack_pdf(encrypt: StandardEncryption | None = None) -> bytes:
    """A small two-page pack with a text layer, made here."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    for n, text in enumerate(["Meeting Finance Panel", "1. APOLOGIES FOR ABSENCE"], start=1):
        c.drawString(72, 780, text)
        c.drawString(280, 40, f"Page {n}")
        c.showPage()
    c.save()
    return buf.getvalue()


def _zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree has no kids."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


BAD: dict[str, tuple[Callable[[], bytes], str]] = {
    "random-bytes.pdf": (lambda: os.urandom(4096), "not a PDF"),
    "empty.pdf": (lambda: b"", "empty"),
    "html-page.pdf": (
        lambda: b"<!DOCTYPE html>\n<html><head><title>Agenda</title></head><body>404</body></html>",
        "not a PDF",
    ),
    "encrypted.pdf": (lambda: _pack_pdf(StandardEncryption("secret", canPrint=0)), "encrypted"),
    "zero-pages.pdf": (_zero_page_pdf, "zero pages"),
    "cut-in-half.pdf": (lambda: _pack_pdf()[: len(_pack_pdf()) // 2], "truncated"),
}


def _cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", str(path), "--no-enrich"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(BAD))
def test_api_returns_failure_with_reason_for_bad_file(tmp_path: Path, name: str) -> None:
    make, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(make())
    result = extract(path, SETTINGS)
    assert result.status is Status.FAILURE and result.pack is None
    assert reason in result.reason and "\n" not in result.reason


@pytest.mark.parametrize("name", sorted(BAD))
def test_cli_exits_nonzero_with_one_line_naming_file_and_reason(tmp_path: Path, name: str) -> None:
    make, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(make())
    proc = _cli(path)
    assert proc.returncode != 0
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0] and reason in lines[0]


def _cuts(size: int) -> list[int]:
    """Cut points from the first bytes to just short of the end marker."""
    return sorted({10, 600, size // 4, size // 2, (size * 9) // 10, size - 200, size - 3})


def _truncation_sources() -> list[Path]:
    return sorted(CORPUS.glob("*.pdf"))[:1] if CORPUS.is_dir() else []


def test_truncated_pack_is_refused_or_partial_never_raises(tmp_path: Path) -> None:
    data = _pack_pdf()
    for cut in _cuts(len(data)):
        path = tmp_path / f"cut-{cut}.pdf"
        path.write_bytes(data[:cut])
        result = extract(path, SETTINGS)
        assert result.status in (Status.FAILURE, Status.PARTIAL), cut
        assert result.reason and "\n" not in result.reason


@pytest.mark.shared
@pytest.mark.parametrize("source", _truncation_sources(), ids=lambda p: p.name)
def test_truncated_real_pack_is_refused_or_partial_and_cli_agrees(
    tmp_path: Path, source: Path
) -> None:
    data = source.read_bytes()
    for cut in _cuts(len(data)):
        path = tmp_path / f"cut-{cut}.pdf"
        path.write_bytes(data[:cut])
        result = extract(path, SETTINGS)
        assert result.status in (Status.FAILURE, Status.PARTIAL), cut
        if result.status is Status.PARTIAL:
            assert "truncated" in result.reason
            continue
        proc = _cli(path)
        lines = proc.stderr.splitlines()
        assert proc.returncode != 0 and len(lines) == 1 and str(path) in lines[0], cut


def test_cli_output_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`boardpapers ... | head` closes the pipe before the output ends: the command stops with
    the shell's SIGPIPE status (141) and no traceback. The reading end is closed before the
    command starts, so the very first write fails, whatever the pipe's buffer size."""
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(_pack_pdf())
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "service.cli", "extract", "--no-enrich", "--no-ocr", str(pdf)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(write_end)
    stderr = proc.stderr.decode()
    assert proc.returncode == 141, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
