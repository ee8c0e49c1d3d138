"""Front sheet -> Meeting (council, body, date, time, place)."""

from __future__ import annotations

from extract.model import Meeting, PageLayout


def parse_meeting(layouts: list[PageLayout]) -> Meeting:
    return Meeting()
