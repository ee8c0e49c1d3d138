"""Minutes document -> Minutes (recorded date, attendance, items, resolutions)."""

from __future__ import annotations

from extract.model import Minutes, PageLayout


def parse_minutes(layouts: list[PageLayout], agenda_item: str | None) -> Minutes | None:
    return None
