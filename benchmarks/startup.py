"""Cold start of the command line: ``boardpapers extract --no-enrich`` on a 1-page PDF.

Each run is a fresh process (as a user types the command), timed from launch to exit;
the figure printed is the median and the best of ``--runs``. Target: under 1.5 s. It also
lists which heavy modules the command imported (``python -X importtime``): none of torch,
spaCy, sentence-transformers, faiss, fastapi or onnxruntime should be there.

    .venv/bin/python -m benchmarks.startup [--runs 7] [--pdf FILE]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample"
HEAVY = ("torch", "spacy", "sentence_transformers", "transformers", "faiss", "fastapi")
HEAVY += ("onnxruntime", "uvicorn")
TARGET_S = 1.5


def one_page_pdf(out: Path) -> Path:
    """The first page of the first sample pack, as its own PDF."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(sorted(SAMPLE.glob("*.pdf"))[0]))
    single = pdfium.PdfDocument.new()
    single.import_pages(source, [0])
    single.save(str(out))
    return out


def command(pdf: Path) -> list[str]:
    return [sys.executable, "-m", "service.cli", "extract", str(pdf), "--no-enrich"]


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t


def heavy_imports(cmd: list[str]) -> list[str]:
    proc = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    return sorted(n for n in names if n.split(".")[0] in HEAVY)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pdf", type=Path, help="a PDF (default: page 1 of a sample pack)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = args.pdf or one_page_pdf(Path(tmp) / "one-page.pdf")
        cmd = command(pdf)
        timed(cmd)  # warm the page cache: "cold" is a new process, not a cold disk
        times = [timed(cmd) for _ in range(args.runs)]
        heavy = heavy_imports(cmd)
    median = statistics.median(times)
    print(f"boardpapers extract --no-enrich (1 page), {args.runs} fresh processes:")
    print(f"  median {median:.3f} s, best {min(times):.3f} s (target < {TARGET_S} s)")
    print(f"  heavy modules imported: {', '.join(heavy) if heavy else 'none'}")
    return 0 if median < TARGET_S and not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
