"""Every list as CSV (``?format=csv`` on the API, ``--format csv`` on the CLI), as Datasette
does: one row per item of the list, a header row, RFC 4180 quoting, UTF-8.

A list view names the list in its JSON and the columns to put first; fields an item has
beyond those are appended (so a field added later is exported too), nested objects become
``parent.child`` columns and lists of plain values one cell joined by ``"; "``.

A text cell that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a leading apostrophe, as OWASP advises against CSV
injection: a passage quoting "=HYPERLINK(...)" is shown, never run. Numbers are left alone.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

FORMATS = ("json", "csv")
CSV_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True, slots=True)
class ListView:
    name: str  # the download's file name starts with it
    key: str  # the list in the route's JSON
    columns: tuple[str, ...]  # the first columns, in order (the header of an empty list)

    def filename(self, fmt: str, *parts: str | None) -> str:
        stem = "-".join([self.name, *(slug(p) for p in parts if p and slug(p))])
        return f"{stem}.{fmt}"


SEARCH = ListView(
    "search",
    "results",
    (
        "rank",
        "score",
        "meeting_date",
        "body",
        "kind",
        "agenda_item",
        "item_title",
        "text",
        "pack",
        "page",
    ),
)
MEETINGS = ListView(
    "meetings",
    "meetings",
    ("pack", "date", "time", "council", "body", "place", "minutes_of", "source"),
)
PACKS = ListView(
    "packs",
    "packs",
    (
        "id",
        "meeting_date",
        "council",
        "body",
        "source",
        "status",
        "page_count",
        "passages",
        "sha256",
        "indexed_at",
    ),
)
FIGURES = ListView(
    "figures",
    "figures",
    (
        "page",
        "agenda_item",
        "text",
        "value",
        "value_max",
        "unit",
        "per",
        "period",
        "about",
        "context",
    ),
)

ALERTS = ListView(
    "alerts",
    "alerts",
    ("id", "query", "body", "kind", "from", "to", "created_at", "matches", "unseen", "feed"),
)

FOLLOWUPS = ListView(
    "followups",
    "followups",
    (
        "status",
        "meeting_date",
        "body",
        "text",
        "due",
        "due_text",
        "to_body",
        "by",
        "source_kind",
        "pack",
        "agenda_item",
        "minute_item",
        "item_title",
        "page",
        "pdf",
        "checked_until",
        "met_by.meeting_date",
        "met_by.body",
        "met_by.agenda_item",
        "met_by.item_title",
        "met_by.pack",
        "met_by.page",
        "met_by.pdf",
    ),
)


def slug(text: str | None, limit: int = 60) -> str:
    """A file-name-safe, ASCII form of ``text`` ("youth centres" -> "youth-centres")."""
    ascii_text = (text or "").encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:limit].strip("-")


def _flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)  # a number (a negative one too) is no formula
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return defused("; ".join(_plain(v) for v in value))
        return defused(json.dumps(value, ensure_ascii=False))
    return defused(str(value))


def _plain(value: Any) -> str:
    """One value of a joined list, before the whole cell is defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def columns(view: ListView, rows: Iterable[dict[str, Any]]) -> list[str]:
    """The view's columns, then any other field the rows carry (in order of appearance)."""
    names = list(view.columns)
    seen = set(names)
    for row in rows:
        for name in row:
            if name not in seen:
                seen.add(name)
                names.append(name)
    return names


def csv_text(view: ListView, data: dict[str, Any]) -> str:
    """The list ``data[view.key]`` as CSV text: a header row, then one row per item."""
    rows = [_flat(item) for item in data.get(view.key) or []]
    header = columns(view, rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180: CRLF, minimal quoting
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in header])
    return buf.getvalue()
