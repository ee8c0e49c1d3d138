"""Split a pack into documents (minutes, reports, other) by agenda page ranges and stamps."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import AgendaItem, Document, PageLayout


@dataclass(slots=True)
class Segmentation:
    documents: list[Document] = field(default_factory=list)
    blank_pages: list[int] = field(default_factory=list)
    page_items: dict[int, str | None] = field(default_factory=dict)  # page -> agenda item


def segment(layouts: list[PageLayout], agenda: list[AgendaItem]) -> Segmentation:
    blank = [p.number for p in layouts if p.blank]
    return Segmentation(blank_pages=blank)
