"""Officer report -> Report (header table, recommendations, sections)."""

from __future__ import annotations

from extract.model import PageLayout, Report


def parse_report(layouts: list[PageLayout], agenda_item: str | None) -> Report | None:
    return None
