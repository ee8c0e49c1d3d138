"""Ingest throughput: the whole pipeline vs pdfplumber's bare text extraction.

    python benchmarks/ingest.py [PDF_OR_DIR ...] [--workers 2]

Default input: ../shared/corpus. Prints pages/s for
  * the whole pipeline (extract + enrich + passages + embed + store, as `boardpapers index`
    runs it: 2 extraction processes, embedding in the parent), model loaded beforehand;
  * pdfplumber ``page.extract_text()`` on every page of the same files;
and the ratio. Also the extraction-only and embedding-only shares. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract  # noqa: E402
from service.embed import get_embedder  # noqa: E402
from service.indexer import Indexer, collect_pdfs  # noqa: E402
from service.passages import build_passages  # noqa: E402
from service.store import open_store  # noqa: E402


def pdfplumber_pages(files: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages = 0
    t = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                pages += 1
    return pages, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT.parent / "shared" / "corpus"])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    files, missing = collect_pdfs(args.paths)
    if missing or not files:
        sys.exit(f"no PDFs found in {args.paths}")

    t = time.perf_counter()
    embedder = get_embedder("torch")
    embedder.encode(["load the model"])
    load = time.perf_counter() - t

    base_pages, base_s = pdfplumber_pages(files)

    with tempfile.TemporaryDirectory(prefix="bp-ingest-") as tmp:
        store = open_store(Path(tmp))
        t = time.perf_counter()
        summary = Indexer(store, embedder=embedder, workers=args.workers).run(files)
        pipe_s = time.perf_counter() - t
        pages = sum(r.page_count for r in store.list_packs())
        passages = store.counts()["passages"]
        store.close()
    if not summary.ok:
        print("failures:", [f.line() for f in summary.files if f.status == "failed"])

    # shares: extraction alone (in-process, one core) and embedding alone
    t = time.perf_counter()
    packs = [extract(f).pack for f in files]
    extract_s = time.perf_counter() - t
    texts = [p.embed_text() for pack in packs if pack for p in build_passages(pack)]
    t = time.perf_counter()
    embedder.encode(texts, batch_size=64)
    embed_s = time.perf_counter() - t

    pipe_rate = pages / pipe_s
    base_rate = base_pages / base_s
    print(
        f"files: {len(files)}, pages: {pages}, passages: {passages} (model load {load:.1f}s, excluded)"
    )
    print(
        f"pipeline (extract+enrich+embed+store, {args.workers} workers): {pipe_s:.1f}s = {pipe_rate:.2f} pages/s"
    )
    print(
        f"pdfplumber extract_text:                         {base_s:.1f}s = {base_rate:.2f} pages/s"
    )
    print(f"ratio pipeline / pdfplumber: {pipe_rate / base_rate:.2f}")
    print(
        f"shares (sequential, 1 process): extract+enrich {extract_s:.1f}s "
        f"({pages / extract_s:.2f} pages/s), embed {len(texts)} passages {embed_s:.1f}s "
        f"({len(texts) / embed_s:.1f} passages/s)"
    )


if __name__ == "__main__":
    main()
