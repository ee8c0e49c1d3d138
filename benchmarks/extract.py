"""Extraction speed: boardpapers `extract` (no enrichment) vs pdfplumber's bare extract_text.

    python -m benchmarks.extract [PDF ...]      (default: ../shared/corpus/*.pdf)

Prints pages/s for each pack and the ratio. Target: ratio >= 5.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber

from benchmarks.common import best_of, pdfs_and_repeat
from extract import ExtractSettings, extract


def plumber_text(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_text() or "") for p in pdf.pages)


def main(argv: list[str] | None = None) -> int:
    args = pdfs_and_repeat(__doc__, argv, 3)
    pdfs = args.pdfs
    if not pdfs:
        print("no PDFs to benchmark", file=sys.stderr)
        return 1
    settings = ExtractSettings(enrich=False, tables=False, ocr=False)
    extract(pdfs[0], settings)  # warm imports
    print(f"{'pack':58} {'pages':>5} {'extract p/s':>12} {'pdfplumber p/s':>15} {'ratio':>6}")
    tot_pages = tot_ours = tot_plumber = 0.0
    for pdf in pdfs:
        result = extract(pdf, settings)
        pages = result.pack.page_count if result.pack else 0
        ours = best_of(lambda p=pdf: extract(p, settings), args.repeat)
        plumber = best_of(lambda p=pdf: plumber_text(p), 1)
        tot_pages += pages
        tot_ours += ours
        tot_plumber += plumber
        print(
            f"{pdf.name[:58]:58} {pages:5d} {pages / ours:12.1f} {pages / plumber:15.1f}"
            f" {plumber / ours:6.1f}x"
        )
    print(
        f"{'TOTAL':58} {int(tot_pages):5d} {tot_pages / tot_ours:12.1f}"
        f" {tot_pages / tot_plumber:15.1f} {tot_plumber / tot_ours:6.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
