"""The fixed stages, in order: pages -> layout -> structure -> enrich -> status.

Two public stages, each returning the one envelope (:class:`ExtractResult`):

* :func:`structure_pack` (a file -> envelope): pages, OCR, layout and structure;
* :func:`enrich_pack` (an envelope -> envelope): entities, figures and tables.

``extract`` composes them. A file that cannot be read at all is a FAILURE with a
one-line reason; a pack with bad or text-less pages is PARTIAL; otherwise SUCCESS
(decided in one place, :func:`_status`). Nothing here raises for bad input.
"""

from __future__ import annotations

import time
from pathlib import Path

from extract.errors import BoardpapersError, one_line
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
from extract.structure.front import council_in_logo, parse_meeting
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
    _dated_by_report(pack, layouts)
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


def _dated_by_report(pack: Pack, layouts: list[PageLayout]) -> None:
    """A file that is one report from its first page, with no agenda: when the report's own
    header names the meeting's date ("CABINET – 11 MARCH 2026" over the title), that header
    is what dated the meeting, even when a title-block reader found the date first."""
    first = next((p.number for p in layouts if p.lines), None)
    if pack.agenda or not pack.documents or not pack.reports or first is None:
        return
    doc, report = pack.documents[0], pack.reports[0]
    if (
        doc.kind == "report"
        and doc.pages[0] == first == report.pages[0]
        and report.dated_by == "report_header"
        and report.date == pack.meeting.date
    ):
        pack.meeting.dated_by = "report_header"


def _status(errors: list[ErrorItem]) -> Status:
    """The one place status is decided for a pack that was read: PARTIAL with any error."""
    return Status.PARTIAL if errors else Status.SUCCESS


def _failure(
    path: Path, errors: list[ErrorItem], timings: dict[str, float] | None = None
) -> ExtractResult:
    return ExtractResult(
        source=str(path), status=Status.FAILURE, pack=None, errors=errors, timings=timings or {}
    )


def add_errors(result: ExtractResult, errors: list[ErrorItem]) -> ExtractResult:
    """``result`` with more error items (a stage that failed outside the pipeline, e.g. in a
    worker process that died), its status decided again."""
    result.errors.extend(errors)
    if result.pack is not None:
        result.status = _status(result.errors)
    return result


def _read(path: Path, settings: ExtractSettings) -> PagesResult | ExtractResult:
    """Pages (OCR where there is no text layer), or the FAILURE envelope."""
    try:
        pages = read_pages(path, settings)
    except BoardpapersError as exc:
        return _failure(path, [ErrorItem("pages", exc.message)])
    except Exception as exc:  # noqa: BLE001 - never a traceback for bad input
        return _failure(path, [ErrorItem("pages", f"unreadable PDF ({one_line(exc)})")])
    if settings.ocr and pages.textless_pages:
        from extract.ocr import ocr_pages  # lazy: only packs with scanned pages need it

        pages.errors.extend(ocr_pages(path, pages))
    return pages


def structure_pack(path: str | Path, settings: ExtractSettings | None = None) -> ExtractResult:
    """Stages pages -> layout -> structure of one file: the envelope with the Pack, no
    enrichment (no spaCy). Never raises for bad input."""
    settings = settings or ExtractSettings()
    path = Path(path)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    pages = _read(path, settings)
    if isinstance(pages, ExtractResult):
        return pages
    timings["pages"] = time.perf_counter() - t0
    errors = list(pages.errors)
    textless = pages.textless_pages
    if not pages.has_any_text:
        reason = (
            f"no text layer on pages {_ranges(textless)}"
            if textless
            else f"no text on any page ({len(pages.pages)} empty pages)"
        )
        return _failure(path, errors + [ErrorItem("pages", reason)], timings)
    if textless:
        errors.append(ErrorItem("pages", f"no text layer on pages {_ranges(textless)}"))

    t = time.perf_counter()
    layouts = layout(pages.pages)
    timings["layout"] = time.perf_counter() - t

    t = time.perf_counter()
    try:
        pack = assemble(pages, layouts)
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the file
        reason = f"structure parsing failed: {one_line(exc)}"
        return _failure(path, errors + [ErrorItem("structure", reason)], timings)
    if settings.ocr and pack.meeting.council is None:
        pack.meeting.council = council_in_logo(path, layouts)  # printed only in a logo
    timings["structure"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    return ExtractResult(
        source=str(path), status=_status(errors), pack=pack, errors=errors, timings=timings
    )


def enrich_pack(result: ExtractResult, settings: ExtractSettings | None = None) -> ExtractResult:
    """The enrich stage (entities, figures, tables) on a structured envelope: the same
    envelope, its pack enriched and its status decided again. A FAILURE passes through."""
    if result.pack is None:
        return result
    settings = settings or ExtractSettings()
    from extract.enrich import enrich  # lazy: spaCy loads only when asked for

    t = time.perf_counter()
    try:
        errors = enrich(result.pack, Path(result.source), settings)
    except Exception as exc:  # noqa: BLE001 - an error item, never a raise
        errors = [ErrorItem("enrich", f"enrichment failed: {one_line(exc)}")]
    seconds = time.perf_counter() - t
    result.timings["enrich"] = seconds
    result.timings["total"] = result.timings.get("total", 0.0) + seconds
    return add_errors(result, errors)


def extract(path: str | Path, settings: ExtractSettings | None = None) -> ExtractResult:
    """Every stage: :func:`structure_pack`, then :func:`enrich_pack` when
    ``settings.enrich``."""
    settings = settings or ExtractSettings()
    result = structure_pack(path, settings)
    return enrich_pack(result, settings) if settings.enrich else result
