"""The fixed stages, in order: pages -> layout -> structure -> enrich -> status.

``extract`` always returns an :class:`ExtractResult` envelope: a file that
cannot be read at all is a FAILURE with a one-line reason; a pack with bad or
text-less pages is PARTIAL; otherwise SUCCESS. It never raises for bad input.
"""

from __future__ import annotations

import time
from pathlib import Path

from extract.errors import BoardpapersError
from extract.layout import layout
from extract.model import (
    ErrorItem,
    ExtractResult,
    Pack,
    PageInfo,
    PageLayout,
    Status,
)
from extract.pages import PagesResult, read_pages
from extract.settings import ExtractSettings
from extract.structure.agenda import parse_agenda
from extract.structure.documents import segment
from extract.structure.front import parse_meeting
from extract.structure.minutes import parse_minutes
from extract.structure.reports import parse_report


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = None
    for n in sorted(numbers):
        if start is None:
            start = prev = n
        elif prev is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(out)


def assemble(pages: PagesResult, layouts: list[PageLayout]) -> Pack:
    """Structure stage: front sheet, agenda, documents, minutes and reports."""
    meeting = parse_meeting(layouts)
    agenda = parse_agenda(layouts)
    seg = segment(layouts, agenda)
    by_number = {p.number: p for p in layouts}
    pack = Pack(
        source=Path(pages.source).name,
        sha256=pages.sha256,
        page_count=len(pages.pages),
        meeting=meeting,
        agenda=agenda,
        documents=seg.documents,
        blank_pages=seg.blank_pages,
    )
    for doc in seg.documents:
        doc_pages = [by_number[n] for n in range(doc.pages[0], doc.pages[1] + 1) if n in by_number]
        if doc.kind == "minutes":
            minutes = parse_minutes(doc_pages, doc.agenda_item)
            if minutes is not None:
                pack.minutes.append(minutes)
        elif doc.kind == "report":
            report = parse_report(doc_pages, doc.agenda_item)
            if report is not None:
                pack.reports.append(report)
    pack.pages = [
        PageInfo(
            number=p.number,
            ocr=p.ocr,
            has_text=bool(p.lines),
            agenda_item=seg.page_items.get(p.number),
            text="\n".join(line.text for line in p.lines),
        )
        for p in layouts
    ]
    return pack


def extract(path: str | Path, settings: ExtractSettings | None = None) -> ExtractResult:
    settings = settings or ExtractSettings()
    path = Path(path)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        pages = read_pages(path, settings)
    except BoardpapersError as exc:
        return ExtractResult(
            source=str(path),
            status=Status.FAILURE,
            pack=None,
            errors=[ErrorItem("pages", exc.message)],
        )
    except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return ExtractResult(
            source=str(path),
            status=Status.FAILURE,
            pack=None,
            errors=[ErrorItem("pages", f"unreadable PDF ({reason})")],
        )
    timings["pages"] = time.perf_counter() - t0
    errors = list(pages.errors)

    if settings.ocr and pages.textless_pages:
        from extract.ocr import ocr_pages  # lazy: only packs with scanned pages need it

        errors.extend(ocr_pages(path, pages))

    textless = pages.textless_pages
    if not pages.has_any_text:
        reason = (
            f"no text layer on pages {_ranges(textless)}"
            if textless
            else f"no text on any page ({len(pages.pages)} empty pages)"
        )
        return ExtractResult(
            source=str(path),
            status=Status.FAILURE,
            pack=None,
            errors=errors + [ErrorItem("pages", reason)],
            timings=timings,
        )
    if textless:
        errors.append(ErrorItem("pages", f"no text layer on pages {_ranges(textless)}"))

    t = time.perf_counter()
    layouts = layout(pages.pages)
    timings["layout"] = time.perf_counter() - t

    t = time.perf_counter()
    try:
        pack = assemble(pages, layouts)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return ExtractResult(
            source=str(path),
            status=Status.FAILURE,
            pack=None,
            errors=errors + [ErrorItem("structure", f"structure parsing failed: {reason}")],
            timings=timings,
        )
    timings["structure"] = time.perf_counter() - t

    if settings.enrich:
        from extract.enrich import enrich  # lazy: spaCy loads only when asked for

        t = time.perf_counter()
        try:
            errors.extend(enrich(pack, path, settings))
        except Exception as exc:  # noqa: BLE001
            reason = " ".join(str(exc).split()) or type(exc).__name__
            errors.append(ErrorItem("enrich", f"enrichment failed: {reason}"))
        timings["enrich"] = time.perf_counter() - t

    timings["total"] = time.perf_counter() - t0
    status = Status.PARTIAL if errors else Status.SUCCESS
    return ExtractResult(source=str(path), status=status, pack=pack, errors=errors, timings=timings)
