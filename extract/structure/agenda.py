"""Numbered agenda with "(Pages X - Y)" -> AgendaItem list."""

from __future__ import annotations

from extract.model import AgendaItem, PageLayout


def parse_agenda(layouts: list[PageLayout]) -> list[AgendaItem]:
    return []
