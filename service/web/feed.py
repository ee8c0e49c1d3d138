"""A saved search's matches as an Atom 1.0 feed (RFC 4287) that any feed reader, or a
feed-to-email bridge, can follow: one entry per matching agenda item of a meeting (the
entries of :func:`service.alerts.entries`), each with the meeting, the item, the passage
quoted and a link to the PDF at its page.

Ids are stable: the feed's is a UUID made from its own URL and the saved search's creation
time, an entry's from the feed's and the entry's first match, so a reader never shows an
entry twice.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"


def _uk_date(iso: str | None) -> str:
    """2024-07-08 -> 8 July 2024 (the UI's way); anything else as it is."""
    try:
        d = date.fromisoformat(iso or "")
    except ValueError:
        return iso or "undated"
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _describe(alert: dict[str, Any]) -> str:
    parts = [f"“{alert['query']}”"]
    if alert.get("body"):
        parts.append(f"in {alert['body']}")
    if alert.get("kind"):
        parts.append(f"{alert['kind']} passages")
    if alert.get("from") or alert.get("to"):
        parts.append(f"meetings {alert.get('from') or '…'} to {alert.get('to') or '…'}")
    return ", ".join(parts)


def entry_title(entry: dict[str, Any]) -> str:
    """ "8 July 2024, Cabinet: item 6, Youth Service Review" (what a reader lists)."""
    item = entry.get("item_title") or ""
    number = f"item {entry['agenda_item']}" if entry.get("agenda_item") else ""
    what = ", ".join(x for x in (number, item) if x) or f"page {entry.get('page')}"
    where = ", ".join(x for x in (_uk_date(entry.get("meeting_date")), entry.get("body")) if x)
    return f"{where}: {what}"


def atom_feed(show: dict[str, Any], base_url: str) -> bytes:
    """The Atom document of ``show`` (:func:`service.alerts.show_view`) with links made
    absolute against ``base_url`` (``http://host:port``)."""
    base = base_url.rstrip("/")
    alert, entries = show["alert"], show["entries"]
    self_url = f"{base}{alert['feed']}"
    feed_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{self_url}@{alert['created_at']}")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_id.urn)
    _sub(feed, "title", f"boardpapers alert: {_describe(alert)}")
    _sub(feed, "subtitle", "New matches of a saved search in the indexed agenda packs")
    updated = max([e["matched_at"] for e in entries] + [alert["created_at"]])
    _sub(feed, "updated", updated)
    author = _sub(feed, "author")
    _sub(author, "name", "boardpapers")
    _sub(feed, "link", rel="self", type=MEDIA_TYPE, href=self_url)
    _sub(feed, "generator", "boardpapers")
    for e in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", uuid.uuid5(feed_id, str(e["id"])).urn)
        _sub(entry, "title", entry_title(e))
        _sub(entry, "updated", e["matched_at"])
        _sub(entry, "link", rel="alternate", type="application/pdf", href=f"{base}{e['pdf_url']}")
        _sub(entry, "link", rel="related", type="text/html", href=f"{base}{e['meeting_url']}")
        _sub(entry, "category", term=e["kind"])
        _sub(entry, "summary", e["quote"], type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
